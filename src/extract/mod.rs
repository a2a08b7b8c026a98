//! `extract`: Document -> [`Facts`], per form family. Every fact carries its [`Evidence`].
//!
//! Schedule 13D/13G is read in passes over the same lines, each in its own module:
//! the front page (issuer, class, CUSIP, event date), the cover pages (one per reporting person),
//! Item 2 (persons, addresses, citizenship), defined terms (aliases), Item 4 (group figures),
//! Item 5 (transactions), signatures (signs-for and manages chains), and the consistency checks.

mod aliases;
mod annex;
mod conflicts;
mod corporate;
mod covers;
mod front;
mod header;
mod index;
mod item2;
mod item4;
mod kinds;
mod ownership;
mod parties;
mod proxy;
mod roles;
mod signature_page;
mod signatures;
mod statements;
mod transactions;
mod xml;
pub mod xml13;

use crate::detect::{Family, FormType};
use crate::load::{Document, Line};
use crate::model::{Evidence, Facts, Warning};
use crate::text::squash;
pub(crate) use index::word;

/// Longest quoted text kept as evidence; longer lines are cut at a character boundary.
const EVIDENCE_CHARS: usize = 300;

/// The facts of a filing of a form relgraph reads, by the reader its shape needs: Forms 3/4/5,
/// structured-XML schedules, or text (13D/G, registration statements, annual reports, proxies).
/// Structured input that cannot be read is an error with its reason; text never is.
pub fn read_facts(doc: &Document, form: &FormType) -> Result<Facts, String> {
    if form.family == Family::Ownership {
        extract_ownership(doc, form)
    } else if form.structured_xml {
        extract_xml(doc, form).map_err(|e| e.to_string())
    } else {
        Ok(extract(doc, form))
    }
}

/// Extracts the facts of a filing whose form relgraph reads (13D/13G text, HTML, submission).
pub fn extract(doc: &Document, form: &FormType) -> Facts {
    let mut cx = Cx::new(doc, form);
    match form.family {
        Family::Schedule13D | Family::Schedule13G => schedule13(&mut cx),
        Family::Registration | Family::AnnualReport | Family::Proxy => corporate::read(&mut cx),
        Family::Ownership | Family::Other => {}
    }
    cx.finish()
}

/// Extracts a filing whose primary document is structured XML (Schedule 13D/13G since December
/// 2024). A document that cannot be read is an error for the build to report, not empty facts.
pub fn extract_xml(doc: &Document, form: &FormType) -> Result<Facts, xml13::XmlError> {
    let mut cx = Cx::new(doc, form);
    xml13::read(&mut cx)?;
    Ok(cx.finish())
}

/// Extracts a Form 3, 4 or 5, in XML, rendered HTML or pre-2003 text. A form with no issuer or no
/// reporting owner, or XML that cannot be read, is an error for the build to report.
pub fn extract_ownership(doc: &Document, form: &FormType) -> Result<Facts, String> {
    let mut cx = Cx::new(doc, form);
    ownership::read(&mut cx)?;
    Ok(cx.finish())
}

fn schedule13(cx: &mut Cx) {
    let front = front::read(cx);
    let covers = covers::read(cx);
    let item2 = item2::read(cx);
    let mut parties = parties::Parties::default();
    parties.add_issuer(cx, &front);
    for cover in &covers {
        parties.add_cover_person(cx, cover);
    }
    for person in &item2.persons {
        parties.add_item2_person(cx, person);
    }
    header::add_header_parties(cx, &mut parties);
    aliases::read(cx, &mut parties, true);
    let sigs = signatures::read(cx, &parties);
    parties.add_signature_parties(cx, &sigs);
    cx.facts.relations.extend(sigs.relations);
    statements::read(cx, &parties);
    let officers = annex::read(cx, &mut parties);
    cx.facts.relations.extend(officers);
    let subject = front.subject(cx);
    covers::holdings(cx, &covers, subject.as_ref(), &parties);
    if cx.facts.holdings.is_empty() {
        item4::group_holdings(cx, subject.as_ref(), &parties);
    }
    cx.facts.group = parties::group_members(cx, &parties, &item2);
    transactions::read(cx);
    conflicts::check(cx, &front, &covers);
    kinds::assign(cx, &mut parties);
    cx.facts.subject = subject;
    cx.facts.parties = parties.into_vec();
    if covers.is_empty() && item2.persons.is_empty() && cx.facts.holdings.is_empty() {
        cx.warn(None, "no cover page or Item 2 reporting person found; the filing may be truncated or not a Schedule 13D/13G body");
    } else if !sigs.found {
        cx.warn(None, "no signature found; the filing may be truncated");
    }
}

/// The extraction context: the document's lines, the facts so far, and evidence helpers.
pub(crate) struct Cx<'a> {
    pub doc: &'a Document,
    pub lines: &'a [Line],
    /// The lines joined, squashed and searched for words, made once for every pass.
    index: index::LineIndex,
    pub facts: Facts,
}

impl<'a> Cx<'a> {
    fn new(doc: &'a Document, form: &FormType) -> Cx<'a> {
        let filed = doc.header.as_ref().and_then(|h| h.filed.clone());
        Cx {
            doc,
            lines: &doc.lines,
            index: index::LineIndex::new(&doc.lines),
            facts: Facts {
                amendment: form.amendment,
                filed,
                ..Facts::new(doc.filing_id(), doc.path.clone(), form.label.clone())
            },
        }
    }

    /// Evidence for the line at index `i` of `lines`.
    pub fn ev(&self, i: usize) -> Evidence {
        let line = &self.lines[i.min(self.lines.len().saturating_sub(1))];
        Evidence {
            filing: self.facts.filing.clone(),
            line: line.no,
            text: quote(&line.text),
        }
    }

    /// Evidence for a header line (1-based line number in the file).
    pub fn ev_header(&self, line: usize, text: &str) -> Evidence {
        Evidence {
            filing: self.facts.filing.clone(),
            line,
            text: quote(text),
        }
    }

    pub fn text(&self, i: usize) -> &str {
        &self.lines[i].text
    }

    /// Line `i` with its whitespace squashed.
    pub fn squashed(&self, i: usize) -> &str {
        self.index.squashed(i)
    }

    /// Whether line `i` may hold one of `words` (a mask of [`word`] bits): where it cannot, a
    /// pattern that needs one of them is not tried.
    pub fn may_hold(&self, i: usize, words: u16) -> bool {
        self.index.may_hold(i, words)
    }

    /// The lines joined with `\n`.
    pub fn joined(&self) -> &index::Joined {
        &self.index.joined
    }

    /// A context over other lines of the same document (the prose of a structured filing),
    /// taking over the facts so far.
    pub fn over<'b>(doc: &'b Document, lines: &'b [Line], facts: Facts) -> Cx<'b> {
        Cx {
            doc,
            lines,
            index: index::LineIndex::new(lines),
            facts,
        }
    }

    /// The line before `i` that has text, looking past at most one blank line: a sentence or a
    /// name wraps across a single blank, not across a paragraph break.
    pub fn prev_text(&self, i: usize) -> Option<usize> {
        (i.saturating_sub(2)..i)
            .rev()
            .find(|&j| !self.text(j).trim().is_empty())
    }

    /// The squashed text of `prev_text`, or "".
    pub fn prev_squashed(&self, i: usize) -> String {
        self.prev_text(i)
            .map(|j| self.squashed(j).to_string())
            .unwrap_or_default()
    }

    pub fn warn(&mut self, line_index: Option<usize>, message: impl Into<String>) {
        let line = line_index.map(|i| self.lines[i].no);
        let w = Warning {
            line,
            message: message.into(),
        };
        if !self.facts.warnings.contains(&w) {
            self.facts.warnings.push(w);
        }
    }

    #[cfg(test)]
    pub(crate) fn for_test(doc: &'a Document) -> Cx<'a> {
        let form = crate::detect::detect(doc);
        Cx::new(doc, &form)
    }

    fn finish(mut self) -> Facts {
        self.facts.warnings.sort();
        self.facts
    }
}

/// How much of a neighbouring line a pass reads with a line: more than any name or defined term
/// that wraps across the break.
pub(crate) const CONTEXT_CHARS: usize = 240;

/// The first `n` characters of `s`, at a character boundary.
pub(crate) use crate::text::first_chars as head;

/// The last `n` characters of `s`, starting at a word, at a character boundary.
pub(crate) fn tail(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    let at = s.char_indices().nth(count - n).map_or(0, |(i, _)| i);
    match s[at..].find(' ') {
        Some(sp) => &s[at + sp + 1..],
        None => &s[at..],
    }
}

fn quote(text: &str) -> String {
    let s = squash(text);
    match s.char_indices().nth(EVIDENCE_CHARS) {
        Some((cut, _)) => format!("{}...", &s[..cut]),
        None => s,
    }
}

static ITEM_HEADING: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| crate::text::re(r"(?i)^[\s\-•*]*Item\s*(\d{1,2})\b"));

/// The number of the item a line heads ("Item 2(a). Name of Person Filing" -> 2).
pub(crate) fn item_number(text: &str) -> Option<u32> {
    // most lines start with another letter or a digit: told by their first byte
    match text.as_bytes().first() {
        None => return None,
        Some(&b) if b.is_ascii_alphanumeric() && !matches!(b, b'I' | b'i') => return None,
        _ => {}
    }
    // the pattern runs only on those that start with an I
    let start =
        text.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '•' | '*'));
    if !start.starts_with(['I', 'i']) {
        return None;
    }
    ITEM_HEADING.captures(text).and_then(|c| c[1].parse().ok())
}

/// Lines [start, end) of the first "Item `n`" section: from its heading to the next heading of a
/// later item, or `limit` lines when none follows.
pub(crate) fn item_region(lines: &[Line], n: u32, limit: usize) -> Option<(usize, usize)> {
    let start = find_line(lines, 0, |t| item_number(t) == Some(n))?;
    let end = find_line(lines, start + 1, |t| item_number(t).is_some_and(|k| k > n))
        .unwrap_or(lines.len().min(start + limit));
    Some((start, end))
}

/// Index of the first line at or after `from` that matches `pred`.
pub(crate) fn find_line(lines: &[Line], from: usize, pred: impl Fn(&str) -> bool) -> Option<usize> {
    (from..lines.len()).find(|&i| pred(&lines[i].text))
}

/// Index of the next non-blank line after `i`.
pub(crate) fn next_text(lines: &[Line], i: usize) -> Option<usize> {
    find_line(lines, i + 1, |t| !t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_numbers_are_read_from_item_headings_only() {
        for (line, n) in [
            ("Item 2(a). Name of Person Filing", Some(2)),
            ("  ITEM 5. Ownership", Some(5)),
            ("- Item 12", Some(12)),
            ("• item4", Some(4)),
            ("*Item 7.", Some(7)),
            ("Items 3 and 4", None),
            ("12 Item 3", None),
            ("The Item 3", None),
            ("", None),
            ("Identity", None),
        ] {
            assert_eq!(item_number(line), n, "{line:?}");
            assert_eq!(
                item_number(line),
                ITEM_HEADING.captures(line).and_then(|c| c[1].parse().ok()),
                "{line:?}"
            );
        }
    }
}
