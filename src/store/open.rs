//! Opening a store: for a build (its lock, the one transaction, the schema and the version checks,
//! a new store written beside the old file as `<store>.new` and renamed over it on commit) or for
//! reading (refusing a file that is not a relgraph store, or an older one).

use super::error::sql_error;
use super::lock::BuildLock;
use super::{sibling, state, Store, StoreError};
use rusqlite::{params, Connection};
use std::path::{Path, PathBuf};

/// Bumped whenever extraction changes what it yields, so stored facts are re-read, not reused.
/// (4: the names are stored apart, before the facts, so reading them skips the facts' pages.
/// 5: stray NULs and C1 controls are read as spaces; the same bytes under two paths are kept
/// under the smallest.)
pub const FACTS_VERSION: &str = "6";

/// Bumped whenever the tables computed from the facts change shape: they are then made again.
const SCHEMA_VERSION: &str = "2";

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

/// Whether a build of the store at `path` builds on what is there: false when there is nothing,
/// or a store whose first build did not finish. A file that is not a relgraph store is refused.
fn builds_on(path: &Path) -> Result<bool, StoreError> {
    if !path.exists() {
        return Ok(false);
    }
    Store::open_existing(path)
        .map(|_| true)
        .or_else(|e| match e {
            // a store whose first build did not finish is as good as none
            StoreError::Unfinished(_) => Ok(false),
            // an older relgraph's store is read again from scratch (`make_tables`)
            StoreError::Outdated(_) => Ok(true),
            e => Err(e),
        })
}

/// Where a new store is written: `<store>.new` beside `path`, cleared of what a killed build of
/// a new store left.
fn new_beside(path: &Path) -> Result<PathBuf, StoreError> {
    let file = sibling(path, ".new");
    let leftovers = ["-journal", "-wal", "-shm"].map(|s| sibling(&file, s));
    for stale in std::iter::once(file.clone()).chain(leftovers) {
        remove_if_there(&stale)?;
    }
    Ok(file)
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
        let in_place = builds_on(path)? && !fresh;
        let (file, rename_to) = match in_place {
            true => (path.to_path_buf(), None),
            false => (new_beside(path)?, Some(path.to_path_buf())),
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
        store.make_tables(fresh)?;
        Ok(store)
    }

    /// Makes the tables a build writes, inside its transaction: emptied first when `fresh`, the
    /// derived ones made again when their shape changed (`SCHEMA_VERSION`), and every table
    /// emptied when extraction changed (`FACTS_VERSION`).
    fn make_tables(&self, fresh: bool) -> Result<(), StoreError> {
        self.exec("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);")?;
        if fresh {
            // the tables are made again below, empty
            self.exec(DERIVED)?;
            self.exec(
                "DROP TABLE IF EXISTS filings; DROP TABLE IF EXISTS seen; DELETE FROM meta;",
            )?;
        }
        if self.meta("schema")?.as_deref() != Some(SCHEMA_VERSION) {
            self.exec(DERIVED)?;
            self.set_meta("schema", SCHEMA_VERSION)?;
        }
        self.exec(SCHEMA)?;
        self.exec(state::SCHEMA)?;
        let version = self.meta("facts_version")?;
        if version.as_deref() != Some(FACTS_VERSION) {
            // the filings table is made again: its columns may have changed with the version
            self.exec("DROP TABLE filings;")?;
            self.exec(SCHEMA)?;
            self.exec(
                "DELETE FROM seen; DELETE FROM nodes; DELETE FROM edges; DELETE FROM warnings;
                 DELETE FROM spellings; DELETE FROM merges; DELETE FROM near_misses;
                 DELETE FROM meta WHERE key = 'graph_inputs';",
            )?;
            self.exec(state::CLEAR)?;
            self.set_meta("facts_version", FACTS_VERSION)?;
        }
        Ok(())
    }

    /// Sets a value of the meta table.
    fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
                params![key, value],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
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
}
