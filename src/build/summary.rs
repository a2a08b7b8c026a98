//! What a build reports: each input file's outcome, and the graph as it now stands (read from the
//! graph just computed, or from the store when the graph was kept or updated in place).

use crate::graph::{GraphWarning, RelGraph};
use crate::load::Encoding;
use crate::model::{EdgeKind, NodeKind};
use crate::store::{Store, StoreError};
use std::collections::{BTreeMap, HashSet};

/// What became of one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Read { form: String },
    Skipped { form: String, reason: String },
    Failed { reason: String },
}

#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    pub outcome: Outcome,
    pub encoding: Option<Encoding>,
}

/// The build's summary: per file, and the graph as it now stands.
#[derive(Debug, Default)]
pub struct Summary {
    pub files: Vec<FileReport>,
    pub nodes_by_kind: BTreeMap<&'static str, usize>,
    pub edges_by_kind: BTreeMap<&'static str, usize>,
    /// Warnings of the filings read in this build, by path and line.
    pub warnings: Vec<GraphWarning>,
    /// Files whose bytes the store held already: not read again.
    pub reused: usize,
    /// Filings removed from the store by `prune`.
    pub pruned: usize,
    /// Seconds spent in each phase, in order.
    pub timings: Vec<(&'static str, f64)>,
}

impl Summary {
    pub fn read_by_form(&self) -> BTreeMap<String, usize> {
        self.count(|o| match o {
            Outcome::Read { form } => Some(form.clone()),
            _ => None,
        })
    }

    pub fn skipped_by_form(&self) -> BTreeMap<String, usize> {
        self.count(|o| match o {
            Outcome::Skipped { form, .. } => Some(form.clone()),
            _ => None,
        })
    }

    pub fn failed(&self) -> usize {
        self.files
            .iter()
            .filter(|f| matches!(f.outcome, Outcome::Failed { .. }))
            .count()
    }

    fn count(&self, key: impl Fn(&Outcome) -> Option<String>) -> BTreeMap<String, usize> {
        let mut m = BTreeMap::new();
        for f in &self.files {
            if let Some(k) = key(&f.outcome) {
                *m.entry(k).or_insert(0) += 1;
            }
        }
        m
    }
}

/// The summary's graph figures and warnings (those of the files at `read_paths`) as the store
/// holds them.
pub(super) fn from_store(
    store: &Store,
    read_paths: &HashSet<String>,
    s: &mut Summary,
) -> Result<(), StoreError> {
    let (nodes, edges) = store.kind_counts()?;
    for k in NodeKind::ALL {
        let n = nodes.get(k.as_str()).copied().unwrap_or(0);
        s.nodes_by_kind.insert(k.as_str(), n);
    }
    for k in EdgeKind::ALL {
        let n = edges.get(k.as_str()).copied().unwrap_or(0);
        s.edges_by_kind.insert(k.as_str(), n);
    }
    s.warnings = store
        .warnings()?
        .into_iter()
        .filter(|w| read_paths.contains(&w.path))
        .collect();
    sort_warnings(&mut s.warnings);
    Ok(())
}

/// The summary's graph figures and warnings (those of the files at `read_paths`) from the graph
/// just computed.
pub(super) fn from_graph(g: &RelGraph, read_paths: &HashSet<String>, s: &mut Summary) {
    for k in NodeKind::ALL {
        s.nodes_by_kind
            .insert(k.as_str(), g.nodes().filter(|n| n.kind == k).count());
    }
    for k in EdgeKind::ALL {
        s.edges_by_kind
            .insert(k.as_str(), g.edges().filter(|e| e.kind() == k).count());
    }
    s.warnings = g
        .warnings
        .iter()
        .filter(|w| read_paths.contains(&w.path))
        .cloned()
        .collect();
    sort_warnings(&mut s.warnings);
}

fn sort_warnings(warnings: &mut [GraphWarning]) {
    warnings.sort_by(|a, b| (&a.path, a.line, &a.message).cmp(&(&b.path, b.line, &b.message)));
}
