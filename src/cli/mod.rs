//! The command line: clap definitions (doc comments are the help text), turned into calls on the
//! library. This is the only module that prints.

use crate::build::{build, BuildConfig, Outcome, Summary};
use crate::error::Error;
use crate::export::{render, Format};
use crate::render::{Engine, PictureFormat};
use crate::sanitize::sanitize;
use crate::store::Store;
use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// `println!` that ignores a closed pipe: `relgraph query ... | head` must end quietly, not panic.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod explain;
mod query;

/// Reads SEC ownership filings and builds a graph of who holds, manages, signs for and sits on
/// the board of whom, with the evidence for every fact.
#[derive(Debug, Parser)]
#[command(name = "relgraph", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read filings (files or directories, recursively) into the store.
    Build {
        /// Filings: Schedule 13D/13G as text, HTML or EDGAR complete-submission files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The store to write.
        #[arg(long, default_value = "relgraph.db")]
        db: PathBuf,
        /// Empty the store first instead of adding to what earlier builds stored.
        #[arg(long)]
        fresh: bool,
        /// Make the store hold exactly this build's inputs: filings stored by earlier builds
        /// whose bytes are not among them (deleted or changed files) are removed.
        #[arg(long, conflicts_with = "fresh")]
        prune: bool,
        /// Print only the summary counts, not each warning.
        #[arg(long, short)]
        quiet: bool,
        /// Print the time each phase took (to stderr).
        #[arg(long)]
        timings: bool,
        /// Wait for another build of the same store to end, instead of failing at once.
        #[arg(long)]
        wait: bool,
        /// Refuse input files larger than this many bytes (suffixes K, M, G: 1024s).
        #[arg(long, value_name = "BYTES", default_value = "256M", value_parser = parse_size)]
        max_file_size: u64,
        /// Refuse a file with a line longer than this many bytes, once markup is removed.
        #[arg(long, value_name = "BYTES", default_value = "1M", value_parser = parse_size)]
        max_line_length: u64,
        /// Refuse a filing that names more parties than this.
        #[arg(long, value_name = "N", default_value_t = 5_000)]
        max_names: usize,
        /// Names declared the same or different entities (TOML; see docs/resolution.md).
        /// Defaults to ./relgraph.overrides.toml when that file exists.
        #[arg(long)]
        overrides: Option<PathBuf>,
    },
    /// Ask the stored graph: who controls a holding, who holds an issuer, an entity's profile,
    /// the path between two entities, a fuzzy search.
    Query {
        #[command(subcommand)]
        query: query::Query,
        #[command(flatten)]
        common: query::Common,
    },
    /// Show how an entity was resolved: its written names and filings, the rule behind each
    /// merge, and the close names kept apart.
    Explain {
        /// A name or alias of the entity, in any spelling.
        name: String,
        /// The store to read.
        #[arg(long, default_value = "relgraph.db")]
        db: PathBuf,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Write the stored graph as JSON or Graphviz DOT.
    Export {
        /// The store to read.
        #[arg(long, default_value = "relgraph.db")]
        db: PathBuf,
        /// Output format.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        select: SelectArgs,
    },
    /// Draw the stored graph (or part of it) as SVG or PNG, with Graphviz's dot when it is
    /// installed and a built-in layout (SVG, small diagrams) when it is not.
    Render {
        /// The store to read.
        #[arg(long, default_value = "relgraph.db")]
        db: PathBuf,
        /// The picture to write; its extension (.svg, .png, .html) gives the format.
        #[arg(long, short)]
        output: PathBuf,
        /// The format, when the file name does not say.
        #[arg(long, value_enum)]
        format: Option<PictureFormatArg>,
        /// The layout engine.
        #[arg(long, value_enum, default_value = "auto")]
        engine: EngineArg,
        /// Draw even a graph too large to read.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        select: SelectArgs,
    },
}

/// Which part of the graph to write; without these, all of it.
#[derive(Debug, clap::Args)]
pub struct SelectArgs {
    /// Only the entities within --depth relations of this one (a name as you would type it).
    #[arg(long)]
    focus: Option<String>,
    /// How many relations away from --focus to go.
    #[arg(long, default_value_t = 2)]
    depth: usize,
    /// Only these edge kinds, comma-separated: holds,manages,signs-for,board-member-of,officer-of,counsel-to.
    #[arg(long)]
    kinds: Option<String>,
    /// Only what bears on this issuer: its holders, who controls them, its board and officers.
    #[arg(long)]
    issuer: Option<String>,
}

/// `--format` of `export`: the command line's names for [`crate::export::Format`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Json,
    Dot,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Json => Format::Json,
            ExportFormat::Dot => Format::Dot,
        }
    }
}

/// `--format` of `render`: the command line's names for [`PictureFormat`]. The variants' doc
/// comments are the help text of the values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PictureFormatArg {
    Svg,
    Png,
    /// One self-contained page: the SVG, a search box, and profiles and evidence on click.
    Html,
}

impl From<PictureFormatArg> for PictureFormat {
    fn from(f: PictureFormatArg) -> PictureFormat {
        match f {
            PictureFormatArg::Svg => PictureFormat::Svg,
            PictureFormatArg::Png => PictureFormat::Png,
            PictureFormatArg::Html => PictureFormat::Html,
        }
    }
}

/// `--engine` of `render`: the command line's names for [`Engine`]. The variants' doc comments
/// are the help text of the values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EngineArg {
    /// Graphviz's `dot` when it is on PATH, else the built-in layout.
    Auto,
    /// Graphviz's `dot`; an error when it is not installed.
    Dot,
    /// The built-in pure-Rust layout (SVG only, small diagrams, no cluster boxes).
    Builtin,
}

impl From<EngineArg> for Engine {
    fn from(e: EngineArg) -> Engine {
        match e {
            EngineArg::Auto => Engine::Auto,
            EngineArg::Dot => Engine::Dot,
            EngineArg::Builtin => Engine::Builtin,
        }
    }
}

/// Runs the CLI; returns the process exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            paths,
            db,
            fresh,
            prune,
            quiet,
            timings,
            wait,
            max_file_size,
            max_line_length,
            max_names,
            overrides,
        } => load_overrides(overrides).and_then(|overrides| {
            run_build(
                BuildConfig {
                    inputs: paths,
                    db,
                    fresh,
                    prune,
                    overrides,
                    wait,
                    limits: crate::load::Limits {
                        file_bytes: max_file_size,
                        line_bytes: usize::try_from(max_line_length).unwrap_or(usize::MAX),
                        parties: max_names,
                    },
                },
                quiet,
                timings,
            )
        }),
        Command::Explain { name, db, json } => crate::cli::explain::run(&db, &name, json),
        Command::Query { query, common } => query::run(query, &common),
        Command::Export {
            db,
            format,
            output,
            select,
        } => run_export(&db, format.into(), output, &select),
        Command::Render {
            db,
            output,
            format,
            engine,
            force,
            select,
        } => run_render(
            &db,
            &output,
            format.map(Into::into),
            engine.into(),
            force,
            &select,
        ),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("relgraph: error: {}", sanitize(&e.to_string()));
            ExitCode::from(e.exit_code())
        }
    }
}

/// A size in bytes: digits, optionally followed by K, M or G (powers of 1024).
fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, unit) = match s.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => s.split_at(at),
        None => (s, ""),
    };
    let shift = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        _ => {
            return Err(format!(
                "{s:?} is not a size: give bytes, or a number with K, M or G"
            ))
        }
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{s:?} is not a size: give bytes, or a number with K, M or G"))?;
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("{s:?} is too large"))
}

/// The overrides file given, else ./relgraph.overrides.toml when it exists, else none.
fn load_overrides(path: Option<PathBuf>) -> Result<crate::resolve::Overrides, Error> {
    let default = PathBuf::from("relgraph.overrides.toml");
    match path.or_else(|| default.exists().then_some(default)) {
        Some(p) => Ok(crate::resolve::Overrides::load(&p)?),
        None => Ok(Default::default()),
    }
}

fn run_build(cfg: BuildConfig, quiet: bool, timings: bool) -> Result<u8, Error> {
    // An extractor panic is caught per file and reported on that file's line; the default hook's
    // backtrace would only interleave with the summary.
    std::panic::set_hook(Box::new(|_| {}));
    let bar = progress_bar();
    let summary = build(&cfg, &|done, total, path| {
        if let Some(b) = &bar {
            b.set_length(total as u64);
            b.set_position(done as u64);
            b.set_message(sanitize(path));
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    print_summary(&summary, &cfg, quiet);
    if timings {
        for (phase, secs) in &summary.timings {
            eprintln!("timing: {phase}: {secs:.3} s");
        }
        if let Some(mb) = crate::build::peak_rss_mb() {
            eprintln!("timing: peak memory: {mb} MB");
        }
    }
    Ok(if summary.failed() > 0 { 2 } else { 0 })
}

fn progress_bar() -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    Some(bar)
}

fn print_summary(s: &Summary, cfg: &BuildConfig, quiet: bool) {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let read = s.read_by_form();
    let skipped = s.skipped_by_form();
    let _ = writeln!(
        out,
        "read {} filing(s){}",
        read.values().sum::<usize>(),
        breakdown(&read)
    );
    let _ = writeln!(
        out,
        "skipped {} file(s){}",
        skipped.values().sum::<usize>(),
        breakdown(&skipped)
    );
    let _ = writeln!(out, "failed {} file(s)", s.failed());
    if s.reused > 0 {
        let _ = writeln!(
            out,
            "reused {} file(s) already in the store (same bytes; not read again)",
            s.reused
        );
    }
    if s.pruned > 0 {
        let _ = writeln!(
            out,
            "removed {} filing(s) no longer among the inputs",
            s.pruned
        );
    }
    let legacy = s
        .files
        .iter()
        .filter(|f| f.encoding == Some(crate::load::Encoding::Windows1252))
        .count();
    if legacy > 0 {
        let _ = writeln!(out, "decoded {legacy} file(s) from Windows-1252");
    }
    let _ = writeln!(out, "warnings {}", s.warnings.len());
    let kinds = |m: &std::collections::BTreeMap<&str, usize>| {
        m.iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        out,
        "entities {} ({})",
        s.nodes_by_kind.values().sum::<usize>(),
        kinds(&s.nodes_by_kind)
    );
    let _ = writeln!(
        out,
        "edges {} ({})",
        s.edges_by_kind.values().sum::<usize>(),
        kinds(&s.edges_by_kind)
    );
    let _ = writeln!(out, "store {}", sanitize(&cfg.db.display().to_string()));
    for f in &s.files {
        match &f.outcome {
            Outcome::Skipped { reason, .. } => {
                let _ = writeln!(out, "{}: skipped: {}", sanitize(&f.path), sanitize(reason));
            }
            Outcome::Failed { reason } => {
                eprintln!("{}: error: {}", sanitize(&f.path), sanitize(reason))
            }
            Outcome::Read { .. } => {}
        }
    }
    if !quiet {
        for w in &s.warnings {
            let place = match w.line {
                Some(l) => format!("{}:{}", w.path, l),
                None => w.path.clone(),
            };
            let _ = writeln!(out, "{}: {}", sanitize(&place), sanitize(&w.message));
        }
    }
}

fn breakdown(m: &std::collections::BTreeMap<String, usize>) -> String {
    if m.is_empty() {
        return String::new();
    }
    format!(
        " ({})",
        m.iter()
            // a form's label is the filing's own text (an XML submissionType)
            .map(|(k, v)| format!("{}: {v}", sanitize(k)))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn run_export(
    db: &std::path::Path,
    format: Format,
    output: Option<PathBuf>,
    select: &SelectArgs,
) -> Result<u8, Error> {
    let store = Store::open_existing(db)?;
    // Only JSON lists the filings and the resolution; DOT need not parse every filing's facts.
    let (filings, (merges, near_misses)) = match format {
        Format::Json => (store.filings()?, store.resolution()?),
        Format::Dot => Default::default(),
    };
    let context = crate::export::Context {
        filings: &filings,
        merges: &merges,
        near_misses: &near_misses,
    };
    let Some(graph) = selected_graph(&store, select)? else {
        return Ok(1);
    };
    let write = |w: &mut dyn Write| match format {
        // DOT is written statement by statement: a whole graph is never held as text
        Format::Dot => crate::export::dot::write_dot(&graph, &Default::default(), w),
        Format::Json => w.write_all(render(&graph, &context, format).as_bytes()),
    };
    match output {
        Some(path) => {
            let written = std::fs::File::create(&path).and_then(|f| {
                let mut w = std::io::BufWriter::new(f);
                write(&mut w)?;
                w.flush()
            });
            written.map_err(|source| Error::Write {
                path: path.display().to_string(),
                source,
            })?
        }
        None => {
            // a closed pipe (`| head`) is not an error
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            let _ = write(&mut w).and_then(|_| w.flush());
        }
    }
    Ok(0)
}

fn run_render(
    db: &std::path::Path,
    output: &std::path::Path,
    format: Option<PictureFormat>,
    engine: Engine,
    force: bool,
    select: &SelectArgs,
) -> Result<u8, Error> {
    let format = format
        .or_else(|| PictureFormat::from_path(output))
        .ok_or_else(|| {
            Error::Usage(format!(
                "cannot tell the format of {}: name it .svg, .png or .html, or give --format",
                output.display()
            ))
        })?;
    let store = Store::open_existing(db)?;
    let Some(graph) = selected_graph(&store, select)? else {
        return Ok(1);
    };
    let nodes = graph.graph.node_count();
    if nodes > crate::render::READABLE_LIMIT {
        eprintln!(
            "relgraph: warning: {nodes} entities make a diagram no one can read; narrow it with --focus NAME --depth N, --issuer NAME or --kinds"
        );
        if !force {
            eprintln!("relgraph: not drawn; give --force to draw it anyway");
            return Ok(1);
        }
    }
    let (bytes, used) = crate::render::render(&graph, format, engine)?;
    std::fs::write(output, bytes).map_err(|source| Error::Write {
        path: output.display().to_string(),
        source,
    })?;
    let by = match used {
        crate::render::Used::Dot(path) => format!("Graphviz dot ({})", path.display()),
        crate::render::Used::Builtin => {
            "the built-in layout (Graphviz dot not used; no cluster boxes)".to_string()
        }
    };
    eprintln!(
        "relgraph: drew {} entities and {} relations to {} with {by}",
        nodes,
        graph.graph.edge_count(),
        sanitize(&output.display().to_string())
    );
    Ok(0)
}

/// The stored graph, cut to what the flags select; the whole graph is returned as loaded, not
/// copied. `None` after saying why a flag cannot be followed.
fn selected_graph(
    store: &Store,
    args: &SelectArgs,
) -> Result<Option<crate::graph::RelGraph>, Error> {
    let graph = store.graph()?;
    let Some(selection) = selection(&graph, args) else {
        return Ok(None);
    };
    Ok(Some(if selection.is_everything() {
        graph
    } else {
        crate::export::select::select(&graph, &selection)
    }))
}

/// The selection the flags ask for; `None` after saying why (an unknown kind or name).
fn selection(
    graph: &crate::graph::RelGraph,
    args: &SelectArgs,
) -> Option<crate::export::select::Selection> {
    let kinds = match args
        .kinds
        .as_deref()
        .map(crate::export::select::parse_kinds)
    {
        Some(Err(e)) => {
            eprintln!("relgraph: {}", sanitize(&e));
            return None;
        }
        Some(Ok(k)) => Some(k),
        None => None,
    };
    let index = crate::query::Index::new(graph);
    let find = |name: &Option<String>| match name {
        Some(n) => query::find(&index, n).map(Some),
        None => Some(None),
    };
    Some(crate::export::select::Selection {
        kinds,
        focus: find(&args.focus)?,
        depth: args.depth,
        issuer: find(&args.issuer)?,
    })
}
