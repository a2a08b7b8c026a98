//! Sentences of prose, joined across wrapped lines and HTML cells: the paragraphs that hold a cue
//! word, split where a sentence ends, each keeping the line every part came from (for evidence).

use super::super::Cx;
use aho_corasick::AhoCorasick;
use std::ops::Range;

/// A paragraph is the run of non-blank lines around a cue, but no longer than this many lines
/// either way (a table or a page of one-line cells is not one sentence).
const PARAGRAPH_LINES: usize = 24;
/// Nor longer than this many bytes: a relation's ends stand within a sentence of it.
const PARAGRAPH_BYTES: usize = 6000;

/// One sentence: its squashed text, that text lowered (ASCII only, byte for byte), and the line
/// index each part of it starts on.
#[derive(Debug)]
pub(crate) struct Sentence {
    pub text: String,
    pub lower: String,
    /// (offset in `text`, index of the line it came from), by offset.
    starts: Vec<(usize, usize)>,
}

impl Sentence {
    /// The index of the line the byte at `offset` came from.
    pub fn line_at(&self, offset: usize) -> usize {
        let at = self.starts.partition_point(|(o, _)| *o <= offset);
        self.starts[at.saturating_sub(1)].1
    }

    #[cfg(test)]
    pub fn of(text: &str) -> Sentence {
        Sentence {
            text: text.to_string(),
            lower: text.to_ascii_lowercase(),
            starts: vec![(0, 0)],
        }
    }
}

/// The sentences of `lines` (indices into `cx.lines`) that hold a word of `cues`, each once.
pub(crate) fn sentences_with(cx: &Cx, lines: Range<usize>, cues: &AhoCorasick) -> Vec<Sentence> {
    let joined = cx.joined();
    let mut cue_lines: Vec<usize> = Vec::new();
    let from = joined.offset_of(lines.start);
    let to = joined.offset_of(lines.end);
    for hit in cues.find_iter(&joined.lower[from..to]) {
        let line = joined.line_of(from + hit.start());
        if cue_lines.last() != Some(&line) {
            cue_lines.push(line);
        }
    }
    let mut out = Vec::new();
    let mut done = lines.start;
    for line in cue_lines {
        if line < done {
            continue;
        }
        let para = paragraph(cx, line, done, lines.end);
        done = para.end;
        let whole = joined_paragraph(cx, para);
        split_sentences(whole, cues, &mut out);
    }
    out
}

/// The lines of the paragraph around `line`: non-blank neighbours, not before `floor`, not at or
/// after `ceiling`.
fn paragraph(cx: &Cx, line: usize, floor: usize, ceiling: usize) -> Range<usize> {
    let blank = |i: usize| cx.squashed(i).is_empty();
    let mut start = line;
    while start > floor && line - start < PARAGRAPH_LINES && !blank(start - 1) {
        start -= 1;
    }
    let mut end = line + 1;
    while end < ceiling && end - line < PARAGRAPH_LINES && !blank(end) {
        end += 1;
    }
    start..end
}

/// A paragraph's lines as one sentence-to-be, squashed, with each line's start.
fn joined_paragraph(cx: &Cx, lines: Range<usize>) -> Sentence {
    let mut text = String::new();
    let mut starts = Vec::new();
    for i in lines {
        let t = cx.squashed(i);
        if t.is_empty() || text.len() + t.len() > PARAGRAPH_BYTES {
            continue;
        }
        if !text.is_empty() {
            // a word hyphenated across the break ("wholly-" / "owned") joins without a space
            if !text.ends_with('-') {
                text.push(' ');
            }
        }
        starts.push((text.len(), i));
        text.push_str(t);
    }
    let lower = text.to_ascii_lowercase();
    Sentence {
        text,
        lower,
        starts,
    }
}

/// Splits a paragraph where a sentence ends ("." and a space before a capital, not after an
/// abbreviation, an initial or a legal form), keeping the sentences that hold a cue.
fn split_sentences(p: Sentence, cues: &AhoCorasick, out: &mut Vec<Sentence>) {
    let mut from = 0;
    let bytes = p.text.as_bytes();
    let cut = |from: usize, to: usize, out: &mut Vec<Sentence>| {
        let lower = &p.lower[from..to];
        if to > from && cues.is_match(lower) {
            out.push(slice(&p, from, to));
        }
    };
    for (i, _) in p.text.match_indices(". ") {
        let next = bytes.get(i + 2).copied().unwrap_or(b' ');
        if !(next.is_ascii_uppercase() || next == b'(' || next == b'"')
            || abbreviation(&p.text[..i])
        {
            continue;
        }
        cut(from, i + 1, out);
        from = i + 2;
    }
    cut(from, p.text.len(), out);
}

/// Whether the word before a period is an abbreviation, an initial or a legal form, after which a
/// capital does not start a sentence ("Mr. Roe", "John Q. Public", "Acme, Inc. The Fund").
fn abbreviation(before: &str) -> bool {
    let word = before
        .rsplit([' ', '('])
        .next()
        .unwrap_or("")
        .trim_start_matches(['"', '\u{201c}']);
    let bare = word.trim_end_matches('.').to_ascii_lowercase();
    bare.chars().count() <= 1
        || word.contains('.')
        || matches!(
            bare.as_str(),
            "mr" | "ms"
                | "mrs"
                | "dr"
                | "jr"
                | "sr"
                | "inc"
                | "co"
                | "corp"
                | "ltd"
                | "no"
                | "nos"
                | "st"
                | "ave"
                | "esq"
                | "messrs"
                | "prof"
                | "lp"
                | "llc"
                | "plc"
                | "sa"
                | "nv"
                | "bv"
                | "ag"
                | "vs"
                | "etc"
        )
}

fn slice(p: &Sentence, from: usize, to: usize) -> Sentence {
    let first = p
        .starts
        .partition_point(|(o, _)| *o <= from)
        .saturating_sub(1);
    let mut starts: Vec<(usize, usize)> = p.starts[first..]
        .iter()
        .take_while(|(o, _)| *o < to)
        .map(|(o, l)| (o.saturating_sub(from), *l))
        .collect();
    if starts.is_empty() {
        starts.push((0, p.starts.last().map_or(0, |s| s.1)));
    }
    Sentence {
        text: p.text[from..to].to_string(),
        lower: p.lower[from..to].to_string(),
        starts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        let cues = AhoCorasick::new(["member"]).expect("cues");
        let mut out = Vec::new();
        split_sentences(Sentence::of(text), &cues, &mut out);
        out.into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn sentences_end_at_a_period_before_a_capital_but_not_after_an_abbreviation() {
        assert_eq!(
            split(
                "Mr. Roe is the sole member of Acme Co. Beta is a member of Gamma. Nothing here."
            ),
            ["Mr. Roe is the sole member of Acme Co. Beta is a member of Gamma."]
        );
        assert_eq!(
            split("Roe is the sole member of Acme. Beta is a member of Gamma. Nothing here."),
            [
                "Roe is the sole member of Acme.",
                "Beta is a member of Gamma."
            ]
        );
        assert_eq!(
            split("John Q. Public is a member of Acme, Inc. The Fund owns none."),
            ["John Q. Public is a member of Acme, Inc. The Fund owns none."]
        );
    }
}
