//! Entity resolution on 10k, 100k and 1M synthetic names (see docs/performance.md).
//! Run: cargo bench --bench resolve

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use relgraph::resolve::{resolve, Overrides};
use relgraph_testkit::synthetic;
use std::time::Duration;

// The allocator the relgraph binary uses (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    // no transparent huge pages, as the binary
    relgraph::no_transparent_huge_pages();
    let mut group = c.benchmark_group("resolve");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for n in [10_000usize, 100_000, 1_000_000] {
        let facts = synthetic::facts(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &facts, |b, f| {
            b.iter(|| resolve(f, &Overrides::default()).entities.len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
