//! `relgraph query ...`: the CLI face of `crate::query`. Text for people, `--json` for scripts.

use crate::error::Error;
use crate::query::{self, Candidate, ControlOptions, ControlReport, HoldingView, Index, Lookup};
use crate::sanitize::sanitize;
use crate::store::Store;
use clap::{Args, Subcommand};
use petgraph::graph::NodeIndex;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct Common {
    /// The store to read.
    #[arg(long, default_value = "relgraph.db", global = true)]
    pub db: PathBuf,
    /// Print JSON for scripts (see docs/queries.md).
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum Query {
    /// Who controls a holding: the holdings of an issuer (or of a holder), and the chains of
    /// managers, signatories and owners above each holder, every step with its evidence.
    Controls {
        /// An issuer or a holder, as you would write it.
        target: String,
        /// Answer as of this date (YYYY-MM-DD).
        #[arg(long)]
        as_of: Option<String>,
        /// Also show holdings superseded by a later one of the same holder.
        #[arg(long)]
        history: bool,
    },
    /// The holdings of an issuer.
    Holders {
        issuer: String,
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        history: bool,
    },
    /// An entity's profile: names, identifiers, every edge with its evidence, its filings.
    Entity { name: String },
    /// The shortest chain of relations between two entities.
    Path { from: String, to: String },
    /// Entities whose names are closest to the text, best first.
    Search { text: String },
}

pub fn run(q: Query, common: &Common) -> Result<u8, Error> {
    let store = Store::open_existing(&common.db)?;
    let graph = store.graph()?;
    let index = Index::new(&graph);
    let json = common.json;
    match q {
        Query::Controls {
            target,
            as_of,
            history,
        } => {
            let Some(n) = find(&index, &target) else {
                return Ok(1);
            };
            let report = query::controls(&index, n, &ControlOptions { as_of, history });
            if json {
                print_json(&report);
            } else {
                print_controls(&report);
            }
        }
        Query::Holders {
            issuer,
            as_of,
            history,
        } => {
            let Some(n) = find(&index, &issuer) else {
                return Ok(1);
            };
            let holdings = query::holders(&graph, n, &ControlOptions { as_of, history });
            if json {
                print_json(&holdings);
            } else {
                out!("{}", sanitize(&graph.graph[n].name));
                for h in &holdings {
                    print_holding(h);
                }
            }
        }
        Query::Entity { name } => {
            let Some(n) = find(&index, &name) else {
                return Ok(1);
            };
            let p = query::profile(&graph, n);
            if json {
                print_json(&p);
            } else {
                out!("{} ({}, id {})", sanitize(&p.name), p.kind, sanitize(&p.id));
                if !p.aliases.is_empty() {
                    out!("  also called: {}", sanitize(&p.aliases.join("; ")));
                }
                for (k, v) in &p.identifiers {
                    out!("  {k}: {}", sanitize(v));
                }
                for e in &p.edges {
                    out!(
                        "  {} --{}{}--> {}",
                        sanitize(&e.source),
                        e.kind,
                        sanitize(&crate::describe::details(&e.statement)),
                        sanitize(&e.target)
                    );
                    print_evidence(&e.evidence, "      ");
                }
                out!("  filings: {}", sanitize(&p.filings.join(", ")));
            }
        }
        Query::Path { from, to } => {
            let (Some(a), Some(b)) = (find(&index, &from), find(&index, &to)) else {
                return Ok(1);
            };
            let Some(steps) = query::path(&graph, a, b) else {
                eprintln!(
                    "relgraph: no chain of relations joins \"{}\" and \"{}\"",
                    sanitize(&graph.graph[a].name),
                    sanitize(&graph.graph[b].name)
                );
                return Ok(1);
            };
            if json {
                print_json(&steps);
            } else {
                for e in &steps {
                    out!(
                        "{} --{}{}--> {}",
                        sanitize(&e.source),
                        e.kind,
                        sanitize(&crate::describe::details(&e.statement)),
                        sanitize(&e.target)
                    );
                    print_evidence(&e.evidence, "    ");
                }
            }
        }
        Query::Search { text } => {
            let found = index.search(&text, 10);
            if json {
                print_json(&found);
            } else {
                for c in &found {
                    out!(
                        "{:.3}  {} ({}, id {})",
                        c.score,
                        sanitize(&c.name),
                        c.kind,
                        sanitize(&c.id)
                    );
                }
            }
            if found.is_empty() {
                return Ok(1);
            }
        }
    }
    Ok(0)
}

/// The node a typed name stands for; otherwise "did you mean" on stderr and `None`.
pub(super) fn find(index: &Index, text: &str) -> Option<NodeIndex> {
    match index.lookup(text) {
        Lookup::Found(n) => Some(n),
        Lookup::Ambiguous(c) => {
            say_ambiguous(text, &c);
            None
        }
        Lookup::NotFound(c) => {
            eprintln!("relgraph: no entity named \"{}\"", sanitize(text));
            if !c.is_empty() {
                eprintln!("did you mean:");
                print_candidates(&c);
            }
            None
        }
    }
}

/// Says that `text` names several entities, and lists them.
pub(super) fn say_ambiguous(text: &str, candidates: &[Candidate]) {
    eprintln!(
        "relgraph: \"{}\" names several entities; which one?",
        sanitize(text)
    );
    print_candidates(candidates);
}

fn print_candidates(c: &[Candidate]) {
    for x in c {
        eprintln!(
            "  {} ({}, id {})",
            sanitize(&x.name),
            x.kind,
            sanitize(&x.id)
        );
    }
}

/// JSON for scripts. It keeps names as written, but control and bidi characters in them are
/// `\u` escapes (`json_safe`): serde_json leaves C1 controls and bidi overrides raw, and this is
/// printed to a terminal as often as to a pipe.
fn print_json<T: serde::Serialize>(v: &T) {
    let json = serde_json::to_string_pretty(v).unwrap_or_else(|_| "null".into());
    out!("{}", crate::sanitize::json_safe(json));
}

fn print_controls(r: &ControlReport) {
    out!("{} ({})", sanitize(&r.target), r.target_kind);
    if r.holdings.is_empty() && r.chains.is_empty() {
        out!("  no holding and no controller is stated");
    }
    for h in &r.holdings {
        print_holding(h);
        for (holder, chains) in &h.chains {
            if chains.is_empty() {
                continue;
            }
            out!("    {}:", sanitize(holder));
            for c in chains {
                print_chain(c, "      ");
            }
        }
    }
    for c in &r.chains {
        print_chain(c, "  ");
    }
    for c in &r.cycles {
        out!("  cycle: {}", sanitize(c));
    }
}

fn print_holding(h: &HoldingView) {
    let who = match h.holders.as_slice() {
        [one] => sanitize(one),
        many => format!("group of {} ({})", many.len(), sanitize(&many.join(", "))),
    };
    let figures = crate::describe::holding_figures(&h.stake);
    let old = if h.superseded { " [superseded]" } else { "" };
    // the date (and a percent stored as text) come from the filing as written
    out!(
        "  holding: {} in {} — {}{}",
        who,
        sanitize(&h.issuer),
        sanitize(&figures.join(", ")),
        old
    );
    out!("    control: {}", h.control.join(", "));
    print_positions(&h.stake);
    print_evidence(&h.evidence, "    ");
}

/// A Form 3/4/5 holding's lines: each security held after the filing, and how many transactions
/// led there.
fn print_positions(stake: &crate::model::Stake) {
    const SHOWN: usize = 6;
    for p in stake.positions.iter().take(SHOWN) {
        out!("    position: {}", sanitize(&crate::describe::position(p)));
    }
    if stake.positions.len() > SHOWN {
        out!("    (+{} more positions)", stake.positions.len() - SHOWN);
    }
    if !stake.trades.is_empty() {
        out!(
            "    transactions: {} in this filing (--json lists them)",
            stake.trades.len()
        );
    }
}

fn print_chain(c: &crate::query::Chain, indent: &str) {
    let cycle = if c.cycle.is_some() { " (cycle)" } else { "" };
    out!(
        "{indent}chain to {} ({}): {}{cycle}",
        sanitize(&c.controller),
        c.controller_kind,
        c.control.join(", ")
    );
    for s in &c.steps {
        out!(
            "{indent}  {} --{}--> {}",
            sanitize(&s.controller),
            sanitize(&s.relations.join("; ")),
            sanitize(&s.controlled)
        );
        print_evidence(&s.evidence, &format!("{indent}      "));
    }
}

fn print_evidence(ev: &[crate::model::Evidence], indent: &str) {
    for e in ev.iter().take(2) {
        out!(
            "{indent}{}:{} \"{}\"",
            sanitize(&e.filing),
            e.line,
            sanitize(&e.text)
        );
    }
    if ev.len() > 2 {
        out!("{indent}(+{} more)", ev.len() - 2);
    }
}
