//! Titles -> roles. "President, Chief Executive Officer and Director" is an officer title
//! ("President, Chief Executive Officer") and a board title ("Director"); "Chairman and Chief
//! Executive Officer" is both; "Managing Director" and "Director of Marketing" are officer titles.

use crate::text::{re, squash};
use regex::Regex;
use std::sync::LazyLock;

/// What a title says a person is to the company.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Roles {
    /// The board part of the title: "Director", "Chairman of the Board", "Member of the Supervisory Board".
    pub board: Option<String>,
    /// The officer part: "President, Chief Executive Officer", "Secretary".
    pub officer: Option<String>,
}

static BOARD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:chair(?:man|woman|person)?|lead\s+(?:independent\s+)?directors?|directors?|trustees?|supervisory\s+board|managing\s+board|board\s+of\s+directors|board\s+member|member\s+of\s+the\s+board)\b",
    )
});
/// Director titles that name an executive job, not a board seat.
static NOT_BOARD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:managing|executive|associate|assistant|deputy|regional|art|creative|technical|finance|sales|marketing)\s+director\b|\bdirector\s+of\s+(?:marketing|sales|finance|operations|research|engineering|human|investor|corporate|business|product|strategy|technology|communications|public|government|legal|tax|internal)\b|\bdirector,\s+(?:finance|sales|marketing|operations)\b|\bchief\b.*\bofficer\b.*\bof\s+the\s+board\b",
    )
});
static OFFICER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:president|chief\s+[a-z ]{0,30}?officer|ceo|cfo|coo|cao|cto|vice\s+president|secretary|treasurer|general\s+counsel|controller|comptroller|principal\s+(?:executive|financial|accounting)\s+officer|managing\s+directors?|executive\s+directors?|executive\s+officers?|officers?|director\s+of\s+(?:marketing|sales|finance|operations|research|engineering|human|investor|corporate|business|product|strategy|technology|communications|public|government|legal|tax|internal))\b",
    )
});
static PARENTHETICAL: LazyLock<Regex> = LazyLock::new(|| re(r"\s*\([^)]*\)"));
/// Where a title splits into parts: commas, "and", "&", semicolons.
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\s*(?:,|;|&|\band\b)\s*"));

/// Classifies a title. Parenthesised notes ("(Principal Financial and Accounting Officer)") only
/// count when nothing else in the title is a role.
pub fn classify(title: &str) -> Roles {
    let title = squash(title);
    if title.len() > 300 {
        return Roles::default();
    }
    let main = squash(&PARENTHETICAL.replace_all(&title, ""));
    let base = if main.is_empty() {
        title.replace(['(', ')'], "")
    } else {
        main
    };
    let mut board_parts: Vec<String> = Vec::new();
    let mut officer_parts: Vec<String> = Vec::new();
    let mut last_officer = false;
    for (sep, part) in split_parts(&base) {
        let is_board = BOARD.is_match(&part) && !NOT_BOARD.is_match(&part);
        let is_officer = OFFICER.is_match(&part);
        if is_board {
            board_parts.push(part.clone());
        }
        if is_officer {
            officer_parts.push(part);
            last_officer = true;
        } else if !is_board && last_officer {
            // "Vice President, Finance": a qualifier of the officer title before it
            if let Some(prev) = officer_parts.last_mut() {
                prev.push_str(&sep);
                prev.push_str(&part);
            }
        } else {
            last_officer = false;
        }
    }
    if officer_parts.is_empty() && board_parts.is_empty() && base != title.replace(['(', ')'], "") {
        return classify(&title.replace(['(', ')'], ""));
    }
    Roles {
        board: best_board_title(&board_parts),
        officer: (!officer_parts.is_empty()).then(|| join_title(&officer_parts)),
    }
}

/// "Chairman, President and Chief Executive Officer" -> ["Chairman", "President", "Chief Executive
/// Officer"], keeping "Chairman of the Board of Directors" whole.
/// Each part comes with the separator printed before it (", ", " and "), so a qualifier can be
/// joined back as printed ("Total Quality and Environmental Management").
fn split_parts(title: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut last = 0;
    let mut sep = String::new();
    for m in SEPARATOR.find_iter(title) {
        let part = title[last..m.start()].trim();
        if !part.is_empty() {
            out.push((sep.clone(), part.to_string()));
        }
        sep = normalise_separator(m.as_str());
        last = m.end();
    }
    let tail = title[last..].trim();
    if !tail.is_empty() {
        out.push((sep, tail.to_string()));
    }
    out
}

fn normalise_separator(sep: &str) -> String {
    match sep.trim() {
        "," => ", ".to_string(),
        ";" => "; ".to_string(),
        s => format!(" {s} "),
    }
}

/// The most telling board title: a chair over a plain directorship. "of the Board of Directors"
/// and "of the Board" say the same.
fn best_board_title(parts: &[String]) -> Option<String> {
    let chair = parts
        .iter()
        .find(|p| p.to_ascii_lowercase().contains("chair"));
    chair
        .or_else(|| parts.first())
        .map(|p| BOARD_OF_DIRECTORS.replace(&tidy(p), "Board").into_owned())
}

static BOARD_OF_DIRECTORS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bBoard\s+of\s+Directors\b"));

fn join_title(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => tidy(one),
        [init @ .., last] => format!(
            "{} and {}",
            init.iter().map(|p| tidy(p)).collect::<Vec<_>>().join(", "),
            tidy(last)
        ),
    }
}

/// Title case for titles printed in capitals ("PRESIDENT AND CHIEF EXECUTIVE OFFICER"); a title
/// cut at a line end ("Member of the Supervisory Board of") loses its dangling word.
pub fn tidy(title: &str) -> String {
    let t = squash(title);
    let t = t
        .strip_suffix(" of")
        .or_else(|| t.strip_suffix(" and"))
        .unwrap_or(&t)
        .trim_end_matches(',')
        .to_string();
    if !crate::names::is_all_caps(&t) {
        return t;
    }
    t.split(' ')
        .map(|w| {
            let lower = w.to_lowercase();
            if matches!(lower.as_str(), "and" | "of" | "the" | "for") {
                lower
            } else if w.len() <= 3 && w.chars().all(|c| c.is_ascii_uppercase()) {
                // an acronym: "CEO", "CFO", "EVP"
                w.to_string()
            } else {
                let mut c = lower.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(t: &str) -> (Option<String>, Option<String>) {
        let r = classify(t);
        (r.board, r.officer)
    }

    #[test]
    fn board_and_officer_titles() {
        assert_eq!(roles("Director"), (Some("Director".into()), None));
        assert_eq!(
            roles("Chairman of the Board and Director"),
            (Some("Chairman of the Board".into()), None)
        );
        assert_eq!(
            roles("President, Chief Executive Officer and Director"),
            (
                Some("Director".into()),
                Some("President and Chief Executive Officer".into())
            )
        );
        assert_eq!(
            roles("Chairman and Chief Executive Officer"),
            (
                Some("Chairman".into()),
                Some("Chief Executive Officer".into())
            )
        );
        assert_eq!(
            roles("Chief Financial Officer, Vice President, Finance and Secretary (Principal Financial and Accounting Officer)"),
            (None, Some("Chief Financial Officer, Vice President, Finance and Secretary".into()))
        );
        assert_eq!(
            roles("Managing Director"),
            (None, Some("Managing Director".into()))
        );
        assert_eq!(
            roles("Director of Marketing"),
            (None, Some("Director of Marketing".into()))
        );
        assert_eq!(roles("Lead Director"), (Some("Lead Director".into()), None));
        assert_eq!(roles("Trustee"), (Some("Trustee".into()), None));
        assert_eq!(
            roles("Member of the Supervisory Board of STMicroelectronics N.V."),
            (
                Some("Member of the Supervisory Board of STMicroelectronics N.V.".into()),
                None
            )
        );
        assert_eq!(
            roles("President and Chief Executive Officer and Sole Member of the Managing Board"),
            (
                Some("Sole Member of the Managing Board".into()),
                Some("President and Chief Executive Officer".into())
            )
        );
        assert_eq!(
            roles("(Principal Executive Officer)"),
            (None, Some("Principal Executive Officer".into()))
        );
        assert_eq!(roles("Partner"), (None, None));
        assert_eq!(roles(&"Director ".repeat(500)), (None, None));
    }

    #[test]
    fn capitals_become_title_case() {
        assert_eq!(
            tidy("PRESIDENT AND CHIEF EXECUTIVE OFFICER"),
            "President and Chief Executive Officer"
        );
        assert_eq!(tidy("Chief Financial Officer"), "Chief Financial Officer");
    }
}
