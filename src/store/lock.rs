//! One build at a time per store: a build holds an exclusive lock on `<store>.lock` for as long as
//! it writes. SQLite alone would let a second build read every file and only then fail on its
//! first write (or, worse, interleave its transactions with the first one's); the lock makes it
//! wait or fail at once, before any work. The lock is the operating system's (flock), so a build
//! that dies, even by SIGKILL, releases it; the empty file stays beside the store, because
//! removing it could let two builds lock two different files of the same name.

use super::StoreError;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Held while a build writes its store; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct BuildLock {
    _file: File,
}

/// The lock file of the store at `db`.
pub fn lock_path(db: &Path) -> PathBuf {
    super::sibling(db, ".lock")
}

impl BuildLock {
    /// Takes the store's build lock: at once, or (with `wait`) when the build holding it ends.
    pub fn take(db: &Path, wait: bool) -> Result<BuildLock, StoreError> {
        let path = lock_path(db);
        let shown = db.display().to_string();
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| StoreError::Io {
                path: path.display().to_string(),
                what: "create the build lock",
                source: e,
            })?;
        if wait {
            file.lock().map_err(|e| StoreError::Io {
                path: path.display().to_string(),
                what: "wait for the build lock",
                source: e,
            })?;
        } else {
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Err(StoreError::Busy(shown)),
                Err(TryLockError::Error(e)) => {
                    return Err(StoreError::Io {
                        path: path.display().to_string(),
                        what: "take the build lock",
                        source: e,
                    })
                }
            }
        }
        Ok(BuildLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_store_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let db = dir.path().join("s.db");
        let first = BuildLock::take(&db, false).expect("the first lock");
        let second = BuildLock::take(&db, false);
        assert!(matches!(second, Err(StoreError::Busy(_))), "{second:?}");
        drop(first);
        BuildLock::take(&db, false).expect("the lock once the first build is done");
        // another store's lock is another file
        BuildLock::take(&dir.path().join("t.db"), false).expect("another store");
    }
}
