//! `query controls`: the holdings of an issuer (or of a holder), each with the chains of control
//! above its holder — managers, general partners, signatories, owners — up to the natural persons
//! or top entities, every step with its evidence.
//!
//! Semantics: a group's figure is reported once, with its members, and never summed; a later
//! holding by the same holder of the same issuer supersedes the earlier one (kept with
//! `history`); `as_of` answers as of a date; a chain that comes back to an entity on it is cut
//! there and reported as a cycle.

use super::{is_control_edge, Index};
use crate::graph::RelGraph;
use crate::model::{EdgeKind, Evidence, NodeKind, Stake};
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;
use std::collections::BTreeMap;

/// How deep a chain may go before it is cut.
const MAX_DEPTH: usize = 12;
/// How many chains one holder may show.
const MAX_CHAINS: usize = 64;

#[derive(Debug, Clone, Default)]
pub struct ControlOptions {
    /// ISO date: holdings as of then.
    pub as_of: Option<String>,
    /// Show superseded holdings too.
    pub history: bool,
}

/// One step of a chain: `controller` stands above `controlled` by these relations.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub controller: String,
    pub controlled: String,
    /// "manages (investment manager)", "signs-for (Principal)", "holds (100%)".
    pub relations: Vec<String>,
    pub evidence: Vec<Evidence>,
}

/// A chain from a holder up to one ultimate controller.
#[derive(Debug, Clone, Serialize)]
pub struct Chain {
    pub controller: String,
    pub controller_kind: &'static str,
    pub steps: Vec<Step>,
    /// What the chain shows: "management", "signatory", "ownership".
    pub control: Vec<String>,
    /// Set when the chain came back to an entity already on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cycle: Option<String>,
}

/// A holding (or a group's holding, once) and the chains above its holders.
#[derive(Debug, Clone, Serialize)]
pub struct HoldingView {
    pub holders: Vec<String>,
    #[serde(skip)]
    holder_nodes: Vec<NodeIndex>,
    pub issuer: String,
    /// The holding's terms, written as its `attributes`.
    #[serde(rename = "attributes", serialize_with = "stake_attributes")]
    pub stake: Stake,
    /// The control the holding itself states: "sole voting", "shared dispositive", or an
    /// economic interest only.
    pub control: Vec<String>,
    pub filing: String,
    pub evidence: Vec<Evidence>,
    pub superseded: bool,
    pub chains: BTreeMap<String, Vec<Chain>>,
}

fn stake_attributes<S: serde::Serializer>(stake: &Stake, s: S) -> Result<S::Ok, S::Error> {
    stake.attributes().serialize(s)
}

#[derive(Debug, Clone, Serialize)]
pub struct ControlReport {
    pub target: String,
    pub target_kind: &'static str,
    pub holdings: Vec<HoldingView>,
    /// Chains of the target itself when it holds nothing it is asked about.
    pub chains: Vec<Chain>,
    pub cycles: Vec<String>,
}

pub fn controls(index: &Index, target: NodeIndex, opts: &ControlOptions) -> ControlReport {
    let g = index.g;
    let mut holdings = holdings_of(g, target, opts);
    if holdings.is_empty() {
        holdings = holdings_by(g, target, opts);
    }
    let mut cycles = Vec::new();
    for h in &mut holdings {
        for n in h.holder_nodes.clone() {
            let chains = chains_above(g, n, &mut cycles);
            h.chains.insert(g.graph[n].name.clone(), chains);
        }
    }
    let chains = if holdings.is_empty() {
        chains_above(g, target, &mut cycles)
    } else {
        Vec::new()
    };
    cycles.sort();
    cycles.dedup();
    ControlReport {
        target: g.graph[target].name.clone(),
        target_kind: g.graph[target].kind.as_str(),
        holdings,
        chains,
        cycles,
    }
}

/// Holdings of an issuer: current ones (and superseded ones with `history`), groups once.
pub(crate) fn holdings_of(
    g: &RelGraph,
    issuer: NodeIndex,
    opts: &ControlOptions,
) -> Vec<HoldingView> {
    let edges: Vec<EdgeIndex> = g
        .graph
        .edges_directed(issuer, Direction::Incoming)
        .filter(|e| e.weight().kind() == EdgeKind::Holds)
        .map(|e| e.id())
        .collect();
    views(g, edges, opts)
}

/// Holdings of a holder, when the target holds rather than is held.
fn holdings_by(g: &RelGraph, holder: NodeIndex, opts: &ControlOptions) -> Vec<HoldingView> {
    let edges: Vec<EdgeIndex> = g
        .graph
        .edges_directed(holder, Direction::Outgoing)
        .filter(|e| e.weight().kind() == EdgeKind::Holds)
        .map(|e| e.id())
        .collect();
    views(g, edges, opts)
}

/// A holding edge's terms (every edge these views see is a holding).
fn stake(g: &RelGraph, e: EdgeIndex) -> &Stake {
    static NONE: std::sync::LazyLock<Stake> = std::sync::LazyLock::new(Stake::default);
    g.graph[e].statement.stake().unwrap_or(&NONE)
}

fn as_of(g: &RelGraph, e: EdgeIndex) -> String {
    stake(g, e).as_of.clone().unwrap_or_default()
}

fn views(g: &RelGraph, edges: Vec<EdgeIndex>, opts: &ControlOptions) -> Vec<HoldingView> {
    let edges: Vec<EdgeIndex> = edges
        .into_iter()
        .filter(|e| {
            opts.as_of
                .as_ref()
                .is_none_or(|d| as_of(g, *e).as_str() <= d.as_str())
        })
        .collect();
    // the latest holding of each (holder, issuer) is current; earlier ones are superseded
    let mut latest: BTreeMap<(NodeIndex, NodeIndex), String> = BTreeMap::new();
    for &e in &edges {
        let (s, t) = g.graph.edge_endpoints(e).expect("edge of this graph");
        let d = as_of(g, e);
        let slot = latest.entry((s, t)).or_default();
        if d > *slot {
            *slot = d;
        }
    }
    let mut groups: BTreeMap<String, HoldingView> = BTreeMap::new();
    for e in edges {
        let (s, t) = g.graph.edge_endpoints(e).expect("edge of this graph");
        let w = &g.graph[e];
        let superseded = as_of(g, e) < latest[&(s, t)];
        if superseded && !opts.history {
            continue;
        }
        let filing = w
            .evidence
            .first()
            .map(|ev| ev.filing.clone())
            .unwrap_or_default();
        let terms = stake(g, e);
        // one view per group figure of one filing; one per holder otherwise
        let key = if terms.group_figure {
            format!(
                "{filing}|{}|{}",
                g.graph[t].id,
                w.statement.attributes_json()
            )
        } else {
            format!(
                "{}|{}|{}|{}",
                g.graph[s].id,
                g.graph[t].id,
                as_of(g, e),
                filing
            )
        };
        let view = groups.entry(key).or_insert_with(|| HoldingView {
            holders: Vec::new(),
            holder_nodes: Vec::new(),
            issuer: g.graph[t].name.clone(),
            stake: terms.clone(),
            control: crate::describe::powers(terms),
            filing: filing.clone(),
            evidence: w.evidence.clone(),
            superseded,
            chains: BTreeMap::new(),
        });
        view.holders.push(g.graph[s].name.clone());
        view.holder_nodes.push(s);
    }
    let mut out: Vec<HoldingView> = groups.into_values().collect();
    for v in &mut out {
        v.holders.sort();
    }
    out.sort_by(|a, b| {
        let pa = a.stake.as_of.as_deref().unwrap_or("");
        let pb = b.stake.as_of.as_deref().unwrap_or("");
        (a.superseded, std::cmp::Reverse(pa), &a.holders).cmp(&(
            b.superseded,
            std::cmp::Reverse(pb),
            &b.holders,
        ))
    });
    out
}

/// Every chain from `start` up through managers, signatories and owners to entities above which
/// nothing is stated.
fn chains_above(g: &RelGraph, start: NodeIndex, cycles: &mut Vec<String>) -> Vec<Chain> {
    let mut out = Vec::new();
    let mut path = vec![start];
    let mut steps: Vec<Step> = Vec::new();
    walk(g, start, &mut path, &mut steps, &mut out, cycles);
    out.sort_by(|a, b| (&a.controller, a.steps.len()).cmp(&(&b.controller, b.steps.len())));
    out
}

fn walk(
    g: &RelGraph,
    n: NodeIndex,
    path: &mut Vec<NodeIndex>,
    steps: &mut Vec<Step>,
    out: &mut Vec<Chain>,
    cycles: &mut Vec<String>,
) {
    if out.len() >= MAX_CHAINS {
        return;
    }
    // incoming control edges, grouped by the controller
    let mut above: BTreeMap<NodeIndex, Vec<EdgeIndex>> = BTreeMap::new();
    for e in g.graph.edges_directed(n, Direction::Incoming) {
        if is_control_edge(e.weight().kind()) && e.source() != n {
            above.entry(e.source()).or_default().push(e.id());
        }
    }
    if above.is_empty() || path.len() > MAX_DEPTH {
        if path.len() > 1 {
            out.push(chain(g, n, steps, None));
        }
        return;
    }
    for (m, edges) in above {
        let step = step(g, m, n, &edges);
        if path.contains(&m) {
            let names: Vec<String> = path
                .iter()
                .chain(std::iter::once(&m))
                .map(|x| g.graph[*x].name.clone())
                .collect();
            let cycle = names.join(" <- ");
            cycles.push(cycle.clone());
            steps.push(step);
            out.push(chain(g, m, steps, Some(cycle)));
            steps.pop();
            continue;
        }
        path.push(m);
        steps.push(step);
        walk(g, m, path, steps, out, cycles);
        steps.pop();
        path.pop();
    }
}

fn step(g: &RelGraph, controller: NodeIndex, controlled: NodeIndex, edges: &[EdgeIndex]) -> Step {
    let mut relations = Vec::new();
    let mut evidence = Vec::new();
    for &e in edges {
        let w = &g.graph[e];
        let r = crate::describe::step_relation(&w.statement);
        if !relations.contains(&r) {
            relations.push(r);
        }
        evidence.extend(w.evidence.iter().cloned());
    }
    evidence.sort();
    evidence.dedup();
    Step {
        controller: g.graph[controller].name.clone(),
        controlled: g.graph[controlled].name.clone(),
        relations,
        evidence,
    }
}

fn chain(g: &RelGraph, top: NodeIndex, steps: &[Step], cycle: Option<String>) -> Chain {
    let mut control: Vec<String> = Vec::new();
    for s in steps {
        for r in &s.relations {
            let c = if r.starts_with("manages") {
                "management"
            } else if r.starts_with("signs-for") {
                "signatory"
            } else {
                "ownership"
            };
            if !control.iter().any(|x| x == c) {
                control.push(c.to_string());
            }
        }
    }
    let node = &g.graph[top];
    Chain {
        controller: node.name.clone(),
        controller_kind: if node.kind == NodeKind::Individual {
            "individual"
        } else {
            node.kind.as_str()
        },
        steps: steps.to_vec(),
        control,
        cycle,
    }
}
