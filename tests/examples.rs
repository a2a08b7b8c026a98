//! The shipped example filings (fictional entities, real layouts; see tests/fixtures/EXPECTED.md)
//! and the fixtures built to test one behaviour each.

use crate::util::{build, relgraph, repo};
use serde_json::json;

fn examples() -> std::path::PathBuf {
    repo().join("examples/filings")
}

fn fixture(name: &str) -> std::path::PathBuf {
    repo().join("tests/fixtures").join(name)
}

#[test]
fn quick_start_build_reads_the_examples() {
    let b = build(&[&examples()]);
    assert_eq!(b.code, 0, "{}{}", b.stdout, b.stderr);
    assert!(
        b.stdout
            .contains("read 4 filing(s) (10-K: 1, SC 13D: 1, SC 13G/A: 2)"),
        "{}",
        b.stdout
    );
    assert!(b
        .stdout
        .contains("northwind_10q.txt: skipped: 10-Q is not a form relgraph reads yet"));
    b.check_invariants();
    insta::assert_snapshot!("examples", b.summary(&repo()));
}

#[test]
fn one_issuer_node_whatever_the_spelling() {
    let b = build(&[&examples()]);
    let northwind: Vec<&serde_json::Value> = b
        .nodes()
        .iter()
        .filter(|n| {
            n["name"]
                .as_str()
                .is_some_and(|s| s.to_lowercase().starts_with("northwind"))
        })
        .collect();
    assert_eq!(northwind.len(), 1, "{:?}", b.names());
    assert_eq!(northwind[0]["kind"], "issuer");
    assert_eq!(northwind[0]["identifiers"]["cik"], "0009990417");
    let holders: Vec<String> = b
        .edges_of("holds")
        .into_iter()
        .filter(|(_, t, _)| t.starts_with("Northwind"))
        .map(|(s, _, _)| s)
        .collect();
    assert_eq!(holders.len(), 10, "{holders:?}");
}

#[test]
fn ashgrove_group_figures_and_signature_chains() {
    let b = build(&[&examples().join("ashgrove_13ga.txt")]);
    let h = &b.edge(
        "holds",
        "Ashgrove Master Fund Ltd.",
        "Northwind Robotics, Inc.",
    )["attributes"];
    assert_eq!(
        (
            h["shares"].clone(),
            h["percent"].clone(),
            h["shared_voting"].clone(),
            h["sole_voting"].clone()
        ),
        (json!(2180400), json!(4.5), json!(2180400), json!(0))
    );
    assert_eq!(
        b.edge("holds", "Helena M. Varga", "Northwind Robotics, Inc.")["attributes"]["shares"],
        2916000
    );
    assert_eq!(
        b.edge(
            "manages",
            "Ashgrove GP, LLC",
            "Ashgrove Opportunities Fund LP"
        )["attributes"]["role"],
        "general partner"
    );
    assert_eq!(
        b.edge(
            "signs-for",
            "Tobias R. K. Lind",
            "Ashgrove Capital Partners LLP"
        )["attributes"]["title"],
        "Partner"
    );
    assert_eq!(
        b.edge(
            "signs-for",
            "Helena M. Varga",
            "Ashgrove Capital Partners LP"
        )["attributes"]["title"],
        "Authorized Signatory"
    );
    assert_ne!(
        b.node("Ashgrove Capital Partners LLP")["id"],
        b.node("Ashgrove Capital Partners LP")["id"]
    );
    assert!(b.warnings().is_empty(), "{:?}", b.warnings());
}

#[test]
fn submission_header_gives_ciks_and_conformed_names_merge() {
    let b = build(&[&examples().join("0009999999-24-000101.txt")]);
    let p = b.node("Quarry Lane Partners, L.P.");
    assert_eq!(p["identifiers"]["cik"], "0009990588");
    assert_eq!(p["kind"], "fund");
    assert_eq!(b.node("Quarry Lane Management, L.L.C.")["kind"], "manager");
    assert_eq!(
        b.edge(
            "signs-for",
            "Walter J. Pennymore",
            "Quarry Lane Management, L.L.C."
        )["attributes"]["title"],
        "Managing Member"
    );
    assert_eq!(
        b.edge(
            "manages",
            "Quarry Lane Management, L.L.C.",
            "Quarry Lane Partners, L.P."
        )["attributes"]["role"],
        "general partner"
    );
    assert_eq!(
        b.edge(
            "holds",
            "Quarry Lane Partners, L.P.",
            "Northwind Robotics, Inc."
        )["evidence"][0]["filing"],
        "0009999999-24-000101"
    );
    assert_eq!(b.nodes().len(), 4, "{:?}", b.names());
}

#[test]
fn html_13d_cover_pages_and_purchases() {
    let b = build(&[&examples().join("kestrel_13d.htm")]);
    let h = &b.edge("holds", "Kestrel Holdings AG", "Brightwater Foods Corp.")["attributes"];
    assert_eq!(
        (h["shares"].clone(), h["percent"].clone()),
        (json!(1698400), json!(5.4))
    );
    assert_eq!(b.node("Anselm J. Grubenmatt")["kind"], "individual");
    let f = &b.json["filings"][0];
    assert_eq!(f["transactions"], 8);
    assert_eq!(f["transaction_check"]["sum"], 748400);
    assert_eq!(f["transaction_check"]["adds_up"], true);
    assert_eq!(
        b.edge("signs-for", "Corinna E. Walderli", "Kestrel Holdings AG")["attributes"]["title"],
        "Chief Financial Officer"
    );
}

#[test]
fn conflicts_in_a_filing_are_warned() {
    let b = build(&[&fixture("conflict_13g.txt")]);
    let w = b.warnings();
    assert!(
        w.iter()
            .any(|w| w.starts_with("35:") && w.contains("99706K104")),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|w| w.starts_with("162:") && w.contains("Tidewell Energy Corp.")),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|w| w.starts_with("163:") && w.contains("99583T103")),
        "{w:?}"
    );
    assert_eq!(w.len(), 3, "{w:?}");
    assert_eq!(b.edges_of("holds").len(), 2);
    assert!(b
        .edges_of("holds")
        .iter()
        .all(|(_, t, a)| t == "Pinecrest Therapeutics, Inc." && a["cusip"] == "99318P103"));
}

#[test]
fn sales_that_do_not_add_up_are_warned() {
    let b = build(&[&fixture("sales_mismatch_13d.txt")]);
    let f = &b.json["filings"][0];
    assert_eq!(f["transactions"], 9);
    assert_eq!(f["transaction_check"]["sum"], 409500);
    assert_eq!(f["transaction_check"]["stated"], 412500);
    assert!(
        b.warnings()
            .iter()
            .any(|w| w.starts_with("66:") && w.contains("409500") && w.contains("412500")),
        "{:?}",
        b.warnings()
    );
}

#[test]
fn look_alike_names_are_four_entities() {
    let b = build(&[&fixture("llp_vs_lp_13g.txt")]);
    let names = [
        "Fenwick Row Investments Ltd.",
        "Fenwick Row Investment Management Limited",
        "Fenwick Row Partners LLP",
        "Fenwick Row Partners LP",
    ];
    let mut ids: Vec<String> = names.iter().map(|n| b.node(n)["id"].to_string()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 4);
    assert_eq!(b.edges_of("holds").len(), 4);
}

#[test]
fn same_input_same_bytes_whatever_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<std::path::PathBuf> = [
        "ashgrove_13ga.txt",
        "kestrel_13d.htm",
        "0009999999-24-000101.txt",
    ]
    .iter()
    .map(|f| examples().join(f))
    .collect();
    let mut outputs = Vec::new();
    for (i, order) in [vec![0, 1, 2], vec![2, 1, 0], vec![1, 2, 0]]
        .into_iter()
        .enumerate()
    {
        let db = dir.path().join(format!("{i}.db"));
        let mut cmd = relgraph();
        cmd.arg("build").arg("--db").arg(&db);
        for k in order {
            cmd.arg(&files[k]);
        }
        cmd.assert().success();
        // building the same files again changes nothing
        relgraph()
            .arg("build")
            .arg("--db")
            .arg(&db)
            .arg(&files[0])
            .assert()
            .success();
        for format in ["json", "dot"] {
            let out = relgraph()
                .args(["export", "--format", format, "--db"])
                .arg(&db)
                .output()
                .unwrap();
            outputs.push((format, out.stdout));
        }
    }
    for pair in outputs.chunks(2).skip(1) {
        assert_eq!(pair[0].1, outputs[0].1, "json differs between orders");
        assert_eq!(pair[1].1, outputs[1].1, "dot differs between orders");
    }
}

#[test]
fn annex_table_gives_directors_and_officers() {
    let b = build(&[&examples().join("kestrel_13d.htm")]);
    let k = "Kestrel Holdings AG";
    assert_eq!(
        b.edge("board-member-of", "Anselm J. Grubenmatt", k)["attributes"]["title"],
        "Chairman of the Board"
    );
    assert_eq!(
        b.edge("board-member-of", "Severin M. Aeschwald", k)["attributes"]["title"],
        "Director"
    );
    assert_eq!(
        b.edge("officer-of", "Severin M. Aeschwald", k)["attributes"]["title"],
        "Chief Executive Officer"
    );
    assert_eq!(
        b.edge("officer-of", "Lukas P. Ferrandi", k)["attributes"]["title"],
        "General Counsel and Secretary"
    );
    assert_eq!(b.edges_of("board-member-of").len(), 4);
    assert_eq!(b.edges_of("officer-of").len(), 3);
}

#[test]
fn annual_report_signature_table() {
    let b = build(&[&examples().join("northwind_10k.htm")]);
    assert_eq!(b.code, 0, "{}{}", b.stdout, b.stderr);
    assert_eq!(
        b.edges_of("board-member-of").len(),
        6,
        "{:?}",
        b.edges_of("board-member-of")
    );
    assert_eq!(
        b.edges_of("officer-of").len(),
        2,
        "{:?}",
        b.edges_of("officer-of")
    );
    assert_eq!(
        b.edges_of("signs-for").len(),
        8,
        "{:?}",
        b.edges_of("signs-for")
    );
    assert!(b
        .edges_of("board-member-of")
        .iter()
        .any(|(_, _, a)| a["title"] == "Lead Independent Director"));
}

#[test]
fn attorney_in_fact_signs_for_each_starred_signer() {
    let b = build(&[&fixture("s8_attorney_in_fact.txt")]);
    assert_eq!(b.code, 0, "{}{}", b.stdout, b.stderr);
    let r = "LARKSPUR INSTRUMENTS CORP.";
    assert_eq!(b.edges_of("board-member-of").len(), 5);
    assert_eq!(b.edges_of("officer-of").len(), 4);
    assert_eq!(b.edges_of("signs-for").len(), 14);
    let attorney: Vec<String> = b
        .edges_of("signs-for")
        .into_iter()
        .filter(|(s, _, a)| s == "Wendell F. Ashcombe" && a["capacity"] == "attorney-in-fact")
        .map(|(_, t, _)| t)
        .collect();
    assert_eq!(attorney.len(), 6, "{attorney:?}");
    assert_eq!(
        b.edge("officer-of", "Wendell F. Ashcombe", r)["attributes"]["title"],
        "Senior Vice President, General Counsel and Secretary"
    );
    assert_eq!(
        b.edge("counsel-to", "Philippa D. Orchardson", r)["attributes"]["firm"],
        "Stannard Kellow & Birtwhistle LLP"
    );
    assert_eq!(
        b.edge("board-member-of", "Cornelius W. Pellingham, III", r)["attributes"]["title"],
        "Director"
    );
}
