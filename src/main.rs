fn main() -> std::process::ExitCode {
    relgraph::cli::run()
}
