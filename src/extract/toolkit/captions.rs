//! Values printed above (or before) their parenthesised captions, as cover and front pages print
//! them: "8x8, Inc." over "(Name of Issuer)".

use super::Cx;
use crate::text::{re, squash};
use regex::Regex;
use std::sync::LazyLock;

/// A caption's value: the text before it on its own line, else the nearest non-blank line above.
/// `row` are the captions that may stand beside it on one line.
pub(crate) fn value_before(
    cx: &Cx,
    i: usize,
    caption: &Regex,
    row: &[&Regex],
) -> Option<(String, usize)> {
    let t = cx.text(i);
    let start = caption.find(t).map(|m| m.start()).unwrap_or(0);
    // Two captions side by side ("(Title of Class of Securities)   (CUSIP Number)") sit under
    // two values side by side; this caption's value is the cell in the same position.
    let captions: Vec<usize> = row
        .iter()
        .filter_map(|r| r.find(t).map(|m| m.start()))
        .collect();
    let rank = captions.iter().filter(|&&s| s < start).count();
    let before = clean_value(&t[..start]);
    if !before.is_empty() && rank == 0 {
        return Some((before, i));
    }
    let j = (i.saturating_sub(4)..i)
        .rev()
        .find(|&j| !clean_value(cx.text(j)).is_empty())?;
    if captions.len() > 1 {
        let cells: Vec<String> = COLUMN_GAP
            .split(cx.text(j).trim())
            .map(clean_value)
            .filter(|c| !c.is_empty())
            .collect();
        if cells.len() == captions.len() {
            return Some((cells[rank].clone(), j));
        }
    }
    Some((clean_value(cx.text(j)), j))
}

/// Columns in fixed-width text are separated by a tab or a run of three or more spaces.
static COLUMN_GAP: LazyLock<Regex> = LazyLock::new(|| re(r"\t+|\s{3,}"));

/// A value without its rule of underscores or dashes.
pub(crate) fn clean_value(s: &str) -> String {
    let s = squash(s);
    s.trim_matches(|c: char| c == '_' || c == '-' || c.is_whitespace())
        .to_string()
}
