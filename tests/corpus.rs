//! Every Schedule 13D/13G text, HTML and .nc filing in ../shared/corpus: a snapshot of what each
//! yields, the invariants, and the cover-page figures measured against the hand-made truth in
//! tests/expected/corpus_covers.tsv.

use crate::util::{build, data_dir, repo};
use std::path::{Path, PathBuf};

/// The corpus files whose names contain `marker`: "SC13" for the 13D/13G filings whose body is
/// text or HTML, "SCHED13" for the structured-XML ones.
fn corpus_files(dir: &Path, marker: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for sub in ["corpus/orgron-cik-cusip-mapping", "corpus/edgartools"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.contains(marker) {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn corpus_snapshots_and_invariants() {
    let Some(dir) = data_dir("corpus_snapshots") else {
        return;
    };
    let files = corpus_files(&dir, "SC13");
    assert_eq!(files.len(), 35, "the corpus's text/HTML 13D/13G filings");
    for f in files {
        read_and_snapshot(&dir, &f, "corpus");
    }
}

/// Builds one filing, which must be read cleanly and keep the invariants, and snapshots what it
/// yields as `{prefix}_{file stem}`.
fn read_and_snapshot(dir: &Path, f: &Path, prefix: &str) -> crate::util::Built {
    let b = build(&[f]);
    assert_eq!(b.code, 0, "{}: {}{}", f.display(), b.stdout, b.stderr);
    assert!(
        b.stdout.starts_with("read 1 filing(s)"),
        "{}: {}",
        f.display(),
        b.stdout
    );
    b.check_invariants();
    let name = f
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    insta::assert_snapshot!(format!("{prefix}_{name}"), b.summary(dir));
    b
}

/// One row of the truth file: what a cover page prints.
struct Printed {
    file: String,
    person: String,
    aggregate: Option<u64>,
    percent: String,
}

fn truth() -> Vec<Printed> {
    let text = std::fs::read_to_string(repo().join("tests/expected/corpus_covers.tsv"))
        .expect("truth file");
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c.len() >= 4 && !c[1].is_empty()).then(|| Printed {
                file: c[0].to_string(),
                person: c[1].to_string(),
                aggregate: c[2].parse().ok(),
                percent: c[3].to_string(),
            })
        })
        .collect()
}

fn loose(name: &str) -> String {
    let upper = name.to_uppercase();
    let upper = ["DR. ", "MR. ", "MS. "].iter().fold(upper, |s, h| {
        s.strip_prefix(h).map(str::to_string).unwrap_or(s)
    });
    upper.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn same_percent(printed: &str, attrs: &serde_json::Value) -> bool {
    match (
        printed.strip_prefix('<'),
        attrs.get("percent"),
        attrs.get("percent_upper_bound"),
    ) {
        (Some(bound), None, Some(b)) => bound.parse::<f64>().ok() == b.as_f64(),
        (None, Some(p), None) => printed.parse::<f64>().ok() == p.as_f64(),
        (None, None, None) => printed.is_empty(),
        _ => false,
    }
}

/// The measured share of printed cover figures extracted exactly. The floor only rises: lower it
/// and a regression slips through.
const FLOOR: usize = 154;

#[test]
fn cover_figures_match_what_is_printed() {
    let Some(dir) = data_dir("cover_figures") else {
        return;
    };
    let rows = truth();
    let mut files: Vec<&str> = rows.iter().map(|r| r.file.as_str()).collect();
    files.dedup();
    let mut ok = 0;
    let mut misses = Vec::new();
    for file in files {
        let b = build(&[&dir.join(file)]);
        let holds = b.edges_of("holds");
        for r in rows.iter().filter(|r| r.file == file) {
            let found = holds.iter().any(|(holder, _, a)| {
                loose(holder) == loose(&r.person)
                    && a.get("shares").and_then(|s| s.as_u64()) == r.aggregate
                    && same_percent(&r.percent, a)
            });
            if found {
                ok += 1;
            } else {
                misses.push(format!(
                    "{file}: {} {:?} {}",
                    r.person, r.aggregate, r.percent
                ));
            }
        }
    }
    eprintln!("cover figures extracted exactly: {ok} of {}", rows.len());
    for m in &misses {
        eprintln!("  missed: {m}");
    }
    assert!(
        ok >= FLOOR,
        "{ok} of {} cover pages extracted exactly, below the floor of {FLOOR}",
        rows.len()
    );
}

/// The registration statement and annual reports of the corpus: their signature tables give the
/// boards and officers.
#[test]
fn corporate_filings_yield_boards_and_officers() {
    let Some(dir) = data_dir("corporate_filings") else {
        return;
    };
    let expect: [(&str, usize, usize); 4] = [
        // (file, persons on the board, persons in office) as read by hand from each signature
        // page; a seat the prose names again with another title is the same seat
        ("10K_0000950153-99-001234.html", 8, 2),
        ("10K_0001193125-10-073212.html", 9, 3),
        ("10K_0001376474-16-000635.html", 2, 2),
        ("S3A_0000899681-95-000096.txt", 3, 2),
    ];
    for (file, board, officers) in expect {
        let path = dir.join("corpus/edgartools").join(file);
        let b = build(&[&path]);
        assert_eq!(b.code, 0, "{file}: {}{}", b.stdout, b.stderr);
        b.check_invariants();
        let seats = |kind: &str| {
            let mut pairs: Vec<(String, String)> = b
                .edges_of(kind)
                .into_iter()
                .map(|(s, t, _)| (s, t))
                .collect();
            pairs.sort();
            pairs.dedup();
            pairs.len()
        };
        assert_eq!(
            seats("board-member-of"),
            board,
            "{file}: {:?}",
            b.edges_of("board-member-of")
        );
        assert_eq!(
            seats("officer-of"),
            officers,
            "{file}: {:?}",
            b.edges_of("officer-of")
        );
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        insta::assert_snapshot!(format!("corporate_{stem}"), b.summary(&dir));
    }
}

/// The proxy statement: twelve directors from their biographies, and the ownership table's five
/// holders of more than 5% with the directors' and officers' own holdings.
#[test]
fn proxy_statement_yields_directors_and_holders() {
    let Some(dir) = data_dir("proxy_statement") else {
        return;
    };
    let b = build(&[&dir.join("corpus/edgartools/DEF14A_Cabot.html")]);
    assert_eq!(b.code, 0, "{}{}", b.stdout, b.stderr);
    b.check_invariants();
    assert!(
        b.stdout.contains("read 1 filing(s) (DEF 14A: 1)"),
        "{}",
        b.stdout
    );
    let board = b.edges_of("board-member-of");
    assert_eq!(board.len(), 12, "{board:?}");
    assert!(board.iter().all(|(_, c, _)| c == "Cabot Corporation"));
    let morrow = b.edge("board-member-of", "Michael M. Morrow", "Cabot Corporation");
    assert_eq!(
        morrow["attributes"]["title"],
        "Non-Executive Chair of the Board"
    );
    let holders: Vec<(String, f64)> = b
        .edges_of("holds")
        .into_iter()
        .filter_map(|(h, _, a)| {
            a.get("percent")
                .and_then(|p| p.as_f64())
                .filter(|p| *p >= 5.0)
                .map(|p| (h, p))
        })
        .collect();
    assert_eq!(
        holders.iter().map(|(h, _)| h.as_str()).collect::<Vec<_>>(),
        vec![
            "BlackRock, Inc.",
            "EARNEST Partners, LLC",
            "FMR LLC",
            "The Vanguard Group",
            "Wellington Management Group LLP"
        ]
    );
    let blackrock = &b.edge("holds", "BlackRock, Inc.", "Cabot Corporation")["attributes"];
    assert_eq!(
        (blackrock["shares"].as_u64(), blackrock["percent"].as_f64()),
        (Some(6888619), Some(12.43))
    );
    let yan = &b.edge("holds", "Christine Y. Yan", "Cabot Corporation")["attributes"];
    assert_eq!(
        (yan["shares"].as_u64(), yan["percent_upper_bound"].as_f64()),
        (Some(13085), Some(1.0))
    );
    assert_eq!(
        b.edges_of("holds").len(),
        21,
        "16 directors and officers, 5 holders; not the group row"
    );
    insta::assert_snapshot!("corporate_DEF14A_Cabot", b.summary(&dir));
}

#[test]
fn xml_schedules_yield_persons_with_ciks_holdings_and_signatures() {
    let Some(dir) = data_dir("xml_schedules") else {
        return;
    };
    let files = corpus_files(&dir, "SCHED13");
    assert_eq!(files.len(), 10, "the corpus's structured 13D/13G filings");
    for f in files {
        let b = read_and_snapshot(&dir, &f, "xml");
        let holds = b.json["edges"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "holds")
            .count();
        assert!(holds > 0, "{}: no holdings", f.display());
    }
}

#[test]
fn arch_venture_13d_xml_gives_the_fund_its_general_partners_and_four_individuals() {
    let Some(dir) = data_dir("arch_xml") else {
        return;
    };
    let b = build(&[&dir.join("corpus/edgartools/SCHED13D_primary_doc_nested_cusip.xml")]);
    let nodes = b.json["nodes"].as_array().unwrap();
    let cik = |name: &str| {
        nodes
            .iter()
            .find(|n| n["name"] == name)
            .map(|n| n["identifiers"]["cik"].clone())
    };
    assert_eq!(
        cik("ARCH Venture Fund XII, L.P."),
        Some("0001906837".into())
    );
    assert_eq!(
        cik("ARCH Venture Partners XII, L.P."),
        Some("0001979765".into())
    );
    for person in [
        "Keith Crandell",
        "Robert Nelsen",
        "Steven Gillis",
        "Kristina Burow",
    ] {
        assert!(cik(person).is_some_and(|c| c.is_string()), "{person}");
    }
    let edges = b.json["edges"].as_array().unwrap();
    let name = |id: &serde_json::Value| {
        nodes.iter().find(|n| &n["id"] == id).unwrap()["name"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let holds: Vec<(String, u64)> = edges
        .iter()
        .filter(|e| e["kind"] == "holds")
        .map(|e| {
            (
                name(&e["source"]),
                e["attributes"]["shares"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(holds.len(), 7);
    assert!(holds.iter().all(|(_, s)| *s == 6_294_951));
    let manages: Vec<(String, String)> = edges
        .iter()
        .filter(|e| e["kind"] == "manages")
        .map(|e| (name(&e["source"]), name(&e["target"])))
        .collect();
    assert!(manages.contains(&(
        "ARCH Venture Partners XII, L.P.".into(),
        "ARCH Venture Fund XII, L.P.".into()
    )));
    assert!(manages.contains(&(
        "ARCH Venture Partners XII, LLC".into(),
        "ARCH Venture Partners XII, L.P.".into()
    )));
    // Item 2's prose, read like a text filing's: defined terms and "which is the sole general
    // partner of AVF XII"
    let fund = nodes
        .iter()
        .find(|n| n["name"] == "ARCH Venture Fund XII, L.P.")
        .unwrap();
    assert_eq!(fund["aliases"], serde_json::json!(["AVF XII"]));
    let from_prose = edges.iter().any(|e| {
        e["kind"] == "manages"
            && e["attributes"]["role"] == "sole general partner"
            && name(&e["target"]) == "ARCH Venture Fund XII, L.P."
            && e["evidence"][0]["text"]
                .as_str()
                .unwrap()
                .contains("which is the sole general partner of AVF XII")
    });
    assert!(from_prose, "Item 2 prose relation");
}

#[test]
fn ownership_forms_yield_owners_with_ciks_relationships_holdings_and_signatures() {
    let Some(dir) = data_dir("ownership_forms") else {
        return;
    };
    let files = corpus_files(&dir, "FORM");
    assert_eq!(
        files.len(),
        11,
        "the corpus's Forms 3/4/5 (XML, .txt, .nc, HTML)"
    );
    for f in files {
        let b = read_and_snapshot(&dir, &f, "ownership");
        let shown = f.display().to_string();
        let nodes = b.json["nodes"].as_array().unwrap();
        let edges = b.json["edges"].as_array().unwrap();
        let holders: Vec<&serde_json::Value> = edges
            .iter()
            .filter(|e| e["kind"] == "holds")
            .map(|e| nodes.iter().find(|n| n["id"] == e["source"]).unwrap())
            .collect();
        assert!(!holders.is_empty(), "{shown}: no holdings");
        // the reporting owners carry their CIKs (an entity a footnote says holds the shares,
        // "owned directly by Columbia Insurance Company", has none on the form)
        let owners: Vec<&str> = b.json["filings"][0]["reporting_persons"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        let owner_holders: Vec<&&serde_json::Value> = holders
            .iter()
            .filter(|h| {
                let names = std::iter::once(&h["name"])
                    .chain(h["aliases"].as_array().into_iter().flatten());
                names
                    .filter_map(|n| n.as_str())
                    .any(|n| owners.contains(&n))
            })
            .collect();
        assert!(
            !owner_holders.is_empty(),
            "{shown}: no reporting owner holds"
        );
        for h in owner_holders {
            assert!(
                h["identifiers"]["cik"].is_string(),
                "{shown}: {} has no CIK",
                h["name"]
            );
        }
        let flagged = edges.iter().any(|e| {
            e["kind"] == "board-member-of"
                || e["kind"] == "officer-of"
                || e["attributes"]["ten_percent_owner"] == true
        });
        assert!(flagged, "{shown}: no relationship flag became an edge");
        // Triton's signatures are in an exhibit ("/s/ See Signatures Included in Exhibit 99.2")
        if !shown.contains("Triton") {
            let unsigned = b.json["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|w| w["message"].as_str().unwrap_or("").contains("no signature"));
            assert!(!unsigned, "{shown}: signature not found");
        }
    }
}

#[test]
fn joint_form3_berkshire_and_buffett_are_ten_percent_owners_under_one_signature() {
    let Some(dir) = data_dir("berkshire_form3") else {
        return;
    };
    let b = build(&[&dir.join("corpus/edgartools/FORM3_Snowflake_Berkshire_joint.xml")]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let edges = b.json["edges"].as_array().unwrap();
    let mut ten_percent: Vec<String> = edges
        .iter()
        .filter(|e| e["kind"] == "holds" && e["attributes"]["ten_percent_owner"] == true)
        .map(|e| b.name_of(&e["source"]))
        .collect();
    ten_percent.sort();
    assert_eq!(
        ten_percent,
        vec!["BERKSHIRE HATHAWAY INC", "BUFFETT WARREN E"]
    );
    let signs: Vec<(String, String, u64)> = edges
        .iter()
        .filter(|e| e["kind"] == "signs-for")
        .map(|e| {
            (
                b.name_of(&e["source"]),
                b.name_of(&e["target"]),
                e["evidence"][0]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    // one signature line: Buffett signs for himself and for Berkshire
    assert_eq!(
        signs,
        vec![(
            "BUFFETT WARREN E".to_string(),
            "BERKSHIRE HATHAWAY INC".to_string(),
            84
        )]
    );
    let cik = |name: &str| {
        b.json["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["name"] == name)
            .map(|n| n["identifiers"]["cik"].clone())
    };
    assert_eq!(cik("BUFFETT WARREN E"), Some("0000315090".into()));
    assert_eq!(cik("BERKSHIRE HATHAWAY INC"), Some("0001067983".into()));
}
