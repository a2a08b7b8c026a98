//! What a proxy's notice and narrative say about who holds an office, outside tables and
//! biographies:
//! - the notice's signature "By Order of the Board of Directors, / Brian S. Higgins / Vice
//!   President, Associate General Counsel and Secretary": an officer of the registrant;
//! - an appositive "Deirdre O'Brien, the Company's Senior Vice President, Retail," or "Jane Roe,
//!   Chief Financial Officer and Secretary, Acme Corp." (the registrant named);
//! - a departure "Mr. Mandich resigned from his position of Senior Vice President" or "John Roe
//!   resigned from all positions with the Company": no office is kept for that person (the
//!   compensation tables still list former officers);
//! - "James Bell and Al Gore will be retiring from the Board": current directors.

use super::name_cells::is_entity_name;
use super::roster::Roster;
use super::titles::{at_registrant, Where};
use super::Registrant;
use crate::extract::toolkit::Cx;
use crate::model::Seat;
use crate::names::looks_like_person;
use crate::text::re;
use regex::Regex;
use std::sync::LazyLock;

static BY_ORDER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*by\s+order\s+of\s+the\s+board(?:\s+of\s+directors)?\s*,?\s*$"));
const FULL_NAME: &str = r"[A-Z][a-z]+(?:\s+[A-Z]\.)*(?:\s+[A-Z][A-Za-z'’\-]+){1,2}";
static POSSESSIVE_APPOSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:^|\s)(?P<who>{FULL_NAME}),\s+(?:our|the\s+Company['’]s|(?P<owner>[A-Z][\w&.\- ]{{1,40}}?)['’]s)\s+(?P<title>(?:\b[A-Z]\.|[^;.()]){{3,100}}?)(?:,\s+[a-z]|[.;)])"
    ))
});
static NAMED_APPOSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:^|\s)(?P<who>{FULL_NAME}),\s+(?P<title>[A-Z][^;.(),]{{2,100}}),\s+(?P<org>[A-Z][^,;()]{{2,60}}?)(?:,|\.\s|;|$)"
    ))
});
static DEPARTED: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?P<who>(?:Mr|Ms|Mrs|Dr)\.?\s+[A-Z][A-Za-z'’\-]+|{FULL_NAME})\s+(?:has\s+)?(?:resigned|retired|stepped\s+down|departed|left|ceased\s+to\s+(?:be|serve))\s+(?:from\s+)?(?P<what>(?:his|her|all\s+of\s+(?:his|her)|all)\s+(?:positions?|offices?|employment)(?:\s+(?:with|at)\s+the\s+Company)?|the\s+Company|as\s+an?\s+(?:officer|employee|executive))"
    ))
});
static RETIRING: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?P<names>{FULL_NAME}(?:(?:,\s+|,?\s+and\s+){FULL_NAME})*)\s+(?:will\s+be\s+retiring|will\s+retire|are\s+retiring|is\s+retiring|will\s+not\s+(?:be\s+)?stand(?:ing)?\s+for\s+re-?election|are\s+not\s+standing\s+for\s+re-?election)\s+(?:from\s+(?:the|our)\s+Board|as\s+directors?)"
    ))
});

pub(super) fn read_notice(cx: &Cx, registrant: &Registrant, roster: &mut Roster) {
    for i in 0..cx.lines.len() {
        let t = cx.text(i);
        if t.len() < 60 && BY_ORDER.is_match(t) {
            signed_by(cx, i, registrant, roster);
            continue;
        }
        if t.len() < 30 {
            continue;
        }
        if t.contains(", ") {
            appositives(cx, i, registrant, roster);
        }
        if t.contains("retir") || t.contains("stand") {
            retiring(cx, i, roster);
        }
    }
}

/// Whether the filing says the registrant has no directors or officers of its own ("The
/// Partnership does not have any Directors or executive officers. Rather, it is managed by the
/// Manager."): the people it lists then hold their offices elsewhere.
pub(super) fn has_no_officers(cx: &Cx) -> bool {
    static NONE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\b(?:the\s+(?:partnership|company|registrant|trust|fund)|it)\s+(?:does\s+not\s+have|has\s+no)\s+(?:any\s+)?(?:directors|officers|executive\s+officers)\b",
        )
    });
    (0..cx.lines.len()).any(|i| {
        let t = cx.text(i);
        (t.contains("not have") || t.contains("has no")) && NONE.is_match(t)
    })
}

/// The people who left their offices: their names, to drop what the tables list for them, and
/// whether they left the company altogether ("retired from the Company", "resigned from all
/// positions with the Company"), their seat too.
pub(super) fn departed(cx: &Cx) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for i in 0..cx.lines.len() {
        let t = cx.squashed(i);
        if !(t.contains("resign")
            || t.contains("retire")
            || t.contains("left")
            || t.contains("cease")
            || t.contains("step"))
        {
            continue;
        }
        out.extend(DEPARTED.captures_iter(t).map(|c| {
            let what = c["what"].to_ascii_lowercase();
            let all = what.contains("the company") && !what.contains("officer");
            (c["who"].to_string(), all)
        }));
    }
    out
}

/// "By Order of the Board of Directors," then the signer's name and title on the next lines
/// ("/s/" and a date may stand between).
fn signed_by(cx: &Cx, i: usize, registrant: &Registrant, roster: &mut Roster) {
    let mut lines = (i + 1..cx.lines.len().min(i + 8))
        .map(|j| {
            (
                j,
                cx.squashed(j).trim_start_matches("/s/").trim().to_string(),
            )
        })
        .filter(|(_, t)| !t.is_empty());
    let Some((n, name)) = lines.next() else {
        return;
    };
    let name = crate::extract::toolkit::roles::tidy(&name);
    let name = name.trim_end_matches(',').to_string();
    if !(looks_like_person(&name) && is_entity_name(&name)) {
        return;
    }
    let mut parts: Vec<String> = Vec::new();
    for (_, t) in lines.take(3) {
        if crate::text::parse_date(&t).is_some() || t.len() > 100 {
            break;
        }
        parts.push(t);
        if !parts
            .last()
            .is_some_and(|p| p.ends_with(',') || p.ends_with(" and"))
        {
            break;
        }
    }
    if let Some(title) = at_registrant(&parts, registrant, Where::Position) {
        roster.title(&name, &title, cx.ev(n));
    }
}

/// "Deirdre O'Brien, the Company's Senior Vice President, Retail," and "Gianni DelSignore, Chief
/// Financial Officer and Secretary, Pangaea Logistics Solutions Ltd.".
fn appositives(cx: &Cx, i: usize, registrant: &Registrant, roster: &mut Roster) {
    let t = cx.squashed(i);
    // a possessive ("our", "the Company's", "Apple's") or the registrant's name must be there
    let first_word = registrant.name.split_whitespace().next().unwrap_or("");
    let possessive = t.contains("our ") || t.contains("’s ") || t.contains("'s ");
    if !possessive && (first_word.is_empty() || !crate::text::contains_ascii_ci(t, first_word)) {
        return;
    }
    for c in POSSESSIVE_APPOSITIVE.captures_iter(t) {
        if c.name("owner")
            .is_some_and(|o| !registrant.is_named(o.as_str()))
            || inside_longer_name(t, &c)
        {
            continue;
        }
        add(cx, i, &c["who"], &c["title"], registrant, roster);
    }
    for c in NAMED_APPOSITIVE.captures_iter(t) {
        if registrant.is_named(&c["org"]) && !inside_longer_name(t, &c) {
            add(cx, i, &c["who"], &c["title"], registrant, roster);
        }
    }
}

/// Whether the name matched is the end of a longer one ("G. Kelly Martin", "Chair Jane Roe": an
/// initial or a capitalised word stands just before it) or a body's ("our Internal Audit, ...").
fn inside_longer_name(text: &str, c: &regex::Captures) -> bool {
    static BEFORE: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?:^|\s)(?:[A-Z]\.|[A-Z][a-z]+|our)\s*$"));
    let start = c.name("who").map_or(0, |m| m.start());
    BEFORE.is_match(&text[..start])
}

fn add(cx: &Cx, i: usize, who: &str, title: &str, registrant: &Registrant, roster: &mut Roster) {
    if !(looks_like_person(who) && is_entity_name(who)) {
        return;
    }
    let title = before_next_person(title);
    if let Some(title) = at_registrant(&[title.to_string()], registrant, Where::Position) {
        roster.title(who, &title, cx.ev(i));
    }
}

/// A title cut before the next person of a list ("Chairman and Chief Strategic Officer, Glenn W.
/// Anderson, our President").
fn before_next_person(title: &str) -> &str {
    static NEXT: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:,\s+|\s+and\s+)(?P<who>[A-Z][a-z]+\.?(?:\s+[A-Z]\.)*(?:\s+[A-Z][A-Za-z'’\-]+){1,2})(?:,|$)",
        )
    });
    let starts = title
        .match_indices(", ")
        .chain(title.match_indices(" and "))
        .map(|(at, _)| at);
    let mut cut = title.len();
    for at in starts {
        let Some(c) = NEXT.captures(&title[at..]) else {
            continue;
        };
        let who = &c["who"];
        let r = crate::extract::toolkit::roles::classify(who);
        if looks_like_person(who) && is_entity_name(who) && r.board.is_none() && r.officer.is_none()
        {
            cut = cut.min(at);
        }
    }
    &title[..cut]
}

/// "James Bell and Al Gore will be retiring from the Board": directors until the meeting.
fn retiring(cx: &Cx, i: usize, roster: &mut Roster) {
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| re(r",\s+and\s+|,\s+|\s+and\s+"));
    let t = cx.squashed(i);
    for c in RETIRING.captures_iter(t) {
        for name in SPLIT.split(&c["names"]) {
            let name = name.trim();
            if looks_like_person(name) && is_entity_name(name) {
                let seat = Seat {
                    title: "Director".to_string(),
                    since: None,
                    nominee: false,
                };
                roster.seat(name, seat, cx.ev(i));
            }
        }
    }
}
