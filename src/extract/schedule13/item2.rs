//! Item 2 (Identity and Background / Name of Person Filing): who files, where, of what citizenship.
//! Group filings list each person as a block ending in a "Citizenship:" line, after a sentence
//! "filed on behalf of A, B and C (the "Reporting Persons")".

use crate::extract::toolkit::parties::Parties;
use crate::extract::toolkit::terms::{split_defined_term, split_name_list};
use crate::extract::toolkit::Cx;
use crate::model::NodeKind;
use crate::names::norm_key;
use crate::text::{re, squash};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone)]
pub(super) struct Item2Person {
    pub name: String,
    pub alias: Option<String>,
    pub idx: usize,
    pub citizenship: Option<String>,
    pub address: Option<String>,
    pub reporting: bool,
}

#[derive(Debug, Default)]
pub(super) struct Item2 {
    pub persons: Vec<Item2Person>,
    /// The item speaks of several persons filing together.
    pub group_statement: bool,
}

static CITIZENSHIP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[\s\-•*]*(?:Citizenship|Place\s+of\s+Organi[sz]ation|Jurisdiction\s+of\s+Organi[sz]ation)[^:]{0,30}:\s*(\S.*)$",
    )
});
static ON_BEHALF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)(?:on\s+behalf\s+of|filed\s+(?:jointly\s+)?by)\s+(?:each\s+of\s+)?(?:the\s+following\s*:?\s*)?(.+?)\s*\((?:each\s+a\s+["“][^"”]*["”]\s+and\s+)?(?:collectively,?\s+)?(?:the\s+)?["“]Reporting\s+Persons["”]"#,
    )
});
static NAME_OF_FILER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)Name\s+of\s+Persons?\s+Filing\s*:?\s*(.*)$"));
/// Blocks longer than this many lines are not a person's name-and-address block.
const BLOCK_LINES: usize = 10;
/// How far Item 2 may run when no Item 3 heading ends it.
const ITEM_SPAN: usize = 400;

pub(super) fn read_item2(cx: &Cx) -> Item2 {
    let Some((start, end)) = crate::extract::toolkit::item_region(cx.lines, 2, ITEM_SPAN) else {
        return Item2::default();
    };
    let listed = listed_persons(cx, start, end);
    let mut persons = citizenship_blocks(cx, start, end);
    if persons.is_empty() {
        persons.extend(named_filers(cx, start, end));
    }
    for p in &mut persons {
        let key = norm_key(&p.name);
        p.reporting = listed.is_empty() || listed.iter().any(|(n, _)| norm_key(n) == key);
    }
    for (name, idx) in &listed {
        let key = norm_key(name);
        if !persons.iter().any(|p| norm_key(&p.name) == key) {
            persons.push(Item2Person {
                name: name.clone(),
                alias: None,
                idx: *idx,
                citizenship: None,
                address: None,
                reporting: true,
            });
        }
    }
    Item2 {
        group_statement: listed.len() > 1,
        persons,
    }
}

/// "filed on behalf of A, B, C, and D (the "Reporting Persons")" -> [A, B, C, D].
fn listed_persons(cx: &Cx, start: usize, end: usize) -> Vec<(String, usize)> {
    for i in start..end {
        if let Some(c) = ON_BEHALF.captures(cx.text(i)) {
            return split_name_list(&c[1])
                .into_iter()
                .filter(|n| crate::names::is_plausible_name(n))
                .map(|n| (n, i))
                .collect();
        }
    }
    Vec::new()
}

/// Person blocks: a name line, address lines, then "Citizenship: X".
fn citizenship_blocks(cx: &Cx, start: usize, end: usize) -> Vec<Item2Person> {
    let mut persons = Vec::new();
    let mut boundary = start;
    for c in start + 1..end {
        let Some(cap) = CITIZENSHIP.captures(cx.text(c)) else {
            continue;
        };
        let citizenship = squash(&cap[1]);
        let name_idx = (boundary + 1..c).find(|&j| is_name_line(cx.text(j)));
        boundary = c;
        let Some(n) = name_idx.filter(|&n| c - n <= BLOCK_LINES) else {
            continue;
        };
        let (name, alias) = split_defined_term(cx.text(n));
        let address: Vec<String> = (n + 1..c)
            .map(|j| cx.squashed(j).to_string())
            .filter(|t| !t.is_empty())
            .collect();
        persons.push(Item2Person {
            name,
            alias,
            idx: n,
            citizenship: Some(citizenship),
            address: (!address.is_empty()).then(|| address.join(", ")),
            reporting: false,
        });
    }
    persons
}

/// Captions that sit where a name would ("Address of Principal Business Office and...").
static CAPTION_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(address|principal\s+business|residence|citizenship|name\s+of|title\s+of|cusip|filed\s+by|reporting\s+persons?)\b",
    )
});

fn is_name_line(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty()
        && !CAPTION_WORDS.is_match(t)
        && crate::names::is_plausible_name(&split_defined_term(t).0)
        && t.len() < 150
        && crate::extract::toolkit::item_number(t).is_none()
        && !t.to_ascii_lowercase().starts_with("c/o")
        && !t.starts_with(|c: char| c.is_ascii_digit())
        && !t.ends_with(':')
        && t.chars().next().is_some_and(|c| c.is_uppercase())
}

static ENUMERATOR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:\(?[ivx]{1,4}\)|\(?[a-h]\)|\d{1,2}[.)]|[-•*])\s+"));

/// "Item 2(a). Name of Person Filing: X", or a lead-in ("This statement is filed by:") followed by
/// an enumerated list "(i) A (the "Partnership"); (ii) B; and (iii) C". Citizenship comes from the
/// "Citizenship:" of Item 2(c) when there is one person.
fn named_filers(cx: &Cx, start: usize, end: usize) -> Vec<Item2Person> {
    let Some(i) = (start..end).find(|&i| NAME_OF_FILER.is_match(cx.text(i))) else {
        return Vec::new();
    };
    let Some(on_line) = NAME_OF_FILER.captures(cx.text(i)).map(|c| squash(&c[1])) else {
        return Vec::new();
    };
    let first = if on_line.len() > 1 {
        Some(i)
    } else {
        crate::extract::toolkit::next_text(cx.lines, i)
            .filter(|&j| j < end && crate::extract::toolkit::item_number(cx.text(j)).is_none())
    };
    let Some(first) = first else {
        return Vec::new();
    };
    let first_text = if first == i {
        on_line
    } else {
        cx.squashed(first).to_string()
    };
    let mut entries: Vec<(usize, String)> = Vec::new();
    if first_text.ends_with(':') {
        for j in first + 1..end {
            let t = cx.squashed(j).to_string();
            if crate::extract::toolkit::item_number(&t).is_some()
                || (t.is_empty() && !entries.is_empty())
            {
                break;
            }
            let item = ENUMERATOR.replace(&t, "");
            let item = item.trim().trim_end_matches([';', ',', '.']).trim();
            let item = item
                .strip_suffix(" and")
                .or_else(|| item.strip_suffix("; and"))
                .unwrap_or(item)
                .trim();
            if item.is_empty() || item.eq_ignore_ascii_case("and") {
                continue;
            }
            if ENUMERATOR.is_match(&t) || entries.is_empty() {
                entries.push((j, item.to_string()));
            }
        }
    } else {
        entries.push((first, first_text));
    }
    let single = entries.len() == 1;
    let citizenship = single.then(|| item_2c_citizenship(cx, i, end)).flatten();
    entries
        .into_iter()
        .filter(|(_, raw)| crate::names::is_plausible_name(&split_defined_term(raw).0))
        .map(|(idx, raw)| {
            let (name, alias) = split_defined_term(&raw);
            Item2Person {
                name,
                alias,
                idx,
                citizenship: citizenship.clone(),
                address: None,
                reporting: true,
            }
        })
        .collect()
}

fn item_2c_citizenship(cx: &Cx, from: usize, end: usize) -> Option<String> {
    (from..end).find_map(|j| {
        let t = cx.text(j);
        let k = t.to_ascii_lowercase().find("citizenship")?;
        let after = t[k + "citizenship".len()..].trim_start_matches([':', '.', ' ']);
        (!after.is_empty()).then(|| squash(after))
    })
}

/// Adds an Item 2 person, with the defined term, citizenship and address printed with it.
pub(super) fn add_person(cx: &Cx, parties: &mut Parties, person: &Item2Person) {
    let i = parties.upsert(&person.name, NodeKind::Company, cx.ev(person.idx));
    if let Some(alias) = &person.alias {
        parties.add_alias(i, alias);
    }
    let p = parties.get_mut(i);
    p.reporting_person |= person.reporting;
    if p.citizenship.is_none() {
        p.citizenship = person.citizenship.clone();
    }
    if p.address.is_none() {
        p.address = person.address.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_lists_keep_legal_forms_attached() {
        let l = split_name_list("Kings Road Investments Ltd., Polygon Investment Partners GP, LLC, Mr. Reade E. Griffith and Mr. Patrick G. G. Dear");
        assert_eq!(
            l,
            vec![
                "Kings Road Investments Ltd.",
                "Polygon Investment Partners GP, LLC",
                "Mr. Reade E. Griffith",
                "Mr. Patrick G. G. Dear"
            ]
        );
        assert_eq!(
            split_name_list("Cramer Partners, L.P., and James J. Cramer"),
            vec!["Cramer Partners, L.P.", "James J. Cramer"]
        );
    }

    #[test]
    fn defined_terms_split_off() {
        assert_eq!(
            split_defined_term(
                "Polygon Investment Partners LLP (the \u{201c}UK Investment Manager\u{201d})"
            ),
            (
                "Polygon Investment Partners LLP".to_string(),
                Some("UK Investment Manager".to_string())
            )
        );
        assert_eq!(
            split_defined_term("Reade E. Griffith"),
            ("Reade E. Griffith".to_string(), None)
        );
    }
}
