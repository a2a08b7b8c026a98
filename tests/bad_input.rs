//! Bad input never panics and never stops a build: each bad file gets one line naming it and the
//! reason, the build goes on with the rest, and the exit code says some input was unusable.

use crate::util::{build, relgraph, repo};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

fn good() -> PathBuf {
    fixture("llp_vs_lp_13g.txt")
}

#[test]
fn empty_file_gets_one_line_and_the_build_goes_on() {
    let b = build(&[&fixture("bad/empty.txt"), &good()]);
    assert_eq!(b.code, 2);
    assert_eq!(
        b.stderr
            .lines()
            .filter(|l| l.contains("empty.txt"))
            .collect::<Vec<_>>(),
        vec![format!(
            "{}: error: empty file",
            fixture("bad/empty.txt").display()
        )]
    );
    assert!(
        b.stdout.contains("read 1 filing(s) (SC 13G: 1)"),
        "{}",
        b.stdout
    );
    assert!(b.stdout.contains("failed 1 file(s)"));
}

#[test]
fn binary_file_gets_one_line() {
    let b = build(&[&fixture("bad/binary.bin"), &good()]);
    assert_eq!(b.code, 2);
    assert!(
        b.stderr
            .contains("binary.bin: error: binary data, not a text, HTML or EDGAR filing"),
        "{}",
        b.stderr
    );
    assert_eq!(b.stderr.lines().count(), 1, "{}", b.stderr);
    assert_eq!(b.edges_of("holds").len(), 4);
}

#[test]
fn truncated_filing_is_read_as_far_as_it_goes_and_warned() {
    let b = build(&[&fixture("bad/truncated_13g.txt")]);
    assert_eq!(b.code, 0, "{}{}", b.stdout, b.stderr);
    assert!(b.edges_of("holds").is_empty(), "no figure is guessed");
    assert!(b.stdout.contains("truncated_13g.txt:43: the cover page of Oxbow Meridian Capital LLC stops before its figures: the filing looks truncated"), "{}", b.stdout);
}

#[test]
fn other_forms_are_skipped_with_the_form_named() {
    let b = build(&[&fixture("bad/wrong_form_8k.txt")]);
    assert_eq!(b.code, 0);
    assert!(
        b.stdout
            .contains("wrong_form_8k.txt: skipped: 8-K is not a form relgraph reads yet"),
        "{}",
        b.stdout
    );
    assert!(b.edges().is_empty());
}

#[test]
fn windows_1252_filing_is_decoded() {
    let b = build(&[&fixture("latin1_13g.txt")]);
    assert_eq!(b.code, 0, "{}{}", b.stdout, b.stderr);
    assert!(b.stdout.contains("decoded 1 file(s) from Windows-1252"));
    let h = &b.edge(
        "holds",
        "Société Fictive Lumière S.A.",
        "Halcyon Marine Systems, Inc.",
    )["attributes"];
    assert_eq!(h["shares"], 1312750);
    assert_eq!(h["percent"], serde_json::json!(6.0));
    assert!(b.node("Société Fictive Lumière S.A.")["aliases"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("Lumière")));
    let s = b.edge(
        "signs-for",
        "Hélène Maréchal-Dufort",
        "Société Fictive Lumière S.A.",
    );
    assert_eq!(s["attributes"]["title"], "Directrice Générale Déléguée");
}

#[test]
fn huge_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(relgraph::load::MAX_FILE_BYTES + 1).unwrap();
    let b = build(&[&path, &good()]);
    assert_eq!(b.code, 2);
    assert!(
        b.stderr
            .contains("huge.txt: error: file of 268435457 bytes is larger than"),
        "{}",
        b.stderr
    );
    assert_eq!(b.edges_of("holds").len(), 4);
}

#[test]
fn large_noisy_filing_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.txt");
    let mut text = std::fs::read_to_string(good()).unwrap();
    text.push_str(&"Lorem ipsum 12/29/2003 filler (the \"Thing\") By /s/ \n".repeat(100_000));
    std::fs::write(&path, text).unwrap();
    let b = build(&[&path]);
    assert!(b.code == 0, "{}{}", b.stdout, b.stderr);
    assert_eq!(b.edges_of("holds").len(), 4);
}

#[test]
fn missing_path_is_reported_and_others_are_read() {
    let b = build(&[&fixture("does-not-exist.txt"), &good()]);
    assert_eq!(b.code, 2);
    assert!(
        b.stderr.contains("does-not-exist.txt: error:"),
        "{}",
        b.stderr
    );
    assert_eq!(b.edges_of("holds").len(), 4);
}

#[test]
fn html_without_text_and_control_characters_are_handled() {
    let dir = tempfile::tempdir().unwrap();
    let empty_html = dir.path().join("empty.htm");
    std::fs::write(&empty_html, "<html><body><div> </div></body></html>").unwrap();
    let hostile = dir.path().join("hostile.txt");
    std::fs::write(
        &hostile,
        "SCHEDULE 13G\n\x1b[2J\x1b]0;pwned\x07Evil Corp (Name of Issuer)\n",
    )
    .unwrap();
    let b = build(&[&empty_html, &hostile]);
    assert_eq!(b.code, 2);
    assert!(
        b.stderr
            .contains("empty.htm: error: no text in the file once markup is removed"),
        "{}",
        b.stderr
    );
    assert!(
        !b.stdout.contains('\x1b') && !b.stderr.contains('\x1b'),
        "terminal output is sanitised"
    );
}

#[test]
fn export_of_a_missing_store_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = relgraph()
        .args(["export", "--format", "json", "--db"])
        .arg(dir.path().join("none.db"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("does not exist; create it with `relgraph build PATH --db"));
}

/// A registration statement's signature page, written into a temporary file.
fn s3_with(signatures: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s3.txt");
    let text = format!(
        "FORM S-3\nREGISTRATION STATEMENT UNDER THE SECURITIES ACT OF 1933\n\nACME WIDGETS, INC.\n(Exact name of registrant as specified in its charter)\n\nSIGNATURES\n\n{signatures}"
    );
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn signature_block_with_no_name_gives_no_edge() {
    let (_d, path) = s3_with("ACME WIDGETS, INC.\n\nBy: /s/\n\nTitle: President\n");
    let b = build(&[&path]);
    assert_eq!(b.code, 0, "{}{}", b.stdout, b.stderr);
    assert!(b.edges().is_empty(), "{:?}", b.edges());
    assert!(
        b.stdout
            .contains("s3.txt: no signature or officer found in this filing"),
        "{}",
        b.stdout
    );
}

#[test]
fn signature_table_cut_off_mid_row_keeps_what_is_complete() {
    let (_d, path) = s3_with("Signature\tTitle\tDate\n/s/ Jane Q. Public\tDirector\tMay 1, 2020\n/s/ John R. Roe\tChief Fin");
    let b = build(&[&path]);
    assert_eq!(b.code, 0, "{}{}", b.stdout, b.stderr);
    assert_eq!(
        b.edge("board-member-of", "Jane Q. Public", "ACME WIDGETS, INC.")["attributes"]["title"],
        "Director"
    );
    // the cut title still names no role, so John R. Roe only signs
    assert!(
        b.edges_of("officer-of").is_empty(),
        "{:?}",
        b.edges_of("officer-of")
    );
    b.edge("signs-for", "John R. Roe", "ACME WIDGETS, INC.");
}

#[test]
fn title_of_two_thousand_characters_is_not_a_role() {
    let long = "Director and ".repeat(160);
    let (_d, path) = s3_with(&format!(
        "Signature\tTitle\tDate\n/s/ Jane Q. Public\t{long}\tMay 1, 2020\n"
    ));
    let b = build(&[&path]);
    assert_eq!(b.code, 0, "{}{}", b.stdout, b.stderr);
    let s = b.edge("signs-for", "Jane Q. Public", "ACME WIDGETS, INC.");
    assert!(
        s["attributes"].get("title").is_none(),
        "an implausible title is not kept: {s}"
    );
    assert!(b.edges_of("board-member-of").is_empty());
}

/// The bad versions of a good structured filing that every XML reader must refuse with one line:
/// malformed (the `issuerName` end tag misspelt, so the reason names line `issuer_line`),
/// truncated, a DOCTYPE whose entities expand a billion-laughs way, one naming an external file
/// (each used in place of `name`), and no issuer name.
fn xml_cases(
    good_xml: &str,
    root: &str,
    name: &str,
    issuer: &str,
    issuer_line: usize,
) -> Vec<(&'static str, String, String)> {
    let body = &good_xml[good_xml.find(&format!("<{root}")).unwrap()..];
    let laughs = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE {root} [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n{}",
        body.replace(name, "&c;")
    );
    let external = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE {root} [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n{}",
        body.replace(name, "&x;")
    );
    let unreadable = || "the XML cannot be read".to_string();
    vec![
        (
            "malformed.xml",
            good_xml.replace("</issuerName>", "</issuerNam>"),
            format!("line {issuer_line}: the XML cannot be read"),
        ),
        (
            "truncated.xml",
            good_xml[..good_xml.len() / 2].to_string(),
            unreadable(),
        ),
        ("laughs.xml", laughs, unreadable()),
        ("external.xml", external, unreadable()),
        (
            "no_issuer.xml",
            good_xml.replace(issuer, ""),
            "names no issuer".to_string(),
        ),
    ]
}

/// Writes each (name, text, reason) case into `dir`; returns the paths in order.
fn write_cases(dir: &std::path::Path, cases: &[(&str, String, String)]) -> Vec<std::path::PathBuf> {
    cases
        .iter()
        .map(|(name, text, _)| {
            let p = dir.join(name);
            std::fs::write(&p, text).unwrap();
            p
        })
        .collect()
}

/// Each case's file has exactly one stderr line, giving its reason; nothing was fetched.
fn assert_one_line_each(
    b: &crate::util::Built,
    cases: &[(&str, String, String)],
    paths: &[std::path::PathBuf],
) {
    for ((name, _, reason), path) in cases.iter().zip(paths) {
        let lines: Vec<&str> = b
            .stderr
            .lines()
            .filter(|l| l.contains(&*path.display().to_string()))
            .collect();
        assert_eq!(lines.len(), 1, "{name}: {}", b.stderr);
        assert!(lines[0].contains(reason), "{name}: {}", lines[0]);
    }
    assert!(
        !b.stderr.contains("root:"),
        "no file is ever fetched or expanded"
    );
}

/// Bad structured XML, made from the good fixture: each gets one clear line, no panic, and the
/// build goes on with the good filing.
#[test]
fn bad_schedule_xml_gets_one_clear_line_each() {
    let good_xml = std::fs::read_to_string(fixture("quillon_13g_primary_doc.xml")).unwrap();
    let cases = xml_cases(
        &good_xml,
        "edgarSubmission",
        "Quillon Biologics, Inc.",
        "Quillon Biologics, Inc.",
        12,
    );
    let dir = tempfile::tempdir().unwrap();
    let paths = write_cases(dir.path(), &cases);
    // unknown elements are ignored, not an error
    let unknown = dir.path().join("unknown.xml");
    std::fs::write(
        &unknown,
        good_xml.replace(
            "<formData>",
            "<formData><futureElement a=\"1\"><x/></futureElement>",
        ),
    )
    .unwrap();
    let mut args: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
    args.push(&unknown);
    let b = build(&args);
    assert_eq!(b.code, 2, "{}", b.stderr);
    assert_one_line_each(&b, &cases, &paths);
    assert!(
        b.stdout.contains("read 1 filing(s) (SCHEDULE 13G: 1)"),
        "{}",
        b.stdout
    );
    assert!(b.stdout.contains("failed 5 file(s)"), "{}", b.stdout);
}

#[test]
fn bad_ownership_xml_and_html_get_one_clear_line_each() {
    let good_xml = std::fs::read_to_string(fixture("ownership/quillon_form4.xml")).unwrap();
    let good_html = std::fs::read_to_string(fixture("ownership/quillon_form4.html")).unwrap();
    let mut cases = xml_cases(
        &good_xml,
        "ownershipDocument",
        "Marlowe Petra J",
        "Quillon Robotics, Inc.",
        8,
    );
    cases.extend([
        (
            "no_owner.xml",
            good_xml.replace("Marlowe Petra J", " "),
            "names no reporting owner".to_string(),
        ),
        (
            "owner_less.html",
            good_html.replace("Marlowe Petra J", ""),
            "no reporting owner found".to_string(),
        ),
        (
            "issuer_less.html",
            good_html.replace("Quillon Robotics, Inc.", ""),
            "no issuer found".to_string(),
        ),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let paths = write_cases(dir.path(), &cases);
    // unknown elements are ignored; a rendered form cut short still gives what it shows
    let unknown = dir.path().join("unknown.xml");
    std::fs::write(
        &unknown,
        good_xml.replace(
            "<issuer>",
            "<futureElement a=\"1\"><x/></futureElement><issuer>",
        ),
    )
    .unwrap();
    let cut = dir.path().join("cut.html");
    let half = good_html.find("Table II").unwrap();
    std::fs::write(&cut, &good_html[..half]).unwrap();
    let mut args: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
    args.push(&unknown);
    args.push(&cut);
    let b = build(&args);
    assert_eq!(b.code, 2, "{}", b.stderr);
    assert_one_line_each(&b, &cases, &paths);
    assert!(
        !b.stderr.contains("root:"),
        "no file is ever fetched or expanded"
    );
    assert!(
        b.stdout.contains("read 2 filing(s) (FORM 4: 2)"),
        "{}",
        b.stdout
    );
    assert!(b.stdout.contains("failed 8 file(s)"), "{}", b.stdout);
    // the truncated page has lost its signature, and says so
    let unsigned = b.json["warnings"].as_array().unwrap().iter().any(|w| {
        w["path"].as_str().unwrap_or("").ends_with("cut.html")
            && w["message"].as_str().unwrap_or("").contains("no signature")
    });
    assert!(unsigned, "{:?}", b.warnings());
}

/// A 1990s-style text Form 4 about fictional people, in a complete submission.
fn text_form4() -> String {
    "<SEC-DOCUMENT>0009999999-99-000001.txt : 19990316\n<SEC-HEADER>0009999999-99-000001.hdr.sgml : 19990316\nACCESSION NUMBER:\t\t0009999999-99-000001\nCONFORMED SUBMISSION TYPE:\t4\nCONFORMED PERIOD OF REPORT:\t19990228\nFILED AS OF DATE:\t\t19990314\n\nSUBJECT COMPANY:\n\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\t\t\tHALCYON MARINE SYSTEMS INC\n\t\tCENTRAL INDEX KEY:\t\t\t0009999001\n<REPORTING-OWNER>\n\nCOMPANY DATA:\n\tCOMPANY CONFORMED NAME:\t\t\tVARNACH ODILE P\n\tCENTRAL INDEX KEY:\t\t\t0009999101\n<RELATIONSHIP>DIRECTOR\n</REPORTING-OWNER>\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>4\n<TEXT>\nFORM 4\nSTATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP\n1. Name and Address of Reporting Person\n   Varnach, Odile P.\n2. Issuer Name and Ticker or Trading Symbol\n   Halcyon Marine Systems, Inc.\n   HMSY\n6. Relationship of Reporting Person(s) to Issuer (Check all applicable)\n   (X) Director ( ) 10% Owner ( ) Officer (give title below) ( ) Other\nSIGNATURE OF REPORTING PERSON\n  /s/ Odile P. Varnach\nDATE\nMarch 13, 1999\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n".to_string()
}

#[test]
fn bad_text_form4_gets_one_clear_line_or_a_warning() {
    let good = text_form4();
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let good_path = write("good.txt", &good);
    // cut before the signature: still read, and the missing signature is said
    let cut = write("cut.txt", &good[..good.find("SIGNATURE OF").unwrap()]);
    // the form without header or names: nothing to read, one clear line
    let bare = write(
        "bare.txt",
        "FORM 4\nSTATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP\n1. Name and Address of Reporting Person\n",
    );
    let b = build(&[&good_path, &cut, &bare]);
    assert_eq!(b.code, 2, "{}", b.stderr);
    let failed: Vec<&str> = b
        .stderr
        .lines()
        .filter(|l| l.contains("bare.txt"))
        .collect();
    assert_eq!(failed.len(), 1, "{}", b.stderr);
    assert!(failed[0].contains("no issuer found"), "{}", failed[0]);
    assert!(
        b.stdout.contains("read 2 filing(s) (FORM 4: 2)"),
        "{}",
        b.stdout
    );
    assert_eq!(
        b.edge(
            "board-member-of",
            "VARNACH ODILE P",
            "Halcyon Marine Systems, Inc."
        )["attributes"]["title"],
        "Director"
    );
    let unsigned = b.json["warnings"].as_array().unwrap().iter().any(|w| {
        w["path"].as_str().unwrap_or("").ends_with("cut.txt")
            && w["message"].as_str().unwrap_or("").contains("no signature")
    });
    assert!(unsigned, "{:?}", b.warnings());
}
