//! HTML -> table cells, for the one kind of page whose meaning is in its layout: EDGAR's rendered
//! view of a Form 3, 4 or 5. There a checked box is an "X" in the cell before its label, an
//! owner's CIK is only in a link, and footnote marks are superscripts beside the figures, so
//! flattened lines lose what a reader needs.
//!
//! A cell is the text of one `<td>`/`<th>`; text between nested tables is a cell of its own, in
//! document order, so "label, then the value in the next cell" works at any nesting depth.
//!
//! Proxy statements and annual reports read their tables (ownership, board, officers) the same
//! way: a cell knows its table and its column span, and keeps the paragraphs (`<p>`, `<div>`,
//! `<br>`) it is made of, since a name cell may hold the holder's name and address.

use html5ever::tokenizer::{EndTag, StartTag, Tag, Token, TokenSink, TokenSinkResult};
use std::cell::RefCell;

/// One cell of a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// Which `<tr>` the cell is in: cells of one row share it.
    pub row: usize,
    /// 1-based source line where the cell's text starts (or the cell opens, when it has none).
    pub line: usize,
    /// The text outside superscripts, whitespace squashed.
    pub text: String,
    /// The text of each `<span>` in the cell, empty ones too: rendered forms print the officer
    /// title and the "other" relationship as two spans of one cell.
    pub spans: Vec<String>,
    /// Each link as (text, href).
    pub links: Vec<(String, String)>,
    /// Superscript texts: footnote marks such as "(1)".
    pub sups: Vec<String>,
    /// Which `<table>` the cell is in (the innermost one; 0 outside any table).
    pub table: usize,
    /// Whether the cell is a `<td>`/`<th>`, not text between tables.
    pub is_cell: bool,
    /// The `colspan` of the cell (1 when none).
    pub colspan: usize,
    /// The cell's paragraphs (split at `<p>`, `<div>`, `<br>`), squashed, empty ones dropped.
    pub parts: Vec<String>,
}

/// Whether a page is EDGAR's rendering of a Form 3, 4 or 5 (its `<title>` says "SEC FORM 4").
pub fn is_rendered_ownership_form(html: &str) -> bool {
    let head = crate::text::first_chars(html, 2048).to_ascii_lowercase();
    let Some(at) = head.find("<title>") else {
        return false;
    };
    let title: String = head[at + 7..]
        .chars()
        .take(40)
        .filter(|c| !c.is_whitespace())
        .collect();
    ["secform3", "secform4", "secform5"]
        .iter()
        .any(|t| title.starts_with(t))
}

/// The cells of a page; `first_line` is the source line of its first character.
pub fn cells(html: &str, first_line: usize) -> Vec<Cell> {
    let sink = CellSink {
        state: RefCell::new(State {
            first_line,
            ..State::default()
        }),
    };
    let mut st = super::html::tokenize(sink, html).state.into_inner();
    st.flush(false);
    st.cells
}

#[derive(Default)]
struct State {
    first_line: usize,
    cells: Vec<Cell>,
    current: Cell,
    started: bool,
    row: usize,
    skip_depth: usize,
    sup_depth: usize,
    span_depth: usize,
    link: Option<(String, String)>,
    /// The open tables, innermost last, and how many have opened so far.
    tables: Vec<usize>,
    table_count: usize,
    /// A block tag was seen since the cell's last text: the next text starts a new part.
    part_break: bool,
}

impl State {
    /// Ends the current cell; an empty one is kept only when a real cell closes (`always`).
    fn flush(&mut self, always: bool) {
        let mut cell = std::mem::take(&mut self.current);
        let had = self.started;
        self.started = false;
        cell.text = crate::text::squash(&cell.text);
        for s in &mut cell.spans {
            *s = crate::text::squash(s);
        }
        cell.parts = cell
            .parts
            .iter()
            .map(|p| crate::text::squash(p))
            .filter(|p| !p.is_empty())
            .collect();
        cell.is_cell = had;
        cell.colspan = cell.colspan.max(1);
        let empty = cell.text.is_empty() && cell.links.is_empty() && cell.sups.is_empty();
        if (always && had) || !empty {
            cell.row = self.row;
            cell.table = self.tables.last().copied().unwrap_or(0);
            self.cells.push(cell);
        }
    }

    fn text(&mut self, text: &str, line: usize) {
        if self.current.line == 0
            || (self.current.text.trim().is_empty() && !text.trim().is_empty())
        {
            self.current.line = line;
        }
        if self.sup_depth > 0 {
            let t = crate::text::squash(text);
            if !t.is_empty() {
                self.current.sups.push(t);
            }
            return;
        }
        self.current.text.push_str(text);
        if self.part_break || self.current.parts.is_empty() {
            self.current.parts.push(String::new());
            self.part_break = false;
        }
        if let Some(p) = self.current.parts.last_mut() {
            p.push_str(text);
        }
        if self.span_depth > 0 {
            if let Some(s) = self.current.spans.last_mut() {
                s.push_str(text);
            }
        }
        if let Some((t, _)) = &mut self.link {
            t.push_str(text);
        }
    }

    fn tag(&mut self, tag: &Tag, line: usize) {
        let name: &str = &tag.name;
        let start = tag.kind == StartTag && !tag.self_closing;
        match (name, tag.kind) {
            ("td" | "th", StartTag) => {
                self.flush(false);
                self.started = true;
                self.current.line = line;
                self.current.colspan = colspan(tag);
            }
            ("td" | "th", EndTag) => self.flush(true),
            ("tr", StartTag) => {
                self.flush(false);
                self.row += 1;
            }
            ("table", StartTag) if start => {
                self.flush(false);
                self.table_count += 1;
                self.tables.push(self.table_count);
            }
            ("table", EndTag) => {
                self.flush(false);
                self.tables.pop();
            }
            ("tr" | "table", _) => self.flush(false),
            ("br" | "p" | "div", _) => {
                self.current.text.push(' ');
                self.part_break = true;
            }
            ("span", StartTag) if start => {
                self.span_depth += 1;
                self.current.spans.push(String::new());
            }
            ("span", EndTag) => self.span_depth = self.span_depth.saturating_sub(1),
            ("sup", StartTag) if start => self.sup_depth += 1,
            ("sup", EndTag) => self.sup_depth = self.sup_depth.saturating_sub(1),
            ("a", StartTag) => {
                let href = tag
                    .attrs
                    .iter()
                    .find(|a| &*a.name.local == "href")
                    .map(|a| a.value.to_string())
                    .unwrap_or_default();
                self.link = Some((String::new(), href));
            }
            ("a", EndTag) => {
                if let Some((t, href)) = self.link.take() {
                    self.current.links.push((crate::text::squash(&t), href));
                }
            }
            _ => {}
        }
    }
}

/// A cell's `colspan`, 1 when absent or unreadable (bounded: no table is 1,000 columns wide).
fn colspan(tag: &Tag) -> usize {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == "colspan")
        .and_then(|a| a.value.trim().parse::<usize>().ok())
        .map_or(1, |n| n.clamp(1, 1000))
}

struct CellSink {
    state: RefCell<State>,
}

const SKIPPED: &[&str] = &["script", "style", "head", "title"];

impl TokenSink for CellSink {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        let mut st = self.state.borrow_mut();
        let line = st.first_line + line_number.saturating_sub(1) as usize;
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                if SKIPPED.contains(&name) {
                    return super::html::skip(&mut st.skip_depth, &tag);
                } else if st.skip_depth == 0 {
                    st.tag(&tag, line);
                }
            }
            Token::CharacterTokens(text) if st.skip_depth == 0 => {
                let newlines = text.matches('\n').count();
                // the tokenizer reports the line a run ends on; its text starts that many lines up
                let lead = text.len() - text.trim_start().len();
                let start = line.saturating_sub(newlines) + text[..lead].matches('\n').count();
                st.text(&text, start);
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_order_spans_links_and_marks() {
        let html = "<html><head><title>SEC FORM 4</title></head><body>\n<table><tr><td><span>1. Name</span><table><tr><td><a href=\"/x?CIK=0000123\">DOE JANE</a></td></tr></table>\n<span>(Street)</span></td>\n<td></td><td>519<sup>(1)</sup></td></tr></table>";
        assert!(is_rendered_ownership_form(html));
        let c = cells(html, 1);
        let texts: Vec<&str> = c.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, vec!["1. Name", "DOE JANE", "(Street)", "", "519"]);
        assert_eq!(c[1].links[0].1, "/x?CIK=0000123");
        assert_eq!(c[4].sups, vec!["(1)"]);
        assert_eq!(c[0].spans, vec!["1. Name"]);
        assert_eq!(c[3].row, c[4].row);
        assert_eq!((c[0].line, c[2].line), (2, 3));
    }

    #[test]
    fn other_pages_are_not_rendered_forms() {
        assert!(!is_rendered_ownership_form(
            "<html><title>Schedule 13G</title>"
        ));
        assert!(!is_rendered_ownership_form("<p>SEC FORM 4</p>"));
    }
}
