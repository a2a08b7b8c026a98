//! Consistency checks a reader should see: a CUSIP on a cover page or in Item 2(e) that is not the
//! front page's, an Item 1(a)/2(d) naming another issuer, a CUSIP failing its check digit.

use super::covers::Cover;
use super::front::{strip_defined_term, Front};
use crate::extract::toolkit::word;
use crate::extract::toolkit::Cx;
use crate::names::norm_key;
use crate::text::{cusip_is_valid, find_cusip, re};
use regex::Regex;
use std::sync::LazyLock;

static CUSIP_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)CUSIP\s*(?:No\.?|Number|#)?\s*(?:is\s*)?:?\s*([0-9A-Z][0-9A-Z \-]{7,12})")
});
static ITEM_2D: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)Item\s*2\s*\(\s*d\s*\)"));
static ITEM_2E: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)Item\s*2\s*\(\s*e\s*\)"));
static CLASS_OF: LazyLock<Regex> =
    LazyLock::new(|| re(r#"(?i)\bper\s+share\s*,?\s+of\s+([A-Z0-9][^(“"]{0,60}?)\s*[,(“"]"#));

pub(super) fn check_conflicts(cx: &mut Cx, front: &Front, covers: &[Cover]) {
    let Some((cusip, cusip_idx)) = front.cusip.clone() else {
        return;
    };
    if !cusip_is_valid(&cusip) {
        cx.warn(
            Some(cusip_idx),
            format!("CUSIP {cusip} fails its check digit"),
        );
    }
    stray_cusips(cx, &cusip, cusip_idx, covers);
    other_issuer_in_item_2d(cx, front);
}

/// Every "CUSIP No. X" line whose issuer number (first six characters) is not the front page's.
fn stray_cusips(cx: &mut Cx, cusip: &str, cusip_idx: usize, _covers: &[Cover]) {
    let mut seen: Vec<String> = Vec::new();
    for i in 0..cx.lines.len() {
        if i == cusip_idx {
            continue;
        }
        // most lines name no CUSIP: the pattern runs only where the word is
        if !cx.may_hold(i, word::CUSIP) {
            continue;
        }
        let text = cx.text(i).to_string();
        let Some(other) = CUSIP_LINE.captures(&text).and_then(|c| find_cusip(&c[1])) else {
            continue;
        };
        if other[..6] == cusip[..6] || seen.contains(&other) {
            continue;
        }
        seen.push(other.clone());
        let place = if ITEM_2E.is_match(&text) || in_item(cx, i, &ITEM_2E) {
            "Item 2(e)"
        } else {
            "a cover page"
        };
        cx.warn(
            Some(i),
            format!(
                "{place} gives CUSIP {other}, but the front page gives {cusip}; {cusip} is kept"
            ),
        );
    }
}

/// True when line `i` lies under the item heading `item` (before the next item heading).
fn in_item(cx: &Cx, i: usize, item: &Regex) -> bool {
    (i.saturating_sub(6)..i)
        .rev()
        .take_while(|&j| {
            crate::extract::toolkit::item_number(cx.text(j)).is_none() || item.is_match(cx.text(j))
        })
        .any(|j| item.is_match(cx.text(j)))
}

/// Item 2(d) "Title of Class of Securities: Common stock ... per share, of Allied" names the
/// issuer whose class it is; a name that is not the cover's issuer is a conflict.
fn other_issuer_in_item_2d(cx: &mut Cx, front: &Front) {
    let Some((issuer, _)) = front.issuer.clone() else {
        return;
    };
    let issuer = strip_defined_term(&issuer);
    let Some(start) =
        (0..cx.lines.len()).find(|&i| cx.may_hold(i, word::ITEM) && ITEM_2D.is_match(cx.text(i)))
    else {
        return;
    };
    let end = crate::extract::toolkit::find_line(cx.lines, start + 1, |t| {
        crate::extract::toolkit::item_number(t).is_some()
    })
    .unwrap_or(cx.lines.len());
    for i in start..end.min(start + 8) {
        let text = cx.squashed(i).to_string();
        let Some(c) = CLASS_OF.captures(&text) else {
            continue;
        };
        let named = c[1].trim().trim_end_matches(',').to_string();
        // "of the Issuer", "of the Company": a defined term for the issuer, not another name.
        let defined_term = named.to_ascii_lowercase().starts_with("the ");
        if !defined_term && !same_issuer(&named, &issuer) {
            cx.warn(Some(i), format!("Item 2(d) gives the class as that of \"{named}\", but the front page's issuer is {issuer}; {issuer} is kept"));
        }
        return;
    }
}

/// One name is the other, or the first words of it ("8x8" and "8x8, Inc.").
fn same_issuer(a: &str, b: &str) -> bool {
    let (ka, kb) = (norm_key(a), norm_key(b));
    !ka.is_empty()
        && (ka == kb || kb.starts_with(&format!("{ka} ")) || ka.starts_with(&format!("{kb} ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_of_names_the_issuer() {
        let c = CLASS_OF
            .captures(
                "Common stock, par value $.10 per share, of Allied (\u{201c}Common Stock\u{201d}).",
            )
            .unwrap();
        assert_eq!(c[1].trim(), "Allied");
        assert!(same_issuer("8x8", "8x8, Inc."));
        assert!(!same_issuer("Allied", "8x8, Inc."));
    }
}
