//! The summary workbook of a year: one row per agency with its key figures and the county's total,
//! every finding, every correction by hand, and the progress of returns and sections. Frozen
//! headers, filters, widths that fit Chinese text. Agency names and messages are written as text,
//! never as formulas.

use super::{write_atomic, ExportError};
use crate::forms::Format;
use crate::model::Return;
use crate::report::AgencyReport;

use crate::store::{AgencyStatus, Correction, Store};
use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, FormatAlign, FormatBorder, Formula, Workbook, Worksheet};
use std::path::Path;

/// The key figures of the summary: (column heading, ids in gov2021, ids in gov2019), summed.
const KEY: &[(&str, &[&str], &[&str])] = &[
    ("规章制发\n（新制作）", &["active.rules.issued"], &["active.rules.made"]),
    ("规范性文件制发\n（新制作）", &["active.normative.issued"], &["active.normative.made"]),
    ("行政许可决定", &["active.license.decisions"], &["active.license.decisions"]),
    ("行政处罚决定", &["active.penalty.decisions"], &["active.penalty.decisions"]),
    ("行政强制决定", &["active.coercion.decisions"], &["active.coercion.decisions"]),
    ("收费金额\n（万元）", &["active.fees.amount"], &[]),
    ("本年新收申请", &["apply.new.total"], &["apply.new.total"]),
    ("上年结转申请", &["apply.carried.total"], &["apply.carried.total"]),
    ("办理完结", &["apply.total.total"], &["apply.total.total"]),
    ("结转下年度", &["apply.carry_forward.total"], &["apply.carry_forward.total"]),
    ("行政复议", &["review.reconsideration.total"], &["review.reconsideration.total"]),
    (
        "行政诉讼",
        &["review.litigation_direct.total", "review.litigation_after.total"],
        &["review.litigation_direct.total", "review.litigation_after.total"],
    ),
];

/// The ids a key figure sums in the return's format.
fn key_ids<'k>(ret: &Return, k: &(&str, &'k [&'k str], &'k [&'k str])) -> &'k [&'k str] {
    if ret.format == Format::Gov2021 {
        k.1
    } else {
        k.2
    }
}

fn key_value(ret: &Return, k: &(&str, &[&str], &[&str])) -> Option<f64> {
    let ids = key_ids(ret, k);
    if ids.is_empty() {
        return None;
    }
    let mut s = 0.0;
    for id in ids {
        s += ret.value(id)?;
    }
    Some(s)
}

/// A key figure that holds a correction by hand says so in a note on its cell (Excel's red
/// corner): from what to what, the full list on the 更正 sheet.
fn corrected_note(
    ret: &Return,
    k: &(&str, &[&str], &[&str]),
    corrected: &[(&Correction, &Correction)],
) -> Option<rust_xlsxwriter::Note> {
    let lines: Vec<String> = key_ids(ret, k)
        .iter()
        .filter_map(|id| {
            let (first, last) = corrected.iter().find(|(first, _)| first.figure == *id)?;
            let new = last.new_value.map(crate::text::fmt_num).unwrap_or_default();
            Some(format!("{}：由“{}”更正为 {new}", crate::forms::describe_any(id), first.old_raw))
        })
        .collect();
    if lines.is_empty() {
        return None;
    }
    let text = format!("含办公室的手工更正（详见“更正”表）：\n{}", lines.join("\n"));
    Some(
        rust_xlsxwriter::Note::new(&text)
            .set_author("办公室")
            .set_font_name("宋体")
            .set_font_size(10)
            .set_width(360)
            .set_height(120),
    )
}

/// The money column (万元): shown with two decimals, every other key figure as a whole number.
fn is_money(k: &(&str, &[&str], &[&str])) -> bool {
    k.1.iter().chain(k.2.iter()).any(|id| crate::forms::MONEY.contains(id))
}

/// How many of a finding's cells a row names; the rest are counted, so a column-sum finding over
/// thirty cells prints in a row of a page, not ~700 characters under the footer.
const NAMED_CELLS: usize = 4;

/// A finding's figures in the form's words ("表三“（一）予以公开”行“自然人”列"), not their ids.
fn figure_words(ids: &[String]) -> String {
    let words = ids.iter().map(|id| crate::forms::describe_any(id));
    first_few(words, ids.len(), "项")
}

/// A list of cell addresses, the first few and how many more.
fn refs_words(refs: &[String]) -> String {
    first_few(refs.iter().cloned(), refs.len(), "个单元格")
}

/// The first [`NAMED_CELLS`] of `all` items joined, and "等 N unit" when there are more.
fn first_few(items: impl Iterator<Item = String>, all: usize, unit: &str) -> String {
    let named = items.take(NAMED_CELLS).collect::<Vec<_>>().join("、");
    if all > NAMED_CELLS {
        format!("{named}等 {all} {unit}")
    } else {
        named
    }
}

/// Display width of text in Excel's character units: its longest line, with the cell's margin.
fn width(s: &str) -> f64 {
    s.lines().map(super::sheet::text_width).fold(0.0, f64::max) + 2.0
}

struct Sheet<'a> {
    ws: &'a mut Worksheet,
    widths: Vec<f64>,
    /// The county and the sheet's title, printed in the page header of every page.
    county: String,
    title: String,
}

impl<'a> Sheet<'a> {
    /// A new sheet of the workbook named `name`, its printed title `title`, and its header row.
    fn start(
        wb: &'a mut Workbook,
        name: &str,
        title: String,
        headers: &[&str],
        f: &Formats,
    ) -> Result<Sheet<'a>, ExportError> {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        let mut s = Sheet { ws, widths: vec![], county: f.county.clone(), title };
        for (c, h) in headers.iter().enumerate() {
            s.text(0, c as u16, h, &f.head)?;
        }
        Ok(s)
    }

    fn text(&mut self, r: u32, c: u16, s: &str, f: &XFormat) -> Result<(), ExportError> {
        super::sheet::write_text(self.ws, r, c, s, f)?;
        self.fit(c, s);
        Ok(())
    }
    fn fit(&mut self, c: u16, s: &str) {
        let w = width(s).min(60.0);
        if self.widths.len() <= c as usize {
            self.widths.resize(c as usize + 1, 6.0);
        }
        self.widths[c as usize] = self.widths[c as usize].max(w);
    }
    /// The county's total of a column in row `r`: a SUM over the rows above, its result saved.
    fn column_total(&mut self, r: u32, c: u16, total: f64, money: bool, f: &Formats) -> Result<(), ExportError> {
        let col = crate::text::col_letters(c as u32);
        let formula = Formula::new(format!("=SUM({col}2:{col}{r})")).set_result(crate::text::fmt_num(total));
        self.ws.write_formula_with_format(r, c, formula, if money { &f.total_money } else { &f.total_num })?;
        Ok(())
    }
    /// Widths, filters and print setup; `name_cols` columns (up to the agency's name) stay in view.
    /// A sheet too wide for one page at a legible size runs on over pages, the names repeated.
    fn finish(&mut self, header_cols: u16, rows: u32, name_cols: u16) -> Result<(), ExportError> {
        for (c, w) in self.widths.iter().enumerate() {
            self.ws.set_column_width(c as u16, *w)?;
        }
        // A4 landscape holds about 140 units of columns at 10 pt; shrunk further, 9 pt is lost.
        let wide = self.widths.iter().sum::<f64>() > 180.0;
        let print = super::sheet::Print {
            landscape: true,
            header_rows: 1,
            name_cols,
            county: &self.county,
            title: &self.title,
            wide,
        };
        super::sheet::print_setup(self.ws, &print)?;
        if rows > 0 {
            self.ws.autofilter(0, 0, rows, header_cols - 1)?;
        }
        Ok(())
    }
}

/// The cell formats every sheet of the summary shares, and the county and year its headers name.
struct Formats {
    county: String,
    year: i32,
    head: XFormat,
    text: XFormat,
    wrap: XFormat,
    /// Whole numbers (counts) and sums of money (万元, two decimals): never "12." for a count.
    num: XFormat,
    money: XFormat,
    date: XFormat,
    total_text: XFormat,
    total_num: XFormat,
    total_money: XFormat,
}

impl Formats {
    fn new(county: String, year: i32) -> Formats {
        let font = "宋体";
        let head = XFormat::new()
            .set_font_name(font)
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_border(FormatBorder::Thin)
            .set_background_color("#DDEBF7");
        // Top-aligned: a row made tall by one wrapped cell reads from the top in every cell.
        let text = XFormat::new().set_font_name(font).set_border(FormatBorder::Thin).set_align(FormatAlign::Top);
        let num = XFormat::new()
            .set_font_name(font)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top)
            .set_num_format("0");
        let money = num.clone().set_num_format("0.00");
        Formats {
            county,
            year,
            wrap: text.clone().set_text_wrap(),
            date: text.clone().set_num_format("yyyy-mm-dd hh:mm"),
            total_text: text.clone().set_bold().set_background_color("#F2F2F2"),
            total_num: num.clone().set_bold().set_background_color("#F2F2F2"),
            total_money: money.clone().set_bold().set_background_color("#F2F2F2"),
            money,
            head,
            text,
            num,
        }
    }
}

pub fn summary_workbook(store: &Store, year: i32) -> Result<Vec<u8>, ExportError> {
    let mut wb = super::sheet::workbook()?;
    let info = store.county_info()?;
    let f = Formats::new(if info.is_set() { info.name } else { String::new() }, year);
    let status = store.status(year)?;
    let reports = crate::report::all_reports(store, year)?;
    totals_sheet(&mut wb, store, &status, &f)?;
    findings_sheet(&mut wb, store, year, &status, &f)?;
    corrections_sheet(&mut wb, store, &status, &f)?;
    let standing = crate::report::standing::standing(store, year, None)?;
    progress_sheet(&mut wb, &standing, &reports, &f)?;
    stats_sheet(&mut wb, store, year, &status, &f)?;
    Ok(wb.save_to_buffer()?)
}

/// 汇总: one row per agency with its key figures, and the county's total as formulas.
/// The 汇总 sheet's agency column: about eleven characters a line.
const NAME_COLUMN: f64 = 24.0;

fn totals_sheet(wb: &mut Workbook, store: &Store, status: &[AgencyStatus], f: &Formats) -> Result<(), ExportError> {
    let fixed = ["序号", "单位", "类别", "报表", "格式"];
    let mut s = Sheet::start(wb, "汇总", format!("{}年各单位主要数据汇总", f.year), &fixed, f)?;
    for (k, key) in KEY.iter().enumerate() {
        // Headers broken where they read ("规范性文件制发／（新制作）"), never a lone "）".
        s.text(0, (fixed.len() + k) as u16, key.0, &f.head)?;
    }
    let findings_col = (fixed.len() + KEY.len()) as u16;
    s.text(0, findings_col, "问题数", &f.head)?;
    s.ws.set_row_height(0, 36)?;
    let mut r = 1u32;
    let mut totals = vec![0.0; KEY.len()];
    for st in status {
        s.ws.write_number_with_format(r, 0, r as f64, &f.text)?;
        s.text(r, 1, &st.agency.name, &f.wrap)?;
        super::sheet::fit_row(s.ws, r, &[(&st.agency.name, NAME_COLUMN)])?;
        s.text(r, 2, st.agency.kind.label(), &f.text)?;
        s.text(r, 3, if st.return_id.is_some() { "已报送" } else { "未报送" }, &f.text)?;
        s.text(r, 4, st.format.map(|x| x.label()).unwrap_or(""), &f.text)?;
        if let Some(id) = st.return_id {
            let ret = store.db().load_return(id)?;
            let corrections = store.db().corrections(id)?;
            let corrected = crate::store::corrections_by_figure(&corrections);
            for (k, key) in KEY.iter().enumerate() {
                let fmt = if is_money(key) { &f.money } else { &f.num };
                match key_value(&ret, key) {
                    Some(v) => {
                        totals[k] += v;
                        let c = (fixed.len() + k) as u16;
                        s.ws.write_number_with_format(r, c, super::finite(v)?, fmt)?;
                        if let Some(note) = corrected_note(&ret, key, &corrected) {
                            s.ws.insert_note(r, c, &note)?;
                        }
                    }
                    None => {
                        s.ws.write_blank(r, (fixed.len() + k) as u16, fmt)?;
                    }
                }
            }
            s.ws.write_number_with_format(r, findings_col, st.findings as f64, &f.num)?;
        } else {
            for c in fixed.len() as u16..=findings_col {
                s.ws.write_blank(r, c, &f.num)?;
            }
        }
        r += 1;
    }
    let sent = status.iter().filter(|x| x.return_id.is_some()).count();
    let label = if sent == status.len() {
        "全县合计".to_string()
    } else {
        format!("全县合计（{sent} 个单位报送，共 {} 个单位）", status.len())
    };
    s.text(r, 1, &label, &f.total_text.clone().set_text_wrap())?;
    super::sheet::fit_row(s.ws, r, &[(&label, NAME_COLUMN)])?;
    // A long agency name wraps in its column rather than leave one data column a page.
    s.widths[1] = s.widths[1].min(NAME_COLUMN);
    for c in [0u16, 2, 3, 4] {
        s.ws.write_blank(r, c, &f.total_text)?;
    }
    for (k, total) in totals.iter().enumerate() {
        s.column_total(r, (fixed.len() + k) as u16, *total, is_money(&KEY[k]), f)?;
    }
    let all: usize = status.iter().map(|x| x.findings).sum();
    s.column_total(r, findings_col, all as f64, false, f)?;
    s.finish(findings_col + 1, r - 1, 2)
}

/// 问题: every open finding of every agency — its return's and its report document's.
fn findings_sheet(
    wb: &mut Workbook,
    store: &Store,
    year: i32,
    status: &[AgencyStatus],
    f: &Formats,
) -> Result<(), ExportError> {
    let headers = ["单位", "规则", "数据项", "单元格", "说明"];
    let mut s = Sheet::start(wb, "问题", format!("{year}年各单位报表与报告的问题"), &headers, f)?;
    let mut r = 1u32;
    for st in status {
        for x in store.open_findings(st.agency.id, year)? {
            let (words, refs) = (figure_words(&x.cells), refs_words(&x.refs));
            super::sheet::write_text(s.ws, r, 0, &st.agency.name, &f.wrap)?;
            super::sheet::write_text(s.ws, r, 1, x.rule.label(), &f.wrap)?;
            super::sheet::write_text(s.ws, r, 2, &words, &f.wrap)?;
            super::sheet::write_text(s.ws, r, 3, &refs, &f.wrap)?;
            super::sheet::write_text(s.ws, r, 4, &x.message, &f.wrap)?;
            // Printed whole: the row as tall as its longest wrapped cell.
            let cells = [(st.agency.name.as_str(), FINDING_COLUMNS[0]), (&words, FINDING_COLUMNS[2])];
            super::sheet::fit_row(
                s.ws,
                r,
                &[cells[0], cells[1], (&refs, FINDING_COLUMNS[3]), (&x.message, FINDING_COLUMNS[4])],
            )?;
            r += 1;
        }
    }
    // One page wide at full size: the columns' widths fixed, long text wrapped in them.
    s.widths = FINDING_COLUMNS.to_vec();
    s.finish(5, r - 1, 1)?;
    Ok(())
}

/// The 更正 sheet's columns (单位, 数据项, 单元格, 更正前, 更正为, 说明, 更正人, 更正时间): one A4
/// landscape page wide, as the 问题 sheet.
const CORRECTION_COLUMNS: [f64; 8] = [20.0, 31.0, 13.0, 9.0, 9.0, 24.0, 8.0, 19.0];

/// 更正: every correction by hand in the versions that count, oldest first, each with the cell it
/// changed and the value before it: the county's totals hold the corrected values, and whoever
/// reads them sees which are the office's and not the agencies' own.
fn corrections_sheet(
    wb: &mut Workbook,
    store: &Store,
    status: &[AgencyStatus],
    f: &Formats,
) -> Result<(), ExportError> {
    let headers = ["单位", "数据项", "单元格", "更正前", "更正为", "说明", "更正人", "更正时间"];
    let mut s = Sheet::start(wb, "更正", format!("{}年数据的手工更正", f.year), &headers, f)?;
    let mut r = 1u32;
    for (st, id) in status.iter().filter_map(|st| st.return_id.map(|id| (st, id))) {
        let corrections = store.db().corrections(id)?;
        if corrections.is_empty() {
            continue;
        }
        let ret = store.db().load_return(id)?;
        for c in corrections {
            let words = crate::forms::describe_any(&c.figure);
            let cell = ret.figure(&c.figure).map(|x| format!("{}!{}", x.sheet, x.cell));
            let cell = cell.unwrap_or_default();
            let new = c.new_value.map(crate::text::fmt_num).unwrap_or_default();
            for (col, text) in
                [&st.agency.name, &words, &cell, &c.old_raw, &new, &c.note, &c.who, &c.at].into_iter().enumerate()
            {
                super::sheet::write_text(s.ws, r, col as u16, text, &f.wrap)?;
            }
            let wrapped = [(st.agency.name.as_str(), 0), (words.as_str(), 1), (c.note.as_str(), 5)];
            let cells: Vec<(&str, f64)> = wrapped.iter().map(|(t, col)| (*t, CORRECTION_COLUMNS[*col])).collect();
            super::sheet::fit_row(s.ws, r, &cells)?;
            r += 1;
        }
    }
    if r == 1 {
        super::sheet::write_text(s.ws, 1, 0, "本年度没有手工更正：汇总数均为各单位文件所填。", &f.text)?;
    }
    s.widths = CORRECTION_COLUMNS.to_vec();
    s.finish(8, r.max(2) - 1, 1)?;
    Ok(())
}

/// The 问题 sheet's columns (单位, 规则, 数据项, 单元格, 说明): 132 units of 宋体's digit, one A4
/// landscape page wide at 95% (10.4 pt).
const FINDING_COLUMNS: [f64; 5] = [20.0, 11.0, 27.0, 17.0, 57.0];

/// The 进度 sheet's widest columns (单位, 类别, 报表, 文件, 导入时间, 问题数, 已完成章节, 待完成章节, 审核与公开).
const PROGRESS_COLUMNS: [f64; 9] = [20.0, 8.0, 7.0, 20.0, 17.0, 6.0, 9.0, 26.0, 24.0];

/// 进度: who has sent what and which sections are still to write.
fn progress_sheet(
    wb: &mut Workbook,
    standing: &crate::report::standing::YearStanding,
    reports: &[AgencyReport],
    f: &Formats,
) -> Result<(), ExportError> {
    let headers = ["单位", "类别", "报表", "文件", "导入时间", "问题数", "已完成章节", "待完成章节", "审核与公开"];
    let mut s = Sheet::start(wb, "进度", format!("{}年报送与撰写进度", f.year), &headers, f)?;
    let mut r = 1u32;
    // Each agency with its own report (matched by name: the standing and the reports list the
    // same agencies, and a pairing by position could shift).
    for (one, rep) in standing
        .agencies
        .iter()
        .filter_map(|a| reports.iter().find(|rep| rep.agency == a.status.agency.name).map(|rep| (a, rep)))
    {
        let st = &one.status;
        s.text(r, 0, &st.agency.name, &f.wrap)?;
        s.text(r, 1, st.agency.kind.label(), &f.text)?;
        s.text(r, 2, if st.return_id.is_some() { "已报送" } else { "未报送" }, &f.text)?;
        s.text(r, 3, st.file_name.as_deref().unwrap_or(""), &f.wrap)?;
        match st.imported_at.as_deref().and_then(|t| ExcelDateTime::parse_from_str(t).ok()) {
            Some(when) => {
                s.ws.write_datetime_with_format(r, 4, &when, &f.date)?;
                s.fit(4, "2021-01-01 00:00");
            }
            None => s.text(r, 4, st.imported_at.as_deref().unwrap_or(""), &f.text)?,
        }
        s.ws.write_number_with_format(r, 5, st.findings as f64, &f.num)?;
        let done = rep.sections.iter().filter(|x| x.complete).count();
        s.text(r, 6, &format!("{done}/{}", rep.sections.len()), &f.text)?;
        // Grouped by state ("待撰写：一、一（一）、五；四 有 1 个问题"), not the state said per part.
        let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
        for x in rep.to_write() {
            match groups.iter_mut().find(|(label, _)| *label == x.state_label) {
                Some((_, keys)) => keys.push(x.key),
                None => groups.push((x.state_label.clone(), vec![x.key])),
            }
        }
        let todo =
            groups.iter().map(|(label, keys)| format!("{label}：{}", keys.join("、"))).collect::<Vec<_>>().join("；");
        s.text(r, 7, &todo, &f.wrap)?;
        let words = match one.overdue_words() {
            Some(o) => format!("{}，{o}", one.state_words()),
            None => one.state_words(),
        };
        s.text(r, 8, &words, &f.wrap)?;
        let file = st.file_name.as_deref().unwrap_or("");
        let wrapped = [(st.agency.name.as_str(), 0), (file, 3), (todo.as_str(), 7), (words.as_str(), 8)];
        let cells: Vec<(&str, f64)> = wrapped.iter().map(|(t, c)| (*t, PROGRESS_COLUMNS[*c])).collect();
        super::sheet::fit_row(s.ws, r, &cells)?;
        r += 1;
    }
    // Each column as wide as its content up to its share of one page: fitted to one page wide,
    // the sheet prints at ≥ 85% (≥ 9 pt), not eight columns squeezed to 5.5 pt.
    s.widths = s.widths.iter().zip(PROGRESS_COLUMNS).map(|(w, cap)| w.min(cap)).collect();
    s.widths.resize(PROGRESS_COLUMNS.len(), 8.0);
    s.finish(9, r - 1, 1)?;
    Ok(())
}

/// 统计表: one row per agency that filed it, one column per indicator of the year's indicator
/// table (the office's own included), and the county's total as formulas.
fn stats_sheet(
    wb: &mut Workbook,
    store: &Store,
    year: i32,
    status: &[AgencyStatus],
    f: &Formats,
) -> Result<(), ExportError> {
    let filed: Vec<&AgencyStatus> = status.iter().filter(|s| s.tables.contains(&crate::forms::Table::Stats)).collect();
    if filed.is_empty() {
        return Ok(());
    }
    let (table, _) = store.indicator_table(year)?;
    let mut s = Sheet::start(wb, "统计表", format!("{year}年政府信息公开情况统计表汇总"), &["单位"], f)?;
    for (k, ind) in table.indicators.iter().enumerate() {
        let c = k as u16 + 1;
        s.text(0, c, &format!("{}（{}）", ind.label, ind.unit), &f.head)?;
        s.widths[c as usize] = 12.0;
    }
    s.ws.set_row_height(0, 60)?;
    let mut r = 1u32;
    let mut totals = vec![0.0; table.indicators.len()];
    for st in &filed {
        let Some(id) = st.return_id else { continue };
        let ret = store.db().load_return(id)?;
        s.text(r, 0, &st.agency.name, &f.text)?;
        for (k, ind) in table.indicators.iter().enumerate() {
            let fmt = if ind.decimals { &f.money } else { &f.num };
            match ret.value(&ind.id) {
                Some(v) => {
                    totals[k] += v;
                    s.ws.write_number_with_format(r, k as u16 + 1, super::finite(v)?, fmt)?;
                }
                None => {
                    s.ws.write_blank(r, k as u16 + 1, fmt)?;
                }
            }
        }
        r += 1;
    }
    // The 统计表 is filed by some agencies only: the total says of how many.
    let expected = status.iter().filter(|s| s.expected).count();
    s.text(r, 0, &format!("全县合计（{} 个单位报送统计表，共 {expected} 个单位）", filed.len()), &f.total_text)?;
    for (k, ind) in table.indicators.iter().enumerate() {
        s.column_total(r, k as u16 + 1, totals[k], ind.decimals, f)?;
    }
    s.finish(table.indicators.len() as u16 + 1, r - 1, 1)
}

pub fn export_summary(store: &Store, year: i32, path: &Path) -> Result<(), ExportError> {
    write_atomic(path, &summary_workbook(store, year)?)
}
