//! A synthetic graph for benchmarks: issuers held by funds, funds managed by managers, managers
//! signed for by people. Deterministic: the same size gives the same graph.

use relgraph::graph::{Edge, Node, RelGraph};
use relgraph::model::{Evidence, NodeKind, Percent, Signing, Stake, Statement};

use std::collections::BTreeMap;

/// About `edges` edges: per issuer five holdings, and per fund one manager and one signatory.
pub fn graph(edges: usize) -> RelGraph {
    let issuers = (edges / 8).max(1);
    let funds = issuers * 2;
    let managers = funds / 2;
    let people = managers / 2;
    let mut nodes = Vec::new();
    let mut add = |prefix: &str, n: usize, kind: NodeKind| {
        for i in 0..n {
            nodes.push(Node {
                id: format!("{prefix}-{i:08}"),
                name: format!(
                    "{prefix} {i} {}",
                    if kind == NodeKind::Individual {
                        ""
                    } else {
                        "LLC"
                    }
                )
                .trim()
                .to_string(),
                kind,
                aliases: vec![],
                identifiers: BTreeMap::new(),
                evidence: vec![ev(i)],
            });
        }
    };
    add("issuer", issuers, NodeKind::Issuer);
    add("fund", funds, NodeKind::Fund);
    add("manager", managers, NodeKind::Manager);
    add("person", people, NodeKind::Individual);
    let mut out = Vec::new();
    for i in 0..issuers {
        for k in 0..5 {
            let f = (i * 7 + k * 13) % funds;
            let stake = Stake {
                shares: Some((1000 + i * 10 + k) as u64),
                percent: Some(Percent::Exact(1.5)),
                as_of: Some(format!("20{:02}-12-31", 10 + (k % 10))),
                sole_voting: Some(1000),
                ..Stake::default()
            };
            out.push(edge(
                &format!("fund-{f:08}"),
                &format!("issuer-{i:08}"),
                Statement::Holds(Box::new(stake)),
                i,
            ));
        }
    }
    for f in 0..funds {
        let m = f % managers;
        out.push(edge(
            &format!("manager-{m:08}"),
            &format!("fund-{f:08}"),
            Statement::manages("investment manager"),
            f,
        ));
        let signing = Signing {
            title: Some("Managing Member".into()),
            ..Signing::default()
        };
        out.push(edge(
            &format!("person-{:08}", m % people.max(1)),
            &format!("manager-{m:08}"),
            Statement::SignsFor(signing),
            f,
        ));
    }
    out.sort_by(|a, b| (&a.source, &a.target, a.kind()).cmp(&(&b.source, &b.target, b.kind())));
    out.dedup_by(|a, b| a.source == b.source && a.target == b.target && a.kind() == b.kind());
    RelGraph::from_parts(nodes, out, vec![])
}

fn ev(i: usize) -> Evidence {
    Evidence {
        filing: format!("synthetic-{i:08}"),
        line: 1 + i % 500,
        text: "synthetic".into(),
    }
}

fn edge(source: &str, target: &str, statement: Statement, i: usize) -> Edge {
    Edge {
        source: source.into(),
        target: target.into(),
        statement,
        evidence: vec![ev(i)],
    }
}
