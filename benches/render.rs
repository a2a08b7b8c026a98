//! Diagrams on a synthetic graph of 10,000 entities (docs/performance.md): a focused diagram
//! (select + DOT, and select + the built-in SVG layout) and the whole graph's DOT.
//! Run: cargo bench --bench render

use criterion::{criterion_group, criterion_main, Criterion};
use relgraph::export::select::{select, Selection};
use relgraph::query::{Index, Lookup};

fn bench(c: &mut Criterion) {
    // 9/16 of the edge count are entities: 17,800 edges give 10,012 entities
    let graph = relgraph_testkit::synthetic::graph(17_800);
    assert!(graph.graph.node_count() >= 10_000);
    let index = Index::new(&graph);
    let Lookup::Found(fund) = index.lookup("fund 777 LLC") else {
        panic!("fund 777 is in the graph")
    };
    let focus = Selection {
        focus: Some(fund),
        depth: 2,
        ..Default::default()
    };
    c.bench_function("focus depth 2 + DOT on 10k entities", |b| {
        b.iter(|| relgraph::export::dot::to_dot(&select(&graph, &focus)).len())
    });
    c.bench_function("focus depth 2 + built-in SVG on 10k entities", |b| {
        b.iter(|| {
            relgraph::render::builtin_svg(&select(&graph, &focus))
                .expect("a small diagram")
                .len()
        })
    });
    c.bench_function("whole-graph DOT, 10k entities", |b| {
        b.iter(|| relgraph::export::dot::to_dot(&graph).len())
    });
}

criterion_group! { name = benches; config = Criterion::default().sample_size(10); targets = bench }
criterion_main!(benches);
