//! Synthetic filers for benchmarks: organisation and person names with the variants real filings
//! show (case, punctuation, legal-form spelling, conformed order, typos), spread over filings.
//! Deterministic: the same count gives the same names.

use relgraph::model::{Facts, Identifiers, NodeKind, Party};

const WORDS: &[&str] = &[
    "Ashgrove",
    "Birchwood",
    "Cedar",
    "Dunmore",
    "Elmstead",
    "Fenwick",
    "Glenrock",
    "Harlow",
    "Ironbridge",
    "Juniper",
    "Kestrel",
    "Larkspur",
    "Marlow",
    "Northgate",
    "Oakridge",
    "Pinecrest",
    "Quarry",
    "Ravenhill",
    "Stonebrook",
    "Thornbury",
    "Underhill",
    "Valemont",
    "Westbury",
    "Yarrow",
    "Zephyr",
    "Alder",
    "Bramble",
    "Copper",
    "Driftwood",
    "Ember",
];
const KINDS: &[&str] = &[
    "Capital",
    "Partners",
    "Investments",
    "Management",
    "Holdings",
    "Advisors",
    "Ventures",
    "Equity",
    "Fund",
    "Asset Management",
];
const FORMS: &[(&str, &str)] = &[
    ("LLC", "L.L.C."),
    ("L.P.", "LP"),
    ("Ltd.", "Limited"),
    ("Inc.", "Incorporated"),
    ("LLP", "LLP"),
    ("Corp.", "Corporation"),
];
const NUMBERS: &[&str] = &["", " II", " III", " IV", " (Offshore)", " Master"];
const FIRST: &[&str] = &[
    "James", "Mary", "Robert", "Patricia", "Michael", "Linda", "William", "Barbara", "David",
    "Susan", "Richard", "Karen", "Thomas", "Nancy", "Charles", "Lisa",
];
const LAST: &[&str] = &[
    "Smith",
    "Johnson",
    "Brennick",
    "Falkenried",
    "Grubenmatt",
    "Walderli",
    "Varga",
    "Lind",
    "Pennymore",
    "Castellane",
    "Quennell",
    "Ashcombe",
    "Delacourt",
    "Varkey",
    "Pemberton",
    "Haverstock",
];

/// A tiny deterministic generator (xorshift), so benchmarks need no random-number crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// `count` names over filings of 50 parties each: about one in three a variant of an earlier name.
pub fn facts(count: usize) -> Vec<Facts> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut names: Vec<(String, NodeKind)> = Vec::with_capacity(count);
    while names.len() < count {
        let variant = !names.is_empty() && rng.next().is_multiple_of(3);
        if variant {
            let (base, kind) = names[(rng.next() % names.len() as u64) as usize].clone();
            names.push((vary(&base, &mut rng), kind));
        } else if rng.next().is_multiple_of(4) {
            let middle = (b'A' + (rng.next() % 26) as u8) as char;
            names.push((
                format!("{} {}. {}", rng.pick(FIRST), middle, rng.pick(LAST)),
                NodeKind::Individual,
            ));
        } else {
            let (form, _) = FORMS[(rng.next() % FORMS.len() as u64) as usize];
            let n = rng.next() % 1000;
            let name = format!(
                "{} {} {}{}{} {}",
                rng.pick(WORDS),
                rng.pick(WORDS),
                rng.pick(KINDS),
                if n < 500 {
                    format!(" {n}")
                } else {
                    String::new()
                },
                rng.pick(NUMBERS),
                form
            );
            names.push((name, NodeKind::Company));
        }
    }
    names
        .chunks(50)
        .enumerate()
        .map(|(i, chunk)| Facts {
            parties: chunk
                .iter()
                .map(|(name, kind)| party(name, *kind))
                .collect(),
            ..Facts::new(
                format!("synthetic-{i:07}"),
                format!("synthetic/{i:07}.txt"),
                "SC 13G",
            )
        })
        .collect()
}

/// A spelling of the same name: upper case, the other legal-form spelling, no punctuation, or a
/// one-letter typo.
fn vary(name: &str, rng: &mut Rng) -> String {
    match rng.next() % 4 {
        0 => name.to_uppercase(),
        1 => FORMS.iter().fold(name.to_string(), |s, (a, b)| {
            if s.ends_with(a) {
                format!("{}{}", &s[..s.len() - a.len()], b)
            } else {
                s
            }
        }),
        2 => name.replace(['.', ','], ""),
        _ => {
            let mut chars: Vec<char> = name.chars().collect();
            let at = 3 + (rng.next() as usize % chars.len().saturating_sub(6).max(1));
            if at < chars.len() && chars[at].is_ascii_lowercase() {
                chars[at] = if chars[at] == 'e' { 'a' } else { 'e' };
            }
            chars.into_iter().collect()
        }
    }
}

fn party(name: &str, kind: NodeKind) -> Party {
    Party {
        name: name.to_string(),
        kind,
        aliases: vec![],
        ids: Identifiers::default(),
        citizenship: None,
        address: None,
        type_codes: vec![],
        reporting_person: true,
        evidence: vec![],
    }
}
