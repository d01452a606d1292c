//! Located tables → figures. Each table is found by what its labels mean, wherever it stands: on its
//! own sheet or beside the others, shifted by title rows or columns, with merged or unmerged headers.
//! A sheet is cut into segments at the rows that head a table (titles and header rows); each segment
//! is read by the reader of its table.

use super::grid::{GCell, Row, Sheet, Val};
use crate::forms::indicators::{Indicator, IndicatorTable};
use crate::forms::{self, Table};
use crate::model::UnplacedRow;
use crate::text::{leading_section, parse_number, strip_numbering, CellNumber, Hay};

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

fn read_value(sheet: &Sheet, cell: Option<&GCell>) -> (CellNumber, String) {
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
fn row_label(row: &Row, first_data_col: u32) -> (String, String) {
    let mut all = String::new();
    let mut last = String::new();
    for c in row.cells.iter().filter(|c| c.col < first_data_col && !c.norm.is_empty()) {
        all.push_str(&c.norm);
        last = c.norm.clone();
    }
    (all, last)
}

// ---------------------------------------------------------------------------------------------
// 表三

const APPLY_KEYS: &[(&str, &[&str])] = &[
    ("deny_secret", &["国家秘密"]),
    ("deny_law", &["法律行政法规禁止", "法律法规禁止", "禁止公开"]),
    ("deny_safety", &["三安全一稳定", "危及"]),
    ("deny_third_party", &["第三方"]),
    ("deny_internal", &["内部事务"]),
    ("deny_process", &["过程性"]),
    ("deny_enforcement", &["执法案卷"]),
    ("deny_query", &["行政查询", "查询事项"]),
    ("none_not_held", &["不掌握"]),
    ("none_need_create", &["另行制作", "没有现成"]),
    ("none_unclear", &["不明确"]),
    ("reject_petition", &["信访", "举报投诉"]),
    ("reject_repeat", &["重复申请"]),
    ("reject_publication", &["公开出版物"]),
    ("reject_excessive", &["大量反复"]),
    ("reject_confirm", &["重新出具", "确认或"]),
    ("other_no_correction", &["不补正"]),
    ("other_no_fee", &["缴纳费用", "收费通知"]),
    ("new", &["本年新收"]),
    ("carried", &["上年结转"]),
    ("carry_forward", &["结转下年", "下年度继续办理"]),
    ("partial", &["部分公开"]),
    ("open", &["予以公开"]),
    ("total", &["总计", "合计"]),
];

#[derive(Clone, Copy, PartialEq)]
enum ApplySection {
    Deny,
    None_,
    Reject,
    Other,
}

impl ApplySection {
    /// The section's heading as the forms print it; its items come from the forms.
    fn label(self) -> &'static str {
        match self {
            ApplySection::Deny => "（三）不予公开",
            ApplySection::None_ => "（四）无法提供",
            ApplySection::Reject => "（五）不予处理",
            ApplySection::Other => "（六）其他处理",
        }
    }
}

fn apply_section(label: &str) -> Option<ApplySection> {
    if label.contains("不予公开") {
        Some(ApplySection::Deny)
    } else if label.contains("无法提供") {
        Some(ApplySection::None_)
    } else if label.contains("不予处理") {
        Some(ApplySection::Reject)
    } else if label.contains("其他处理") {
        Some(ApplySection::Other)
    } else {
        None
    }
}

/// The row of table 三 a label names. `last` is the label's most specific cell, `all` the whole.
fn apply_row(last: &str, all: &str, section: Option<ApplySection>) -> Option<&'static str> {
    let item = strip_numbering(last);
    let hay = Hay::new(item);
    for (id, keys) in APPLY_KEYS {
        if hay.has_any(keys) {
            return Some(id);
        }
    }
    if section == Some(ApplySection::Other) && item.starts_with("其他") && !item.contains("其他处理") {
        return Some("other_other");
    }
    if item.contains("其他处理") {
        return Some("other");
    }
    // A sub-item known only by its number within its section: "3." under （四）.
    if let Some(sec) = section {
        let digits: String = last.chars().take_while(|c| c.is_ascii_digit()).collect();
        if let Ok(n) = digits.parse::<usize>() {
            let items = forms::apply_section_items(sec.label());
            if n >= 1 && n <= items.len() {
                return Some(items[n - 1]);
            }
        }
    }
    let _ = all;
    None
}

fn apply_col(norm: &str) -> Option<&'static str> {
    let s = strip_numbering(norm);
    let h = Hay::new(s);
    if h.has("自然人") {
        Some("natural")
    } else if h.has("商业企业") {
        Some("business")
    } else if h.has("科研机构") {
        Some("research")
    } else if h.has("公益组织") {
        Some("nonprofit")
    } else if h.has("法律服务") {
        Some("legal")
    } else if s == "其他" || s == "其他组织" {
        Some("other_org")
    } else if s == "总计" || s == "合计" {
        Some("total")
    } else {
        None
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "one pass over the rows whose state (the current section, a label waiting for its figures on the next \
              row, a label split over two rows) spans rows; split up, that state would be threaded through every piece"
)]
fn read_apply(sheet: &Sheet, rows: &[Row], found: &mut Found) {
    // Header: the rows before the first row that names a table-三 row.
    let mut cols: Vec<(&'static str, u32)> = Vec::new();
    let mut data_start = rows.len();
    for (i, row) in rows.iter().enumerate() {
        if row.has_number() || row.cells.iter().any(|c| apply_row(&c.norm, &c.norm, None).is_some_and(|r| r != "total"))
        {
            data_start = i;
            break;
        }
        for c in &row.cells {
            if let Some(k) = apply_col(&c.norm) {
                if !cols.iter().any(|(kk, _)| *kk == k) {
                    cols.push((k, c.col));
                }
            }
        }
    }
    if cols.len() < 2 {
        // No header: take the seven numbers of the first data row, in the table's order.
        let Some(first) = rows[data_start.min(rows.len())..].iter().find(|r| r.has_number()) else { return };
        let nums: Vec<u32> =
            first.cells.iter().filter(|c| matches!(c.val, Val::Num(_) | Val::Formula(_))).map(|c| c.col).collect();
        if nums.len() != 7 {
            return;
        }
        cols = forms::APPLY_COLS.iter().map(|(k, _)| *k).zip(nums).collect();
    }
    let first_col = cols.iter().map(|(_, c)| *c).min().unwrap_or(0);
    found.saw(Table::Apply);

    let mut section: Option<ApplySection> = None;
    let mut pending: Option<&'static str> = None; // a matched label whose figures are on the next row
    let mut pending_text = String::new(); // an unmatched label that may continue on the next row
    let mut seen_other_sub = false;
    let mut other_row: Option<u32> = None;
    for row in &rows[data_start..] {
        let (all, last) = row_label(row, first_col);
        if is_note(&all) {
            continue;
        }
        if let Some(s) = apply_section(&all) {
            section = Some(s);
        }
        let has_values = cols.iter().any(|(_, c)| row.get(*c).is_some());
        let mut id = if last.is_empty() { None } else { apply_row(&last, &all, section) };
        if id.is_none() && !all.is_empty() && !pending_text.is_empty() {
            let joined = format!("{pending_text}{last}");
            id = apply_row(&joined, &joined, section);
        }
        if id.is_none() && has_values {
            id = pending.take();
        }
        match id {
            Some(id) if has_values || !next_is_unlabelled_values(rows, row, &cols, first_col) => {
                if id.starts_with("other_") {
                    seen_other_sub = true;
                }
                if id == "other" {
                    other_row = Some(row.row);
                }
                for (col, c) in &cols {
                    found.add(sheet, forms::figure_id("apply", id, col), row.row, *c);
                }
                if id.starts_with("other_") || id == "other" {
                    found.votes_2021 += u32::from(id.starts_with("other_"));
                    found.votes_2019 += u32::from(id == "other");
                }
                pending = None;
                pending_text.clear();
            }
            Some(id) => {
                pending = Some(id);
                pending_text.clear();
            }
            None => {
                if !has_values {
                    pending_text = last;
                }
            }
        }
    }
    // A 2021 table whose （六）其他处理 heading has a row of its own is not the 2019 single row.
    if seen_other_sub {
        if let Some(r) = other_row {
            found.figures.retain(|f| !(f.id.starts_with("apply.other.") && f.row == r));
            found.votes_2019 = found.votes_2019.saturating_sub(1);
        }
    }
}

/// A note under a table (注：…, 填报说明：…) is prose, whatever words it uses.
fn is_note(label: &str) -> bool {
    ["注", "说明", "填报说明", "备注", "(注"].iter().any(|k| label.starts_with(k))
}

fn next_is_unlabelled_values(rows: &[Row], row: &Row, cols: &[(&str, u32)], first_col: u32) -> bool {
    let Some(next) = rows.iter().find(|r| r.row > row.row) else { return false };
    let (all, _) = row_label(next, first_col);
    let has = cols.iter().any(|(_, c)| next.get(*c).is_some());
    has && (all.is_empty() || apply_row(&all, &all, None).is_none() && apply_section(&all).is_none())
}

// ---------------------------------------------------------------------------------------------
// 表四

fn review_col(norm: &str) -> Option<&'static str> {
    match strip_numbering(norm) {
        "结果维持" | "维持" => Some("upheld"),
        "结果纠正" | "纠正" => Some("corrected"),
        "其他结果" | "其他" => Some("other"),
        "尚未审结" | "未审结" => Some("pending"),
        "总计" | "合计" | "小计" => Some("total"),
        _ => None,
    }
}

fn review_group(norm: &str) -> Option<&'static str> {
    if norm.contains("直接起诉") {
        Some("litigation_direct")
    } else if norm.contains("复议后起诉") {
        Some("litigation_after")
    } else if norm.contains("行政复议") || norm == "复议" {
        Some("reconsideration")
    } else {
        None
    }
}

fn read_review(sheet: &Sheet, rows: &[Row], found: &mut Found) {
    // Column labels, each with the group found above it (the nearest text at or left of its column).
    let mut labels: Vec<(String, u32, u32)> = Vec::new(); // (id, row, col)
    for (i, row) in rows.iter().enumerate() {
        if row.has_number() {
            break;
        }
        for c in &row.cells {
            let Some(col) = review_col(&c.norm) else { continue };
            let group = rows[..i].iter().rev().find_map(|up| {
                up.cells.iter().rev().filter(|u| u.col <= c.col && review_col(&u.norm).is_none()).find_map(|u| {
                    if u.norm.is_empty() {
                        None
                    } else {
                        Some(review_group(&u.norm))
                    }
                })
            });
            if let Some(Some(g)) = group {
                labels.push((forms::figure_id("review", g, col), row.row, c.col));
            }
        }
    }
    if labels.is_empty() {
        return;
    }
    found.saw(Table::Review);
    let header_end = labels.iter().map(|l| l.1).max().unwrap_or(0);
    let value_row = rows
        .iter()
        .find(|r| r.row > header_end && labels.iter().any(|(_, _, c)| r.get(*c).is_some()))
        .map(|r| r.row)
        .unwrap_or(header_end + 1);
    for (id, _, col) in labels {
        found.add(sheet, id, value_row, col);
    }
}

// ---------------------------------------------------------------------------------------------
// 表二

fn active_col(s: Hay) -> Option<&'static str> {
    if s.has("采购项目") {
        Some("items")
    } else if s.has("金额") {
        Some("amount")
    } else if s.has("上一年项目") || s.has("上年项目") {
        Some("prev_items")
    } else if s.has_any(&["增/减", "增减", "增加/减少", "增(减)"]) {
        Some("change")
    } else if s.has("处理决定") {
        Some("decisions")
    } else if s.has("新制作") {
        Some("made")
    } else if s.has("新公开") {
        Some("published")
    } else if s.has("对外公开总数") {
        Some("total_public")
    } else if s.has_any(&["制发", "制作件数", "制作数"]) {
        Some("issued")
    } else if s.has("废止") {
        Some("repealed")
    } else if s.has("现行有效") {
        Some("valid")
    } else {
        None
    }
}

fn active_entity(label: &str) -> Option<&'static str> {
    let label = Hay::new(label);
    if label.has("规范性文件") {
        Some("normative")
    } else if label.has("规章") {
        Some("rules")
    } else if label.has("行政许可") {
        Some("license")
    } else if label.has("对外管理服务") {
        Some("other_services")
    } else if label.has("行政处罚") {
        Some("penalty")
    } else if label.has("行政强制") {
        Some("coercion")
    } else if label.has("收费") {
        Some("fees")
    } else if label.has("采购") {
        Some("procurement")
    } else {
        None
    }
}

fn read_active(sheet: &Sheet, rows: &[Row], found: &mut Found) {
    let mut header: Vec<(&'static str, u32)> = Vec::new();
    for row in rows {
        let cols: Vec<(&'static str, u32)> =
            row.cells.iter().filter_map(|c| active_col(c.hay()).map(|k| (k, c.col))).collect();
        if !row.has_number() && !cols.is_empty() && active_entity_row(row, &cols).is_none() {
            header = cols;
            for (k, _) in &header {
                match *k {
                    "issued" | "repealed" | "valid" => found.votes_2021 += 1,
                    "made" | "published" | "total_public" | "prev_items" | "change" | "items" => found.votes_2019 += 1,
                    _ => {}
                }
            }
            continue;
        }
        if header.is_empty() {
            continue;
        }
        let Some(entity) = active_entity_row(row, &header) else { continue };
        found.saw(Table::Active);
        let mut seen = Vec::new();
        for (k, col) in &header {
            if seen.contains(k) {
                continue; // a merged header repeated across columns: the leftmost holds the value
            }
            seen.push(k);
            // A column this entity's row does not have (no form's id) is passed over by `add`.
            found.add(sheet, forms::figure_id("active", entity, k), row.row, *col);
        }
    }
}

fn active_entity_row(row: &Row, header: &[(&'static str, u32)]) -> Option<&'static str> {
    let first = header.iter().map(|(_, c)| *c).min().unwrap_or(u32::MAX);
    let (all, _) = row_label(row, first);
    if all.contains("信息内容") {
        return None;
    }
    active_entity(&all)
}

// ---------------------------------------------------------------------------------------------
// 统计表
//
// The 统计表 is read in two steps. Here its rows are collected with what they say about
// themselves (label, section number, the current year's value); which indicator each row is
// depends on the year's indicator table (the national one or the office's own), so the rows are
// placed once the year is known (`place_stats`).

/// A row of a 统计表 as found: its label, the section number it carries (一、 in the label or in a
/// 序号 column), and the current year's value.
#[derive(Debug, Clone)]
pub struct StatsRow {
    pub label: String,
    pub number: Option<u32>,
    pub has_value: bool,
    pub has_unit: bool,
    pub located: Located,
}

/// Headers of the current year's value column.
const VALUE_HEADERS: &[&str] =
    &["统计数", "数量", "统计数据", "数值", "本年", "本年度", "本年数", "本年度数", "本期数", "本年度数量"];
/// Headers of columns beside it that are not this year's figure: kept apart, never read as it.
const OTHER_VALUE_HEADERS: &[&str] = &["历年累计", "累计", "累计数", "上年", "上年数", "上年度", "上年同期", "去年"];

/// Without a 统计数 header, the value is the rightmost cell that reads as a number (or a written nothing).
fn rightmost_value_col(row: &Row) -> Option<u32> {
    row.cells
        .iter()
        .rev()
        .find(|c| match &c.val {
            Val::Text(_) => !is_unit(&c.norm) && parse_number(&c.norm) != CellNumber::Unreadable,
            _ => true,
        })
        .map(|c| c.col)
}

fn is_unit(norm: &str) -> bool {
    matches!(norm, "条" | "件" | "次" | "篇" | "个" | "人" | "万元" | "人次" | "元" | "项" | "家" | "期" | "场")
}

/// A 序号 cell that numbers a section ("一", "三、"); "（一）" and 1, 2 … number rows within one.
fn section_number(norm: &str) -> Option<u32> {
    let n = norm.trim_end_matches('.');
    if !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c)) {
        return leading_section(&format!("{n}."));
    }
    None
}

fn read_stats(sheet: &Sheet, rows: &[Row], found: &mut Found) {
    let mut value_col: Option<u32> = None;
    let mut unit_col: Option<u32> = None;
    let mut seq_col: Option<u32> = None;
    let mut other_cols: Vec<u32> = Vec::new();
    let mut start = 0;
    for (i, row) in rows.iter().enumerate().take(8) {
        for c in &row.cells {
            let h = c.norm.trim_end_matches(|ch: char| ch == ')' || ch == '(' || ch.is_ascii_digit() || ch == '年');
            match c.norm.as_str() {
                n if VALUE_HEADERS.contains(&n) => value_col = Some(c.col),
                n if OTHER_VALUE_HEADERS.contains(&n) || OTHER_VALUE_HEADERS.iter().any(|o| n.starts_with(o)) => {
                    other_cols.push(c.col)
                }
                "单位" | "计量单位" => unit_col = Some(c.col),
                "序号" | "编号" => seq_col = Some(c.col),
                _ if h.ends_with("本年度") || h.ends_with("本年") => value_col = Some(c.col),
                _ => {}
            }
        }
        if value_col.is_some() {
            start = i + 1;
            break;
        }
    }
    let mut any = false;
    for row in &rows[start..] {
        let label_end = match (unit_col, value_col) {
            (Some(u), Some(v)) if u < v => u,
            (_, Some(v)) => v,
            _ => rightmost_value_col(row).unwrap_or(u32::MAX),
        };
        let label_end = other_cols.iter().copied().filter(|c| *c < label_end).min().unwrap_or(label_end);
        let label: String = row
            .cells
            .iter()
            .filter(|c| c.col < label_end && Some(c.col) != seq_col && !is_unit(&c.norm))
            .map(|c| c.norm.as_str())
            .collect();
        if label.is_empty() || is_note(&label) {
            continue;
        }
        let seq = seq_col.and_then(|c| row.get(c)).and_then(|c| section_number(&c.norm));
        let number = leading_section(&label).or(seq);
        let vcol = value_col.unwrap_or(label_end);
        let value = row.get(vcol);
        let has_value = value.is_some_and(|c| !matches!(&c.val, Val::Text(_)) || !c.norm.is_empty());
        let has_unit = row.cells.iter().any(|c| is_unit(&c.norm)) || unit_col.and_then(|u| row.get(u)).is_some();
        let (number_read, raw) = read_value(sheet, value);
        any |= has_value;
        found.stats_rows.push(StatsRow {
            label,
            number,
            has_value,
            has_unit,
            located: Located {
                id: String::new(),
                number: number_read,
                raw,
                sheet: sheet.name.clone(),
                row: row.row,
                col: vcol,
            },
        });
    }
    if any {
        found.saw(Table::Stats);
    }
}

/// The 统计表 rows placed on the year's indicator table: sections from their numbers, from
/// unnumbered heading rows' words, or from the order of the rows (an indicator already filled in
/// this section belongs to the next section that has it: 市/县/乡镇 under 网站, 查阅点, 接待人数).
/// Rows the table lacks but the national table has keep the national id (`not_in_table`); rows
/// that are no indicator at all, with a value, are returned as unplaced.
pub fn place_stats(
    rows: &[StatsRow],
    table: &IndicatorTable,
    national: &IndicatorTable,
) -> (Vec<Located>, Vec<String>, Vec<UnplacedRow>) {
    let mut placed: Vec<Located> = Vec::new();
    let mut not_in_table = Vec::new();
    let mut unplaced = Vec::new();
    let mut taken = std::collections::HashSet::new();
    let mut section = 0u32;
    let mut national_section = 0u32;
    for r in rows {
        let heading = table.section_of_heading(r.number, &r.label);
        let national_heading =
            if std::ptr::eq(table, national) { heading } else { national.section_of_heading(r.number, &r.label) };
        if let Some(s) = national_heading {
            national_section = s;
        }
        let mut found: Option<&Indicator>;
        if let Some(s) = heading {
            section = s;
            found = table.match_row(&r.label, s, true).filter(|i| !taken.contains(&i.id));
            if found.is_none() && !r.has_value {
                continue; // A heading without a value of its own.
            }
        } else {
            found = table.match_row(&r.label, section, false).filter(|i| !taken.contains(&i.id));
            if found.is_none() {
                for s in table.sections_matching(&r.label, section) {
                    if let Some(i) = table.match_row(&r.label, s, false).filter(|i| !taken.contains(&i.id)) {
                        section = s;
                        found = Some(i);
                        break;
                    }
                }
            }
        }
        if let Some(i) = found {
            if r.has_value || r.has_unit {
                taken.insert(i.id.clone());
                placed.push(Located { id: i.id.clone(), ..r.located.clone() });
            }
            continue;
        }
        // Not in the year's table: an indicator of the national table is kept under its id.
        if !std::ptr::eq(table, national) && r.has_value {
            let n = match national_heading {
                Some(s) => national.match_row(&r.label, s, true),
                None => national.match_row(&r.label, national_section, false).or_else(|| {
                    national
                        .sections_matching(&r.label, national_section)
                        .first()
                        .and_then(|s| national.match_row(&r.label, *s, false))
                }),
            };
            if let Some(i) = n.filter(|i| !taken.contains(&i.id) && table.get(&i.id).is_none()) {
                taken.insert(i.id.clone());
                not_in_table.push(i.id.clone());
                placed.push(Located { id: i.id.clone(), ..r.located.clone() });
                continue;
            }
        }
        if r.has_value {
            unplaced.push(UnplacedRow {
                sheet: r.located.sheet.clone(),
                cell: crate::text::cell_ref(r.located.row, r.located.col),
                label: r.label.clone(),
                raw: r.located.raw.clone(),
            });
        }
    }
    (placed, not_in_table, unplaced)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::norm;

    #[test]
    fn apply_rows_by_meaning() {
        let r = |s: &str, sec| apply_row(&norm(s), &norm(s), sec);
        assert_eq!(r("1、属于国家秘密", Some(ApplySection::Deny)), Some("deny_secret"));
        assert_eq!(r("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None), Some("partial"));
        assert_eq!(r("3、其他", Some(ApplySection::Other)), Some("other_other"));
        assert_eq!(r("（六）其他处理", None), Some("other"));
        assert_eq!(r("1. 本单位不掌握相关政府信息", None), Some("none_not_held"));
        assert_eq!(r("四、结转下年度继续办理", None), Some("carry_forward"));
        assert_eq!(r("2．", Some(ApplySection::Reject)), Some("reject_repeat"));
    }

    #[test]
    fn section_numbers_in_a_sequence_column() {
        assert_eq!(section_number("三"), Some(3));
        assert_eq!(section_number("七."), Some(7));
        assert_eq!(section_number("(一)"), None);
        assert_eq!(section_number("3"), None);
    }
}
