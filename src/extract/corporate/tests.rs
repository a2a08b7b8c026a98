//! The readers of proxies and annual reports on invented filings (tests/fixtures/corporate/):
//! each layout and wording here differs from the real filing that prompted its rule.

use crate::load::load_bytes;
use crate::model::{Facts, Percent, Statement};

/// The facts of a fixture.
fn read(name: &str) -> Facts {
    let path = format!(
        "{}/tests/fixtures/corporate/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).expect("the fixture");
    let doc = load_bytes(&path, &bytes).expect("it loads");
    let form = crate::detect::detect(&doc);
    crate::extract::read_facts(&doc, &form).expect("it reads")
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// (person, title) of the seats or the offices, sorted.
fn titles(facts: &Facts, board: bool) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = facts
        .relations
        .iter()
        .filter_map(|r| match (&r.statement, board) {
            (Statement::BoardMemberOf(s), true) => Some((r.source.clone(), s.title.clone())),
            (Statement::OfficerOf { title }, false) => Some((r.source.clone(), title.clone())),
            _ => None,
        })
        .collect();
    // the same seat stated twice is one edge in the store, with both lines as evidence
    out.sort();
    out.dedup();
    out
}

/// (holder, shares, percent as text) of the holdings, sorted.
fn holdings(facts: &Facts) -> Vec<(String, Option<u64>, String)> {
    let mut out: Vec<(String, Option<u64>, String)> = facts
        .holdings
        .iter()
        .map(|h| {
            let p = match h.stake.percent {
                Some(Percent::Exact(v)) => format!("{v}"),
                Some(Percent::LessThan(v)) => format!("<{v}"),
                None => String::new(),
            };
            (h.holder.clone(), h.stake.shares, p)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn fixed_width_executive_officer_table() {
    let f = read("10k_officers_fixed_width.txt");
    assert_eq!(
        titles(&f, false),
        pairs(&[
            ("Corwin T. Ashdale", "President and Chief Executive Officer"),
            ("Hollis Brandvold", "Vice President--Bramblewick"),
            ("Mirela Justova", "Vice Chairman"),
            ("Percival O. Quist, Jr", "Vice President--General Counsel"),
            (
                "Tamsin R. Okafor",
                "Group Vice President--Marketing and Sales"
            ),
        ]),
        "{:#?}",
        f.relations
    );
    assert_eq!(
        titles(&f, true),
        pairs(&[
            ("Corwin T. Ashdale", "Chairman of the Board"),
            ("Mirela Justova", "Vice Chairman"),
        ])
    );
}

#[test]
fn ownership_table_cells() {
    let f = read("proxy_ownership_cells.html");
    let s = |h: &str, n: u64, p: &str| (h.to_string(), Some(n), p.to_string());
    assert_eq!(
        holdings(&f),
        vec![
            s("Alder Capital Group", 2_500_000, "5.53"),
            s("Henry P. Marsh, Jr.", 7_820, "<1"),
            s("Hester Q. Vale", 3_902_118, "8.63"),
            s("Mira T. Oakes", 44_100, "<1"),
            s("Northwind Advisers LLC", 4_410_200, "9.75"),
            s("Odile Brandt", 812_551, "1.8"),
            s("Petra Lindqvist", 0, "<1"),
            s(
                "Quillon Systems, Inc. Employee Stock Ownership Trust",
                2_300_000,
                "5.09"
            ),
            s("Tallis Holdings Inc.", 3_902_118, "8.63"),
            s("Bram Ostrow", 31_790, "<1"),
            s("Gunnar Ostby", 2_410_000, "5.33"),
            s("Wexford Partners, L.P.", 2_260_000, "5"),
        ]
        .into_iter()
        .fold(Vec::new(), |mut v, x| {
            v.push(x);
            v.sort();
            v
        }),
        "{:#?}",
        f.holdings
    );
    let brandt = f
        .holdings
        .iter()
        .find(|h| h.holder == "Odile Brandt")
        .unwrap();
    assert_eq!(brandt.stake.class.as_deref(), Some("Common Stock"));
    assert_eq!(brandt.stake.as_of.as_deref(), Some("2025-03-03"));
}

#[test]
fn board_officer_and_compensation_tables_biographies_and_notice() {
    let f = read("proxy_people.html");
    assert_eq!(
        titles(&f, true),
        pairs(&[
            ("Bertram Ickes", "Chair"),
            ("Corin Maddox", "Director"),
            ("Delphine Aubry", "Director"),
            ("Gideon Achterberg", "Lead Independent Director"),
            ("Ingrid Varga", "Director"),
            ("Rupert Gale", "Director"),
            ("Sunniva Roald", "Director"),
            ("Tobias Wren", "Director"),
            ("Yvette Lamarr", "Director"),
        ]),
        "{:#?}",
        f.relations
    );
    assert_eq!(
        titles(&f, false),
        pairs(&[
            ("Eliska Novak", "Chief Financial Officer"),
            ("Hamish Toller", "Executive Vice President, Operations"),
            (
                "Lucinda F. Parrish",
                "Vice President, Deputy General Counsel and Corporate Secretary"
            ),
            ("Sunniva Roald", "CEO"),
        ]),
        "{:#?}",
        f.relations
    );
    let varga = f
        .relations
        .iter()
        .find(|r| r.source == "Ingrid Varga")
        .unwrap();
    assert!(matches!(&varga.statement, Statement::BoardMemberOf(s) if s.nominee));
}

#[test]
fn executive_officer_prose_entries() {
    let f = read("10k_officers_prose.txt");
    assert_eq!(
        titles(&f, false),
        pairs(&[
            ("Anselm Brook", "Executive Officer"),
            ("Hugo Lindgren", "President and Chief Operating Officer"),
            ("Marguerite Solano", "Vice President-Finance and Chief Financial Officer"),
            (
                "PERCIVAL D. OYELARAN",
                "Executive Vice President, Worldwide Sales and interim Vice President, Service & Support"
            ),
            ("Renata Voss", "Senior Vice President-Law and Compliance"),
        ]),
        "{:#?}",
        f.relations
    );
    assert_eq!(titles(&f, true), pairs(&[("Hugo Lindgren", "Director")]));
}

#[test]
fn fixed_width_ownership_table() {
    let f = read("10k_ownership_text.txt");
    assert_eq!(
        holdings(&f),
        vec![
            ("Ezra Mbeki".to_string(), Some(212_000), "<1".to_string()),
            (
                "Lorna J. Fairweather".to_string(),
                Some(4_002_115),
                "4.85".to_string()
            ),
            (
                "Pemberton Value Partners, L.P".to_string(),
                Some(6_120_400),
                "7.41".to_string()
            ),
            ("Wilhelmina Stroud".to_string(), Some(0), "<1".to_string()),
        ],
        "{:#?}",
        f.holdings
    );
}

#[test]
fn people_and_holdings_printed_as_lines() {
    let f = read("10k_people_lines.html");
    assert_eq!(
        titles(&f, false),
        pairs(&[
            ("Benedikt Saar", "Secretary"),
            ("Ottoline Graves", "President")
        ]),
        "{:#?}",
        f.relations
    );
    assert_eq!(
        titles(&f, true),
        pairs(&[
            ("Benedikt Saar", "Director"),
            ("Marisol Quint", "Director"),
            ("Ottoline Graves", "Chairman"),
        ])
    );
    assert_eq!(
        holdings(&f),
        vec![
            (
                "Benedikt Saar".to_string(),
                Some(373_907),
                "1.6".to_string()
            ),
            (
                "Kestrel Bay Financial".to_string(),
                Some(1_338_889),
                "5.7".to_string()
            ),
            (
                "Ottoline Graves".to_string(),
                Some(2_400_000),
                "10.3".to_string()
            ),
        ],
        "{:#?}",
        f.holdings
    );
}

#[test]
fn a_registrant_without_officers_lends_none_to_its_manager() {
    let f = read("10k_partnership_no_officers.html");
    assert!(
        titles(&f, false).is_empty() && titles(&f, true).is_empty(),
        "{:#?}",
        f.relations
    );
}

#[test]
fn a_senior_executive_is_an_office() {
    let mut roster = super::roster::Roster::default();
    let ev = crate::model::Evidence {
        filing: "f".to_string(),
        line: 1,
        text: String::new(),
    };
    assert!(roster.title("Magnus Orr", "Chairman and Senior Executive", ev));
    let reg = super::Registrant::new("Orr Holdings, Inc.", &[]);
    let mut parties = crate::extract::toolkit::parties::Parties::default();
    let rel = roster.into_relations(&reg, &mut parties);
    let kinds: Vec<String> = rel
        .iter()
        .map(|r| match &r.statement {
            Statement::OfficerOf { title } => format!("officer {title}"),
            Statement::BoardMemberOf(s) => format!("board {}", s.title),
            _ => String::new(),
        })
        .collect();
    assert_eq!(kinds, vec!["board Chairman", "officer Senior Executive"]);
}

#[test]
fn one_line_html_in_a_submission_with_two_classes() {
    let f = read("def14a_one_line_submission.txt");
    assert_eq!(
        holdings(&f),
        vec![
            (
                "Lucian Ferrante".to_string(),
                Some(402_117),
                "<1".to_string()
            ),
            ("Marisa Kealoha".to_string(), Some(0), "<1".to_string()),
            (
                "Ostrander Fund Advisors".to_string(),
                Some(11_050_300),
                "9.8".to_string()
            ),
        ],
        "{:#?}",
        f.holdings
    );
    assert!(f
        .holdings
        .iter()
        .all(|h| h.stake.class.as_deref() == Some("Common Stock")
            && h.stake.as_of.as_deref() == Some("2024-03-20")));
}
