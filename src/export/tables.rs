//! The standard tables (表二 三 四, and the 统计表 where filed) of an agency or the county in the
//! official layout, and the return template the office sends out: the same tables, labels locked,
//! inputs unlocked and validated, totals as formulas.

use super::sheet::{self, CellOut, Styles};
use super::{write_atomic, ExportError};
use crate::forms::indicators::IndicatorTable;
use crate::forms::{self, layout, Format, Table};
use crate::model::Return;
use crate::report::Compilation;
use rust_xlsxwriter::{DataValidation, DataValidationRule, Format as XFormat, FormatAlign, Workbook, Worksheet};
use std::path::Path;

/// A4 (landscape for the wide 表三 and 表四), one page wide, the title and header rows repeated on every
/// printed page and frozen on screen, the label columns kept in view.
fn page_setup(
    ws: &mut Worksheet,
    t: Table,
    lay: &layout::Layout,
    origin: (u32, u16),
    county: &str,
    title: &str,
) -> Result<(), ExportError> {
    let (header_rows, label_cols) = lay.header_size();
    let print = sheet::Print {
        landscape: matches!(t, Table::Review | Table::Apply),
        header_rows: origin.0 + header_rows,
        name_cols: origin.1 + label_cols as u16,
        county,
        title,
        wide: false,
    };
    sheet::print_setup(ws, &print)?;
    Ok(())
}

/// The standard tables of a return (an agency's, or the county's totals) as a workbook. For the
/// county, `compiled` says what the figures are made of: a note under every table and a sheet
/// listing the agencies included, missing and included with open findings.
pub fn tables_workbook(ret: &Return, compiled: Option<&Compilation>) -> Result<Vec<u8>, ExportError> {
    tables_marked(ret, compiled, &[])
}

/// The tables with each cell a finding names marked: filled, and a note saying what is wrong in
/// the form's words (合计 8，各项之和 9) — the agency's workbook shows where to look.
pub fn tables_marked(
    ret: &Return,
    compiled: Option<&Compilation>,
    findings: &[crate::model::Finding],
) -> Result<Vec<u8>, ExportError> {
    let mut wb = super::sheet::workbook()?;
    let styles = Styles::new("仿宋_GB2312");
    let heading = XFormat::new().set_font_name("黑体").set_font_size(12);
    let note = XFormat::new().set_font_name("仿宋_GB2312").set_font_size(10.5).set_text_wrap();
    let name = compiled.map(|c| c.county.name.clone()).or_else(|| ret.agency.clone()).unwrap_or_default();
    let year = ret.year.map(|y| format!("{y}年")).unwrap_or_default();
    let mut tables = layout::report_tables(ret.has_table(Table::Stats));
    let stats_left_out = compiled.is_some_and(|c| c.stats_left_out());
    tables.retain(|t| *t != Table::Stats || (ret.has_table(Table::Stats) && !stats_left_out));
    for t in tables {
        let ws = wb.add_worksheet();
        ws.set_name(t.sheet_name())?;
        let lay =
            if t == Table::Stats { layout::stats_layout(ret.indicator_table()) } else { layout::layout(t, ret.format) };
        let origin = (3u32, 0u16);
        let title = format!("{name}{year}政府信息公开工作年度报告");
        page_setup(ws, t, &lay, origin, &name, &format!("{title}　{}", t.title()))?;
        let last_col = lay.width as u16 - 1;
        // The report's title, the 填报单位 a city's office reads the county's name from when these
        // tables go up a level, then the table's heading numbered as in the report.
        sheet::merge_text(ws, 0, 0, 0, last_col, &title, &styles.title)?;
        ws.set_row_height(0, 28)?;
        sheet::merge_text(ws, 1, 0, 1, last_col, &format!("填报单位：{name}"), &heading)?;
        ws.merge_range(2, 0, 2, last_col, t.title(), &heading)?;
        let mut fill = |id: &str| match ret.figure(id) {
            Some(f) => match f.value {
                Some(v) => CellOut::Number(v),
                None => CellOut::Text(f.raw.clone()),
            },
            None => CellOut::Blank,
        };
        sheet::draw(ws, &lay, origin, &styles, &|s| s.to_string(), &mut fill, false)?;
        mark_findings(ws, &sheet::positions(&lay, origin), ret, findings)?;
        if let Some(c) = compiled {
            // The note grows with its text: a row a sentence, each as tall as it wraps.
            sheet::note_rows(ws, origin.0 + lay.height + 1, &lay.col_widths, &c.table_note(t), &note)?;
        }
    }
    if let Some(c) = compiled {
        agencies_sheet(&mut wb, c, &styles, &name, &year)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// Each cell of the sheet a finding names: filled, its value written again as it was, and a note
/// with every finding on it.
fn mark_findings(
    ws: &mut Worksheet,
    pos: &std::collections::HashMap<String, (u32, u16)>,
    ret: &Return,
    findings: &[crate::model::Finding],
) -> Result<(), ExportError> {
    let flagged = XFormat::new()
        .set_font_name("仿宋_GB2312")
        .set_border(rust_xlsxwriter::FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("#FCE4D6");
    let mut notes: std::collections::BTreeMap<(u32, u16), Vec<&str>> = std::collections::BTreeMap::new();
    for f in findings {
        for id in &f.cells {
            if let Some(at) = pos.get(id) {
                notes.entry(*at).or_default().push(&f.message);
            }
        }
    }
    for ((r, c), messages) in notes {
        let id = pos.iter().find(|(_, at)| **at == (r, c)).map(|(id, _)| id.as_str()).unwrap_or("");
        match ret.figure(id) {
            Some(fig) => match fig.value {
                Some(v) => {
                    ws.write_number_with_format(r, c, super::finite(v)?, &flagged)?;
                }
                None => sheet::write_text(ws, r, c, &fig.raw, &flagged)?,
            },
            None => {
                ws.write_blank(r, c, &flagged)?;
            }
        }
        let text = crate::text::strip_invisible(&messages.join("\n"));
        let note = rust_xlsxwriter::Note::new(&text).set_author("政务公开办").set_width(360).set_height(160);
        ws.insert_note(r, c, &note)?;
    }
    Ok(())
}

/// 纳入汇总的单位: every agency of the county's figures, one a row, with what it counts for.
fn agencies_sheet(
    wb: &mut Workbook,
    c: &Compilation,
    styles: &Styles,
    county: &str,
    year: &str,
) -> Result<(), ExportError> {
    let ws = wb.add_worksheet();
    ws.set_name("纳入汇总的单位")?;
    let cols = [("序号", 6.0), ("单位", 36.0), ("情况", 16.0), ("统计表", 10.0), ("说明", 40.0)];
    let title = format!("{county}{year}政府信息公开工作年度报告纳入汇总的单位");
    let last = cols.len() as u16 - 1;
    sheet::merge_text(ws, 0, 0, 0, last, &title, &styles.title)?;
    ws.set_row_height(0, 28)?;
    sheet::header_row(ws, 1, &cols, &styles.header)?;
    for (r, (name, state, note)) in (2u32..).zip(c.rows()) {
        ws.write_number_with_format(r, 0, (r - 1) as f64, &styles.number)?;
        sheet::write_text(ws, r, 1, &name, &styles.label)?;
        ws.write_string_with_format(r, 2, state, &styles.label)?;
        let stats = if c.stats_filed.contains(&name) { "已报" } else { "" };
        ws.write_string_with_format(r, 3, stats, &styles.unit)?;
        ws.write_string_with_format(r, 4, &note, &styles.label)?;
    }
    let print = sheet::Print { landscape: true, header_rows: 2, name_cols: 2, county, title: &title, wide: false };
    sheet::print_setup(ws, &print)?;
    Ok(())
}

pub fn export_tables(ret: &Return, compiled: Option<&Compilation>, path: &Path) -> Result<(), ExportError> {
    write_atomic(path, &tables_workbook(ret, compiled)?)
}

/// An agency's tables with the cells its open findings name marked.
pub fn export_tables_marked(ret: &Return, findings: &[crate::model::Finding], path: &Path) -> Result<(), ExportError> {
    write_atomic(path, &tables_marked(ret, None, findings)?)
}

/// The blank return for a year. With `filled`, the inputs carry those figures and the agency's
/// name: what an agency sends back (the tests use it to prove a filled template imports clean).
// Long on purpose: each sheet's protection, validation and formulas are set together, so the
// template's promises (labels locked, inputs validated, totals computed) are seen in one place.
pub fn template_workbook(
    year: i32,
    stats: bool,
    filled: Option<(&str, &std::collections::BTreeMap<String, f64>)>,
) -> Result<Vec<u8>, ExportError> {
    template_for(year, stats, filled, forms::indicators::national(), "")
}

/// The template with its 统计表 on an indicator table (the office's own for the year).
pub fn template_for(
    year: i32,
    stats: bool,
    filled: Option<(&str, &std::collections::BTreeMap<String, f64>)>,
    table: &IndicatorTable,
    county: &str,
) -> Result<Vec<u8>, ExportError> {
    let format = Format::for_year(year);
    let mut wb = super::sheet::workbook()?;
    let styles = Styles::new("宋体");
    let note = XFormat::new().set_font_name("宋体").set_font_size(10.5).set_font_color("#555555").set_text_wrap();
    let input_name = XFormat::new()
        .set_font_name("宋体")
        .set_font_size(12)
        .set_unlocked()
        .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin)
        .set_background_color("#FFF9E5");
    let label = XFormat::new().set_font_name("宋体").set_font_size(12).set_bold().set_align(FormatAlign::Right);
    for (i, t) in layout::report_tables(stats).into_iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(t.sheet_name())?;
        let lay = if t == Table::Stats { layout::stats_layout(table) } else { layout::layout(t, format) };
        let origin = (3u32, 0u16);
        // The county's return: its name on every printed page and in the file's properties. Not in
        // the sheet's title, which a reader takes the agency from when 填报单位 is left empty.
        let heading = format!("{year}年政府信息公开工作年度报告数据　{}", t.title());
        page_setup(ws, t, &lay, origin, county, &heading)?;
        let last_col = lay.width as u16 - 1;
        ws.merge_range(0, 0, 0, last_col, &heading, &styles.title)?;
        ws.set_row_height(0, 28)?;
        if i == 0 {
            ws.write_string_with_format(1, 0, "填报单位：", &label)?;
            let name = filled.map(|(n, _)| n).unwrap_or("");
            ws.merge_range(1, 1, 1, last_col.max(2), "", &input_name)?;
            sheet::write_text(ws, 1, 1, name, &input_name)?;
        }
        let pos = sheet::positions(&lay, origin);
        let mut fill = |id: &str| {
            let value = filled.and_then(|(_, v)| v.get(id).copied());
            if let Some(parts) = forms::total_parts_in(id, format, table) {
                if let Some(f) = sheet::sum_formula(&parts, &pos) {
                    let result = value.or_else(|| filled.map(|_| 0.0)).or(Some(0.0));
                    return CellOut::Formula(f, result);
                }
            }
            match value {
                Some(v) => CellOut::Number(v),
                None => CellOut::Blank,
            }
        };
        sheet::draw(ws, &lay, origin, &styles, &|s| s.to_string(), &mut fill, true)?;
        lock_and_validate(ws, &pos, format, table, &styles)?;
        let notes_row = origin.0 + lay.height + 1;
        ws.merge_range(
            notes_row,
            0,
            notes_row + 1,
            last_col,
            "填报说明：黄色格子填写数字（没有请填 0）；灰色格子为合计，自动计算，无需填写。请勿改动表格结构与文字。文件请命名为“年度-单位全称.xlsx”。",
            &note,
        )?;
        ws.protect();
    }
    if !county.is_empty() {
        let title = format!("{county}{year}年政府信息公开工作年度报告数据（报表模板）");
        wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_title(&title).set_company(county));
    }
    Ok(wb.save_to_buffer()?)
}

/// Formulas are computed, not typed: their cells are locked again (grey), and every input cell
/// accepts only what its figure may hold (whole counts; 万元 with decimals; a signed change).
fn lock_and_validate(
    ws: &mut rust_xlsxwriter::Worksheet,
    pos: &std::collections::HashMap<String, (u32, u16)>,
    format: Format,
    table: &IndicatorTable,
    styles: &Styles,
) -> Result<(), ExportError> {
    for (id, (r, c)) in pos {
        let def = forms::def(id, format);
        let money = forms::decimals_in(id, format, table);
        if forms::total_parts_in(id, format, table).is_some() {
            let locked =
                if money { styles.money.clone() } else { styles.number.clone() }.set_background_color("#EFEFEF");
            ws.set_cell_format(*r, *c, &locked)?;
            continue;
        }
        let rule = match def {
            _ if money => DataValidation::new().allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
            Some(d) if d.signed => {
                DataValidation::new().allow_whole_number(DataValidationRule::Between(-100_000_000, 100_000_000))
            }
            _ => DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
        }
        .set_error_title("数值不正确")?
        .set_error_message(if money {
            "请填写不小于 0 的数（单位：万元）。"
        } else {
            "请填写整数件数；没有请填 0。"
        })?;
        ws.add_data_validation(*r, *c, *r, *c, &rule)?;
    }
    Ok(())
}

/// Writes the blank return for a year, its 统计表 on the year's indicator table.
pub fn export_template(
    year: i32,
    stats: bool,
    table: &IndicatorTable,
    county: &str,
    path: &Path,
) -> Result<(), ExportError> {
    write_atomic(path, &template_for(year, stats, None, table, county)?)
}
