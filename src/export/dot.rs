//! The DOT export, built as a graphviz-rust syntax tree and printed by it. Owners sit above what
//! they hold (edges point from owner to owned, ranked top to bottom); nodes are shaped and coloured
//! by kind, edges styled by kind and labelled with what matters (figure and date, role, title); a
//! reporting group is drawn as a cluster; a legend names the kinds the diagram uses.

use crate::graph::{Edge, Node, RelGraph};
use crate::model::{EdgeKind, NodeKind};
use crate::sanitize::is_hidden_control;
use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::graph::NodeIndex;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// What to draw beyond the graph itself.
#[derive(Debug, Clone)]
pub struct Options {
    /// A key to the node and edge kinds used.
    pub legend: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { legend: true }
    }
}

pub fn to_dot(g: &RelGraph) -> String {
    to_dot_with(g, &Options::default())
}

pub fn to_dot_with(g: &RelGraph, options: &Options) -> String {
    let mut out = Vec::new();
    write_dot(g, options, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the printer writes UTF-8")
}

/// Writes the DOT statement by statement, so a whole-graph export never holds the text (or the
/// syntax tree) of more than one statement at a time.
pub fn write_dot(g: &RelGraph, options: &Options, w: &mut dyn Write) -> std::io::Result<()> {
    let mut ctx = PrinterContext::default();
    // Printing an empty digraph puts the printer in digraph mode ("->") at the statement indent,
    // which is what printing a whole graph would do before its statements.
    let _ = Graph::DiGraph {
        id: Id::Plain("relgraph".into()),
        strict: false,
        stmts: vec![],
    }
    .print(&mut ctx);
    w.write_all(b"digraph relgraph {\n")?;
    let mut emit = |stmt: Stmt| -> std::io::Result<()> {
        w.write_all(stmt.print(&mut ctx).as_bytes())?;
        w.write_all(b"\n")
    };
    emit(Stmt::GAttribute(GraphAttributes::Graph(vec![
        attr("rankdir", "TB"),
        attr("fontname", "Helvetica"),
        attr("nodesep", "0.4"),
        attr("ranksep", "0.7"),
    ])))?;
    emit(Stmt::GAttribute(GraphAttributes::Node(vec![
        attr("fontname", "Helvetica"),
        attr("fontsize", "11"),
        attr("style", "filled"),
    ])))?;
    emit(Stmt::GAttribute(GraphAttributes::Edge(vec![
        attr("fontname", "Helvetica"),
        attr("fontsize", "9"),
    ])))?;
    let groups = groups(g);
    let grouped: BTreeSet<&str> = groups.values().flatten().copied().collect();
    for (i, ((issuer, filing), members)) in groups.iter().enumerate() {
        let mut inner = vec![
            Stmt::Attribute(attr(
                "label",
                &format!("reporting group on {issuer} ({filing})"),
            )),
            Stmt::Attribute(attr("style", "rounded,dashed")),
            Stmt::Attribute(attr("color", "#7f7f7f")),
            Stmt::Attribute(attr("fontsize", "10")),
        ];
        inner.extend(
            g.nodes()
                .filter(|n| members.contains(&n.id.as_str()))
                .map(|n| Stmt::Node(node(n))),
        );
        emit(Stmt::Subgraph(Subgraph {
            id: Id::Plain(format!("cluster_group_{i}")),
            stmts: inner,
        }))?;
    }
    for n in g.nodes().filter(|n| !grouped.contains(n.id.as_str())) {
        emit(Stmt::Node(node(n)))?;
    }
    for e in g.edges() {
        emit(Stmt::Edge(edge(e)))?;
    }
    if options.legend && g.graph.node_count() > 0 {
        emit(Stmt::Subgraph(legend(g)))?;
    }
    w.write_all(b"}\n")
}

/// Reporting groups as (issuer name, filing file name) -> member ids. A node joins only its first
/// group: a DOT node sits in one cluster.
fn groups(g: &RelGraph) -> BTreeMap<(String, String), Vec<&str>> {
    let mut placed: BTreeSet<NodeIndex> = BTreeSet::new();
    let mut out = BTreeMap::new();
    for ((issuer, filing), members) in super::select::reporting_groups(g) {
        let ids: Vec<&str> = members
            .into_iter()
            .filter(|m| placed.insert(*m))
            .map(|m| g.graph[m].id.as_str())
            .collect();
        if ids.len() > 1 {
            let file = filing.rsplit('/').next().unwrap_or(&filing).to_string();
            out.insert((g.graph[issuer].name.clone(), file), ids);
        }
    }
    out
}

const NODE_STYLES: [(NodeKind, &str, &str); 5] = [
    (NodeKind::Fund, "box", "#cfe2f3"),
    (NodeKind::Manager, "hexagon", "#d9ead3"),
    (NodeKind::Individual, "ellipse", "#fff2cc"),
    (NodeKind::Issuer, "doubleoctagon", "#f4cccc"),
    (NodeKind::Company, "box", "#eeeeee"),
];

fn node_style(kind: NodeKind) -> (&'static str, &'static str) {
    NODE_STYLES
        .iter()
        .find(|(k, _, _)| *k == kind)
        .map_or(("box", "#ffffff"), |(_, shape, color)| (shape, color))
}

fn edge_style(kind: EdgeKind) -> (&'static str, &'static str) {
    match kind {
        EdgeKind::Holds => ("solid", "#000000"),
        EdgeKind::Manages => ("bold", "#38761d"),
        EdgeKind::SignsFor => ("dotted", "#1155cc"),
        EdgeKind::BoardMemberOf => ("dashed", "#990000"),
        EdgeKind::OfficerOf => ("dashed", "#b45f06"),
        EdgeKind::CounselTo => ("dashed", "#999999"),
    }
}

/// A key to the node and edge kinds the diagram uses, kept apart in its own box.
fn legend(g: &RelGraph) -> Subgraph {
    let node_kinds: BTreeSet<NodeKind> = g.nodes().map(|n| n.kind).collect();
    let edge_kinds: BTreeSet<EdgeKind> = g.edges().map(|e| e.kind()).collect();
    let mut stmts = vec![
        Stmt::Attribute(attr("label", "legend")),
        Stmt::Attribute(attr("style", "rounded")),
        Stmt::Attribute(attr("color", "#bbbbbb")),
        Stmt::Attribute(attr("fontsize", "10")),
    ];
    for kind in node_kinds {
        let (shape, color) = node_style(kind);
        stmts.push(Stmt::Node(DotNode::new(
            NodeId(quoted(&format!("legend:{}", kind.as_str())), None),
            vec![
                attr("label", kind.as_str()),
                attr("shape", shape),
                attr("fillcolor", color),
                attr("fontsize", "9"),
            ],
        )));
    }
    for kind in edge_kinds {
        let (style, color) = edge_style(kind);
        let from = format!("legend:{}:from", kind.as_str());
        let to = format!("legend:{}:to", kind.as_str());
        for id in [&from, &to] {
            stmts.push(Stmt::Node(DotNode::new(
                NodeId(quoted(id), None),
                vec![attr("shape", "point"), attr("width", "0.05")],
            )));
        }
        stmts.push(Stmt::Edge(DotEdge {
            ty: EdgeTy::Pair(
                Vertex::N(NodeId(quoted(&from), None)),
                Vertex::N(NodeId(quoted(&to), None)),
            ),
            attributes: vec![
                attr("label", kind.as_str()),
                attr("style", style),
                attr("color", color),
            ],
        }));
    }
    Subgraph {
        id: Id::Plain("cluster_legend".into()),
        stmts,
    }
}

fn node(n: &Node) -> DotNode {
    let (shape, color) = node_style(n.kind);
    DotNode::new(
        NodeId(quoted(&n.id), None),
        vec![
            attr("label", &n.name),
            attr("tooltip", &format!("{} ({})", n.name, n.kind.as_str())),
            attr("shape", shape),
            attr("fillcolor", color),
        ],
    )
}

fn edge(e: &Edge) -> DotEdge {
    let (style, color) = edge_style(e.kind());
    DotEdge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(quoted(&e.source), None)),
            Vertex::N(NodeId(quoted(&e.target), None)),
        ),
        attributes: vec![
            Attribute(
                Id::Plain("label".into()),
                lines(&crate::describe::label_lines(&e.statement)),
            ),
            attr("style", style),
            attr("color", color),
            attr("fontcolor", color),
        ],
    }
}

fn attr(k: &str, v: &str) -> Attribute {
    Attribute(Id::Plain(k.into()), quoted(v))
}

/// A quoted label of several lines, each escaped on its own and joined by DOT's "\\n".
fn lines(lines: &[String]) -> Id {
    let body: Vec<String> = lines.iter().map(|l| escape(l)).collect();
    Id::Escaped(format!("\"{}\"", body.join("\\n")))
}

fn quoted(s: &str) -> Id {
    Id::Escaped(format!("\"{}\"", escape(s)))
}

/// DOT string escaping, for Graphviz and for the built-in layout, which both read this text:
/// - quotes and backslashes are escaped, so a name cannot end the string or start one of
///   Graphviz's `\N`, `\l` escapes;
/// - control characters (ESC, C1 CSI U+009B, newlines), bidi controls and line separators
///   become spaces: Graphviz copies them into the SVG as they are (a raw ESC even makes the SVG
///   invalid XML) and an override reverses the label in the picture and the HTML page;
/// - an `&` that would start a character reference becomes `&amp;`: Graphviz decodes entities
///   in every label, so a name written `&#27;[31m` or `&#x202E;` in a text filing would come out
///   of `dot` as a raw ESC or override. A lone `&` ("Ashby & Prew") is left alone, since the
///   built-in layout decodes no entities and would show `&amp;` as it is.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '&' if starts_reference(&s[i + 1..]) => out.push_str("&amp;"),
            c if is_hidden_control(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Whether the text after an `&` makes it a character reference to Graphviz: `#` (a numeric
/// reference, `&#27;`, `&#x202E;`) or up to 8 letters and digits and a `;` (`&amp;`, `&lt;`).
fn starts_reference(rest: &str) -> bool {
    if rest.starts_with('#') {
        return true;
    }
    let name = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    (1..=8).contains(&name) && rest.as_bytes().get(name) == Some(&b';')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Stake, Statement};

    fn hostile(id: &str, name: &str) -> Node {
        Node {
            id: id.into(),
            name: name.into(),
            kind: NodeKind::Fund,
            aliases: vec![],
            identifiers: Default::default(),
            evidence: vec![],
        }
    }

    /// All node statements of a parsed graph, clusters included.
    fn parsed_nodes(stmts: &[Stmt], out: &mut Vec<DotNode>) {
        for s in stmts {
            match s {
                Stmt::Node(n) => out.push(n.clone()),
                Stmt::Subgraph(sub) => parsed_nodes(&sub.stmts, out),
                _ => {}
            }
        }
    }

    #[test]
    fn hostile_names_cannot_break_the_dot_or_add_attributes() {
        let names = [
            r#"Evil" shape="star"#,
            "Brace } Fund { subgraph",
            "<b>Angle</b> <script>alert(1)</script>",
            r"Back\slash\",
            "New\nline\r\n]; x -> y [",
            "Tab\tand \u{0}nul",
            "-> \"quoted\" ]",
        ];
        let nodes: Vec<Node> = names
            .iter()
            .enumerate()
            .map(|(i, n)| hostile(&format!("n-{i}\"]{{"), n))
            .collect();
        let e = Edge {
            source: nodes[0].id.clone(),
            target: nodes[1].id.clone(),
            statement: Statement::manages(r#"gp" color="red"#),
            evidence: vec![],
        };
        let g = RelGraph::from_parts(nodes, vec![e], vec![]);
        let dot = to_dot(&g);
        let parsed = graphviz_rust::parse(&dot).expect("the DOT parses");
        let Graph::DiGraph { stmts, .. } = parsed else {
            panic!("a digraph");
        };
        let mut found = Vec::new();
        parsed_nodes(&stmts, &mut found);
        let entities: Vec<&DotNode> = found
            .iter()
            .filter(|n| !n.id.0.to_string().contains("legend:"))
            .collect();
        assert_eq!(entities.len(), names.len(), "{dot}");
        for n in entities {
            let keys: Vec<String> = n.attributes.iter().map(|a| a.0.to_string()).collect();
            assert_eq!(keys, ["label", "tooltip", "shape", "fillcolor"], "{dot}");
        }
        assert!(!dot.contains("shape=\"star\""), "{dot}");
        assert!(!dot.contains("color=\"red\""), "{dot}");
        let edges = stmts.iter().filter(|s| matches!(s, Stmt::Edge(_))).count();
        assert_eq!(edges, 1, "only the one entity edge outside the legend");
    }

    #[test]
    fn ten_percent_owners_are_labelled() {
        let stake = Stake {
            shares: Some(6_125_376),
            ten_percent_owner: true,
            as_of: Some("2020-09-18".into()),
            ..Stake::default()
        };
        let e = Edge {
            source: "a".into(),
            target: "b".into(),
            statement: Statement::Holds(Box::new(stake)),
            evidence: Vec::new(),
        };
        assert_eq!(
            crate::describe::label_lines(&e.statement),
            vec!["6,125,376", "10% owner", "as of 2020-09-18"]
        );
    }

    #[test]
    fn labels_and_escaping() {
        assert_eq!(crate::text::thousands(1487600), "1,487,600");
        assert_eq!(escape("a \"b\" \\ c\n"), "a \\\"b\\\" \\\\ c ");
    }

    #[test]
    fn controls_bidi_and_character_references_cannot_reach_the_picture() {
        assert_eq!(
            escape("Red\u{1b}[31m \u{9b}2J \u{202e}dnuF\u{202c} \u{2066}x\u{2069}\u{200f}"),
            "Red [31m  2J  dnuF   x  "
        );
        // Graphviz would decode these into a raw ESC and a raw override
        assert_eq!(
            escape("A&#27;[31m B&#x202E;"),
            "A&amp;#27;[31m B&amp;#x202E;"
        );
        assert_eq!(escape("&lt;b&gt;"), "&amp;lt;b&amp;gt;");
        // a plain ampersand is text to both engines
        assert_eq!(escape("Ashby & Prew; AT&T"), "Ashby & Prew; AT&T");
    }
}
