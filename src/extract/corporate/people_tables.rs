//! Tables of the registrant's people: the board and nominee tables (Name | Principal Occupation |
//! Age | Director Since), the executive officer tables (Name | Age | Position), the named
//! executive officers (Name | Title) and the Summary Compensation Table, whose name cells carry
//! each officer's title (in the same cell, or in the first cell of the next rows).
//!
//! A Position column is the person's office at the registrant: its board part is a seat, its
//! officer part an office. An Occupation column is usually an office elsewhere ("Founder and CEO,
//! Calico"): it counts only when it names the registrant or nothing but titles. A Director Since
//! column with a year (or "Nominee") is a seat.

use super::name_cells::{is_entity_name, read_name_cell, NameCell};
use super::roster::Roster;
use super::tables::{strip_marks, Row, TCell, Table};
use super::titles::{at_registrant, Where};
use super::Registrant;
use crate::extract::toolkit::Cx;
use crate::model::Seat;
use crate::names::looks_like_person;
use crate::text::re;
use regex::Regex;
use std::sync::LazyLock;

static NAME_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:name|director|nominee|executive\s+officer|officer|named\s+executive\s+officer)s?\b",
    )
});
static POSITION_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:position|positions|position\(s\)|title|titles|office|offices|capacity)\b")
});
/// "Position with the Registrant", "Positions Held With the Company", "Position With Acme".
static POSITION_HERE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bwith\s+(?:the\s+)?(?:registrant|company|corporation|[A-Z])"));
static OCCUPATION_HEAD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\boccupation|principal\s+employment|business\s+experience"));
static SINCE_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bdirector\s+since\b|\bmember\s+since\b|\bboard\s+since\b|\bfirst\s+(?:elected|became)\b.*\bdirector|\bdirector\s+(?:first\s+)?elected\b|^\s*since\s*$",
    )
});
static SCT_HEAD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bsalary\b|\bbonus\b|\bstock\s+awards\b|\btotal\s+compensation\b"));
static NOT_PEOPLE_HEAD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)percent|%|benefici|\bfees\b|\bretainer\b|^\s*date\s*$|\bsignature"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b(19\d{2}|20\d{2})\b"));
static NOMINATED: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bnomin|\bnew\b"));

/// How far above a table the heading that says what it lists may be.
const HEADING_LINES: usize = 12;

/// A column of a people table: `[start, end)`.
type Span = (usize, usize);

#[derive(Debug, Default)]
struct Columns {
    body: usize,
    name: Span,
    position: Option<Span>,
    /// The position column's head says the positions are held at the registrant.
    position_here: bool,
    occupation: Option<Span>,
    since: Option<Span>,
    /// A Summary Compensation Table: titles are in the name column.
    sct: bool,
    /// A table of executive officers (its head or the heading above says so).
    exec: bool,
}

/// Reads every people table into the roster.
pub(super) fn read_tables(cx: &Cx, tables: &[Table], registrant: &Registrant, roster: &mut Roster) {
    for t in tables {
        let Some(mut cols) = columns(t) else { continue };
        cols.exec = lists_executives(cx, t);
        if cols.position.is_some() && !cols.position_here && mostly_elsewhere(t, &cols, registrant)
        {
            // a board list whose "Position" is each director's occupation elsewhere
            cols.occupation = cols.position.take();
        }
        for k in cols.body..t.rows.len() {
            read_row(cx, t, k, &cols, registrant, roster);
        }
    }
}

/// The header of a people table: the rows before the first row that names a person.
fn columns(t: &Table) -> Option<Columns> {
    let body = t.rows.iter().position(|r| person_of(r).is_some())?;
    if body == 0 || body > 6 {
        return None;
    }
    let head: Vec<&TCell> = t.rows[..body].iter().flat_map(|r| r.filled()).collect();
    let span = |c: &TCell| (c.col, c.col + c.span);
    let name = head.iter().find(|c| NAME_HEAD.is_match(&c.text))?;
    if head.iter().any(|c| NOT_PEOPLE_HEAD.is_match(&c.text)) {
        return None;
    }
    // a signature table ("/s/ Name | Title | Date") is the signature page's to read
    let signed = |r: &Row| r.filled().any(|c| c.text.trim_start().starts_with("/s/"));
    if t.rows.iter().take(body + 6).any(signed) {
        return None;
    }
    let sct = head.iter().any(|c| SCT_HEAD.is_match(&c.text));
    let others = || head.iter().filter(|c| c.col != name.col);
    let position =
        others().find(|c| POSITION_HEAD.is_match(&c.text) && !SINCE_HEAD.is_match(&c.text));
    let cols = Columns {
        body,
        name: span(name),
        position: position.map(|c| span(c)),
        position_here: position.is_some_and(|c| POSITION_HERE.is_match(&c.text)),
        occupation: others()
            .find(|c| OCCUPATION_HEAD.is_match(&c.text))
            .map(|c| span(c)),
        since: others()
            .find(|c| SINCE_HEAD.is_match(&c.text))
            .map(|c| span(c)),
        sct,
        exec: false,
    };
    (sct || cols.position.is_some() || cols.occupation.is_some() || cols.since.is_some())
        .then_some(cols)
}

/// Whether a third or more of a table's positions are held elsewhere or no longer ("Former Chair
/// and CEO, PepsiCo, Inc.", "Partner, Wilmer Cutler LLP", "Chair of IronNet, Inc."): then the
/// column is the people's occupations, and the rest ("President, Marshall University") are too.
fn mostly_elsewhere(t: &Table, cols: &Columns, registrant: &Registrant) -> bool {
    let Some(span) = cols.position else {
        return false;
    };
    let positions: Vec<Vec<String>> = t.rows[cols.body..]
        .iter()
        .filter(|r| person_of(r).is_some())
        .map(|r| column_parts(r, span))
        .filter(|p| !p.is_empty())
        .collect();
    let elsewhere = positions
        .iter()
        .filter(|p| at_registrant(p, registrant, Where::Position).is_none())
        .count();
    !positions.is_empty() && elsewhere * 3 >= positions.len()
}

/// Whether a table lists executive officers: its head says so, or a heading just above it.
fn lists_executives(cx: &Cx, t: &Table) -> bool {
    static EXECUTIVES: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)executive\s+officers"));
    let head = t
        .rows
        .iter()
        .take(3)
        .any(|r| r.filled().any(|c| EXECUTIVES.is_match(&c.text)));
    let (at, _) = super::holdings::table_lines(cx, t);
    head || (at.saturating_sub(HEADING_LINES)..at.min(cx.lines.len()))
        .any(|i| cx.text(i).len() < 200 && EXECUTIVES.is_match(cx.text(i)))
}

/// The person a row's first cell names, with what else the cell says.
fn person_of(r: &Row) -> Option<(NameCell, &TCell)> {
    let first = r.first_filled()?;
    let cell = read_name_cell(first);
    let name = cell.names.first()?;
    (looks_like_person(name) && is_entity_name(name)).then_some((cell, first))
}

fn read_row(
    cx: &Cx,
    t: &Table,
    k: usize,
    cols: &Columns,
    registrant: &Registrant,
    roster: &mut Roster,
) {
    let row = &t.rows[k];
    let Some((cell, first)) = person_of(row) else {
        return;
    };
    if !(cols.name.0..cols.name.1).contains(&first.col) && !first.covers(cols.name.0) {
        return;
    }
    let name = cell.names[0].clone();
    let ev = row.evidence(cx);
    if cols.sct {
        if let Some(title) = sct_title(t, k, &cell, cols, registrant) {
            roster.title(&name, &title, ev);
        }
        return;
    }
    if let Some(title) = at_registrant(&cell.role, registrant, Where::Occupation) {
        roster.title(&name, &title, ev.clone());
    }
    if let Some(span) = cols.position {
        let mut parts = column_parts(row, span);
        if parts.len() > 1 && parts.last().is_some_and(|p| p.trim() == "Director") {
            // a wrapped fixed-width position whose last line is "Director" alone: a seat
            // beside the office, not a part of it
            parts.pop();
            roster.seat(&name, seat("Director", None, false), ev.clone());
        }
        let how = if cols.position_here {
            Where::Registrant
        } else {
            Where::Position
        };
        if let Some(title) = at_registrant(&parts, registrant, how) {
            if cols.exec {
                roster.executive(&name, &title, ev.clone());
            } else {
                roster.title(&name, &title, ev.clone());
            }
        }
    }
    if let Some(span) = cols.occupation {
        let parts = column_parts(row, span);
        if let Some(title) = at_registrant(&parts, registrant, Where::Occupation) {
            roster.title(&name, &title, ev.clone());
        }
    }
    if let Some(span) = cols.since {
        let since = column_parts(row, span).join(" ");
        let year = YEAR.captures(&since).map(|c| c[1].to_string());
        let nominee = NOMINATED.is_match(&since);
        if year.is_some() || nominee {
            roster.seat(&name, seat("Director", year, nominee), ev);
        }
    }
}

fn seat(title: &str, since: Option<String>, nominee: bool) -> Seat {
    Seat {
        title: title.to_string(),
        since,
        nominee,
    }
}

/// The paragraphs of the row's cells in a column, footnote marks dropped.
fn column_parts(row: &Row, (a, b): Span) -> Vec<String> {
    row.filled()
        .filter(|c| (a..b).contains(&c.col) || c.covers(a))
        .flat_map(|c| {
            if c.parts.is_empty() {
                vec![c.text.clone()]
            } else {
                c.parts.clone()
            }
        })
        .map(|p| strip_marks(&p).to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A Summary Compensation Table's title for the row's person: the rest of the name cell, or the
/// name-column cells of the next rows until the next person or a blank.
fn sct_title(
    t: &Table,
    k: usize,
    cell: &NameCell,
    cols: &Columns,
    registrant: &Registrant,
) -> Option<String> {
    if !cell.role.is_empty() {
        return at_registrant(&cell.role, registrant, Where::Position);
    }
    let mut parts: Vec<String> = Vec::new();
    for r in t.rows.iter().skip(k + 1).take(3) {
        let Some(c) = r
            .cells
            .iter()
            .find(|c| (cols.name.0..cols.name.1).contains(&c.col))
        else {
            break;
        };
        if c.is_blank() || person_of(r).is_some() || super::tables::shares_value(&c.text).is_some()
        {
            break;
        }
        parts.push(strip_marks(&c.text).to_string());
    }
    at_registrant(&parts, registrant, Where::Position)
}
