//! Writes a corpus of generated filings about fictional entities, and the truth they state.
//!
//! cargo run --release --example gen_corpus -- --filings N --out DIR [--seed S] [--truth FILE]
//!
//! The truth (entities with every spelling used, and the edges the filings state) goes to FILE,
//! by default DIR.truth.json beside DIR, so a build of DIR does not read it.

use relgraph_testkit::generate::{generate, Options};
use std::path::PathBuf;

fn main() {
    let mut filings = 1000usize;
    let mut out: Option<PathBuf> = None;
    let mut seed = 1u64;
    let mut truth: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{a} needs a value")))
        };
        match a.as_str() {
            "--filings" => filings = value().parse().unwrap_or_else(|_| usage("--filings N")),
            "--out" => out = Some(PathBuf::from(value())),
            "--seed" => seed = value().parse().unwrap_or_else(|_| usage("--seed S")),
            "--truth" => truth = Some(PathBuf::from(value())),
            _ => usage(&format!("unknown argument {a}")),
        }
    }
    let out = out.unwrap_or_else(|| usage("--out DIR is required"));
    let truth_path = truth.unwrap_or_else(|| out.with_extension("truth.json"));
    let t = generate(Options { filings, seed }, &out).unwrap_or_else(|e| {
        eprintln!("gen_corpus: {}: {e}", out.display());
        std::process::exit(1)
    });
    let json = serde_json::to_vec_pretty(&t).expect("truth serialises");
    std::fs::write(&truth_path, json).unwrap_or_else(|e| {
        eprintln!("gen_corpus: {}: {e}", truth_path.display());
        std::process::exit(1)
    });
    println!(
        "wrote {filings} filings to {} ({:?}); truth: {} entities, {} edges in {}",
        out.display(),
        t.filings_by_form,
        t.entities.len(),
        t.edges.len(),
        truth_path.display()
    );
}

fn usage(problem: &str) -> ! {
    eprintln!(
        "gen_corpus: {problem}\nusage: gen_corpus --filings N --out DIR [--seed S] [--truth FILE]"
    );
    std::process::exit(2)
}
