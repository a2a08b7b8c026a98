//! Times one resolution of N synthetic names and reports the entities and merges; run it under
//! `/usr/bin/time -v` for peak memory (docs/performance.md).
//!
//! cargo run --release --example resolve_synthetic -- 1000000

// The allocator the relgraph binary uses (see src/main.rs), so time and memory are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // no transparent huge pages, as the binary
    relgraph::no_transparent_huge_pages();
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let facts = relgraph_testkit::synthetic::facts(n);
    if std::env::var_os("STAGES").is_some() {
        stages(&facts);
    }
    let start = std::time::Instant::now();
    let r = relgraph::resolve::resolve(&facts, &Default::default());
    let took = start.elapsed();
    println!(
        "{n} names -> {} entities, {} merges, {} near-misses in {:.2?}",
        r.entities.len(),
        r.merges.len(),
        r.near_misses.len(),
        took
    );
}

#[allow(dead_code)]
fn stages(facts: &[relgraph::model::Facts]) {
    use relgraph::resolve::compare::NameInfo;
    let t = std::time::Instant::now();
    let names: std::collections::BTreeSet<String> = facts
        .iter()
        .flat_map(|f| f.parties.iter().map(|p| p.name.clone()))
        .collect();
    let infos: Vec<NameInfo> = names.iter().map(|n| NameInfo::new(n)).collect();
    eprintln!("infos {} in {:.2?}", infos.len(), t.elapsed());
    let t = std::time::Instant::now();
    let pairs = relgraph::resolve::candidate_pairs(&infos);
    eprintln!("pairs {} in {:.2?}", pairs.len(), t.elapsed());
}
