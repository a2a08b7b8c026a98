//! The tables of a filing's HTML as rows of cells, for the readers whose facts are in a table's
//! layout: who owns how many shares (a name cell, a shares cell, a percent cell), who sits on the
//! board (Name | Age | Position | Director Since), who the named executive officers are (the
//! Summary Compensation Table's name cells). Flattened lines lose what these need: a cell made of
//! several paragraphs (a name and an address), a footnote mark in a superscript beside a figure,
//! the column a value sits in.

use crate::extract::toolkit::Cx;
use crate::load::Cell;
use crate::model::Evidence;
use crate::text::re;
use regex::Regex;
use std::sync::LazyLock;

/// One cell of a table row.
#[derive(Debug, Clone, Default)]
pub(super) struct TCell {
    /// The first column the cell covers (column spans counted).
    pub col: usize,
    pub span: usize,
    /// The text outside superscripts, squashed.
    pub text: String,
    /// The cell's paragraphs.
    pub parts: Vec<String>,
    /// 1-based source line.
    pub line: usize,
}

/// One row: its cells, blank ones included (they keep the columns).
#[derive(Debug, Clone, Default)]
pub(super) struct Row {
    pub cells: Vec<TCell>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Table {
    pub rows: Vec<Row>,
}

impl TCell {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Whether the cell covers column `c`.
    pub fn covers(&self, c: usize) -> bool {
        (self.col..self.col + self.span).contains(&c)
    }
}

impl Row {
    /// The cells with text.
    pub fn filled(&self) -> impl Iterator<Item = &TCell> {
        self.cells.iter().filter(|c| !c.is_blank())
    }

    /// The first cell with text.
    pub fn first_filled(&self) -> Option<&TCell> {
        self.filled().next()
    }

    /// The row's text, cells joined by a space: what its evidence quotes.
    pub fn text(&self) -> String {
        self.filled()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The source line of the row's first cell with text.
    pub fn line(&self) -> usize {
        self.first_filled()
            .or(self.cells.first())
            .map_or(0, |c| c.line)
    }

    /// Evidence for a fact this row states.
    pub fn evidence(&self, cx: &Cx) -> Evidence {
        cx.ev_header(self.line(), &self.text())
    }
}

/// The tables of the filing's HTML documents, in document order; rows without text are dropped.
pub(super) fn html_tables(cx: &Cx) -> Vec<Table> {
    let mut out = Vec::new();
    for part in &cx.doc.html {
        let cells = crate::load::cells(&part.text, part.first_line);
        out.extend(group(&cells));
    }
    out
}

/// Groups the cells of a page into tables and rows. A nested table's rows interleave with the
/// outer table's in document order; each goes to its own table.
fn group(cells: &[Cell]) -> Vec<Table> {
    let mut tables: Vec<(usize, Table)> = Vec::new();
    let mut last: Option<(usize, usize)> = None;
    for c in cells.iter().filter(|c| c.is_cell && c.table > 0) {
        let at = match tables.iter().rposition(|(id, _)| *id == c.table) {
            Some(at) => at,
            None => {
                tables.push((c.table, Table::default()));
                tables.len() - 1
            }
        };
        let table = &mut tables[at].1;
        if last != Some((c.table, c.row)) || table.rows.is_empty() {
            table.rows.push(Row::default());
            last = Some((c.table, c.row));
        }
        let row = table.rows.last_mut().expect("a row was pushed");
        let col = row.cells.last().map_or(0, |p| p.col + p.span);
        row.cells.push(TCell {
            col,
            span: c.colspan.max(1),
            text: c.text.clone(),
            parts: c.parts.clone(),
            line: c.line,
        });
    }
    tables
        .into_iter()
        .map(|(_, mut t)| {
            t.rows.retain(|r| r.filled().next().is_some());
            t
        })
        .filter(|t| !t.rows.is_empty())
        .collect()
}

/// Footnote marks printed after a value or a name: "(1)", "(2)(3)", "(a)", "(ii)", "*", "**",
/// "†", "(1,2)"; also "1" glued after a closing parenthesis is not taken.
static TRAILING_MARKS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:\s*(?:\((?:\d{1,2}|[a-z]{1,4}|\*+)(?:\s*,\s*\d{1,2})*\)|\*+|[†‡§]))+\s*$")
});

/// A value without the footnote marks after it.
pub(super) fn strip_marks(s: &str) -> &str {
    match TRAILING_MARKS.find(s) {
        Some(m) => s[..m.start()].trim_end(),
        None => s.trim(),
    }
}

/// Whether a value ends with a star mark ("Gianni DelSignore*", "Marni Gaer (2) *").
pub(super) fn has_star(s: &str) -> bool {
    TRAILING_MARKS
        .find(s)
        .is_some_and(|m| m.as_str().contains('*'))
}

/// A share count as a table prints it: "1,278,250,538", "92174", "0", and "—", "-", "-0-",
/// "None" for none. Footnote marks after it are dropped; a figure whose commas do not group
/// threes ("823,8512", a footnote digit glued to it) is not one.
pub(super) fn shares_value(s: &str) -> Option<u64> {
    let t = strip_marks(s.trim());
    if matches!(t, "—" | "–" | "-" | "--" | "-0-" | "—0—") || t.eq_ignore_ascii_case("none")
    {
        return Some(0);
    }
    static FIGURE: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:\d{1,3}(?:,\d{3})+|\d{1,12})$"));
    FIGURE
        .is_match(t)
        .then(|| t.replace(',', "").parse().ok())
        .flatten()
}

/// What a percent cell says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum PercentCell {
    /// "8.27%", "30.6" (the sign in the next cell), "0.4".
    Value(f64),
    /// "*", "(*)": see the table's star footnote.
    Star,
    /// "less than 1%", "<1%".
    Below(f64),
    /// "—", "-": none.
    Dash,
}

/// A percent cell: "8.27%", "30.6", "*", "less than 1%", "<1%", "—".
pub(super) fn percent_value(s: &str) -> Option<PercentCell> {
    static VALUE: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{1,3}(?:\.\d+)?|\.\d+)\s*%?$"));
    static BELOW: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)^(?:less\s+than|under|below|<)\s*(\d{1,2}(?:\.\d+)?|one)\s*(?:%|percent)?$")
    });
    let raw = s.trim();
    if raw.trim_matches(['(', ')', ' ']).chars().all(|c| c == '*') && raw.contains('*') {
        return Some(PercentCell::Star);
    }
    let t = strip_marks(raw);
    if matches!(t, "—" | "–" | "-" | "--" | "—%" | "-%" | "N/A" | "n/a") {
        return Some(PercentCell::Dash);
    }
    if let Some(c) = VALUE.captures(t) {
        let v: f64 = c[1].parse().ok()?;
        return (v <= 100.0).then_some(PercentCell::Value(v));
    }
    BELOW.captures(t).map(|c| {
        let v = if c[1].eq_ignore_ascii_case("one") {
            1.0
        } else {
            c[1].parse().unwrap_or(1.0)
        };
        PercentCell::Below(v)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_lose_their_marks_and_keep_their_groups() {
        assert_eq!(shares_value("1,317,966,471(2)"), Some(1_317_966_471));
        assert_eq!(shares_value("15,569,130 (1)(2)"), Some(15_569_130));
        assert_eq!(shares_value("823,8512"), None);
        assert_eq!(shares_value("—"), Some(0));
        assert_eq!(shares_value("$1,000"), None);
        assert_eq!(shares_value("2018"), Some(2018));
        assert_eq!(
            strip_marks("Lawrence J. Ellison (2)"),
            "Lawrence J. Ellison"
        );
        assert_eq!(strip_marks("Gianni DelSignore*"), "Gianni DelSignore");
        assert!(has_star("Marni Gaer (2) *"));
        assert!(!has_star("Lawrence J. Ellison (2)"));
    }

    #[test]
    fn percent_cells() {
        assert_eq!(percent_value("8.27%"), Some(PercentCell::Value(8.27)));
        assert_eq!(percent_value("30.6"), Some(PercentCell::Value(30.6)));
        assert_eq!(percent_value("*"), Some(PercentCell::Star));
        assert_eq!(percent_value("(*)"), Some(PercentCell::Star));
        assert_eq!(percent_value("less than 1%"), Some(PercentCell::Below(1.0)));
        assert_eq!(percent_value("<1%"), Some(PercentCell::Below(1.0)));
        assert_eq!(percent_value("—"), Some(PercentCell::Dash));
        assert_eq!(percent_value("Beneficial"), None);
        assert_eq!(percent_value("250.0"), None);
    }
}
