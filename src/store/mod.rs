//! `store`: the graph and the per-filing facts in one embedded SQLite file. Filings are keyed by the
//! hash of their bytes, so building the same files again (from any path, in any order) changes
//! nothing, and a build adds to what earlier builds stored.

use crate::graph::{Edge, GraphWarning, Node, RelGraph};
use crate::model::Facts;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::sync::Mutex;

mod lock;
pub mod state;

pub use lock::{lock_path, BuildLock};

/// Bumped whenever extraction changes what it yields, so stored facts are re-read, not reused.
/// (4: the names are stored apart, before the facts, so reading them skips the facts' pages.
/// 5: stray NULs and C1 controls are read as spaces; the same bytes under two paths are kept
/// under the smallest.)
pub const FACTS_VERSION: &str = "5";
/// Bumped whenever the tables computed from the facts change shape: they are then made again.
const SCHEMA_VERSION: &str = "2";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {path}: {source}")]
    Sql {
        path: String,
        source: rusqlite::Error,
    },
    #[error("store {path}: stored data is unreadable ({detail}); rebuild it with `relgraph build --fresh`")]
    Corrupt { path: String, detail: String },
    #[error("store {0} does not exist; create it with `relgraph build PATH --db {0}`")]
    Missing(String),
    #[error("store {0} was made by another version of relgraph; build it again with `relgraph build PATH --db {0}`")]
    Outdated(String),
    #[error("store {0} is being written by another build; wait for it to end (a build queues with --wait), or give another --db")]
    Busy(String),
    #[error(
        "{path} is not a relgraph store ({detail}); give another --db, or move that file away"
    )]
    Foreign { path: String, detail: String },
    #[error("{0} is not a relgraph store (an empty database: no build of it has finished); give another --db, or move that file away")]
    Unfinished(String),
    #[error("store {path} is damaged ({detail}); move it away and build it again")]
    Damaged { path: String, detail: String },
    #[error("cannot {what} {path}: {source}")]
    Io {
        path: String,
        what: &'static str,
        source: std::io::Error,
    },
}

/// How one entity was resolved, as `relgraph explain` shows it.
#[derive(Debug, Default)]
pub struct Explanation {
    pub spellings: Vec<crate::resolve::Spelling>,
    pub merges: Vec<crate::resolve::Merge>,
    pub near_misses: Vec<crate::resolve::NearMiss>,
}

/// The part of a filing's stored facts that entity resolution reads, stored apart (the `names`
/// column) so that resolution reads a fraction of the bytes.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct StoredNames {
    pub filing: String,
    pub form: String,
    pub parties: Vec<crate::model::Party>,
}

/// How many stored nodes (or edges) there are of each kind, by the kind's name.
pub type KindCounts = BTreeMap<String, usize>;

pub struct Store {
    conn: Connection,
    path: String,
    /// A build's hold on the store (see [`BuildLock`]); none for readers.
    _lock: Option<BuildLock>,
    /// A build of a new store writes it beside the old one (if any): this is where it goes when
    /// the build commits.
    rename_to: Option<std::path::PathBuf>,
}

/// A filing's row: what was read, or why it was skipped.
#[derive(Debug, Clone)]
pub struct FilingRow {
    pub hash: String,
    pub path: String,
    pub form: String,
    pub status: String,
    pub reason: Option<String>,
    pub facts: Option<Facts>,
}

/// The error for stored data that cannot be read back, naming the store at `path`.
fn corrupt_at(path: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        path: path.to_string(),
        detail: e.to_string(),
    }
}

/// What can go wrong inside a write transaction.
enum TxError {
    Sql(rusqlite::Error),
    Json(serde_json::Error),
}

impl From<rusqlite::Error> for TxError {
    fn from(e: rusqlite::Error) -> TxError {
        TxError::Sql(e)
    }
}

impl From<serde_json::Error> for TxError {
    fn from(e: serde_json::Error) -> TxError {
        TxError::Json(e)
    }
}

/// Sorts (hash, facts) in the order resolution reads filings: by filing, then path, then hash.
fn in_resolution_order(rows: &mut [(String, Facts)]) {
    rows.sort_by(|(ha, a), (hb, b)| (&a.filing, &a.path, ha).cmp(&(&b.filing, &b.path, hb)));
}

/// How many graph rows are serialised (in parallel) before they are inserted.
const JSON_SLICE: usize = 4096;

/// Each item as JSON, on every core, in order.
fn to_json<T: serde::Serialize + Sync>(items: &[&T]) -> Vec<serde_json::Result<String>> {
    use rayon::prelude::*;
    items.par_iter().map(serde_json::to_string).collect()
}

/// Gives `write` each item with its JSON, in order. The JSON is made a slice at a time on other
/// threads while the slice before is written, so the JSON of the whole graph is never held at
/// once and the single writer does not wait for it.
fn write_as_json<T: serde::Serialize + Sync>(
    items: &[&T],
    mut write: impl FnMut(&T, String) -> Result<(), TxError>,
) -> Result<(), TxError> {
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel(2);
        scope.spawn(move || {
            for slice in items.chunks(JSON_SLICE) {
                if tx.send(to_json(slice)).is_err() {
                    break; // the writer stopped on an error
                }
            }
        });
        for (slice, jsons) in items.chunks(JSON_SLICE).zip(rx) {
            for (item, json) in slice.iter().zip(jsons) {
                write(item, json?)?;
            }
        }
        Ok(())
    })
}

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

/// What identifies a file's bytes without reading them: its size, modification and change times
/// (ns) and inode, as `make` and git use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stat {
    pub size: u64,
    pub mtime: i64,
    pub ctime: i64,
    pub inode: u64,
}

impl Stat {
    /// None where the platform does not give all four (every file is then read).
    pub fn of(meta: &std::fs::Metadata) -> Option<Stat> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(Stat {
                size: meta.len(),
                mtime: meta.mtime() * 1_000_000_000 + meta.mtime_nsec(),
                ctime: meta.ctime() * 1_000_000_000 + meta.ctime_nsec(),
                inode: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            None
        }
    }

    /// Whether the file was last changed long enough ago to vouch for its bytes: a file changed in
    /// the second it was hashed could change again with the same times ("racily clean" in git).
    pub fn settled(&self) -> bool {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i64);
        now - self.mtime.max(self.ctime) > 2_000_000_000
    }
}

/// A file's metadata when it was hashed, and the hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub stat: Stat,
    pub hash: String,
}

/// A filing's row as written: the facts already serialised (so workers can do it in parallel).
#[derive(Debug, Clone)]
pub struct StoredRow {
    pub hash: String,
    pub path: String,
    pub form: String,
    pub status: String,
    pub reason: Option<String>,
    pub facts_json: Option<String>,
    /// [`StoredNames`] as JSON.
    pub names_json: Option<String>,
}

/// What the store holds of a filing, without its facts.
#[derive(Debug, Clone)]
pub struct Known {
    pub path: String,
    pub form: String,
    pub status: String,
    pub reason: Option<String>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS filings(hash TEXT PRIMARY KEY, path TEXT NOT NULL, form TEXT NOT NULL,
    status TEXT NOT NULL, reason TEXT, names TEXT, facts TEXT);
CREATE TABLE IF NOT EXISTS seen(path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL,
    ctime INTEGER NOT NULL, inode INTEGER NOT NULL, hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nodes(id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS edges(seq INTEGER PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL,
    kind TEXT NOT NULL, rank INTEGER NOT NULL, attrs TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS warnings(seq INTEGER PRIMARY KEY, filing TEXT NOT NULL, path TEXT NOT NULL,
    line INTEGER, message TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS spellings(entity TEXT NOT NULL, name TEXT NOT NULL, filing TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS merges(entity TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, rule TEXT NOT NULL, score REAL NOT NULL);
CREATE TABLE IF NOT EXISTS near_misses(a TEXT NOT NULL, a_entity TEXT NOT NULL, b TEXT NOT NULL, b_entity TEXT NOT NULL,
    reason TEXT NOT NULL, score REAL NOT NULL);
CREATE INDEX IF NOT EXISTS filings_outcome ON filings(hash, path, form, status, reason);
CREATE INDEX IF NOT EXISTS spellings_entity ON spellings(entity);
CREATE INDEX IF NOT EXISTS merges_entity ON merges(entity);
CREATE INDEX IF NOT EXISTS near_misses_a ON near_misses(a_entity);
CREATE INDEX IF NOT EXISTS near_misses_b ON near_misses(b_entity);
CREATE UNIQUE INDEX IF NOT EXISTS edges_key ON edges(source, target, rank, attrs);
CREATE INDEX IF NOT EXISTS edges_target ON edges(target);
CREATE INDEX IF NOT EXISTS edges_kind ON edges(kind);
CREATE INDEX IF NOT EXISTS nodes_kind ON nodes(kind);
";

/// The tables computed from the facts, dropped when their shape changes (see SCHEMA_VERSION).
const DERIVED: &str = "DROP TABLE IF EXISTS nodes; DROP TABLE IF EXISTS edges; DROP TABLE IF EXISTS warnings;
    DROP TABLE IF EXISTS spellings; DROP TABLE IF EXISTS merges; DROP TABLE IF EXISTS near_misses;
    DROP TABLE IF EXISTS res_keys; DROP TABLE IF EXISTS res_ids; DROP TABLE IF EXISTS res_aliases;
    DROP TABLE IF EXISTS res_lookups; DROP TABLE IF EXISTS res_by_key; DROP TABLE IF EXISTS res_filings;
    DELETE FROM meta WHERE key IN ('graph_inputs', 'state');";

/// What the error of a statement on the store at `path` means to the user: a file that is not a
/// database, or whose pages are damaged, is named as such rather than shown as SQLite's error.
fn sql_error(path: &str, source: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    match source.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::Foreign {
            path: path.to_string(),
            detail: "the file is not an SQLite database".into(),
        },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
            path: path.to_string(),
            detail: source.to_string(),
        },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            StoreError::Busy(path.to_string())
        }
        _ => StoreError::Sql {
            path: path.to_string(),
            source,
        },
    }
}

/// `path` with `suffix` added to its file name.
fn sibling(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    p.into()
}

/// Removes a file if it is there.
fn remove_if_there(path: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(StoreError::Io {
            path: path.display().to_string(),
            what: "remove",
            source,
        }),
    }
}

impl Store {
    /// Opens (creating if needed) the store for a build and begins the build's one transaction:
    /// nothing it writes is seen, by queries or after a crash, until [`Store::commit`]. A build
    /// killed at any moment leaves the store as the last build left it.
    ///
    /// - A store that has a previous build's content is written in place, in SQLite's
    ///   write-ahead-log mode: queries meanwhile read the store as it was.
    /// - A new store, or a `fresh` one, is written beside the old file as `<store>.new` (new
    ///   pages need no journal, where a log would write every page twice), then renamed over it.
    ///
    /// Another build of the same store makes this one fail at once with [`StoreError::Busy`],
    /// or (`wait`) wait for it.
    pub fn open_for_build(path: &Path, fresh: bool, wait: bool) -> Result<Store, StoreError> {
        let lock = BuildLock::take(path, wait)?;
        let in_place = match path.exists() {
            true => Store::open_existing(path)
                .map(|_| true)
                .or_else(|e| match e {
                    // a store whose first build did not finish is as good as none
                    StoreError::Unfinished(_) => Ok(false),
                    // an older relgraph's store is read again from scratch below
                    StoreError::Outdated(_) => Ok(true),
                    e => Err(e),
                })?,
            false => false,
        } && !fresh;
        let (file, rename_to) = match in_place {
            true => (path.to_path_buf(), None),
            false => {
                let file = sibling(path, ".new");
                // what a killed build of a new store left
                let leftovers = ["-journal", "-wal", "-shm"].map(|s| sibling(&file, s));
                for stale in std::iter::once(file.clone()).chain(leftovers) {
                    remove_if_there(&stale)?;
                }
                (file, Some(path.to_path_buf()))
            }
        };
        let p = file.display().to_string();
        let conn = Connection::open(&file).map_err(|e| sql_error(&p, e))?;
        conn.set_prepared_statement_cache_capacity(64);
        let mut store = Store {
            conn,
            path: p,
            _lock: Some(lock),
            rename_to,
        };
        store.wait_for_readers()?;
        // NORMAL: a commit survives the process dying (an OS crash could lose the last one,
        // never corrupt the file); a larger page cache keeps big builds off the disk.
        let journal = if in_place { "WAL" } else { "DELETE" };
        store.exec(&format!(
            "PRAGMA journal_mode = {journal}; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;"
        ))?;
        store.exec("BEGIN IMMEDIATE")?;
        store
            .exec("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);")?;
        if fresh {
            // the tables are made again below, empty
            store.exec(DERIVED)?;
            store.exec(
                "DROP TABLE IF EXISTS filings; DROP TABLE IF EXISTS seen; DELETE FROM meta;",
            )?;
        }
        if store.meta("schema")?.as_deref() != Some(SCHEMA_VERSION) {
            store.exec(DERIVED)?;
            store
                .conn
                .execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', ?1)",
                    params![SCHEMA_VERSION],
                )
                .map_err(|e| store.err(e))?;
        }
        store.exec(SCHEMA)?;
        store.exec(state::SCHEMA)?;
        let version = store.meta("facts_version")?;
        if version.as_deref() != Some(FACTS_VERSION) {
            // the filings table is made again: its columns may have changed with the version
            store.exec("DROP TABLE filings;")?;
            store.exec(SCHEMA)?;
            store.exec(
                "DELETE FROM seen; DELETE FROM nodes; DELETE FROM edges; DELETE FROM warnings;
                 DELETE FROM spellings; DELETE FROM merges; DELETE FROM near_misses;
                 DELETE FROM meta WHERE key = 'graph_inputs';",
            )?;
            store.exec(state::CLEAR)?;
            store
                .conn
                .execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('facts_version', ?1)",
                    params![FACTS_VERSION],
                )
                .map_err(|e| store.err(e))?;
        }
        Ok(store)
    }

    /// Ends a build: what it wrote becomes the store, at once and whole.
    pub fn commit(self) -> Result<(), StoreError> {
        self.exec("COMMIT")?;
        let Store {
            conn,
            path,
            _lock,
            rename_to,
        } = self;
        let Some(to) = rename_to else {
            return Ok(());
        };
        // the new store is read, and later built on, in write-ahead-log mode like any other
        conn.execute_batch("PRAGMA journal_mode = WAL;")
            .map_err(|e| sql_error(&path, e))?;
        conn.close().map_err(|(_, e)| sql_error(&path, e))?;
        // The old store's log and its index go with it: left beside the new file, they would be
        // read as its own. (Its readers keep what they opened.)
        for stale in [sibling(&to, "-wal"), sibling(&to, "-shm")] {
            remove_if_there(&stale)?;
        }
        std::fs::rename(&path, &to).map_err(|source| StoreError::Io {
            path: to.display().to_string(),
            what: "replace",
            source,
        })
    }

    /// Statements wait (a while) for another connection's lock instead of failing at once: a
    /// query may open the store just as a build commits.
    fn wait_for_readers(&mut self) -> Result<(), StoreError> {
        self.conn
            .busy_timeout(std::time::Duration::from_secs(30))
            .map_err(|e| self.err(e))
    }

    /// Refuses a file that is not a relgraph store: another program's database, or not a
    /// database at all. A build writes only into a store of its own, or beside the file.
    fn refuse_foreign(&self) -> Result<(), StoreError> {
        let count = |sql: &str| -> Result<i64, StoreError> {
            self.conn
                .query_row(sql, [], |r| r.get(0))
                .map_err(|e| self.err(e))
        };
        let tables = count("SELECT count(*) FROM sqlite_master")?;
        let foreign = |detail: &str| StoreError::Foreign {
            path: self.path.clone(),
            detail: detail.into(),
        };
        if tables == 0 {
            return Err(StoreError::Unfinished(self.path.clone()));
        }
        let has_meta =
            count("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'")?;
        if has_meta == 0 || self.meta("facts_version")?.is_none() {
            return Err(foreign(
                "an SQLite database without relgraph's tables, left as it is",
            ));
        }
        Ok(())
    }

    /// Opens an existing store for reading. A build may be writing it meanwhile: the reader sees
    /// the store as the last finished build left it.
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        let p = path.display().to_string();
        if !path.exists() {
            return Err(StoreError::Missing(p));
        }
        let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| sql_error(&p, e))?;
        conn.set_prepared_statement_cache_capacity(64);
        let mut store = Store {
            conn,
            path: p,
            _lock: None,
            rename_to: None,
        };
        store.wait_for_readers()?;
        store.refuse_foreign()?;
        // a store from an older relgraph: its graph tables have another shape
        if store.meta("schema")?.as_deref() != Some(SCHEMA_VERSION) {
            return Err(StoreError::Outdated(store.path.clone()));
        }
        Ok(store)
    }

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

    /// Stores filings' outcomes in one transaction. The same bytes under several paths keep the
    /// smallest path.
    pub fn put_filings(&mut self, rows: &[StoredRow]) -> Result<(), StoreError> {
        if rows.is_empty() {
            return Ok(());
        }
        self.in_transaction(|tx| {
            let mut insert = tx.prepare_cached(
                "INSERT INTO filings(hash, path, form, status, reason, facts, names) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(hash) DO UPDATE SET path = excluded.path, form = excluded.form,
                 status = excluded.status, reason = excluded.reason, facts = excluded.facts,
                 names = excluded.names WHERE excluded.path <= filings.path",
            )?;
            for r in rows {
                insert.execute(params![
                    r.hash,
                    r.path,
                    r.form,
                    r.status,
                    r.reason,
                    r.facts_json,
                    r.names_json
                ])?;
            }
            Ok(())
        })
    }

    /// What the store knows of each filing it holds, by hash: enough to report it without reading
    /// it again.
    pub fn known_filings(&self) -> Result<std::collections::HashMap<String, Known>, StoreError> {
        let rows = self.rows(
            "SELECT hash, path, form, status, reason FROM filings",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    Known {
                        path: r.get(1)?,
                        form: r.get(2)?,
                        status: r.get(3)?,
                        reason: r.get(4)?,
                    },
                ))
            },
        )?;
        Ok(rows.into_iter().collect())
    }

    /// The metadata of every file hashed before, by path.
    pub fn seen_files(&self) -> Result<std::collections::HashMap<String, Seen>, StoreError> {
        let rows = self.rows(
            "SELECT path, size, mtime, ctime, inode, hash FROM seen",
            [],
            |r| {
                let stat = Stat {
                    size: r.get::<_, i64>(1)? as u64,
                    mtime: r.get(2)?,
                    ctime: r.get(3)?,
                    inode: r.get::<_, i64>(4)? as u64,
                };
                Ok((
                    r.get::<_, String>(0)?,
                    Seen {
                        stat,
                        hash: r.get(5)?,
                    },
                ))
            },
        )?;
        Ok(rows.into_iter().collect())
    }

    /// Records files' metadata as they were hashed, in one transaction.
    pub fn put_seen(&mut self, seen: &[(String, Seen)]) -> Result<(), StoreError> {
        if seen.is_empty() {
            return Ok(());
        }
        self.in_transaction(|tx| {
            let mut insert = tx.prepare_cached(
                "INSERT OR REPLACE INTO seen(path, size, mtime, ctime, inode, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (path, s) in seen {
                let st = s.stat;
                insert.execute(params![
                    path,
                    st.size as i64,
                    st.mtime,
                    st.ctime,
                    st.inode as i64,
                    s.hash
                ])?;
            }
            Ok(())
        })
    }

    /// Removes every filing whose hash is not in `keep`; returns how many went.
    pub fn prune(&mut self, keep: &std::collections::HashSet<String>) -> Result<usize, StoreError> {
        let stored = self.rows("SELECT hash FROM filings", [], |r| r.get::<_, String>(0))?;
        let gone: Vec<&String> = stored.iter().filter(|h| !keep.contains(*h)).collect();
        self.in_transaction(|tx| {
            let mut delete = tx.prepare_cached("DELETE FROM filings WHERE hash = ?1")?;
            for h in &gone {
                delete.execute(params![h])?;
            }
            Ok(gone.len())
        })
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

    /// Every stored filing, read or skipped, by path.
    pub fn filings(&self) -> Result<Vec<FilingRow>, StoreError> {
        let rows = self.rows(
            "SELECT hash, path, form, status, reason, facts FROM filings ORDER BY path, hash",
            [],
            |r| {
                Ok((
                    FilingRow {
                        hash: r.get(0)?,
                        path: r.get(1)?,
                        form: r.get(2)?,
                        status: r.get(3)?,
                        reason: r.get(4)?,
                        facts: None,
                    },
                    r.get::<_, Option<String>>(5)?,
                ))
            },
        )?;
        rows.into_iter()
            .map(|(row, facts)| {
                let facts = facts
                    .map(|j| serde_json::from_str(&j))
                    .transpose()
                    .map_err(|e| self.corrupt(e))?;
                Ok(FilingRow { facts, ..row })
            })
            .collect()
    }

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
        const BATCH: usize = 64;
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
            let read = (|| -> Result<(), StoreError> {
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
            })();
            drop(tx);
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
            read?;
            first_error.map_or(Ok(states), Err)
        })
    }

    /// Replaces the stored graph.
    pub fn put_graph(&mut self, g: &RelGraph) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            // Rows go in faster without their indexes; the indexes are built once at the end.
            tx.execute_batch(
                "DELETE FROM nodes; DELETE FROM edges; DELETE FROM warnings;
                 DROP INDEX IF EXISTS edges_key; DROP INDEX IF EXISTS edges_target;
                 DROP INDEX IF EXISTS edges_kind;",
            )?;
            let nodes: Vec<&Node> = g.nodes().collect();
            let mut insert =
                tx.prepare_cached("INSERT INTO nodes(id, name, kind, data) VALUES (?1, ?2, ?3, ?4)")?;
            write_as_json(&nodes, |n, data| {
                insert.execute(params![n.id, n.name, n.kind.as_str(), data])?;
                Ok(())
            })?;
            let edges: Vec<&Edge> = g.edges().collect();
            write_as_json(&edges, |e, data| {
                let attrs = e.statement.attributes_json();
                state::insert_edge_row(tx, e, &attrs, &data)
            })?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO warnings(seq, filing, path, line, message) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (seq, w) in g.warnings.iter().enumerate() {
                let line = w.line.map(|l| l as i64);
                insert.execute(params![seq as i64, w.filing, w.path, line, w.message])?;
            }
            tx.execute_batch(
                "CREATE UNIQUE INDEX edges_key ON edges(source, target, rank, attrs);
                 CREATE INDEX edges_target ON edges(target); CREATE INDEX edges_kind ON edges(kind);",
            )?;
            Ok(())
        })
    }

    /// Replaces the stored explanation of the resolution: spellings, merges, near-misses.
    pub fn put_resolution(&mut self, r: &crate::resolve::Resolution) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            tx.execute_batch(
                "DELETE FROM spellings; DELETE FROM merges; DELETE FROM near_misses;",
            )?;
            state::write_resolution(tx, &r.spellings, &r.merges, &r.near_misses)?;
            Ok(())
        })
    }

    /// Every merge and near-miss of the last resolution, in a fixed order.
    pub fn resolution(
        &self,
    ) -> Result<(Vec<crate::resolve::Merge>, Vec<crate::resolve::NearMiss>), StoreError> {
        let merges = self.rows(
            &format!("SELECT {MERGE_COLUMNS} FROM merges ORDER BY entity, a, b"),
            [],
            merge_row,
        )?;
        let near = self.rows(
            &format!(
                "SELECT {NEAR_MISS_COLUMNS} FROM near_misses ORDER BY a_entity, b_entity, a, b"
            ),
            [],
            near_miss_row,
        )?;
        Ok((merges, near))
    }

    /// The explanation of one entity: its spellings, the merges inside it, and its near-misses.
    pub fn explanation(&self, entity: &str) -> Result<Explanation, StoreError> {
        let spellings = self.rows(
            "SELECT entity, name, filing FROM spellings WHERE entity = ?1 ORDER BY name, filing",
            params![entity],
            |r| {
                Ok(crate::resolve::Spelling {
                    entity: r.get(0)?,
                    name: r.get(1)?,
                    filing: r.get(2)?,
                })
            },
        )?;
        let merges = self.rows(
            &format!("SELECT {MERGE_COLUMNS} FROM merges WHERE entity = ?1 ORDER BY a, b"),
            params![entity],
            merge_row,
        )?;
        let near = self.rows(
            &format!("SELECT {NEAR_MISS_COLUMNS} FROM near_misses WHERE a_entity = ?1 OR b_entity = ?1 ORDER BY score DESC, a, b"),
            params![entity],
            near_miss_row,
        )?;
        Ok(Explanation {
            spellings,
            merges,
            near_misses: near,
        })
    }

    /// A digest of what the graph is computed from: `settings` (the program and the overrides)
    /// and every stored filing's hash, path and status (equal digests, equal graphs); and the same
    /// digest leaving out the filings `leaving_out`. One pass.
    pub fn inputs_digests(
        &self,
        settings: &str,
        leaving_out: &std::collections::HashSet<String>,
    ) -> Result<(String, String), StoreError> {
        use sha2::{Digest, Sha256};
        let mut all = Sha256::new();
        all.update(settings.as_bytes());
        let mut digest = all.clone();
        let mut stmt = self
            .conn
            .prepare("SELECT hash, path, status FROM filings ORDER BY hash")
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let hash: String = r.get(0).map_err(|e| self.err(e))?;
            let kept = !leaving_out.contains(&hash);
            for column in 0..3 {
                let value: String = r.get(column).map_err(|e| self.err(e))?;
                for d in [Some(&mut all), kept.then_some(&mut digest)]
                    .into_iter()
                    .flatten()
                {
                    d.update([0u8]);
                    d.update(value.as_bytes());
                }
            }
        }
        let hex = |d: Sha256| crate::load::hex(&d.finalize());
        Ok((hex(all), hex(digest)))
    }

    /// The inputs digest the stored graph was computed from, if it is known to be current.
    pub fn graph_inputs(&self) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'graph_inputs'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Records the inputs digest of the graph just written, or (None) that the stored graph is
    /// about to change: it is cleared before the graph is rewritten, so a build stopped half way
    /// never leaves a digest that vouches for a graph it did not produce.
    pub fn set_graph_inputs(&mut self, digest: Option<&str>) -> Result<(), StoreError> {
        let result = match digest {
            Some(d) => self.conn.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('graph_inputs', ?1)",
                params![d],
            ),
            None => self
                .conn
                .execute("DELETE FROM meta WHERE key = 'graph_inputs'", []),
        };
        result.map(|_| ()).map_err(|e| self.err(e))
    }

    /// The number of stored nodes and edges of each kind.
    pub fn kind_counts(&self) -> Result<(KindCounts, KindCounts), StoreError> {
        let count = |table: &str| -> Result<KindCounts, StoreError> {
            let rows = self.rows(
                &format!("SELECT kind, count(*) FROM {table} GROUP BY kind"),
                [],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize)),
            )?;
            Ok(rows.into_iter().collect())
        };
        Ok((count("nodes")?, count("edges")?))
    }

    /// The stored graph's warnings, in the graph's order.
    pub fn warnings(&self) -> Result<Vec<GraphWarning>, StoreError> {
        self.rows(
            "SELECT filing, path, line, message FROM warnings ORDER BY filing, path, line, message",
            [],
            |r| {
                Ok(GraphWarning {
                    filing: r.get(0)?,
                    path: r.get(1)?,
                    line: r.get::<_, Option<i64>>(2)?.map(|l| l as usize),
                    message: r.get(3)?,
                })
            },
        )
    }

    /// Reads the stored graph back.
    pub fn graph(&self) -> Result<RelGraph, StoreError> {
        let nodes: Vec<Node> = self.json_rows("SELECT data FROM nodes ORDER BY id")?;
        let edges: Vec<Edge> =
            self.json_rows("SELECT data FROM edges ORDER BY source, target, rank, attrs")?;
        Ok(RelGraph::from_parts(nodes, edges, self.warnings()?))
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

const MERGE_COLUMNS: &str = "entity, a, b, rule, score";
const NEAR_MISS_COLUMNS: &str = "a, a_entity, b, b_entity, reason, score";

fn merge_row(r: &rusqlite::Row) -> rusqlite::Result<crate::resolve::Merge> {
    merge_at(r, 0)
}

/// A merge from the row's columns `MERGE_COLUMNS`, starting at column `at`.
fn merge_at(r: &rusqlite::Row, at: usize) -> rusqlite::Result<crate::resolve::Merge> {
    Ok(crate::resolve::Merge {
        entity: r.get(at)?,
        a: r.get(at + 1)?,
        b: r.get(at + 2)?,
        rule: r.get(at + 3)?,
        score: r.get(at + 4)?,
    })
}

fn near_miss_row(r: &rusqlite::Row) -> rusqlite::Result<crate::resolve::NearMiss> {
    near_miss_at(r, 0)
}

/// A near-miss from the row's columns `NEAR_MISS_COLUMNS`, starting at column `at`.
fn near_miss_at(r: &rusqlite::Row, at: usize) -> rusqlite::Result<crate::resolve::NearMiss> {
    Ok(crate::resolve::NearMiss {
        a: r.get(at)?,
        a_entity: r.get(at + 1)?,
        b: r.get(at + 2)?,
        b_entity: r.get(at + 3)?,
        reason: r.get(at + 4)?,
        score: r.get(at + 5)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
                status: "read".into(),
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
