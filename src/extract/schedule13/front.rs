//! The front page of a Schedule 13D/13G: issuer name, class of securities, CUSIP and the date of
//! the event, each printed above (or before) its parenthesised caption.

use crate::extract::toolkit::captions::{clean_value, value_before};
use crate::extract::toolkit::parties::Parties;
use crate::extract::toolkit::Cx;
use crate::model::NodeKind;
use crate::model::{Evidence, Subject};
use crate::text::{find_cusip, parse_date, re};
use regex::Regex;
use std::sync::LazyLock;

/// What the front page says, with the index of the line each value was read from.
#[derive(Debug, Default)]
pub(super) struct Front {
    pub issuer: Option<(String, usize)>,
    pub class: Option<(String, usize)>,
    pub cusip: Option<(String, usize)>,
    pub event_date: Option<(String, usize)>,
    /// Index of the first line after the front page.
    pub end: usize,
}

static ISSUER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\(\s*Name\s+of\s+(?:the\s+)?Issuer\s*\)"));
static CLASS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\(\s*Title\s+of\s+(?:the\s+)?Class\s+of\s+Securities\s*\)"));
static CUSIP: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\(\s*CUSIP\s+Number\s*\)"));
static EVENT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\(\s*Date\s+of\s+Event"));
static ITEM_1A: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)Item\s*1\s*\(?a\)?\.?\s*Name\s+of\s+(?:the\s+)?Issuer\s*:?\s*(.*)$"));

/// The captions a front page may print side by side on one line.
fn front_captions() -> [&'static Regex; 4] {
    [&*ISSUER, &*CLASS, &*CUSIP, &*EVENT]
}

/// How far into the filing the front page is looked for.
const FRONT_WINDOW: usize = 150;

pub(super) fn read_front_page(cx: &Cx) -> Front {
    let n = cx.lines.len().min(FRONT_WINDOW);
    let mut f = Front::default();
    for i in 0..n {
        let t = cx.text(i);
        if f.issuer.is_none() && ISSUER.is_match(t) {
            f.issuer = value_before(cx, i, &ISSUER, &front_captions());
            f.end = f.end.max(i + 1);
        }
        if f.class.is_none() && CLASS.is_match(t) {
            f.class = value_before(cx, i, &CLASS, &front_captions());
            f.end = f.end.max(i + 1);
        }
        if f.cusip.is_none() && CUSIP.is_match(t) {
            f.cusip = value_before(cx, i, &CUSIP, &front_captions()).and_then(|(v, at)| {
                find_cusip(&v)
                    .or_else(|| completed_cusip(&v))
                    .map(|c| (c, at))
            });
            f.end = f.end.max(i + 1);
        }
        if f.event_date.is_none() && EVENT.is_match(t) {
            f.event_date = value_before(cx, i, &EVENT, &front_captions())
                .and_then(|(v, at)| parse_date(&v).map(|d| (d, at)));
            f.end = f.end.max(i + 1);
        }
    }
    if f.issuer.is_none() {
        f.issuer = item_1a(cx);
    }
    f
}

/// An eight-character CUSIP printed without its check digit ("01475210"), completed with it.
fn completed_cusip(v: &str) -> Option<String> {
    let id: String = v
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase();
    let digits = id.chars().filter(|c| c.is_ascii_digit()).count();
    if id.len() != 8 || digits < 5 || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    crate::text::cusip_check_digit(&id).map(|d| format!("{id}{d}"))
}

fn item_1a(cx: &Cx) -> Option<(String, usize)> {
    let i = (0..cx.lines.len()).find(|&i| ITEM_1A.is_match(cx.text(i)))?;
    let on_line = ITEM_1A.captures(cx.text(i)).map(|c| clean_value(&c[1]))?;
    if !on_line.is_empty() {
        return Some((on_line, i));
    }
    let j = crate::extract::toolkit::next_text(cx.lines, i)?;
    Some((clean_value(cx.text(j)), j))
}

/// Strips a trailing defined term from an issuer name: `8x8, Inc. ("8x8")` -> `8x8, Inc.`.
pub(super) fn strip_defined_term(name: &str) -> String {
    static TERM: LazyLock<Regex> =
        LazyLock::new(|| re(r#"\s*\((?:the\s+)?["“”'][^)]*["“”']\)\s*$"#));
    TERM.replace(name, "")
        .trim()
        .trim_end_matches(',')
        .to_string()
}

impl Front {
    /// The subject of the filing: front-page values, else the header's SUBJECT COMPANY.
    pub fn subject(&self, cx: &Cx) -> Option<Subject> {
        let mut evidence: Vec<Evidence> = Vec::new();
        let issuer = match &self.issuer {
            Some((name, i)) => {
                evidence.push(cx.ev(*i));
                strip_defined_term(name)
            }
            None => {
                let p = cx
                    .doc
                    .header
                    .as_ref()?
                    .parties
                    .iter()
                    .find(|p| p.role == crate::load::PartyRole::SubjectCompany)?;
                evidence.push(cx.ev_header(p.line, &p.name));
                p.name.clone()
            }
        };
        for (_, i) in [&self.class, &self.cusip, &self.event_date]
            .into_iter()
            .flatten()
        {
            evidence.push(cx.ev(*i));
        }
        evidence.dedup();
        Some(Subject {
            issuer,
            cusip: self.cusip.as_ref().map(|(c, _)| c.clone()),
            class: self.class.as_ref().map(|(c, _)| c.clone()),
            event_date: self.event_date.as_ref().map(|(d, _)| d.clone()),
            evidence,
        })
    }
}

impl Front {
    /// Adds the issuer the front page names (without its defined term), with its CUSIP.
    pub(super) fn add_issuer(&self, cx: &Cx, parties: &mut Parties) {
        if let Some((name, i)) = &self.issuer {
            let issuer = strip_defined_term(name);
            let p = parties.upsert(&issuer, NodeKind::Issuer, cx.ev(*i));
            if let Some((cusip, _)) = &self.cusip {
                parties.get_mut(p).ids.cusips.push(cusip.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_character_cusips_get_their_check_digit() {
        assert_eq!(completed_cusip("01475210").as_deref(), Some("014752109"));
        assert_eq!(completed_cusip("Common"), None);
    }

    #[test]
    fn defined_terms_come_off_issuer_names() {
        assert_eq!(strip_defined_term("8x8, Inc. (\"8x8\")"), "8x8, Inc.");
        assert_eq!(
            strip_defined_term("Acme Corp. (the \u{201c}Company\u{201d})"),
            "Acme Corp."
        );
        assert_eq!(
            strip_defined_term("Global Indemnity plc."),
            "Global Indemnity plc."
        );
    }
}
