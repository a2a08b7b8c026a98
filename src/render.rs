//! Pictures of the graph: SVG or PNG through Graphviz's `dot` when it is installed, and SVG from a
//! pure-Rust layout (layout-rs) when it is not, so a fresh machine still gets a diagram.
//!
//! layout-rs is quick on small, focused diagrams (≈0.2 s at 100 nodes) but slow on large ones
//! (≈140 s at 1,000) and draws no cluster boxes, so it is held to `BUILTIN_LIMIT` nodes.

use crate::graph::RelGraph;
use graphviz_rust::cmd::{CommandArg, Format as GvFormat};
use std::path::{Path, PathBuf};

/// Picture formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureFormat {
    Svg,
    Png,
    /// One self-contained page: the SVG, a search box, and profiles and evidence on click.
    Html,
}

impl PictureFormat {
    /// The format a file name asks for, by its extension.
    pub fn from_path(path: &Path) -> Option<PictureFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "svg" => Some(PictureFormat::Svg),
            "png" => Some(PictureFormat::Png),
            "html" | "htm" => Some(PictureFormat::Html),
            _ => None,
        }
    }
}

/// Which layout engine to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Engine {
    /// Graphviz's `dot` when it is on PATH, else the built-in layout.
    #[default]
    Auto,
    /// Graphviz's `dot`; an error when it is not installed.
    Dot,
    /// The built-in pure-Rust layout (SVG only, small diagrams, no cluster boxes).
    Builtin,
}

/// The engine that drew a picture, for the message that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Used {
    Dot(PathBuf),
    Builtin,
}

/// The built-in layout's node limit: beyond it a layout takes minutes.
pub const BUILTIN_LIMIT: usize = 300;
/// Above this many entities a picture is unreadable whatever draws it.
pub const READABLE_LIMIT: usize = 500;

pub const INSTALL_GRAPHVIZ: &str =
    "install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz)";

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("PNG needs Graphviz's dot, which is not on PATH: {INSTALL_GRAPHVIZ}; or write SVG")]
    PngNeedsDot,
    #[error("Graphviz's dot is not on PATH: {INSTALL_GRAPHVIZ}")]
    NoDot,
    #[error("{nodes} entities are more than the built-in layout draws in reasonable time ({BUILTIN_LIMIT}); narrow the diagram with --focus NAME --depth N or --issuer NAME, or {INSTALL_GRAPHVIZ}")]
    TooLargeForBuiltin { nodes: usize },
    #[error("Graphviz's dot failed: {0}")]
    Dot(String),
    #[error("the built-in layout failed on this graph: {0}")]
    Builtin(String),
}

/// Where Graphviz's `dot` is, if it is on PATH.
pub fn find_dot() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| [dir.join("dot"), dir.join("dot.exe")])
        .find(|p| p.is_file())
}

/// Draws the graph. Returns the picture's bytes and the engine that drew it.
pub fn render(
    g: &RelGraph,
    format: PictureFormat,
    engine: Engine,
) -> Result<(Vec<u8>, Used), RenderError> {
    let dot = match engine {
        Engine::Builtin => None,
        Engine::Dot => Some(find_dot().ok_or(RenderError::NoDot)?),
        Engine::Auto => find_dot(),
    };
    if format == PictureFormat::Html {
        let (svg, used) = render_with(g, PictureFormat::Svg, dot)?;
        let note = match &used {
            Used::Dot(_) => "Drawn by Graphviz dot.".to_string(),
            Used::Builtin => "Drawn by the built-in layout: Graphviz dot was not found, so the picture has no cluster boxes and only the search box selects entities.".to_string(),
        };
        let page = crate::html::page(g, &String::from_utf8_lossy(&svg), &note);
        return Ok((page.into_bytes(), used));
    }
    render_with(g, format, dot)
}

fn render_with(
    g: &RelGraph,
    format: PictureFormat,
    dot: Option<PathBuf>,
) -> Result<(Vec<u8>, Used), RenderError> {
    match (dot, format) {
        (Some(path), _) => {
            let gv = match format {
                PictureFormat::Png => GvFormat::Png,
                PictureFormat::Svg | PictureFormat::Html => GvFormat::Svg,
            };
            let text = crate::export::dot::to_dot(g);
            let bytes = graphviz_rust::exec_dot(text, vec![CommandArg::Format(gv)])
                .map_err(|e| RenderError::Dot(e.to_string()))?;
            Ok((bytes, Used::Dot(path)))
        }
        (None, PictureFormat::Png) => Err(RenderError::PngNeedsDot),
        (None, PictureFormat::Svg | PictureFormat::Html) => {
            builtin_svg(g).map(|svg| (svg.into_bytes(), Used::Builtin))
        }
    }
}

/// SVG from layout-rs. It reads our DOT (without the legend, whose point-shaped nodes it cannot
/// draw); a panic inside it is turned into an error, since a picture is never worth a crash.
pub fn builtin_svg(g: &RelGraph) -> Result<String, RenderError> {
    let nodes = g.graph.node_count();
    if nodes > BUILTIN_LIMIT {
        return Err(RenderError::TooLargeForBuiltin { nodes });
    }
    let text = crate::export::dot::to_dot_with(g, &crate::export::dot::Options { legend: false });
    let run = || {
        let mut parser = layout::gv::DotParser::new(&text);
        let ast = parser.process()?;
        let mut builder = layout::gv::GraphBuilder::new();
        builder.visit_graph(&ast);
        let mut visual = builder.get();
        let mut svg = layout::backends::svg::SVGWriter::new();
        visual.do_it(false, false, false, &mut svg);
        Ok::<String, String>(svg.finalize())
    };
    match std::panic::catch_unwind(run) {
        Ok(Ok(svg)) => Ok(svg),
        Ok(Err(e)) => Err(RenderError::Builtin(e)),
        Err(_) => Err(RenderError::Builtin("the layout panicked".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_extensions() {
        assert_eq!(
            PictureFormat::from_path(Path::new("a/polygon.SVG")),
            Some(PictureFormat::Svg)
        );
        assert_eq!(
            PictureFormat::from_path(Path::new("x.png")),
            Some(PictureFormat::Png)
        );
        assert_eq!(PictureFormat::from_path(Path::new("x.dot")), None);
    }
}
