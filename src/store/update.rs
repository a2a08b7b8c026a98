//! The partial updates of an incremental build: the rows of the components resolved again and of
//! the edges whose evidence changed replace the old ones, in one transaction.

use super::error::TxError;
use super::graph::insert_edge;
use super::resolution::{
    merge_at, near_miss_at, write_resolution, MERGE_COLUMNS, NEAR_MISS_COLUMNS,
};
use super::state::write_state;
use super::{Store, StoreError};
use crate::graph::{Edge, GraphWarning, Node};
use crate::resolve::state::{LookupRow, State};
use crate::resolve::{Merge, NearMiss, Spelling};
use rusqlite::{params, Connection};
use std::collections::{BTreeSet, HashSet};

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
    /// Writes an incremental build's resolution rows (in a transaction of their own, or a
    /// savepoint of the one open).
    pub fn apply_update(&mut self, u: &Update) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            // spellings and look-ups mostly stay as they were: only the difference is written
            let spellings = replace_spellings(tx, u)?;
            let lookups = replace_lookups(tx, u)?;
            let merges = replace_merges(tx, u)?;
            let near_misses = replace_near_misses(tx, u)?;
            replace_nodes(tx, u)?;
            write_resolution(tx, &spellings, &merges, &near_misses)?;
            let state = State {
                lookups,
                ..u.state.clone()
            };
            // every key of the old components is among the new keys (keys are never dropped),
            // so the keys' rows are replaced in place by `write_state`
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

/// The update's spellings not stored yet; the stored ones of its old entities not among them
/// are deleted.
fn replace_spellings(tx: &Connection, u: &Update) -> Result<Vec<Spelling>, TxError> {
    replace_rows(
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
    )
}

/// The update's look-ups not stored yet; the stored ones of its old components not among them
/// are deleted.
fn replace_lookups(tx: &Connection, u: &Update) -> Result<Vec<LookupRow>, TxError> {
    replace_rows(
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
    )
}

/// The update's merges not stored yet; the stored ones of its old entities not among them are
/// deleted.
fn replace_merges(tx: &Connection, u: &Update) -> Result<Vec<Merge>, TxError> {
    replace_rows(
        tx,
        &u.old_entities,
        &[&format!(
            "SELECT rowid, {} FROM merges WHERE entity = ?1",
            MERGE_COLUMNS
        )],
        |r| merge_at(r, 1),
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
    )
}

/// The update's near-misses not stored yet; the stored ones naming its old entities not among
/// them are deleted.
fn replace_near_misses(tx: &Connection, u: &Update) -> Result<Vec<NearMiss>, TxError> {
    let near_columns = NEAR_MISS_COLUMNS;
    replace_rows(
        tx,
        &u.old_entities,
        &[
            &format!("SELECT rowid, {near_columns} FROM near_misses WHERE a_entity = ?1"),
            &format!("SELECT rowid, {near_columns} FROM near_misses WHERE b_entity = ?1"),
        ],
        |r| near_miss_at(r, 1),
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
    )
}

/// Replaces the nodes of the update's old entities with its nodes.
fn replace_nodes(tx: &Connection, u: &Update) -> Result<(), TxError> {
    // a node whose id stays is updated in place; one whose id went is deleted
    let staying: HashSet<&str> = u.nodes.iter().map(|n| n.id.as_str()).collect();
    for id in u
        .old_entities
        .iter()
        .filter(|id| !staying.contains(id.as_str()))
    {
        tx.prepare_cached("DELETE FROM nodes WHERE id = ?1")?
            .execute(params![id])?;
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO nodes(id, name, kind, data) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(id)
         DO UPDATE SET name = excluded.name, kind = excluded.kind, data = excluded.data",
    )?;
    for n in &u.nodes {
        let data = serde_json::to_string(n)?;
        insert.execute(params![n.id, n.name, n.kind.as_str(), data])?;
    }
    Ok(())
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
