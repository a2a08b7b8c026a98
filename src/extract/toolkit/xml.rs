//! What every structured EDGAR XML reader shares: unwrapping a part from its submission, parsing
//! it safely, finding elements by local name whatever their namespace, and the value formats
//! (share counts, dates) the schemas use.
//!
//! roxmltree refuses a DOCTYPE by default, so no entity is ever expanded or fetched.

use crate::load::XmlPart;
use roxmltree::{Document, Node};

/// Why a structured filing could not be read.
#[derive(Debug, thiserror::Error)]
pub enum XmlError {
    #[error("no {0} XML document in this filing")]
    Missing(&'static str),
    #[error("line {line}: the XML cannot be read: {message}")]
    Malformed { line: usize, message: String },
    #[error("the XML names no issuer (issuerName is empty or missing)")]
    NoIssuer,
    #[error("the XML names no reporting owner (rptOwnerName is empty or missing)")]
    NoOwner,
}

/// Parses a part. EDGAR's `<XML>` wrapper (when the loader kept it) and the line break after it
/// come before the declaration, which XML forbids there, so they are cut first. Returns the
/// document and the source line its text starts on.
pub(crate) fn parse(part: &XmlPart) -> Result<(Document<'_>, usize), XmlError> {
    let mut text = part.text.trim_start();
    if text.len() >= 5 && text[..5].eq_ignore_ascii_case("<xml>") {
        text = text[5..].trim_start();
    }
    // a closing </xml> with nothing but blanks after it (checked on bytes: "</xml>" is ASCII, so
    // where it starts is a character boundary)
    let kept = text.trim_end().len();
    let text = match kept.checked_sub(6) {
        Some(end) if text.as_bytes()[end..kept].eq_ignore_ascii_case(b"</xml>") => &text[..end],
        _ => text,
    };
    let first_line = part.first_line
        + part.text[..part.text.len() - text.len()]
            .matches('\n')
            .count();
    let xml = Document::parse(text).map_err(|e| XmlError::Malformed {
        line: first_line + e.pos().row as usize - 1,
        message: e.to_string(),
    })?;
    Ok((xml, first_line))
}

/// Source lines of a parsed document's nodes, by binary search over its line breaks
/// (roxmltree's own `text_pos_at` scans from the start each time).
pub(crate) struct LineIndex {
    breaks: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    pub fn new(xml: &Document, first_line: usize) -> LineIndex {
        let breaks = xml
            .input_text()
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i)
            .collect();
        LineIndex { breaks, first_line }
    }

    /// The source line an element starts on.
    pub fn of(&self, n: Node) -> usize {
        self.first_line + self.breaks.partition_point(|&b| b < n.range().start)
    }
}

/// The first part whose opening names `root` and (lowercase) contains `marker`.
pub(crate) fn part_with<'d>(parts: &'d [XmlPart], root: &str, marker: &str) -> Option<&'d XmlPart> {
    parts.iter().find(|p| {
        let head = crate::text::first_chars(&p.text, 2000);
        crate::text::contains_ascii_ci(head, root) && crate::text::contains_ascii_ci(head, marker)
    })
}

pub(crate) fn find<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.descendants()
        .find(|d| d.is_element() && d.tag_name().name() == name)
}

pub(crate) fn descendants<'a, 'i: 'a>(
    n: Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    n.descendants()
        .filter(move |d| d.is_element() && d.tag_name().name() == name)
}

/// The first element with the first of `names` that occurs: the schemas' spellings of one fact,
/// in order of preference.
pub(crate) fn find_any<'a, 'i>(n: Node<'a, 'i>, names: &[&str]) -> Option<Node<'a, 'i>> {
    names.iter().find_map(|name| find(n, name))
}

/// Every element with any of `names`, in document order.
pub(crate) fn descendants_any<'a, 'i: 'a>(
    n: Node<'a, 'i>,
    names: &'a [&'a str],
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    n.descendants()
        .filter(move |d| d.is_element() && names.contains(&d.tag_name().name()))
}

/// The element's text, whitespace squashed.
pub(crate) fn text_of(n: Node) -> String {
    let s: String = n
        .descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect();
    crate::text::squash(&s)
}

/// "6294951", "10000000.00", "1,234" -> shares; a fraction of a share is dropped.
pub(crate) fn shares(s: &str) -> Option<u64> {
    let s = s.replace(',', "");
    let whole = s.trim().split('.').next()?;
    whole.parse().ok()
}

/// "05/04/2026" (EDGAR XML's MM/DD/YYYY) or "2026-05-04" -> "2026-05-04".
pub(crate) fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    if let [m, d, y] = s.split('/').collect::<Vec<_>>()[..] {
        let (m, d, y): (u32, u32, u32) = (m.parse().ok()?, d.parse().ok()?, y.parse().ok()?);
        return ((1..=12).contains(&m) && (1..=31).contains(&d))
            .then(|| format!("{y:04}-{m:02}-{d:02}"));
    }
    (s.len() == 10 && s.as_bytes()[4] == b'-').then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates() {
        assert_eq!(shares("10000000.00"), Some(10_000_000));
        assert_eq!(shares("1,234"), Some(1234));
        assert_eq!(shares("n/a"), None);
        assert_eq!(iso_date("05/04/2026").as_deref(), Some("2026-05-04"));
        assert_eq!(iso_date("2024-12-31").as_deref(), Some("2024-12-31"));
        assert_eq!(iso_date("13/40/2020"), None);
    }
}
