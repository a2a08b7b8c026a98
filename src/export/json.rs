//! The JSON export: `{"nodes": [...], "edges": [...], "warnings": [...]}`, nodes by id, edges and
//! warnings in the store's order, numbers as JSON numbers, pretty-printed with a final newline.
//! Strings hold the names as written; control and bidi characters in them are `\u` escapes.

use crate::graph::RelGraph;
use crate::store::FilingRow;
use serde_json::{json, Value};

/// What each stored filing is, and the per-filing facts no edge carries: the subject security,
/// the group, and the transaction check.
fn filing_summary(row: &FilingRow) -> Value {
    let mut v = json!({"path": row.path, "form": row.form, "status": row.status.as_str(), "sha256": row.hash});
    if let Some(reason) = &row.reason {
        v["reason"] = json!(reason);
    }
    if let Some(f) = &row.facts {
        v["filing"] = json!(f.filing);
        v["amendment"] = json!(f.amendment);
        v["filed"] = json!(f.filed);
        v["subject"] = json!(f.subject.as_ref().map(|s| json!({"issuer": s.issuer, "cusip": s.cusip, "class": s.class, "event_date": s.event_date})));
        v["reporting_persons"] = json!(f
            .parties
            .iter()
            .filter(|p| p.reporting_person)
            .map(|p| &p.name)
            .collect::<Vec<_>>());
        v["group"] = json!(f.group);
        v["transactions"] = json!(f.transactions.len());
        if let Some(c) = &f.transaction_check {
            v["transaction_check"] = json!({"count": c.count, "sum": c.sum, "stated": c.stated, "line": c.line, "adds_up": c.adds_up()});
        }
    }
    v
}

pub fn to_json(g: &RelGraph, context: &super::Context) -> String {
    let filings = context.filings;
    let nodes: Vec<Value> = g
        .nodes()
        .map(|n| {
            json!({
                "id": n.id,
                "name": n.name,
                "kind": n.kind.as_str(),
                "aliases": n.aliases,
                "identifiers": n.identifiers,
                "evidence": n.evidence,
            })
        })
        .collect();
    let edges: Vec<Value> = g
        .edges()
        .map(|e| {
            json!({
                "source": e.source,
                "target": e.target,
                "kind": e.kind().as_str(),
                "attributes": e.statement.attributes(),
                "evidence": e.evidence,
            })
        })
        .collect();
    let warnings: Vec<Value> = g
        .warnings
        .iter()
        .map(|w| json!({"filing": w.filing, "path": w.path, "line": w.line, "message": w.message}))
        .collect();
    let filings: Vec<Value> = filings.iter().map(filing_summary).collect();
    let resolution = json!({"merges": context.merges, "near_misses": context.near_misses});
    let doc = json!({"nodes": nodes, "edges": edges, "warnings": warnings, "filings": filings, "resolution": resolution});
    let out = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_string());
    // JSON is data: names keep every character they were written with, bidi controls and all, so
    // they match the filings and round-trip. But C1 controls (U+009B is a one-byte CSI), DEL, bidi
    // controls and U+2028/9 are written as \u escapes, which serde_json leaves raw: the export is
    // often printed to a terminal or pasted into a page, and those bytes would act there.
    let mut out = crate::sanitize::json_safe(out);
    out.push('\n');
    out
}
