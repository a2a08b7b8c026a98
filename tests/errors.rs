//! Error messages and exit codes (README "Exit codes", docs/reliability.md): every message names
//! the file and says what to do next; a store that is not one, or is damaged, gets a sentence, not
//! SQLite's error.

use crate::util::{relgraph, relgraph_ok, repo};
use std::path::Path;

/// Runs relgraph; returns (exit code, stderr).
fn run(args: &[&std::ffi::OsStr]) -> (i32, String) {
    let out = relgraph().args(args).output().expect("run relgraph");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every command that reads a store, on `db`.
fn readers(db: &Path) -> Vec<Vec<std::ffi::OsString>> {
    let db = db.as_os_str().to_owned();
    let args = |a: &[&str]| -> Vec<std::ffi::OsString> {
        let mut v: Vec<std::ffi::OsString> = a.iter().map(Into::into).collect();
        v.push("--db".into());
        v.push(db.clone());
        v
    };
    vec![
        args(&["query", "search", "fund"]),
        args(&["query", "controls", "Northwind"]),
        args(&["explain", "Northwind"]),
        args(&["export", "--format", "json"]),
        args(&["export", "--format", "dot"]),
        args(&["render", "-o", "/dev/null", "--format", "svg"]),
    ]
}

/// Each reader exits 2 with one message naming the store and containing `says`.
fn assert_readers_say(db: &Path, says: &str) {
    for args in readers(db) {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        let (code, stderr) = run(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.contains(&db.display().to_string()) && stderr.contains(says),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("SQLITE_"), "{args:?}: {stderr}");
    }
}

fn examples() -> std::path::PathBuf {
    repo().join("examples/filings")
}

#[test]
fn a_missing_store_says_how_to_make_it() {
    let dir = tempfile::tempdir().unwrap();
    assert_readers_say(
        &dir.path().join("none.db"),
        "does not exist; create it with `relgraph build PATH --db",
    );
}

#[test]
fn a_file_that_is_not_a_database_is_named_and_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.txt");
    std::fs::write(&db, "my notes, not a database\n".repeat(200)).unwrap();
    assert_readers_say(&db, "is not a relgraph store (the file is not an SQLite database); give another --db, or move that file away");
    let (code, stderr) = run(&[
        "build".as_ref(),
        examples().as_os_str(),
        "--fresh".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("is not a relgraph store"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&db).unwrap(),
        "my notes, not a database\n".repeat(200),
        "the file is left as it was"
    );
}

#[test]
fn another_programs_database_is_named_and_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crm.sqlite");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "CREATE TABLE filings(customer TEXT); INSERT INTO filings VALUES ('keep me');",
        )
        .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    assert_readers_say(&db, "an SQLite database without relgraph's tables");
    let inputs = examples();
    for fresh in [false, true] {
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "build".as_ref(),
            inputs.as_os_str(),
            "--db".as_ref(),
            db.as_os_str(),
        ];
        if fresh {
            args.push("--fresh".as_ref());
        }
        let (code, stderr) = run(&args);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("is not a relgraph store"), "{stderr}");
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "its table is untouched"
    );
}

#[test]
fn a_damaged_store_says_to_build_it_again_and_an_empty_one_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    relgraph_ok([
        "build".as_ref(),
        examples().as_os_str(),
        "--db".as_ref(),
        db.as_os_str(),
        "-q".as_ref(),
    ]);
    let whole = std::fs::read(&db).unwrap();
    // cut short, as a full disk or a copy stopped half way leaves it
    std::fs::write(&db, &whole[..whole.len() / 3]).unwrap();
    assert_readers_say(&db, "is damaged");
    // its schema page overwritten
    let mut scribbled = whole.clone();
    scribbled[100..4096].fill(0xA5);
    std::fs::write(&db, &scribbled).unwrap();
    assert_readers_say(&db, "is damaged");
    let (_, stderr) = run(&[
        "query".as_ref(),
        "search".as_ref(),
        "x".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
    ]);
    assert!(
        stderr.contains("move it away and build it again"),
        "{stderr}"
    );
    // an empty file (a first build that never finished) is no store, and a build makes it one
    std::fs::write(&db, b"").unwrap();
    assert_readers_say(&db, "no build of it has finished");
    relgraph_ok([
        "build".as_ref(),
        examples().as_os_str(),
        "--db".as_ref(),
        db.as_os_str(),
        "-q".as_ref(),
    ]);
    relgraph_ok([
        "query".as_ref(),
        "search".as_ref(),
        "Northwind".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
    ]);
}

#[test]
fn exit_codes_follow_the_readme() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    relgraph_ok([
        "build".as_ref(),
        examples().as_os_str(),
        "--db".as_ref(),
        db.as_os_str(),
        "-q".as_ref(),
    ]);
    let q = |args: &[&str]| {
        let mut v: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        v.push("--db".as_ref());
        v.push(db.as_os_str());
        run(&v)
    };
    // 0: found
    assert_eq!(q(&["query", "search", "Northwind"]).0, 0);
    // 1: nothing found, with what to try
    let (code, stderr) = q(&["query", "controls", "Zzyzx Nonesuch Holdings"]);
    assert_eq!(code, 1, "{stderr}");
    // 2: a usage error (clap's), naming the flag
    let (code, stderr) = q(&["query", "controls"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, stderr) = run(&["build".as_ref(), "--no-such-flag".as_ref()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--no-such-flag"), "{stderr}");
    // 2: an input that is not there, named, while the rest is read
    let missing = dir.path().join("no-such-filing.txt");
    let (code, stderr) = run(&[
        "build".as_ref(),
        missing.as_os_str(),
        examples().as_os_str(),
        "--db".as_ref(),
        db.as_os_str(),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains(&missing.display().to_string()), "{stderr}");
    // 2: an overrides file that cannot be read, named with its line
    let overrides = dir.path().join("o.toml");
    std::fs::write(&overrides, "[[same]]\nnames = [\"A\", \n").unwrap();
    let (code, stderr) = run(&[
        "build".as_ref(),
        examples().as_os_str(),
        "--overrides".as_ref(),
        overrides.as_os_str(),
        "--db".as_ref(),
        db.as_os_str(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(&overrides.display().to_string()) && stderr.contains("line"),
        "{stderr}"
    );
}
