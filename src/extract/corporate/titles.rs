//! Whether a title printed beside a person's name is an office at the registrant. Board tables
//! and biographies print the person's occupation, which is mostly an office elsewhere: "Founder
//! and CEO, Calico", "Chairman and Chief Executive Officer / Yumanity Therapeutics, LLC",
//! "Secretary of the N.C. Department of Administration". Such a title gives no edge; "CEO, Apple"
//! (the registrant) or a title alone does.

use super::Registrant;
use crate::extract::toolkit::roles;
use crate::text::{re, squash};
use regex::Regex;
use std::sync::LazyLock;

/// How sure the layout is that a title is held at the registrant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Where {
    /// A Position column, a title under the name in a compensation table: at the registrant
    /// unless another body with a legal form is named.
    Position,
    /// A column headed "Position with the Registrant": at the registrant, whatever else it names
    /// ("Vice President--Ford and President, Ford Credit").
    Registrant,
    /// An occupation: elsewhere unless only titles are printed, or the registrant is named.
    Occupation,
}

fn titled(s: &str) -> bool {
    let r = roles::classify(s);
    r.board.is_some() || r.officer.is_some()
}

/// A paragraph that ends mid-title, so the next one continues it ("Senior Vice President," /
/// "Retail + People").
fn open_ended(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with([',', '&', '-', '\u{2014}', '\u{2013}'])
        || ["and", "of", "the", "Chief", "Vice", "Senior", "Executive"]
            .iter()
            .any(|w| t.ends_with(&format!(" {w}")) || t == *w)
}

/// The title at the registrant in `parts` (a cell's paragraphs), without the registrant's name;
/// `None` when it names another body, says the office is a former one, or holds no title.
pub(super) fn at_registrant(
    parts: &[String],
    registrant: &Registrant,
    how: Where,
) -> Option<String> {
    static RETIRED: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)^\s*(?:former|retired|ex-|previously|then[-\s])|\((?:retired|former)\)")
    });
    if parts.iter().any(|p| RETIRED.is_match(p)) {
        return None;
    }
    let title = match how {
        Where::Occupation => occupation(parts, registrant)?,
        Where::Position | Where::Registrant => position(parts, registrant, how)?,
    };
    let title = squash(&title).trim_end_matches(',').to_string();
    if title.is_empty() || !titled(&title) {
        return None;
    }
    if how == Where::Occupation && held_elsewhere(&title) {
        return None;
    }
    Some(title)
}

/// A position: the paragraphs are one title wrapped; a comma-separated part naming a body with a
/// legal form other than the registrant puts it elsewhere (unless the column says where).
fn position(parts: &[String], registrant: &Registrant, how: Where) -> Option<String> {
    let joined = join_wrapped(parts);
    let mut kept: Vec<&str> = Vec::new();
    for (j, seg) in joined.split([',', ';']).map(str::trim).enumerate() {
        if seg.is_empty() || is_bare_form(seg) || registrant.is_named(seg) {
            continue;
        }
        if how == Where::Registrant {
            kept.push(seg);
            continue;
        }
        // a part that only names a body puts the whole title there ("President, Quillon
        // Credit Company"); an office "of" another body is left out ("Head of the Acme
        // Foundation")
        let names_body = j > 0
            && !titled(seg)
            && !OFFICE_OF.is_match(seg)
            && ((crate::names::legal_form(seg).is_some() && seg.split_whitespace().count() > 1)
                || is_institution(seg));
        if names_body {
            return here_first(&joined, registrant);
        }
        if of_another_body(seg, &joined, registrant) {
            if j == 0 {
                return here_first(&joined, registrant);
            }
            continue;
        }
        kept.push(seg);
    }
    Some(kept.join(", "))
}

/// "Head of ...", "Member of ...": an office of the body named after it.
static OFFICE_OF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:head|member|trustee|partner|dean|founder|governor|fellow|chair\w*|president|director)\s+of\b",
    )
});

/// A university, a school, a hospital, a foundation: a body with no legal form in its name.
fn is_institution(seg: &str) -> bool {
    const WORDS: &[&str] = &[
        "UNIVERSITY",
        "COLLEGE",
        "INSTITUTE",
        "SCHOOL",
        "HOSPITAL",
        "FOUNDATION",
        "ASSOCIATION",
        "SOCIETY",
        "MUSEUM",
        "ACADEMY",
    ];
    seg.split(|c: char| !c.is_alphanumeric())
        .any(|w| WORDS.contains(&w.to_ascii_uppercase().as_str()))
}

/// "Director of CCC", "President of Steel of West Virginia": an office of a body named after
/// "of" (an acronym, a legal form, an organisation's word), not a function ("Vice President of
/// Sales") and not the registrant or its board.
fn of_another_body(seg: &str, joined: &str, registrant: &Registrant) -> bool {
    static OF_BODY: LazyLock<Regex> = LazyLock::new(|| {
        re(r"\bof\s+(?P<body>(?:the\s+)?[A-Z][\w&.\-]*(?:\s+(?:&\s+)?[A-Z][\w&.\-]*)*)")
    });
    OF_BODY.captures_iter(seg).any(|c| {
        // the body's legal form may follow after a comma ("Harrow Mills, Inc.")
        let at = c.get(0).map_or(0, |m| m.end());
        let after = joined
            .find(seg)
            .map(|k| &joined[(k + at).min(joined.len())..])
            .unwrap_or("");
        let form = after
            .strip_prefix(", ")
            .and_then(|a| a.split([',', ' ']).next())
            .is_some_and(|f| !f.is_empty() && is_bare_form(f));
        let body = c["body"].trim();
        let bare = body.strip_prefix("the ").unwrap_or(body);
        if registrant.is_named(body) || bare.starts_with("Board") || bare.starts_with("Directors") {
            return false;
        }
        let acronym = bare.len() >= 2
            && bare.chars().all(|ch| ch.is_ascii_uppercase() || ch == '&')
            && !matches!(bare, "CEO" | "CFO" | "COO" | "CTO");
        acronym
            || form
            || crate::names::legal_form(bare).is_some()
            || super::name_cells::is_org_name(bare)
    })
}

/// "Group Vice President--Ford and Chairman ..., Ford Motor Credit Company": the office before
/// " and " that names the registrant after a dash is held there.
fn here_first(title: &str, registrant: &Registrant) -> Option<String> {
    static DASH_ORG: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?:--|\u{2014}|\u{2013})\s*(?P<org>[A-Z][\w&.]*(?:\s+[A-Z][\w&.]*)*)")
    });
    let c = DASH_ORG.captures(title)?;
    let org = c.name("org")?;
    if !registrant.is_named(org.as_str()) {
        return None;
    }
    let end = title[org.end()..]
        .find(" and ")
        .map_or(title.len(), |k| org.end() + k);
    Some(title[..end].to_string())
}

/// An occupation: a paragraph of its own that is not a title ("Yumanity Therapeutics, LLC",
/// "Duke University") or a comma-separated part after the title ("Founder and CEO, Calico")
/// names where it is held, which must be the registrant.
fn occupation(parts: &[String], registrant: &Registrant) -> Option<String> {
    let mut kept: Vec<String> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let continues = i > 0 && (open_ended(&parts[i - 1]) || starts_lower(part));
        let mut segs: Vec<&str> = Vec::new();
        for (j, seg) in part.split([',', ';']).map(str::trim).enumerate() {
            if seg.is_empty() || is_bare_form(seg) || registrant.is_named(seg) {
                continue;
            }
            if !titled(seg) && (j > 0 || (i > 0 && !continues)) {
                return None;
            }
            segs.push(seg);
        }
        if !segs.is_empty() {
            let comma = if part.trim_end().ends_with(',') {
                ","
            } else {
                ""
            };
            kept.push(format!("{}{comma}", segs.join(", ")));
        }
    }
    Some(kept.join(" "))
}

/// Paragraphs of one title joined: with a space, or none after a dash ("Vice President--" /
/// "Marketing").
pub(super) fn join_wrapped(parts: &[String]) -> String {
    let mut out = String::new();
    for p in parts {
        let p = p.trim();
        if !out.is_empty() && !out.ends_with(['-', '\u{2014}', '\u{2013}']) {
            out.push(' ');
        }
        out.push_str(p);
    }
    squash(&out)
}

fn starts_lower(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// "Inc.", "LLC", "Ltd.": a legal form split from its name by a comma.
fn is_bare_form(seg: &str) -> bool {
    seg.split_whitespace().count() == 1 && crate::names::legal_form(&format!("X {seg}")).is_some()
}

/// A title "of" or "at" a body ("Secretary of the N.C. Department of Administration"), other
/// than "of the Board".
fn held_elsewhere(title: &str) -> bool {
    static OF_BOARD: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)\s+of\s+the\s+(?:board(?:\s+of\s+directors)?|company|registrant)\b")
    });
    let plain = OF_BOARD.replace_all(title, "").to_ascii_lowercase();
    plain.contains(" of ") || plain.contains(" at ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg() -> Registrant {
        Registrant::new("Quillon Systems, Inc.", &[])
    }

    fn v(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn occupations_elsewhere_give_no_title() {
        let r = reg();
        let occ = Where::Occupation;
        assert_eq!(
            at_registrant(&v(&["Founder and CEO, Lumen Bio"]), &r, occ),
            None
        );
        assert_eq!(
            at_registrant(
                &v(&["Chairman and Chief Executive Officer", "Harbor Lights, LLC"]),
                &r,
                occ
            ),
            None
        );
        assert_eq!(
            at_registrant(
                &v(&["Secretary of the State Department of Revenue"]),
                &r,
                occ
            ),
            None
        );
        assert_eq!(
            at_registrant(&v(&["Former President, Quillon Systems"]), &r, occ),
            None
        );
        assert_eq!(
            at_registrant(
                &v(&["Chief Executive Officer, Quillon Systems, Inc."]),
                &r,
                occ
            )
            .as_deref(),
            Some("Chief Executive Officer")
        );
        assert_eq!(
            at_registrant(&v(&["CEO, Quillon"]), &r, occ).as_deref(),
            Some("CEO")
        );
        assert_eq!(
            at_registrant(
                &v(&["Executive Chairman and Chief", "Creative Officer"]),
                &r,
                occ
            )
            .as_deref(),
            Some("Executive Chairman and Chief Creative Officer")
        );
    }

    #[test]
    fn positions_are_at_the_registrant_unless_another_company_is_named() {
        let r = reg();
        let pos = Where::Position;
        assert_eq!(
            at_registrant(&v(&["Senior Vice President, Product Group"]), &r, pos).as_deref(),
            Some("Senior Vice President, Product Group")
        );
        assert_eq!(
            at_registrant(&v(&["Senior Vice President,", "Retail + People"]), &r, pos).as_deref(),
            Some("Senior Vice President, Retail + People")
        );
        assert_eq!(
            at_registrant(&v(&["President, Quillon Credit Company"]), &r, pos),
            None
        );
        assert_eq!(at_registrant(&v(&["Director of QCC"]), &r, pos), None);
        assert_eq!(
            at_registrant(&v(&["President of Harrow Mills, Inc."]), &r, pos),
            None
        );
        assert_eq!(
            at_registrant(
                &v(&["Chief Design Officer, Head of the Quillon Foundation"]),
                &r,
                pos
            )
            .as_deref(),
            Some("Chief Design Officer")
        );
        assert_eq!(
            at_registrant(&v(&["Vice President of Sales"]), &r, pos).as_deref(),
            Some("Vice President of Sales")
        );
        assert_eq!(
            at_registrant(&v(&["Chairman of the Board"]), &r, pos).as_deref(),
            Some("Chairman of the Board")
        );
        assert_eq!(
            at_registrant(
                &v(&[
                    "Vice President--Quillon and",
                    "President, Quillon Credit Company"
                ]),
                &r,
                pos
            )
            .as_deref(),
            Some("Vice President--Quillon")
        );
    }
}
