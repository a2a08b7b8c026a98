//! Beneficial-ownership tables read from their cells ("Security Ownership of Certain Beneficial
//! Owners and Management", "Principal Stockholders", "Stock Ownership of ..."): each named row is
//! a holding of the registrant with the shares and percent as printed.
//!
//! A table is one when its header names a share column and a percent column and either says
//! "beneficial"/"owned" or sits under an ownership heading. The columns come from the header:
//! with several classes of stock (a header cell per class), only the common stock's (or Class
//! A's) columns are read; a percent is the value in a percent column, else a cell with "%" or a
//! star; the shares are the last share count before it (the total after "Shares" and "Options").
//! What a star means is read from its footnote ("* Less than 1%"): a bound, or nothing when the
//! footnote says something else ("* Indicates a current director").

use super::name_cells::{is_entity_name, is_registrant, read_name_cell};
use super::tables::{percent_value, shares_value, PercentCell, Row, TCell, Table};
use super::Registrant;
use crate::extract::toolkit::parties::Parties;
use crate::extract::toolkit::Cx;
use crate::model::{Holding, NodeKind, Percent, Stake};
use crate::text::{parse_date, re};
use regex::Regex;
use std::sync::LazyLock;

static SHARES_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:shares|number|amount|owned|ownership|holdings|common\s+stock)\b")
});
static PERCENT_HEAD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)percent|%|\bpct\b|\bper\s+cent\b"));
static OWNERSHIP_HEAD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bbenefici|\bowned\b|\bownership\b|\bholdings?\b|\bshares\s+held\b"));
/// A heading above an ownership table.
pub(super) static OWNERSHIP_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:security|stock|share|equity)\s+ownership\b|beneficial\s+(?:stock\s+)?own|principal\s+(?:stock|share)holders|\bbeneficial\s+owners\b|(?:5|five)\s*(?:%|percent)\s+(?:stock|share)?holders",
    )
});
static GROUP_ROW: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bas\s+a\s+group\b|\ball\s+(?:current\s+)?(?:executive\s+officers|directors|officers)\b|\(\d+\s+persons\)",
    )
});
/// A header cell naming a class of stock.
static CLASS_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(class\s+[a-z0-9]\b|series\s+[a-z0-9]+\b|preferred|ordinary\s+shares|common\s+(?:stock|shares)|voting\s+power|votes)",
    )
});
static TITLE_OF_CLASS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:title\s+of\s+)?class(?:\s+of\s+(?:stock|securities))?\s*$"));
static AS_OF: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bas\s+of\s+([A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})"));

/// How many lines above a table its heading may be.
const HEADING_LINES: usize = 40;
/// How many lines after a table its star footnote may be.
const NOTE_LINES: usize = 80;

/// What the columns of an ownership table are.
#[derive(Debug, Default, Clone)]
struct Columns {
    /// Index of the first row after the header.
    body: usize,
    /// The columns of the class read (all when one class): `[start, end)`.
    class: Option<(usize, usize, String)>,
    /// Column ranges under a percent header.
    percent: Vec<(usize, usize)>,
    /// The column of a "Title of Class" cell, when rows name their class.
    title_of_class: Option<(usize, usize)>,
}

/// Reads every ownership table among `tables`; returns whether one was read.
pub(super) fn read_tables(
    cx: &mut Cx,
    tables: &[Table],
    registrant: &Registrant,
    parties: &mut Parties,
) -> bool {
    let mut seen: Vec<String> = Vec::new();
    let mut any = false;
    let mut last: Option<(Columns, usize)> = None;
    let mut last_as_of: Option<String> = None;
    for t in tables {
        // a table split by a page break goes on without its header
        let cols = match (columns(cx, t), last.take()) {
            (Some(c), _) => c,
            (None, Some((c, w))) if width(t) == w && t.rows.iter().take(4).any(is_data_row) => {
                Columns { body: 0, ..c }
            }
            _ => continue,
        };
        last = Some((cols.clone(), width(t)));
        any = true;
        let star = star_meaning(cx, t);
        // a table with no date above it (a continuation, a second table of the same section)
        // is dated by the table before it
        let as_of = as_of(cx, t).or_else(|| last_as_of.clone());
        last_as_of.clone_from(&as_of);
        for (k, row) in t.rows.iter().enumerate().skip(cols.body) {
            let prev = k.checked_sub(1).map(|p| &t.rows[p]);
            read_row(
                cx, row, prev, &cols, star, &as_of, registrant, parties, &mut seen,
            );
        }
    }
    any
}

/// How many columns a table's rows span.
fn width(t: &Table) -> usize {
    t.rows
        .iter()
        .filter_map(|r| r.cells.last().map(|c| c.col + c.span))
        .max()
        .unwrap_or(0)
}

/// The header of an ownership table: the rows before the first row with a name and a figure.
fn columns(cx: &Cx, t: &Table) -> Option<Columns> {
    let body = t.rows.iter().position(is_data_row)?;
    if body == 0 || body > 8 {
        return None;
    }
    let head: Vec<&TCell> = t.rows[..body].iter().flat_map(|r| r.filled()).collect();
    let text: String = head
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let has_shares = SHARES_HEAD.is_match(&text);
    let has_percent = head.iter().any(|c| PERCENT_HEAD.is_match(&c.text));
    let says_ownership = OWNERSHIP_HEAD.is_match(&text) || heading_above(cx, t);
    if !(has_shares && has_percent && says_ownership) {
        return None;
    }
    let mut cols = Columns {
        body,
        ..Columns::default()
    };
    cols.percent = head
        .iter()
        .filter(|c| PERCENT_HEAD.is_match(&c.text))
        .map(|c| (c.col, c.col + c.span))
        .collect();
    cols.title_of_class = head
        .iter()
        .find(|c| TITLE_OF_CLASS.is_match(&c.text))
        .map(|c| (c.col, c.col + c.span));
    cols.class = class_columns(&t.rows[..body]);
    Some(cols)
}

/// With a header cell per class of stock, the columns of the common stock (or Class A).
fn class_columns(head: &[Row]) -> Option<(usize, usize, String)> {
    for row in head {
        let labelled: Vec<(&TCell, String)> = row
            .filled()
            .filter_map(|c| {
                CLASS_LABEL
                    .captures(&c.text)
                    .map(|m| (c, m[1].to_ascii_lowercase()))
            })
            .collect();
        let mut labels: Vec<&str> = labelled.iter().map(|(_, l)| l.as_str()).collect();
        labels.dedup();
        if labels.len() < 2 {
            continue;
        }
        let pick = labelled
            .iter()
            .find(|(c, l)| {
                l.starts_with("common") && !c.text.to_ascii_lowercase().contains("class b")
            })
            .or_else(|| labelled.iter().find(|(_, l)| l == "class a"))?;
        let (c, _) = pick;
        return Some((c.col, c.col + c.span, crate::text::squash(&c.text)));
    }
    None
}

/// A row with a name in its first filled cell and a share count after it.
fn is_data_row(r: &Row) -> bool {
    let Some(first) = r.first_filled() else {
        return false;
    };
    let name = read_name_cell(first);
    name.names
        .first()
        .is_some_and(|n| is_entity_name(n) || GROUP_ROW.is_match(n))
        && r.filled()
            .skip(1)
            .any(|c| shares_value(&c.text).is_some_and(|_| !c.text.contains('.')))
}

/// Whether an ownership heading is printed in the lines above the table.
fn heading_above(cx: &Cx, t: &Table) -> bool {
    if cx.lines.is_empty() {
        return false;
    }
    let (at, _) = table_lines(cx, t);
    (at.saturating_sub(HEADING_LINES)..=at.min(cx.lines.len().saturating_sub(1)))
        .any(|i| cx.text(i).len() < 200 && OWNERSHIP_HEADING.is_match(cx.text(i)))
}

/// The index of the first flattened line at or after source line `no`.
pub(super) fn line_index(cx: &Cx, no: usize) -> usize {
    cx.lines.partition_point(|l| l.no < no)
}

/// The flattened lines where a table's first and last rows are. A page printed on one source
/// line has all its lines numbered alike: there the rows are found by their text.
pub(super) fn table_lines(cx: &Cx, t: &Table) -> (usize, usize) {
    let find = |row: Option<&Row>, from: usize| -> usize {
        let Some(row) = row else { return from };
        let at = line_index(cx, row.line()).max(from);
        let probe = row.first_filled().map_or("", |c| {
            c.parts.first().map_or(c.text.as_str(), |p| p.as_str())
        });
        (at..cx.lines.len())
            .take_while(|&i| cx.lines[i].no <= row.line())
            .find(|&i| !probe.is_empty() && cx.text(i).contains(probe))
            .unwrap_or(at)
    };
    let start = find(t.rows.first(), 0);
    (start, find(t.rows.last(), start))
}

/// What a star in the percent column means, from its footnote after the table: a bound ("*
/// Less than 1%", "* does not exceed 1% of the class"), nothing ("* Indicates a director"), or,
/// with no footnote, less than one percent.
fn star_meaning(cx: &Cx, t: &Table) -> Option<f64> {
    let (_, end) = table_lines(cx, t);
    let lines: Vec<&str> = (end..cx.lines.len().min(end + NOTE_LINES))
        .map(|i| cx.text(i).trim_start())
        .collect();
    // "* Less than 1%", or "*" alone with its note on the next line (a two-cell footnote row)
    let note = lines.iter().enumerate().find_map(|(k, l)| {
        let l = l.trim_start_matches(['(', ')']);
        let rest = l.strip_prefix('*').filter(|r| !r.starts_with('*'))?;
        let rest = rest.trim_start_matches([')', '\t', ' ']);
        if rest.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
            Some(rest.to_string())
        } else {
            lines
                .get(k + 1)
                .filter(|n| star_bound(n).is_some())
                .map(|n| n.to_string())
        }
    });
    match note {
        Some(n) => star_bound(&n),
        None => Some(1.0),
    }
}

/// The bound a star footnote states, if it states one.
pub(super) fn star_bound(note: &str) -> Option<f64> {
    static BOUND: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)(?:less\s+than|not\s+exceed|under|below|fewer\s+than|lower\s+than)\s+(?:(one)\s+percent|(\d{1,2}(?:\.\d+)?)\s*(?:%|percent|$|\.?\s*$))",
        )
    });
    let c = BOUND.captures(note)?;
    match (c.get(1), c.get(2)) {
        (Some(_), _) => Some(1.0),
        (_, Some(v)) => v.as_str().parse().ok(),
        _ => None,
    }
}

/// "as of June 4, 2019" near the table's heading.
fn as_of(cx: &Cx, t: &Table) -> Option<String> {
    let (at, _) = table_lines(cx, t);
    (at.saturating_sub(HEADING_LINES)..at.min(cx.lines.len()))
        .rev()
        .find_map(|i| AS_OF.captures(cx.text(i)).and_then(|c| parse_date(&c[1])))
}

/// A row's figures: the shares and what its percent cell says.
fn figures(row: &Row, cols: &Columns) -> Option<(u64, Option<PercentCell>, usize)> {
    let first = row.first_filled()?;
    // a row of figures whose name is on the row above has no name cell
    let name_col = if shares_value(&first.text).is_some() {
        first.col.checked_sub(1)
    } else {
        Some(first.col)
    };
    let in_class = |c: &TCell| match &cols.class {
        Some((a, b, _)) => (*a..*b).contains(&c.col),
        None => true,
    };
    let in_percent = |c: &TCell| cols.percent.iter().any(|(a, b)| (*a..*b).contains(&c.col));
    let cells: Vec<&TCell> = row
        .filled()
        .filter(|c| name_col.is_none_or(|n| c.col > n) && in_class(c))
        .collect();
    // a value under a percent header, or one that says it is a percent ("8.27%", "*")
    let percent_at = cells.iter().position(|c| {
        percent_value(&c.text).is_some() && (in_percent(c) || c.text.contains(['%', '*']))
    });
    let before = &cells[..percent_at.unwrap_or(cells.len())];
    let (shares, line) = before.iter().rev().find_map(|c| {
        (!in_percent(c))
            .then(|| shares_value(&c.text).map(|v| (v, c.line)))
            .flatten()
    })?;
    let percent = percent_at.and_then(|k| percent_value(&cells[k].text));
    Some((shares, percent, line))
}

#[allow(clippy::too_many_arguments)]
fn read_row(
    cx: &mut Cx,
    row: &Row,
    prev: Option<&Row>,
    cols: &Columns,
    star: Option<f64>,
    as_of: &Option<String>,
    registrant: &Registrant,
    parties: &mut Parties,
    seen: &mut Vec<String>,
) {
    let Some(first) = row.first_filled() else {
        return;
    };
    if !class_is_common(row, cols) {
        return;
    }
    let Some((shares, percent, figures_line)) = figures(row, cols) else {
        return;
    };
    // a name alone on the row above its figures
    let name_cell = if shares_value(&first.text).is_some() {
        match prev.and_then(Row::first_filled) {
            Some(p) if figures(prev.expect("a row"), cols).is_none() => p,
            _ => return,
        }
    } else {
        first
    };
    let cell = read_name_cell(name_cell);
    if cell.names.first().is_some_and(|n| GROUP_ROW.is_match(n)) {
        return;
    }
    let percent = match percent {
        Some(PercentCell::Value(v)) => Some(Percent::Exact(v)),
        Some(PercentCell::Below(v)) => Some(Percent::LessThan(v)),
        Some(PercentCell::Star) => star.map(Percent::LessThan),
        Some(PercentCell::Dash) | None if cell.star => star.map(Percent::LessThan),
        Some(PercentCell::Dash) | None => None,
    };
    // the name's line, and the figures' line when the row's cells sit on several source lines
    let evidence = row.evidence(cx);
    let mut evidences = vec![evidence.clone()];
    if figures_line != evidence.line && figures_line > 0 {
        evidences.push(cx.ev_header(figures_line, &evidence.text));
    }
    for name in &cell.names {
        if !is_entity_name(name) || is_registrant(name, &registrant.keys) {
            continue;
        }
        let key = crate::names::norm_key(name);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let kind = if crate::names::looks_like_person(name) {
            NodeKind::Individual
        } else {
            NodeKind::Company
        };
        let pi = parties.upsert(name, kind, evidence.clone());
        cx.facts.holdings.push(Holding {
            holder: parties.get(pi).name.clone(),
            issuer: registrant.name.clone(),
            stake: Stake {
                shares: Some(shares),
                percent,
                class: cols.class.as_ref().map(|(_, _, l)| l.clone()),
                as_of: as_of.clone(),
                ..Stake::default()
            },
            evidence: evidences.clone(),
        });
    }
}

/// Whether a row's "Title of Class" cell, if the table has one, names the common stock.
fn class_is_common(row: &Row, cols: &Columns) -> bool {
    let Some((a, b)) = cols.title_of_class else {
        return true;
    };
    row.filled()
        .find(|c| (a..b).contains(&c.col))
        .is_none_or(|c| {
            let t = c.text.to_ascii_lowercase();
            t.contains("common") || t.contains("ordinary") || t.contains("class a")
        })
}
