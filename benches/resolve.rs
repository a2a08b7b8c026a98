//! Entity resolution on 10k, 100k and 1M synthetic names (see docs/performance.md).
//! Run: cargo bench --bench resolve

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use relgraph::resolve::{resolve, synthetic, Overrides};
use std::time::Duration;

fn bench(c: &mut Criterion) {
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
