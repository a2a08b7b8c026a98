//! Measures a built store against a generated corpus's truth: edge precision and recall.
//!
//! cargo run --release --example score_corpus -- --db DB --truth FILE.truth.json

use std::path::PathBuf;

fn main() {
    let mut db: Option<PathBuf> = None;
    let mut truth: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--db" => db = args.next().map(PathBuf::from),
            "--truth" => truth = args.next().map(PathBuf::from),
            _ => fail(&format!("unknown argument {a}")),
        }
    }
    let (Some(db), Some(truth)) = (db, truth) else {
        fail("usage: score_corpus --db DB --truth FILE")
    };
    let text = std::fs::read_to_string(&truth).unwrap_or_else(|e| fail(&e.to_string()));
    let truth: relgraph_testkit::generate::Truth =
        serde_json::from_str(&text).unwrap_or_else(|e| fail(&e.to_string()));
    let store = relgraph::store::Store::open_existing(&db).unwrap_or_else(|e| fail(&e.to_string()));
    let g = store.graph().unwrap_or_else(|e| fail(&e.to_string()));
    let s = relgraph_testkit::generate::score(&truth, &g);
    println!(
        "{}",
        serde_json::to_string_pretty(&s).expect("score serialises")
    );
}

fn fail(msg: &str) -> ! {
    eprintln!("score_corpus: {msg}");
    std::process::exit(1)
}
