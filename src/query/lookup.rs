//! Names as people type them -> nodes: exact keys of names and aliases first, then ranked fuzzy
//! candidates for "did you mean".

use crate::graph::RelGraph;
use crate::names::norm_key;
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::HashMap;

/// An index of the graph's names and aliases by normalised key, built once after load.
pub struct Index<'g> {
    pub g: &'g RelGraph,
    by_key: HashMap<String, Vec<NodeIndex>>,
}

/// A possible answer to a name.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub score: f64,
}

#[derive(Debug)]
pub enum Lookup {
    Found(NodeIndex),
    /// Several entities answer to the name; the caller asks which.
    Ambiguous(Vec<Candidate>),
    NotFound(Vec<Candidate>),
}

/// Fuzzy candidates below this similarity are not suggested.
const SUGGEST: f64 = 0.75;

impl<'g> Index<'g> {
    pub fn new(g: &'g RelGraph) -> Index<'g> {
        let mut by_key: HashMap<String, Vec<NodeIndex>> = HashMap::new();
        for n in g.graph.node_indices() {
            let node = &g.graph[n];
            for name in std::iter::once(&node.name).chain(node.aliases.iter()) {
                let list = by_key.entry(norm_key(name)).or_default();
                if !list.contains(&n) {
                    list.push(n);
                }
            }
            by_key.entry(node.id.to_lowercase()).or_default().push(n);
        }
        Index { g, by_key }
    }

    /// Exact key of a name or alias (or an id); several nodes are ambiguous; none gives the
    /// closest names. A name that is the start of exactly one entity's name also answers ("8x8",
    /// "Kings Road").
    pub fn lookup(&self, text: &str) -> Lookup {
        let key = norm_key(text);
        match self.exact_key(&key, text) {
            [] => {}
            [one] => return Lookup::Found(*one),
            many => {
                return Lookup::Ambiguous(many.iter().map(|n| self.candidate(*n, 1.0)).collect())
            }
        }
        let prefixed: Vec<NodeIndex> = self
            .g
            .graph
            .node_indices()
            .filter(|n| starts_with_words(&norm_key(&self.g.graph[*n].name), &key))
            .collect();
        match prefixed.as_slice() {
            [one] => Lookup::Found(*one),
            [] => Lookup::NotFound(self.search(text, 5)),
            many => Lookup::Ambiguous(many.iter().map(|n| self.candidate(*n, 1.0)).collect()),
        }
    }

    /// The entities whose name or alias has the key of `text`, or whose id it is (any case), in
    /// the graph's order: what [`Index::lookup`] answers with before it tries prefixes and close
    /// names. Several when a name or a defined term ("the Fund") is shared.
    pub fn exact(&self, text: &str) -> &[NodeIndex] {
        self.exact_key(&norm_key(text), text)
    }

    fn exact_key(&self, key: &str, text: &str) -> &[NodeIndex] {
        self.by_key
            .get(key)
            .or_else(|| self.by_key.get(&text.to_lowercase()))
            .map_or(&[], Vec::as_slice)
    }

    /// The entities whose names or aliases are closest to the text, best first.
    pub fn search(&self, text: &str, limit: usize) -> Vec<Candidate> {
        let key = norm_key(text);
        let mut scored: Vec<Candidate> = self
            .g
            .graph
            .node_indices()
            .map(|n| {
                let node = &self.g.graph[n];
                let score = std::iter::once(&node.name)
                    .chain(node.aliases.iter())
                    .map(|a| {
                        let k = norm_key(a);
                        let base = crate::resolve::jaro::jaro_winkler(&k, &key);
                        if !key.is_empty() && k.contains(&key) {
                            base.max(0.9)
                        } else {
                            base
                        }
                    })
                    .fold(0.0, f64::max);
                self.candidate(n, score)
            })
            .filter(|c| c.score >= SUGGEST)
            .collect();
        scored.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.name.cmp(&b.name))
        });
        scored.truncate(limit);
        scored
    }

    fn candidate(&self, n: NodeIndex, score: f64) -> Candidate {
        let node = &self.g.graph[n];
        Candidate {
            id: node.id.clone(),
            name: node.name.clone(),
            kind: node.kind.as_str(),
            score: (score * 1000.0).round() / 1000.0,
        }
    }
}

fn starts_with_words(name: &str, prefix: &str) -> bool {
    !prefix.is_empty() && (name == prefix || name.starts_with(&format!("{prefix} ")))
}
