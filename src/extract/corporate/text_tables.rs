//! The fixed-width tables of plain-text filings as rows of cells, so the readers of HTML tables
//! read them too. EDGAR's text filings mark a table's columns: `<TABLE>`, a `<CAPTION>` with the
//! column heads, and an `<S>` line whose `<S>`/`<C>` tags stand where the columns start. A line's
//! values are the runs of text between gaps of two or more spaces (dotted leaders dropped), each
//! put in the column that starts nearest before it. A row goes on over the lines below it that
//! do not start a new name at the left margin (a wrapped position, "(1)(2)" marks); a blank line
//! ends it.

use super::tables::{Row, TCell, Table};
use crate::extract::toolkit::Cx;
use crate::text::re;
use regex::Regex;
use std::sync::LazyLock;

/// How far a table's head may be above its `<S>` line, and how long it may run.
const HEAD_LINES: usize = 10;
const BODY_LINES: usize = 400;
/// How far left of its column's `<C>` a value may start (the tags are placed by hand).
const SLACK: usize = 6;

static FIELD: LazyLock<Regex> = LazyLock::new(|| re(r"\S+(?: \S+)*"));
static LEADER: LazyLock<Regex> = LazyLock::new(|| re(r"\s*\.{2,}\s*$|\s*\.{3,}"));

/// The fixed-width tables of the filing's text.
pub(super) fn text_tables(cx: &Cx) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < cx.lines.len() {
        let t = cx.text(i).trim_start();
        if t.starts_with("<S>") && t.contains("<C>") {
            let starts = column_starts(cx.text(i));
            let head = head_row(cx, i, &starts);
            let (rows, end) = body_rows(cx, i + 1, &starts);
            let mut table = Table::default();
            table.rows.extend(head);
            table.rows.extend(rows);
            if table.rows.len() > 1 {
                out.push(table);
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Where the `<S>` and `<C>` tags of a line stand (character columns).
fn column_starts(line: &str) -> Vec<usize> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    for k in 0..chars.len() {
        if chars[k] == '<'
            && matches!(chars.get(k + 1), Some('S' | 'C'))
            && chars.get(k + 2) == Some(&'>')
        {
            out.push(k);
        }
    }
    if out.first() != Some(&0) {
        out.insert(0, 0);
    }
    out
}

/// The values of a line with the character column each starts at.
fn fields(line: &str) -> Vec<(usize, String)> {
    let expanded: String = line.replace('\t', "        ");
    FIELD
        .find_iter(&expanded)
        .map(|m| {
            let col = expanded[..m.start()].chars().count();
            let text = LEADER.replace_all(m.as_str(), " ").trim().to_string();
            (col, text)
        })
        .filter(|(_, t)| !t.is_empty())
        .collect()
}

/// The column a value starting at `col` belongs to.
fn column_of(starts: &[usize], col: usize) -> usize {
    starts.iter().rposition(|&s| s <= col + SLACK).unwrap_or(0)
}

/// The head: the caption lines above the `<S>` line, each column's words joined.
fn head_row(cx: &Cx, s_line: usize, starts: &[usize]) -> Option<Row> {
    let from = (s_line.saturating_sub(HEAD_LINES)..s_line)
        .rev()
        .find(|&j| {
            let t = cx.text(j).trim();
            t.eq_ignore_ascii_case("<CAPTION>") || t.eq_ignore_ascii_case("<TABLE>")
        })
        .map_or(s_line.saturating_sub(HEAD_LINES), |j| j + 1);
    let mut cells = vec![TCell::default(); starts.len()];
    for j in from..s_line {
        let t = cx.text(j);
        if t.trim_start().starts_with('<')
            || t.trim().chars().all(|c| c == '-' || c == '=' || c == ' ')
        {
            continue;
        }
        for (col, text) in fields(t) {
            let k = column_of(starts, col);
            append(&mut cells[k], &text, cx.lines[j].no);
        }
    }
    finish(cells, starts)
}

/// The rows after the `<S>` line up to `</TABLE>`; returns them and the line after the table.
fn body_rows(cx: &Cx, from: usize, starts: &[usize]) -> (Vec<Row>, usize) {
    let mut rows = Vec::new();
    let mut cells: Vec<TCell> = vec![TCell::default(); starts.len()];
    let end = cx.lines.len().min(from + BODY_LINES);
    let mut j = from;
    while j < end {
        let t = cx.text(j);
        let trimmed = t.trim();
        if trimmed.eq_ignore_ascii_case("</TABLE>") || trimmed.starts_with("<S>") {
            break;
        }
        let fs = fields(t);
        let starts_row = fs.first().is_some_and(|(col, _)| *col < 2);
        if trimmed.is_empty() || starts_row || trimmed.starts_with('<') {
            rows.extend(finish(
                std::mem::replace(&mut cells, vec![TCell::default(); starts.len()]),
                starts,
            ));
        }
        if !trimmed.starts_with('<') {
            for (col, text) in fs {
                let k = column_of(starts, col);
                append(&mut cells[k], &text, cx.lines[j].no);
            }
        }
        j += 1;
    }
    rows.extend(finish(cells, starts));
    (rows, j)
}

fn append(cell: &mut TCell, text: &str, line: usize) {
    if cell.parts.is_empty() {
        cell.line = line;
    }
    cell.parts.push(text.to_string());
}

/// A row of the cells gathered, `None` when none has text.
fn finish(mut cells: Vec<TCell>, starts: &[usize]) -> Option<Row> {
    if cells.iter().all(|c| c.parts.is_empty()) {
        return None;
    }
    let first_line = cells
        .iter()
        .filter(|c| c.line > 0)
        .map(|c| c.line)
        .min()
        .unwrap_or(0);
    for (k, c) in cells.iter_mut().enumerate() {
        c.col = k;
        c.span = 1;
        c.text = crate::text::squash(&c.parts.join(" "));
        if c.line == 0 {
            c.line = first_line;
        }
    }
    let _ = starts;
    Some(Row { cells })
}
