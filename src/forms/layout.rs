//! The official layout of each table: where every header, label and figure stands, with merged
//! spans, as the report format prints it. The Excel writers (template, standard tables, generated
//! returns) and the Word draft all draw their tables from this one description.

use super::indicators::IndicatorTable;
use super::{active_article, Format, Table, ACTIVE_ROWS, APPLY_COLS, APPLY_ROWS, REVIEW_COLS};

#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// A heading cell (column headers, 第二十条 rows): bold, centred.
    Header(String),
    /// A row label.
    Label(String),
    /// A unit written beside a 统计表 figure.
    Unit(String),
    /// The cell of a figure, by id.
    Figure(String),
}

#[derive(Debug, Clone)]
pub struct LCell {
    pub row: u32,
    pub col: u32,
    pub rows: u32,
    pub cols: u32,
    pub content: Content,
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub table: Table,
    pub width: u32,
    pub height: u32,
    pub cells: Vec<LCell>,
    /// Relative widths of the columns, in characters, for writers that size columns.
    pub col_widths: Vec<f64>,
}

impl Layout {
    fn put(&mut self, row: u32, col: u32, rows: u32, cols: u32, content: Content) {
        self.height = self.height.max(row + rows);
        self.cells.push(LCell { row, col, rows, cols, content });
    }
    /// Where a figure stands (row, col) within the table.
    pub fn position(&self, id: &str) -> Option<(u32, u32)> {
        self.cells.iter().find(|c| c.content == Content::Figure(id.to_string())).map(|c| (c.row, c.col))
    }
    /// How many rows head the table and how many columns label it: the rows above its first figure
    /// and the columns left of it (repeated on printed pages, kept in view, marked as header rows).
    pub fn header_size(&self) -> (u32, u32) {
        // The header ends at the first row holding a figure or a row's label (the 统计表's "一、主动
        // 公开情况" group row is the table's, not its header's).
        let labels = self.cells.iter().filter(|c| matches!(c.content, Content::Label(_))).map(|c| c.row);
        let row = self.figures().map(|(c, _)| c.row).chain(labels).min().unwrap_or(0);
        let col = self.figures().map(|(c, _)| c.col).min().unwrap_or(0);
        (row, col)
    }
    pub fn figures(&self) -> impl Iterator<Item = (&LCell, &str)> {
        self.cells.iter().filter_map(|c| match &c.content {
            Content::Figure(id) => Some((c, id.as_str())),
            _ => None,
        })
    }
}

fn h(s: &str) -> Content {
    Content::Header(s.to_string())
}
fn l(s: &str) -> Content {
    Content::Label(s.to_string())
}
fn fig(s: String) -> Content {
    Content::Figure(s)
}

/// The official layout of a table in a format.
pub fn layout(table: Table, f: Format) -> Layout {
    match table {
        Table::Active => active(f),
        Table::Apply => apply(f),
        Table::Review => review(),
        Table::Stats => stats_layout(super::indicators::national()),
    }
}

fn active(f: Format) -> Layout {
    let mut t =
        Layout { table: Table::Active, width: 4, height: 0, cells: vec![], col_widths: vec![26.0, 18.0, 18.0, 18.0] };
    let rows: Vec<_> = ACTIVE_ROWS.iter().filter(|r| r.2 == super::In::Only(f)).collect();
    let mut r = 0;
    let mut i = 0;
    while i < rows.len() {
        let article = active_article(rows[i].0);
        let group: Vec<_> = rows[i..].iter().take_while(|x| active_article(x.0) == article).collect();
        let cols = group[0].3;
        t.put(r, 0, 1, 4, h(article));
        t.put(r + 1, 0, 1, 1, h("信息内容"));
        // The value columns fill the three columns of the grid: the last spans what is left (as
        // published: 行政事业性收费 and 政府集中采购 have two values, the second spanning two).
        let n = cols.len() as u32;
        let span = |k: usize| if k as u32 + 1 == n { 4 - n } else { 1 };
        for (k, (_, label)) in cols.iter().enumerate() {
            t.put(r + 1, 1 + k as u32, 1, span(k), h(label));
        }
        r += 2;
        for (entity, label, _, cols) in &group {
            t.put(r, 0, 1, 1, l(label));
            for (k, (col, _)) in cols.iter().enumerate() {
                t.put(r, 1 + k as u32, 1, span(k), fig(format!("active.{entity}.{col}")));
            }
            r += 1;
        }
        i += group.len();
    }
    t
}

/// The official text of a table-三 row where it is longer than the name used in messages.
fn apply_official(row: &str, label: &str) -> String {
    match row {
        "partial" => "（二）部分公开（区分处理的，只计这一情形，不计其他情形）".into(),
        _ => label.to_string(),
    }
}

fn apply(f: Format) -> Layout {
    let mut t = Layout {
        table: Table::Apply,
        width: 10,
        height: 0,
        cells: vec![],
        col_widths: vec![8.0, 12.0, 30.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0],
    };
    t.put(0, 0, 3, 3, h("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"));
    t.put(0, 3, 1, 7, h("申请人情况"));
    t.put(1, 3, 2, 1, h("自然人"));
    t.put(1, 4, 1, 5, h("法人或其他组织"));
    t.put(1, 9, 2, 1, h("总计"));
    for (k, (_, label)) in APPLY_COLS[1..6].iter().enumerate() {
        t.put(2, 4 + k as u32, 1, 1, h(label));
    }
    let rows: Vec<_> = APPLY_ROWS.iter().filter(|r| r.2 == super::In::Both || r.2 == super::In::Only(f)).collect();
    let mut r = 3;
    let results_start = 5;
    let mut i = 0;
    while i < rows.len() {
        let (id, label, _) = rows[i];
        let figures = |t: &mut Layout, r: u32, id: &str| {
            for (k, (col, _)) in APPLY_COLS.iter().enumerate() {
                t.put(r, 3 + k as u32, 1, 1, fig(format!("apply.{id}.{col}")));
            }
        };
        match *id {
            "new" | "carried" | "carry_forward" => {
                t.put(r, 0, 1, 3, l(label));
                figures(&mut t, r, id);
                r += 1;
                i += 1;
            }
            _ => {
                // A result row: a section with items ("（三）不予公开 1.…") or a row of its own.
                if let Some((section, _)) = label.split_once(' ') {
                    let items: Vec<_> =
                        rows[i..].iter().take_while(|x| x.1.split_once(' ').map(|s| s.0) == Some(section)).collect();
                    t.put(r, 1, items.len() as u32, 1, l(section));
                    for (k, (iid, ilabel, _)) in items.iter().enumerate() {
                        t.put(r + k as u32, 2, 1, 1, l(ilabel.split_once(' ').map(|s| s.1).unwrap_or(ilabel)));
                        figures(&mut t, r + k as u32, iid);
                    }
                    r += items.len() as u32;
                    i += items.len();
                } else {
                    t.put(r, 1, 1, 2, l(&apply_official(id, label)));
                    figures(&mut t, r, id);
                    r += 1;
                    i += 1;
                }
                if rows.get(i).map(|x| x.0) == Some("carry_forward") {
                    t.put(results_start, 0, r - results_start, 1, l("三、本年度办理结果"));
                }
            }
        }
    }
    t
}

fn review() -> Layout {
    let mut t = Layout { table: Table::Review, width: 15, height: 0, cells: vec![], col_widths: vec![7.0; 15] };
    t.put(0, 0, 1, 5, h("行政复议"));
    t.put(0, 5, 1, 10, h("行政诉讼"));
    for (k, (_, label)) in REVIEW_COLS.iter().enumerate() {
        t.put(1, k as u32, 2, 1, h(label));
        t.put(2, 5 + k as u32, 1, 1, h(label));
        t.put(2, 10 + k as u32, 1, 1, h(label));
    }
    t.put(1, 5, 1, 5, h("未经复议直接起诉"));
    t.put(1, 10, 1, 5, h("复议后起诉"));
    let groups = ["reconsideration", "litigation_direct", "litigation_after"];
    for (g, group) in groups.iter().enumerate() {
        for (k, (col, _)) in REVIEW_COLS.iter().enumerate() {
            t.put(3, (g * 5 + k) as u32, 1, 1, fig(format!("review.{group}.{col}")));
        }
    }
    t
}

/// The 统计表 drawn from an indicator table: section headings (unless the heading row is an
/// indicator itself), sub-headings, then each indicator with its unit and value.
pub fn stats_layout(table: &IndicatorTable) -> Layout {
    let mut t = Layout { table: Table::Stats, width: 3, height: 0, cells: vec![], col_widths: vec![56.0, 8.0, 10.0] };
    t.put(0, 0, 1, 1, h("统计指标"));
    t.put(0, 1, 1, 1, h("单位"));
    t.put(0, 2, 1, 1, h("统计数"));
    let mut r = 1;
    let mut section = 0;
    for ind in &table.indicators {
        if ind.section != section {
            section = ind.section;
            let has_heading_row = table.indicators.iter().any(|i| i.section == section && i.heading);
            if !has_heading_row {
                if let Some(s) = table.sections.get(section as usize - 1) {
                    t.put(r, 0, 1, 3, l(&s.title));
                    r += 1;
                }
            }
        }
        if let Some(b) = &ind.before {
            t.put(r, 0, 1, 3, l(b));
            r += 1;
        }
        let label = if ind.heading {
            table.sections.get(ind.section as usize - 1).map(|s| s.title.clone()).unwrap_or_else(|| ind.label.clone())
        } else {
            ind.label.clone()
        };
        t.put(r, 0, 1, 1, l(&label));
        t.put(r, 1, 1, 1, Content::Unit(ind.unit.clone()));
        t.put(r, 2, 1, 1, fig(ind.id.clone()));
        r += 1;
    }
    t
}

/// The tables a return of a format holds, in the report's order.
pub fn report_tables(with_stats: bool) -> Vec<Table> {
    let mut v = vec![Table::Active, Table::Apply, Table::Review];
    if with_stats {
        v.push(Table::Stats);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms;

    #[test]
    fn every_figure_has_one_place() {
        for f in [Format::Gov2021, Format::Gov2019] {
            for table in [Table::Active, Table::Apply, Table::Review] {
                let lay = layout(table, f);
                let ids: Vec<&str> = lay.figures().map(|(_, id)| id).collect();
                let want: Vec<&str> = forms::figures(f).filter(|d| d.table == table).map(|d| d.id.as_str()).collect();
                assert_eq!(ids.len(), want.len(), "{table:?} {f:?}");
                for w in want {
                    assert!(ids.contains(&w), "{w} missing from {table:?} {f:?}");
                }
            }
        }
        assert_eq!(layout(Table::Stats, Format::Gov2021).figures().count(), 36);
        // 表三 2021: 3 header rows + 27 rows.
        assert_eq!(layout(Table::Apply, Format::Gov2021).height, 3 + 25);
    }

    #[test]
    fn every_row_of_a_table_fills_its_grid() {
        for f in [Format::Gov2021, Format::Gov2019] {
            for table in [Table::Active, Table::Apply, Table::Review, Table::Stats] {
                let lay = layout(table, f);
                let mut covered = vec![vec![false; lay.width as usize]; lay.height as usize];
                for c in &lay.cells {
                    for r in c.row..c.row + c.rows {
                        for k in c.col..c.col + c.cols {
                            assert!(!covered[r as usize][k as usize], "{table:?} {f:?} ({r},{k}) twice");
                            covered[r as usize][k as usize] = true;
                        }
                    }
                }
                for (r, row) in covered.iter().enumerate() {
                    assert!(row.iter().all(|x| *x), "{table:?} {f:?} row {r} has a hole: {row:?}");
                }
            }
        }
        // gov2019 表二 （九）政府集中采购: 采购项目数量, then 采购总金额 spanning two columns.
        let lay = layout(Table::Active, Format::Gov2019);
        let amount =
            lay.cells.iter().find(|c| c.content == Content::Figure("active.procurement.amount".into())).unwrap();
        assert_eq!((amount.col, amount.cols), (2, 2));
    }
}
