//! The filings table (each file's outcome and facts, by the hash of its bytes) and the seen table
//! (the metadata of files when they were hashed, so an unchanged file is not opened again).

use super::error::corrupt_at;
use super::{Store, StoreError};
use crate::model::Facts;
use rusqlite::params;
use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use std::collections::{BTreeSet, HashMap, HashSet};

/// What became of a stored filing: read, skipped (a form relgraph does not read yet) or failed.
/// Stored, and exported, as "read", "skipped" and "failed".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FilingStatus {
    Read,
    Skipped,
    Failed,
}

impl FilingStatus {
    /// The status as stored and exported.
    pub fn as_str(self) -> &'static str {
        match self {
            FilingStatus::Read => "read",
            FilingStatus::Skipped => "skipped",
            FilingStatus::Failed => "failed",
        }
    }

    /// The status stored as `s`: anything but "read" and "skipped" is a failure.
    pub fn from_stored(s: &str) -> FilingStatus {
        match s {
            "read" => FilingStatus::Read,
            "skipped" => FilingStatus::Skipped,
            _ => FilingStatus::Failed,
        }
    }
}

impl ToSql for FilingStatus {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for FilingStatus {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<FilingStatus> {
        value.as_str().map(FilingStatus::from_stored)
    }
}

/// A filing's row as written: the facts already serialised (so workers can do it in parallel).
#[derive(Debug, Clone)]
pub struct StoredRow {
    pub hash: String,
    pub path: String,
    pub form: String,
    pub status: FilingStatus,
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
    pub status: FilingStatus,
    pub reason: Option<String>,
}

/// A filing's row: what was read, or why it was skipped.
#[derive(Debug, Clone)]
pub struct FilingRow {
    pub hash: String,
    pub path: String,
    pub form: String,
    pub status: FilingStatus,
    pub reason: Option<String>,
    pub facts: Option<Facts>,
}

/// The part of a filing's stored facts that entity resolution reads, stored apart (the `names`
/// column) so that resolution reads a fraction of the bytes.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct StoredNames {
    pub filing: String,
    pub form: String,
    pub parties: Vec<crate::model::Party>,
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

/// Sorts (hash, facts) in the order resolution reads filings: by filing, then path, then hash.
pub(super) fn in_resolution_order(rows: &mut [(String, Facts)]) {
    rows.sort_by(|(ha, a), (hb, b)| (&a.filing, &a.path, ha).cmp(&(&b.filing, &b.path, hb)));
}

impl Store {
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
    pub fn known_filings(&self) -> Result<HashMap<String, Known>, StoreError> {
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
    pub fn seen_files(&self) -> Result<HashMap<String, Seen>, StoreError> {
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
    pub fn prune(&mut self, keep: &HashSet<String>) -> Result<usize, StoreError> {
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

    /// The facts of the stored files `hashes`, with their hash, in the order resolution reads
    /// them (filing, path, hash), parsed on every core.
    pub fn facts_of(&self, hashes: &BTreeSet<String>) -> Result<Vec<(String, Facts)>, StoreError> {
        self.parsed_of("facts", hashes, |path, f: Facts| Facts { path, ..f })
    }

    /// [`Store::facts_of`] with only the parties (what resolution reads).
    pub fn names_of(&self, hashes: &BTreeSet<String>) -> Result<Vec<(String, Facts)>, StoreError> {
        self.parsed_of("names", hashes, |path, f: StoredNames| Facts {
            parties: f.parties,
            ..Facts::new(f.filing, path, f.form)
        })
    }

    fn parsed_of<T: serde::de::DeserializeOwned>(
        &self,
        column: &str,
        hashes: &BTreeSet<String>,
        make: impl Fn(String, T) -> Facts + Sync,
    ) -> Result<Vec<(String, Facts)>, StoreError> {
        use rayon::prelude::*;
        let sql = format!(
            "SELECT hash, path, {column} FROM filings WHERE hash = ?1 AND {column} IS NOT NULL"
        );
        let rows = self.rows_each(&sql, hashes, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let store_path = self.path.as_str();
        let parsed: Result<Vec<(String, Facts)>, StoreError> = rows
            .into_par_iter()
            .map(|(hash, path, json)| {
                let value: T =
                    serde_json::from_str(&json).map_err(|e| corrupt_at(store_path, e))?;
                Ok((hash, make(path, value)))
            })
            .collect();
        let mut parsed = parsed?;
        in_resolution_order(&mut parsed);
        Ok(parsed)
    }
}
