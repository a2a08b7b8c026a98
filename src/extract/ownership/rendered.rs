//! EDGAR's rendered HTML view of a Form 3, 4 or 5 (the XSLT output a browser shows for the XML).
//! The layout is fixed, so it is read by its labels: the value is in the cell, link or span after
//! the label; a box is checked when the cell before its label holds an "X".
//!
//! The view shows the relationship boxes for the first reporting owner only; further owners are
//! listed with name and address, so they get holdings but no relationship flags.

use super::{number, Owner, Ownership, Row, Signed};
use crate::load::Cell;
use crate::model::Evidence;
use crate::text::parse_date;

pub(super) fn read_rendered_form(cells: &[Cell], filing: &str) -> Ownership {
    let ev = |c: &Cell| Evidence {
        filing: filing.to_string(),
        line: c.line,
        text: crate::extract::toolkit::quote(&c.text),
    };
    let mut own = Ownership::default();
    let at = |label: &str| cells.iter().position(|c| c.text.contains(label));
    if let Some(i) = at("Issuer Name") {
        if let Some((name, cik, c)) = link_from(cells, i) {
            own.issuer = Some((name, ev(c)));
            own.issuer_cik = cik;
        }
        own.symbol = cells[i]
            .text
            .split_once('[')
            .and_then(|(_, r)| r.split_once(']'))
            .map(|(s, _)| s.trim().to_string())
            .filter(|s| !s.is_empty());
    }
    for label in [
        "Date of Earliest Transaction",
        "Date of Event Requiring Statement",
        "Statement for Issuer's Fiscal Year Ended",
    ] {
        if let Some(i) = at(label) {
            let after = &cells[i].text[cells[i].text.find(label).unwrap_or(0)..];
            own.period = own.period.or_else(|| parse_date(after));
        }
    }
    for (i, c) in cells.iter().enumerate() {
        if !c.text.contains("Name and Address of Reporting Person") {
            continue;
        }
        let Some((name, cik, name_cell)) = link_from(cells, i) else {
            continue;
        };
        let known = own.owners.iter().any(|o| match (&o.cik, &cik) {
            (Some(a), Some(b)) => a == b,
            _ => o.name == name,
        });
        if !known {
            own.owners.push(Owner {
                address: address_after(cells, i, &name),
                name,
                cik,
                director: false,
                officer: None,
                ten_percent: false,
                other: None,
                evidence: ev(name_cell),
            });
        }
    }
    if let (Some(i), Some(first)) = (
        at("Relationship of Reporting Person"),
        own.owners.first_mut(),
    ) {
        relationship(&cells[i..cells.len().min(i + 16)], first);
    }
    let t1 = cells.iter().position(|c| c.text.starts_with("Table I -"));
    let t2 = cells.iter().position(|c| c.text.starts_with("Table II -"));
    let notes_at = at("Explanation of Responses");
    // A table runs to the next of Table II and the notes that comes after it. EDGAR's view puts
    // them in that order, but a damaged or hand-made page need not: taking Table II's start as
    // Table I's end whatever its place sliced `cells[a..b]` with b < a and panicked (found by
    // fuzzing, tests/fuzz_regressions.rs).
    let end_of = |a: usize| {
        [t2, notes_at]
            .into_iter()
            .flatten()
            .filter(|&b| b > a)
            .min()
            .unwrap_or(cells.len())
    };
    if let Some(a) = t1 {
        own.rows.extend(table(&cells[a..end_of(a)], false, &ev));
    }
    if let Some(a) = t2 {
        own.rows.extend(table(&cells[a..end_of(a)], true, &ev));
    }
    if let Some(n) = notes_at {
        let remarks = at("Remarks:").unwrap_or(cells.len());
        for c in &cells[n + 1..remarks.max(n + 1)] {
            if let Some((id, text)) = c.text.split_once(". ") {
                if !id.is_empty() && id.len() <= 3 && id.chars().all(|ch| ch.is_ascii_digit()) {
                    own.footnotes
                        .insert(id.to_string(), text.trim().to_string());
                }
            }
        }
        // the notes and the remarks after them, as prose
        let end = at("Signature of Reporting Person").unwrap_or(cells.len());
        for c in &cells[n + 1..end.max(n + 1)] {
            own.prose.push(crate::load::Line {
                no: c.line,
                text: c.text.clone(),
            });
        }
    }
    own.signatures = signatures(cells, &ev);
    own
}

/// The first link at or just after cell `i`: (text, CIK from its href, the cell).
fn link_from(cells: &[Cell], i: usize) -> Option<(String, Option<String>, &Cell)> {
    cells[i..cells.len().min(i + 3)].iter().find_map(|c| {
        c.links
            .first()
            .filter(|(t, _)| !t.is_empty())
            .map(|(t, href)| {
                let cik = href
                    .split_once("CIK=")
                    .map(|(_, r)| {
                        r.chars()
                            .take_while(char::is_ascii_digit)
                            .collect::<String>()
                    })
                    .filter(|k| !k.is_empty());
                (t.clone(), cik, c)
            })
    })
}

/// The address lines between the owner's name and the "(City) (State) (Zip)" labels.
fn address_after(cells: &[Cell], i: usize, name: &str) -> Option<String> {
    let mut parts = Vec::new();
    for c in &cells[i + 1..cells.len().min(i + 20)] {
        let t = c.text.as_str();
        if t == "(City)" || t.contains("Name and Address") {
            break;
        }
        let label = t.starts_with('(') && t.ends_with(')');
        if !t.is_empty() && !label && t != name && c.links.is_empty() {
            parts.push(t.to_string());
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The boxes of item 5 (item 4 on a Form 3): "X" before a label checks it; the officer title and
/// the "other" text are the two spans of the cell after "Other (specify below)".
fn relationship(cells: &[Cell], owner: &mut Owner) {
    let checked = |k: usize| k > 0 && cells[k - 1].text.eq_ignore_ascii_case("X");
    let mut officer = false;
    for (k, c) in cells.iter().enumerate() {
        match c.text.as_str() {
            "Director" => owner.director = checked(k),
            "10% Owner" => owner.ten_percent = checked(k),
            t if t.starts_with("Officer (give title") => officer = checked(k),
            t if t.starts_with("Other (specify") => {
                let other = checked(k);
                let spans = cells
                    .get(k + 1)
                    .map(|c| c.spans.clone())
                    .unwrap_or_default();
                let span = |n: usize| spans.get(n).cloned().unwrap_or_default();
                owner.officer = officer.then(|| span(0));
                owner.other = other.then(|| span(1));
                break;
            }
            _ => {}
        }
    }
    if owner.officer.is_none() && officer {
        owner.officer = Some(String::new());
    }
}

/// Which column holds what, by the table's width: Forms 4 and 5 differ by the "V" column, Form 3
/// lists holdings only.
struct Columns {
    date: Option<usize>,
    code: Option<usize>,
    amount: Option<usize>,
    /// Table II of Forms 4/5: amounts acquired and disposed of in two columns.
    disposed: Option<usize>,
    ad: Option<usize>,
    price: Option<usize>,
    following: Option<usize>,
    direct: usize,
    nature: usize,
}

fn columns(derivative: bool, width: usize) -> Option<Columns> {
    let c = |date, code, amount, disposed, ad, price, following, direct, nature| Columns {
        date,
        code,
        amount,
        disposed,
        ad,
        price,
        following,
        direct,
        nature,
    };
    Some(match (derivative, width) {
        (false, 11) => c(
            Some(1),
            Some(3),
            Some(5),
            None,
            Some(6),
            Some(7),
            Some(8),
            9,
            10,
        ),
        (false, 10) => c(
            Some(1),
            Some(3),
            Some(4),
            None,
            Some(5),
            Some(6),
            Some(7),
            8,
            9,
        ),
        (false, 4) => c(None, None, None, None, None, None, Some(1), 2, 3),
        (true, 16) => c(
            Some(2),
            Some(4),
            Some(6),
            Some(7),
            None,
            Some(12),
            Some(13),
            14,
            15,
        ),
        (true, 15) => c(
            Some(2),
            Some(4),
            Some(5),
            Some(6),
            None,
            Some(11),
            Some(12),
            13,
            14,
        ),
        (true, 8) => c(None, None, None, None, None, None, Some(4), 6, 7),
        _ => return None,
    })
}

/// The data rows of one table: rows as wide as a known layout, past the headings.
fn table(cells: &[Cell], derivative: bool, ev: &dyn Fn(&Cell) -> Evidence) -> Vec<Row> {
    let mut rows: Vec<Vec<&Cell>> = Vec::new();
    for c in cells {
        match rows.last_mut() {
            Some(r) if r[0].row == c.row => r.push(c),
            _ => rows.push(vec![c]),
        }
    }
    let mut out = Vec::new();
    for r in rows {
        let heading = r.iter().any(|c| {
            c.text.contains("Instr.") || c.text.starts_with("Table I") || c.text == "Code"
        }) || r
            .first()
            .is_some_and(|c| c.text == "Date Exercisable" || c.text == "Code");
        let Some(col) = columns(derivative, r.len()).filter(|_| !heading) else {
            continue;
        };
        if r[0].text.is_empty() {
            continue;
        }
        let text = |i: Option<usize>| {
            i.and_then(|i| r.get(i))
                .map(|c| c.text.clone())
                .filter(|t| !t.is_empty())
        };
        let amount_a = text(col.amount).and_then(|t| number(&t));
        let amount_d = text(col.disposed).and_then(|t| number(&t));
        let acquired = match (text(col.ad), col.disposed) {
            (Some(ad), _) => Some(ad.eq_ignore_ascii_case("A")),
            (None, Some(_)) if amount_a.is_some() => Some(true),
            (None, Some(_)) if amount_d.is_some() => Some(false),
            _ => None,
        };
        let mut notes: Vec<String> = Vec::new();
        for s in r.iter().flat_map(|c| c.sups.iter()) {
            let id = s
                .trim_matches(|ch: char| ch == '(' || ch == ')')
                .to_string();
            if !notes.contains(&id) {
                notes.push(id);
            }
        }
        let whole = r
            .iter()
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        out.push(Row {
            derivative,
            security: r[0].text.clone(),
            date: text(col.date).and_then(|d| parse_date(&d)),
            code: text(col.code),
            shares: amount_a.or(amount_d),
            price: text(col.price).and_then(|t| number(&t)),
            acquired,
            following: text(col.following).and_then(|t| number(&t)),
            direct: text(Some(col.direct)).map(|d| d.eq_ignore_ascii_case("D")),
            nature: text(Some(col.nature)),
            notes,
            evidence: Evidence {
                text: crate::extract::toolkit::quote(&whole),
                ..ev(r[0])
            },
        });
    }
    out
}

/// Signature rows stand above "** Signature of Reporting Person": a name and a date.
fn signatures(cells: &[Cell], ev: &dyn Fn(&Cell) -> Evidence) -> Vec<Signed> {
    let Some(k) = cells
        .iter()
        .position(|c| c.text.contains("Signature of Reporting Person"))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut i = (0..=k)
        .rev()
        .take_while(|&j| cells[j].row == cells[k].row)
        .last()
        .unwrap_or(k);
    while i > 0 {
        i -= 1;
        let row = cells[i].row;
        let start = (0..=i)
            .rev()
            .take_while(|&j| cells[j].row == row)
            .last()
            .unwrap_or(i);
        let filled: Vec<&Cell> = cells[start..=i]
            .iter()
            .filter(|c| !c.text.is_empty())
            .collect();
        match filled.as_slice() {
            [sig, date] if parse_date(&date.text).is_some() => out.push(Signed {
                text: sig.text.clone(),
                date: parse_date(&date.text),
                evidence: ev(sig),
            }),
            _ => break,
        }
        i = start;
    }
    out.reverse();
    out
}
