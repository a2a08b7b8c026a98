//! The registrant's directors and officers as the readers of a proxy or annual report find them:
//! one entry per person, with at most one board seat and one officer title, whichever reader
//! found it first (a table's Position column before a biography's prose), and the evidence of
//! each.

use super::Registrant;
use crate::extract::toolkit::parties::Parties;
use crate::extract::toolkit::roles;
use crate::model::{Evidence, NodeKind, Relation, Seat, Statement};
use crate::names::norm_key;

#[derive(Debug, Default)]
struct Entry {
    key: String,
    name: String,
    board: Option<(Seat, Evidence)>,
    officer: Option<(String, Evidence)>,
}

/// The people found so far.
#[derive(Debug, Default)]
pub(super) struct Roster {
    entries: Vec<Entry>,
}

/// Titles that say the person no longer holds the office.
pub(super) fn is_former(title: &str) -> bool {
    let t = title.trim_start().to_ascii_lowercase();
    ["former", "retired", "ex-", "previously", "interim former"]
        .iter()
        .any(|w| t.starts_with(w))
}

/// "Chairman and Senior Executive": an office the title classes do not name.
fn senior_executive(title: &str) -> Option<String> {
    static PART: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::text::re(
            r"(?i)(?:^|,\s*|\s+and\s+)((?:senior|principal)\s+executive)\s*(?:,|\s+and\s+|$)",
        )
    });
    PART.captures(title).map(|c| plain_title(&c[1]))
}

/// A title without the clause that follows it in prose ("Chief Financial Officer, a position she
/// has held since 2021", "President, which role ...").
fn clip(title: &str) -> String {
    static TAIL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::text::re(
            r"(?i),?\s+(?:(?:a|an|the)\s+(?:position|role|office|title|capacity)\b|which\b|where\b|who\b|in\s+which\b).*$",
        )
    });
    TAIL.replace(title, "").trim().to_string()
}

/// A title as a heading prints it: no leading article ("a Director"), capitalised when printed in
/// lower case in prose ("chief executive officer").
fn plain_title(title: &str) -> String {
    let t = title.trim();
    let t = ["a ", "an ", "the ", "A ", "An ", "The "]
        .iter()
        .find_map(|a| t.strip_prefix(a))
        .unwrap_or(t);
    if t.chars().any(char::is_uppercase) {
        return t.to_string();
    }
    t.split(' ')
        .map(|w| match w {
            "and" | "of" | "the" | "for" | "to" => w.to_string(),
            _ => {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Officer acronyms as printed: a title case of "CEO" ("Ceo") is undone.
fn acronyms(title: &str) -> String {
    title
        .split(' ')
        .map(|w| {
            let bare = w.trim_end_matches(',');
            match bare {
                "Ceo" | "Cfo" | "Coo" | "Cto" | "Cio" | "Cao" | "Cco" | "Evp" | "Svp" | "Vp" => {
                    w.to_ascii_uppercase()
                }
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Roster {
    fn entry(&mut self, name: &str) -> Option<&mut Entry> {
        let key = norm_key(name);
        if key.is_empty() {
            return None;
        }
        let at = match self.entries.iter().position(|e| e.key == key) {
            Some(at) => at,
            None => {
                self.entries.push(Entry {
                    key,
                    name: name.to_string(),
                    ..Entry::default()
                });
                self.entries.len() - 1
            }
        };
        self.entries.get_mut(at)
    }

    /// Whether the person is known already.
    pub fn knows(&self, name: &str) -> bool {
        let key = norm_key(name);
        self.entries.iter().any(|e| e.key == key)
    }

    /// The known person whose surname is `surname` (one only: two Laurens stay unknown).
    pub fn by_surname(&self, surname: &str) -> Option<String> {
        let up = surname.to_uppercase();
        let mut found = self
            .entries
            .iter()
            .filter(|e| crate::names::surname(&e.name).is_some_and(|s| s == up));
        let first = found.next()?;
        found.next().is_none().then(|| first.name.clone())
    }

    /// The keys of the entries with this surname when they are one person printed in several
    /// spellings ("John Hammergren", "John H. Hammergren": one first name); none otherwise.
    fn keys_of_surname(&self, surname: &str) -> Vec<String> {
        let up = surname.to_uppercase();
        let same: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| crate::names::surname(&e.name).is_some_and(|s| s == up))
            .collect();
        let first = |e: &Entry| e.name.split_whitespace().next().map(str::to_uppercase);
        match same.first() {
            Some(f) if same.iter().all(|e| first(e) == first(f)) => {
                same.iter().map(|e| e.key.clone()).collect()
            }
            _ => Vec::new(),
        }
    }

    /// A board seat; a later seat with a chair's title replaces a plain "Director".
    pub fn seat(&mut self, name: &str, mut seat: Seat, ev: Evidence) {
        seat.title = plain_title(&seat.title);
        let Some(e) = self.entry(name) else { return };
        match &mut e.board {
            None => e.board = Some((seat, ev)),
            Some((old, _)) => {
                if old.title == "Director" && seat.title != "Director" {
                    old.title = seat.title;
                }
                old.since = old.since.take().or(seat.since);
                old.nominee |= seat.nominee;
            }
        }
    }

    /// An officer title (a former one is not taken).
    pub fn officer(&mut self, name: &str, title: &str, ev: Evidence) {
        if is_former(title) {
            return;
        }
        let Some(e) = self.entry(name) else { return };
        if e.officer.is_none() {
            e.officer = Some((plain_title(&acronyms(&roles::tidy(title))), ev));
        }
    }

    /// A title that may hold a board part and an officer part ("Chairman and Chief Executive
    /// Officer"): each goes where it belongs. Returns whether it held either.
    pub fn title(&mut self, name: &str, title: &str, ev: Evidence) -> bool {
        let title = &clip(title);
        if is_former(title) {
            return false;
        }
        let r = roles::classify(title);
        if let Some(board) = r.board.as_ref() {
            let seat = Seat {
                title: board.clone(),
                since: None,
                nominee: false,
            };
            self.seat(name, seat, ev.clone());
        }
        let officer = r.officer.clone().or_else(|| senior_executive(title));
        if let Some(officer) = officer.as_ref() {
            self.officer(name, &acronyms(officer), ev);
        }
        r.board.is_some() || officer.is_some()
    }

    /// Drops the offices of the people who left them ("Mr. Mandich resigned from his position"):
    /// a full name, or an honorific and a surname that names one person only.
    pub fn drop_offices_of(&mut self, departed: &[(String, bool)]) {
        for (who, all) in departed {
            let keys: Vec<String> = if crate::names::strip_honorific(who) == who.as_str() {
                vec![norm_key(who)]
            } else {
                crate::names::surname(who).map_or_else(Vec::new, |s| self.keys_of_surname(&s))
            };
            for e in self.entries.iter_mut().filter(|e| keys.contains(&e.key)) {
                e.officer = None;
                if *all {
                    e.board = None;
                }
            }
        }
    }

    /// A title printed for someone a list calls an executive officer: as [`Roster::title`], and a
    /// chair's title that does not name the board ("Vice Chairman", "Executive Chairman") is an
    /// office too.
    pub fn executive(&mut self, name: &str, title: &str, ev: Evidence) {
        if !self.title(name, title, ev.clone()) {
            return;
        }
        let r = roles::classify(title);
        let lower = title.to_ascii_lowercase();
        if r.officer.is_none() && lower.contains("chair") && !lower.contains("board") {
            self.officer(name, title, ev);
        }
    }

    /// The relations, each person a party of the filing.
    pub fn into_relations(self, registrant: &Registrant, parties: &mut Parties) -> Vec<Relation> {
        let mut out = Vec::new();
        for e in self.entries {
            let first_ev = e
                .board
                .as_ref()
                .map(|(_, ev)| ev.clone())
                .or_else(|| e.officer.as_ref().map(|(_, ev)| ev.clone()));
            let Some(ev) = first_ev else { continue };
            let pi = parties.upsert(&e.name, NodeKind::Individual, ev);
            let person = parties.get(pi).name.clone();
            if let Some((seat, evidence)) = e.board {
                out.push(Relation {
                    source: person.clone(),
                    target: registrant.name.clone(),
                    statement: Statement::BoardMemberOf(seat),
                    evidence,
                });
            }
            if let Some((title, evidence)) = e.officer {
                out.push(Relation {
                    source: person,
                    target: registrant.name.clone(),
                    statement: Statement::officer(title),
                    evidence,
                });
            }
        }
        out
    }
}
