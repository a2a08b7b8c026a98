// glibc's allocator serialises frees made on another thread than the allocation (the build's
// reader hands parsed facts to the graph builder) and keeps per-thread arenas that inflate the
// peak; mimalloc does neither.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    relgraph::no_transparent_huge_pages();
    relgraph::cli::run()
}
