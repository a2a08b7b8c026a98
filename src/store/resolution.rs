//! The resolution's explanation: every entity's spellings, the merges inside it and its
//! near-misses, as `relgraph explain` and the JSON export show them.

use super::error::TxError;
use super::{Store, StoreError};
use crate::resolve::{Merge, NearMiss, Spelling};
use rusqlite::params;
use std::collections::BTreeSet;

/// How one entity was resolved, as `relgraph explain` shows it.
#[derive(Debug, Default)]
pub struct Explanation {
    pub spellings: Vec<Spelling>,
    pub merges: Vec<Merge>,
    pub near_misses: Vec<NearMiss>,
}

impl Store {
    /// Replaces the stored explanation of the resolution: spellings, merges, near-misses.
    pub fn put_resolution(&mut self, r: &crate::resolve::Resolution) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            tx.execute_batch(
                "DELETE FROM spellings; DELETE FROM merges; DELETE FROM near_misses;",
            )?;
            write_resolution(tx, &r.spellings, &r.merges, &r.near_misses)?;
            Ok(())
        })
    }

    /// Every merge and near-miss of the last resolution, in a fixed order.
    pub fn resolution(&self) -> Result<(Vec<Merge>, Vec<NearMiss>), StoreError> {
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
                Ok(Spelling {
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

    /// The near-misses naming any of `entities`.
    pub fn near_misses_of(&self, entities: &BTreeSet<String>) -> Result<Vec<NearMiss>, StoreError> {
        let columns = NEAR_MISS_COLUMNS;
        let mut out = Vec::new();
        for side in ["a_entity", "b_entity"] {
            let sql = format!("SELECT {columns} FROM near_misses WHERE {side} = ?1");
            out.extend(self.rows_each(&sql, entities, near_miss_row)?);
        }
        Ok(out)
    }
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

pub(super) const MERGE_COLUMNS: &str = "entity, a, b, rule, score";

pub(super) const NEAR_MISS_COLUMNS: &str = "a, a_entity, b, b_entity, reason, score";

fn merge_row(r: &rusqlite::Row) -> rusqlite::Result<Merge> {
    merge_at(r, 0)
}

/// A merge from the row's columns `MERGE_COLUMNS`, starting at column `at`.
pub(super) fn merge_at(r: &rusqlite::Row, at: usize) -> rusqlite::Result<Merge> {
    Ok(Merge {
        entity: r.get(at)?,
        a: r.get(at + 1)?,
        b: r.get(at + 2)?,
        rule: r.get(at + 3)?,
        score: r.get(at + 4)?,
    })
}

fn near_miss_row(r: &rusqlite::Row) -> rusqlite::Result<NearMiss> {
    near_miss_at(r, 0)
}

/// A near-miss from the row's columns `NEAR_MISS_COLUMNS`, starting at column `at`.
pub(super) fn near_miss_at(r: &rusqlite::Row, at: usize) -> rusqlite::Result<NearMiss> {
    Ok(NearMiss {
        a: r.get(at)?,
        a_entity: r.get(at + 1)?,
        b: r.get(at + 2)?,
        b_entity: r.get(at + 3)?,
        reason: r.get(at + 4)?,
        score: r.get(at + 5)?,
    })
}
