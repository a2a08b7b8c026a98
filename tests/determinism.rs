//! Determinism (issue 9): the same inputs, given in any order and with any thread count, give
//! byte-identical JSON and DOT exports and the same store content.
//!
//! The inputs (a generated corpus, the repo's examples and fixtures, and the real filings when
//! present) are copied under shuffled names into nested directories of one temp folder. Every
//! run builds exactly the same set of paths (a file's path is part of its evidence, so runs over
//! different paths could not be compared byte for byte); the runs differ in the order the paths
//! arrive in: one directory, several directories in another order, every file listed in a
//! shuffled order, and builds in several steps (an incremental build must equal one whole build),
//! each with RAYON_NUM_THREADS = 1, 2 or 4.

use crate::util::{data_dir, relgraph, repo};
use relgraph_testkit::generate::{generate, Options, Rng};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The staged inputs: every file copied once, under a shuffled name, below `root`.
struct Staged {
    root: PathBuf,
    /// The group directories (children of `root`) the files are spread over.
    groups: Vec<PathBuf>,
    /// Every staged file, in the shuffled order of its new name.
    files: Vec<PathBuf>,
}

/// Every file below `dir`, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A seeded permutation of `0..n` (Fisher-Yates on the generator's own SplitMix64, which gives
/// the same stream everywhere).
fn permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut rng = Rng::new(seed);
    let mut p: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        p.swap(i, rng.below(i + 1));
    }
    p
}

fn shuffled<T: Clone>(xs: &[T], seed: u64) -> Vec<T> {
    permutation(xs.len(), seed)
        .into_iter()
        .map(|i| xs[i].clone())
        .collect()
}

/// The source files: the generated corpus, examples/filings, the good fixtures (not
/// tests/fixtures/bad, which are meant to fail), and the real filings when they are present.
fn sources(generated: &Path) -> Vec<PathBuf> {
    generate(
        Options {
            filings: 300,
            seed: 5,
        },
        generated,
    )
    .expect("generate the corpus");
    let mut out = files_under(generated);
    out.extend(files_under(&repo().join("examples/filings")));
    let fixtures = repo().join("tests/fixtures");
    out.extend(files_under(&fixtures).into_iter().filter(|p| {
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        !p.starts_with(fixtures.join("bad")) && matches!(ext, "txt" | "xml" | "htm" | "html")
    }));
    if let Some(data) = data_dir("determinism") {
        out.extend(files_under(&data.join("seeds")));
        let corpus = data.join("corpus");
        // the filings, not the notes about where they came from
        out.extend(
            files_under(&corpus)
                .into_iter()
                .filter(|p| p.extension().is_none_or(|e| e != "md")),
        );
    }
    out
}

/// Copies file i of `sources` to `root/d{k}/[deep/]{perm[i]:04}_{name}`: the walk meets the files
/// in the order of the permutation, not in the order of their sources, and spread over four
/// directories (some nested one level deeper).
fn stage(sources: &[PathBuf], root: &Path) -> Staged {
    let perm = permutation(sources.len(), 9);
    let groups: Vec<PathBuf> = (0..4).map(|k| root.join(format!("d{k}"))).collect();
    let mut files = Vec::new();
    for (i, src) in sources.iter().enumerate() {
        let n = perm[i];
        let mut dir = groups[n % 4].clone();
        if n % 8 >= 4 {
            dir.push("deep");
        }
        std::fs::create_dir_all(&dir).expect("create dir");
        let name = src.file_name().expect("file name").to_string_lossy();
        let to = dir.join(format!("{n:04}_{name}"));
        std::fs::copy(src, &to).expect("copy input");
        files.push((n, to));
    }
    files.sort();
    Staged {
        root: root.to_path_buf(),
        groups,
        files: files.into_iter().map(|(_, p)| p).collect(),
    }
}

/// What a run left: the exports, the store's canonical dump, and what its last build printed.
struct Run {
    label: String,
    json: Vec<u8>,
    dot: Vec<u8>,
    store: BTreeMap<String, Vec<String>>,
    stdout: String,
    /// In a build of several steps, the JSON export after the first.
    first_step_json: Option<Vec<u8>>,
    /// How many steps updated the stored graph in place.
    in_place: usize,
    /// What the steps that computed the graph whole said of it (their `--timings` lines).
    computed_whole: Vec<String>,
}

/// One build of `args` (paths) into `db` with `threads` rayon threads: what it printed, and
/// whether it updated the stored graph in place (an incremental build) rather than computing it
/// whole.
fn build_step(
    db: &Path,
    threads: usize,
    args: &[OsString],
    work: &Path,
) -> (String, Result<(), String>) {
    let out = relgraph()
        .current_dir(work) // no ./relgraph.overrides.toml of the repo's working directory
        .env("RAYON_NUM_THREADS", threads.to_string())
        .arg("build")
        .arg("--timings") // names the way the graph was made, on stderr
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run build");
    assert!(
        out.status.success(),
        "build with {threads} thread(s) failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let in_place = if stderr.contains("update the graph in place") {
        Ok(())
    } else {
        // the timing lines name the step that refused the update, if one did
        Err(stderr
            .lines()
            .filter(|l| l.starts_with("timing:"))
            .collect::<Vec<_>>()
            .join("\n"))
    };
    let stdout = String::from_utf8_lossy(&out.stdout).replace(&db.display().to_string(), "<db>");
    (stdout, in_place)
}

fn export(db: &Path, format: &str, work: &Path) -> Vec<u8> {
    let out = relgraph()
        .current_dir(work)
        .args(["export", "--format", format, "--db"])
        .arg(db)
        .output()
        .expect("run export");
    assert!(
        out.status.success(),
        "export --format {format}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Builds the store `label` in `steps` (each a list of path arguments), then exports it.
fn run(label: &str, threads: usize, steps: &[Vec<OsString>], work: &Path) -> Run {
    let db = work.join(format!("{label}.db"));
    let mut stdout = String::new();
    let mut first_step_json = None;
    let mut in_place = 0;
    let mut computed_whole = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let (out, updated) = build_step(&db, threads, step, work);
        stdout = out;
        match updated {
            Ok(()) => in_place += 1,
            Err(timings) if i > 0 => computed_whole.push(format!("step {}:\n{timings}", i + 1)),
            Err(_) => {}
        }
        if i == 0 && steps.len() > 1 {
            first_step_json = Some(export(&db, "json", work));
        }
    }
    Run {
        label: format!("{label} (RAYON_NUM_THREADS={threads})"),
        json: export(&db, "json", work),
        dot: export(&db, "dot", work),
        store: dump_store(&db),
        stdout,
        first_step_json,
        in_place,
        computed_whole,
    }
}

/// Every table of the store as sorted rows of text, with what legitimately differs between
/// equal stores left out:
/// - the `seen` table: each file's size, mtime, ctime and inode when it was hashed (so that an
///   unchanged file need not be read again). It describes the copies on disk, not the filings:
///   it differs between two stores of the same bytes, and its rows are only written for files
///   changed more than 2 s before the build, so it even depends on how fast the test runs.
/// - the `graph_inputs` row of `meta`: a digest over the binary's path, size and mtime (see
///   `graph_settings` in src/build.rs), which changes whenever the binary is rebuilt.
/// - the `seq` columns of `edges` and `warnings`: integer row ids in insertion order, never
///   read back (readers order by content), which an update in place appends to while a whole
///   build numbers from 0.
///
/// The schema itself (sqlite_master) is compared too.
fn dump_store(db: &Path) -> BTreeMap<String, Vec<String>> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the store");
    let query = |sql: &str, skip: &dyn Fn(&str) -> bool| -> Vec<String> {
        let mut stmt = conn.prepare(sql).expect("prepare");
        let columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
        let keep: Vec<usize> = (0..columns.len()).filter(|&i| !skip(&columns[i])).collect();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let mut fields = Vec::new();
                for &i in &keep {
                    let v: rusqlite::types::Value = r.get(i)?;
                    fields.push(format!("{}={v:?}", columns[i]));
                }
                Ok(fields.join(" | "))
            })
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        rows.sort();
        rows
    };
    let mut dump = BTreeMap::new();
    dump.insert(
        "sqlite_master".to_string(),
        query(
            "SELECT type, name, tbl_name, sql FROM sqlite_master",
            &|_| false,
        ),
    );
    let tables = query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        &|_| false,
    );
    for t in tables {
        let name = t.trim_start_matches("name=Text(\"").trim_end_matches("\")");
        let sql = match name {
            "seen" => continue,
            "meta" => "SELECT * FROM meta WHERE key <> 'graph_inputs'".to_string(),
            _ => format!("SELECT * FROM \"{name}\""),
        };
        dump.insert(name.to_string(), query(&sql, &|c| c == "seq"));
    }
    dump
}

/// The first difference between two texts, by line, with a little context.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let at = la
        .iter()
        .zip(&lb)
        .position(|(x, y)| x != y)
        .unwrap_or(la.len().min(lb.len()));
    let from = at.saturating_sub(3);
    let show = |l: &[&str]| l[from.min(l.len())..(at + 3).min(l.len())].join("\n");
    format!(
        "{} vs {} lines; first difference at line {}:\n--- expected\n{}\n--- got\n{}",
        la.len(),
        lb.len(),
        at + 1,
        show(&la),
        show(&lb)
    )
}

/// Rows of one dump that the other lacks (as multisets), a few of each.
fn row_difference(a: &[String], b: &[String]) -> String {
    fn count(rows: &[String]) -> BTreeMap<&str, i64> {
        let mut m: BTreeMap<&str, i64> = BTreeMap::new();
        for r in rows {
            *m.entry(r.as_str()).or_default() += 1;
        }
        m
    }
    let (ca, cb) = (count(a), count(b));
    let only = |x: &BTreeMap<&str, i64>, y: &BTreeMap<&str, i64>| -> Vec<String> {
        x.iter()
            .filter(|(r, n)| y.get(*r).copied().unwrap_or(0) < **n)
            .take(5)
            .map(|(r, _)| {
                let mut r = r.to_string();
                r.truncate(600);
                r
            })
            .collect()
    };
    format!(
        "{} vs {} rows\n--- only in expected:\n{}\n--- only in got:\n{}",
        a.len(),
        b.len(),
        only(&ca, &cb).join("\n"),
        only(&cb, &ca).join("\n")
    )
}

/// Whether `got` equals `expected` in every export and table; the differences, if not.
fn differences(expected: &Run, got: &Run) -> Vec<String> {
    let mut out = Vec::new();
    if expected.json != got.json {
        out.push(format!(
            "JSON export: {}",
            first_difference(&expected.json, &got.json)
        ));
    }
    if expected.dot != got.dot {
        out.push(format!(
            "DOT export: {}",
            first_difference(&expected.dot, &got.dot)
        ));
    }
    let tables: std::collections::BTreeSet<&String> =
        expected.store.keys().chain(got.store.keys()).collect();
    for t in tables {
        let (a, b) = (
            expected.store.get(t).map_or(&[][..], |v| &v[..]),
            got.store.get(t).map_or(&[][..], |v| &v[..]),
        );
        if a != b {
            out.push(format!("store table {t}: {}", row_difference(a, b)));
        }
    }
    out
}

fn assert_same(expected: &Run, got: &Run) {
    let diffs = differences(expected, got);
    assert!(
        diffs.is_empty(),
        "nondeterminism: {} differs from {}:\n{}",
        got.label,
        expected.label,
        diffs.join("\n\n")
    );
}

/// The later steps of a build in steps must have updated the graph in place (src/incremental.rs):
/// that is the path whose result is compared with a whole build. (A binary rebuilt between two
/// steps also makes the graph computed whole: its digest names the binary.)
fn assert_updated_in_place(r: &Run, steps: usize) {
    assert_eq!(
        r.in_place,
        steps,
        "{}: the later steps should update the stored graph in place, not compute it whole\n{}",
        r.label,
        r.computed_whole.join("\n")
    );
}

fn paths(files: &[PathBuf]) -> Vec<OsString> {
    files.iter().map(|p| p.clone().into_os_string()).collect()
}

#[test]
fn the_same_inputs_in_any_order_with_any_thread_count_give_the_same_graph() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let sources = sources(&tmp.path().join("generated"));
    let staged = stage(&sources, &tmp.path().join("in"));
    let work = tmp.path().join("work");
    std::fs::create_dir_all(&work).expect("work dir");
    let n = staged.files.len();
    assert!(n > 300, "{n} inputs");

    // the whole folder, walked: the reference
    let reference = run("dir", 1, &[vec![staged.root.clone().into()]], &work);
    assert!(
        reference.json.len() > 100_000 && reference.dot.len() > 10_000,
        "the reference build found little: {} bytes of JSON",
        reference.json.len()
    );

    // the group directories given in another order
    let mut groups = staged.groups.clone();
    groups.reverse();
    groups.swap(0, 1);
    let r = run("groups", 4, &[paths(&groups)], &work);
    assert_same(&reference, &r);
    assert_eq!(reference.stdout, r.stdout, "the build's report, by groups");

    // every file named on the command line, in a shuffled order
    let listed = shuffled(&staged.files, 17);
    let r = run("listed", 2, &[paths(&listed)], &work);
    assert_same(&reference, &r);
    assert_eq!(reference.stdout, r.stdout, "the build's report, listed");

    // in two steps: a shuffled half, then the rest; and the rest first. Each half is a random
    // subset, so each step holds files of every kind from every source.
    let (first, rest) = listed.split_at(n / 2);
    let (first, rest) = (paths(first), paths(rest));
    let r = run("half_then_rest", 2, &[first.clone(), rest.clone()], &work);
    // the comparison sees a missing input: half the files are not the whole graph
    assert_ne!(
        r.first_step_json.as_ref(),
        Some(&reference.json),
        "a build of half the inputs exports what the whole does: the comparison is blind"
    );
    assert_same(&reference, &r);
    assert_updated_in_place(&r, 1);
    let r = run("rest_then_half", 4, &[rest, first], &work);
    assert_same(&reference, &r);
    assert_updated_in_place(&r, 1);

    // in three steps, by directory, one thread: the walk of each step meets its files in yet
    // another order, and the last step adds to a graph already updated in place once
    let steps = vec![
        vec![staged.groups[3].clone().into()],
        vec![
            staged.groups[1].clone().into(),
            staged.groups[0].clone().into(),
        ],
        vec![staged.groups[2].clone().into()],
    ];
    let r = run("three_steps", 1, &steps, &work);
    assert_same(&reference, &r);
    assert_updated_in_place(&r, 2);
}

/// The same bytes under two paths (a filing saved twice): the store keeps one row per content
/// hash, under the smaller path, and what it holds must not depend on which copy came first.
/// A filing with no accession number is named by its path in evidence, so this is where the
/// copy that was read shows.
#[test]
fn the_same_bytes_under_two_paths_give_the_same_graph_in_any_order() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).expect("in dir");
    let work = tmp.path().join("work");
    std::fs::create_dir_all(&work).expect("work dir");
    let copy = |from: &str, to: &str| {
        let to = dir.join(to);
        std::fs::copy(repo().join(from), &to).expect("copy");
        to.into_os_string()
    };
    // no accession number: the filing is named by its path
    let a = copy("tests/fixtures/conflict_13g.txt", "a_conflict_13g.txt");
    let b = copy("tests/fixtures/conflict_13g.txt", "b_conflict_13g.txt");
    // an accession number: the filing is named by it
    let c = copy("examples/filings/0009999999-24-000101.txt", "c_0101.txt");
    let d = copy("examples/filings/0009999999-24-000101.txt", "d_0101.txt");
    let other = copy("tests/fixtures/llp_vs_lp_13g.txt", "e_llp_vs_lp_13g.txt");

    let all = vec![a.clone(), b.clone(), c.clone(), d.clone(), other.clone()];
    let reference = run("whole", 1, std::slice::from_ref(&all), &work);
    for (label, threads, steps) in [
        (
            "smaller_paths_first",
            2,
            vec![
                vec![a.clone(), c.clone()],
                vec![b.clone(), d.clone(), other.clone()],
            ],
        ),
        (
            "larger_paths_first",
            4,
            vec![
                vec![b.clone(), d.clone(), other.clone()],
                vec![a.clone(), c.clone()],
            ],
        ),
    ] {
        let r = run(label, threads, &steps, &work);
        let diffs = differences(&reference, &r);
        assert!(
            diffs.is_empty(),
            "nondeterminism (same bytes under two paths): {} differs from {}. Root cause: a \
             filing without an accession number is named by the path of the copy that was read \
             (Document::filing_id), and that name is inside the stored facts; Store::put_filings \
             keeps the smaller path but the facts of the copy written last, and a copy found \
             under a smaller path in a later build only has its path changed \
             (Store::touch_paths), not its facts re-read.\n{}",
            r.label,
            reference.label,
            diffs.join("\n\n")
        );
    }
}
