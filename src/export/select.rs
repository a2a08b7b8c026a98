//! Subgraph selection for diagrams: a whole graph is rarely readable, so `export` and `render` can
//! keep only some edge kinds, the neighbourhood of one entity, or what bears on one issuer.

use crate::graph::{Edge, Node, RelGraph};
use crate::model::{EdgeKind, NodeKind};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// What to keep. The default keeps everything.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only these edge kinds (and the entities they join); `None` keeps all kinds.
    pub kinds: Option<BTreeSet<EdgeKind>>,
    /// Only entities within `depth` relations of this one, in either direction.
    pub focus: Option<NodeIndex>,
    pub depth: usize,
    /// Only what bears on this issuer: every entity with a chain of relations leading to it.
    pub issuer: Option<NodeIndex>,
}

impl Selection {
    pub fn is_everything(&self) -> bool {
        self.kinds.is_none() && self.focus.is_none() && self.issuer.is_none()
    }
}

/// Parses "holds,manages" into edge kinds; an unknown kind is an error naming the known ones.
pub fn parse_kinds(text: &str) -> Result<BTreeSet<EdgeKind>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            EdgeKind::ALL
                .into_iter()
                .find(|k| k.as_str().eq_ignore_ascii_case(s))
                .ok_or_else(|| {
                    let known: Vec<&str> = EdgeKind::ALL.iter().map(|k| k.as_str()).collect();
                    format!("unknown edge kind \"{s}\"; known: {}", known.join(", "))
                })
        })
        .collect()
}

/// The selected subgraph, as a graph of its own (nodes and edges in the original order, so the
/// output stays deterministic).
pub fn select(g: &RelGraph, sel: &Selection) -> RelGraph {
    if sel.is_everything() {
        return RelGraph::from_parts(
            g.nodes().cloned().collect(),
            g.edges().cloned().collect(),
            g.warnings.clone(),
        );
    }
    let kind_ok = |e: &Edge| sel.kinds.as_ref().is_none_or(|k| k.contains(&e.kind()));
    let mut keep: Vec<bool> = vec![true; g.graph.node_count()];
    if let Some(issuer) = sel.issuer {
        let above = ancestors(g, issuer, &kind_ok);
        intersect(&mut keep, &above);
    }
    if let Some(focus) = sel.focus {
        // a group is bound by its holds edges: without them, no group
        let with_groups = sel
            .kinds
            .as_ref()
            .is_none_or(|k| k.contains(&EdgeKind::Holds));
        let near = neighbourhood(g, focus, sel.depth, &kind_ok, with_groups);
        intersect(&mut keep, &near);
    }
    let edges: Vec<Edge> = g
        .graph
        .edge_references()
        .filter(|e| kind_ok(e.weight()))
        .filter(|e| keep[e.source().index()] && keep[e.target().index()])
        .map(|e| e.weight().clone())
        .collect();
    // With a kind filter, an entity none of whose kept edges touch it is left out, unless it is
    // the focus or the issuer itself.
    let touched: BTreeSet<&str> = edges
        .iter()
        .flat_map(|e| [e.source.as_str(), e.target.as_str()])
        .collect();
    let anchors: Vec<NodeIndex> = sel.focus.into_iter().chain(sel.issuer).collect();
    let nodes: Vec<Node> = g
        .graph
        .node_indices()
        .filter(|&n| keep[n.index()])
        .filter(|&n| {
            sel.kinds.is_none() || anchors.contains(&n) || touched.contains(g.graph[n].id.as_str())
        })
        .map(|n| g.graph[n].clone())
        .collect();
    // the warnings of the filings the selection still cites
    let filings: BTreeSet<&str> = nodes
        .iter()
        .flat_map(|n| &n.evidence)
        .chain(edges.iter().flat_map(|e| &e.evidence))
        .map(|ev| ev.filing.as_str())
        .collect();
    let warnings = g
        .warnings
        .iter()
        .filter(|w| filings.contains(w.filing.as_str()))
        .cloned()
        .collect();
    RelGraph::from_parts(nodes, edges, warnings)
}

/// `start` and every entity with a chain of relations (of the kinds kept) leading to it.
fn ancestors(g: &RelGraph, start: NodeIndex, kind_ok: &dyn Fn(&Edge) -> bool) -> Vec<bool> {
    let mut seen = vec![false; g.graph.node_count()];
    seen[start.index()] = true;
    let mut stack = vec![start];
    while let Some(n) = stack.pop() {
        for e in g.graph.edges_directed(n, Direction::Incoming) {
            if kind_ok(e.weight()) && !seen[e.source().index()] {
                seen[e.source().index()] = true;
                stack.push(e.source());
            }
        }
    }
    seen
}

/// Entities within `depth` relations of `focus`, either way, for a diagram around it. Two rules
/// keep the picture about the focus: an issuer is a leaf (its other holders, directors and officers
/// are not the focus's relations), and the members of one reporting group are one relation apart
/// (they filed together).
fn neighbourhood(
    g: &RelGraph,
    focus: NodeIndex,
    depth: usize,
    kind_ok: &dyn Fn(&Edge) -> bool,
    with_groups: bool,
) -> Vec<bool> {
    let mut co_members: Vec<Vec<NodeIndex>> = vec![Vec::new(); g.graph.node_count()];
    if with_groups {
        for members in reporting_groups(g).values() {
            for &m in members {
                co_members[m.index()].extend(members.iter().filter(|&&o| o != m));
            }
        }
    }
    let mut seen = vec![false; g.graph.node_count()];
    seen[focus.index()] = true;
    let mut queue = VecDeque::from([(focus, 0usize)]);
    while let Some((n, d)) = queue.pop_front() {
        if d >= depth || (n != focus && g.graph[n].kind == NodeKind::Issuer) {
            continue;
        }
        let linked = g
            .graph
            .edges_directed(n, Direction::Outgoing)
            .filter(|e| kind_ok(e.weight()))
            .map(|e| e.target())
            .chain(
                g.graph
                    .edges_directed(n, Direction::Incoming)
                    .filter(|e| kind_ok(e.weight()))
                    .map(|e| e.source()),
            )
            .chain(co_members[n.index()].iter().copied());
        for next in linked.collect::<Vec<_>>() {
            if !seen[next.index()] {
                seen[next.index()] = true;
                queue.push_back((next, d + 1));
            }
        }
    }
    seen
}

/// Reporting groups: the holders whose holds edges carry one group figure, keyed by issuer and
/// filing, in graph order. Groups of one are no group.
pub fn reporting_groups(g: &RelGraph) -> BTreeMap<(NodeIndex, String), Vec<NodeIndex>> {
    let mut groups: BTreeMap<(NodeIndex, String), Vec<NodeIndex>> = BTreeMap::new();
    for e in g.graph.edge_references() {
        let w = e.weight();
        let is_group = w.statement.stake().is_some_and(|s| s.group_figure);
        if let Some(ev) = w.evidence.first().filter(|_| is_group) {
            let members = groups.entry((e.target(), ev.filing.clone())).or_default();
            if !members.contains(&e.source()) {
                members.push(e.source());
            }
        }
    }
    groups.retain(|_, m| m.len() > 1);
    for m in groups.values_mut() {
        m.sort();
    }
    groups
}

fn intersect(keep: &mut [bool], other: &[bool]) {
    for (k, o) in keep.iter_mut().zip(other) {
        *k &= *o;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Statement;

    fn node(id: &str, kind: NodeKind) -> Node {
        Node {
            id: id.into(),
            name: id.into(),
            kind,
            aliases: vec![],
            identifiers: Default::default(),
            evidence: vec![],
        }
    }

    fn edge(s: &str, t: &str, kind: EdgeKind) -> Edge {
        let statement = match kind {
            EdgeKind::Holds => Statement::Holds(Box::default()),
            EdgeKind::Manages => Statement::manages(""),
            EdgeKind::SignsFor => Statement::SignsFor(Default::default()),
            EdgeKind::BoardMemberOf => Statement::board(""),
            EdgeKind::OfficerOf => Statement::officer(""),
            EdgeKind::CounselTo => Statement::CounselTo {
                firm: String::new(),
            },
        };
        Edge {
            source: s.into(),
            target: t.into(),
            statement,
            evidence: vec![],
        }
    }

    /// person -signs-> manager -manages-> fund -holds-> issuer <-board- director; other -holds-> x
    fn sample() -> RelGraph {
        RelGraph::from_parts(
            vec![
                node("person", NodeKind::Individual),
                node("manager", NodeKind::Manager),
                node("fund", NodeKind::Fund),
                node("issuer", NodeKind::Issuer),
                node("director", NodeKind::Individual),
                node("other", NodeKind::Fund),
                node("x", NodeKind::Issuer),
            ],
            vec![
                edge("person", "manager", EdgeKind::SignsFor),
                edge("manager", "fund", EdgeKind::Manages),
                edge("fund", "issuer", EdgeKind::Holds),
                edge("director", "issuer", EdgeKind::BoardMemberOf),
                edge("other", "x", EdgeKind::Holds),
            ],
            vec![],
        )
    }

    fn ids(g: &RelGraph) -> Vec<&str> {
        g.nodes().map(|n| n.id.as_str()).collect()
    }

    fn at(g: &RelGraph, id: &str) -> NodeIndex {
        g.graph
            .node_indices()
            .find(|&n| g.graph[n].id == id)
            .unwrap()
    }

    #[test]
    fn focus_depth_counts_relations_either_way() {
        let g = sample();
        let sel = Selection {
            focus: Some(at(&g, "fund")),
            depth: 1,
            ..Default::default()
        };
        assert_eq!(ids(&select(&g, &sel)), ["manager", "fund", "issuer"]);
        let sel = Selection { depth: 2, ..sel };
        // the issuer is a leaf: its director is not the fund's relation
        assert_eq!(
            ids(&select(&g, &sel)),
            ["person", "manager", "fund", "issuer"]
        );
        // but a focus on the issuer itself reaches its director
        let sel = Selection {
            focus: Some(at(&g, "issuer")),
            depth: 1,
            ..Default::default()
        };
        assert_eq!(ids(&select(&g, &sel)), ["fund", "issuer", "director"]);
    }

    #[test]
    fn members_of_one_reporting_group_are_one_relation_apart() {
        let group_holding = |s: &str| {
            let mut e = edge(s, "issuer", EdgeKind::Holds);
            if let Statement::Holds(stake) = &mut e.statement {
                stake.group_figure = true;
            }
            e.evidence.push(crate::model::Evidence {
                filing: "f".into(),
                line: 1,
                text: String::new(),
            });
            e
        };
        let g = RelGraph::from_parts(
            vec![
                node("a", NodeKind::Fund),
                node("b", NodeKind::Manager),
                node("issuer", NodeKind::Issuer),
                node("c", NodeKind::Fund),
            ],
            vec![
                group_holding("a"),
                group_holding("b"),
                edge("c", "issuer", EdgeKind::Holds),
            ],
            vec![],
        );
        let sel = Selection {
            focus: Some(at(&g, "a")),
            depth: 1,
            ..Default::default()
        };
        assert_eq!(ids(&select(&g, &sel)), ["a", "b", "issuer"]);
        assert_eq!(reporting_groups(&g).len(), 1);
    }

    #[test]
    fn issuer_keeps_what_leads_to_it() {
        let g = sample();
        let sel = Selection {
            issuer: Some(at(&g, "issuer")),
            ..Default::default()
        };
        let s = select(&g, &sel);
        assert_eq!(ids(&s), ["person", "manager", "fund", "issuer", "director"]);
        assert_eq!(s.graph.edge_count(), 4);
    }

    #[test]
    fn kinds_filter_edges_and_drop_untouched_entities() {
        let g = sample();
        let sel = Selection {
            kinds: Some(parse_kinds("holds, MANAGES").unwrap()),
            ..Default::default()
        };
        let s = select(&g, &sel);
        assert_eq!(ids(&s), ["manager", "fund", "issuer", "other", "x"]);
        assert!(s.edges().all(|e| e.kind() != EdgeKind::SignsFor));
        assert!(parse_kinds("holds,owns")
            .unwrap_err()
            .contains("known: holds"));
    }
}
