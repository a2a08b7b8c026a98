//! Entity resolution through the binary: the seeds together, the whole corpus, `explain`, and the
//! overrides file.

use crate::util::{build, data_dir, relgraph, repo};

#[test]
fn the_seeds_resolve_to_one_node_per_entity() {
    let Some(dir) = data_dir("seeds_resolution") else {
        return;
    };
    let b = build(&[&dir.join("seeds")]);
    b.check_invariants();
    let eight = b.node("8x8, Inc.");
    assert_eq!(
        eight["identifiers"]["cusip"], "282912104, 282914100",
        "every CUSIP seen: {eight}"
    );
    assert_eq!(
        b.names()
            .iter()
            .filter(|n| n.to_lowercase().starts_with("8x8"))
            .count(),
        1
    );
    let st = b.node("STMicroelectronics N.V.");
    assert!(st["aliases"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("ST")));
    let dear = b.node("Patrick G. G. Dear");
    assert!(dear["aliases"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("Mr. Dear")));
    assert_eq!(b.names().iter().filter(|n| n.contains("Dear")).count(), 1);
    assert_eq!(
        b.names()
            .iter()
            .filter(|n| n.to_lowercase().contains("bryan r. martin"))
            .count(),
        1
    );
    let polygon: Vec<String> = b
        .names()
        .into_iter()
        .filter(|n| n.starts_with("Polygon") || n.starts_with("Kings Road"))
        .collect();
    assert_eq!(
        polygon.len(),
        8,
        "eight organisations of the group, none merged: {polygon:?}"
    );
}

#[test]
fn the_whole_corpus_never_merges_two_ciks() {
    let Some(dir) = data_dir("corpus_resolution") else {
        return;
    };
    let b = build(&[&dir.join("seeds"), &dir.join("corpus")]);
    b.check_invariants();
    for n in b.nodes() {
        if let Some(cik) = n["identifiers"]["cik"].as_str() {
            assert!(!cik.contains(','), "{} has two CIKs: {cik}", n["name"]);
        }
    }
    let refused = b.json["resolution"]["near_misses"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| {
            m["reason"]
                .as_str()
                .unwrap_or("")
                .starts_with("different CIKs")
        })
        .count();
    eprintln!("merges refused for different CIKs: {refused}");
}

#[test]
fn explain_shows_spellings_rules_and_near_misses() {
    let Some(dir) = data_dir("explain") else {
        return;
    };
    let b = build(&[&dir.join("seeds")]);
    let out = relgraph()
        .args(["explain", "8X8, INC.", "--db"])
        .arg(&b.db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("8x8, Inc. (issuer, id n-8x8-inc, cusip 282912104, 282914100)"),
        "{text}"
    );
    assert!(
        text.contains("\"8X8, INC.\" in ../shared/seeds/001_5906993ad4691221.txt")
            || text.contains("001_5906993ad4691221.txt"),
        "{text}"
    );
    assert!(
        text.contains("\"8X8, INC.\" = \"8x8, Inc.\": same normalised name"),
        "{text}"
    );
    let out = relgraph()
        .args(["explain", "Polygon Investment Partners LLP", "--db"])
        .arg(&b.db)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\"Polygon Investment Partners LP\" (n-polygon-investment-partners-lp) vs \"Polygon Investment Partners LLP\": legal forms differ (LLP / LP)"), "{text}");
    let out = relgraph()
        .args(["explain", "Mr. Dear", "--json", "--db"])
        .arg(&b.db)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["name"], "Patrick G. G. Dear");
}

#[test]
fn explain_of_an_unknown_name_suggests_the_closest() {
    let b = build(&[&repo().join("tests/fixtures/llp_vs_lp_13g.txt")]);
    let out = relgraph()
        .args(["explain", "Fenwick Row Partner LLP", "--db"])
        .arg(&b.db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no entity named \"Fenwick Row Partner LLP\""),
        "{err}"
    );
    assert!(
        err.contains("did you mean \"Fenwick Row Partners LLP\"?"),
        "{err}"
    );
}

/// `explain` finds names with `query`'s look-up. A defined term two funds share ("Master Fund")
/// is answered, as explain always has, with the first entity (by id) so called, where `query`
/// asks which; words several names start with are ambiguous for both.
#[test]
fn explain_answers_a_shared_defined_term_with_the_first_entity() {
    let Some(dir) = data_dir("explain_shared_term") else {
        return;
    };
    let b = build(&[
        &dir.join("seeds/000_ccb6bbf9a024dceb.txt"),
        &dir.join("corpus/orgron-cik-cusip-mapping/2024_SC13G_0001172661-24-005104.txt"),
    ]);
    let explain = |name: &str| {
        let out = relgraph()
            .args(["explain", name, "--db"])
            .arg(&b.db)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, text, _) = explain("Master Fund");
    assert_eq!(code, Some(0));
    assert!(
        text.starts_with(
            "Armistice Capital Master Fund Ltd. (fund, id n-armistice-capital-master-fund-ltd)\nalso called: \"Master Fund\""
        ),
        "{text}"
    );
    let out = relgraph()
        .args(["query", "entity", "Master Fund", "--db"])
        .arg(&b.db)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("names several entities"));
    let (code, text, err) = explain("Polygon Investment Partners");
    assert_eq!(code, Some(1));
    assert!(text.is_empty(), "{text}");
    assert!(
        err.contains("\"Polygon Investment Partners\" names several entities; which one?")
            && err.contains(
                "  Polygon Investment Partners LP (manager, id n-polygon-investment-partners-lp)"
            ),
        "{err}"
    );
}

#[test]
fn overrides_join_and_split_entities() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("o.db");
    let overrides = dir.path().join("relgraph.overrides.toml");
    std::fs::write(
        &overrides,
        "[[same]]\nnames = [\"Fenwick Row Partners LLP\", \"Fenwick Row Partners LP\"]\nreason = \"test: one firm\"\n\n[[different]]\nnames = [\"Fenwick Row Investments Ltd.\", \"Fenwick Row Investment Management Limited\"]\n",
    )
    .unwrap();
    let fixture = repo().join("tests/fixtures/llp_vs_lp_13g.txt");
    relgraph()
        .arg("build")
        .arg(&fixture)
        .arg("--db")
        .arg(&db)
        .arg("--overrides")
        .arg(&overrides)
        .assert()
        .success();
    let out = relgraph()
        .args(["explain", "Fenwick Row Partners LP", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("declared the same in the overrides file: test: one firm"),
        "{text}"
    );
    let nodes = crate::util::build(&[&fixture]);
    assert_eq!(
        nodes
            .names()
            .iter()
            .filter(|n| n.starts_with("Fenwick Row Partners"))
            .count(),
        2,
        "without overrides they are two"
    );
    // a malformed overrides file is a usage error
    std::fs::write(&overrides, "[[same]]\nnames = [\"only one\"]\n").unwrap();
    let out = relgraph()
        .arg("build")
        .arg(&fixture)
        .arg("--db")
        .arg(&db)
        .arg("--overrides")
        .arg(&overrides)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a rule needs at least two names"));
}

#[test]
fn overrides_keep_apart_what_a_fuzzy_rule_would_join() {
    let Some(data) = data_dir("overrides_apart") else {
        return;
    };
    let filing = data.join("corpus/orgron-cik-cusip-mapping/2000_SC13DA_0000950152-00-002768.txt");
    // the SEC header misspells "Richard M. Maurer" as "RICHARD M. MAURUER": one person
    let b = build(&[&filing]);
    let maurer: Vec<String> = b
        .names()
        .into_iter()
        .filter(|n| n.to_uppercase().starts_with("RICHARD M"))
        .collect();
    assert_eq!(
        maurer,
        vec!["Richard M. Maurer".to_string()],
        "{:?}",
        b.names()
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("o.db");
    let overrides = dir.path().join("o.toml");
    std::fs::write(&overrides, "[[different]]\nnames = [\"Richard M. Maurer\", \"RICHARD M. MAURUER\"]\nreason = \"test: two people\"\n").unwrap();
    relgraph()
        .arg("build")
        .arg(&filing)
        .arg("--db")
        .arg(&db)
        .arg("--overrides")
        .arg(&overrides)
        .assert()
        .success();
    let out = relgraph()
        .args(["explain", "Richard M. Maurer", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("kept apart by the overrides file: test: two people"),
        "{text}"
    );
}

/// Precision and recall of entity resolution on the hand-labelled pairs of real names in
/// tests/data/name_pairs.tsv (see its README). Each name is looked up, with its filing, in one
/// build of all of ../shared, so defined terms and identifiers count as they do for users; a name
/// the build did not extract (structured-XML filings, for now) is judged by the pairwise rules
/// alone. The bars: precision 0.99, recall 0.95.
#[test]
fn labelled_pairs_precision_and_recall() {
    use relgraph::names::norm_key;
    use relgraph::resolve::compare::{compare, NameInfo};
    use std::collections::{BTreeMap, BTreeSet};
    let Some(dir) = data_dir("labelled_pairs") else {
        return;
    };
    let b = build(&[&dir.join("seeds"), &dir.join("corpus")]);
    let filing_of: BTreeMap<String, String> = b.json["filings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| {
            Some((
                f["path"].as_str()?.to_string(),
                f["filing"].as_str()?.to_string(),
            ))
        })
        .collect();
    struct Known {
        id: String,
        keys: BTreeSet<String>,
        filings: BTreeSet<String>,
    }
    let nodes: Vec<Known> = b
        .nodes()
        .iter()
        .map(|n| Known {
            id: n["id"].as_str().unwrap_or("").to_string(),
            keys: std::iter::once(&n["name"])
                .chain(n["aliases"].as_array().unwrap().iter())
                .filter_map(|a| a.as_str())
                .map(norm_key)
                .collect(),
            filings: n["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|e| e["filing"].as_str().map(str::to_string))
                .collect(),
        })
        .collect();
    let locate = |name: &str, file: &str| -> Option<String> {
        let key = norm_key(name);
        let filing = filing_of
            .iter()
            .find(|(path, _)| path.ends_with(file))
            .map(|(_, f)| f.clone());
        let named: Vec<&Known> = nodes.iter().filter(|n| n.keys.contains(&key)).collect();
        let in_filing: Vec<&&Known> = named
            .iter()
            .filter(|n| filing.as_ref().is_some_and(|f| n.filings.contains(f)))
            .collect();
        match (in_filing.as_slice(), named.as_slice()) {
            ([one], _) => Some(one.id.clone()),
            ([], [one]) => Some(one.id.clone()),
            _ => None,
        }
    };
    let text =
        std::fs::read_to_string(repo().join("tests/data/name_pairs.tsv")).expect("labelled pairs");
    let (mut tp, mut fp, mut fneg, mut tn) = (0usize, 0usize, 0usize, 0usize);
    let mut errors = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let c: Vec<&str> = line.split('\t').collect();
        assert!(c.len() >= 5, "malformed row: {line}");
        let merged = match (locate(c[0], c[1]), locate(c[2], c[3])) {
            (Some(x), Some(y)) => x == y,
            _ => compare(&NameInfo::new(c[0]), &NameInfo::new(c[2]), c[1] == c[3]).is_same(),
        };
        match (c[4] == "same", merged) {
            (true, true) => tp += 1,
            (false, false) => tn += 1,
            (false, true) => {
                fp += 1;
                errors.push(format!(
                    "merged but different ({}): {} | {}",
                    c.get(5).unwrap_or(&""),
                    c[0],
                    c[2]
                ));
            }
            (true, false) => {
                fneg += 1;
                errors.push(format!(
                    "kept apart but same ({}): {} | {}",
                    c.get(5).unwrap_or(&""),
                    c[0],
                    c[2]
                ));
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fneg).max(1) as f64;
    eprintln!("labelled pairs: {} same, {} different; precision {precision:.3}, recall {recall:.3} (tp {tp}, fp {fp}, fn {fneg}, tn {tn})", tp + fneg, fp + tn);
    for e in &errors {
        eprintln!("  {e}");
    }
    assert!(tp + fp + fneg + tn >= 400, "at least 400 labelled pairs");
    assert!(precision >= 0.99, "precision {precision:.3} below 0.99");
    assert!(recall >= 0.95, "recall {recall:.3} below 0.95");
}
