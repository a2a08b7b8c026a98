//! The resolution's state (see `crate::resolve::state`) in the store, and the partial updates of
//! an incremental build: the rows of the components resolved again and of the edges whose
//! evidence changed replace the old ones, in one transaction.

use super::{Store, StoreError, TxError};
use crate::graph::{Edge, GraphWarning, Node};
use crate::model::Facts;
use crate::resolve::state::{KeyState, LookupRow, State};
use crate::resolve::{Merge, NearMiss, Spelling};
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

/// What an incremental build writes of the resolution: the rows that replace those of the
/// components resolved again.
#[derive(Debug, Default)]
pub struct Update {
    /// Entity ids whose node, spellings, merges and near-misses are replaced.
    pub old_entities: BTreeSet<String>,
    /// Components whose keys and look-ups are replaced.
    pub old_comps: BTreeSet<String>,
    pub nodes: Vec<Node>,
    pub spellings: Vec<Spelling>,
    pub merges: Vec<Merge>,
    pub near_misses: Vec<NearMiss>,
    pub state: State,
    /// (filing, hash) of the new files.
    pub filings: Vec<(String, String)>,
}

/// What an incremental build writes of the graph: the edges whose evidence changed.
#[derive(Debug, Default)]
pub struct EdgeUpdate {
    /// Filings whose by-key look-ups are replaced.
    pub redone_filings: BTreeSet<String>,
    /// Edges new to the store, stored edges whose evidence changed, and stored edges left with no
    /// evidence.
    pub new_edges: Vec<Edge>,
    pub changed_edges: Vec<Edge>,
    pub gone_edges: Vec<Edge>,
    pub warnings: Vec<GraphWarning>,
    pub by_key: Vec<(String, String)>,
}

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

    /// The near-misses naming any of `entities`.
    pub fn near_misses_of(&self, entities: &BTreeSet<String>) -> Result<Vec<NearMiss>, StoreError> {
        let columns = super::NEAR_MISS_COLUMNS;
        let mut out = Vec::new();
        for side in ["a_entity", "b_entity"] {
            let sql = format!("SELECT {columns} FROM near_misses WHERE {side} = ?1");
            out.extend(self.rows_each(&sql, entities, super::near_miss_row)?);
        }
        Ok(out)
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

    /// The facts of the stored files `hashes`, with their hash, in the order resolution reads
    /// them (filing, path, hash), parsed on every core.
    pub fn facts_of(&self, hashes: &BTreeSet<String>) -> Result<Vec<(String, Facts)>, StoreError> {
        self.parsed_of("facts", hashes, |path, f: Facts| Facts { path, ..f })
    }

    /// [`Store::facts_of`] with only the parties (what resolution reads).
    pub fn names_of(&self, hashes: &BTreeSet<String>) -> Result<Vec<(String, Facts)>, StoreError> {
        self.parsed_of("names", hashes, |path, f: super::StoredNames| Facts {
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
                    serde_json::from_str(&json).map_err(|e| super::corrupt_at(store_path, e))?;
                Ok((hash, make(path, value)))
            })
            .collect();
        let mut parsed = parsed?;
        super::in_resolution_order(&mut parsed);
        Ok(parsed)
    }

    /// The stored edges with these keys (source, target, kind, attributes), where there is one.
    pub fn edges_with_keys(
        &self,
        keys: &[(String, String, crate::model::EdgeKind, String)],
    ) -> Result<Vec<Edge>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT data FROM edges WHERE source = ?1 AND target = ?2 AND rank = ?3 AND attrs = ?4",
            )
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for (s, t, k, a) in keys {
            let mut rows = stmt
                .query(params![s, t, *k as i64, a])
                .map_err(|e| self.err(e))?;
            if let Some(r) = rows.next().map_err(|e| self.err(e))? {
                let json: String = r.get(0).map_err(|e| self.err(e))?;
                out.push(serde_json::from_str(&json).map_err(|e| self.corrupt(e))?);
            }
        }
        Ok(out)
    }

    /// Writes an incremental build's update in one transaction.
    /// Writes an incremental build's resolution rows (in a transaction of their own, or a
    /// savepoint of the one open).
    pub fn apply_update(&mut self, u: &Update) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            // spellings and look-ups mostly stay as they were: only the difference is written
            let spellings = replace_rows(
                tx,
                &u.old_entities,
                &["SELECT rowid, entity, name, filing FROM spellings WHERE entity = ?1"],
                |r| {
                    Ok(Spelling {
                        entity: r.get(1)?,
                        name: r.get(2)?,
                        filing: r.get(3)?,
                    })
                },
                Spelling::clone,
                "DELETE FROM spellings WHERE rowid = ?1",
                &u.spellings,
            )?;
            let lookups = replace_rows(
                tx,
                &u.old_comps,
                &["SELECT rowid, filing, key, entity, comp FROM res_lookups WHERE comp = ?1"],
                |r| {
                    Ok(LookupRow {
                        filing: r.get(1)?,
                        key: r.get(2)?,
                        entity: r.get(3)?,
                        comp: r.get(4)?,
                    })
                },
                LookupRow::clone,
                "DELETE FROM res_lookups WHERE rowid = ?1",
                &u.state.lookups,
            )?;
            let merges = replace_rows(
                tx,
                &u.old_entities,
                &[&format!(
                    "SELECT rowid, {} FROM merges WHERE entity = ?1",
                    super::MERGE_COLUMNS
                )],
                |r| super::merge_at(r, 1),
                |m: &Merge| {
                    (
                        m.entity.clone(),
                        m.a.clone(),
                        m.b.clone(),
                        m.rule.clone(),
                        m.score.to_bits(),
                    )
                },
                "DELETE FROM merges WHERE rowid = ?1",
                &u.merges,
            )?;
            let near_columns = super::NEAR_MISS_COLUMNS;
            let near_misses = replace_rows(
                tx,
                &u.old_entities,
                &[
                    &format!("SELECT rowid, {near_columns} FROM near_misses WHERE a_entity = ?1"),
                    &format!("SELECT rowid, {near_columns} FROM near_misses WHERE b_entity = ?1"),
                ],
                |r| super::near_miss_at(r, 1),
                |n: &NearMiss| {
                    (
                        [
                            n.a.clone(),
                            n.a_entity.clone(),
                            n.b.clone(),
                            n.b_entity.clone(),
                            n.reason.clone(),
                        ],
                        n.score.to_bits(),
                    )
                },
                "DELETE FROM near_misses WHERE rowid = ?1",
                &u.near_misses,
            )?;
            // a node whose id stays is updated in place; one whose id went is deleted
            let staying: std::collections::HashSet<&str> =
                u.nodes.iter().map(|n| n.id.as_str()).collect();
            for id in u
                .old_entities
                .iter()
                .filter(|id| !staying.contains(id.as_str()))
            {
                tx.prepare_cached("DELETE FROM nodes WHERE id = ?1")?
                    .execute(params![id])?;
            }
            // every key of the old components is among the new keys (keys are never dropped),
            // so the keys' rows are replaced in place by `write_state`
            let mut insert = tx.prepare_cached(
                "INSERT INTO nodes(id, name, kind, data) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(id)
                 DO UPDATE SET name = excluded.name, kind = excluded.kind, data = excluded.data",
            )?;
            for n in &u.nodes {
                let data = serde_json::to_string(n)?;
                insert.execute(params![n.id, n.name, n.kind.as_str(), data])?;
            }
            write_resolution(tx, &spellings, &merges, &near_misses)?;
            let state = State {
                lookups,
                ..u.state.clone()
            };
            write_state(tx, &state, &[], &u.filings)?;
            Ok(())
        })
    }

    /// Writes an incremental build's edge rows.
    pub fn apply_edges(&mut self, u: &EdgeUpdate) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            for filing in &u.redone_filings {
                tx.prepare_cached("DELETE FROM res_by_key WHERE filing = ?1")?.execute(params![filing])?;
            }
            let mut delete = tx.prepare_cached(
                "DELETE FROM edges WHERE source = ?1 AND target = ?2 AND rank = ?3 AND attrs = ?4",
            )?;
            for e in &u.gone_edges {
                let attrs = e.statement.attributes_json();
                delete.execute(params![e.source, e.target, e.kind() as i64, attrs])?;
            }
            // an edge's key columns stay: only its JSON changes, and no index with it
            let mut update = tx.prepare_cached(
                "UPDATE edges SET data = ?5 WHERE source = ?1 AND target = ?2 AND rank = ?3 AND attrs = ?4",
            )?;
            for e in &u.changed_edges {
                let attrs = e.statement.attributes_json();
                let data = serde_json::to_string(e)?;
                update.execute(params![e.source, e.target, e.kind() as i64, attrs, data])?;
            }
            for e in &u.new_edges {
                insert_edge(tx, e)?;
            }
            let mut insert = tx.prepare_cached(
                "INSERT INTO warnings(filing, path, line, message) SELECT ?1, ?2, ?3, ?4
                 WHERE NOT EXISTS (SELECT 1 FROM warnings WHERE filing = ?1 AND path = ?2 AND line IS ?3 AND message = ?4)",
            )?;
            for w in &u.warnings {
                let line = w.line.map(|l| l as i64);
                insert.execute(params![w.filing, w.path, line, w.message])?;
            }
            write_state(tx, &State::default(), &u.by_key, &[])?;
            Ok(())
        })
    }
}

/// Deletes the stored rows (selected by each of `selects` for each of `groups`, rowid first)
/// that are not among `rows`, and returns those of `rows` not stored: what is left to insert.
/// Rows are compared by `key`.
fn replace_rows<T: Clone, K: Eq + std::hash::Hash>(
    tx: &rusqlite::Connection,
    groups: &BTreeSet<String>,
    selects: &[&str],
    row: impl Fn(&rusqlite::Row) -> rusqlite::Result<T>,
    key: impl Fn(&T) -> K,
    delete: &str,
    rows: &[T],
) -> Result<Vec<T>, TxError> {
    let mut stored: std::collections::HashMap<K, i64> = std::collections::HashMap::new();
    for select in selects {
        let mut stmt = tx.prepare_cached(select)?;
        for g in groups {
            let mut found = stmt.query(params![g])?;
            while let Some(r) = found.next()? {
                stored.insert(key(&row(r)?), r.get(0)?);
            }
        }
    }
    let wanted: std::collections::HashSet<K> = rows.iter().map(&key).collect();
    let mut delete = tx.prepare_cached(delete)?;
    for (k, rowid) in &stored {
        if !wanted.contains(k) {
            delete.execute(params![rowid])?;
        }
    }
    Ok(rows
        .iter()
        .filter(|r| !stored.contains_key(&key(r)))
        .cloned()
        .collect())
}

fn lookup_row(r: &rusqlite::Row) -> rusqlite::Result<LookupRow> {
    Ok(LookupRow {
        filing: r.get(0)?,
        key: r.get(1)?,
        entity: r.get(2)?,
        comp: r.get(3)?,
    })
}

/// Inserts one edge row: its key columns (kind by rank, attributes as compact JSON, so rows sort
/// as the graph's edges do) and the edge as JSON.
pub(super) fn insert_edge(tx: &rusqlite::Connection, e: &Edge) -> Result<(), TxError> {
    let data = serde_json::to_string(e)?;
    let attrs = e.statement.attributes_json();
    insert_edge_row(tx, e, &attrs, &data)
}

pub(super) fn insert_edge_row(
    tx: &rusqlite::Connection,
    e: &Edge,
    attrs: &str,
    data: &str,
) -> Result<(), TxError> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO edges(source, target, kind, rank, attrs, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    insert.execute(params![
        e.source,
        e.target,
        e.kind().as_str(),
        e.kind() as i64,
        attrs,
        data
    ])?;
    Ok(())
}

pub(super) fn write_resolution(
    tx: &rusqlite::Connection,
    spellings: &[Spelling],
    merges: &[Merge],
    near_misses: &[NearMiss],
) -> Result<(), TxError> {
    let mut insert =
        tx.prepare_cached("INSERT INTO spellings(entity, name, filing) VALUES (?1, ?2, ?3)")?;
    for s in spellings {
        insert.execute(params![s.entity, s.name, s.filing])?;
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO merges(entity, a, b, rule, score) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for m in merges {
        insert.execute(params![m.entity, m.a, m.b, m.rule, m.score])?;
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO near_misses(a, a_entity, b, b_entity, reason, score) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for n in near_misses {
        insert.execute(params![n.a, n.a_entity, n.b, n.b_entity, n.reason, n.score])?;
    }
    Ok(())
}

fn write_state(
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
