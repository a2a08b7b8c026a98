//! A deterministic fuzz run in plain `cargo test` (docs/fuzzing.md): for each format family the
//! fuzz targets cover (text, HTML, EDGAR submission, XML), the repository's fixtures are mutated
//! (bit flips, truncation, splicing two fixtures, hostile fragments, deep nesting, a 100 KB run of
//! one character, invalid UTF-8, signature lines) and run through load -> detect -> extract, which
//! must not panic. The seed is fixed and failures are not persisted, so every run tries the same
//! cases; a failing case is shrunk by proptest to a short list of mutations.
//!
//! The cargo-fuzz targets in `fuzz/` search far longer but need nightly and time; this test keeps
//! the same pipeline under every `cargo test`, and the bugs they found are pinned one by one in
//! `tests/fuzz_regressions.rs`.

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed, TestCaseError, TestRunner};
use relgraph::detect::Family;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

/// Cases per family. Each case runs the whole pipeline on a fixture-sized input (some with a
/// 100 KB run added). The four families together took 2.8 s in `cargo test --release` and 17-21 s
/// in debug `cargo test` on a quiet 2-core machine (about twice that with a build on the other
/// core): docs/fuzzing.md.
const CASES: u32 = 1536;

/// The format families, each with the path its inputs are loaded under (the extension decides
/// how some files are read) and its fixtures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
    Sgml,
    Xml,
}

impl Kind {
    /// The cargo-fuzz target for the family.
    fn target(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Html => "html",
            Kind::Sgml => "sgml",
            Kind::Xml => "xml",
        }
    }

    fn path(self) -> &'static str {
        match self {
            Kind::Text | Kind::Sgml => "fuzz.txt",
            Kind::Html => "fuzz.htm",
            Kind::Xml => "primary_doc.xml",
        }
    }
}

/// How far a case got: refused by load, loaded but a form relgraph does not read, or extracted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reached {
    Refused,
    Other,
    Extracted,
}

/// The pipeline `relgraph build` runs on each file. Errors and empty facts are fine; a panic
/// fails the test (proptest catches it and shrinks the case).
fn run(kind: Kind, bytes: &[u8]) -> Reached {
    let Ok(doc) = relgraph::load::load_bytes(kind.path(), bytes) else {
        return Reached::Refused;
    };
    let form = relgraph::detect::detect(&doc);
    if form.family == Family::Other {
        return Reached::Other;
    }
    let _ = relgraph::extract::read_facts(&doc, &form);
    Reached::Extracted
}

/// Every file under the fixture directories, read once.
fn all_fixtures() -> &'static Vec<(PathBuf, Vec<u8>)> {
    static FILES: OnceLock<Vec<(PathBuf, Vec<u8>)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["tests/fixtures", "examples/filings"] {
            walk(&root.join(dir), &mut files);
        }
        files.sort();
        files
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                (p, bytes)
            })
            .collect()
    })
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn ext(path: &Path) -> &str {
    path.extension().and_then(|e| e.to_str()).unwrap_or("")
}

/// An EDGAR complete submission: an SGML envelope tag on a line near the top.
fn is_submission(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(&bytes[..bytes.len().min(8192)])
        .lines()
        .take(60)
        .any(|l| {
            let t = l.trim_start();
            [
                "<SEC-DOCUMENT>",
                "<SEC-HEADER>",
                "<IMS-HEADER>",
                "<SUBMISSION>",
                "<DOCUMENT>",
            ]
            .iter()
            .any(|m| t.starts_with(m))
        })
}

/// A fixture in a complete-submission envelope, as EDGAR serves it (XML inside `<XML>`).
fn wrap(doc_type: &str, name: &str, body: &[u8], xml: bool) -> Vec<u8> {
    let mut out = format!(
        "<SEC-DOCUMENT>0009999999-24-000199.txt : 20240213\n\
         <SEC-HEADER>0009999999-24-000199.hdr.sgml : 20240213\n\
         ACCESSION NUMBER:\t\t0009999999-24-000199\n\
         CONFORMED SUBMISSION TYPE:\t{doc_type}\n\
         PUBLIC DOCUMENT COUNT:\t\t1\n\
         FILED AS OF DATE:\t\t20240213\n\
         GROUP MEMBERS:\t\tQUARRY LANE MANAGEMENT, L.L.C.\n\n\
         SUBJECT COMPANY:\t\n\n\
         \tCOMPANY DATA:\t\n\
         \t\tCOMPANY CONFORMED NAME:\t\t\tNORTHWIND ROBOTICS, INC.\n\
         \t\tCENTRAL INDEX KEY:\t\t\t0009990417\n\n\
         FILED BY:\t\t\n\n\
         \tCOMPANY DATA:\t\n\
         \t\tCOMPANY CONFORMED NAME:\t\t\tQUARRY LANE PARTNERS, L.P.\n\
         \t\tCENTRAL INDEX KEY:\t\t\t0009999999\n\
         </SEC-HEADER>\n<DOCUMENT>\n<TYPE>{doc_type}\n<SEQUENCE>1\n<FILENAME>{name}\n<TEXT>\n"
    )
    .into_bytes();
    if xml {
        out.extend_from_slice(b"<XML>\n");
    }
    out.extend_from_slice(body);
    if xml {
        out.extend_from_slice(b"\n</XML>");
    }
    out.extend_from_slice(b"\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n");
    out
}

/// An XML fixture in a `.nc`-style submission: the envelope and the document on one line, as some
/// EDGAR feeds serve them (load/submission.rs puts the tags back on lines of their own).
fn wrap_one_line(doc_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "<SUBMISSION><ACCESSION-NUMBER>0009999999-24-000198<TYPE>{doc_type}\
         <FILING-DATE>20240213<REPORTING-OWNER><OWNER-DATA><CONFORMED-NAME>Jane Roe\
         <CIK>0009999998</OWNER-DATA></REPORTING-OWNER><DOCUMENT><TYPE>{doc_type}\
         <SEQUENCE>1<TEXT><XML>"
    )
    .into_bytes();
    out.extend(body.iter().map(|&b| if b == b'\n' { b' ' } else { b }));
    out.extend_from_slice(b"</XML></TEXT></DOCUMENT></SUBMISSION>");
    out
}

/// The inputs of one family: its fixtures as they are, and for submissions also every other
/// fixture wrapped in an envelope (the XML ones in a one-line envelope too). `tests/fixtures/bad/*`
/// go to text (they are `.txt` and `.bin`).
fn fixtures(kind: Kind) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (path, bytes) in all_fixtures() {
        let e = ext(path);
        let doc_like = matches!(e, "txt" | "bin" | "htm" | "html" | "xml");
        let family = match e {
            "htm" | "html" => Kind::Html,
            "xml" => Kind::Xml,
            "txt" | "bin" if is_submission(bytes) => Kind::Sgml,
            "txt" | "bin" => Kind::Text,
            _ => continue, // EXPECTED.md
        };
        let relative = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap_or(path);
        if family == kind {
            out.push((relative.display().to_string(), bytes.clone()));
        } else if kind == Kind::Sgml && doc_like && e != "bin" {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("x");
            let doc_type = if name.contains("form4") {
                "4"
            } else if name.contains("13d") {
                "SC 13D"
            } else {
                "SC 13G"
            };
            out.push((
                format!("{} in an envelope", relative.display()),
                wrap(doc_type, name, bytes, e == "xml"),
            ));
            if e == "xml" {
                out.push((
                    format!("{} in a one-line envelope", relative.display()),
                    wrap_one_line(doc_type, bytes),
                ));
            }
        }
    }
    assert!(!out.is_empty(), "no fixtures for {kind:?}");
    out
}

/// Fragments that have broken parsers before, or might: markup left open, NUL and control
/// characters (raw and as references), bidi overrides, letters whose case changes their length in
/// bytes, envelope and section tags out of place, and signature lines.
const HOSTILE: &[&[u8]] = &[
    b"<",
    b">",
    b"&",
    b"&#0;",
    b"&#x0;",
    b"&#xFFFFFFFF;",
    b"&#99999999999999999999;",
    b"&amp",
    b"\0",
    b"\0\0\0\0\0\0\0\0",
    "\u{202e}".as_bytes(),
    "\u{feff}".as_bytes(),
    "\u{a0}".as_bytes(),
    "\u{2028}".as_bytes(),
    // lower/upper case of a different length in bytes
    "\u{130}".as_bytes(),
    "\u{212a}".as_bytes(),
    "\u{23a}".as_bytes(),
    "\u{fb03}".as_bytes(),
    "e\u{301}\u{301}\u{301}".as_bytes(),
    b"\r",
    b"\r\n\r\n",
    b"\x0b\x0c",
    b"\t\t\t",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"]]>",
    b"<!DOCTYPE x [<!ENTITY e \"eeeeeeee\">]>",
    b"<?xml version=\"1.0\"?>",
    b"</td>",
    b"<td colspan=\"4294967296\">",
    b"<table><tr><td>",
    b"</table>",
    b"<script>",
    b"<style>",
    b"<br>",
    b"<DOCUMENT>",
    b"</DOCUMENT>",
    b"<TEXT>",
    b"</TEXT>",
    b"<XML>",
    b"<SEC-HEADER>",
    b"</SEC-HEADER>",
    b"<TYPE>SC 13D",
    b"\nCONFORMED SUBMISSION TYPE:\t",
    b"\nGROUP MEMBERS:\t\t",
    b"\nFILED BY:\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\t",
    b"<ownershipDocument>",
    b"</value>",
    b"<value>",
    b"<reportingOwner>",
    b"<signatureName>",
    b"SCHEDULE 13D",
    b"(Amendment No. 99999999999999999999)",
    b"CUSIP No.",
    b"\nItem 4.\n",
    b"(a)",
    b"%",
    b"$",
    b"**",
    b"\\$",
    b"\nBy: /s/",
    b"\nBy: /s/\n",
    b"By: /s/ \nName:\nTitle:\n",
    b"\nBy: /s/ John Q. Public, as Attorney-in-Fact for\n",
    b"\nName: \nTitle: Managing Member of the General Partner of the Manager of\n",
    b"\n/s/\n/s/\n/s/\n",
    // a signature whose lower case is longer in bytes than itself, before the grantor's name
    "\u{130} attorney-in-fact for \u{c9}mile".as_bytes(),
    "\u{212a}\u{212a}\u{212a}, Attorney in Fact for \u{c9}mile".as_bytes(),
];

/// Bytes that are not UTF-8 alone or where they land: a lone continuation, truncated sequences,
/// an encoded surrogate, an over-long NUL, 0xFF.
const INVALID_UTF8: &[&[u8]] = &[
    b"\x80",
    b"\xc3",
    b"\xe2\x80",
    b"\xf0\x9f\x98",
    b"\xed\xa0\x80",
    b"\xc0\x80",
    b"\xff\xfe",
    b"\x93\x94\x96",
];

/// Places the extractors look at closely: a hostile fragment right after one of them lands in a
/// signature, a name, a table cell or an envelope tag rather than anywhere.
const ANCHORS: &[&[u8]] = &[
    b"/s/",
    b"ttorney",
    b"By:",
    b"Name:",
    b"Title:",
    b"<signatureName>",
    b"<signatureTitle>",
    b"<value>",
    b"<rptOwnerName>",
    b"<reportingPersonName>",
    b"<title>",
    b"<td",
    b"Table I",
    b"CUSIP",
    b"Item ",
    b"(a)",
    b"%",
    b"<TYPE>",
    b"<TEXT>",
    b"CONFORMED NAME:",
    b"GROUP MEMBERS:",
    b"\n",
];

/// Characters for the 100 KB runs.
const RUN_CHARS: &[&str] = &[
    " ", "A", "<", ">", "\n", "-", "_", ".", "=", "&", "\u{a0}", "/",
];

/// Markup for deep nesting.
const NESTS: &[(&str, &str)] = &[
    ("<div>", "</div>"),
    ("<table><tr><td>", "</td></tr></table>"),
    ("<b><i>", "</i></b>"),
    ("<value>", "</value>"),
    ("<DOCUMENT>\n<TEXT>\n", "</TEXT>\n</DOCUMENT>\n"),
];

#[derive(Debug, Clone)]
enum Mutation {
    FlipBit {
        at: Index,
        bit: u8,
    },
    SetByte {
        at: Index,
        byte: u8,
    },
    Truncate {
        at: Index,
    },
    Delete {
        at: Index,
        len: usize,
    },
    /// This input up to `at`, then another fixture of the family from `from`.
    Splice {
        other: Index,
        at: Index,
        from: Index,
    },
    /// A copy of a part of the input, put elsewhere in it.
    Duplicate {
        from: Index,
        len: usize,
        at: Index,
    },
    Hostile {
        at: Index,
        which: Index,
        times: usize,
    },
    /// A hostile fragment right after one occurrence of an anchor.
    Near {
        anchor: Index,
        nth: Index,
        which: Index,
    },
    /// Two parts of the input trade places (sections out of their usual order).
    Swap {
        a: Index,
        b: Index,
        len: usize,
    },
    InvalidUtf8 {
        at: Index,
        which: Index,
    },
    Nest {
        at: Index,
        which: Index,
        depth: usize,
        close: bool,
    },
    /// 100 KB of one character.
    Run {
        at: Index,
        which: Index,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let i = any::<Index>;
    prop_oneof![
        3 => (i(), 0u8..8).prop_map(|(at, bit)| Mutation::FlipBit { at, bit }),
        1 => (i(), any::<u8>()).prop_map(|(at, byte)| Mutation::SetByte { at, byte }),
        2 => i().prop_map(|at| Mutation::Truncate { at }),
        1 => (i(), 1usize..4096).prop_map(|(at, len)| Mutation::Delete { at, len }),
        2 => (i(), i(), i()).prop_map(|(other, at, from)| Mutation::Splice { other, at, from }),
        1 => (i(), 1usize..4096, i()).prop_map(|(from, len, at)| Mutation::Duplicate { from, len, at }),
        3 => (i(), i(), 1usize..4).prop_map(|(at, which, times)| Mutation::Hostile { at, which, times }),
        3 => (i(), i(), i()).prop_map(|(anchor, nth, which)| Mutation::Near { anchor, nth, which }),
        1 => (i(), i(), 1usize..4096).prop_map(|(a, b, len)| Mutation::Swap { a, b, len }),
        2 => (i(), i()).prop_map(|(at, which)| Mutation::InvalidUtf8 { at, which }),
        1 => (i(), i(), 1usize..3000, any::<bool>())
            .prop_map(|(at, which, depth, close)| Mutation::Nest { at, which, depth, close }),
        1 => (i(), i()).prop_map(|(at, which)| Mutation::Run { at, which }),
    ]
}

/// An insertion point: `Index` over `len + 1` places (both ends included).
fn place(at: &Index, len: usize) -> usize {
    at.index(len + 1)
}

fn apply(input: &mut Vec<u8>, m: &Mutation, family: &[Vec<u8>]) {
    let len = input.len();
    match m {
        Mutation::FlipBit { at, bit } => {
            if len > 0 {
                input[at.index(len)] ^= 1 << bit;
            }
        }
        Mutation::SetByte { at, byte } => {
            if len > 0 {
                input[at.index(len)] = *byte;
            }
        }
        Mutation::Truncate { at } => input.truncate(place(at, len)),
        Mutation::Delete { at, len: n } => {
            let start = place(at, len);
            input.drain(start..(start + n).min(len));
        }
        Mutation::Splice { other, at, from } => {
            let other = &family[other.index(family.len())];
            input.truncate(place(at, len));
            input.extend_from_slice(&other[place(from, other.len())..]);
        }
        Mutation::Duplicate { from, len: n, at } => {
            let start = place(from, len);
            let part = input[start..(start + n).min(len)].to_vec();
            let at = place(at, len);
            input.splice(at..at, part);
        }
        Mutation::Hostile { at, which, times } => {
            let frag = HOSTILE[which.index(HOSTILE.len())].repeat(*times);
            let at = place(at, len);
            input.splice(at..at, frag);
        }
        Mutation::Near { anchor, nth, which } => {
            let anchor = ANCHORS[anchor.index(ANCHORS.len())];
            let ends: Vec<usize> = input
                .windows(anchor.len())
                .enumerate()
                .filter(|(_, w)| *w == anchor)
                .map(|(k, _)| k + anchor.len())
                .collect();
            let at = if ends.is_empty() {
                len
            } else {
                ends[nth.index(ends.len())]
            };
            let frag = HOSTILE[which.index(HOSTILE.len())];
            input.splice(at..at, frag.iter().copied());
        }
        Mutation::Swap { a, b, len: n } => {
            // two parts that do not overlap: [x, x + n) before [y, y + n)
            let (x, y) = {
                let (p, q) = (place(a, len), place(b, len));
                (p.min(q), p.max(q))
            };
            let n = (*n).min(y - x).min(len - y);
            if n > 0 {
                let first = input[x..x + n].to_vec();
                let second = input[y..y + n].to_vec();
                input[x..x + n].copy_from_slice(&second);
                input[y..y + n].copy_from_slice(&first);
            }
        }
        Mutation::InvalidUtf8 { at, which } => {
            let bytes = INVALID_UTF8[which.index(INVALID_UTF8.len())];
            let at = place(at, len);
            input.splice(at..at, bytes.iter().copied());
        }
        Mutation::Nest {
            at,
            which,
            depth,
            close,
        } => {
            let (open, shut) = NESTS[which.index(NESTS.len())];
            let mut frag = open.repeat(*depth);
            if *close {
                frag.push_str(&shut.repeat(*depth));
            }
            let at = place(at, len);
            input.splice(at..at, frag.into_bytes());
        }
        Mutation::Run { at, which } => {
            let c = RUN_CHARS[which.index(RUN_CHARS.len())];
            let frag = c.repeat(100_000 / c.len());
            let at = place(at, len);
            input.splice(at..at, frag.into_bytes());
        }
    }
}

/// The same cases on every run: ChaCha with a fixed seed, nothing read from or written to a
/// failure file. `cases` is set here, so `PROPTEST_CASES` in the environment does not change it.
fn config(seed: u64) -> Config {
    Config {
        cases: CASES,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(seed),
        max_shrink_iters: 2048,
        ..Config::default()
    }
}

fn fuzz(kind: Kind, seed: u64) {
    let family = fixtures(kind);
    let bytes: Vec<Vec<u8>> = family.iter().map(|(_, b)| b.clone()).collect();
    let n = family.len();
    let strategy = (0..n, prop::collection::vec(mutation(), 1..5));
    let mut runner = TestRunner::new(config(seed));
    let extracted = AtomicU32::new(0);
    let result = runner.run(&strategy, |(which, mutations)| {
        let (name, fixture) = &family[which];
        let mut input = fixture.clone();
        for m in &mutations {
            apply(&mut input, m, &bytes);
        }
        match std::panic::catch_unwind(AssertUnwindSafe(|| run(kind, &input))) {
            Ok(Reached::Extracted) => {
                extracted.fetch_add(1, Ordering::Relaxed);
                Ok(())
            }
            Ok(_) => Ok(()),
            // The input itself, for `cargo fuzz run` or a regression test: shrinking ends on
            // the smallest failing case, so the file holds that one.
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let file =
                    std::env::temp_dir().join(format!("relgraph-fuzz-{}.bin", kind.target()));
                let _ = std::fs::write(&file, &input);
                Err(TestCaseError::fail(format!(
                    "panicked: {message}\non {name}, mutated to {} bytes: written to {} \
                     (replay: cargo +nightly fuzz run {} {})",
                    input.len(),
                    file.display(),
                    kind.target(),
                    file.display(),
                )))
            }
        }
    });
    if let Err(e) = result {
        panic!("{kind:?}: {e}");
    }
    // Most mutations leave a filing relgraph reads: if few cases reach the extractors, the test
    // has stopped testing them (a fixture moved, load refuses everything, ...).
    let extracted = extracted.into_inner();
    eprintln!("{kind:?}: {extracted} of {CASES} cases reached read_facts");
    assert!(
        extracted >= CASES / 3,
        "{kind:?}: only {extracted} of {CASES} cases reached read_facts"
    );
}

#[test]
fn mutated_text_filings_do_not_panic() {
    fuzz(Kind::Text, 0x7465_7874);
}

#[test]
fn mutated_html_filings_do_not_panic() {
    fuzz(Kind::Html, 0x6874_6d6c);
}

#[test]
fn mutated_edgar_submissions_do_not_panic() {
    fuzz(Kind::Sgml, 0x7367_6d6c);
}

#[test]
fn mutated_xml_documents_do_not_panic() {
    fuzz(Kind::Xml, 0x786d_6c00);
}

/// The fixtures as they are, first: each family has some, and none panics unmutated.
#[test]
fn every_fixture_family_has_inputs_that_load() {
    for kind in [Kind::Text, Kind::Html, Kind::Sgml, Kind::Xml] {
        let family = fixtures(kind);
        let loaded = family
            .iter()
            .filter(|(_, f)| relgraph::load::load_bytes(kind.path(), f).is_ok())
            .count();
        assert!(loaded > 0, "{kind:?}: no fixture loads");
        for (_, f) in &family {
            run(kind, f);
        }
    }
}
