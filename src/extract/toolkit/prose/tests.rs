//! The relation layer on invented sentences: each meaning the layer reads, in several wordings.

use super::*;
use crate::model::Evidence;

/// The relations and holdings `text` states, as lines "kind source -> target (detail)", with
/// `known` as the filing's parties (the first is the issuer).
fn read(text: &str, known: &[&str], registrant: bool) -> Vec<String> {
    let doc = crate::load::load_bytes("prose.txt", text.as_bytes()).expect("a document");
    let cx = Cx::for_test(&doc);
    let mut parties = Parties::default();
    for (k, name) in known.iter().enumerate() {
        let kind = if k == 0 {
            NodeKind::Issuer
        } else if crate::names::looks_like_person(name) {
            NodeKind::Individual
        } else {
            NodeKind::Company
        };
        let ev = Evidence {
            filing: "f".into(),
            line: 1,
            text: String::new(),
        };
        parties.upsert(name, kind, ev);
    }
    let ctx = Context {
        issuer: (!known.is_empty()).then_some(0),
        registrant,
        reporting: None,
        issuer_stake: Stake::default(),
        collectives: &[],
    };
    let found = read_relations(&cx, &mut parties, 0..cx.lines.len(), &ctx);
    let mut out: Vec<String> = found
        .relations
        .iter()
        .map(|r| {
            let detail = crate::describe::details(&r.statement);
            format!("{} {} -> {}{detail}", r.kind().as_str(), r.source, r.target)
        })
        .chain(found.holdings.iter().map(|h| {
            let figures = crate::describe::holding_figures(&h.stake).join(", ");
            format!("holds {} -> {} [{figures}]", h.holder, h.issuer)
        }))
        .collect();
    out.sort();
    out.dedup();
    out
}

fn has(out: &[String], line: &str) -> bool {
    out.iter().any(|l| l == line)
}

#[test]
fn holdings_stated_per_entity_in_item_5() {
    let out = read(
        "Fund A LP owns 520,000 shares of Common Stock, or 4.0% of the outstanding shares, and Fund B LP owns 211,700 shares, or 1.6%.",
        &["Gamma Issuer Inc.", "Fund A LP", "Fund B LP"],
        false,
    );
    assert!(
        has(
            &out,
            "holds Fund A LP -> Gamma Issuer Inc. [520,000 shares, 4.0%]"
        ),
        "{out:#?}"
    );
    assert!(
        has(
            &out,
            "holds Fund B LP -> Gamma Issuer Inc. [211,700 shares, 1.6%]"
        ),
        "{out:#?}"
    );
    // other words: "is the beneficial owner of ... representing"
    let out = read(
        "As of the date hereof, Orchid Partners L.P. is the beneficial owner of 1,250,000 shares, representing approximately 6.25% of the class.",
        &["Gamma Issuer Inc.", "Orchid Partners L.P."],
        false,
    );
    assert!(
        has(
            &out,
            "holds Orchid Partners L.P. -> Gamma Issuer Inc. [1,250,000 shares, 6.25%]"
        ),
        "{out:#?}"
    );
}

#[test]
fn sole_members_and_sole_shareholders_hold_all_of_it() {
    let out = read(
        "Alpha LLC is the sole member of Beta LLC.",
        &["Issuer Corp."],
        false,
    );
    assert!(
        has(&out, "holds Alpha LLC -> Beta LLC [100.0%]"),
        "{out:#?}"
    );
    let out = read(
        "Gamma Inc. is the sole shareholder of Delta Corp.",
        &["Issuer Corp."],
        false,
    );
    assert!(
        has(&out, "holds Gamma Inc. -> Delta Corp. [100.0%]"),
        "{out:#?}"
    );
    // reversed: a wholly owned subsidiary
    let out = read(
        "Epsilon Trading Ltd., a wholly-owned subsidiary of Zeta Holdings plc, holds the shares.",
        &["Issuer Corp."],
        false,
    );
    assert!(
        has(
            &out,
            "holds Zeta Holdings plc -> Epsilon Trading Ltd. [100.0%]"
        ),
        "{out:#?}"
    );
    let out = read(
        "Morrow Insurance Company and Morrow Life Company are wholly owned subsidiaries of Morrow Group, Inc.",
        &["Issuer Corp."],
        false,
    );
    assert!(
        has(
            &out,
            "holds Morrow Group, Inc. -> Morrow Insurance Company [100.0%]"
        ),
        "{out:#?}"
    );
    assert!(
        has(
            &out,
            "holds Morrow Group, Inc. -> Morrow Life Company [100.0%]"
        ),
        "{out:#?}"
    );
    // held through entities the sentence does not name: flagged, not passed off as direct
    for text in [
        "Tern Advisers LLC is an indirect wholly owned subsidiary of Skua Financial Corp.",
        "Skua Financial Corp. owns Tern Advisers LLC indirectly; Tern Advisers LLC, an indirect subsidiary of Skua Financial Corp., is the adviser.",
    ] {
        let out = read(text, &["Issuer Corp."], false);
        assert!(
            out.iter().any(|l| l.starts_with("holds Skua Financial Corp. -> Tern Advisers LLC [")
                && l.contains("indirectly")),
            "{text}: {out:#?}"
        );
    }
}

#[test]
fn a_percent_of_another_entity_and_a_bound() {
    let out = read(
        "Acme LP owns 35% of the voting stock of Acme Corp.",
        &["Issuer Corp."],
        false,
    );
    assert!(has(&out, "holds Acme LP -> Acme Corp. [35.0%]"), "{out:#?}");
    let out = read(
        "The Company has a 70% equity interest in Orbit Financial Services LLC.",
        &["Vega Computers Inc."],
        true,
    );
    assert!(
        has(
            &out,
            "holds Vega Computers Inc. -> Orbit Financial Services LLC [70.0%]"
        ),
        "{out:#?}"
    );
    let out = read(
        "Jane Roe and John Doe each own in excess of 10% of the common stock of Parent Co. LLC.",
        &["Issuer Corp.", "Jane Roe", "John Doe"],
        false,
    );
    assert!(has(&out, "holds Jane Roe -> Parent Co. LLC []"), "{out:#?}");
    assert!(has(&out, "holds John Doe -> Parent Co. LLC []"), "{out:#?}");
}

#[test]
fn managing_member_and_majority_owner_in_one_phrase() {
    let out = read(
        "Mr. Doe, as managing member and majority owner of Acme Capital LLC, may direct the vote.",
        &["Issuer Corp.", "John Doe"],
        false,
    );
    assert!(
        has(
            &out,
            "manages John Doe -> Acme Capital LLC (role managing member)"
        ),
        "{out:#?}"
    );
    assert!(
        has(&out, "holds John Doe -> Acme Capital LLC []"),
        "{out:#?}"
    );
}

#[test]
fn chains_with_short_names_nobody_defined() {
    let out = read(
        "Because Alpha is the sole member of Beta, and Gamma is the sole member of Alpha, each may be deemed to own the shares.",
        &["Issuer Corp.", "Alpha Holdings LLC", "Beta Opportunity LLC", "Gamma Trust Company"],
        false,
    );
    assert!(
        has(
            &out,
            "holds Alpha Holdings LLC -> Beta Opportunity LLC [100.0%]"
        ),
        "{out:#?}"
    );
    assert!(
        has(
            &out,
            "holds Gamma Trust Company -> Alpha Holdings LLC [100.0%]"
        ),
        "{out:#?}"
    );
}

#[test]
fn general_partners_listed_after_or_before_the_partnership() {
    let out = read(
        "The general partners of Acme LP are John Smith, Mary Jones and Acme GP, Inc.",
        &["Issuer Corp."],
        false,
    );
    for who in ["John Smith", "Mary Jones", "Acme GP, Inc."] {
        assert!(
            has(
                &out,
                &format!("manages {who} -> Acme LP (role general partner)")
            ),
            "{out:#?}"
        );
    }
    let out = read(
        "Investments are made through Orca Partners L.P., in which Ann Lee and Bo Park are individual general partners.",
        &["Issuer Corp."],
        false,
    );
    assert!(
        has(
            &out,
            "manages Ann Lee -> Orca Partners L.P. (role general partner)"
        ),
        "{out:#?}"
    );
    assert!(
        has(
            &out,
            "manages Bo Park -> Orca Partners L.P. (role general partner)"
        ),
        "{out:#?}"
    );
}

#[test]
fn principals_and_managers_in_turn() {
    let out = read(
        "Mr. Doe, the principal of Acme Capital LLC, votes the shares.",
        &["Issuer Corp.", "John Doe"],
        false,
    );
    assert!(
        has(
            &out,
            "manages John Doe -> Acme Capital LLC (role principal)"
        ),
        "{out:#?}"
    );
    let out = read(
        "Doe is the managing member of Doe Management LLC, which in turn is the investment manager of Fund A LP and Fund B LP.",
        &["Issuer Corp.", "John Doe"],
        false,
    );
    assert!(
        has(
            &out,
            "manages John Doe -> Doe Management LLC (role managing member)"
        ),
        "{out:#?}"
    );
    assert!(
        has(
            &out,
            "manages Doe Management LLC -> Fund A LP (role investment manager)"
        ),
        "{out:#?}"
    );
    assert!(
        has(
            &out,
            "manages Doe Management LLC -> Fund B LP (role investment manager)"
        ),
        "{out:#?}"
    );
}

#[test]
fn offices_respectively_and_in_lists() {
    let out = read(
        "Ann Smith and Bob Jones are Chairman and Vice Chairman, respectively, of Acme Corp.",
        &["Issuer Corp."],
        false,
    );
    assert!(
        has(
            &out,
            "board-member-of Ann Smith -> Acme Corp. (title Chairman)"
        ),
        "{out:#?}"
    );
    assert!(
        has(
            &out,
            "board-member-of Bob Jones -> Acme Corp. (title Vice Chairman)"
        ),
        "{out:#?}"
    );
    assert!(
        !has(
            &out,
            "board-member-of Ann Smith -> Acme Corp. (title Vice Chairman)"
        ),
        "{out:#?}"
    );
    let out = read(
        "John Doe, Mary Roe and Paul Poe, who are executive officers of Acme GP, Inc., share voting power.",
        &["Issuer Corp."],
        false,
    );
    for who in ["John Doe", "Mary Roe", "Paul Poe"] {
        assert!(
            has(
                &out,
                &format!("officer-of {who} -> Acme GP, Inc. (title Executive Officer)")
            ),
            "{out:#?}"
        );
    }
}

#[test]
fn seats_and_offices_become_elected_or_held_since() {
    let out = read(
        "Mr. Poe became Vice Chairman of the Board of the Issuer in May.",
        &["Issuer Corp.", "Paul Poe"],
        false,
    );
    assert!(
        has(
            &out,
            "board-member-of Paul Poe -> Issuer Corp. (title Vice Chairman of the Board)"
        ),
        "{out:#?}"
    );
    let out = read(
        "Ms. Roe was elected President and COO of the Trust Company of Ohio, N.A.",
        &["Issuer Corp.", "Mary Roe"],
        false,
    );
    assert!(
        has(
            &out,
            "officer-of Mary Roe -> Trust Company of Ohio, N.A. (title President)"
        ),
        "{out:#?}"
    );
    assert!(
        has(
            &out,
            "officer-of Mary Roe -> Trust Company of Ohio, N.A. (title COO)"
        ),
        "{out:#?}"
    );
    let out = read(
        "Since 1994 Mr. Poe has been an Executive Vice President of Acme Savings Bank.",
        &["Issuer Corp.", "Paul Poe"],
        false,
    );
    assert!(
        has(
            &out,
            "officer-of Paul Poe -> Acme Savings Bank (title Executive Vice President)"
        ),
        "{out:#?}"
    );
}

#[test]
fn three_ties_in_one_sentence() {
    let out = read(
        "Mr. Roe is the sole shareholder, one of two directors and the President of Acme GP, Inc.",
        &["Issuer Corp.", "Richard Roe"],
        false,
    );
    assert!(
        has(&out, "holds Richard Roe -> Acme GP, Inc. [100.0%]"),
        "{out:#?}"
    );
    assert!(
        has(
            &out,
            "board-member-of Richard Roe -> Acme GP, Inc. (title Director)"
        ),
        "{out:#?}"
    );
    assert!(
        has(
            &out,
            "officer-of Richard Roe -> Acme GP, Inc. (title President)"
        ),
        "{out:#?}"
    );
}

#[test]
fn footnotes_of_a_form_4() {
    let out = read(
        "1,000 of the reported shares are owned by Acme Insurance Company, a subsidiary of Morrow Holdings Inc.",
        &["Issuer Corp."],
        false,
    );
    assert!(
        has(
            &out,
            "holds Acme Insurance Company -> Issuer Corp. [1,000 shares]"
        ),
        "{out:#?}"
    );
    assert!(
        has(
            &out,
            "holds Morrow Holdings Inc. -> Acme Insurance Company []"
        ),
        "{out:#?}"
    );
    let out = read(
        "Mr. Roe, as the controlling stockholder of Morrow Holdings Inc., may be deemed to share voting power.",
        &["Issuer Corp.", "Richard Roe"],
        false,
    );
    assert!(
        has(&out, "holds Richard Roe -> Morrow Holdings Inc. []"),
        "{out:#?}"
    );
}

#[test]
fn the_funds_as_general_partners_of_a_master_fund() {
    let doc = crate::load::load_bytes(
        "p.txt",
        "The Funds invest through Acme Master Fund, G.P. (the \"Master Fund\"), of which the Funds are the general partners.".as_bytes(),
    )
    .expect("doc");
    let cx = Cx::for_test(&doc);
    let mut parties = Parties::default();
    let ev = || Evidence {
        filing: "f".into(),
        line: 1,
        text: String::new(),
    };
    parties.upsert("Issuer Corp.", NodeKind::Issuer, ev());
    let a = parties.upsert("Acme Fund I, L.P.", NodeKind::Fund, ev());
    let b = parties.upsert("Acme Fund II, L.P.", NodeKind::Fund, ev());
    let collectives = vec![("FUNDS".to_string(), vec![a, b])];
    let ctx = Context {
        issuer: Some(0),
        registrant: false,
        reporting: None,
        issuer_stake: Stake::default(),
        collectives: &collectives,
    };
    let found = read_relations(&cx, &mut parties, 0..cx.lines.len(), &ctx);
    let got: Vec<(String, String)> = found
        .relations
        .iter()
        .map(|r| (r.source.clone(), r.target.clone()))
        .collect();
    assert!(
        got.contains(&("Acme Fund I, L.P.".into(), "Acme Master Fund, G.P.".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("Acme Fund II, L.P.".into(), "Acme Master Fund, G.P.".into())),
        "{got:?}"
    );
}

#[test]
fn past_denied_and_hedged_roles_state_nothing() {
    for text in [
        "Mr. Poe served as President of Acme Savings Bank from 2001 to 2009.",
        "Mr. Poe was formerly the President of Acme Savings Bank.",
        "Mr. Poe is not a director of Acme Savings Bank.",
        "Mr. Poe has been President of Acme Savings Bank until 2019.",
    ] {
        let out = read(text, &["Issuer Corp.", "Paul Poe"], false);
        assert!(out.is_empty(), "{text}: {out:#?}");
    }
}

#[test]
fn a_registrant_speaks_of_itself() {
    let out = read(
        "Mr. Cook has served as our Chief Executive Officer since 2011. Ms. Lee has been a director of the Company since 2015.",
        &["Orchard Computers Inc.", "Tim Cook", "Ann Lee"],
        true,
    );
    assert!(
        has(
            &out,
            "officer-of Tim Cook -> Orchard Computers Inc. (title Chief Executive Officer)"
        ),
        "{out:#?}"
    );
    assert!(
        has(
            &out,
            "board-member-of Ann Lee -> Orchard Computers Inc. (title Director)"
        ),
        "{out:#?}"
    );
}

#[test]
fn names_are_never_fragments_or_labels() {
    let out = read(
        "Name: Jane Roe is the manager of LP. Title: President of Inc.",
        &["Issuer Corp."],
        false,
    );
    assert!(out.is_empty(), "{out:#?}");
}

#[test]
fn the_wordings_of_a_manager() {
    let known = &["Issuer Corp.", "ACP LLP", "Master Fund Ltd."];
    for text in [
        "ACP LLP serves as the investment manager of Master Fund Ltd.",
        "ACP LLP acts as investment manager to Master Fund Ltd.",
        "ACP LLP is the investment adviser to Master Fund Ltd.",
        "ACP LLP (the investment manager of Master Fund Ltd.) votes the shares.",
        "ACP LLP, which is the investment manager of Master Fund Ltd., votes the shares.",
        "ACP LLP which is the investment manager of Master Fund Ltd. votes the shares.",
        "ACP LLP, a limited liability partnership organized in England, is the investment manager of Master Fund Ltd.",
    ] {
        let out = read(text, known, false);
        assert!(
            out.iter().any(|l| l.starts_with("manages ACP LLP -> Master Fund Ltd. (role investment")),
            "{text}: {out:#?}"
        );
    }
}

/// The one party marked as reporting person, if one is.
fn reporting(parties: &Parties) -> Option<usize> {
    let r: Vec<usize> = (0..parties.len())
        .filter(|&i| parties.get(i).reporting_person)
        .collect();
    (r.len() == 1).then(|| r[0])
}

/// Parties with defined terms, as a filing's Item 2 gives them.
fn read_defined(text: &str, known: &[(&str, &str)]) -> Vec<String> {
    let doc = crate::load::load_bytes("prose.txt", text.as_bytes()).expect("a document");
    let cx = Cx::for_test(&doc);
    let mut parties = Parties::default();
    let ev = || Evidence {
        filing: "f".into(),
        line: 1,
        text: String::new(),
    };
    parties.upsert("Issuer Corp.", NodeKind::Issuer, ev());
    for (name, term) in known {
        let kind = if crate::names::looks_like_person(name) {
            NodeKind::Individual
        } else {
            NodeKind::Company
        };
        let i = parties.upsert(name, kind, ev());
        if !term.is_empty() {
            parties.add_alias(i, term);
        }
    }
    let ctx = Context {
        issuer: Some(0),
        registrant: false,
        reporting: reporting(&parties),
        issuer_stake: Stake::default(),
        collectives: &[],
    };
    let found = read_relations(&cx, &mut parties, 0..cx.lines.len(), &ctx);
    let mut out: Vec<String> = found
        .relations
        .iter()
        .map(|r| format!("{} {} -> {}", r.kind().as_str(), r.source, r.target))
        .chain(
            found
                .holdings
                .iter()
                .map(|h| format!("holds {} -> {}", h.holder, h.issuer)),
        )
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn clauses_joined_by_and_keep_their_own_subjects_and_objects() {
    let out = read_defined(
        "Teal GP is the general partner to Teal Fund and Teal Special Fund, and Teal LLC is the general partner of Teal GP. Teal Adviser serves as investment manager to Teal Fund.",
        &[
            ("Teal Partners GP, LP", "Teal GP"),
            ("Teal Partners Fund, LP", "Teal Fund"),
            ("Teal Special Situations Fund, LP", "Teal Special Fund"),
            ("Teal Partners GP, LLC", "Teal LLC"),
            ("Teal Advisory Company, LLC", "Teal Adviser"),
        ],
    );
    assert_eq!(
        out,
        [
            "manages Teal Advisory Company, LLC -> Teal Partners Fund, LP",
            "manages Teal Partners GP, LLC -> Teal Partners GP, LP",
            "manages Teal Partners GP, LP -> Teal Partners Fund, LP",
            "manages Teal Partners GP, LP -> Teal Special Situations Fund, LP",
        ]
    );
}

#[test]
fn occupations_listed_after_a_colon() {
    let out = read_defined(
        "The principal business of each of the Reporting Persons is as follows: Reef Management is the investment adviser to Reef Partners and Reef Co-Invest II, which are investment limited partnerships. Reef GP is the General Partner of Reef Partners and Reef Co-Invest II. Maria Ortega and Hugo Lind are the managers of Reef GP and Reef Management.",
        &[
            ("Reef Capital Management, LLC", "Reef Management"),
            ("Reef Capital Partners, L.P.", "Reef Partners"),
            ("Reef Capital Co-Invest II, L.P.", "Reef Co-Invest II"),
            ("Reef Capital, LLC", "Reef GP"),
            ("Maria Ortega", ""),
            ("Hugo Lind", ""),
        ],
    );
    for edge in [
        "manages Reef Capital Management, LLC -> Reef Capital Partners, L.P.",
        "manages Reef Capital Management, LLC -> Reef Capital Co-Invest II, L.P.",
        "manages Reef Capital, LLC -> Reef Capital Partners, L.P.",
        "manages Maria Ortega -> Reef Capital, LLC",
        "manages Hugo Lind -> Reef Capital Management, LLC",
    ] {
        assert!(has(&out, edge), "{edge}: {out:#?}");
    }
}

#[test]
fn a_subject_described_then_defined_before_its_role() {
    let out = read_defined(
        "(ii) Harrow Capital Limited, a corporation organized under the laws of the United Kingdom (\"HCL\"), which serves as the general partner to Harrow Fund LP, with respect to the shares.",
        &[("Harrow Capital Limited", "HCL"), ("Harrow Fund LP", "")],
    );
    assert_eq!(out, ["manages Harrow Capital Limited -> Harrow Fund LP"]);
}

#[test]
fn of_which_names_only_the_persons_before_the_verb() {
    // "in which such employment is conducted is as follows" is no "of which S is the ROLE"
    let out = read_defined(
        "The principal occupation of each of the persons and the address of any organization in which such employment is conducted is as follows: Kite Management is the investment adviser to Kite Partners.",
        &[("Kite Capital Management, LLC", "Kite Management"), ("Kite Capital Partners, L.P.", "Kite Partners")],
    );
    assert_eq!(
        out,
        ["manages Kite Capital Management, LLC -> Kite Capital Partners, L.P."]
    );
}

#[test]
fn whose_role_is_and_terms_defined_for_organisations_nobody_files_for() {
    let out = read_defined(
        "Pike Partners, L.P. is a Delaware limited partnership whose sole general partner is Pike Capital, LLC. The managing member of Pike Capital, LLC is Dana Wu.",
        &[("Pike Partners, L.P.", ""), ("Dana Wu", "")],
    );
    assert!(
        has(&out, "manages Pike Capital, LLC -> Pike Partners, L.P."),
        "{out:#?}"
    );
    assert!(
        has(&out, "manages Dana Wu -> Pike Capital, LLC"),
        "{out:#?}"
    );
    let out = read_defined(
        "Each Manager is a director of the GP and Heron Capital Management LLC, a Delaware limited liability company (the \"Management Company\"). Mr. Ruiz also serves as Chairman of the GP and the Management Company.",
        &[("Heron Capital GP LLC", "GP"), ("Luis Ruiz", "")],
    );
    assert!(
        has(&out, "board-member-of Luis Ruiz -> Heron Capital GP LLC"),
        "{out:#?}"
    );
    assert!(
        has(
            &out,
            "board-member-of Luis Ruiz -> Heron Capital Management LLC"
        ),
        "{out:#?}"
    );
}

#[test]
fn trusts_named_after_their_trustee() {
    let out = read_defined(
        "The shares are owned by the Ann Lee Trust and the Thomas G. Park, Jr. Trust, of which Thomas G. Park is trustee.",
        &[("Thomas G. Park", "")],
    );
    assert!(
        has(&out, "manages Thomas G. Park -> Thomas G. Park, Jr. Trust"),
        "{out:#?}"
    );
    assert!(
        has(&out, "holds Thomas G. Park, Jr. Trust -> Issuer Corp."),
        "{out:#?}"
    );
}

#[test]
fn holdings_in_footnotes_and_units() {
    let out = read_defined(
        "(1) Consists of (i) 32,165,227 shares of common stock held by Heron Associates Fund, LLC and (ii) 708,040 shares held by client accounts.",
        &[],
    );
    assert!(
        has(&out, "holds Heron Associates Fund, LLC -> Issuer Corp."),
        "{out:#?}"
    );
    let out = read_defined(
        "Mr. Ode owns all voting units of Crane, LLC (representing a 10% equity interest in Crane) and Crane Holdings owns all non-voting units of Crane, LLC (representing a 90% equity interest).",
        &[("Alan Ode", ""), ("Crane, LLC", "Crane"), ("Crane Holdings, LLC", "Crane Holdings")],
    );
    assert!(has(&out, "holds Alan Ode -> Crane, LLC"), "{out:#?}");
    assert!(
        has(&out, "holds Crane Holdings, LLC -> Crane, LLC"),
        "{out:#?}"
    );
    // a lower-case word is not the one-word term it abbreviates to
    let out = read_defined(
        "Orca & Co. GP, L.L.C., a Delaware limited liability company (\"CO GP\"), is the general partner of CO and Kelp Topco LLC, a Delaware limited liability company, is the managing member of CO GP.",
        &[("Orca & Co.", "CO")],
    );
    assert_eq!(
        out,
        [
            "manages Kelp Topco LLC -> Orca & Co. GP, L.L.C.",
            "manages Orca & Co. GP, L.L.C. -> Orca & Co.",
        ]
    );
}

#[test]
fn one_subject_two_roles_in_two_phrases() {
    let out = read_defined(
        "Ms. Vale and Mr. Ito are the managing members of Birch GP and the controlling partners of each of Birch Capital LLP and Birch Capital LP.",
        &[("Ana Vale", ""), ("Ken Ito", ""), ("Birch GP, LLC", "Birch GP"), ("Birch Capital LLP", ""), ("Birch Capital LP", "")],
    );
    for edge in [
        "manages Ana Vale -> Birch GP, LLC",
        "manages Ken Ito -> Birch GP, LLC",
        "manages Ana Vale -> Birch Capital LLP",
        "manages Ken Ito -> Birch Capital LP",
    ] {
        assert!(has(&out, edge), "{edge}: {out:#?}");
    }
}

#[test]
fn the_reporting_person_of_a_form_4_footnote() {
    let doc = crate::load::load_bytes(
        "p.txt",
        "These shares are held of record by Gale Ventures, LLC (\"GV\"), of which the Reporting Person is the Managing Member. The Reporting Person is the President of Gale Capital Management, LLC, which is general partner of Gale Fund L.P. These shares are owned of record by Gale Holdings LLC, of which the Reporting Person is the sole beneficial owner.".as_bytes(),
    )
    .expect("doc");
    let cx = Cx::for_test(&doc);
    let mut parties = Parties::default();
    let ev = || Evidence {
        filing: "f".into(),
        line: 1,
        text: String::new(),
    };
    parties.upsert("Issuer Corp.", NodeKind::Issuer, ev());
    let me = parties.upsert("Mara Gale", NodeKind::Individual, ev());
    parties.get_mut(me).reporting_person = true;
    let ctx = Context {
        issuer: Some(0),
        registrant: false,
        reporting: reporting(&parties),
        issuer_stake: Stake::default(),
        collectives: &[],
    };
    let found = read_relations(&cx, &mut parties, 0..cx.lines.len(), &ctx);
    let mut out: Vec<String> = found
        .relations
        .iter()
        .map(|r| format!("{} {} -> {}", r.kind().as_str(), r.source, r.target))
        .chain(
            found
                .holdings
                .iter()
                .map(|h| format!("holds {} -> {}", h.holder, h.issuer)),
        )
        .collect();
    out.sort();
    for edge in [
        "manages Mara Gale -> Gale Ventures, LLC",
        "holds Gale Ventures, LLC -> Issuer Corp.",
        "officer-of Mara Gale -> Gale Capital Management, LLC",
        "manages Gale Capital Management, LLC -> Gale Fund L.P.",
        "holds Mara Gale -> Gale Holdings LLC",
        "holds Gale Holdings LLC -> Issuer Corp.",
    ] {
        assert!(has(&out, edge), "{edge}: {out:#?}");
    }
}

#[test]
fn pairs_respectively_and_names_with_numbers_and_brackets() {
    let out = read_defined(
        "Elm GP, L.L.C. is the general partner of Elm GP, L.P., which is the general partner of each of Elm A AIV, L.P. and Elm Q AIV, L.P., which are the managing members of Elm Holdings (VCOC I), LLC and Elm Holdings (VCOC II), LLC, respectively.",
        &[],
    );
    for edge in [
        "manages Elm GP, L.L.C. -> Elm GP, L.P.",
        "manages Elm GP, L.P. -> Elm A AIV, L.P.",
        "manages Elm GP, L.P. -> Elm Q AIV, L.P.",
        "manages Elm A AIV, L.P. -> Elm Holdings (VCOC I), LLC",
        "manages Elm Q AIV, L.P. -> Elm Holdings (VCOC II), LLC",
    ] {
        assert!(has(&out, edge), "{edge}: {out:#?}");
    }
    assert!(
        !has(
            &out,
            "manages Elm A AIV, L.P. -> Elm Holdings (VCOC II), LLC"
        ),
        "{out:#?}"
    );
    let out = read_defined(
        "The Reporting Person is trustee of The Ivo K. Brand III 2018 Annuity Trust I.",
        &[("Ivo K. Brand III", "")],
    );
    assert!(
        out.is_empty()
            || has(
                &out,
                "manages Ivo K. Brand III -> The Ivo K. Brand III 2018 Annuity Trust I"
            ),
        "{out:#?}"
    );
}

#[test]
fn headings_written_in_capitals_are_not_new_persons() {
    // every word of "Community Giving Council" is also written in lower case: a heading
    let out = read(
        "Our community giving is reviewed each year by a council the committee sets.\n\nCommunity Giving Council serves as a director of the Company. Harold Finch serves as a director of the Company.",
        &["Machine Holdings Inc."],
        true,
    );
    assert!(
        has(
            &out,
            "board-member-of Harold Finch -> Machine Holdings Inc. (title Director)"
        ),
        "{out:#?}"
    );
    assert_eq!(out.len(), 1, "{out:#?}");
}

#[test]
fn a_known_short_name_opening_a_longer_company_name_is_that_company() {
    // "Heron" is Heron Group's defined term; "Heron Fiduciary Trust Company" is another entity
    let out = read_defined(
        "The Heron Fiduciary Trust Company is the trustee of the Plover Stock Fund.",
        &[("The Heron Group, Inc.", "Heron")],
    );
    assert!(
        out.iter().any(|l| l.starts_with("manages ")
            && l.contains("Heron Fiduciary Trust Company -> Plover Stock Fund")),
        "{out:#?}"
    );
    assert!(
        !out.iter().any(|l| l.contains("The Heron Group")),
        "{out:#?}"
    );
}

#[test]
fn a_term_defined_in_the_sentence_does_not_swallow_a_longer_name() {
    // "Wren" is defined for Wren Associates; "Wren Holdings, Inc." is its parent, not it
    let out = read(
        "Mr. Roe and Ann Poe are the controlling shareholders of Wren Holdings, Inc., which is the sole shareholder of Wren Associates, Inc. (\"Wren\").",
        &["Issuer Corp.", "Richard Roe"],
        false,
    );
    for line in [
        "holds Richard Roe -> Wren Holdings, Inc. []",
        "holds Ann Poe -> Wren Holdings, Inc. []",
        "holds Wren Holdings, Inc. -> Wren Associates, Inc. [100.0%]",
    ] {
        assert!(has(&out, line), "{line}: {out:#?}");
    }
    assert_eq!(out.len(), 3, "{out:#?}");
}
