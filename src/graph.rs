//! `graph`: entities + facts -> [`RelGraph`]. Nodes are entities; edges are relations with their
//! attributes and evidence. The same statement made twice (a signature repeated in the joint filing
//! agreement, one holding on two cover pages) is one edge with two pieces of evidence.

use crate::model::{EdgeKind, Evidence, Facts, NodeKind, Statement, StatementError};
use crate::resolve::{Entity, Found, Resolution};
use petgraph::graph::{DiGraph, NodeIndex};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A node as stored and exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    pub name: String,
    pub kind: NodeKind,
    pub aliases: Vec<String>,
    pub identifiers: BTreeMap<String, String>,
    pub evidence: Vec<Evidence>,
}

/// An edge as stored and exported; `source` and `target` are node ids. Written as `source`,
/// `target`, `kind`, `attributes`, `evidence` (docs/json.md).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "EdgeWire")]
pub struct Edge {
    pub source: String,
    pub target: String,
    pub statement: Statement,
    pub evidence: Vec<Evidence>,
}

impl Edge {
    pub fn kind(&self) -> EdgeKind {
        self.statement.kind()
    }
}

impl Serialize for Edge {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Edge", 5)?;
        st.serialize_field("source", &self.source)?;
        st.serialize_field("target", &self.target)?;
        st.serialize_field("kind", &self.kind())?;
        st.serialize_field("attributes", &self.statement.attributes())?;
        st.serialize_field("evidence", &self.evidence)?;
        st.end()
    }
}

#[derive(Deserialize)]
struct EdgeWire {
    source: String,
    target: String,
    kind: EdgeKind,
    attributes: Map<String, Value>,
    evidence: Vec<Evidence>,
}

impl TryFrom<EdgeWire> for Edge {
    type Error = StatementError;
    fn try_from(w: EdgeWire) -> Result<Edge, StatementError> {
        Ok(Edge {
            statement: Statement::from_attributes(w.kind, w.attributes)?,
            source: w.source,
            target: w.target,
            evidence: w.evidence,
        })
    }
}

/// A filing's warning, with the filing it is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct GraphWarning {
    pub filing: String,
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

/// The relationship graph: petgraph for traversal, plus the warnings of the filings behind it.
#[derive(Debug, Default)]
pub struct RelGraph {
    pub graph: DiGraph<Node, Edge>,
    pub warnings: Vec<GraphWarning>,
}

impl RelGraph {
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.graph.node_weights()
    }

    pub fn edges(&self) -> impl Iterator<Item = &Edge> {
        self.graph.edge_weights()
    }

    /// Rebuilds a graph from stored nodes and edges (already sorted by the store).
    pub fn from_parts(nodes: Vec<Node>, edges: Vec<Edge>, warnings: Vec<GraphWarning>) -> RelGraph {
        // each edge's ends are looked up on every core, by binary search in the ids sorted (the
        // last node of an id stands for it), and the edges added in order
        let mut index: Vec<(&str, usize)> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        index.par_sort_by(|a, b| a.0.cmp(b.0));
        let mut last: Vec<(&str, usize)> = Vec::with_capacity(index.len());
        for (id, i) in index {
            match last.last_mut() {
                Some(prev) if prev.0 == id => prev.1 = i,
                _ => last.push((id, i)),
            }
        }
        let find = |id: &str| {
            last.binary_search_by(|probe| probe.0.cmp(id))
                .ok()
                .map(|at| NodeIndex::new(last[at].1))
        };
        let ends: Vec<Option<(NodeIndex, NodeIndex)>> = edges
            .par_iter()
            .map(|e| Some((find(&e.source)?, find(&e.target)?)))
            .collect();
        drop(last);
        let mut graph = DiGraph::with_capacity(nodes.len(), edges.len());
        for n in nodes {
            graph.add_node(n);
        }
        for (e, ends) in edges.into_iter().zip(ends) {
            if let Some((s, t)) = ends {
                graph.add_edge(s, t, e);
            }
        }
        RelGraph { graph, warnings }
    }
}

/// Edges being assembled, keyed by (source, target, kind, attributes as JSON) so the same statement
/// from two places becomes one edge with both pieces of evidence. The statement is kept only as
/// that compact JSON until the end: it is the key the store sorts and finds edges by, and a
/// parsed statement of a Form 4 takes several times the memory. A hash map and plain lists while
/// adding, sorted once at the end: ordered maps compared long keys on every insert.
pub(crate) type EdgeKey = (String, String, EdgeKind, String);
pub(crate) type EdgeMap = HashMap<EdgeKey, Vec<Evidence>>;

/// The graph being built, one filing's facts at a time, in any order: edges are keyed, and
/// [`assemble`] sorts edges, evidence, warnings and nodes, so the result does not depend on the
/// order. Facts are consumed: their evidence moves into edges instead of being copied. Several
/// builders can share one resolution (one per thread); `assemble` makes one graph of them.
pub struct Builder<'r> {
    res: &'r Resolution,
    gathered: Gathered,
    /// The same names recur in every filing of a group: each spelling is normalised once.
    keys: HashMap<String, String>,
}

/// What a builder has gathered from its facts: edges with their evidence, entities for names no
/// party stands behind, and warnings; [`assemble`] makes the graph of several.
#[derive(Default)]
pub struct Gathered {
    edges: EdgeMap,
    extra: Vec<Entity>,
    warnings: Vec<GraphWarning>,
    /// (filing, key) of every name a filing uses without listing it among its parties, found by
    /// its key elsewhere: an incremental build redoes these filings when that entity changes.
    pub(crate) by_key: Vec<(String, String)>,
    /// Names no party stands behind, by (filing, key).
    pub(crate) orphans: Vec<(String, String)>,
}

impl<'r> Builder<'r> {
    pub fn new(res: &'r Resolution) -> Builder<'r> {
        Builder {
            res,
            gathered: Gathered::default(),
            keys: HashMap::new(),
        }
    }

    fn id_of(&mut self, filing: &str, name: &str) -> String {
        let key = match self.keys.get(name) {
            Some(k) => k,
            None => self
                .keys
                .entry(name.to_string())
                .or_insert_with(|| crate::names::norm_key(name)),
        };
        match self.res.find_key(filing, key) {
            Some(Found::InFiling(i)) => self.res.entities[i].id.clone(),
            Some(Found::ByKey(i)) => {
                let used = (filing.to_string(), key.clone());
                self.gathered.by_key.push(used);
                self.res.entities[i].id.clone()
            }
            None => {
                let used = (filing.to_string(), key.clone());
                self.gathered.orphans.push(used);
                orphan(&mut self.gathered.extra, name)
            }
        }
    }

    /// Adds one filing's holdings, relations and warnings.
    pub fn add(&mut self, f: Facts) {
        for h in f.holdings {
            let (s, t) = (
                self.id_of(&f.filing, &h.holder),
                self.id_of(&f.filing, &h.issuer),
            );
            let statement = Statement::Holds(Box::new(h.stake));
            add_edge(&mut self.gathered.edges, s, t, &statement, h.evidence);
        }
        for r in f.relations {
            let (s, t) = (
                self.id_of(&f.filing, &r.source),
                self.id_of(&f.filing, &r.target),
            );
            if s == t {
                continue;
            }
            add_edge(
                &mut self.gathered.edges,
                s,
                t,
                &r.statement,
                vec![r.evidence],
            );
        }
        self.gathered
            .warnings
            .extend(f.warnings.into_iter().map(|w| GraphWarning {
                filing: f.filing.clone(),
                path: f.path.clone(),
                line: w.line,
                message: w.message,
            }));
    }

    pub fn into_gathered(self) -> Gathered {
        self.gathered
    }
}

/// The graph from what the builders gathered: the resolution's entities (and the orphans) as
/// nodes, the edges and warnings sorted, so it is the same whatever order the facts came in and
/// however they were shared out. An edge gathered by several builders is one edge with all its
/// evidence. Sorted on every core.
pub fn assemble(parts: Vec<Gathered>, entities: Vec<Entity>) -> RelGraph {
    let mut extra = Vec::new();
    let mut warnings = Vec::new();
    let mut all: Vec<(EdgeKey, Vec<Evidence>)> =
        Vec::with_capacity(parts.iter().map(|p| p.edges.len()).sum());
    for part in parts {
        for e in part.extra {
            keep_orphan(&mut extra, e);
        }
        warnings.extend(part.warnings);
        all.extend(part.edges);
    }
    let mut nodes: Vec<Node> = entities.into_iter().chain(extra).map(node).collect();
    // stable: an entity comes before an orphan with its id, and the orphan is dropped
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    nodes.dedup_by(|a, b| a.id == b.id);
    all.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // an edge two builders gathered is one edge with the evidence of both (each run of a key is
    // moved out of place, on every core)
    let edges: Vec<Edge> = all
        .par_chunk_by_mut(|a, b| a.0 == b.0)
        .filter_map(|run| {
            let (first, rest) = run.split_first_mut()?;
            let mut evidence = std::mem::take(&mut first.1);
            for (_, more) in rest {
                evidence.append(more);
            }
            let k = &mut first.0;
            let key = (
                std::mem::take(&mut k.0),
                std::mem::take(&mut k.1),
                k.2,
                std::mem::take(&mut k.3),
            );
            Some(edge(key, evidence))
        })
        .collect();
    drop(all);
    warnings.par_sort();
    warnings.dedup();
    RelGraph::from_parts(nodes, edges, warnings)
}

/// The edge of a key and its evidence (sorted, each piece once).
pub(crate) fn edge(key: EdgeKey, mut evidence: Vec<Evidence>) -> Edge {
    let (source, target, kind, attributes) = key;
    evidence.sort_unstable();
    evidence.dedup();
    // the key was written by `add_edge` from a statement of this kind: it reads back
    let attributes: Map<String, Value> = serde_json::from_str(&attributes).unwrap_or_default();
    let statement = Statement::from_attributes(kind, attributes)
        .expect("an edge key written from a statement reads back");
    Edge {
        source,
        target,
        statement,
        evidence,
    }
}

/// The key of an edge: its ends, kind and statement as compact JSON.
pub(crate) fn edge_key(e: &Edge) -> EdgeKey {
    (
        e.source.clone(),
        e.target.clone(),
        e.kind(),
        e.statement.attributes_json(),
    )
}

impl Gathered {
    /// The edges gathered, by key, with their evidence, and the warnings.
    pub(crate) fn into_parts(self) -> (EdgeMap, Vec<GraphWarning>) {
        (self.edges, self.warnings)
    }
}

fn add_edge(
    edges: &mut EdgeMap,
    source: String,
    target: String,
    statement: &Statement,
    evidence: Vec<Evidence>,
) {
    let key = (
        source,
        target,
        statement.kind(),
        statement.attributes_json(),
    );
    edges.entry(key).or_default().extend(evidence);
}

/// A name no party stands behind (should not happen; kept so no fact is lost).
fn orphan(extra: &mut Vec<Entity>, name: &str) -> String {
    let id = format!("n-{}", crate::names::slug(&crate::names::norm_key(name)));
    let kind = if crate::names::looks_like_person(name) {
        NodeKind::Individual
    } else {
        NodeKind::Company
    };
    keep_orphan(
        extra,
        Entity {
            id: id.clone(),
            name: name.to_string(),
            kind,
            aliases: BTreeSet::new(),
            identifiers: BTreeMap::new(),
            evidence: BTreeSet::new(),
        },
    );
    id
}

/// One orphan per id: of two names with one id, the smaller, so which came first does not matter.
fn keep_orphan(extra: &mut Vec<Entity>, e: Entity) {
    match extra.iter_mut().find(|x| x.id == e.id) {
        Some(x) if e.name < x.name => *x = e,
        Some(_) => {}
        None => extra.push(e),
    }
}

pub(crate) fn node(e: Entity) -> Node {
    Node {
        id: e.id,
        name: e.name,
        kind: e.kind,
        aliases: e.aliases.into_iter().collect(),
        identifiers: e.identifiers,
        evidence: e.evidence.into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Relation;

    fn filing(id: &str, statements: &[(&str, &str, usize)]) -> Facts {
        let mut f = Facts::new(id, format!("{id}.txt"), "SC 13G");
        f.relations = statements
            .iter()
            .map(|&(source, target, line)| Relation {
                source: source.into(),
                target: target.into(),
                statement: Statement::manages(""),
                evidence: Evidence {
                    filing: id.into(),
                    line,
                    text: format!("{source} manages {target}"),
                },
            })
            .collect();
        f
    }

    fn json(g: &RelGraph) -> String {
        let nodes: Vec<&Node> = g.nodes().collect();
        let edges: Vec<&Edge> = g.edges().collect();
        serde_json::to_string(&(nodes, edges, &g.warnings)).expect("a graph as JSON")
    }

    #[test]
    fn builders_sharing_out_the_facts_give_the_graph_one_builder_gives() {
        // no resolution: every name is an orphan node, the case where order could matter most
        let res = Resolution::default();
        let a = filing("A", &[("Alpha Capital LLC", "Beta Fund LP", 3)]);
        let b = filing(
            "B",
            &[
                ("Alpha Capital LLC", "Beta Fund LP", 7),
                ("ALPHA CAPITAL, LLC", "Gamma Fund LP", 9),
            ],
        );
        let mut one = Builder::new(&res);
        one.add(a.clone());
        one.add(b.clone());
        let one = assemble(vec![one.into_gathered()], Vec::new());
        let (mut first, mut second) = (Builder::new(&res), Builder::new(&res));
        first.add(b);
        second.add(a);
        let two = assemble(
            vec![first.into_gathered(), second.into_gathered()],
            Vec::new(),
        );
        assert_eq!(json(&one), json(&two));
        // the statement both filings make is one edge with both lines
        let beta = two
            .edges()
            .find(|e| e.target.contains("beta"))
            .expect("the Beta edge");
        let lines: Vec<usize> = beta.evidence.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 7]);
        // two spellings of one name keep the smaller, whichever builder saw which first
        let alpha: Vec<&str> = two
            .nodes()
            .filter(|n| n.id.contains("alpha"))
            .map(|n| n.name.as_str())
            .collect();
        assert_eq!(alpha, ["ALPHA CAPITAL, LLC"]);
    }
}
