//! Finding lines: item headings and regions, the next line with text, the head and tail of a
//! text, and a line quoted as evidence.

use crate::load::Line;
use crate::text::squash;

/// Longest quoted text kept as evidence; longer lines are cut at a character boundary.
const EVIDENCE_CHARS: usize = 300;

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

pub(crate) fn quote(text: &str) -> String {
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
