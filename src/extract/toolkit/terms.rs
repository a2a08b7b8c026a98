//! Defined terms and lists of names, as filings write them: `Kings Road Investments Ltd.
//! ("KRIL")`, "A, B and C, L.P.".

use crate::text::{re, squash};
use regex::Regex;
use std::sync::LazyLock;

/// A defined term in brackets and quotes right after a name: `("KRIL")`, `(the “Fund”)`.
pub(crate) static DEFINED_TERM: LazyLock<Regex> =
    LazyLock::new(|| re(r#"\(\s*(?:the\s+)?["“”]([^"“”()]{1,60})["“”]\s*\)"#));

/// Splits "A, B, C Ltd., D, LLC and Mr. E" at commas and "and", gluing legal forms back on.
pub(crate) fn split_name_list(list: &str) -> Vec<String> {
    let list = squash(list);
    let mut out: Vec<String> = Vec::new();
    for part in list.split(", ").flat_map(|p| p.split(" and ")) {
        let part = part.trim().trim_start_matches("and ").trim();
        if part.is_empty() {
            continue;
        }
        let is_form = crate::names::legal_form(&format!("X {part}"))
            .is_some_and(|_| part.split_whitespace().count() <= 2 && part.len() <= 8);
        match out.last_mut() {
            Some(prev) if is_form => {
                prev.push_str(", ");
                prev.push_str(part);
            }
            _ => out.push(part.to_string()),
        }
    }
    out
}

/// "Kings Road Investments Ltd. ("KRIL")" -> ("Kings Road Investments Ltd.", Some("KRIL")).
pub(crate) fn split_defined_term(line: &str) -> (String, Option<String>) {
    let line = squash(line);
    match DEFINED_TERM.captures(&line) {
        Some(c) => {
            let m = c.get(0).map_or(0, |m| m.start());
            (
                line[..m].trim().trim_end_matches(',').to_string(),
                Some(c[1].trim().to_string()),
            )
        }
        None => (line.trim_end_matches(',').to_string(), None),
    }
}
