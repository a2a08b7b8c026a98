//! Forms 3/4/5 across their shapes, and identity across forms, on fixtures about fictional
//! entities: the same Form 4 as XML and as EDGAR's rendered HTML, and a text 13G by the same person.

use crate::util::{build, repo};
use serde_json::Value;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/ownership").join(name)
}

/// Source line numbers differ between two shapes of one filing; everything else must not.
fn without_lines(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| *k != "line" && *k != "evidence")
                .map(|(k, v)| (k.clone(), without_lines(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_lines).collect()),
        v => v.clone(),
    }
}

/// An edge as (source name, kind, target name, attributes).
type NamedEdge = (String, String, String, Value);

/// Nodes by name with kind and identifiers; edges by names with attributes.
fn facts(b: &crate::util::Built) -> (Vec<Value>, Vec<NamedEdge>) {
    let mut nodes: Vec<Value> = b.json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            serde_json::json!({
                "name": n["name"], "kind": n["kind"], "identifiers": n["identifiers"],
            })
        })
        .collect();
    nodes.sort_by_key(|n| n["name"].to_string());
    let mut edges: Vec<NamedEdge> = b.json["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                b.name_of(&e["source"]),
                e["kind"].as_str().unwrap().to_string(),
                b.name_of(&e["target"]),
                without_lines(&e["attributes"]),
            )
        })
        .collect();
    edges.sort_by_key(|e| format!("{e:?}"));
    (nodes, edges)
}

#[test]
fn rendered_html_and_xml_form4_give_the_same_facts() {
    let xml = build(&[&fixture("quillon_form4.xml")]);
    let html = build(&[&fixture("quillon_form4.html")]);
    assert_eq!(
        (xml.code, html.code),
        (0, 0),
        "{}{}",
        xml.stderr,
        html.stderr
    );
    let (xml_nodes, xml_edges) = facts(&xml);
    let (html_nodes, html_edges) = facts(&html);
    // what the filing says is all there, so agreement is not agreement on nothing
    let holds = &xml_edges
        .iter()
        .find(|e| e.1 == "holds")
        .expect("a holding")
        .3;
    assert_eq!(holds["shares"], 48_500 + 12_000);
    assert_eq!(holds["positions"].as_array().unwrap().len(), 3);
    assert_eq!(holds["transactions"].as_array().unwrap().len(), 3);
    let kinds: Vec<&str> = xml_edges.iter().map(|e| e.1.as_str()).collect();
    for k in ["board-member-of", "officer-of", "signs-for", "holds"] {
        assert!(kinds.contains(&k), "{k} missing: {kinds:?}");
    }
    assert_eq!(xml_nodes, html_nodes);
    assert_eq!(xml_edges, html_edges);
    // and each shape's evidence points into its own file
    for (b, file) in [(&xml, "quillon_form4.xml"), (&html, "quillon_form4.html")] {
        let ev = &b.json["edges"][0]["evidence"][0];
        assert!(ev["filing"].as_str().unwrap().ends_with(file), "{ev}");
        assert!(ev["line"].as_u64().unwrap() > 1);
    }
}

#[test]
fn a_cik_from_a_form4_identifies_the_person_a_text_13g_names() {
    let b = build(&[&fixture("marlowe_13g.txt"), &fixture("quillon_form4.xml")]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let people: Vec<&Value> = b.json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["name"].as_str().unwrap().contains("Marlowe"))
        .collect();
    assert_eq!(people.len(), 1, "one node for Petra J. Marlowe: {people:?}");
    assert_eq!(people[0]["identifiers"]["cik"], "0009990101");
    let aliases = people[0]["aliases"].to_string();
    assert!(aliases.contains("Petra J. Marlowe"), "{aliases}");
    // both filings' holdings hang off that node; the later Form 4 is the current one
    let id = &people[0]["id"];
    let holds: Vec<&Value> = b.json["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "holds" && &e["source"] == id)
        .collect();
    assert_eq!(holds.len(), 2);
    let db = b.db.to_string_lossy();
    let out = crate::util::relgraph_ok([
        "query",
        "controls",
        "Quillon Robotics",
        "--json",
        "--db",
        &db,
    ]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let current: Vec<&Value> = report["holdings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["superseded"] == false)
        .collect();
    assert_eq!(current.len(), 1, "{report}");
    assert_eq!(current[0]["attributes"]["as_of"], "2026-03-02");
    // on a terminal: the positions after the Form 4, then the chain to the attorney-in-fact
    let out = crate::util::relgraph_ok(["query", "controls", "Quillon Robotics", "--db", &db]);
    let text = String::from_utf8_lossy(&out.stdout);
    for line in [
        "holding: Marlowe Petra J in Quillon Robotics, Inc. — 60,500 shares, as of 2026-03-02",
        "position: Common Stock 48,500, direct",
        "position: Common Stock 12,000, indirect (By Trust)",
        "position: Stock Option (Right to Buy) 30,000, direct",
        "transactions: 3 in this filing",
        "Dorian Vale --signs-for (Attorney-in-Fact)--> Marlowe Petra J",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
}
