//! `store`: the graph and the per-filing facts in one embedded SQLite file. Filings are keyed by the
//! hash of their bytes, so building the same files again (from any path, in any order) changes
//! nothing, and a build adds to what earlier builds stored.
//!
//! This file holds the [`Store`] type, what every part of it uses (queries, transactions,
//! snapshots) and the public names; each table's reads and writes have a file of their own:
//!
//! - `open.rs`: opening for a build or for reading, the schema and its versions, the rename of
//!   `<store>.new` on commit; `lock.rs`: one build at a time.
//! - `filings.rs`: the filings and seen tables.
//! - `scatter.rs`: every stored filing parsed and used on every core, in one streaming pass.
//! - `graph.rs`: nodes, edges and warnings; the digest of the graph's inputs.
//! - `resolution.rs`: the resolution's explanation (spellings, merges, near-misses).
//! - `state.rs`: the resolution's state, for incremental builds; `update.rs`: their writes.
//! - `error.rs`: [`StoreError`].

use error::{corrupt_at, sql_error, TxError};
use rusqlite::{params, Connection, OptionalExtension};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

mod error;
mod filings;
mod graph;
mod lock;
mod open;
mod resolution;
mod scatter;
mod state;
mod update;

pub use error::StoreError;
pub use filings::{FilingRow, FilingStatus, Known, Seen, Stat, StoredNames, StoredRow};
pub use graph::KindCounts;
pub use lock::{lock_path, BuildLock};
pub use open::FACTS_VERSION;
pub use resolution::Explanation;
pub use update::{EdgeUpdate, Update};

/// One store: a connection to its file, and for a build, the build's lock and where the file goes
/// when the build commits.
pub struct Store {
    conn: Connection,
    path: String,
    /// A build's hold on the store (see [`BuildLock`]); none for readers.
    _lock: Option<BuildLock>,
    /// A build of a new store writes it beside the old one (if any): this is where it goes when
    /// the build commits.
    rename_to: Option<std::path::PathBuf>,
}

impl Store {
    /// The store's file, as given.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// A value of the meta table, if set.
    fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", params![key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.err(e))
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        sql_error(&self.path, source)
    }

    fn corrupt(&self, e: impl std::fmt::Display) -> StoreError {
        corrupt_at(&self.path, e)
    }

    fn exec(&self, sql: &str) -> Result<(), StoreError> {
        self.conn.execute_batch(sql).map_err(|e| self.err(e))
    }

    /// Runs `body` in one transaction, committed only when it succeeds; its SQL and JSON errors
    /// become store errors naming this store.
    fn in_transaction<T>(
        &mut self,
        body: impl FnOnce(&Connection) -> Result<T, TxError>,
    ) -> Result<T, StoreError> {
        let path = self.path.clone();
        let fail = |e: TxError| match e {
            TxError::Sql(source) => sql_error(&path, source),
            TxError::Json(e) => corrupt_at(&path, e),
        };
        // Inside a build's transaction the body is part of it: a failure fails the build, whose
        // transaction is then undone whole. (A savepoint here would copy every page the body
        // changes into a sub-journal first, for nothing.)
        if !self.conn.is_autocommit() {
            return body(&self.conn).map_err(fail);
        }
        let tx = self.conn.transaction().map_err(|e| fail(e.into()))?;
        let out = body(&tx).map_err(fail)?;
        tx.commit().map_err(|e| fail(e.into()))?;
        Ok(out)
    }

    /// Runs `body` so that what it writes is kept, or undone (when `keep` says so, when it fails
    /// or panics), whole. Outside a transaction it is one, whose reads see one state of the
    /// store and take the file's lock once (a read outside a transaction locks and checks the
    /// file each time); inside a build's transaction it is a savepoint of it.
    pub fn in_snapshot<T>(
        &mut self,
        body: impl FnOnce(&mut Store) -> Result<T, StoreError>,
        keep: impl FnOnce(&T) -> bool,
    ) -> Result<T, StoreError> {
        self.exec("SAVEPOINT snapshot")?;
        let undo = |s: &Store| s.exec("ROLLBACK TO snapshot; RELEASE snapshot");
        // a panic in the body undoes what it wrote too, then goes on to the caller
        let done = std::panic::catch_unwind(AssertUnwindSafe(|| body(&mut *self)));
        match done {
            Ok(Ok(out)) => {
                if !keep(&out) {
                    undo(self)?;
                } else {
                    self.exec("RELEASE snapshot")?;
                }
                Ok(out)
            }
            Ok(Err(e)) => {
                let _ = undo(self);
                Err(e)
            }
            Err(panic) => {
                let _ = undo(self);
                std::panic::resume_unwind(panic)
            }
        }
    }

    /// Runs a query and maps every row, with store errors naming the file.
    fn rows<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        map: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = stmt.query_map(params, map).map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// [`Store::rows`] of a query with one parameter, run for each of `values`, rows in order.
    fn rows_each<'v, T>(
        &self,
        sql: &str,
        values: impl IntoIterator<Item = &'v String>,
        mut map: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        let mut out = Vec::new();
        for v in values {
            out.extend(self.rows(sql, params![v], &mut map)?);
        }
        Ok(out)
    }

    fn json_rows<T: serde::de::DeserializeOwned>(&self, sql: &str) -> Result<Vec<T>, StoreError> {
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let json = row.map_err(|e| self.err(e))?;
            out.push(serde_json::from_str(&json).map_err(|e| self.corrupt(e))?);
        }
        Ok(out)
    }
}

/// `path` with `suffix` added to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    p.into()
}
