//! Located tables → figures. Each table is found by what its labels mean, wherever it stands: on its
//! own sheet or beside the others, shifted by title rows or columns, with merged or unmerged headers.
//! A sheet is cut into segments at the rows that head a table (titles and header rows); each segment
//! is read by the reader of its table.

mod active;
mod apply;
mod review;
mod stats;

use active::read_active;
use apply::read_apply;
use review::read_review;
pub use stats::{place_stats, PlacedStats, StatsRow};
use stats::{read_stats, VALUE_HEADERS};

use super::grid::{GCell, Row, Sheet, Val};
use crate::forms::{self, Table};
use crate::text::{parse_number, strip_numbering, CellNumber};

/// One figure found in a return, with where it stands.
#[derive(Debug, Clone)]
pub struct Located {
    pub id: String,
    pub number: CellNumber,
    /// The cell as typed ("" for a blank cell).
    pub raw: String,
    pub sheet: String,
    pub row: u32,
    pub col: u32,
}

/// What the readers found in a workbook.
#[derive(Debug, Default)]
pub struct Found {
    pub figures: Vec<Located>,
    pub tables: Vec<Table>,
    pub votes_2021: u32,
    pub votes_2019: u32,
    /// The 统计表's rows, placed once the year (and so its indicator table) is known.
    pub stats_rows: Vec<StatsRow>,
    /// The ids placed so far, as the forms spell them.
    seen: rustc_hash::FxHashSet<&'static str>,
}

impl Found {
    fn add(&mut self, sheet: &Sheet, id: String, row: u32, col: u32) {
        // An id no form has (a row and column that do not meet) would be left out of the return
        // anyway; the forms' own spelling is kept to know what has been placed.
        let Some(def) = forms::def_any(&id) else { return };
        if !self.seen.insert(def.id.as_str()) {
            return; // The first place a figure is found wins; a repeated table adds nothing.
        }
        let cell = sheet.row(row).and_then(|r| r.get(col));
        let (number, raw) = read_value(sheet, cell);
        self.figures.push(Located { id, number, raw, sheet: sheet.name.clone(), row, col });
    }
    fn saw(&mut self, t: Table) {
        if !self.tables.contains(&t) {
            self.tables.push(t);
        }
    }
}

pub(super) fn read_value(sheet: &Sheet, cell: Option<&GCell>) -> (CellNumber, String) {
    match cell.map(|c| &c.val) {
        None => (CellNumber::Zero, String::new()),
        Some(Val::Num(v)) => (crate::text::figure_number(*v), raw_number(*v)),
        Some(Val::Text(s)) => (parse_number(s), s.clone()),
        Some(Val::Other(s)) => (CellNumber::Unreadable, s.clone()),
        Some(Val::Formula(f)) => match super::formula::eval(sheet, f) {
            Some(v) => (crate::text::figure_number(v), format!("={f}")),
            None => (CellNumber::Unreadable, format!("={f}")),
        },
    }
}

/// A number cell as typed: fmt_num, except a non-finite value (which fmt_num never writes) keeps
/// what it was, so the finding can say what the cell held.
fn raw_number(v: f64) -> String {
    if v.is_finite() {
        crate::text::fmt_num(v)
    } else {
        format!("{v}")
    }
}

/// Reads every table of every sheet.
pub fn locate(sheets: &[Sheet]) -> Found {
    // Room for a whole return's figures from the start (a 2021 return has about 240).
    let mut found = Found {
        figures: Vec::with_capacity(256),
        seen: rustc_hash::FxHashSet::with_capacity_and_hasher(256, Default::default()),
        ..Found::default()
    };
    for sheet in sheets {
        for (table, rows) in segments(sheet) {
            match table {
                Table::Active => read_active(sheet, rows, &mut found),
                Table::Apply => read_apply(sheet, rows, &mut found),
                Table::Review => read_review(sheet, rows, &mut found),
                Table::Stats => read_stats(sheet, rows, &mut found),
            }
        }
    }
    found
}

/// Which table a row heads, if any. Only rows without numbers head a table (titles, headers).
/// `strong` anchors are header rows no other table has; inside the 统计表, whose older versions
/// mention 行政复议 and 申请 in their own rows, only a strong anchor starts another table.
fn anchor(row: &Row) -> Option<(Table, bool)> {
    if row.has_number() {
        return None;
    }
    let any = |ks: &[&str]| row.cells.iter().any(|c| c.hay().has_any(ks));
    let exact = |k: &str| row.cells.iter().any(|c| strip_numbering(&c.norm) == k);
    // The title ("…统计表", "…统计表（某某镇人民政府）"), or a 项目/数值 header of its own.
    let titled =
        |c: &GCell| c.norm.ends_with("统计表") || (c.norm.contains("统计表") && c.norm.contains("政府信息公开"));
    let item_header = ["项目", "指标", "指标名称", "统计项目", "项目名称"].iter().any(|k| exact(k))
        && row.cells.iter().any(|c| VALUE_HEADERS.contains(&c.norm.as_str()));
    if any(&["统计指标"]) || row.cells.iter().any(titled) || item_header {
        return Some((Table::Stats, true));
    }
    if exact("结果维持") || (any(&["行政复议"]) && any(&["行政诉讼"])) {
        return Some((Table::Review, true));
    }
    if any(&["申请人情况"]) || exact("自然人") {
        return Some((Table::Apply, true));
    }
    if any(&["第二十条", "信息内容"]) {
        return Some((Table::Active, true));
    }
    if any(&["主动公开政府信息情况"]) {
        return Some((Table::Active, false));
    }
    if any(&["收到和处理政府信息公开申请", "勾稽关系"]) {
        return Some((Table::Apply, false));
    }
    if any(&["行政复议"]) {
        return Some((Table::Review, false));
    }
    None
}

/// The table a piece of a document's table heads by its own header rows, if it has any.
pub(crate) fn headed_by(sheet: &Sheet) -> Option<Table> {
    sheet.rows.iter().take(6).find_map(anchor).map(|(t, _)| t)
}

fn segments(sheet: &Sheet) -> Vec<(Table, &[Row])> {
    let mut out = Vec::new();
    let mut current: Option<(Table, usize)> = None;
    for (i, row) in sheet.rows.iter().enumerate() {
        let Some((t, strong)) = anchor(row) else { continue };
        match current {
            Some((c, _)) if c == t => {}
            Some((Table::Stats, _)) if !strong => {}
            Some((c, start)) => {
                out.push((c, &sheet.rows[start..i]));
                current = Some((t, i));
            }
            None => current = Some((t, i)),
        }
    }
    if let Some((c, start)) = current {
        out.push((c, &sheet.rows[start..]));
    }
    out
}

/// The text of a row left of `first_data_col`: all of it joined, and its rightmost cell alone
/// (the most specific part of a label spread over merged columns).
pub(super) fn row_label(row: &Row, first_data_col: u32) -> (String, String) {
    let mut all = String::new();
    let mut last = String::new();
    for c in row.cells.iter().filter(|c| c.col < first_data_col && !c.norm.is_empty()) {
        all.push_str(&c.norm);
        last = c.norm.clone();
    }
    (all, last)
}

/// A note under a table (注：…, 填报说明：…) is prose, whatever words it uses.
pub(super) fn is_note(label: &str) -> bool {
    ["注", "说明", "填报说明", "备注", "(注"].iter().any(|k| label.starts_with(k))
}
