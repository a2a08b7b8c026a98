//! The extraction context: the document's lines, the facts so far, and evidence helpers that
//! every reader shares.

use super::index;
use super::lines::quote;
use crate::detect::{Family, FormType};
use crate::load::{Document, Line};
use crate::model::{Evidence, Facts, Warning};

/// The extraction context: the document's lines, the facts so far, and evidence helpers.
pub(crate) struct Cx<'a> {
    pub doc: &'a Document,
    /// The form family the filing was detected as (`facts.form` is its label, for people).
    pub family: Family,
    pub lines: &'a [Line],
    /// The lines joined, squashed and searched for words, made once for every pass.
    index: index::LineIndex,
    pub facts: Facts,
}

impl<'a> Cx<'a> {
    pub(crate) fn new(doc: &'a Document, form: &FormType) -> Cx<'a> {
        let filed = doc.header.as_ref().and_then(|h| h.filed.clone());
        Cx {
            doc,
            family: form.family,
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
    pub fn over<'b>(&self, lines: &'b [Line], facts: Facts) -> Cx<'b>
    where
        'a: 'b,
    {
        Cx {
            doc: self.doc,
            family: self.family,
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

    pub(crate) fn finish(mut self) -> Facts {
        self.facts.warnings.sort();
        self.facts
    }
}
