//! Directors' and officers' biographies: the header box ("Cynthia A. Arnold" / "Chair of the
//! Board" / "Director since 2018", with the roles printed between the name and the year), and the
//! prose ("Mr. Caruso has been a director of the Company since September 2018", "Ms. Catz has
//! been our CEO since September 2014", "Mr. Tyler, age 52, has served as chief executive officer
//! of McKesson Corporation since April 1, 2019"). An honorific and a surname name the person of
//! the biography they stand in.

use super::name_cells::is_entity_name;
use super::roster::Roster;
use super::titles::{at_registrant, Where};
use super::Registrant;
use crate::extract::toolkit::{roles, Cx};
use crate::model::Seat;
use crate::names::looks_like_person;
use crate::text::re;
use regex::Regex;
use std::sync::LazyLock;

static DIRECTOR_SINCE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*Director\s+since\s*:?\s*(\d{4})"));
static NOMINEE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\(\s*nominee"));
static TITLE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:non-executive|executive|chair(?:man|woman|person)?|lead|independent|director|president|vice|chief|ceo)\b",
    )
});
/// Who a sentence is about: "Mr. Caruso", "Dr. R. Lauren", "Ms. O'Brien", or a full name.
const WHO: &str = r"(?P<who>He|She|(?:Mr|Ms|Mrs|Dr|Miss)\.?\s+(?:[A-Z]\.\s*)?[A-Z][A-Za-z'’\-]+|[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][A-Za-z'’\-]+){1,2})";
static DIRECTOR_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:^|[.;]\s+){WHO}(?:,\s+(?:age\s+)?\d{{2}},)?\s+(?:has\s+(?:been|served\s+as)|is)\s+(?:a\s+|an\s+|our\s+)?(?:independent\s+|non-employee\s+)?(?:director|member\s+of\s+(?:the|our)\s+board(?:\s+of\s+directors)?)(?:\s+of\s+(?P<of>[^,;.]{{2,60}}?))?\s+since\s+(?:(?:[A-Z][a-z]+\.?\s+)?(?:\d{{1,2}},\s+)?(?P<year>\d{{4}})|prior\s+to)"
    ))
});
static OFFICER_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:^|[.;]\s+){WHO}(?:,\s+(?:age\s+)?\d{{2}},)?\s+(?:has\s+(?:been|served\s+as)|is\s+currently|currently\s+serves\s+as|serves\s+as)\s+(?P<title>[^.;()]{{3,160}}?)(?:\s+since\b|\s+and\s+has\s+(?:been|served)|[.;]|$)"
    ))
});
static POSSESSIVE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:our|its|(?P<owner>[A-Z][\w&.\- ]{1,40}?)['’]s)\s+(?P<rest>.+)$"));
static PAST: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:from|until|to|through|prior|previously|formerly)\b"));

/// How far a biography's name may be above its "Director since" line, and above a sentence that
/// names the person by surname.
const BOX_LINES: usize = 8;
const BIO_LINES: usize = 40;
/// How far above a "He has been ..." sentence its biography's name may be.
const PRONOUN_LINES: usize = 25;

pub(super) fn read_biographies(cx: &Cx, registrant: &Registrant, roster: &mut Roster) {
    for i in 0..cx.lines.len() {
        let t = cx.text(i);
        if DIRECTOR_SINCE.is_match(t) {
            director_box(cx, i, roster);
        }
        if t.len() < 40 || !(t.contains("since") || t.contains("serves") || t.contains("currently"))
        {
            continue;
        }
        director_prose(cx, i, registrant, roster);
        officer_prose(cx, i, registrant, roster);
    }
}

/// "Cynthia A. Arnold" / "(Nominee for Election)" / "Chief Executive Officer" / "Director Since:
/// 2018": a seat, and the roles printed between the name and the year.
fn director_box(cx: &Cx, i: usize, roster: &mut Roster) {
    let Some(c) = DIRECTOR_SINCE.captures(cx.text(i)) else {
        return;
    };
    let Some((n, name, title)) = (i.saturating_sub(BOX_LINES)..i)
        .rev()
        .find_map(|j| bio_name(cx, j))
    else {
        return;
    };
    let ev = cx.ev(i);
    let mut seat = Seat {
        title,
        since: Some(c[1].to_string()),
        nominee: (n..i).any(|j| NOMINEE.is_match(cx.text(j))),
    };
    for j in n + 1..i {
        let line = cx.squashed(j);
        if line.len() > 80 || line.to_ascii_lowercase().starts_with("age") {
            continue;
        }
        let r = roles::classify(line);
        if let Some(b) = r.board.filter(|b| seat.title == "Director" && is_chair(b)) {
            seat.title = b;
        }
        if let Some(o) = r.officer {
            roster.officer(&name, &o, cx.ev(j));
        }
    }
    roster.seat(&name, seat, ev);
}

fn is_chair(title: &str) -> bool {
    let t = title.to_ascii_lowercase();
    t.contains("chair") || t.contains("lead")
}

/// A biography's name line: "Cynthia A. Arnold", or a name with its board title run on
/// ("Michael M. Morrow Non-Executive" / "Chair of the Board").
fn bio_name(cx: &Cx, j: usize) -> Option<(usize, String, String)> {
    let t = cx.squashed(j).to_string();
    let words: Vec<&str> = t.split(' ').collect();
    let cut = words
        .iter()
        .position(|w| TITLE_WORD.is_match(w))
        .unwrap_or(words.len());
    let name = words[..cut].join(" ");
    if !(looks_like_person(&name)
        && crate::names::is_plausible_name(&name)
        && (2..=4).contains(&cut))
    {
        return None;
    }
    let mut title = words[cut..].join(" ");
    if !title.is_empty() {
        if let Some(k) = crate::extract::toolkit::next_text(cx.lines, j) {
            let next = cx.squashed(k).to_string();
            if roles::classify(&format!("{title} {next}")).board.is_some() && next.len() < 40 {
                title = format!("{title} {next}");
            }
        }
    }
    let board = roles::classify(&title)
        .board
        .unwrap_or_else(|| "Director".to_string());
    Some((j, name, board))
}

/// "Mr. Caruso has been a director of the Company since September 2018": a seat.
fn director_prose(cx: &Cx, i: usize, registrant: &Registrant, roster: &mut Roster) {
    let text = cx.squashed(i);
    for c in DIRECTOR_PROSE.captures_iter(text) {
        if c.name("of")
            .is_some_and(|o| !registrant.is_named(o.as_str()))
            || after_initial(text, &c)
        {
            continue;
        }
        let Some(name) = who(cx, i, &c["who"], roster) else {
            continue;
        };
        let seat = Seat {
            title: "Director".to_string(),
            since: c.name("year").map(|y| y.as_str().to_string()),
            nominee: false,
        };
        roster.seat(&name, seat, cx.ev(i));
    }
}

/// "Ms. Catz has been our CEO since September 2014", "Mr. Cook, 64, has served as Apple's Chief
/// Executive Officer since 2011": an office the registrant is named in (by "our", its name's
/// possessive, or "of" its name).
fn officer_prose(cx: &Cx, i: usize, registrant: &Registrant, roster: &mut Roster) {
    let text = cx.squashed(i);
    for c in OFFICER_PROSE.captures_iter(text) {
        if after_initial(text, &c) {
            continue;
        }
        let Some(title) = own_title(&c["title"], registrant) else {
            continue;
        };
        let Some(name) = who(cx, i, &c["who"], roster) else {
            continue;
        };
        roster.title(&name, &title, cx.ev(i));
    }
}

/// Whether the name matched stands after an initial ("G. Kelly Martin" read as "Kelly Martin"
/// after the sentence end "G. "): the whole name is not the match.
fn after_initial(text: &str, c: &regex::Captures) -> bool {
    static INITIAL: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|\s)[A-Z]\.\s*$"));
    let start = c.name("who").map_or(0, |m| m.start());
    INITIAL.is_match(&text[..start])
}

/// The title of "our Chief Executive Officer", "Apple's Chief Operating Officer", "chief executive
/// officer of McKesson Corporation": held at the registrant, and a present one.
fn own_title(raw: &str, registrant: &Registrant) -> Option<String> {
    let raw = raw.trim();
    let title = if let Some(c) = POSSESSIVE.captures(raw) {
        if c.name("owner")
            .is_some_and(|o| !registrant.is_named(o.as_str()))
        {
            return None;
        }
        c["rest"].to_string()
    } else if let Some(at) = raw
        .match_indices(" of ")
        .map(|(at, _)| at)
        .find(|&at| registrant.is_named(&raw[at + 4..]))
    {
        raw[..at].to_string()
    } else {
        return None;
    };
    let title = ["a ", "an ", "the "]
        .iter()
        .find_map(|a| title.strip_prefix(a))
        .unwrap_or(&title)
        .to_string();
    if PAST.is_match(&title) || title.split_whitespace().count() > 14 {
        return None;
    }
    at_registrant(&[title], registrant, Where::Position)
}

/// The person a sentence names: a full name as printed, or an honorific and surname resolved to
/// the biography's name above (or a person known already by that surname).
pub(super) fn who(cx: &Cx, i: usize, who: &str, roster: &Roster) -> Option<String> {
    if who == "He" || who == "She" {
        return bio_subject(cx, i);
    }
    let honorific = ["Mr", "Ms", "Mrs", "Dr", "Miss"]
        .iter()
        .any(|h| who.starts_with(h));
    if !honorific {
        return (looks_like_person(who) && is_entity_name(who)).then(|| who.to_string());
    }
    let words: Vec<&str> = who.split_whitespace().skip(1).collect();
    let surname = words.last()?.to_uppercase();
    let initial = words
        .first()
        .filter(|w| words.len() > 1 && w.ends_with('.'))
        .and_then(|w| w.chars().next());
    let fits = |name: &str| {
        crate::names::surname(name).is_some_and(|s| s == surname)
            && initial.is_none_or(|c| name.starts_with(c))
    };
    let above = (i.saturating_sub(BIO_LINES)..=i).rev().find_map(|j| {
        let line = cx.squashed(j);
        let name = line.split(',').next().unwrap_or(line).trim();
        let plain = crate::names::strip_honorific(name) == name;
        (name.len() < 50 && plain && is_entity_name(name) && looks_like_person(name) && fits(name))
            .then(|| name.to_string())
    });
    above.or_else(|| roster.by_surname(&surname).filter(|n| fits(n)))
}

/// The person a biography's "He" or "She" is: the name printed alone on a line just above.
fn bio_subject(cx: &Cx, i: usize) -> Option<String> {
    (i.saturating_sub(PRONOUN_LINES)..i).rev().find_map(|j| {
        let name = cx.squashed(j);
        (name.len() < 50 && is_entity_name(name) && looks_like_person(name))
            .then(|| name.to_string())
    })
}
