//! Forms 3, 4 and 5 from before the XML (1990s to mid-2003): a complete submission whose header
//! names the issuer and each reporting owner with CIK and `<RELATIONSHIP>`, around a typed form
//! with "(X) Director" boxes and pipe-ruled tables whose cells wrap onto continuation lines.

use super::{number, Owner, Ownership, Row, Signed};
use crate::extract::Cx;
use crate::load::PartyRole;
use crate::text::{parse_date, re};
use regex::Regex;
use std::sync::LazyLock;

static CHECKED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\(\s*X\s*\)\s*(Director|10%\s*Owner|Officer|Other)"));

pub(super) fn read_text_form(cx: &Cx) -> Ownership {
    let mut own = Ownership::default();
    let header = cx.doc.header.clone().unwrap_or_default();
    own.period = header.period.clone();
    if let Some(i) = label(cx, "Issuer Name") {
        let name = next_filled(cx, i);
        if let Some(n) = name {
            own.issuer = Some((cx.text(n).trim().to_string(), cx.ev(n)));
            own.symbol = next_filled(cx, n)
                .map(|s| cx.text(s).trim().to_string())
                .filter(|s| {
                    (1..=6).contains(&s.len()) && s.chars().all(|c| c.is_ascii_uppercase())
                });
        }
    }
    for p in &header.parties {
        match p.role {
            PartyRole::SubjectCompany | PartyRole::Issuer => {
                if own.issuer.is_none() {
                    own.issuer = Some((p.name.clone(), cx.ev_header(p.line, &p.name)));
                }
                own.issuer_cik = own.issuer_cik.clone().or(p.cik.clone());
            }
            PartyRole::ReportingOwner => {
                let rel = |k: &str| p.relationships.iter().any(|r| r.to_uppercase().contains(k));
                own.owners.push(Owner {
                    name: p.name.clone(),
                    cik: p.cik.clone(),
                    address: None,
                    director: rel("DIRECTOR"),
                    officer: rel("OFFICER").then(String::new),
                    ten_percent: rel("10") || rel("TEN"),
                    other: rel("OTHER").then(String::new),
                    evidence: cx.ev_header(p.line, &p.name),
                });
            }
            _ => {}
        }
    }
    if own.owners.is_empty() {
        if let Some(n) =
            label(cx, "Name and Address of Reporting Person").and_then(|i| next_filled(cx, i))
        {
            own.owners.push(Owner {
                name: cx.text(n).trim().to_string(),
                cik: None,
                address: None,
                director: false,
                officer: None,
                ten_percent: false,
                other: None,
                evidence: cx.ev(n),
            });
        }
    }
    // the typed boxes confirm or add to the header's relationships, for a single owner
    if let (Some(i), [owner]) = (
        label(cx, "Relationship of Reporting Person"),
        own.owners.as_mut_slice(),
    ) {
        for j in i..cx.lines.len().min(i + 4) {
            for c in CHECKED.captures_iter(cx.text(j)) {
                match c[1].to_ascii_lowercase().chars().next() {
                    Some('d') => owner.director = true,
                    Some('1') => owner.ten_percent = true,
                    Some('o') if c[1].eq_ignore_ascii_case("officer") => {
                        owner.officer.get_or_insert_with(String::new);
                    }
                    Some('o') => {
                        owner.other.get_or_insert_with(String::new);
                    }
                    _ => {}
                }
            }
        }
    }
    own.rows = tables(cx);
    if let Some(i) = label(cx, "SIGNATURE OF REPORTING PERSON") {
        if let Some(n) = next_filled(cx, i) {
            let date = label(cx, "DATE")
                .filter(|&d| d > n)
                .and_then(|d| next_filled(cx, d))
                .and_then(|d| parse_date(cx.text(d)));
            own.signatures.push(Signed {
                text: cx.text(n).trim().to_string(),
                date,
                evidence: cx.ev(n),
            });
        }
    }
    // the explanation of responses: footnotes that say who holds the shares reported
    if let Some(i) = (0..cx.lines.len())
        .find(|&i| crate::text::contains_ascii_ci(cx.text(i), "explanation of responses"))
    {
        own.prose = cx.lines[i + 1..cx.lines.len().min(i + 200)].to_vec();
    }
    own
}

fn label(cx: &Cx, text: &str) -> Option<usize> {
    let upper = text.to_uppercase();
    (0..cx.lines.len()).find(|&i| cx.text(i).to_uppercase().contains(&upper))
}

fn next_filled(cx: &Cx, i: usize) -> Option<usize> {
    crate::extract::toolkit::next_text(cx.lines, i)
}

/// The rows of the pipe-ruled tables: after each `<S>` line, lines with cells up to a rule; a
/// row's cells continue on the following lines until a dashed rule or a blank row.
fn tables(cx: &Cx) -> Vec<Row> {
    let mut out = Vec::new();
    let mut in_rows = false;
    let mut group: Vec<usize> = Vec::new();
    let mut derivative = false;
    for i in 0..cx.lines.len() {
        let t = cx.text(i);
        if t.contains("Table II") {
            derivative = true;
        }
        if t.trim_start().starts_with("<S>") {
            in_rows = true;
            continue;
        }
        if !in_rows {
            continue;
        }
        let rule = t.trim_start().starts_with("- --") || t.trim_start().starts_with("___");
        let blank = t.split('|').all(|c| c.trim().is_empty());
        if rule || blank || !t.contains('|') {
            if let Some(r) = row(cx, &group, derivative) {
                out.push(r);
            }
            group.clear();
            if t.trim_start().starts_with("___")
                || t.contains("</TABLE>")
                || !t.contains('|') && !blank
            {
                in_rows = false;
            }
            continue;
        }
        group.push(i);
    }
    out
}

/// One row from its lines: cell fragments are joined, without a space where a fragment fills its
/// column (a word was cut there).
fn row(cx: &Cx, lines: &[usize], derivative: bool) -> Option<Row> {
    let first = *lines.first()?;
    let mut cells: Vec<String> = Vec::new();
    for &i in lines {
        for (k, frag) in cx.text(i).split('|').enumerate() {
            if k >= cells.len() {
                cells.push(String::new());
            }
            let cell = &mut cells[k];
            let piece = frag.trim();
            if piece.is_empty() {
                continue;
            }
            if !cell.is_empty() && !cell.ends_with('\u{1}') {
                cell.push(' ');
            }
            cell.truncate(cell.trim_end_matches('\u{1}').len());
            cell.push_str(piece);
            if !frag.ends_with(' ') {
                cell.push('\u{1}');
            }
        }
    }
    let cells: Vec<String> = cells
        .into_iter()
        .map(|c| c.replace('\u{1}', "").trim().to_string())
        .collect();
    let cells: Vec<&str> = cells.iter().map(|c| c.as_str()).collect();
    // (date, code, amount, a/d, price, following, direct, nature)
    let (date, code, amount, ad, price, following, direct, nature) = match (derivative, cells.len())
    {
        (false, 10 | 11) => (1, 2, 4, 5, Some(6), 7, 8, 9),
        (true, 15 | 16) => (2, 3, 5, 6, Some(11), 12, 13, 14),
        _ => return None,
    };
    let get = |k: usize| cells.get(k).copied().filter(|c| !c.is_empty() && *c != "-");
    let security = get(0)?;
    Some(Row {
        derivative,
        security: security.to_string(),
        date: get(date).and_then(parse_date),
        code: get(code).map(str::to_string),
        shares: get(amount).and_then(number),
        price: price.and_then(get).and_then(number),
        acquired: get(ad).and_then(|a| match a {
            "A" | "a" => Some(true),
            "D" | "d" => Some(false),
            _ => None,
        }),
        following: get(following).and_then(number),
        direct: get(direct).and_then(|d| match d {
            "D" | "d" => Some(true),
            "I" | "i" => Some(false),
            _ => None,
        }),
        nature: get(nature).map(str::to_string),
        notes: Vec::new(),
        evidence: cx.ev(first),
    })
}
