//! Who the registrant's directors, officers and owners are, as proxy statements and annual
//! reports print them: the tables (ownership, board, executive officers, the Summary Compensation
//! Table; HTML cells or fixed-width text), the biographies ("Director since 2018" boxes, "Mr. Roe
//! has served as a director since 2015") and the executive officer sections of annual reports.

use super::roster::Roster;
use super::tables::Table;
use super::{bios, holdings, holdings_text, notice, officer_sections, people_tables, Registrant};
use crate::extract::toolkit::parties::Parties;
use crate::extract::toolkit::Cx;
use crate::model::Relation;

/// Reads the people and holdings; the holdings go into `cx.facts`, the seats and offices are
/// returned.
pub(super) fn read_people(
    cx: &mut Cx,
    registrant: &Registrant,
    parties: &mut Parties,
) -> Vec<Relation> {
    let mut tables: Vec<Table> = super::tables::html_tables(cx);
    if cx.doc.html.is_empty() {
        tables.extend(super::text_tables::text_tables(cx));
    }
    let mut roster = Roster::default();
    if !notice::has_no_officers(cx) {
        people_tables::read_tables(cx, &tables, registrant, &mut roster);
        officer_sections::read_sections(cx, registrant, &mut roster);
        bios::read_biographies(cx, registrant, &mut roster);
        notice::read_notice(cx, registrant, &mut roster);
        roster.drop_offices_of(&notice::departed(cx));
    }
    if !holdings::read_tables(cx, &tables, registrant, parties) {
        holdings_text::read_lines(cx, registrant, parties);
    }
    roster.into_relations(registrant, parties)
}
