//! Hostile and huge input (docs/reliability.md has the table): each gives a bounded outcome and
//! one clear line, and the build goes on. XML entity expansion and external entities are in
//! `bad_input.rs` (`bad_schedule_xml_gets_one_clear_line_each`,
//! `bad_ownership_xml_and_html_get_one_clear_line_each`).

use crate::util::{build, relgraph, repo};
use std::path::{Path, PathBuf};

/// A Schedule 13G's front page and one cover page, which the lines after it extend.
const HEAD: &str = "SECURITIES AND EXCHANGE COMMISSION\nSCHEDULE 13G\n(Amendment No. 1)\n\
Under the Securities Exchange Act of 1934\nNorthwind Widgets, Inc.\n(Name of Issuer)\n\
Common Stock\n(Title of Class of Securities)\n66987V109\n(CUSIP Number)\n\n\
1. NAME OF REPORTING PERSON\nAcme Capital Partners, L.P.\n5. SOLE VOTING POWER\n1,000\n\
6. SHARED VOTING POWER\n0\n7. SOLE DISPOSITIVE POWER\n1,000\n8. SHARED DISPOSITIVE POWER\n0\n\
9. AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON\n1,000\n\
11. PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW 9\n5.1%\n12. TYPE OF REPORTING PERSON\nPN\n\n";

fn good() -> PathBuf {
    repo().join("tests/fixtures/conflict_13g.txt")
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write a hostile file");
    path
}

/// The build's line about `name`, which must be the only one.
fn line_about<'a>(stderr: &'a str, name: &str) -> &'a str {
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(name)).collect();
    assert_eq!(lines.len(), 1, "one line about {name}: {stderr}");
    lines[0]
}

#[test]
fn a_file_of_a_gigabyte_is_refused_unread_and_the_limit_can_be_raised() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    // sparse: no disk, and a read of it would take a second and a gigabyte of memory
    std::fs::File::create(&path)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    let b = build(&[&path, &good()]);
    assert_eq!(b.code, 2, "{}", b.stderr);
    assert!(
        line_about(&b.stderr, "huge.txt").contains(
            "error: file of 1073741824 bytes is larger than the 268435456-byte limit; raise it with --max-file-size"
        ),
        "{}",
        b.stderr
    );
    assert!(!b.edges_of("holds").is_empty(), "the other file is read");
    // the flag moves the limit, both ways
    let small = write(dir.path(), "small.txt", HEAD);
    let out = relgraph()
        .args(["build", "--max-file-size", "100", "--db"])
        .arg(dir.path().join("s.db"))
        .arg(&small)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("larger than the 100-byte limit"),
        "{stderr}"
    );
    let bad = relgraph()
        .args(["build", "--max-file-size", "lots", "x"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not a size"));
}

#[test]
fn a_file_of_one_100_mb_line_is_refused_with_the_line_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = HEAD.replace('\n', " ").into_bytes();
    text.resize(100 * 1024 * 1024, b'x');
    let path = write(dir.path(), "oneline.txt", &text);
    drop(text);
    let b = build(&[&path, &good()]);
    assert_eq!(b.code, 2);
    assert!(
        line_about(&b.stderr, "oneline.txt").contains(
            "error: line 1 is 104857600 bytes long, longer than the 1048576-byte limit; raise it with --max-line-length"
        ),
        "{}",
        b.stderr
    );
    assert!(!b.edges_of("holds").is_empty(), "the other file is read");
}

#[test]
fn a_filing_whose_every_line_is_a_signature_is_read_in_linear_time_or_refused_over_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = format!("{HEAD}SIGNATURE\n");
    for i in 0..3000 {
        text.push_str(&format!(
            "Fund {i} LP\nBy: Manager {i} LLC, its general partner\nBy: /s/ Person {i} Smith\nName: Person {i} Smith\nTitle: Managing Member\n\n"
        ));
    }
    let path = write(dir.path(), "signatures.txt", &text);
    // read whole under the default limit (before parties were looked up by hash, 80,000 such
    // lines took a minute: every line compared with every party before it)
    let b = build(&[&path]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    assert!(b.nodes().len() > 3000, "{}", b.stdout);
    // refused, with one line, under a lower one
    let out = relgraph()
        .args(["build", "--max-names", "1000", "--db"])
        .arg(dir.path().join("low.db"))
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        line_about(&stderr, "signatures.txt").contains(
            "parties, more than the limit of 1000 for one filing; raise it with --max-names"
        ),
        "{stderr}"
    );
}

#[test]
fn a_hundred_thousand_tiny_files_each_get_their_line_and_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("tiny");
    std::fs::create_dir(&inputs).unwrap();
    const N: usize = 100_000;
    for i in 0..N {
        // empty, one word, or the start of a filing
        let text: &[u8] = match i % 3 {
            0 => b"",
            1 => b"x",
            _ => b"SCHEDULE 13G\n",
        };
        std::fs::write(inputs.join(format!("{i:06}.txt")), text).unwrap();
    }
    let out = relgraph()
        .args(["build", "--quiet", "--db"])
        .arg(dir.path().join("t.db"))
        .arg(&inputs)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    // every file is accounted for in the summary
    let count = |label: &str| -> usize {
        stdout
            .lines()
            .find_map(|l| l.strip_prefix(label))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no {label:?} line in {stdout}"))
    };
    assert_eq!(
        count("read ") + count("skipped ") + count("failed "),
        N,
        "{stdout}"
    );
    assert_eq!(count("failed "), N / 3 + 1, "the empty files: {stdout}");
}

#[test]
fn deeply_nested_html_is_read_without_recursion() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 200_000;
    let html = format!(
        "<html><body>{}<p>SCHEDULE 13G</p><p>Northwind Widgets, Inc.</p><p>(Name of Issuer)</p>{}</body></html>",
        "<div><span>".repeat(depth),
        "</span></div>".repeat(depth)
    );
    let path = write(dir.path(), "nested.htm", html);
    let b = build(&[&path, &good()]);
    // a 13G without its cover pages: read, warned about (warnings go to stdout), and the build
    // goes on
    assert_eq!(b.code, 0, "{}", b.stderr);
    assert!(
        line_about(&b.stdout, "nested.htm").contains("no cover page"),
        "{}",
        b.stdout
    );
    assert!(!b.edges_of("holds").is_empty());
}

#[test]
fn nul_bytes_in_a_filing_are_read_as_spaces_and_utf16_is_refused_as_binary() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read(good()).unwrap();
    // PDF-extracted text has stray NULs: here one in every line of the first page
    let mut with_nuls = Vec::new();
    for line in text.split(|b| *b == b'\n') {
        with_nuls.extend_from_slice(line);
        if with_nuls.len() < 4000 {
            with_nuls.push(0);
        }
        with_nuls.push(b'\n');
    }
    let path = write(dir.path(), "nuls.txt", &with_nuls);
    let clean = build(&[&good()]);
    let b = build(&[&path]);
    assert_eq!(
        b.edges_of("holds").len(),
        clean.edges_of("holds").len(),
        "{}",
        b.stderr
    );
    let utf16: Vec<u8> = String::from_utf8_lossy(&text)
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let path = write(dir.path(), "utf16.txt", utf16);
    let b = build(&[&path]);
    assert!(
        line_about(&b.stderr, "utf16.txt")
            .contains("error: binary data, not a text, HTML or EDGAR filing"),
        "{}",
        b.stderr
    );
}

#[test]
fn invalid_utf8_in_the_middle_of_a_name_is_read_as_windows_1252() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = HEAD.as_bytes().to_vec();
    let at = HEAD.find("Acme Cap").unwrap() + "Acme Cap".len();
    // two bytes that are not UTF-8 (0xFF never is), inside the reporting person's name
    bytes.splice(at..at, [0xff, 0x81]);
    let path = write(dir.path(), "badutf8.txt", &bytes);
    let b = build(&[&path]);
    let names = b.names();
    assert!(
        names.iter().any(|n| n.starts_with("Acme Cap\u{ff}")),
        "{names:?}"
    );
    // the undefined 0x81 is not carried into a name as a control character
    assert!(
        names.iter().all(|n| !n.chars().any(char::is_control)),
        "{names:?}"
    );
}
