//! Developer tool: prints the table cells relgraph reads from a filing's HTML, one row a line:
//! `table.row @line: cell | cell | ...`, a cell's paragraphs joined by ` / `, superscripts in
//! `^(..)`, a column span as `{n}`.
//!
//! cargo run --example dump_cells -- FILE [FROM_LINE TO_LINE]

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: dump_cells FILE [FROM_LINE TO_LINE]");
        return std::process::ExitCode::from(2);
    };
    let from: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let to: usize = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let doc = match relgraph::load::load_file(std::path::Path::new(path)) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("{path}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    for part in &doc.html {
        let cells = relgraph::load::cells(&part.text, part.first_line);
        let mut last = (usize::MAX, usize::MAX);
        let mut out = String::new();
        for c in cells
            .iter()
            .filter(|c| c.is_cell && (from..=to).contains(&c.line))
        {
            if (c.table, c.row) != last {
                println!("{out}");
                out = format!("{}.{} @{}:", c.table, c.row, c.line);
                last = (c.table, c.row);
            }
            let mut t = c.parts.join(" / ");
            for s in &c.sups {
                t.push_str(&format!("^({s})"));
            }
            if c.colspan > 1 {
                t.push_str(&format!("{{{}}}", c.colspan));
            }
            out.push_str(&format!(" {} |", relgraph::sanitize::sanitize(&t)));
        }
        println!("{out}");
    }
    std::process::ExitCode::SUCCESS
}
