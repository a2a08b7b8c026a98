//! Signature blocks, in the body and in the joint filing agreement:
//!
//! ```text
//! KINGS ROAD INVESTMENTS LTD.
//! By Polygon Investment Partners LLP, its investment manager
//! By /s/ Patrick G. G. Dear
//! Name: Patrick G. G. Dear
//! Title: Principal
//! ```
//!
//! gives Polygon Investment Partners LLP manages and signs for Kings Road (as investment manager),
//! and Patrick G. G. Dear signs for the LLP (Principal). A person signing in their own name gets no
//! edge. The same block repeated in an exhibit yields the same relations again; the graph merges
//! them into one edge with two pieces of evidence.

use super::parties::Parties;
use super::Cx;
use crate::model::NodeKind;
use crate::model::{Relation, Signing, Statement};
use crate::names::{legal_form, looks_like_person};
use crate::text::{parse_date, re, squash};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Default)]
pub(crate) struct Signatures {
    pub relations: Vec<Relation>,
    /// Names that sign or are signed for, with the line index naming them.
    pub named: Vec<(String, usize)>,
    pub found: bool,
}

static HEADING: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*SIGNATURES?\s*\.?\s*$"));
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*(?:Date|Dated)\s*:?\s*(.+)$"));
static BY_CHAIN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*By\s*:?\s+(.+?)(?:,?\s+(?:its\s+|as\s+(?:its\s+)?|the\s+)|,\s+)((?:sole\s+)?(?:investment\s+manager|investment\s+adviser|investment\s+advisor|general\s+partner|managing\s+member|manager|managing\s+general\s+partner|managing\s+limited\s+partner|attorney[- ]in[- ]fact|trustee|sole\s+member|member|adviser|advisor)[^,]*?)\s*,?\s*$",
    )
});
static ITS_ROLE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:its|as)\s*:?\s+(.{3,60}?)\s*,?\s*$"));
/// A role printed alone on the line under "By: ENTITY" ("General Partner").
static BARE_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*((?:sole\s+)?(?:investment\s+manager|investment\s+advis[eo]r|general\s+partner|managing\s+member|managing\s+general\s+partner|managing\s+limited\s+partner|sole\s+member|attorney[- ]in[- ]fact))\s*,?\s*$",
    )
});
/// "By:" alone on its line: what it introduces is on the next line (a separate table cell).
static BY_ALONE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*By\s*:?\s*$"));
static BY_NAME: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*By\s*:?\s+([^/].{2,100}?)\s*,?\s*$"));
static SLASH_S: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)/s/\s*(.*)$"));
static NAME_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*Name\s*:\s*(.+?)\s*(?:Title\s*:\s*(.*))?$"));
static TITLE_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*(?:Title|Its)\s*:\s*(.+)$"));
static TITLE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(president|officer|director|partner|member|principal|manager|secretary|treasurer|counsel|attorney|chairman|chair|vice|trustee|signatory|managing|controller|executive|ceo|cfo|coo)\b",
    )
});

/// Roles in a "By X, its ROLE" line that also make X the manager of the entity signed for.
const MANAGING_ROLES: &[&str] = &[
    "investment manager",
    "investment adviser",
    "investment advisor",
    "general partner",
    "managing member",
    "manager",
    "managing general partner",
    "sole general partner",
    "sole member",
    "adviser",
    "advisor",
    "trustee",
];

/// A signature being read: who signed, as what, on which line.
#[derive(Debug)]
struct Pending {
    name: String,
    title: Option<String>,
    idx: usize,
    lines_since: usize,
}

/// The block a signature belongs to: the entity signed for and the "By X, its role" chain.
#[derive(Debug, Default)]
struct Block {
    entity: Option<(String, usize)>,
    chain: Vec<(String, String, usize)>,
    /// The block states a capacity in prose ("On its own behalf and as the General Partner of
    /// ..."): which entity the signature is for cannot be told line by line, so none is claimed.
    unclear: bool,
}

static PROSE_CAPACITY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:on\s+(?:its|his|her|their)\s+own\s+behalf|as\s+(?:the\s+)?(?:sole\s+)?(?:general\s+partner|managing\s+member|investment\s+manager|manager)\s+of|on\s+behalf\s+of)\b",
    )
});

/// Reads the signature blocks from the signature heading to the end: each signature with the
/// entity its block names and the "By X, its ROLE" chain between them.
pub(crate) fn read_signature_blocks(cx: &Cx, parties: &Parties) -> Signatures {
    let Some(start) = start_of_signatures(cx) else {
        return Signatures::default();
    };
    let mut r = BlockReader {
        cx,
        parties,
        out: Signatures::default(),
        date: None,
        block: Block::default(),
        pending: None,
    };
    let mut i = start;
    while i < cx.lines.len() {
        i = r.line(i) + 1;
    }
    r.flush();
    let mut out = r.out;
    out.found = cx.lines[start..].iter().any(|l| l.text.contains("/s/")) || out.found;
    out
}

/// The signature section being read, line by line.
struct BlockReader<'c, 'a> {
    cx: &'c Cx<'a>,
    parties: &'c Parties,
    out: Signatures,
    date: Option<String>,
    block: Block,
    pending: Option<Pending>,
}

impl BlockReader<'_, '_> {
    /// Ends the signature being read, if any, as relations of the block.
    fn flush(&mut self) {
        let pending = self.pending.take();
        flush(
            self.cx,
            self.parties,
            &mut self.out,
            &mut self.block,
            pending,
            &self.date,
        );
    }

    /// Reads line `i` (and the lines it runs on to); returns the last line read.
    fn line(&mut self, mut i: usize) -> usize {
        let cx = self.cx;
        let mut t = cx.squashed(i).to_string();
        if t.is_empty() {
            return i;
        }
        if lead(&t) == 'b' && BY_ALONE.is_match(&t) {
            if let Some(j) = super::next_text(cx.lines, i).filter(|&j| j <= i + 4) {
                t = format!("By: {}", cx.squashed(j));
                i = j;
            }
        }
        if let Some(p) = self.pending.as_mut() {
            p.lines_since += 1;
            if p.lines_since > 4 {
                self.flush();
            }
        }
        let first = lead(&t);
        if let Some(d) = (first == 'd')
            .then(|| DATE_LINE.captures(&t))
            .flatten()
            .and_then(|c| parse_date(&c[1]))
            .or_else(|| (t.len() < 25).then(|| parse_date(&t)).flatten())
        {
            self.flush();
            self.date = Some(d);
        } else if let Some(c) = t.contains('/').then(|| SLASH_S.captures(&t)).flatten() {
            self.signature(i, &c[1]);
        } else if let Some(c) = (first == 'b').then(|| BY_CHAIN.captures(&t)).flatten() {
            let link = (self.parties.canonical(&c[1]), role(&c[2]), i);
            self.block.chain.push(link);
        } else if let (Some(c), Some(role_line)) = (
            (first == 'b').then(|| BY_NAME.captures(&t)).flatten(),
            super::next_text(cx.lines, i),
        ) {
            return self.by_name(i, &c[1], role_line);
        } else if let Some(c) = (first == 'n').then(|| NAME_LINE.captures(&t)).flatten() {
            if let Some(p) = self.pending.as_mut() {
                p.name = squash(&c[1]);
                if let Some(title) = c
                    .get(2)
                    .map(|m| m.as_str())
                    .filter(|s| !s.trim().is_empty())
                {
                    let (title, last) = continued_title(cx, title, i);
                    p.title = Some(title);
                    return last;
                }
            }
        } else if let Some(c) = matches!(first, 't' | 'i')
            .then(|| TITLE_LINE.captures(&t))
            .flatten()
        {
            if let Some(p) = self.pending.as_mut() {
                let (title, last) = continued_title(cx, &c[1], i);
                p.title = Some(title);
                self.flush();
                return last;
            }
        } else if self
            .pending
            .as_ref()
            .is_some_and(|p| same_name(&t, &p.name))
        {
            // the signer's name printed under the signature line
        } else if let Some(title) = self
            .pending
            .as_ref()
            .and_then(|p| printed_title(&t, &p.name))
        {
            if let Some(p) = self.pending.as_mut() {
                p.title = Some(title);
            }
            self.flush();
        } else if is_entity_header(&t, self.parties, cx, i) {
            self.entity_header(i, &t);
        } else if self.block.entity.is_some() && t.len() < 80 && PROSE_CAPACITY.is_match(&t) {
            // a signature-column line, not a paragraph such as the joint filing agreement's
            self.block.unclear = true;
        }
        i
    }

    /// A "/s/ NAME" line: the signature, with a title printed after the name.
    fn signature(&mut self, i: usize, signed: &str) {
        self.flush();
        let cx = self.cx;
        let mut name = squash(signed);
        if name.is_empty() {
            if let Some(j) = super::next_text(cx.lines, i) {
                name = cx.squashed(j).to_string();
            }
        }
        // "/s/ Jane Roe Name: Jane Roe Title: CFO" on one line: the printed parts follow.
        let name = match name.find(" Name:").or_else(|| name.find(" Title:")) {
            Some(k) => name[..k].to_string(),
            None => name,
        };
        let (name, title) = split_name_title(&name);
        self.pending = Some(Pending {
            name,
            title,
            idx: i,
            lines_since: 0,
        });
    }

    /// "By: NAME" with its role on the next line ("its General Partner"), or an organisation
    /// signing in no stated capacity. Returns the last line read.
    fn by_name(&mut self, i: usize, named: &str, role_line: usize) -> usize {
        let cx = self.cx;
        let next = cx.squashed(role_line).to_string();
        if let Some(r) = ITS_ROLE
            .captures(&next)
            .or_else(|| BARE_ROLE.captures(&next))
        {
            let (role_text, last) = wrapped_role(cx, &r[1], role_line);
            // "By: Maurer Ross & Co., Incorporated, its" / "general partner"
            let name = named.trim_end_matches([',', ' ']);
            let name = name
                .strip_suffix(" its")
                .or_else(|| name.strip_suffix(" as"))
                .unwrap_or(name);
            let link = (self.parties.canonical(name), role(&role_text), i);
            self.block.chain.push(link);
            return last;
        }
        if is_organisation(named) {
            // "By: GP LLC" with no role: it signs for the entity, in no stated capacity
            let link = (self.parties.canonical(named), String::new(), i);
            self.block.chain.push(link);
        }
        i
    }

    /// A line naming the entity the next signatures are for.
    fn entity_header(&mut self, i: usize, t: &str) {
        self.flush();
        let (cx, parties) = (self.cx, self.parties);
        // An entity name too long for the signature column wraps onto a second line
        // ("JOINT ENERGY DEVELOPMENT" / "INVESTMENTS II LIMITED PARTNERSHIP").
        let wrapped = match &self.block.entity {
            Some((prev, at))
                if self.block.chain.is_empty()
                    && super::next_text(cx.lines, *at) == Some(i)
                    && parties.find(t).is_none()
                    && parties.find(prev).is_none() =>
            {
                Some(format!("{prev} {t}"))
            }
            _ => None,
        };
        let name = wrapped.unwrap_or_else(|| parties.canonical(t));
        self.block = Block {
            entity: Some((name, i)),
            chain: Vec::new(),
            // a list of entities after a prose capacity stays unclear until a signature ends it
            unclear: self.block.unclear,
        };
    }
}

/// The first letter of a line, lowercased. The anchored patterns above each open with a word
/// ("By", "Date", "Name", "Title", "Its"): a line that starts with another letter, as most do, is
/// not tried against them.
fn lead(t: &str) -> char {
    t.trim_start()
        .chars()
        .next()
        .map_or(' ', |c| c.to_ascii_lowercase())
}

/// The signature section starts at its "SIGNATURE" heading, else a little before the first "/s/".
fn start_of_signatures(cx: &Cx) -> Option<usize> {
    // the heading starts with an S (or a letter that folds to one): other lines are not tried
    let may_head = |t: &str| matches!(lead(t), 's') || !lead(t).is_ascii();
    if let Some(i) =
        (0..cx.lines.len()).find(|&i| may_head(cx.text(i)) && HEADING.is_match(cx.text(i)))
    {
        return Some(i);
    }
    let first = (0..cx.lines.len()).find(|&i| cx.text(i).contains("/s/"))?;
    Some(first.saturating_sub(12))
}

/// "Carlo Ferro, Chief Financial Officer" -> ("Carlo Ferro", Some("Chief Financial Officer")).
fn split_name_title(s: &str) -> (String, Option<String>) {
    if let Some((name, rest)) = s.split_once(", ") {
        let rest = rest.trim();
        // "individually and as attorney-in-fact for each of ...": the capacity, not a title.
        if rest.to_ascii_lowercase().contains("attorney-in-fact")
            || rest.to_ascii_lowercase().contains("attorney in fact")
        {
            return (
                name.trim().to_string(),
                Some("Attorney-in-Fact".to_string()),
            );
        }
        if rest.to_ascii_lowercase().starts_with("individually") {
            return (name.trim().to_string(), None);
        }
        if TITLE_WORDS.is_match(rest) && !matches!(rest, "Jr." | "Sr." | "Jr" | "Sr" | "II" | "III")
        {
            return (name.trim().to_string(), Some(rest.to_string()));
        }
    }
    (s.trim().trim_end_matches(',').to_string(), None)
}

/// "its general" / "partner": a role cut by the line end continues on the next line.
fn wrapped_role(cx: &Cx, first: &str, i: usize) -> (String, usize) {
    let f = first.trim().to_ascii_lowercase();
    if [
        "general",
        "managing",
        "investment",
        "sole",
        "managing general",
    ]
    .contains(&f.as_str())
    {
        if let Some(j) = super::next_text(cx.lines, i) {
            return (format!("{} {}", first.trim(), cx.squashed(j)), j);
        }
    }
    (first.to_string(), i)
}

/// A title that ends in "and" or a comma continues on the next text line.
fn continued_title(cx: &Cx, first: &str, i: usize) -> (String, usize) {
    let mut title = squash(first);
    let mut last = i;
    for _ in 0..2 {
        let open = title.ends_with(" and")
            || title.ends_with(',')
            || title.ends_with('&')
            || title.ends_with(" of");
        if !open {
            break;
        }
        let Some(j) = super::next_text(cx.lines, last) else {
            break;
        };
        title = format!("{} {}", title, cx.squashed(j));
        last = j;
    }
    (title.trim_end_matches(',').to_string(), last)
}

/// "James J. Cramer, President" printed under a signature by James J. Cramer -> "President".
fn printed_title(line: &str, signer: &str) -> Option<String> {
    let rest = line.strip_prefix(signer)?;
    if !rest.starts_with(',') || rest.len() > 150 {
        return None;
    }
    split_name_title(line).1
}

fn same_name(a: &str, b: &str) -> bool {
    let ka = crate::names::norm_key_memo(a);
    !ka.is_empty() && ka == crate::names::norm_key_memo(b)
}

fn role(raw: &str) -> String {
    squash(raw).trim_end_matches([',', '.']).to_lowercase()
}

/// A line naming the entity a block signs for: a known party, or an ALL-CAPS organisation name.
fn is_entity_header(t: &str, parties: &Parties, cx: &Cx, i: usize) -> bool {
    if t.len() > 100 || t.contains("/s/") || t.ends_with(':') {
        return false;
    }
    if parties.find(t).is_some() {
        return true;
    }
    let caps = t.chars().any(|c| c.is_alphabetic()) && !t.chars().any(|c| c.is_lowercase());
    let by_follows = super::next_text(cx.lines, i).is_some_and(|j| {
        cx.text(j)
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("by")
    });
    caps && (legal_form(t).is_some() || by_follows) && !looks_like_person(t)
}

/// A chain reads outward from the entity: each link signs for the one before. A person can only be
/// the last link, and no name may appear twice; otherwise the lines are two blocks printed side by
/// side or a layout not understood, and nothing is claimed.
fn chain_is_coherent(chain: &[(String, String, usize)]) -> bool {
    let persons_inside = chain
        .iter()
        .rev()
        .skip(1)
        .any(|(name, _, _)| looks_like_person(name));
    let mut keys: Vec<String> = chain
        .iter()
        .map(|(n, _, _)| crate::names::norm_key_memo(n))
        .collect();
    keys.sort();
    let before = keys.len();
    keys.dedup();
    !persons_inside && keys.len() == before
}

fn is_organisation(name: &str) -> bool {
    let name = name.trim_end_matches([',', ' ']);
    crate::names::is_plausible_name(name) && legal_form(name).is_some() && !looks_like_person(name)
}

/// Turns a finished signature into relations.
fn flush(
    cx: &Cx,
    parties: &Parties,
    out: &mut Signatures,
    block: &mut Block,
    pending: Option<Pending>,
    date: &Option<String>,
) {
    let Some(sig) = pending else { return };
    let signer = parties.canonical(&sig.name);
    if !crate::names::is_plausible_name(&signer) {
        return;
    }
    out.found = true;
    out.named.push((signer.clone(), sig.idx));
    let Some((entity, entity_idx)) = block
        .entity
        .clone()
        .filter(|(e, _)| crate::names::is_plausible_name(e))
    else {
        return;
    };
    if same_name(&signer, &entity) || block.unclear {
        *block = Block::default();
        return;
    }
    if !chain_is_coherent(&block.chain) {
        *block = Block::default();
        return;
    }
    out.named.push((entity.clone(), entity_idx));
    let mut signed_for = entity;
    for (manager, role, idx) in &block.chain {
        if same_name(manager, &signed_for) {
            continue;
        }
        out.named.push((manager.clone(), *idx));
        if MANAGING_ROLES.contains(&role.as_str()) {
            out.relations.push(Relation {
                source: manager.clone(),
                target: signed_for.clone(),
                statement: Statement::manages(role.clone()),
                evidence: cx.ev(*idx),
            });
        }
        let signing = Signing {
            capacity: (!role.is_empty()).then(|| role.clone()),
            date: date.clone(),
            ..Signing::default()
        };
        out.relations.push(Relation {
            source: manager.clone(),
            target: signed_for.clone(),
            statement: Statement::SignsFor(signing),
            evidence: cx.ev(*idx),
        });
        signed_for = manager.clone();
    }
    let signing = Signing {
        title: sig.title.filter(|t| !t.is_empty()),
        date: date.clone(),
        ..Signing::default()
    };
    if !same_name(&signer, &signed_for) {
        out.relations.push(Relation {
            source: signer,
            target: signed_for,
            statement: Statement::SignsFor(signing),
            evidence: cx.ev(sig.idx),
        });
    }
    *block = Block::default();
}

impl Signatures {
    /// Adds every entity and person the blocks name.
    pub(crate) fn add_parties(&self, cx: &Cx, parties: &mut Parties) {
        for (name, idx) in &self.named {
            parties.upsert(name, NodeKind::Company, cx.ev(*idx));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_titles_split_at_the_comma() {
        assert_eq!(
            split_name_title("Carlo Ferro, Chief Financial Officer"),
            ("Carlo Ferro".into(), Some("Chief Financial Officer".into()))
        );
        assert_eq!(
            split_name_title("Guy L. Hecker, Jr."),
            ("Guy L. Hecker, Jr.".into(), None)
        );
        assert_eq!(
            split_name_title("Patrick G. G. Dear"),
            ("Patrick G. G. Dear".into(), None)
        );
    }

    #[test]
    fn by_lines_name_the_manager_and_role() {
        let c = BY_CHAIN
            .captures("By Polygon Investment Partners LLP, its investment manager")
            .unwrap();
        assert_eq!(
            (&c[1], role(&c[2]).as_str()),
            ("Polygon Investment Partners LLP", "investment manager")
        );
        let c = BY_CHAIN
            .captures("By: Quarry Lane Management, L.L.C., its general partner")
            .unwrap();
        assert_eq!(&c[1], "Quarry Lane Management, L.L.C.");
        assert!(BY_CHAIN.captures("By /s/ Patrick G. G. Dear").is_none());
        let c = BY_CHAIN
            .captures("By: Coliseum Capital, LLC, General Partner")
            .unwrap();
        assert_eq!(
            (&c[1], role(&c[2]).as_str()),
            ("Coliseum Capital, LLC", "general partner")
        );
        assert!(BY_CHAIN
            .captures("By: Smith Investment Manager LLC")
            .is_none());
        assert!(ITS_ROLE.is_match("Its: General Partner"));
        assert!(BARE_ROLE.is_match("General Partner"));
    }

    #[test]
    fn printed_titles() {
        assert_eq!(
            printed_title("James J. Cramer, President", "James J. Cramer").as_deref(),
            Some("President")
        );
        assert_eq!(printed_title("James J. Cramer", "James J. Cramer"), None);
        assert_eq!(
            printed_title(
                "Monica R. Landry, individually and as attorney-in-fact for each of A",
                "Monica R. Landry"
            )
            .as_deref(),
            Some("Attorney-in-Fact")
        );
    }
}
