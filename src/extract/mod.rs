//! `extract`: Document -> [`Facts`], by form family. Every fact carries its [`Evidence`].
//!
//! - `schedule13/`: Schedule 13D/13G, the text passes (front page, cover pages, Item 2, defined
//!   terms, signatures, prose relations, annexes, Item 4, Item 5, checks) and the structured XML;
//! - `corporate/`: registration statements, annual reports and proxies (signature pages, agents
//!   for service, counsel, proxy directors and ownership tables);
//! - `ownership/`: Forms 3, 4 and 5 in XML, rendered HTML and 1990s text;
//! - `toolkit/`: what the readers share, and which knows no family.
//!
//! Each family has one reader with one signature, `fn(&mut Cx) -> Result<(), ExtractError>`,
//! and [`read_facts`] is the one way in.
//!
//! [`Evidence`]: crate::model::Evidence

mod corporate;
mod ownership;
mod schedule13;
pub(crate) mod toolkit;

use crate::detect::{Family, FormType};
use crate::load::Document;
use crate::model::Facts;
use toolkit::xml::XmlError;
use toolkit::Cx;

/// Why a filing of a form relgraph reads could not be read (the build reports it and goes on).
/// Text is never refused: what it does not hold is left out, with warnings.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// Structured XML that is malformed, truncated, carries a DOCTYPE or lacks what it needs.
    #[error(transparent)]
    Xml(#[from] XmlError),
    /// A Form 3/4/5 (labelled as given) with no issuer.
    #[error("{0}: no issuer found; the file may be truncated or not a Form 3/4/5")]
    NoIssuer(String),
    /// A Form 3/4/5 (labelled as given) with no reporting owner.
    #[error("{0}: no reporting owner found; the file may be truncated or not a Form 3/4/5")]
    NoOwner(String),
}

/// A family's reader: it reads the document in `cx` into `cx.facts`.
type Reader = fn(&mut Cx) -> Result<(), ExtractError>;

/// Forms relgraph does not read yield no facts (the build reports them as skipped).
fn read_nothing(_: &mut Cx) -> Result<(), ExtractError> {
    Ok(())
}

/// The facts of a filing of a form relgraph reads, by the reader its family and shape need.
pub fn read_facts(doc: &Document, form: &FormType) -> Result<Facts, ExtractError> {
    // a primary document in XML is a structured schedule: the only XML form that is not a Form
    // 3/4/5 (another form's XML primary document fails there, with the reason)
    let reader: Reader = match form.family {
        Family::Ownership => ownership::read_ownership_form,
        _ if form.structured_xml => schedule13::xml::read_schedule13_xml,
        Family::Schedule13D | Family::Schedule13G => schedule13::read_schedule13,
        Family::Registration | Family::AnnualReport | Family::Proxy => corporate::read_corporate,
        Family::Other => read_nothing,
    };
    let mut cx = Cx::new(doc, form);
    reader(&mut cx)?;
    Ok(cx.finish())
}
