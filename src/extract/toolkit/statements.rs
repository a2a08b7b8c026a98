//! Relations stated in prose: "ACP LLP serves as the investment manager of the Master Fund",
//! "The General Partner is the general partner of the Partnership". Both ends must be parties the
//! filing names (by name or defined term), so a sentence about anyone else yields nothing.

use super::parties::Parties;
use super::word;
use super::Cx;
use crate::model::{Relation, Statement};
use crate::text::{re, squash, Words};
use regex::Regex;
use std::sync::LazyLock;

/// Read on squashed text, where every run of whitespace is one space: written with spaces rather
/// than `\s`, the pattern's lazy DFA stays small (Unicode `\s` multiplies its states).
static STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(&r"(?i)(?:_(?:is|serves_as|acts_as)_(?:the_|an?_)?|,?_(?:which|who)_(?:is|serves_as|acts_as)_(?:the_|an?_)?|,_(?:the|its)_|_?\(_?(?:the|its)_)(sole_member|(?:sole_)?(?:investment_manager|managing_general_partner|managing_limited_partner|general_partner|managing_member|investment_advis[eo]r|manager))_(?:of|to|for)_(?:each_of_)?"
        .replace('_', " "))
});

/// The words every role contains, for text outside a document's line index.
static ROLE_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&super::index::ROLE_WORDS));

/// Whether a text may hold a statement this pass reads: every one names a role, or (a collective
/// term) quotes its term.
pub(crate) fn may_state(text: &str) -> bool {
    ROLE_WORDS.may_occur_in(text) || text.contains(['"', '\u{201c}'])
}

pub(crate) fn read_prose_relations(cx: &mut Cx, parties: &Parties) {
    let collectives = collectives(cx, parties);
    // Every statement names a role, and a match that starts on a line has its role word on that
    // line or the next: lines without one, on either, are not read at all (most lines).
    let has_role: Vec<bool> = (0..cx.lines.len())
        .map(|i| cx.may_hold(i, word::ROLE))
        .collect();
    let mut found = Vec::new();
    for i in 0..cx.lines.len() {
        let this = cx.squashed(i);
        if this.is_empty() {
            continue;
        }
        let next_idx = super::next_text(cx.lines, i);
        if !has_role[i] && !next_idx.is_some_and(|j| has_role[j]) {
            continue;
        }
        // A sentence may wrap over three lines: the subject on the line before, the object on the
        // line after. Only matches whose verb is on this line count here, so each is read once.
        // (only the neighbours' ends that can hold a name: a paragraph-long line is not read
        // three times)
        let prev = cx
            .prev_text(i)
            .map_or("", |j| super::tail(cx.squashed(j), super::CONTEXT_CHARS));
        let next = next_idx.map_or("", |j| super::head(cx.squashed(j), super::CONTEXT_CHARS));
        let text = format!("{prev} {this} {next}");
        // The space joining the line before belongs to this line: "\s+is" starts there.
        let here = prev.len()..prev.len() + 1 + this.len();
        for m in STATEMENT.find_iter(&text) {
            if !here.contains(&m.start()) {
                continue;
            }
            let Some(c) = STATEMENT.captures_at(&text, m.start()) else {
                continue;
            };
            let before = APPOSITIVE
                .replace(sentence_tail(&text[..m.start()]), "")
                .to_string();
            let sources = named_at(Side::End, parties, &collectives, &before);
            let targets = named_at(Side::Start, parties, &collectives, &text[m.end()..]);
            let role = squash(&c[1]).to_lowercase();
            for &a in &sources {
                for &b in targets.iter().filter(|&&b| b != a) {
                    found.push(manages(cx, parties, a, b, &role, i));
                }
            }
        }
        // "The following persons who are managing members of the General Partner ...: A, B and C"
        let persons_who = if has_role[i] {
            PERSONS_WHO.captures(this)
        } else {
            None
        };
        if let Some(c) = persons_who {
            let role = singular(&squash(&c[1]).to_lowercase());
            let rest = &this[c.get(0).map_or(0, |m| m.end())..];
            let Some(target) = named_at(
                Side::Start,
                parties,
                &collectives,
                &format!("{rest} {next}"),
            )
            .first()
            .copied() else {
                continue;
            };
            let listed = listed_persons(cx, parties, i);
            for a in listed.into_iter().filter(|&a| a != target) {
                found.push(manages(cx, parties, a, target, &role, i));
            }
        }
    }
    cx.facts.relations.extend(found);
}

fn manages(cx: &Cx, parties: &Parties, a: usize, b: usize, role: &str, at: usize) -> Relation {
    Relation {
        source: parties.get(a).name.clone(),
        target: parties.get(b).name.clone(),
        statement: Statement::manages(role),
        evidence: cx.ev(at),
    }
}

static APPOSITIVE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i),\s+an?\s+[^,()]{1,80}$"));
static COLLECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)([A-Z][^.;:"“”]{2,200}?)\s+(?:are|is)\s+(?:together\s+|collectively\s+|hereinafter\s+)?(?:referred\s+to\s+)?(?:herein\s+)?as\s+(?:the\s+)?["“]([^"”]{2,40})["”]"#,
    )
});
/// The part of [`COLLECTIVE`] every match contains: `as "Term"`.
static COLLECTIVE_AS: LazyLock<Regex> = LazyLock::new(|| re(r#"(?i)as\s+(?:the\s+)?["“]"#));
static PERSONS_WHO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)persons\s+who\s+are\s+(?:the\s+)?(managing\s+members|general\s+partners|members|managers)\s+of\s+(?:each\s+of\s+)?",
    )
});

/// Collective defined terms: "FCP, FCIP, FCIP II and Tinicum are together referred to herein as
/// the "Farallon Funds"" -> "Farallon Funds" stands for those five parties.
fn collectives(cx: &Cx, parties: &Parties) -> Vec<(String, Vec<usize>)> {
    let mut out = Vec::new();
    for i in 0..cx.lines.len() {
        let this = cx.squashed(i);
        if !this.contains(['"', '\u{201c}']) {
            continue;
        }
        let prev = cx.prev_squashed(i);
        let text = format!("{prev} {this}");
        // The full pattern is costly (its bounded subject grows the DFA); most quoted lines do
        // not say "as "...": those are not tried.
        if !COLLECTIVE_AS.is_match(&text) {
            continue;
        }
        for c in COLLECTIVE.captures_iter(&text) {
            let members: Vec<usize> = super::terms::split_name_list(&c[1])
                .iter()
                .filter_map(|n| parties.find(n))
                .collect();
            if members.len() > 1 {
                out.push((crate::names::norm_key(&c[2]), members));
            }
        }
    }
    out
}

#[derive(Clone, Copy)]
enum Side {
    Start,
    End,
}

/// The party (or the members of the collective term) the text starts or ends with.
fn named_at(
    side: Side,
    parties: &Parties,
    collectives: &[(String, Vec<usize>)],
    text: &str,
) -> Vec<usize> {
    let near = match side {
        Side::Start => super::head(text, super::CONTEXT_CHARS),
        Side::End => super::tail(text, super::CONTEXT_CHARS),
    };
    let key = crate::names::norm_key(near);
    let is_named = |k: &str| match side {
        Side::Start => format!("{key} ").starts_with(&format!("{k} ")),
        Side::End => format!(" {key}").ends_with(&format!(" {k}")),
    };
    if let Some((_, members)) = collectives.iter().find(|(k, _)| is_named(k)) {
        return members.clone();
    }
    match side {
        Side::Start => parties.named_at_start(text),
        Side::End => parties.named_at_end(text),
    }
    .into_iter()
    .collect()
}

/// The persons named in the list that follows a "persons who are" line (to the end of its
/// paragraph), by their names as the filing's parties know them.
fn listed_persons(cx: &Cx, parties: &Parties, i: usize) -> Vec<usize> {
    // The list runs to the end of its paragraph (a blank line), but never past twenty lines.
    let window: String = (i..cx.lines.len().min(i + 20))
        .map(|j| cx.squashed(j).to_string())
        .take_while(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let key = format!(" {} ", crate::names::norm_key(&window));
    (0..parties.len())
        .filter(|&p| crate::names::looks_like_person(&parties.get(p).name))
        .filter(|&p| {
            key.contains(&format!(
                " {} ",
                crate::names::norm_key(&parties.get(p).name)
            ))
        })
        .collect()
}

fn singular(role: &str) -> String {
    role.strip_suffix('s').unwrap_or(role).to_string()
}

/// The clause a subject ends: text after the last sentence or clause break. A period after an
/// abbreviation ("Mr.", "Inc.", "L.P.", an initial) does not end a sentence.
fn sentence_tail(s: &str) -> &str {
    let clause = ["; ", ", and ", ": "]
        .iter()
        .filter_map(|sep| s.rfind(sep).map(|k| k + sep.len()))
        .max()
        .unwrap_or(0);
    let sentence = s
        .match_indices(". ")
        .filter(|(k, _)| {
            let word = s[..*k].rsplit([' ', '.']).next().unwrap_or("");
            word.len() > 3 && word.chars().all(|c| c.is_lowercase())
        })
        .map(|(k, _)| k + 2)
        .max()
        .unwrap_or(0);
    &s[clause.max(sentence)..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_name_a_role() {
        let c = STATEMENT
            .captures("ACP LLP serves as the investment manager of the Master Fund")
            .unwrap();
        assert_eq!(&c[1], "investment manager");
        assert!(STATEMENT.is_match("The General Partner is the general partner of the Partnership"));
        let c = STATEMENT
            .captures("CCL, the general partner of Centaurus")
            .unwrap();
        assert_eq!(&c[1], "general partner");
        let c = STATEMENT
            .captures("SM VI, which is the sole member of X")
            .unwrap();
        assert_eq!(&c[1], "sole member");
        assert!(STATEMENT.is_match("CCM is the investment adviser to CCP"));
        let c = STATEMENT.captures("Millennium Group Management LLC (the managing member of Millennium Management LLC)").unwrap();
        assert_eq!(&c[1], "managing member");
        // the verb may open a clause with no comma before it
        assert!(STATEMENT.is_match("Farallon Partners, L.L.C. which is the general partner of X"));
        let c = PERSONS_WHO
            .captures("(vii) The following persons who are managing members of the")
            .unwrap();
        assert_eq!(singular(&c[1].to_lowercase()), "managing member");
        let c = COLLECTIVE
            .captures(
                r#"FCP, FCIP and Tinicum are together referred to herein as the "Farallon Funds.""#,
            )
            .unwrap();
        assert_eq!(&c[1], "FCP, FCIP and Tinicum");
        assert_eq!(&c[2], "Farallon Funds.");
        assert_eq!(
            APPOSITIVE.replace(
                "Farallon Partners, L.L.C., a Delaware limited liability company",
                ""
            ),
            "Farallon Partners, L.L.C."
        );
        assert_eq!(
            sentence_tail("Blah blah. The General Partner"),
            "The General Partner"
        );
        assert_eq!(
            sentence_tail("the Partnership, and Mr. Pennymore"),
            "Mr. Pennymore"
        );
        assert_eq!(
            sentence_tail("owned by Acme Inc. The Fund"),
            "owned by Acme Inc. The Fund"
        );
    }
}
