//! The graph's rows: nodes, edges (with their key columns, under a unique index) and warnings,
//! and the digest of the inputs the stored graph was computed from.

use super::error::TxError;
use super::{Store, StoreError};
use crate::graph::{Edge, GraphWarning, Node, RelGraph};
use rusqlite::{params, OptionalExtension};
use std::collections::BTreeMap;

/// How many stored nodes (or edges) there are of each kind, by the kind's name.
pub type KindCounts = BTreeMap<String, usize>;

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

impl Store {
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
                insert_edge_row(tx, e, &attrs, &data)
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
