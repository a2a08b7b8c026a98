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
        bios::read_biographies(cx, registrant, &mut roster);
        officer_sections::read_sections(cx, registrant, &mut roster);
        notice::read_notice(cx, registrant, &mut roster);
        roster.drop_offices_of(&notice::departed(cx));
    }
    if !holdings::read_tables(cx, &tables, registrant, parties) {
        holdings_text::read_lines(cx, registrant, parties);
    }
    roster.into_relations(registrant, parties)
}

#[cfg(test)]
mod tests {
    use crate::load::load_bytes;
    use crate::model::Statement;

    /// The facts of a fixture in tests/fixtures/corporate/.
    pub(crate) fn read_fixture(name: &str) -> crate::model::Facts {
        let path = format!(
            "{}/tests/fixtures/corporate/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(&path).expect("the fixture");
        let doc = load_bytes(&path, &bytes).expect("it loads");
        let form = crate::detect::detect(&doc);
        crate::extract::read_facts(&doc, &form).expect("it reads")
    }

    /// (person, title) of each edge of a kind, sorted.
    pub(crate) fn titles(facts: &crate::model::Facts, board: bool) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = facts
            .relations
            .iter()
            .filter_map(|r| match (&r.statement, board) {
                (Statement::BoardMemberOf(s), true) => Some((r.source.clone(), s.title.clone())),
                (Statement::OfficerOf { title }, false) => Some((r.source.clone(), title.clone())),
                _ => None,
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn fixed_width_executive_officer_table() {
        let f = read_fixture("10k_officers_fixed_width.txt");
        let officers = titles(&f, false);
        assert_eq!(
            officers,
            vec![
                (
                    "Corwin T. Ashdale".to_string(),
                    "President and Chief Executive Officer".to_string()
                ),
                (
                    "Hollis Brandvold".to_string(),
                    "Vice President--Bramblewick".to_string()
                ),
                ("Mirela Justova".to_string(), "Vice Chairman".to_string()),
                (
                    "Percival O. Quist, Jr".to_string(),
                    "Vice President--General Counsel".to_string()
                ),
                (
                    "Tamsin R. Okafor".to_string(),
                    "Group Vice President--Marketing and Sales".to_string()
                ),
            ],
            "{:#?}",
            f.relations
        );
        let board = titles(&f, true);
        assert_eq!(board.len(), 2, "{board:?}");
    }
}
