//! `query`: questions asked of the stored graph — who controls a holding and through which chain,
//! who holds an issuer, an entity's profile, the path between two entities, a fuzzy search.
//! Queries read the graph loaded from the store and never re-parse a filing.

mod control;
mod lookup;

pub use control::{controls, Chain, ControlOptions, ControlReport, HoldingView, Step};
pub use lookup::{Candidate, Index, Lookup};

use crate::graph::RelGraph;
use crate::model::{EdgeKind, Statement};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};

/// One edge as a query shows it: the ends by name, the kind, the statement (written as its
/// `attributes`) and the evidence.
#[derive(Debug, Clone, Serialize)]
pub struct EdgeView {
    pub source: String,
    pub target: String,
    pub kind: &'static str,
    #[serde(rename = "attributes", serialize_with = "statement_attributes")]
    pub statement: Statement,
    pub evidence: Vec<crate::model::Evidence>,
}

fn statement_attributes<S: serde::Serializer>(st: &Statement, s: S) -> Result<S::Ok, S::Error> {
    st.attributes().serialize(s)
}

pub(crate) fn edge_view(g: &RelGraph, e: petgraph::graph::EdgeIndex) -> EdgeView {
    let (s, t) = g
        .graph
        .edge_endpoints(e)
        .expect("edge index from this graph");
    let w = &g.graph[e];
    EdgeView {
        source: g.graph[s].name.clone(),
        target: g.graph[t].name.clone(),
        kind: w.kind().as_str(),
        statement: w.statement.clone(),
        evidence: w.evidence.clone(),
    }
}

/// An entity's profile: names, identifiers, every edge with its evidence, the filings.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub aliases: Vec<String>,
    pub identifiers: BTreeMap<String, String>,
    pub edges: Vec<EdgeView>,
    pub filings: Vec<String>,
}

pub fn profile(g: &RelGraph, n: NodeIndex) -> Profile {
    let node = &g.graph[n];
    let mut edges: Vec<EdgeView> = g
        .graph
        .edges_directed(n, Direction::Outgoing)
        .chain(g.graph.edges_directed(n, Direction::Incoming))
        .map(|e| edge_view(g, e.id()))
        .collect();
    edges.sort_by(|a, b| (a.kind, &a.source, &a.target).cmp(&(b.kind, &b.source, &b.target)));
    let mut filings: Vec<String> = node.evidence.iter().map(|e| e.filing.clone()).collect();
    filings.sort();
    filings.dedup();
    Profile {
        id: node.id.clone(),
        name: node.name.clone(),
        kind: node.kind.as_str(),
        aliases: node.aliases.clone(),
        identifiers: node.identifiers.clone(),
        edges,
        filings,
    }
}

/// The holdings of an issuer, newest first per holder.
pub fn holders(g: &RelGraph, issuer: NodeIndex, opts: &ControlOptions) -> Vec<HoldingView> {
    control::holdings_of(g, issuer, opts)
}

/// The shortest chain of relations between two entities, in either direction along each edge.
pub fn path(g: &RelGraph, from: NodeIndex, to: NodeIndex) -> Option<Vec<EdgeView>> {
    let mut prev: BTreeMap<NodeIndex, (NodeIndex, petgraph::graph::EdgeIndex)> = BTreeMap::new();
    let mut queue = VecDeque::from([from]);
    let mut seen = std::collections::BTreeSet::from([from]);
    while let Some(n) = queue.pop_front() {
        if n == to {
            break;
        }
        let mut next: Vec<(NodeIndex, petgraph::graph::EdgeIndex)> = g
            .graph
            .edges_directed(n, Direction::Outgoing)
            .map(|e| (e.target(), e.id()))
            .chain(
                g.graph
                    .edges_directed(n, Direction::Incoming)
                    .map(|e| (e.source(), e.id())),
            )
            .collect();
        next.sort();
        for (m, e) in next {
            if seen.insert(m) {
                prev.insert(m, (n, e));
                queue.push_back(m);
            }
        }
    }
    if from != to && !prev.contains_key(&to) {
        return None;
    }
    let mut steps = Vec::new();
    let mut at = to;
    while at != from {
        let (p, e) = prev[&at];
        steps.push(edge_view(g, e));
        at = p;
    }
    steps.reverse();
    Some(steps)
}

/// Whether an edge kind passes control upward: a manager, a general partner, a signatory, an
/// owner of the entity.
pub(crate) fn is_control_edge(kind: EdgeKind) -> bool {
    matches!(
        kind,
        EdgeKind::Manages | EdgeKind::SignsFor | EdgeKind::Holds
    )
}
