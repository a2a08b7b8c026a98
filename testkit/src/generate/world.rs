//! The fictional world filings are written about, and the truth they state.

use super::write;
use super::Rng;
use relgraph::model::EdgeKind;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

const WORDS: &[&str] = &[
    "Ashgrove",
    "Birchwood",
    "Cedarline",
    "Dunmore",
    "Elmstead",
    "Fenwick",
    "Glenrock",
    "Harlow",
    "Ironbridge",
    "Juniper",
    "Kestrel",
    "Larkspur",
    "Marlowe",
    "Northgate",
    "Oakridge",
    "Pinecrest",
    "Quarrywood",
    "Ravenhill",
    "Stonebrook",
    "Thornbury",
    "Underhill",
    "Valemont",
    "Westbury",
    "Yarrowby",
    "Zephyrine",
    "Alderney",
    "Bramblecote",
    "Copperfield",
    "Driftmoor",
    "Emberly",
    "Foxhollow",
    "Greyfriar",
    "Hollybank",
    "Ivystone",
    "Kingsmere",
    "Lowther",
];
const INDUSTRY: &[&str] = &[
    "Robotics",
    "Therapeutics",
    "Semiconductor",
    "Logistics",
    "Energy",
    "Biosciences",
    "Networks",
    "Foods",
    "Materials",
    "Software",
];
const FIRST: &[&str] = &[
    "James", "Mary", "Robert", "Patricia", "Michael", "Linda", "William", "Barbara", "David",
    "Susan", "Richard", "Karen", "Thomas", "Nancy", "Charles", "Lisa", "Petra", "Dorian",
];
const FIRST_MORE: &[&str] = &[
    "Anton", "Beatrix", "Cormac", "Delphine", "Emeric", "Fiona", "Gideon", "Helena", "Ivo",
    "Johanna", "Kasimir", "Leonie", "Magnus", "Nadia", "Oskar", "Philippa", "Quentin", "Rosalind",
    "Severin", "Tamsin", "Ulric", "Vivienne",
];
/// Surnames are built from two parts, so a large world has enough distinct people.
const LAST_HEAD: &[&str] = &[
    "Brenn", "Falken", "Gruben", "Walder", "Vargas", "Lind", "Penny", "Castel", "Quen", "Ash",
    "Dela", "Var", "Pember", "Haver", "Okon", "Tre", "Halvor", "Ibar", "Mor", "Stan", "Kessel",
    "Rook", "Thal", "Wester", "Sorel", "Bramm", "Colby", "Dun", "Elling", "Forst", "Gallo", "Hend",
    "Isel", "Jarr", "Kell", "Lom", "Marr", "Nort", "Oller", "Pask", "Rend", "Sall", "Tarr", "Uhl",
    "Vell", "Wynd", "Yarr", "Zell", "Abber", "Bel",
];
const LAST_TAIL: &[&str] = &[
    "ick", "ried", "matt", "li", "son", "qvist", "more", "lane", "nell", "combe", "court", "key",
    "ton", "stock", "wo", "maine", "sen", "rola", "ford", "by", "wick", "ham", "well", "ridge",
    "shaw", "dale", "field", "worth", "croft", "holm",
];
const TITLES: &[&str] = &[
    "Chief Executive Officer",
    "Chief Financial Officer",
    "General Counsel",
    "Chief Operating Officer",
    "Senior Vice President",
];

/// An entity of the world, as the truth file lists it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TruthEntity {
    pub id: String,
    pub name: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cik: Option<String>,
    /// Every spelling the filings use for it.
    pub spellings: BTreeSet<String>,
}

/// A relation the filings state: (source entity, kind, target entity).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TruthEdge {
    pub source: String,
    pub kind: EdgeKind,
    pub target: String,
}

/// One generated filing: its file name, bytes, and what it states.
pub struct GenFiling {
    pub file: String,
    pub form: &'static str,
    pub text: String,
    pub edges: Vec<TruthEdge>,
    /// (spelling used, entity id)
    pub spellings: Vec<(String, String)>,
}

/// What the generated filings state, for measuring a build against.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Truth {
    pub entities: Vec<TruthEntity>,
    pub edges: BTreeSet<TruthEdge>,
    pub filings_by_form: BTreeMap<String, usize>,
    #[serde(skip)]
    index: BTreeMap<String, usize>,
}

impl Truth {
    pub(super) fn add_filing(&mut self, f: GenFiling) {
        *self.filings_by_form.entry(f.form.to_string()).or_default() += 1;
        self.edges.extend(f.edges);
        for (spelling, id) in f.spellings {
            if let Some(&i) = self.index.get(&id) {
                self.entities[i].spellings.insert(spelling);
            }
        }
    }

    /// Drops the entities no filing mentions.
    pub(super) fn finish(&mut self) {
        self.entities.retain(|e| !e.spellings.is_empty());
        self.index_entities();
    }

    /// Entity id -> position in `entities`.
    fn index_entities(&mut self) {
        self.index = self
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
    }

    /// Entity id by the normalised key of any of its spellings (`names::norm_key`).
    pub fn by_key(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut m: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for e in &self.entities {
            for s in &e.spellings {
                m.entry(relgraph::names::norm_key(s))
                    .or_default()
                    .insert(e.id.clone());
            }
        }
        m
    }
}

#[derive(Debug, Clone)]
pub(super) struct Entity {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub cik: String,
}

#[derive(Debug, Clone)]
pub(super) struct Issuer {
    pub entity: Entity,
    pub cusip: String,
    pub symbol: String,
}

#[derive(Debug, Clone)]
pub(super) struct Family {
    pub manager: Entity,
    /// "its investment manager" of the funds
    pub gp: Entity,
    pub person: Entity,
    pub funds: Vec<Entity>,
}

#[derive(Debug, Clone)]
pub(super) struct Insider {
    pub person: Entity,
    pub issuer: usize,
    /// None: a director.
    pub title: Option<&'static str>,
    pub agent: Entity,
}

pub(super) struct World {
    pub issuers: Vec<Issuer>,
    pub families: Vec<Family>,
    pub insiders: Vec<Insider>,
}

impl World {
    pub fn new(filings: usize, rng: &mut Rng) -> World {
        let mut cik = 1_900_000u64;
        let mut next_cik = || {
            cik += 1;
            format!("{cik:010}")
        };
        let mut used = BTreeSet::new();
        let mut unique = |rng: &mut Rng, make: &dyn Fn(&mut Rng) -> String| loop {
            let name = make(rng);
            // people differ by first and last name, so a filing may drop the middle initial
            let key: Vec<String> = relgraph::names::norm_key(&name)
                .split(' ')
                .filter(|w| w.len() > 1)
                .map(str::to_string)
                .collect();
            if used.insert(key.join(" ")) {
                return name;
            }
        };
        let n_issuers = (filings / 8).max(8);
        let issuers = (0..n_issuers)
            .map(|i| {
                let name = unique(rng, &|r: &mut Rng| {
                    format!(
                        "{} {} {}, {}",
                        word(r),
                        word(r),
                        r.pick(INDUSTRY),
                        r.pick(&["Inc.", "Corp.", "Holdings, Inc."])
                    )
                });
                let base6 = format!("{:06}", 100_000 + i * 7 % 900_000).replace('0', "7");
                let first8 = format!("{}{}", &base6[..6], "10");
                let check = relgraph::text::cusip_check_digit(&first8).unwrap_or(0);
                Issuer {
                    entity: Entity {
                        id: format!("issuer-{i}"),
                        name,
                        kind: "issuer",
                        cik: next_cik(),
                    },
                    cusip: format!("{first8}{check}"),
                    symbol: symbol(i),
                }
            })
            .collect();
        let n_families = (filings / 16).max(4);
        let families = (0..n_families)
            .map(|i| {
                let base = unique(rng, &|r: &mut Rng| format!("{} {}", word(r), word(r)));
                let twin = i % 5 == 0;
                let entity = |id: &str, name: String, kind: &'static str, cik: String| Entity {
                    id: format!("family-{i}-{id}"),
                    name,
                    kind,
                    cik,
                };
                let manager_name = if twin {
                    format!("{base} Partners LLP")
                } else {
                    format!("{base} Capital Management, L.P.")
                };
                let mut funds = vec![entity(
                    "fund",
                    format!("{base} Fund, L.P."),
                    "fund",
                    next_cik(),
                )];
                if i % 3 == 0 {
                    funds.push(entity(
                        "fund2",
                        format!("{base} Fund II, L.P."),
                        "fund",
                        next_cik(),
                    ));
                }
                if i % 4 == 1 {
                    funds.push(entity(
                        "master",
                        format!("{base} Master Fund, Ltd."),
                        "fund",
                        next_cik(),
                    ));
                }
                if twin {
                    funds.push(entity(
                        "twin",
                        format!("{base} Partners LP"),
                        "fund",
                        next_cik(),
                    ));
                }
                let person = unique(rng, &person_name);
                Family {
                    manager: entity("manager", manager_name, "manager", next_cik()),
                    gp: entity(
                        "gp",
                        format!("{base} Capital GP, LLC"),
                        "manager",
                        next_cik(),
                    ),
                    person: entity("person", person, "individual", next_cik()),
                    funds,
                }
            })
            .collect();
        // attorneys-in-fact: a few at each law firm sign for many insiders
        let agents: Vec<Entity> = (0..(filings / 100).max(4))
            .map(|i| Entity {
                id: format!("agent-{i}"),
                name: unique(rng, &person_name),
                kind: "individual",
                cik: String::new(),
            })
            .collect();
        let n_insiders = (filings / 4).max(8);
        let insiders = (0..n_insiders)
            .map(|i| {
                let name = unique(rng, &person_name);
                Insider {
                    person: Entity {
                        id: format!("insider-{i}"),
                        name,
                        kind: "individual",
                        cik: next_cik(),
                    },
                    issuer: rng.below(n_issuers),
                    title: if rng.chance(40) {
                        None
                    } else {
                        Some(*rng.pick(TITLES))
                    },
                    agent: agents[rng.below(agents.len())].clone(),
                }
            })
            .collect();
        World {
            issuers,
            families,
            insiders,
        }
    }

    pub fn truth_entities(&self) -> Truth {
        let mut t = Truth::default();
        let mut add = |e: &Entity| {
            t.entities.push(TruthEntity {
                id: e.id.clone(),
                name: e.name.clone(),
                kind: e.kind.to_string(),
                cik: (!e.cik.is_empty()).then(|| e.cik.clone()),
                spellings: BTreeSet::new(),
            })
        };
        for i in &self.issuers {
            add(&i.entity);
        }
        for f in &self.families {
            for e in f.funds.iter().chain([&f.manager, &f.gp, &f.person]) {
                add(e);
            }
        }
        let mut agents = BTreeSet::new();
        for i in &self.insiders {
            add(&i.person);
            if agents.insert(i.agent.id.clone()) {
                add(&i.agent);
            }
        }
        t.index_entities();
        t
    }

    /// Filing number `i`: a family's schedule (text, HTML, submission or XML) or an insider's
    /// Form 4. The shares mix follows EDGAR's: mostly schedules, a good share of Form 4s.
    pub fn filing(&self, i: usize, rng: &mut Rng) -> GenFiling {
        let roll = rng.below(100);
        if roll < 25 {
            let insider = &self.insiders[rng.below(self.insiders.len())];
            return write::form4(i, insider, &self.issuers[insider.issuer], rng);
        }
        let family = &self.families[rng.below(self.families.len())];
        let issuer = &self.issuers[rng.below(self.issuers.len())];
        let shape = match roll {
            25..=54 => write::Shape::Text,
            55..=69 => write::Shape::Html,
            70..=84 => write::Shape::Submission,
            _ => write::Shape::Xml,
        };
        write::schedule(i, family, issuer, shape, rng)
    }
}

/// A place-like word: one of the list, or made of two parts, so a world of 100,000 filings has
/// enough distinct firms.
fn word(r: &mut Rng) -> String {
    if r.chance(50) {
        r.pick(WORDS).to_string()
    } else {
        let head = r.pick(WORDS);
        let head = &head[..head.len().min(4)];
        format!(
            "{head}{}",
            r.pick(&[
                "ton", "field", "more", "wick", "dale", "bury", "haven", "stead", "mere", "ford",
                "gate", "holt"
            ])
        )
    }
}

/// "Jane Q. Doe".
fn person_name(r: &mut Rng) -> String {
    let first = if r.chance(50) {
        r.pick(FIRST)
    } else {
        r.pick(FIRST_MORE)
    };
    format!(
        "{first} {}. {}{}",
        (b'A' + r.below(26) as u8) as char,
        r.pick(LAST_HEAD),
        r.pick(LAST_TAIL)
    )
}

/// "QLRB"-like ticker from a number.
fn symbol(mut i: usize) -> String {
    let mut s = String::new();
    for _ in 0..4 {
        s.push((b'A' + (i % 26) as u8) as char);
        i /= 26;
    }
    s
}
