//! Loads a synthetic graph of N edges from a store and times the load and a controls query
//! (docs/performance.md). cargo run --release --example query_synthetic -- 1000000 [--keep]

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("relgraph-query-bench-{n}.db"));
    let _ = std::fs::remove_file(&dir);
    let t = std::time::Instant::now();
    {
        let mut store = relgraph::store::Store::open_for_build(&dir, true, false).expect("store");
        store
            .put_graph(&relgraph_testkit::synthetic::graph(n))
            .expect("write");
        store.commit().expect("commit");
    }
    let written = t.elapsed();
    let t = std::time::Instant::now();
    let graph = relgraph::store::Store::open_existing(&dir)
        .expect("store")
        .graph()
        .expect("load");
    let index = relgraph::query::Index::new(&graph);
    let loaded = t.elapsed();
    let relgraph::query::Lookup::Found(issuer) = index.lookup("issuer 4242") else {
        panic!("issuer 4242")
    };
    let t = std::time::Instant::now();
    let report = relgraph::query::controls(&index, issuer, &Default::default());
    let answered = t.elapsed();
    println!(
        "{} edges, {} nodes: written in {written:.2?}, loaded and indexed in {loaded:.2?}, controls answered in {answered:.2?} ({} holdings)",
        graph.graph.edge_count(),
        graph.graph.node_count(),
        report.holdings.len()
    );
    // `--keep` leaves the store for other measurements (e.g. `relgraph export --db ...`)
    if std::env::args().nth(2).as_deref() == Some("--keep") {
        println!("store kept at {}", dir.display());
    } else {
        let _ = std::fs::remove_file(&dir);
    }
}
