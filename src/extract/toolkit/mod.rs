//! What every reader shares: the extraction context and its evidence, the line index that routes
//! words to lines, finding lines and items, the parties of a filing, defined terms and lists of
//! names, captions and their values, signature blocks, titles and roles, prose relations, node
//! kinds, the SEC header's parties, and XML helpers.
//!
//! Nothing here knows a form family: the readers in `schedule13/`, `corporate/` and `ownership/`
//! call into it, and it calls into none of them.

pub(crate) mod aliases;
pub(crate) mod captions;
mod context;
pub(crate) mod header;
pub(crate) mod index;
pub(crate) mod kinds;
mod lines;
pub(crate) mod parties;
pub(crate) mod prose;
pub(crate) mod roles;
pub(crate) mod signatures;
pub(crate) mod statements;
pub(crate) mod terms;
pub(crate) mod xml;

pub(crate) use context::Cx;
pub(crate) use index::word;
pub(crate) use lines::{
    find_line, head, item_number, item_region, next_text, quote, tail, CONTEXT_CHARS,
};
