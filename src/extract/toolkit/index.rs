//! What every text pass reads from a document's lines, made once per document rather than by each
//! pass: the lines joined into one text (captions and sentences wrap across lines) and lowered,
//! each line with its whitespace squashed, and which lines hold the words the passes look for
//! before they run their patterns.

use crate::load::Line;
use aho_corasick::{AhoCorasick, Input, MatchKind};
use std::sync::LazyLock;

/// The document's lines joined with `\n`, with each line's starting offset.
pub(crate) struct Joined {
    pub text: String,
    /// `text` with its ASCII letters in lower case, byte for byte at the same offsets: searched
    /// for words in any ASCII case by a plain (vectorised) search.
    pub lower: String,
    starts: Vec<usize>,
}

impl Joined {
    fn new(lines: &[Line]) -> Joined {
        let len = lines.iter().map(|l| l.text.len() + 1).sum();
        let mut text = String::with_capacity(len);
        let mut starts = Vec::with_capacity(lines.len());
        for l in lines {
            starts.push(text.len());
            text.push_str(&l.text);
            text.push('\n');
        }
        let lower = text.to_ascii_lowercase();
        Joined {
            text,
            lower,
            starts,
        }
    }

    /// The offset line `i` starts at in the joined text (its length for the line after the last).
    pub fn offset_of(&self, i: usize) -> usize {
        self.starts.get(i).copied().unwrap_or(self.text.len())
    }

    /// Index of the line that holds byte `offset` of the joined text.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

/// Every line with its whitespace squashed, in one buffer.
struct Squashed {
    text: String,
    ends: Vec<usize>,
}

impl Squashed {
    fn new(lines: &[Line]) -> Squashed {
        let mut text = String::with_capacity(lines.iter().map(|l| l.text.len()).sum());
        let mut ends = Vec::with_capacity(lines.len());
        for l in lines {
            crate::text::squash_into(&l.text, &mut text);
            ends.push(text.len());
        }
        Squashed { text, ends }
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

/// Words the passes need on a line before they try their patterns on it; a set of them is a
/// bit mask (`Cx::may_hold`).
pub(crate) mod word {
    pub const CUSIP: u16 = 1 << 0;
    pub const ITEM: u16 = 1 << 1;
    /// One of `ROLE_WORDS`.
    pub const ROLE: u16 = 1 << 2;
}

/// The words every role a statement names contains (`word::ROLE`).
pub(crate) const ROLE_WORDS: [&str; 4] = ["member", "manager", "partner", "advis"];

/// The words, each with its bit, searched in any ASCII case.
const WORDS: [(&str, u16); 6] = [
    ("cusip", word::CUSIP),
    ("item", word::ITEM),
    (ROLE_WORDS[0], word::ROLE),
    (ROLE_WORDS[1], word::ROLE),
    (ROLE_WORDS[2], word::ROLE),
    (ROLE_WORDS[3], word::ROLE),
];

/// The words in lower case, searched in the lowered text: the same hits as a search in any ASCII
/// case of the text, found by the vectorised search a case-blind one cannot use.
static SEARCH: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(WORDS.map(|(w, _)| w))
        .unwrap_or_else(|e| panic!("bad built-in words: {e}"))
});

/// The words each line may hold: found for all lines in one search of the joined text. A line
/// with a non-ASCII character may hold any of them, since a case-insensitive pattern matches
/// other letters there ("ſ" matches "s", the Kelvin sign "k").
fn words_by_line(lines: &[Line], joined: &Joined) -> Vec<u16> {
    let mut masks: Vec<u16> = lines
        .iter()
        .map(|l| if l.text.is_ascii() { 0 } else { u16::MAX })
        .collect();
    for hit in word_starts(&SEARCH, &joined.lower) {
        masks[joined.line_of(hit.start())] |= WORDS[hit.pattern().as_usize()].1;
    }
    masks
}

/// Every position where one of `search`'s words starts in `hay`, leftmost first, with the word.
/// `search` must be leftmost-first over words none of which starts another: then one word at most
/// starts at a position, and the search goes on from the next byte rather than the word's end,
/// so a word is found even where another one ends inside it ("itemember").
pub(crate) fn word_starts<'h>(
    search: &'h AhoCorasick,
    hay: &'h str,
) -> impl Iterator<Item = aho_corasick::Match> + 'h {
    let mut from = 0;
    std::iter::from_fn(move || {
        let hit = search.find(Input::new(hay).range(from..))?;
        from = hit.start() + 1;
        Some(hit)
    })
}

/// The index of one document's lines.
pub(crate) struct LineIndex {
    pub joined: Joined,
    squashed: Squashed,
    words: Vec<u16>,
}

impl LineIndex {
    pub fn new(lines: &[Line]) -> LineIndex {
        let joined = Joined::new(lines);
        let words = words_by_line(lines, &joined);
        LineIndex {
            squashed: Squashed::new(lines),
            joined,
            words,
        }
    }

    pub fn squashed(&self, i: usize) -> &str {
        self.squashed.get(i)
    }

    /// Whether line `i` may hold one of the words in the mask `words`.
    pub fn may_hold(&self, i: usize, words: u16) -> bool {
        self.words[i] & words != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{squash, Words};

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line {
                no: i + 1,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn no_word_starts_another() {
        for (a, _) in WORDS {
            for (b, _) in WORDS {
                assert!(a == b || !b.starts_with(a), "{a} starts {b}");
            }
        }
    }

    #[test]
    fn each_line_holds_the_words_a_search_of_that_line_finds() {
        let ls = lines(&[
            "CUSIP No. 12345",
            "",
            "  Item 4.   Ownership ",
            "itemember of the group",
            "the Managing Member\tand Investment ADVISER",
            "general partnership",
            "no word here",
            "ſusip is not ASCII",
            "cusi",
            "p across a line",
        ]);
        let index = LineIndex::new(&ls);
        for bit in [word::CUSIP, word::ITEM, word::ROLE] {
            let words: Vec<&str> = WORDS.iter().filter(|w| w.1 == bit).map(|w| w.0).collect();
            let search = Words::new(&words);
            for (i, l) in ls.iter().enumerate() {
                assert_eq!(
                    index.may_hold(i, bit),
                    search.may_occur_in(&l.text),
                    "{words:?} in {:?}",
                    l.text
                );
            }
        }
        assert!(index.may_hold(3, word::ITEM) && index.may_hold(3, word::ROLE));
        assert!(!index.may_hold(6, word::CUSIP | word::ITEM | word::ROLE));
        for (i, l) in ls.iter().enumerate() {
            assert_eq!(index.squashed(i), squash(&l.text));
        }
        assert_eq!(index.joined.line_of(0), 0);
        assert_eq!(index.joined.line_of(16), 1);
        assert_eq!(index.joined.line_of(17), 2);
    }
}
