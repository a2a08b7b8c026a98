//! The three seed filings, checked fact by fact against what they say (read them in
//! ../shared/seeds), plus a snapshot of everything each yields.

use crate::util::{build, data_dir, Built};
use serde_json::json;

fn seed(name: &str, test: &str) -> Option<(Built, std::path::PathBuf)> {
    let dir = data_dir(test)?;
    let b = build(&[&dir.join("seeds").join(name)]);
    assert_eq!(b.code, 0, "build failed: {}{}", b.stdout, b.stderr);
    b.check_invariants();
    Some((b, dir))
}

const POLYGON: &str = "000_ccb6bbf9a024dceb.txt";
const ST: &str = "002_1f89013551cd3d2c.txt";

#[test]
fn polygon_issuer_is_8x8_with_its_cover_cusip() {
    let Some((b, _)) = seed(POLYGON, "polygon_issuer") else {
        return;
    };
    let issuer = b.node("8x8, Inc.");
    assert_eq!(issuer["kind"], "issuer");
    let f = &b.json["filings"][0];
    assert_eq!(f["form"], "SC 13G/A");
    assert_eq!(f["amendment"], 2);
    assert_eq!(f["subject"]["issuer"], "8x8, Inc.");
    assert_eq!(f["subject"]["cusip"], "282914100");
    assert_eq!(f["subject"]["event_date"], "2006-12-31");
}

#[test]
fn polygon_reporting_persons_have_the_right_kinds() {
    let Some((b, _)) = seed(POLYGON, "polygon_kinds") else {
        return;
    };
    let expect = [
        ("Kings Road Investments Ltd.", "fund"),
        ("Polygon Global Opportunities Master Fund", "fund"),
        ("Polygon Investments Ltd.", "manager"),
        ("Polygon Investment Management Limited", "manager"),
        ("Polygon Investment Partners LLP", "manager"),
        ("Polygon Investment Partners LP", "manager"),
        ("Polygon Investment Partners HK Limited", "manager"),
        ("Polygon Investment Partners GP, LLC", "manager"),
        ("Reade E. Griffith", "individual"),
        ("Alexander E. Jackson", "individual"),
        ("Patrick G. G. Dear", "individual"),
    ];
    for (name, kind) in expect {
        assert_eq!(b.node(name)["kind"], kind, "{name}");
    }
    assert_eq!(
        b.nodes().len(),
        12,
        "11 reporting persons and the issuer: {:?}",
        b.names()
    );
}

#[test]
fn polygon_holdings_are_kept_as_less_than_5_percent_bounds() {
    let Some((b, _)) = seed(POLYGON, "polygon_holdings") else {
        return;
    };
    let holds = b.edges_of("holds");
    assert_eq!(holds.len(), 11);
    for (holder, issuer, attrs) in holds {
        assert_eq!(issuer, "8x8, Inc.", "{holder}");
        assert_eq!(attrs["percent_upper_bound"], json!(5.0), "{holder}");
        assert!(
            attrs.get("percent").is_none(),
            "{holder}: no figure that was never stated"
        );
        assert!(
            attrs.get("shares").is_none(),
            "{holder}: no share count was stated"
        );
        assert_eq!(attrs["as_of"], "2006-12-31");
        assert_eq!(attrs["group_figure"], true);
    }
}

#[test]
fn polygon_llp_manages_both_funds_and_signs_for_them() {
    let Some((b, _)) = seed(POLYGON, "polygon_manages") else {
        return;
    };
    for fund in [
        "Kings Road Investments Ltd.",
        "Polygon Global Opportunities Master Fund",
    ] {
        let m = b.edge("manages", "Polygon Investment Partners LLP", fund);
        assert_eq!(m["attributes"]["role"], "investment manager");
        let s = b.edge("signs-for", "Polygon Investment Partners LLP", fund);
        assert_eq!(s["attributes"]["capacity"], "investment manager");
        // the signature block and the joint filing agreement: one edge, two pieces of evidence
        assert_eq!(s["evidence"].as_array().map(Vec::len), Some(2), "{fund}");
    }
    assert_eq!(b.edges_of("manages").len(), 2);
}

#[test]
fn dear_signs_for_eight_entities_directly_or_through_the_llp() {
    let Some((b, _)) = seed(POLYGON, "polygon_dear") else {
        return;
    };
    let direct: Vec<String> = b
        .edges_of("signs-for")
        .into_iter()
        .filter(|(s, _, _)| s == "Patrick G. G. Dear")
        .map(|(_, t, _)| t)
        .collect();
    assert_eq!(direct.len(), 6, "{direct:?}");
    for (_, _, attrs) in b
        .edges_of("signs-for")
        .iter()
        .filter(|(s, _, _)| s == "Patrick G. G. Dear")
    {
        assert_eq!(attrs["title"], "Principal");
        assert_eq!(attrs["date"], "2007-02-09");
    }
    let via_llp: Vec<String> = b
        .edges_of("signs-for")
        .into_iter()
        .filter(|(s, _, _)| s == "Polygon Investment Partners LLP")
        .map(|(_, t, _)| t)
        .collect();
    assert!(direct.contains(&"Polygon Investment Partners LLP".to_string()));
    let mut all: Vec<String> = direct.into_iter().chain(via_llp).collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 8, "{all:?}");
}

#[test]
fn polygon_defined_terms_are_aliases() {
    let Some((b, _)) = seed(POLYGON, "polygon_aliases") else {
        return;
    };
    let expect = [
        ("Kings Road Investments Ltd.", "KRIL"),
        ("Polygon Global Opportunities Master Fund", "Master Fund"),
        ("Polygon Investments Ltd.", "Investment Manager"),
        ("Polygon Investment Management Limited", "PIML"),
        ("Polygon Investment Partners LLP", "UK Investment Manager"),
        ("Polygon Investment Partners LP", "US Investment Manager"),
        (
            "Polygon Investment Partners HK Limited",
            "HK Investment Manager",
        ),
        ("Polygon Investment Partners GP, LLC", "General Partner"),
        ("Reade E. Griffith", "Mr. Griffith"),
        ("Alexander E. Jackson", "Mr. Jackson"),
        ("Patrick G. G. Dear", "Mr. Dear"),
        ("8x8, Inc.", "8x8"),
    ];
    for (name, alias) in expect {
        let aliases = &b.node(name)["aliases"];
        assert!(
            aliases
                .as_array()
                .is_some_and(|a| a.contains(&json!(alias))),
            "{name} should have alias {alias}: {aliases}"
        );
    }
    assert!(b.nodes().iter().all(|n| !n["aliases"]
        .as_array()
        .unwrap()
        .contains(&json!("Reporting Persons"))));
}

#[test]
fn polygon_item_2_issuer_conflict_is_warned_and_8x8_kept() {
    let Some((b, _)) = seed(POLYGON, "polygon_conflict") else {
        return;
    };
    let w = b.warnings();
    assert!(
        w.iter()
            .any(|w| w.starts_with("133:") && w.contains("Allied") && w.contains("8x8, Inc.")),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|w| w.starts_with("134:") && w.contains("019118108") && w.contains("282914100")),
        "{w:?}"
    );
    assert!(
        b.stdout
            .contains("000_ccb6bbf9a024dceb.txt:134: Item 2(e) gives CUSIP 019118108"),
        "{}",
        b.stdout
    );
    assert!(!b.names().iter().any(|n| n.contains("Allied")));
}

#[test]
fn llp_and_lp_and_look_alike_limiteds_stay_apart() {
    let Some((b, _)) = seed(POLYGON, "polygon_distinct") else {
        return;
    };
    let ids: Vec<&serde_json::Value> = [
        "Polygon Investment Partners LLP",
        "Polygon Investment Partners LP",
        "Polygon Investments Ltd.",
        "Polygon Investment Management Limited",
    ]
    .iter()
    .map(|n| &b.node(n)["id"])
    .collect();
    for i in 0..ids.len() {
        for j in i + 1..ids.len() {
            assert_ne!(ids[i], ids[j]);
        }
    }
}

#[test]
fn st_holds_714400_shares_of_8x8_with_sole_power() {
    let Some((b, _)) = seed(ST, "st_holding") else {
        return;
    };
    let st = b.node("STMicroelectronics N.V.");
    assert!(st["aliases"].as_array().unwrap().contains(&json!("ST")));
    let h = &b.edge("holds", "STMicroelectronics N.V.", "8x8, Inc.")["attributes"];
    assert_eq!(h["shares"], 714400);
    assert_eq!(h["percent"], json!(2.08));
    assert_eq!(h["sole_voting"], 714400);
    assert_eq!(h["sole_dispositive"], 714400);
    assert!(h.get("shared_voting").is_none() && h.get("shared_dispositive").is_none());
}

#[test]
fn carlo_ferro_signs_for_st_as_cfo() {
    let Some((b, _)) = seed(ST, "st_signature") else {
        return;
    };
    let s = b.edge("signs-for", "Carlo Ferro", "STMicroelectronics N.V.");
    assert_eq!(
        s["attributes"]["title"],
        "Corporate Vice President and Chief Financial Officer"
    );
    assert_eq!(b.node("Carlo Ferro")["kind"], "individual");
}

#[test]
fn st_sales_are_read_and_checked_against_the_aggregate() {
    let Some((b, _)) = seed(ST, "st_transactions") else {
        return;
    };
    let f = &b.json["filings"][0];
    assert_eq!(f["transactions"], 51);
    assert_eq!(f["transaction_check"]["sum"], 1487600);
    assert_eq!(f["transaction_check"]["stated"], 1487600);
    assert_eq!(f["transaction_check"]["adds_up"], true);
}

#[test]
fn st_stray_cover_cusip_is_warned() {
    let Some((b, _)) = seed(ST, "st_stray_cusip") else {
        return;
    };
    let w = b.warnings();
    assert!(
        w.iter()
            .any(|w| w.starts_with("42:") && w.contains("757209101")),
        "{w:?}"
    );
}

const S3: &str = "001_5906993ad4691221.txt";

#[test]
fn s3_signature_table_gives_the_board() {
    let Some((b, _)) = seed(S3, "s3_board") else {
        return;
    };
    assert!(
        b.stdout.contains("read 1 filing(s) (POS AM (S-3): 1)"),
        "{}",
        b.stdout
    );
    let board = [
        ("Bryan R. Martin", "Director"),
        ("Joe Parkinson", "Chairman of the Board"),
        ("Bernd Girod", "Director"),
        ("Guy L. Hecker, Jr.", "Director"),
        ("Christos Lagomichos", "Director"),
        ("William Tai", "Director"),
    ];
    for (person, title) in board {
        let e = b.edge("board-member-of", person, "8X8, INC.");
        assert_eq!(e["attributes"]["title"], title, "{person}");
        assert_eq!(
            b.edge("signs-for", person, "8X8, INC.")["attributes"]["date"],
            "2002-12-20"
        );
    }
    assert_eq!(b.edges_of("board-member-of").len(), 6);
}

#[test]
fn s3_officers_and_their_titles() {
    let Some((b, _)) = seed(S3, "s3_officers") else {
        return;
    };
    let martin = b.edge("officer-of", "Bryan R. Martin", "8X8, INC.");
    assert_eq!(
        martin["attributes"]["title"],
        "President and Chief Executive Officer"
    );
    // the registrant block, the signature table and the agent-for-service block all say so
    let lines: Vec<u64> = martin["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![22, 63, 72]);
    let s = b.edge("officer-of", "James Sullivan", "8X8, INC.");
    assert_eq!(
        s["attributes"]["title"],
        "Chief Financial Officer, Vice President, Finance and Secretary"
    );
    assert!(!b
        .edges_of("board-member-of")
        .iter()
        .any(|(p, _, _)| p == "James Sullivan"));
    let counsel = b.edge("counsel-to", "JOHN T. SHERIDAN", "8X8, INC.");
    assert_eq!(
        counsel["attributes"]["firm"],
        "WILSON, SONSINI, GOODRICH & ROSATI"
    );
    assert!(
        !b.edges_of("officer-of")
            .iter()
            .any(|(p, _, _)| p.contains("SHERIDAN")),
        "counsel is not an officer"
    );
}

#[test]
fn one_issuer_across_the_seeds_whatever_the_case() {
    let Some(dir) = data_dir("seeds_together") else {
        return;
    };
    let b = build(&[&dir.join("seeds")]);
    let eights: Vec<String> = b
        .names()
        .into_iter()
        .filter(|n| n.to_lowercase().starts_with("8x8"))
        .collect();
    assert_eq!(eights, vec!["8x8, Inc.".to_string()]);
    assert_eq!(b.node("8x8, Inc.")["kind"], "issuer");
    b.edge("board-member-of", "Joe Parkinson", "8x8, Inc.");
}

#[test]
fn seed_snapshots() {
    let Some(dir) = data_dir("seed_snapshots") else {
        return;
    };
    for name in [POLYGON, "001_5906993ad4691221.txt", ST] {
        let b = build(&[&dir.join("seeds").join(name)]);
        insta::assert_snapshot!(format!("seed_{}", &name[..3]), b.summary(&dir));
    }
}

#[test]
fn st_annex_gives_its_supervisory_board() {
    let Some((b, _)) = seed(ST, "st_annex_board") else {
        return;
    };
    let members = [
        "Bruno Steve",
        "Tom de Waard",
        "Douglas Dunn",
        "Riccardo Gallo",
        "Remy Dullieux",
        "Robert M. White",
        "Francis Gavois",
        "Alessandro Ovi",
    ];
    let board: Vec<String> = b
        .edges_of("board-member-of")
        .into_iter()
        .filter(|(_, c, _)| c == "STMicroelectronics N.V.")
        .map(|(p, _, _)| p)
        .collect();
    let found = members
        .iter()
        .filter(|m| board.contains(&m.to_string()))
        .count();
    assert!(
        found >= 7,
        "{found} of 8 supervisory board members: {board:?}"
    );
    assert_eq!(
        b.edge("board-member-of", "Bruno Steve", "STMicroelectronics N.V.")["attributes"]["title"],
        "Chairman of the Supervisory Board"
    );
}

#[test]
fn pistorio_is_managing_board_member_and_officer() {
    let Some((b, _)) = seed(ST, "st_pistorio") else {
        return;
    };
    assert_eq!(
        b.edge(
            "board-member-of",
            "Pasquale Pistorio",
            "STMicroelectronics N.V."
        )["attributes"]["title"],
        "Sole Member of the Managing Board"
    );
    assert_eq!(
        b.edge("officer-of", "Pasquale Pistorio", "STMicroelectronics N.V.")["attributes"]["title"],
        "President and Chief Executive Officer"
    );
}

#[test]
fn st_executive_officers_are_not_made_board_members() {
    let Some((b, _)) = seed(ST, "st_officers") else {
        return;
    };
    let officers: Vec<String> = b
        .edges_of("officer-of")
        .into_iter()
        .map(|(p, _, _)| p)
        .collect();
    for name in [
        "Alain Dutheil",
        "Philippe Geyres",
        "Georges Auguste",
        "Laurent Bosson",
        "Carlo Bozotti",
        "Salvatore Castorina",
        "Andrea Cuomo",
        "Carlo Ferro",
        "Jean-Claude Marquet",
        "Joel Monnier",
        "Piero Mosconi",
        "Carlo Ottaviani",
        "Carmelo Papa",
        "Richard Pieranunzi",
        "Aldo Romano",
        "Giordano Seragnoli",
        "Enrico Villa",
    ] {
        assert!(
            officers.contains(&name.to_string()),
            "{name} is an officer: {officers:?}"
        );
    }
    let board: Vec<String> = b
        .edges_of("board-member-of")
        .into_iter()
        .map(|(p, _, _)| p)
        .collect();
    for o in officers.iter().filter(|o| *o != "Pasquale Pistorio") {
        assert!(
            !board.contains(o),
            "{o} is an executive officer, not a board member"
        );
    }
    // every board and officer edge is to ST: no one is attached to a company they do not serve
    for kind in ["board-member-of", "officer-of"] {
        assert!(b
            .edges_of(kind)
            .iter()
            .all(|(_, c, _)| c == "STMicroelectronics N.V."));
    }
    // "Other positions" name companies (ARM plc, Clifford Chance LLP, ...) but tie no person to them
    assert!(!b
        .names()
        .iter()
        .any(|n| n.contains("ARM") || n.contains("Clifford") || n.contains("Plastic")));
}
