//! A build measured against the generator's truth: edge precision and recall.

use super::Truth;
use relgraph::graph::RelGraph;
use relgraph::model::EdgeKind;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How a graph's edges compare with the truth.
#[derive(Debug, Clone, Serialize)]
pub struct Score {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub precision: f64,
    pub recall: f64,
    /// Nodes whose spellings belong to several true entities (wrongly merged).
    pub merged_wrongly: usize,
    /// Nodes no true entity spells (misread names).
    pub unknown_nodes: usize,
    /// Up to ten of each kind of error, to read.
    pub examples: BTreeMap<&'static str, Vec<String>>,
}

/// Scores the graph's edges of the kinds the truth states. A node stands for a true entity when
/// its name and aliases spell that entity and no other (compared by `names::norm_key`).
pub fn score(truth: &Truth, g: &RelGraph) -> Score {
    let keys = truth.by_key();
    let mut merged_wrongly = 0;
    let mut unknown_nodes = 0;
    let mut examples: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut note = |kind: &'static str, text: String| {
        let v = examples.entry(kind).or_default();
        if v.len() < 10 {
            v.push(text);
        }
    };
    let mut entity_of: BTreeMap<&str, String> = BTreeMap::new();
    for n in g.nodes() {
        let ids: BTreeSet<&String> = std::iter::once(&n.name)
            .chain(n.aliases.iter())
            .filter_map(|s| keys.get(&relgraph::names::norm_key(s)))
            .flatten()
            .collect();
        match ids.len() {
            1 => {
                entity_of.insert(&n.id, ids.into_iter().next().cloned().unwrap_or_default());
            }
            0 => {
                unknown_nodes += 1;
                note("unknown node", n.name.clone());
            }
            _ => {
                merged_wrongly += 1;
                note("merged wrongly", format!("{} = {ids:?}", n.name));
            }
        }
    }
    let kinds = [
        EdgeKind::Holds,
        EdgeKind::Manages,
        EdgeKind::SignsFor,
        EdgeKind::BoardMemberOf,
        EdgeKind::OfficerOf,
    ];
    let mut predicted: BTreeSet<(String, EdgeKind, String)> = BTreeSet::new();
    let mut unmapped: BTreeSet<(String, EdgeKind, String)> = BTreeSet::new();
    for e in g.edges().filter(|e| kinds.contains(&e.kind())) {
        match (
            entity_of.get(e.source.as_str()),
            entity_of.get(e.target.as_str()),
        ) {
            (Some(s), Some(t)) => {
                predicted.insert((s.clone(), e.kind(), t.clone()));
            }
            _ => {
                unmapped.insert((e.source.clone(), e.kind(), e.target.clone()));
            }
        }
    }
    let truth_set: BTreeSet<(String, EdgeKind, String)> = truth
        .edges
        .iter()
        .map(|e| (e.source.clone(), e.kind, e.target.clone()))
        .collect();
    let tp = predicted.intersection(&truth_set).count();
    for e in predicted.difference(&truth_set) {
        note(
            "false positive",
            format!("{} {} {}", e.0, e.1.as_str(), e.2),
        );
    }
    for e in truth_set.difference(&predicted) {
        note(
            "false negative",
            format!("{} {} {}", e.0, e.1.as_str(), e.2),
        );
    }
    for e in &unmapped {
        note(
            "edge of an unmapped node",
            format!("{} {} {}", e.0, e.1.as_str(), e.2),
        );
    }
    let fp = predicted.len() - tp + unmapped.len();
    let fn_ = truth_set.len() - tp;
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    Score {
        true_positives: tp,
        false_positives: fp,
        false_negatives: fn_,
        precision: ratio(tp, tp + fp),
        recall: ratio(tp, tp + fn_),
        merged_wrongly,
        unknown_nodes,
        examples,
    }
}
