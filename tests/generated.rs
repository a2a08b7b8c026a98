//! The generated corpus: the same seed writes the same bytes, and a build of it is measured
//! against the generator's truth (the 10k-filing figures are in docs/performance.md).

use crate::util::relgraph;
use relgraph::generate::{generate, score, Options};
use relgraph::store::Store;
use std::path::Path;

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_same_seed_writes_the_same_corpus() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let opts = Options {
        filings: 120,
        seed: 42,
    };
    let ta = generate(opts, a.path()).unwrap();
    let tb = generate(opts, b.path()).unwrap();
    assert_eq!(files(a.path()), files(b.path()));
    assert_eq!(
        serde_json::to_string(&ta).unwrap(),
        serde_json::to_string(&tb).unwrap()
    );
    let other = tempfile::tempdir().unwrap();
    generate(Options { seed: 43, ..opts }, other.path()).unwrap();
    assert_ne!(files(a.path()), files(other.path()));
    // every shape is there
    for form in ["text", "html", "submission", "xml", "form4"] {
        assert!(
            ta.filings_by_form.get(form).is_some_and(|n| *n > 0),
            "{form}"
        );
    }
}

#[test]
fn a_build_of_generated_filings_finds_what_they_state() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let truth = generate(
        Options {
            filings: 600,
            seed: 7,
        },
        &corpus,
    )
    .unwrap();
    let db = dir.path().join("g.db");
    let out = relgraph()
        .args(["build", "--fresh", "-q", "--db"])
        .arg(&db)
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let g = Store::open_existing(&db).unwrap().graph().unwrap();
    let s = score(&truth, &g);
    assert!(
        s.precision >= 0.99 && s.recall >= 0.99,
        "precision {} recall {}: {:?}",
        s.precision,
        s.recall,
        s.examples
    );
    assert!(s.true_positives > 2000, "{}", s.true_positives);
}
