//! `relgraph query`: control chains with their evidence, group and time semantics, cycles, names
//! as people type them, JSON for scripts.

use crate::util::{build, data_dir, relgraph};
use std::path::{Path, PathBuf};

fn query(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = relgraph()
        .arg("query")
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    let mut a = args.to_vec();
    a.push("--json");
    let (code, out, err) = query(db, &a);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).expect("query --json prints JSON")
}

/// A minimal plain-text Schedule 13G: one reporting person, its cover page, a signature block.
/// (Each argument is one field of the filing; a struct would only rename them.)
#[allow(clippy::too_many_arguments)]
fn schedule_13g(
    dir: &Path,
    file: &str,
    holder: &str,
    issuer: &str,
    shares: &str,
    percent: &str,
    date: &str,
    signature: &str,
) -> PathBuf {
    let text = format!(
        "SCHEDULE 13G\n(Amendment No. 1)\n\n{issuer}\n(Name of Issuer)\n\nCommon Stock\n(Title of Class of Securities)\n\n99165R103\n(CUSIP Number)\n\n{date}\n(Date of Event Which Requires Filing of this Statement)\n\n1 NAMES OF REPORTING PERSONS\n{holder}\n4 CITIZENSHIP OR PLACE OF ORGANIZATION\nDelaware\n5 SOLE VOTING POWER\n{shares}\n6 SHARED VOTING POWER\n0\n7 SOLE DISPOSITIVE POWER\n{shares}\n8 SHARED DISPOSITIVE POWER\n0\n9 AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON\n{shares}\n11 PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW 9\n{percent}%\n12 TYPE OF REPORTING PERSON\nPN\n\nSIGNATURE\n\nDate: {date}\n\n{signature}\n"
    );
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn controls_8x8_shows_st_and_the_polygon_group_with_chains() {
    let Some(dir) = data_dir("controls_8x8") else {
        return;
    };
    let b = build(&[&dir.join("seeds")]);
    let (code, out, err) = query(&b.db, &["controls", "8x8"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("holding: STMicroelectronics N.V. in 8x8, Inc. — 714,400 shares, 2.08%, as of 2003-12-30"), "{out}");
    assert!(out.contains("Carlo Ferro --signs-for (Corporate Vice President and Chief Financial Officer)--> STMicroelectronics N.V."), "{out}");
    assert!(out.contains("holding: group of 11 ("), "{out}");
    assert!(out.contains("less than 5.0%, as of 2006-12-31"), "{out}");
    assert!(out.contains("Polygon Investment Partners LLP --signs-for (investment manager); manages (investment manager)--> Kings Road Investments Ltd."), "{out}");
    assert!(out.contains("000_ccb6bbf9a024dceb.txt:180 \"By Polygon Investment Partners LLP, its investment manager\""), "{out}");
    let v = json(&b.db, &["controls", "8x8"]);
    let holdings = v["holdings"].as_array().unwrap();
    assert_eq!(holdings.len(), 2, "the group's figure once, ST's once");
    let group = holdings
        .iter()
        .find(|h| h["holders"].as_array().unwrap().len() == 11)
        .expect("the Polygon group");
    assert_eq!(group["attributes"]["percent_upper_bound"], 5.0);
    assert!(
        group["attributes"].get("shares").is_none(),
        "no figure invented, nothing summed"
    );
    let kril = group["chains"]["Kings Road Investments Ltd."]
        .as_array()
        .unwrap();
    assert!(kril.iter().any(|c| c["controller"] == "Patrick G. G. Dear"
        && c["steps"][0]["controller"] == "Polygon Investment Partners LLP"));
    let master = group["chains"]["Polygon Global Opportunities Master Fund"]
        .as_array()
        .unwrap();
    assert!(master.iter().any(|c| c["steps"][0]["relations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r == "manages (investment manager)")));
}

#[test]
fn controls_kings_road_names_the_manager_and_the_signatory() {
    let Some(dir) = data_dir("controls_kings_road") else {
        return;
    };
    let b = build(&[&dir.join("seeds")]);
    let (code, out, _) = query(&b.db, &["controls", "Kings Road"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Kings Road Investments Ltd. (fund)"),
        "{out}"
    );
    assert!(out.contains("--signs-for (investment manager); manages (investment manager)--> Kings Road Investments Ltd."), "{out}");
    assert!(
        out.contains(
            "Patrick G. G. Dear --signs-for (Principal)--> Polygon Investment Partners LLP"
        ),
        "{out}"
    );
    assert!(out.contains(":182 \"By /s/ Patrick G. G. Dear\""), "{out}");
}

#[test]
fn controls_a_farallon_fund_runs_through_the_general_partner_to_its_managing_members() {
    let Some(dir) = data_dir("controls_farallon") else {
        return;
    };
    let b =
        build(&[&dir.join("corpus/orgron-cik-cusip-mapping/2006_SC13GA_0001040153-06-000008.txt")]);
    let v = json(&b.db, &["controls", "Tinicum Partners"]);
    let chains = v["holdings"][0]["chains"]["Tinicum Partners, L.P."]
        .as_array()
        .expect("chains for the fund");
    // the filing's item 2 names twelve managing members of the general partner
    let members: Vec<&str> = chains
        .iter()
        .filter(|c| {
            c["steps"][0]["controller"] == "Farallon Partners, L.L.C."
                && c["steps"][0]["relations"][0] == "manages (general partner)"
                && c["steps"][1]["relations"][0] == "manages (managing member)"
        })
        .map(|c| c["controller"].as_str().unwrap())
        .collect();
    assert_eq!(members.len(), 12, "{members:?}");
    assert!(members.contains(&"Thomas F. Steyer") && members.contains(&"Mark C. Wehrly"));
}

#[test]
fn a_later_amendment_supersedes_and_as_of_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    let sig =
        "ALDER CREEK PARTNERS LP\nBy /s/ Jane Q. Roe\nName: Jane Q. Roe\nTitle: Managing Member\n";
    let a = schedule_13g(
        dir.path(),
        "a.txt",
        "Alder Creek Partners LP",
        "Northwind Robotics, Inc.",
        "1,000,000",
        "2.1",
        "December 31, 2022",
        sig,
    );
    let b2 = schedule_13g(
        dir.path(),
        "b.txt",
        "Alder Creek Partners LP",
        "Northwind Robotics, Inc.",
        "2,500,000",
        "5.2",
        "December 31, 2023",
        sig,
    );
    let b = build(&[&a, &b2]);
    let now = json(&b.db, &["holders", "Northwind Robotics"]);
    assert_eq!(now.as_array().unwrap().len(), 1, "{now}");
    assert_eq!(now[0]["attributes"]["shares"], 2500000);
    let history = json(&b.db, &["holders", "Northwind Robotics", "--history"]);
    assert_eq!(history.as_array().unwrap().len(), 2);
    assert_eq!(history[1]["superseded"], true);
    let then = json(
        &b.db,
        &["controls", "Northwind Robotics", "--as-of", "2023-06-30"],
    );
    assert_eq!(then["holdings"][0]["attributes"]["shares"], 1000000);
    assert_eq!(then["holdings"][0]["control"][0], "sole voting power");
}

#[test]
fn a_cycle_is_reported_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let sig = "ALDER CREEK PARTNERS LP\nBy Birch Hollow GP LLC, its general partner\nBy /s/ Jane Q. Roe\nName: Jane Q. Roe\nTitle: Manager\n\nDate: December 31, 2023\n\nBIRCH HOLLOW GP LLC\nBy Alder Creek Partners LP, its managing member\nBy /s/ John R. Doe\nName: John R. Doe\nTitle: Partner\n";
    let f = schedule_13g(
        dir.path(),
        "c.txt",
        "Alder Creek Partners LP",
        "Northwind Robotics, Inc.",
        "1,000,000",
        "2.1",
        "December 31, 2023",
        sig,
    );
    let b = build(&[&f]);
    let (code, out, err) = query(&b.db, &["controls", "Northwind Robotics"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "cycle: Alder Creek Partners LP <- Birch Hollow GP LLC <- Alder Creek Partners LP"
        ),
        "{out}"
    );
}

#[test]
fn ambiguous_and_unknown_names_get_did_you_mean() {
    let Some(dir) = data_dir("ambiguous_names") else {
        return;
    };
    let b = build(&[&dir.join("seeds")]);
    let (code, _, err) = query(&b.db, &["controls", "Polygon Investment Partners"]);
    assert_eq!(code, 1);
    assert!(err.contains("names several entities; which one?"), "{err}");
    assert!(
        err.contains("Polygon Investment Partners LLP (manager"),
        "{err}"
    );
    let (code, _, err) = query(&b.db, &["entity", "Polygon Investmnt Partners LLP"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("did you mean:\n  Polygon Investment Partners LLP"),
        "{err}"
    );
}

#[test]
fn entity_path_and_search_answer_in_json() {
    let Some(dir) = data_dir("entity_path_search") else {
        return;
    };
    let b = build(&[&dir.join("seeds")]);
    let p = json(&b.db, &["entity", "Mr. Dear"]);
    assert_eq!(p["name"], "Patrick G. G. Dear");
    assert!(p["edges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kind"] == "signs-for" && e["evidence"][0]["line"].as_u64().is_some()));
    let path = json(
        &b.db,
        &["path", "Patrick G. G. Dear", "Kings Road Investments Ltd."],
    );
    let kinds: Vec<&str> = path
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.len(), 2, "{path}");
    let found = json(&b.db, &["search", "polygon partners"]);
    assert!(found.as_array().unwrap().len() >= 2);
    assert!(found[0]["name"].as_str().unwrap().starts_with("Polygon"));
}
