//! What can go wrong with a store, said to the user: the error of a statement on the store names
//! the file, and a file that is not a database, or is damaged, is named as such.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {path}: {source}")]
    Sql {
        path: String,
        source: rusqlite::Error,
    },
    #[error("store {path}: stored data is unreadable ({detail}); rebuild it with `relgraph build --fresh`")]
    Corrupt { path: String, detail: String },
    #[error("store {0} does not exist; create it with `relgraph build PATH --db {0}`")]
    Missing(String),
    #[error("store {0} was made by another version of relgraph; build it again with `relgraph build PATH --db {0}`")]
    Outdated(String),
    #[error("store {0} is being written by another build; wait for it to end (a build queues with --wait), or give another --db")]
    Busy(String),
    #[error(
        "{path} is not a relgraph store ({detail}); give another --db, or move that file away"
    )]
    Foreign { path: String, detail: String },
    #[error("{0} is not a relgraph store (an empty database: no build of it has finished); give another --db, or move that file away")]
    Unfinished(String),
    #[error("store {path} is damaged ({detail}); move it away and build it again")]
    Damaged { path: String, detail: String },
    #[error("cannot {what} {path}: {source}")]
    Io {
        path: String,
        what: &'static str,
        source: std::io::Error,
    },
}

/// What the error of a statement on the store at `path` means to the user: a file that is not a
/// database, or whose pages are damaged, is named as such rather than shown as SQLite's error.
pub(super) fn sql_error(path: &str, source: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    match source.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::Foreign {
            path: path.to_string(),
            detail: "the file is not an SQLite database".into(),
        },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
            path: path.to_string(),
            detail: source.to_string(),
        },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            StoreError::Busy(path.to_string())
        }
        _ => StoreError::Sql {
            path: path.to_string(),
            source,
        },
    }
}

/// The error for stored data that cannot be read back, naming the store at `path`.
pub(super) fn corrupt_at(path: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        path: path.to_string(),
        detail: e.to_string(),
    }
}

/// What can go wrong inside a write transaction.
pub(super) enum TxError {
    Sql(rusqlite::Error),
    Json(serde_json::Error),
}

impl From<rusqlite::Error> for TxError {
    fn from(e: rusqlite::Error) -> TxError {
        TxError::Sql(e)
    }
}

impl From<serde_json::Error> for TxError {
    fn from(e: serde_json::Error) -> TxError {
        TxError::Json(e)
    }
}
