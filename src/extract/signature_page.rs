//! Signature pages of registration statements, annual reports and proxy statements: the
//! registrant's "By: /s/ X / X / Title" block and the table of signers (signature, printed name,
//! title, date) in its real layouts — tab- or space-separated text, HTML tables flattened to one
//! cell per line, `<u>` around a signature, the name printed twice, "*" rows signed by an
//! attorney-in-fact ("*By: /s/ X, Attorney-in-fact").
//!
//! Every signer signs for the registrant; the title gives board-member-of and officer-of edges.

use super::parties::Parties;
use super::roles::{classify, tidy};
use super::Cx;
use crate::model::{NodeKind, Relation, Signing, Statement};
use crate::names::{legal_form, looks_like_person, norm_key};
use crate::text::{parse_date, re, squash};
use regex::Regex;
use std::sync::LazyLock;

static HEADING: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*SIGNATURES?\s*\.?\s*$"));
/// A signature table's own header, for pages that have no "SIGNATURES" heading.
static TABLE_HEADING: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*SIGNATURE\s*\t\s*(?:CAPACITY|TITLE)"));
static END: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:EXHIBIT\s+INDEX|INDEX\s+TO\s+EXHIBITS|SCHEDULE\s+II\b|FINANCIAL\s+STATEMENTS\s*$|REPORT\s+OF\s+INDEPENDENT|POWER\s+OF\s+ATTORNEY\s*$)",
    )
});
static SIGNED: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)/s/"));
static STAR_ROW: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*\*(?:\t|\s{2,}|\s*$)"));
static ATTORNEY: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*\*\s*By\s*:?\s*/s/\s*(.*)$"));
static TAGS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)</?(?:u|b|i|em|strong)>"));
static LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:By|Date|Dated|Name|Title|Its)\s*:?\s*"));

/// How many lines after a signature line belong to its record at most.
const RECORD_LINES: usize = 8;
/// How far the signature section runs when nothing ends it.
const SECTION_LINES: usize = 300;

/// One signature: who, as what, when, and for whom when the page names another company.
#[derive(Debug, Clone, Default)]
struct Record {
    name: String,
    title_parts: Vec<String>,
    date: Option<String>,
    employer: Option<String>,
    /// Signed by an attorney-in-fact ("*" in the signature column).
    starred: bool,
    /// The name as printed under the signature, when it differs in case ("Jonah Shacknai" under
    /// "/s/ JONAH SHACKNAI"): the better spelling for the node.
    printed: Option<String>,
    idx: usize,
}

/// Reads the signature section; returns the relations and records the signers as parties.
pub(super) fn read(cx: &mut Cx, registrant: &str, parties: &mut Parties) -> Vec<Relation> {
    let Some((start, end)) = section(cx) else {
        return Vec::new();
    };
    let mut records: Vec<Record> = Vec::new();
    let mut attorneys: Vec<(String, usize)> = Vec::new();
    let mut last_date: Option<String> = None;
    let mut i = start;
    while i < end {
        let t = TAGS.replace_all(cx.text(i), "").to_string();
        if let Some(d) = parse_date(&t).filter(|_| !SIGNED.is_match(&t)) {
            last_date = Some(d);
        }
        if let Some(c) = ATTORNEY.captures(t.trim()) {
            let (name, _) = name_and_rest(&c[1], cx, i);
            attorneys.push((name, i));
        } else if SIGNED.is_match(&t) || STAR_ROW.is_match(&t) {
            let (mut rec, next) = record(cx, i, end);
            // "Date: September 28, 1999" or "... on December 20, 2002" above the signature
            rec.date = rec.date.or_else(|| last_date.clone());
            records.push(rec);
            i = next;
            continue;
        }
        i += 1;
    }
    let mut out = Vec::new();
    for rec in &records {
        if !looks_like_person(&rec.name) || !crate::names::is_plausible_name(&rec.name) {
            continue;
        }
        let title = join_title(&rec.title_parts);
        let mut pi = parties.upsert(&rec.name, NodeKind::Individual, cx.ev(rec.idx));
        if let Some(printed) = &rec.printed {
            pi = parties.upsert(printed, NodeKind::Individual, cx.ev(rec.idx));
        }
        let person = parties.get(pi).name.clone();
        let company = match &rec.employer {
            Some(e) => {
                let ei = parties.upsert(e, NodeKind::Company, cx.ev(rec.idx));
                let e = parties.get(ei).name.clone();
                let signing = Signing {
                    date: rec.date.clone(),
                    ..Signing::default()
                };
                out.push(relation(
                    cx,
                    &e,
                    registrant,
                    Statement::SignsFor(signing),
                    rec.idx,
                ));
                e
            }
            None => registrant.to_string(),
        };
        let signing = Signing {
            title: title.clone(),
            date: rec.date.clone(),
            ..Signing::default()
        };
        out.push(relation(
            cx,
            &person,
            &company,
            Statement::SignsFor(signing),
            rec.idx,
        ));
        if let Some(t) = &title {
            let roles = classify(t);
            if let Some(b) = roles.board {
                out.push(relation(
                    cx,
                    &person,
                    &company,
                    Statement::board(b),
                    rec.idx,
                ));
            }
            if let Some(o) = roles.officer {
                out.push(relation(
                    cx,
                    &person,
                    &company,
                    Statement::officer(o),
                    rec.idx,
                ));
            }
        }
        if rec.starred {
            for (attorney, at) in &attorneys {
                if looks_like_person(attorney) && !same(attorney, &person) {
                    parties.upsert(attorney, NodeKind::Individual, cx.ev(*at));
                    let a = parties.canonical(attorney);
                    let signing = Signing {
                        capacity: Some("attorney-in-fact".into()),
                        date: rec.date.clone(),
                        ..Signing::default()
                    };
                    out.push(relation(cx, &a, &person, Statement::SignsFor(signing), *at));
                }
            }
        }
    }
    out
}

/// The signature section: from the last "SIGNATURES" heading that has a signature after it.
fn section(cx: &Cx) -> Option<(usize, usize)> {
    let heads: Vec<usize> = (0..cx.lines.len())
        .filter(|&i| HEADING.is_match(cx.text(i)))
        .collect();
    let signed_after = |h: &usize| {
        (*h..cx.lines.len().min(h + SECTION_LINES)).any(|j| SIGNED.is_match(cx.text(j)))
    };
    let start = heads
        .into_iter()
        .rev()
        .find(signed_after)
        .or_else(|| (0..cx.lines.len()).find(|&i| TABLE_HEADING.is_match(cx.text(i))))
        .or_else(|| {
            (0..cx.lines.len())
                .find(|&i| SIGNED.is_match(cx.text(i)))
                .map(|i| i.saturating_sub(20))
        })?;
    let end = super::find_line(cx.lines, start + 1, |t| END.is_match(t))
        .unwrap_or(cx.lines.len())
        .min(start + SECTION_LINES);
    Some((start, end))
}

/// Reads the record starting at line `i` (a "/s/" or "*" line); returns it and the next line to read.
fn record(cx: &Cx, i: usize, end: usize) -> (Record, usize) {
    let first = TAGS.replace_all(cx.text(i), "").to_string();
    let cells = cells_of(&first);
    let mut rec = Record {
        idx: i,
        ..Record::default()
    };
    let mut rest_cells: Vec<String> = Vec::new();
    for (k, cell) in cells.iter().enumerate() {
        if let Some(pos) = cell.to_ascii_lowercase().find("/s/") {
            let (name, tail) = name_and_rest(&cell[pos + 3..], cx, i);
            rec.name = name;
            rest_cells.extend(tail);
        } else if k == 0 && cell.trim() == "*" {
            rec.starred = true;
        } else if !LABEL.is_match(cell) || !LABEL.replace(cell, "").trim().is_empty() {
            rest_cells.push(LABEL.replace(cell, "").trim().to_string());
        }
    }
    if rec.name.ends_with('*') {
        rec.name = rec.name.trim_end_matches('*').trim().to_string();
        rec.starred = true;
    }
    let mut j = i + 1;
    let mut lines = 0;
    while j < end && lines < RECORD_LINES {
        let t = TAGS.replace_all(cx.text(j), "").to_string();
        if SIGNED.is_match(&t)
            || STAR_ROW.is_match(&t)
            || ATTORNEY.is_match(t.trim())
            || HEADING.is_match(&t)
        {
            break;
        }
        if t.trim().len() > 150 {
            break;
        }
        if !t.trim().is_empty() {
            lines += 1;
            rest_cells.extend(cells_of(&t));
        }
        j += 1;
    }
    let mut open = false;
    for cell in rest_cells {
        absorb(&mut rec, &cell, &mut open);
    }
    (rec, j)
}

/// Files one cell of a record: a date, the printed name (with a ", Title" after it), a company
/// the signer acts for, or a piece of the title. A cell is a title piece only when it names a role
/// or continues a piece left open ("President, Chief Executive" / "Officer and Director"); page
/// numbers and headings that follow the last signature are not.
fn absorb(rec: &mut Record, cell: &str, open: &mut bool) {
    let cell = LABEL
        .replace(cell.trim(), "")
        .trim()
        .trim_matches(|c: char| c == '_' || c == '-')
        .trim()
        .to_string();
    if cell.is_empty() || cell == "*" || cell.eq_ignore_ascii_case("(registrant)") {
        return;
    }
    if rec.date.is_none() && cell.len() <= 30 {
        if let Some(d) = parse_date(&cell) {
            rec.date = Some(d);
            return;
        }
    }
    if rec.name.is_empty()
        && looks_like_person(cell.trim_end_matches(','))
        && classify(&cell) == Default::default()
    {
        rec.name = cell.trim_end_matches(',').to_string();
        return;
    }
    if same(&cell, &rec.name) || same(cell.trim_end_matches(','), &rec.name) {
        rec.printed = Some(cell.trim_end_matches(',').to_string());
        return;
    }
    if let Some((head, tail)) = cell.split_once(", ") {
        if same(head, &rec.name) {
            rec.title_parts.push(tail.to_string());
            *open = ends_open(tail);
            return;
        }
    }
    if legal_form(&cell).is_some() && !looks_like_person(&cell) && !ROLE_WORD.is_match(&cell) {
        rec.employer = Some(cell.trim_end_matches(',').to_string());
        *open = false;
        return;
    }
    if ROLE_WORD.is_match(&cell) || *open {
        *open = ends_open(&cell);
        rec.title_parts.push(cell);
    } else {
        *open = false;
    }
}

static ROLE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:president|officer|director|chair(?:man|woman|person)?|secretary|treasurer|counsel|controller|comptroller|trustee|partner|member|principal|attorney|executive|vice|manager|managing|board)\b",
    )
});

/// A title piece cut at the end of its cell: "President, Chief Executive", "Senior Vice President,".
fn ends_open(piece: &str) -> bool {
    let p = piece.trim().to_ascii_lowercase();
    p.ends_with(',')
        || p.ends_with(" and")
        || p.ends_with('&')
        || p.ends_with(" of")
        || p.ends_with("chief executive")
        || p.ends_with("chief financial")
        || p.ends_with("chief operating")
        || p.ends_with("chief accounting")
}

/// "Bryan R. Martin Bryan R. Martin" (signature and printed name in one cell) -> the name once;
/// "Steven L. Sinn, Chairman of the Board" -> the name and the title after the comma.
fn name_and_rest(raw: &str, _cx: &Cx, _i: usize) -> (String, Vec<String>) {
    let raw = squash(&TAGS.replace_all(raw, ""));
    let words: Vec<&str> = raw.split(' ').collect();
    for k in 1..words.len() {
        let (a, b) = (words[..k].join(" "), words[k..].join(" "));
        if same(&a, &b) {
            return (a, Vec::new());
        }
    }
    if let Some((name, tail)) = raw.split_once(", ") {
        if !SUFFIX.is_match(tail.trim()) {
            return (name.to_string(), vec![tail.to_string()]);
        }
    }
    (raw.trim_end_matches(',').to_string(), Vec::new())
}

/// The cells of a line: HTML table cells (tabs) or fixed-width columns (two or more spaces).
fn cells_of(line: &str) -> Vec<String> {
    COLUMNS
        .split(line.trim())
        .map(squash)
        .filter(|c| !c.is_empty())
        .collect()
}

static COLUMNS: LazyLock<Regex> = LazyLock::new(|| re(r"\t+|\s{2,}"));

/// Name suffixes that follow a comma: "Jr.", "III", "M.D.", "Esq.".
static SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:jr|sr|ii|iii|iv|m\.?\s?d|esq|ph\.?\s?d|cpa)\.?(?:\s*[,*].*)?$"));

fn same(a: &str, b: &str) -> bool {
    let (ka, kb) = (norm_key(a), norm_key(b));
    !ka.is_empty() && ka == kb
}

/// Title fragments in reading order: "President, Chief Executive" + "Officer and Director".
fn join_title(parts: &[String]) -> Option<String> {
    let t = squash(&parts.join(" "));
    let t = t.trim_matches(|c: char| c == ',' || c.is_whitespace());
    (!t.is_empty() && t.len() <= 300).then(|| tidy(t))
}

fn relation(cx: &Cx, source: &str, target: &str, statement: Statement, idx: usize) -> Relation {
    Relation {
        source: source.to_string(),
        target: target.to_string(),
        statement,
        evidence: cx.ev(idx),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_bytes;

    fn cx_names(raw: &str) -> (String, Vec<String>) {
        let doc = load_bytes("t", b"x\n").unwrap();
        let cx = Cx::for_test(&doc);
        name_and_rest(raw, &cx, 0)
    }

    #[test]
    fn names_printed_twice_are_read_once() {
        assert_eq!(
            cx_names("Bryan R. Martin Bryan R. Martin").0,
            "Bryan R. Martin"
        );
        assert_eq!(
            cx_names("Guy L. Hecker, Jr. Guy L. Hecker Jr.").0,
            "Guy L. Hecker, Jr."
        );
        assert_eq!(cx_names("<u>Bernd Girod</u> Bernd Girod").0, "Bernd Girod");
        assert_eq!(
            cx_names("Steven L. Sinn, Chairman of the Board"),
            (
                "Steven L. Sinn".into(),
                vec!["Chairman of the Board".into()]
            )
        );
    }
}
