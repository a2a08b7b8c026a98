//! The DOT export, built as a graphviz-rust syntax tree and printed by it: one node per entity,
//! shaped and coloured by kind, and edges labelled with their kind (and the figure or role that
//! matters most: shares and percent, role, title).

use crate::graph::{Edge, Node, RelGraph};
use crate::model::{EdgeKind, NodeKind};
use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

pub fn to_dot(g: &RelGraph) -> String {
    let mut stmts: Vec<Stmt> = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("rankdir", "LR"),
            attr("fontname", "Helvetica"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", "Helvetica"),
            attr("style", "filled"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", "Helvetica"),
            attr("fontsize", "10"),
        ])),
    ];
    stmts.extend(g.nodes().map(|n| Stmt::Node(node(n))));
    stmts.extend(g.edges().map(|e| Stmt::Edge(edge(e))));
    let graph = Graph::DiGraph {
        id: Id::Plain("relgraph".into()),
        strict: false,
        stmts,
    };
    let mut out = graph.print(&mut PrinterContext::default());
    out.push('\n');
    out
}

fn node(n: &Node) -> DotNode {
    let (shape, color) = match n.kind {
        NodeKind::Fund => ("box", "#cfe2f3"),
        NodeKind::Manager => ("hexagon", "#d9ead3"),
        NodeKind::Individual => ("ellipse", "#fff2cc"),
        NodeKind::Issuer => ("doubleoctagon", "#f4cccc"),
        NodeKind::Company => ("box", "#eeeeee"),
    };
    let label = format!("{}\\n({})", escape(&n.name), n.kind.as_str());
    DotNode::new(
        NodeId(quoted(&n.id), None),
        vec![
            Attribute(
                Id::Plain("label".into()),
                Id::Escaped(format!("\"{label}\"")),
            ),
            attr("shape", shape),
            attr("fillcolor", color),
        ],
    )
}

fn edge(e: &Edge) -> DotEdge {
    let style = match e.kind {
        EdgeKind::Holds => "bold",
        EdgeKind::Manages => "solid",
        EdgeKind::SignsFor => "dashed",
        EdgeKind::BoardMemberOf | EdgeKind::OfficerOf | EdgeKind::CounselTo => "dotted",
    };
    DotEdge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(quoted(&e.source), None)),
            Vertex::N(NodeId(quoted(&e.target), None)),
        ),
        attributes: vec![
            Attribute(Id::Plain("label".into()), quoted(&edge_label(e))),
            attr("style", style),
        ],
    }
}

/// "holds 714,400 (2.08%)", "manages (investment manager)", "signs-for (Principal)".
fn edge_label(e: &Edge) -> String {
    let a = &e.attributes;
    let detail = match e.kind {
        EdgeKind::Holds => {
            let shares = a.get("shares").and_then(|v| v.as_u64()).map(thousands);
            let pct = a
                .get("percent")
                .map(|p| format!("{p}%"))
                .or_else(|| a.get("percent_upper_bound").map(|p| format!("<{p}%")));
            match (shares, pct) {
                (Some(s), Some(p)) => Some(format!("{s} ({p})")),
                (s, p) => s.or(p),
            }
        }
        _ => ["role", "title", "capacity"]
            .iter()
            .find_map(|k| a.get(*k).and_then(|v| v.as_str()).map(str::to_string)),
    };
    match detail {
        Some(d) => format!("{} {}", e.kind.as_str(), d),
        None => e.kind.as_str().to_string(),
    }
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn attr(k: &str, v: &str) -> Attribute {
    Attribute(Id::Plain(k.into()), quoted(v))
}

fn quoted(s: &str) -> Id {
    Id::Escaped(format!("\"{}\"", escape(s)))
}

/// DOT string escaping: quotes and backslashes; control characters become spaces.
fn escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            c if c.is_control() => vec![' '],
            c => vec![c],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_escaping() {
        assert_eq!(thousands(1487600), "1,487,600");
        assert_eq!(escape("a \"b\" \\ c\n"), "a \\\"b\\\" \\\\ c ");
    }
}
