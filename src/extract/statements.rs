//! Relations stated in prose: "ACP LLP serves as the investment manager of the Master Fund",
//! "The General Partner is the general partner of the Partnership". Both ends must be parties the
//! filing names (by name or defined term), so a sentence about anyone else yields nothing.

use super::parties::Parties;
use super::Cx;
use crate::model::{EdgeKind, Relation};
use crate::text::{re, squash};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

static STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\s+(?:is|serves\s+as|acts\s+as)\s+(?:the\s+|an?\s+)?|,\s+(?:which|who)\s+(?:is|serves\s+as|acts\s+as)\s+(?:the\s+|an?\s+)?|,\s+(?:the|its)\s+|\s*\(\s*(?:the|its)\s+)(sole\s+member|(?:sole\s+)?(?:investment\s+manager|managing\s+general\s+partner|managing\s+limited\s+partner|general\s+partner|managing\s+member|investment\s+advis[eo]r|manager))\s+(?:of|to|for)\s+(?:each\s+of\s+)?",
    )
});

pub(super) fn read(cx: &mut Cx, parties: &Parties) {
    let mut found = Vec::new();
    for i in 0..cx.lines.len() {
        let this = squash(cx.text(i));
        if this.is_empty() {
            continue;
        }
        // A sentence may wrap onto the next line; only matches that start on this line count here.
        let next_idx = super::next_text(cx.lines, i);
        let next = next_idx.map(|j| squash(cx.text(j))).unwrap_or_default();
        let text = format!("{this} {next}");
        for c in STATEMENT.captures_iter(&text) {
            let Some(m) = c.get(0) else { continue };
            // Evidence is the line the verb is on; the same match seen from the line before is
            // the same evidence, which the graph keeps once.
            let at = if m.start() < this.len() {
                i
            } else {
                next_idx.unwrap_or(i)
            };
            let before = sentence_tail(&text[..m.start()]);
            let (Some(a), Some(b)) = (
                parties.named_at_end(before),
                parties.named_at_start(&text[m.end()..]),
            ) else {
                continue;
            };
            if a == b {
                continue;
            }
            let role = squash(&c[1]).to_lowercase();
            found.push(Relation {
                kind: EdgeKind::Manages,
                source: parties.get(a).name.clone(),
                target: parties.get(b).name.clone(),
                attributes: BTreeMap::from([("role".to_string(), role)]),
                evidence: cx.ev(at),
            });
        }
    }
    cx.facts.relations.extend(found);
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
