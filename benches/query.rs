//! `query controls` on a synthetic graph of 1M edges loaded from the store (docs/performance.md).
//! Run: cargo bench --bench query

use criterion::{criterion_group, criterion_main, Criterion};
use relgraph::query::{controls, ControlOptions, Index, Lookup};
use relgraph::store::Store;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("q.db");
    {
        let mut store = Store::open_for_build(&db, true, false).expect("store");
        store
            .put_graph(&relgraph_testkit::synthetic::graph(1_000_000))
            .expect("write graph");
        store.commit().expect("commit");
    }
    let graph = Store::open_existing(&db)
        .expect("store")
        .graph()
        .expect("load");
    let index = Index::new(&graph);
    let Lookup::Found(issuer) = index.lookup("issuer 4242") else {
        panic!("issuer 4242 is in the graph")
    };
    c.bench_function("controls on 1M edges", |b| {
        b.iter(|| {
            controls(&index, issuer, &ControlOptions::default())
                .holdings
                .len()
        })
    });
    let Lookup::Found(fund) = index.lookup("fund 777 LLC") else {
        panic!("fund 777 is in the graph")
    };
    c.bench_function("controls of a holder on 1M edges", |b| {
        b.iter(|| {
            controls(&index, fund, &ControlOptions::default())
                .holdings
                .len()
        })
    });
}

criterion_group! { name = benches; config = Criterion::default().sample_size(20); targets = bench }
criterion_main!(benches);
