//! relgraph reads SEC ownership filings and builds a graph of who holds, manages, signs for and sits
//! on the board of whom, with the evidence for every fact.
//!
//! The pipeline is a chain of pure stages over plain data (see `docs/architecture.md`):
//! [`load`] bytes into a [`load::Document`], [`detect`] its form, [`extract`] per-filing
//! [`model::Facts`], [`resolve`] names into entities, assemble the [`graph::RelGraph`], and keep it in
//! the [`store`]. [`export`] and the query side read the store and never re-parse.

pub mod build;
pub mod cli;
pub mod describe;
pub mod detect;
pub mod error;
pub mod export;
pub mod extract;
pub mod graph;
pub mod html;
pub mod load;
pub mod model;
pub mod names;
pub mod query;
pub mod render;
pub mod resolve;
pub mod sanitize;
pub mod store;
pub mod text;

/// Turns transparent huge pages off for this process. mimalloc (the binary's allocator) asks the
/// kernel for them, and the kernel zeroes 2 MiB at a time on first touch: a fifth of an
/// incremental build's time went to zeroing pages it barely used, and the resident memory grew
/// with them. The binary calls it first thing; the timing examples and benches too, so their
/// figures are the binary's.
pub fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE takes plain integers and changes only this process's
    // memory policy; its result is ignored (an old kernel without it keeps huge pages).
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
