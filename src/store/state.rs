//! The resolution's state (see `crate::resolve::state`) in the store: every key's component,
//! description and first mention, the look-ups of every filing, the CIKs, IRS numbers and aliases
//! by key, the look-ups the graph made by key, and each filing's hashes. A full build writes it
//! whole; an incremental build reads it to find what new filings reach (`update.rs` writes the
//! rows it replaces).

use super::error::TxError;
use super::{Store, StoreError};
use crate::resolve::state::{KeyState, LookupRow, State};
use rusqlite::params;
use std::collections::BTreeSet;

pub(super) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS res_keys(key TEXT PRIMARY KEY, comp TEXT NOT NULL, person INTEGER NOT NULL,
    prefixes TEXT NOT NULL, name TEXT NOT NULL, first_filing TEXT NOT NULL, first_path TEXT NOT NULL,
    entity TEXT NOT NULL, first_entity TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS res_ids(kind TEXT NOT NULL, value TEXT NOT NULL, key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS res_aliases(alias TEXT NOT NULL, key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS res_lookups(filing TEXT NOT NULL, key TEXT NOT NULL, entity TEXT NOT NULL,
    comp TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS res_by_key(filing TEXT NOT NULL, key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS res_filings(filing TEXT NOT NULL, hash TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS res_ids_value ON res_ids(kind, value, key);
CREATE UNIQUE INDEX IF NOT EXISTS res_aliases_alias ON res_aliases(alias, key);
CREATE INDEX IF NOT EXISTS res_keys_comp ON res_keys(comp);
CREATE INDEX IF NOT EXISTS res_lookups_comp ON res_lookups(comp);
CREATE INDEX IF NOT EXISTS res_lookups_filing ON res_lookups(filing);
CREATE INDEX IF NOT EXISTS res_by_key_key ON res_by_key(key);
CREATE INDEX IF NOT EXISTS res_by_key_filing ON res_by_key(filing);
CREATE INDEX IF NOT EXISTS res_filings_filing ON res_filings(filing);
";

pub(super) const CLEAR: &str = "DELETE FROM res_keys; DELETE FROM res_ids; DELETE FROM res_aliases;
    DELETE FROM res_lookups; DELETE FROM res_by_key; DELETE FROM res_filings;
    DELETE FROM meta WHERE key = 'state';";

impl Store {
    /// Replaces the stored resolution state; `filings` are (filing, hash) of every filing read.
    /// The state is not complete until [`Store::put_by_key`] has followed.
    pub fn put_state(
        &mut self,
        state: &State,
        filings: &[(String, String)],
    ) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            tx.execute_batch(CLEAR)?;
            // hundreds of thousands of rows: their secondary indexes are made once, sorted,
            // afterwards, rather than kept up to date a row at a time in random order
            tx.execute_batch(
                "DROP INDEX res_keys_comp; DROP INDEX res_lookups_comp;
                 DROP INDEX res_lookups_filing; DROP INDEX res_filings_filing;",
            )?;
            write_state(tx, state, &[], filings)?;
            tx.execute_batch(SCHEMA)?;
            Ok(())
        })
    }

    /// Stores the (filing, key) look-ups the graph made by key; `complete` is false when a
    /// look-up found nothing (an orphan), which an incremental build cannot redo.
    pub fn put_by_key(
        &mut self,
        by_key: &[(String, String)],
        complete: bool,
    ) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            // the rows of a whole build: indexed once, afterwards (as in `put_state`)
            tx.execute_batch("DROP INDEX res_by_key_key; DROP INDEX res_by_key_filing;")?;
            write_state(tx, &State::default(), by_key, &[])?;
            tx.execute_batch(SCHEMA)?;
            if complete {
                tx.execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('state', 'complete')",
                    [],
                )?;
            }
            Ok(())
        })
    }

    /// Whether the stored state can be updated in place (written whole, with no orphans).
    pub fn state_complete(&self) -> Result<bool, StoreError> {
        let rows = self.rows("SELECT value FROM meta WHERE key = 'state'", [], |r| {
            r.get::<_, String>(0)
        })?;
        Ok(rows.first().is_some_and(|v| v == "complete"))
    }

    /// Every key of the stored resolution, in key order.
    pub fn state_keys(&self) -> Result<Vec<KeyState>, StoreError> {
        self.rows(
            "SELECT key, comp, person, prefixes, name, first_filing, first_path, entity, first_entity
             FROM res_keys ORDER BY key",
            [],
            |r| {
                Ok(KeyState {
                    key: r.get(0)?,
                    comp: r.get(1)?,
                    person: r.get::<_, i64>(2)? != 0,
                    prefixes: r.get(3)?,
                    name: r.get(4)?,
                    first_filing: r.get(5)?,
                    first_path: r.get(6)?,
                    entity: r.get(7)?,
                    first_entity: r.get(8)?,
                })
            },
        )
    }

    /// The keys that carry a CIK or IRS number (`kind`, `value`).
    pub fn keys_with_id(&self, kind: &str, value: &str) -> Result<Vec<String>, StoreError> {
        self.rows(
            "SELECT key FROM res_ids WHERE kind = ?1 AND value = ?2",
            params![kind, value],
            |r| r.get(0),
        )
    }

    /// The keys of mentions whose conformed name is `alias`.
    pub fn keys_with_alias(&self, alias: &str) -> Result<Vec<String>, StoreError> {
        self.rows(
            "SELECT key FROM res_aliases WHERE alias = ?1",
            params![alias],
            |r| r.get(0),
        )
    }

    /// The look-ups of the components `comps`.
    pub fn lookups_in(&self, comps: &BTreeSet<String>) -> Result<Vec<LookupRow>, StoreError> {
        self.rows_each(
            "SELECT filing, key, entity, comp FROM res_lookups WHERE comp = ?1",
            comps,
            lookup_row,
        )
    }

    /// The look-ups of the filings `filings`.
    pub fn lookups_of(&self, filings: &BTreeSet<String>) -> Result<Vec<LookupRow>, StoreError> {
        self.rows_each(
            "SELECT filing, key, entity, comp FROM res_lookups WHERE filing = ?1",
            filings,
            lookup_row,
        )
    }

    /// The filings that name `key` without listing it.
    pub fn by_key_users(&self, key: &str) -> Result<Vec<String>, StoreError> {
        self.rows(
            "SELECT filing FROM res_by_key WHERE key = ?1",
            params![key],
            |r| r.get(0),
        )
    }

    /// The hashes of the stored files of these filings.
    pub fn hashes_of(&self, filings: &BTreeSet<String>) -> Result<BTreeSet<String>, StoreError> {
        let hashes = self.rows_each(
            "SELECT hash FROM res_filings WHERE filing = ?1",
            filings,
            |r| r.get::<_, String>(0),
        )?;
        Ok(hashes.into_iter().collect())
    }
}

pub(super) fn lookup_row(r: &rusqlite::Row) -> rusqlite::Result<LookupRow> {
    Ok(LookupRow {
        filing: r.get(0)?,
        key: r.get(1)?,
        entity: r.get(2)?,
        comp: r.get(3)?,
    })
}

pub(super) fn write_state(
    tx: &rusqlite::Connection,
    state: &State,
    by_key: &[(String, String)],
    filings: &[(String, String)],
) -> Result<(), TxError> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO res_keys(key, comp, person, prefixes, name, first_filing, first_path, entity,
         first_entity) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(key) DO UPDATE SET
         comp = excluded.comp, person = excluded.person, prefixes = excluded.prefixes,
         name = excluded.name, first_filing = excluded.first_filing, first_path = excluded.first_path,
         entity = excluded.entity, first_entity = excluded.first_entity",
    )?;
    for k in &state.keys {
        insert.execute(params![
            k.key,
            k.comp,
            k.person as i64,
            k.prefixes,
            k.name,
            k.first_filing,
            k.first_path,
            k.entity,
            k.first_entity
        ])?;
    }
    let mut insert =
        tx.prepare_cached("INSERT OR IGNORE INTO res_ids(kind, value, key) VALUES (?1, ?2, ?3)")?;
    for (kind, value, key) in &state.ids {
        insert.execute(params![kind, value, key])?;
    }
    let mut insert =
        tx.prepare_cached("INSERT OR IGNORE INTO res_aliases(alias, key) VALUES (?1, ?2)")?;
    for (alias, key) in &state.aliases {
        insert.execute(params![alias, key])?;
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO res_lookups(filing, key, entity, comp) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for l in &state.lookups {
        insert.execute(params![l.filing, l.key, l.entity, l.comp])?;
    }
    let mut insert = tx.prepare_cached("INSERT INTO res_by_key(filing, key) VALUES (?1, ?2)")?;
    for (filing, key) in by_key {
        insert.execute(params![filing, key])?;
    }
    let mut insert = tx.prepare_cached("INSERT INTO res_filings(filing, hash) VALUES (?1, ?2)")?;
    for (filing, hash) in filings {
        insert.execute(params![filing, hash])?;
    }
    Ok(())
}
