//! Times relgraph on single filings, in process (no start-up, no store): load, detect and extract,
//! repeated, and prints one JSON line per file with the time per filing and what was extracted.
//! Used by bench/edgartools.sh to compare with edgartools on the same files.
//!
//! cargo run --release --example extract_timing -- [--reps N] FILE...

use relgraph::model::EdgeKind;

// The allocator the relgraph binary uses (see src/main.rs), so the times are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use serde_json::json;
use std::time::Instant;

fn main() {
    // no transparent huge pages, as the binary
    relgraph::no_transparent_huge_pages();
    let mut reps = 200usize;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--reps" {
            reps = args.next().and_then(|n| n.parse().ok()).unwrap_or(reps);
        } else {
            files.push(a);
        }
    }
    for file in files {
        let bytes = match std::fs::read(&file) {
            Ok(b) => b,
            Err(e) => {
                println!("{}", json!({"file": file, "error": e.to_string()}));
                continue;
            }
        };
        let run = || -> Result<relgraph::model::Facts, String> {
            let doc = relgraph::load::load_bytes(&file, &bytes).map_err(|e| e.to_string())?;
            let form = relgraph::detect::detect(&doc);
            relgraph::extract::read_facts(&doc, &form).map_err(|e| e.to_string())
        };
        let facts = run();
        let start = Instant::now();
        for _ in 0..reps {
            std::hint::black_box(run().ok());
        }
        let micros = start.elapsed().as_secs_f64() * 1e6 / reps as f64;
        let line = match facts {
            Err(e) => json!({"file": file, "micros": micros, "error": e}),
            Ok(f) => {
                let persons: Vec<_> = f
                    .parties
                    .iter()
                    .filter(|p| p.reporting_person)
                    .map(|p| json!({"name": p.name, "cik": p.ids.cik}))
                    .collect();
                let holdings: Vec<_> = f
                    .holdings
                    .iter()
                    .map(|h| {
                        json!({"holder": h.holder, "shares": h.stake.shares, "percent": h.stake.percent,
                               "positions": h.stake.positions.len(), "transactions": h.stake.trades.len()})
                    })
                    .collect();
                let count = |k: EdgeKind| f.relations.iter().filter(|r| r.kind() == k).count();
                json!({
                    "file": file, "micros": micros, "form": f.form,
                    "issuer": f.subject.as_ref().map(|s| s.issuer.clone()),
                    "persons": persons, "holdings": holdings,
                    "signs_for": count(EdgeKind::SignsFor), "manages": count(EdgeKind::Manages),
                    "board": count(EdgeKind::BoardMemberOf), "officer": count(EdgeKind::OfficerOf),
                })
            }
        };
        println!("{line}");
    }
}
