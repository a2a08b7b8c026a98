//! HTML -> lines. html5ever's tokenizer gives the source line of every token, so each text line we
//! emit keeps the number of the source line it began on. Block elements end a line, table cells are
//! separated by a tab, `<pre>` keeps its own line breaks, and script/style/hidden XBRL headers are
//! dropped.

use super::{clean_line, Line};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, EndTag, StartTag, Tag, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// True when the text is HTML rather than plain text that happens to contain an angle bracket.
pub(super) fn looks_like_html(text: &str) -> bool {
    let head = crate::text::first_chars(text, 4096);
    // Not "<table": 1990s plain-text filings use SGML <TABLE>/<S>/<C> tags around fixed-width tables.
    [
        "<html",
        "<!doctype html",
        "<body",
        "<p>",
        "<p ",
        "<div",
        "<font",
        "<br>",
        "<br/>",
        "<br ",
        "<td",
    ]
    .iter()
    .any(|t| crate::text::contains_ascii_ci(head, t))
}

/// Converts an HTML document (or fragment) into lines; `first_line` is the source line of its first
/// character, for HTML embedded in a submission file.
pub(super) fn to_lines(html: &str, first_line: usize) -> Vec<Line> {
    let sink = LineSink {
        state: RefCell::new(State {
            first_line,
            ..State::default()
        }),
    };
    let mut state = tokenize(sink, html).state.into_inner();
    state.break_line();
    state.lines
}

/// Runs html5ever's tokenizer over the whole text into `sink` and gives the sink back.
pub(super) fn tokenize<S: TokenSink>(sink: S, html: &str) -> S {
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    let _ = tok.feed(&queue);
    tok.end();
    tok.sink
}

#[derive(Default)]
struct State {
    first_line: usize,
    lines: Vec<Line>,
    current: String,
    current_no: Option<usize>,
    pre_depth: usize,
    /// Depth inside elements whose text is not part of the filing (script, style, ix:header, ...).
    skip_depth: usize,
    /// `div` nesting, and the level of the outermost `display:none` div we are inside.
    div_level: usize,
    hidden_at: Option<usize>,
}

impl State {
    fn source_line(&self, tokenizer_line: u64) -> usize {
        self.first_line + tokenizer_line.saturating_sub(1) as usize
    }

    fn break_line(&mut self) {
        let text = clean_line(&self.current);
        if let Some(no) = self.current_no.take() {
            if !text.trim().is_empty() {
                self.lines.push(Line { no, text });
            }
        }
        self.current.clear();
    }

    fn push_text(&mut self, text: &str, end_line: usize) {
        if self.pre_depth > 0 {
            let parts: Vec<&str> = text.split('\n').collect();
            let start = end_line.saturating_sub(parts.len() - 1);
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    self.break_line();
                }
                self.append(part, start + i);
            }
            return;
        }
        let newlines = text.matches('\n').count();
        let mut line = end_line.saturating_sub(newlines);
        for ch in text.chars() {
            if ch == '\n' {
                line += 1;
            }
            if ch.is_whitespace() {
                if !self.current.is_empty() && !self.current.ends_with([' ', '\t']) {
                    self.current.push(' ');
                }
            } else {
                if self.current_no.is_none() {
                    self.current_no = Some(line);
                }
                self.current.push(ch);
            }
        }
    }

    fn append(&mut self, text: &str, line: usize) {
        if !text.trim().is_empty() && self.current_no.is_none() {
            self.current_no = Some(line);
        }
        self.current.push_str(text);
    }

    fn cell_break(&mut self) {
        if !self.current.trim().is_empty() && !self.current.ends_with('\t') {
            let trimmed = self.current.trim_end().len();
            self.current.truncate(trimmed);
            self.current.push('\t');
        }
    }
}

struct LineSink {
    state: RefCell<State>,
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "tr",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "title",
    "hr",
    "center",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "dl",
    "section",
    "article",
    "header",
    "footer",
    "thead",
    "tbody",
    "caption",
    "page",
    "type",
    "document",
    "text",
    "xml",
];
const SKIPPED: &[&str] = &["script", "style", "head", "ix:header", "xbrli:context"];

impl TokenSink for LineSink {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        let mut st = self.state.borrow_mut();
        let line = st.source_line(line_number);
        match token {
            Token::TagToken(tag) => return handle_tag(&mut st, &tag),
            Token::CharacterTokens(text) if st.skip_depth == 0 && st.hidden_at.is_none() => {
                st.push_text(&text, line)
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn handle_tag(st: &mut State, tag: &Tag) -> TokenSinkResult<()> {
    let name: &str = &tag.name;
    if name == "div" {
        track_hidden_div(st, tag);
    }
    if SKIPPED.contains(&name) {
        return skip(&mut st.skip_depth, tag);
    }
    if name == "pre" {
        st.break_line();
        match tag.kind {
            StartTag => st.pre_depth += 1,
            EndTag => st.pre_depth = st.pre_depth.saturating_sub(1),
        }
        return TokenSinkResult::Continue;
    }
    if BLOCKS.contains(&name) {
        st.break_line();
    } else if name == "td" || name == "th" {
        st.cell_break();
    }
    TokenSinkResult::Continue
}

/// A tag whose content is not text (script, style, head, ...): counts the nesting depth, and has
/// the tokenizer read script and style bodies raw, so markup inside them is not taken for tags.
pub(super) fn skip(depth: &mut usize, tag: &Tag) -> TokenSinkResult<()> {
    match tag.kind {
        StartTag if !tag.self_closing => *depth += 1,
        EndTag => *depth = depth.saturating_sub(1),
        _ => {}
    }
    if tag.kind == StartTag && (&*tag.name == "script" || &*tag.name == "style") {
        return TokenSinkResult::RawData(RawKind::Rawtext);
    }
    TokenSinkResult::Continue
}

/// `display:none` divs carry inline-XBRL metadata, not filing text; nesting is counted so the hidden
/// region ends with the div that opened it.
fn track_hidden_div(st: &mut State, tag: &Tag) {
    match tag.kind {
        StartTag if !tag.self_closing => {
            st.div_level += 1;
            if st.hidden_at.is_none() && is_hidden(tag) {
                st.hidden_at = Some(st.div_level);
            }
        }
        EndTag => {
            if st.hidden_at == Some(st.div_level) {
                st.hidden_at = None;
            }
            st.div_level = st.div_level.saturating_sub(1);
        }
        _ => {}
    }
}

fn is_hidden(tag: &Tag) -> bool {
    if &*tag.name != "div" || tag.kind != StartTag {
        return false;
    }
    tag.attrs.iter().any(|a| {
        &*a.name.local == "style"
            && a.value
                .to_ascii_lowercase()
                .replace(' ', "")
                .contains("display:none")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<(usize, &str)> {
        lines.iter().map(|l| (l.no, l.text.as_str())).collect()
    }

    #[test]
    fn blocks_break_lines_and_cells_are_tabbed() {
        let html = "<html><body>\n<p>SCHEDULE&#160;13G</p>\n<table><tr><td>9</td><td>AGGREGATE\nAMOUNT</td></tr>\n<tr><td>992,411</td></tr></table></body></html>";
        let lines = to_lines(html, 1);
        assert_eq!(
            texts(&lines),
            vec![
                (2, "SCHEDULE 13G"),
                (3, "9\tAGGREGATE AMOUNT"),
                (5, "992,411")
            ]
        );
    }

    #[test]
    fn pre_keeps_its_line_breaks_and_offsets_apply() {
        let lines = to_lines("<pre>\nA  B\n\nC</pre>", 10);
        assert_eq!(texts(&lines), vec![(11, "A  B"), (13, "C")]);
    }

    #[test]
    fn scripts_and_hidden_divs_are_dropped() {
        let html = "<p>a</p><script>var x = '<p>no</p>';</script><div style=\"display: none\"><div>hidden</div></div><p>b</p>";
        let lines = to_lines(html, 1);
        assert_eq!(texts(&lines), vec![(1, "a"), (1, "b")]);
    }

    #[test]
    fn entities_and_curly_quotes_survive() {
        let lines = to_lines("<p>Fund (the &#8220;Master Fund&#8221;) &amp; Co</p>", 1);
        assert_eq!(lines[0].text, "Fund (the \u{201c}Master Fund\u{201d}) & Co");
    }
}
