// glibc's allocator serialises frees made on another thread than the allocation (the build's
// reader hands parsed facts to the graph builder) and keeps per-thread arenas that inflate the
// peak; mimalloc does neither.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    no_transparent_huge_pages();
    relgraph::cli::run()
}

/// mimalloc asks the kernel for transparent huge pages, which the kernel zeroes 2 MiB at a time on
/// first touch: a fifth of an incremental build's time went to zeroing pages it barely used, and
/// the resident memory grew with them. Regular pages cost less here.
fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE takes plain integers and changes only this process's
    // memory policy; its result is ignored (an old kernel without it keeps huge pages).
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
