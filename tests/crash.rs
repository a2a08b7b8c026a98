//! Crash safety and concurrency of the store (docs/reliability.md): a build killed with SIGKILL at
//! any moment leaves the store as the last finished build left it; a second build of the same
//! store fails at once (or waits, with --wait); a query runs while a build writes.

use crate::util::{relgraph, relgraph_ok};
use relgraph_testkit::generate::{generate, Options};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// Two generated corpora: what the store holds before (`a`) and what a build adds (`b`).
struct World {
    dir: tempfile::TempDir,
    a: PathBuf,
    b: PathBuf,
}

fn world() -> World {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    generate(
        Options {
            filings: 150,
            seed: 11,
        },
        &a,
    )
    .expect("corpus a");
    generate(
        Options {
            filings: 450,
            seed: 12,
        },
        &b,
    )
    .expect("corpus b");
    World { dir, a, b }
}

impl World {
    fn db(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// The store as JSON, through the CLI (which must succeed).
fn export(db: &Path) -> Vec<u8> {
    relgraph_ok([
        "export".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
    ])
    .stdout
}

fn spawn_build(paths: &[&Path], db: &Path, extra: &[&str]) -> Child {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_relgraph"));
    cmd.arg("build")
        .args(paths)
        .arg("--db")
        .arg(db)
        .args(["--quiet"])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd.spawn().expect("start a build")
}

/// Copies a store file (and nothing beside it: a finished build leaves no log) over `to`,
/// removing whatever a killed build left there.
fn restore(from: &Path, to: &Path) {
    for suffix in ["-wal", "-shm", ".new", ".new-journal"] {
        let mut p = to.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    std::fs::copy(from, to).expect("restore the store");
}

/// Whether some process holds the build lock of `db` (read from /proc/locks, so looking does not
/// take the lock from the build).
fn build_lock_held(db: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = std::fs::metadata(relgraph::store::lock_path(db)) else {
        return false;
    };
    let inode = format!(":{}", meta.ino());
    std::fs::read_to_string("/proc/locks")
        .unwrap_or_default()
        .lines()
        .any(|l| l.contains("FLOCK") && l.split_whitespace().any(|w| w.ends_with(&inode)))
}

/// Waits until `child` holds the build lock of `db`; false if it ended first.
fn wait_for_lock(child: &mut Child, db: &Path) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if build_lock_held(db) {
            return true;
        }
        if child.try_wait().expect("poll the build").is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("the build never took its lock")
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_store_whole_and_usable() {
    let w = world();
    let pristine = w.db("pristine.db");
    relgraph_ok([
        "build".as_ref(),
        w.a.as_os_str(),
        "--db".as_ref(),
        pristine.as_os_str(),
        "-q".as_ref(),
    ]);
    let before = export(&pristine);
    // How long the whole build takes, to kill it at moments spread over all its phases.
    let timed = w.db("timed.db");
    restore(&pristine, &timed);
    let start = Instant::now();
    let out = spawn_build(&[&w.a, &w.b], &timed, &[])
        .wait_with_output()
        .expect("a whole build");
    assert!(out.status.success());
    let whole = start.elapsed();
    let after = export(&timed);
    assert_ne!(before, after, "the second corpus adds to the store");

    let db = w.db("s.db");
    let mut killed_while_running = 0;
    let moments = [0.01, 0.08, 0.2, 0.35, 0.5, 0.65, 0.8, 0.92];
    for (i, at) in moments.iter().enumerate() {
        restore(&pristine, &db);
        // in place (the store's log), and --fresh (a new file beside it), in turn
        let extra: &[&str] = if i % 2 == 0 { &[] } else { &["--fresh"] };
        let mut child = spawn_build(&[&w.a, &w.b], &db, extra);
        std::thread::sleep(whole.mul_f64(*at));
        let finished = child.try_wait().expect("poll").is_some();
        child.kill().ok(); // SIGKILL
        child.wait().expect("reap the build");
        if finished {
            // it ended before the moment came: the store is the new one, whole
            assert_eq!(export(&db), after, "a build that finished, at {at}");
            continue;
        }
        killed_while_running += 1;
        assert_eq!(
            export(&db),
            before,
            "the store after a build killed at {at} of its time ({extra:?})"
        );
        // and it answers queries
        relgraph_ok([
            "query".as_ref(),
            "--db".as_ref(),
            db.as_os_str(),
            "search".as_ref(),
            "fund".as_ref(),
        ]);
    }
    assert!(
        killed_while_running >= moments.len() / 2,
        "only {killed_while_running} kills hit a running build"
    );
    // After all that, a build of the same inputs ends where an untroubled one does.
    relgraph_ok([
        "build".as_ref(),
        w.a.as_os_str(),
        w.b.as_os_str(),
        "--db".as_ref(),
        db.as_os_str(),
        "-q".as_ref(),
    ]);
    assert_eq!(export(&db), after);
}

#[test]
fn a_second_build_of_a_store_fails_at_once_or_waits_and_queries_run_meanwhile() {
    let w = world();
    let db = w.db("s.db");
    relgraph_ok([
        "build".as_ref(),
        w.a.as_os_str(),
        "--db".as_ref(),
        db.as_os_str(),
        "-q".as_ref(),
    ]);
    let before = export(&db);

    let mut first = spawn_build(&[&w.a, &w.b], &db, &[]);
    assert!(
        wait_for_lock(&mut first, &db),
        "the build ended before it was seen"
    );
    // a second build is refused before it reads anything
    let second = relgraph()
        .arg("build")
        .arg(&w.a)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("run a second build");
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("is being written by another build")
            && stderr.contains("--wait")
            && stderr.contains(&db.display().to_string()),
        "{stderr}"
    );
    // a query meanwhile sees the store as the last finished build left it
    assert_eq!(export(&db), before);
    let still_running = first.try_wait().expect("poll").is_none();
    let out = first.wait_with_output().expect("the first build");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        still_running,
        "the first build ended before the query: make the corpus larger"
    );
    let after = export(&db);
    assert_ne!(before, after);

    // --wait: the second build starts when the first ends, and both land
    let mut first = spawn_build(&[&w.a], &db, &["--fresh"]);
    assert!(wait_for_lock(&mut first, &db));
    let waited = spawn_build(&[&w.b], &db, &["--wait"]);
    let (a, b) = (
        first.wait_with_output().expect("first"),
        waited.wait_with_output().expect("waiting"),
    );
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    assert_eq!(
        export(&db),
        after,
        "a then b, one after the other, is a and b"
    );
}
