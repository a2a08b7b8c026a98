//! Developer tool: prints the lines relgraph reads from a filing, each with its source line number,
//! after decoding, envelope unwrapping and HTML flattening. Tabs (table cells) show as ` | `.
//!
//! cargo run --example dump_lines -- FILE [FROM_LINE TO_LINE]

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: dump_lines FILE [FROM_LINE TO_LINE]");
        return std::process::ExitCode::from(2);
    };
    let from: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let to: usize = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    match relgraph::load::load_file(std::path::Path::new(path)) {
        Ok(doc) => {
            println!("# form: {:?}", relgraph::detect::detect(&doc).label);
            for l in doc.lines.iter().filter(|l| (from..=to).contains(&l.no)) {
                println!(
                    "{:>6}: {}",
                    l.no,
                    relgraph::sanitize::sanitize(&l.text.replace('\t', " | "))
                );
            }
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
