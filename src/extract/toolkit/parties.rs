//! The parties a filing names, kept once each: a later mention of the same name (in any spelling
//! that normalises alike, or by one of its defined terms) adds evidence to the first.

use crate::model::{Evidence, NodeKind, Party};
use crate::names::{norm_key, strip_honorific};

#[derive(Debug, Default)]
pub(crate) struct Parties {
    list: Vec<Party>,
    keys: Vec<Vec<String>>,
    /// Each key's first party: the look-ups are by hash, not by a walk of every party's keys, so
    /// a filing of thousands of names (every line a signature) costs linear time, not quadratic.
    by_key: std::collections::HashMap<String, usize>,
}

impl Parties {
    /// Index of the party a name or defined term refers to.
    pub fn find(&self, name: &str) -> Option<usize> {
        let key = crate::names::norm_key_memo(name);
        if key.is_empty() {
            return None;
        }
        self.by_key.get(key.as_str()).copied()
    }

    /// Gives party `i` the key `key` (a name's or a defined term's).
    fn add_key(&mut self, i: usize, key: String) {
        if self.keys[i].contains(&key) {
            return;
        }
        self.by_key
            .entry(key.clone())
            .and_modify(|first| *first = (*first).min(i))
            .or_insert(i);
        self.keys[i].push(key);
    }

    /// The name to record a fact under: the party's own name when the mention is known.
    pub fn canonical(&self, name: &str) -> String {
        match self.find(name) {
            Some(i) => self.list[i].name.clone(),
            None => clean_name(name),
        }
    }

    /// Every key party `i` is known by: its name's first, then its defined terms' and spellings'.
    pub fn keys_of(&self, i: usize) -> &[String] {
        &self.keys[i]
    }

    /// The normalised key of party `i`'s own name (`names::norm_key`).
    pub fn name_key(&self, i: usize) -> &str {
        &self.keys[i][0]
    }

    pub fn get(&self, i: usize) -> &Party {
        &self.list[i]
    }

    pub fn get_mut(&mut self, i: usize) -> &mut Party {
        &mut self.list[i]
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Party> {
        self.list.iter()
    }

    /// Adds a mention; returns the party's index.
    pub fn upsert(&mut self, name: &str, kind: NodeKind, evidence: Evidence) -> usize {
        if let Some(i) = self.find(name) {
            let p = &mut self.list[i];
            p.evidence.push(evidence);
            // A spelling without honorific or in mixed case reads better than ALL CAPS.
            let cleaned = clean_name(name);
            if crate::names::is_all_caps(&p.name) && !crate::names::is_all_caps(&cleaned) {
                let old = std::mem::replace(&mut p.name, cleaned);
                push_unique(&mut p.aliases, old);
            }
            return i;
        }
        let name = clean_name(name);
        self.keys.push(Vec::new());
        self.add_key(self.list.len(), norm_key(&name));
        self.list.push(Party {
            name,
            kind,
            aliases: Vec::new(),
            ids: Default::default(),
            citizenship: None,
            address: None,
            type_codes: Vec::new(),
            reporting_person: false,
            evidence: vec![evidence],
        });
        self.list.len() - 1
    }

    /// The party whose name or defined term the text starts with (the longest wins).
    pub fn named_at_start(&self, text: &str) -> Option<usize> {
        let key = norm_key(super::head(text, super::CONTEXT_CHARS));
        // the whole text, then each shorter run of its first words
        let ends = std::iter::once(key.len()).chain(key.rmatch_indices(' ').map(|(at, _)| at));
        ends.filter_map(|at| self.known_key(&key[..at])).next()
    }

    /// The first party with this key, unless it is empty.
    fn known_key(&self, key: &str) -> Option<usize> {
        match key.is_empty() {
            true => None,
            false => self.by_key.get(key).copied(),
        }
    }

    /// Records a defined term or other spelling for party `i`.
    pub fn add_alias(&mut self, i: usize, alias: &str) {
        let alias = alias.trim().to_string();
        let key = norm_key(&alias);
        if alias.is_empty() || key.is_empty() || alias == self.list[i].name {
            return;
        }
        self.add_key(i, key);
        push_unique(&mut self.list[i].aliases, alias);
    }

    /// The issuer's index: the party holding the issuer's own evidence.
    pub fn issuer(&self) -> Option<usize> {
        self.list.iter().position(|p| p.kind == NodeKind::Issuer)
    }

    /// The parties, each with its evidence in line order and without repeats.
    pub fn into_vec(mut self) -> Vec<Party> {
        for p in &mut self.list {
            p.evidence.sort_by_key(|e| e.line);
            p.evidence.dedup();
        }
        self.list
    }
}

/// A name as recorded: whitespace squashed, honorific and trailing punctuation other than a legal
/// form's period removed.
pub(crate) fn clean_name(name: &str) -> String {
    let s = crate::text::squash(name);
    let s = ENUMERATOR.replace(&s, "");
    let s = APPOSITIVE.replace(&s, "");
    let s = strip_honorific(&s);
    s.trim_matches(|c: char| c == ',' || c == ';' || c == ':' || c == '*' || c.is_whitespace())
        .to_string()
}

/// "(i) Name", "(a) Name", "1. Name": list markers before a name.
static ENUMERATOR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::text::re(r"^\s*(?:\((?:[ivx]{1,4}|[a-h]|\d{1,2})\)|\d{1,2}[.)])\s+")
});
/// "Centaurus Capital LP, a United Kingdom limited partnership": what the entity is, not its name.
static APPOSITIVE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::text::re(
        r"(?i),\s+an?\s+[^,]{0,60}?(?:limited\s+partnership|partnership|corporation|company|limited\s+liability\s+company|exempted\s+company|trust|entity)\s*$",
    )
});

pub(crate) fn push_unique(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(line: usize) -> Evidence {
        Evidence {
            filing: "f".into(),
            line,
            text: String::new(),
        }
    }

    #[test]
    fn spellings_and_aliases_find_one_party() {
        let mut p = Parties::default();
        let a = p.upsert("POLYGON INVESTMENT PARTNERS LLP", NodeKind::Company, ev(1));
        let b = p.upsert("Polygon Investment Partners LLP", NodeKind::Company, ev(2));
        assert_eq!(a, b);
        assert_eq!(p.get(a).name, "Polygon Investment Partners LLP");
        let lp = p.upsert("Polygon Investment Partners LP", NodeKind::Company, ev(3));
        assert_ne!(a, lp);
        p.add_alias(a, "UK Investment Manager");
        assert_eq!(p.find("the UK Investment Manager"), Some(a));
        assert_eq!(p.canonical("Mr. Reade E. Griffith"), "Reade E. Griffith");
        assert_eq!(
            clean_name("(i) Richmond Hill Investment Co., LP"),
            "Richmond Hill Investment Co., LP"
        );
        assert_eq!(
            clean_name("Centaurus Capital LP, a United Kingdom limited partnership"),
            "Centaurus Capital LP"
        );
    }
}
