//! "Executive Officers" sections of proxies and annual reports (Item 4A / Item 10 "Executive
//! Officers of the Registrant") printed as text rather than as a table: everyone the section lists
//! is an executive officer of the registrant. An entry is
//! - prose: "J. Steven Bergerson, age 51, has been Senior Vice President-Law and Compliance",
//!   "Thomas J. Crawford, 48, has served as Secretary of the Registrant since 1985";
//! - "FRED D. ANDERSON, Executive Vice President and Chief Financial Officer (age 56), joined";
//! - a name line and a title line below it ("Kate Adams" / "Senior Vice President, General
//!   Counsel and Secretary"), or "Name - Title";
//! - a flattened table row "Marni Gaer 43 Director, Secretary".
//!
//! The title is the first office the entry states; one held elsewhere ("President of Steel of
//! West Virginia, Inc., a wholly-owned subsidiary") gives the title "Executive Officer".

use super::roster::Roster;
use super::titles::{at_registrant, Where};
use super::Registrant;
use crate::extract::toolkit::{roles, Cx};
use crate::names::looks_like_person;
use crate::text::re;
use regex::Regex;
use std::sync::LazyLock;

static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:item\s+(?:4a|10)\.?\s*[-:.]?\s*)?(?:information\s+(?:about|concerning|regarding)\s+)?(?:our\s+|the\s+)?(?:directors\s+and\s+)?executive\s+officers(?:\s+of\s+(?:the\s+)?[A-Z][\w.&,' ]{1,40})?(?:\s+who\s+are\s+not\s+(?:also\s+)?directors)?(?:\s*\(continued\))?\s*:?\s*$",
    )
});
/// The next item ends a section; a "PART I" page header inside it does not.
static SECTION_END: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:item\s+\d+[a-z]?\b|part\s+(?:ii|iii|iv)\b)"));
/// "Name, age 51," / "Name, 48," / "Name (52)" at the start of an entry.
static NAME_AGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?P<name>[A-Z][A-Za-z.'’\- ]{2,40}?(?:,\s+(?:Jr|Sr)\.?|\s+I{2,3})?)(?:,\s+(?:age\s+)?|\s+\(age\s+|\s+\()(?P<age>\d{2})(?:\s+years\s+old)?\)?,?\s+(?P<rest>.*)$",
    )
});
/// "NAME IN CAPITALS, Title (age 56)".
static CAPS_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?P<name>[A-Z][A-Z.'’\- ]+(?:,\s+[A-Z][A-Z.]+)*),\s+(?P<title>[A-Z][^()]{2,200}?)\s*\(age\s+\d{2}\)",
    )
});
/// The office an entry's prose states first.
static OFFICE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\b(?:has\s+(?:also\s+)?(?:been|served\s+as)|serves\s+as|is|as\s+newly\s+elected|was\s+(?:appointed|elected|named))|,?\s+and\s+(?:as\s+)?(?:its|our)|,\s+as|\band\s+as)\s+(?P<title>[^;.]{3,160}?)(?:\s+since\b|\s+in\s+[A-Z][a-z]+\s+\d{4}|\s+on\s+[A-Z][a-z]+|\s+effective\b|;|\.|$)",
    )
});
static LEFT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^[^.]*\b(?:retired|resigned|will\s+retire|passed\s+away)\b"));
/// "Marni Gaer 43 Director, Secretary": a table row printed as a line.
static ROW_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?P<name>[A-Z][A-Za-z.'’\- ]{3,40}?)\s+(?P<age>\d{2})\s+(?:&[a-z ]{1,8};\s*)?(?P<title>[A-Z][A-Za-z,&\- ]{2,100})$",
    )
});
/// "S. Emerson Lybbert - Chairman of the Board, President".
static DASH_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?P<name>[A-Z][A-Za-z.'’\- ]{3,40}?)\s+(?:-{1,2}|\u{2014}|\u{2013})\s+(?P<title>[A-Z][A-Za-z,&\- ]{2,80})$",
    )
});

/// How far from a name line its biography's prose may be.
const BIO_REACH: usize = 8;
/// How long a section may run.
const SECTION_LINES: usize = 250;

pub(super) fn read_sections(cx: &Cx, registrant: &Registrant, roster: &mut Roster) {
    let mut i = 0;
    while i < cx.lines.len() {
        if !is_heading(cx, i) {
            i += 1;
            continue;
        }
        let end = (i + 1..cx.lines.len().min(i + SECTION_LINES))
            .find(|&j| SECTION_END.is_match(cx.text(j)) || is_heading(cx, j))
            .unwrap_or(cx.lines.len().min(i + SECTION_LINES));
        for j in i + 1..end {
            read_entry(cx, j, registrant, roster);
        }
        i = end.max(i + 1);
    }
}

/// A section heading: "Executive Officers of the Registrant", or "Executive" / "Officers" on two
/// lines.
fn is_heading(cx: &Cx, i: usize) -> bool {
    let t = cx.squashed(i);
    if t.len() > 90
        || !crate::text::contains_ascii_ci(t, "executive") && !t.eq_ignore_ascii_case("officers")
    {
        return false;
    }
    if HEADING.is_match(t) {
        return true;
    }
    t.eq_ignore_ascii_case("executive")
        && crate::extract::toolkit::next_text(cx.lines, i)
            .is_some_and(|k| cx.squashed(k).eq_ignore_ascii_case("officers"))
}

fn read_entry(cx: &Cx, j: usize, registrant: &Registrant, roster: &mut Roster) {
    let line = cx.squashed(j).to_string();
    if line.is_empty() {
        return;
    }
    if let Some(c) = NAME_AGE.captures(&line) {
        let name = c["name"].trim().to_string();
        if looks_like_person(&name) && !LEFT.is_match(&c["rest"]) {
            for title in paragraph_offices(cx, j, &c["rest"], registrant) {
                roster.executive(&name, &title, cx.ev(j));
            }
            return;
        }
    }
    // a paragraph "NAME, Title (age 56), ..." starts after a blank line (an HTML paragraph is a
    // line of its own)
    let starts_paragraph = !cx.doc.html.is_empty() || j == 0 || cx.text(j - 1).trim().is_empty();
    let para = paragraph(cx, j);
    if let Some(c) = CAPS_ENTRY.captures(&para).filter(|_| starts_paragraph) {
        let name = c["name"].trim().to_string();
        if crate::names::is_all_caps(&name)
            && looks_like_person(name.split(',').next().unwrap_or(""))
        {
            if let Some(t) = at_registrant(&[c["title"].to_string()], registrant, Where::Position) {
                roster.executive(&name, &t, cx.ev(j));
            }
            return;
        }
    }
    for re in [&*ROW_LINE, &*DASH_ENTRY] {
        if let Some(c) = re.captures(&line) {
            let name = c["name"].trim();
            if looks_like_person(name) && !roster.knows(name) {
                if let Some(t) =
                    at_registrant(&[c["title"].to_string()], registrant, Where::Position)
                {
                    roster.executive(name, &t, cx.ev(j));
                }
            }
            return;
        }
    }
    name_then_title(cx, j, &line, registrant, roster);
}

/// The text of the paragraph that starts at line `j` (up to a blank line, at most 6 lines).
fn paragraph(cx: &Cx, j: usize) -> String {
    let mut out = cx.squashed(j).to_string();
    let mut k = j + 1;
    while k < cx.lines.len().min(j + 6) && !cx.text(k).trim().is_empty() {
        if NAME_AGE.is_match(cx.squashed(k)) {
            break;
        }
        out.push(' ');
        out.push_str(cx.squashed(k));
        k += 1;
    }
    out
}

/// The offices an entry's first sentence states at the registrant ("has served as a director of
/// the Company since 1981 and as its President and Chief Operating Officer since November
/// 1984"); "Executive Officer" when the first is held elsewhere or none is named.
fn paragraph_offices(cx: &Cx, j: usize, rest: &str, registrant: &Registrant) -> Vec<String> {
    static OF_OWN: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)\s+of\s+(?:the\s+)?(?:company|registrant|corporation)\b"));
    let para = paragraph(cx, j);
    let text = para.find(rest).map_or(rest, |at| &para[at..]);
    let first = first_sentence(text);
    let mut out: Vec<String> = Vec::new();
    for c in OFFICE.captures_iter(first) {
        let raw = c["title"].trim();
        let raw = ["a ", "an ", "the ", "its ", "our "]
            .iter()
            .find_map(|a| raw.strip_prefix(a))
            .unwrap_or(raw);
        let raw = OF_OWN.replace_all(raw, "");
        let raw = match raw.rfind(" of ") {
            Some(at) if registrant.is_named(&raw[at + 4..]) => raw[..at].to_string(),
            Some(at) if !raw[at..].starts_with(" of the Board") => {
                if out.is_empty() {
                    break;
                }
                continue;
            }
            _ => raw.to_string(),
        };
        let r = roles::classify(&raw);
        if r.board.is_some() || r.officer.is_some() {
            out.push(raw.trim_end_matches(',').to_string());
        }
    }
    let has_office = out.iter().any(|t| roles::classify(t).officer.is_some());
    if !has_office {
        out.push("Executive Officer".to_string());
    }
    out
}

/// The text up to the first full stop that ends a sentence (not an initial's or "Inc.").
fn first_sentence(text: &str) -> &str {
    static END: LazyLock<Regex> = LazyLock::new(|| re(r"[a-z0-9)]{2}\.\s+[A-Z]|[a-z0-9)]{2}\.$"));
    match END.find(text) {
        Some(m) => &text[..m.start() + 3],
        None => text,
    }
}

/// Whether the prose beside a name line speaks of the person by honorific and surname ("Ms.
/// Adams, 59, oversees ..."): a biography, not a heading that reads like a name.
fn named_nearby(cx: &Cx, j: usize, name: &str) -> bool {
    let Some(last) = name.split_whitespace().last() else {
        return false;
    };
    let needles: Vec<String> = ["Mr. ", "Ms. ", "Mrs. ", "Dr. ", "Mr ", "Ms "]
        .iter()
        .map(|h| format!("{h}{last}"))
        .collect();
    (j.saturating_sub(BIO_REACH)..cx.lines.len().min(j + BIO_REACH))
        .any(|k| needles.iter().any(|n| cx.squashed(k).contains(n.as_str())))
}

/// A name alone on its line, its title on the next ("Kate Adams" / "Senior Vice President,
/// General Counsel and Secretary"), wrapped over two lines at most.
fn name_then_title(cx: &Cx, j: usize, line: &str, registrant: &Registrant, roster: &mut Roster) {
    if line.len() > 40 || !looks_like_person(line) || !super::name_cells::is_entity_name(line) {
        return;
    }
    // the end of a title wrapped from the line above ("Senior Vice President," / "Software
    // Engineering") is not a name
    if cx.prev_squashed(j).ends_with([',', '&']) || !named_nearby(cx, j, line) {
        return;
    }
    let Some(k) = crate::extract::toolkit::next_text(cx.lines, j) else {
        return;
    };
    let mut parts = vec![cx.squashed(k).to_string()];
    if parts[0].ends_with(',') {
        if let Some(k2) = crate::extract::toolkit::next_text(cx.lines, k) {
            parts.push(cx.squashed(k2).to_string());
        }
    }
    // a title line has no figures and no dotted leader (a fixed-width table row does)
    if parts
        .iter()
        .any(|p| p.len() > 90 || p.contains("..") || p.chars().any(|c| c.is_ascii_digit()))
    {
        return;
    }
    if let Some(t) = at_registrant(&parts, registrant, Where::Position) {
        roster.executive(line, &t, cx.ev(k));
    }
}
