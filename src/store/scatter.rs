//! The stored filings read in one streaming pass and used on every core: the reading thread hands
//! batches of rows, over a channel of a few batches, to one worker thread per state, which parses
//! them and uses them with its own state. The facts are never all in memory.

use super::error::corrupt_at;
use super::filings::{in_resolution_order, StoredNames};
use super::{Store, StoreError};
use crate::model::Facts;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender};
use std::sync::Mutex;
use std::thread::ScopedJoinHandle;

/// How many stored rows go to a worker at once.
const BATCH: usize = 64;

/// Stored rows on their way to a worker: hash, path and the facts' JSON.
type Batch = Vec<(String, String, String)>;

/// One of [`Store::scatter`]'s workers: takes batches until the reader closes the channel and
/// gives each to `use_batch` with the worker's state. After an error or a panic it only drains the
/// channel (and says so through `failed`), so the reader never waits on a full channel; the error
/// is returned and the panic carried on at the end.
fn scatter_worker<S>(
    rx: &Mutex<Receiver<Batch>>,
    failed: &AtomicBool,
    mut state: S,
    use_batch: &impl Fn(&mut S, Batch) -> Result<(), StoreError>,
) -> Result<S, StoreError> {
    let mut result = Ok(());
    let mut panic = None;
    loop {
        let batch = rx.lock().unwrap_or_else(|p| p.into_inner()).recv();
        let Ok(batch) = batch else { break };
        if result.is_err() || panic.is_some() {
            continue;
        }
        match std::panic::catch_unwind(AssertUnwindSafe(|| use_batch(&mut state, batch))) {
            Ok(Ok(())) => continue,
            Ok(Err(e)) => result = Err(e),
            Err(p) => panic = Some(p),
        }
        failed.store(true, Ordering::Relaxed);
    }
    if let Some(p) = panic {
        std::panic::resume_unwind(p);
    }
    result.map(|()| state)
}

impl Store {
    /// The names part of every filing read (what resolution needs), with the file's hash, in a
    /// fixed order: by filing, then path, then hash. The rows are parsed on every core.
    pub fn read_names(&self) -> Result<(Vec<Facts>, Vec<String>), StoreError> {
        let workers = (0..rayon::current_num_threads())
            .map(|_| Vec::new())
            .collect();
        let parts = self.scatter("names", workers, |names, hash, path, f: StoredNames| {
            let facts = Facts {
                parties: f.parties,
                ..Facts::new(f.filing, path, f.form)
            };
            names.push((hash, facts));
            Ok(())
        })?;
        let mut names: Vec<(String, Facts)> = parts.into_iter().flatten().collect();
        in_resolution_order(&mut names);
        Ok(names.into_iter().map(|(h, f)| (f, h)).unzip())
    }

    /// Gives the facts of every filing read to one of `states`, one per worker thread, so the
    /// facts are never all in memory and are parsed and used on every core. They arrive in no
    /// fixed order: what `each` builds must not depend on it.
    pub fn scatter_facts<S: Send>(
        &self,
        states: Vec<S>,
        each: impl Fn(&mut S, Facts) -> Result<(), StoreError> + Sync,
    ) -> Result<Vec<S>, StoreError> {
        self.scatter("facts", states, |state, _, path, facts: Facts| {
            each(state, Facts { path, ..facts })
        })
    }

    /// Reads the stored rows here and hands them, in batches, to one worker thread per state,
    /// which parses each row as `T` and gives it to `each` with the worker's state. The channel
    /// holds few batches, so only a few hundred filings are in flight at once. After an error a
    /// worker keeps taking batches without reading them, so the reader never waits on a full
    /// channel; the first error is the result.
    fn scatter<T: serde::de::DeserializeOwned, S: Send>(
        &self,
        column: &str,
        states: Vec<S>,
        each: impl Fn(&mut S, String, String, T) -> Result<(), StoreError> + Sync,
    ) -> Result<Vec<S>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT hash, path, {column} FROM filings WHERE {column} IS NOT NULL ORDER BY hash"
            ))
            .map_err(|e| self.err(e))?;
        let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(4);
        let rx = std::sync::Mutex::new(rx);
        let failed = AtomicBool::new(false);
        // (the store itself cannot cross threads: the workers name it by its path)
        let store_path = self.path.as_str();
        let use_batch = |state: &mut S, batch: Batch| -> Result<(), StoreError> {
            for (hash, path, json) in batch {
                let value = serde_json::from_str(&json).map_err(|e| corrupt_at(store_path, e))?;
                each(state, hash, path, value)?;
            }
            Ok(())
        };
        std::thread::scope(|scope| {
            let workers: Vec<_> = states
                .into_iter()
                .map(|state| scope.spawn(|| scatter_worker(&rx, &failed, state, &use_batch)))
                .collect();
            let read = self.send_rows(&mut stmt, tx, &failed);
            let states = join_workers(workers);
            read?;
            states
        })
    }

    /// The reading side of [`Store::scatter`]: the rows of `stmt` in batches into `tx`, until
    /// they end or a worker fails. The channel closes when this returns.
    fn send_rows(
        &self,
        stmt: &mut rusqlite::Statement,
        tx: SyncSender<Batch>,
        failed: &AtomicBool,
    ) -> Result<(), StoreError> {
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        let mut batch = Vec::with_capacity(BATCH);
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let get = |i| r.get::<_, String>(i).map_err(|e| self.err(e));
            batch.push((get(0)?, get(1)?, get(2)?));
            if batch.len() == BATCH {
                if failed.load(Ordering::Relaxed) {
                    return Ok(()); // a worker's error is the result
                }
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                if tx.send(full).is_err() {
                    return Ok(());
                }
            }
        }
        let _ = tx.send(batch);
        Ok(())
    }
}

/// Waits for every worker of [`Store::scatter`]: their states, or the first error (a worker's
/// panic is carried on).
fn join_workers<S>(
    workers: Vec<ScopedJoinHandle<'_, Result<S, StoreError>>>,
) -> Result<Vec<S>, StoreError> {
    let mut states = Vec::new();
    let mut first_error = None;
    for worker in workers {
        match worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        {
            Ok(state) => states.push(state),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    first_error.map_or(Ok(states), Err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{FilingStatus, StoredRow};

    /// A fresh store in a temporary directory, removed with it.
    fn temp_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let store = Store::open_for_build(&dir.path().join("s.db"), true, false).expect("a store");
        (dir, store)
    }

    fn rows(n: usize, facts_json: impl Fn(usize) -> String) -> Vec<StoredRow> {
        (0..n)
            .map(|i| StoredRow {
                hash: format!("{i:08}"),
                path: format!("f{i:08}.txt"),
                form: "SC 13G".into(),
                status: FilingStatus::Read,
                reason: None,
                facts_json: Some(facts_json(i)),
                names_json: Some(facts_json(i)),
            })
            .collect()
    }

    fn facts(i: usize) -> String {
        serde_json::to_string(&Facts::new(format!("F{i}"), "", "SC 13G")).expect("facts as JSON")
    }

    #[test]
    fn stored_names_come_back_in_order_and_a_workers_error_ends_the_read() {
        let (_dir, mut store) = temp_store();
        // far more rows than the reader may run ahead of the workers
        store.put_filings(&rows(2000, facts)).expect("rows stored");
        let (names, hashes) = store.read_names().expect("every row read");
        assert_eq!(hashes.len(), names.len());
        let filings: Vec<&str> = names.iter().map(|f| f.filing.as_str()).collect();
        let mut sorted = filings.clone();
        sorted.sort();
        assert_eq!(filings.len(), 2000);
        assert_eq!(filings, sorted, "by filing");
        assert!(
            names.iter().all(|f| f.path.starts_with('f')),
            "with the stored path"
        );
        // every filing reaches one worker exactly once
        let counts = store
            .scatter_facts(vec![0usize, 0, 0], |n, _| {
                *n += 1;
                Ok(())
            })
            .expect("every row read");
        assert_eq!(counts.iter().sum::<usize>(), 2000, "{counts:?}");
        // an error from a worker ends the read (no deadlock) and is the result
        let stopped = store.scatter_facts(vec![0usize, 0], |n, _| {
            *n += 1;
            if *n == 10 {
                Err(StoreError::Missing("stop".into()))
            } else {
                Ok(())
            }
        });
        assert!(
            matches!(stopped, Err(StoreError::Missing(_))),
            "{stopped:?}"
        );
    }

    #[test]
    fn a_stored_row_that_is_not_facts_makes_the_read_a_corrupt_store_error() {
        let (_dir, mut store) = temp_store();
        let json = |i: usize| {
            if i == 700 {
                "{\"filing\": ".into()
            } else {
                facts(i)
            }
        };
        store.put_filings(&rows(1500, json)).expect("rows stored");
        let got = store.scatter_facts(vec![(), ()], |_, _| Ok(()));
        assert!(matches!(got, Err(StoreError::Corrupt { .. })), "{got:?}");
        let got = store.read_names();
        assert!(matches!(got, Err(StoreError::Corrupt { .. })), "{got:?}");
    }
}
