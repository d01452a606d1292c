//! The standard tables (表二 三 四, and the 统计表 where filed) of an agency or the county in the
//! official layout, and the return template the office sends out: the same tables, labels locked,
//! inputs unlocked and validated, totals as formulas.

use super::sheet::{self, CellOut, Styles};
use super::{write_atomic, ExportError};
use crate::forms::{self, layout, Format, Table};
use crate::model::Return;
use rust_xlsxwriter::{DataValidation, DataValidationRule, Format as XFormat, FormatAlign, Workbook, Worksheet};
use std::path::Path;

fn page_setup(ws: &mut Worksheet, t: Table) {
    ws.set_paper_size(9); // A4
    if t == Table::Review {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.6, 0.6, 0.8, 0.8, 0.3, 0.3);
}

/// The standard tables of a return (an agency's, or the county's totals) as a workbook.
pub fn tables_workbook(ret: &Return) -> Result<Vec<u8>, ExportError> {
    let mut wb = Workbook::new();
    let styles = Styles::new("仿宋_GB2312");
    let name = ret.agency.clone().unwrap_or_default();
    let year = ret.year.map(|y| format!("{y}年")).unwrap_or_default();
    let mut tables = layout::report_tables(ret.has_table(Table::Stats));
    tables.retain(|t| *t != Table::Stats || ret.has_table(Table::Stats));
    for t in tables {
        let ws = wb.add_worksheet();
        ws.set_name(t.sheet_name())?;
        page_setup(ws, t);
        let lay = layout::layout(t, ret.format);
        let title = format!("{name}{year}{}", t.title().trim_start_matches(|c: char| "一二三四、".contains(c)));
        ws.merge_range(0, 0, 0, lay.width as u16 - 1, &title, &styles.title)?;
        ws.set_row_height(0, 28)?;
        let mut fill = |id: &str| match ret.figure(id) {
            Some(f) => match f.value {
                Some(v) => CellOut::Number(v),
                None => CellOut::Text(f.raw.clone()),
            },
            None => CellOut::Blank,
        };
        sheet::draw(ws, &lay, (2, 0), &styles, &|s| s.to_string(), &mut fill, false)?;
    }
    Ok(wb.save_to_buffer()?)
}

pub fn export_tables(ret: &Return, path: &Path) -> Result<(), ExportError> {
    write_atomic(path, &tables_workbook(ret)?)
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
    let format = Format::for_year(year);
    let mut wb = Workbook::new();
    let styles = Styles::new("宋体");
    let note = XFormat::new().set_font_name("宋体").set_font_size(9).set_font_color("#555555").set_text_wrap();
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
        page_setup(ws, t);
        let lay = layout::layout(t, format);
        let last_col = lay.width as u16 - 1;
        ws.merge_range(
            0,
            0,
            0,
            last_col,
            &format!("{year}年政府信息公开工作年度报告数据　{}", t.title()),
            &styles.title,
        )?;
        ws.set_row_height(0, 28)?;
        if i == 0 {
            ws.write_string_with_format(1, 0, "填报单位：", &label)?;
            let name = filled.map(|(n, _)| n).unwrap_or("");
            ws.merge_range(1, 1, 1, last_col.max(2), "", &input_name)?;
            ws.write_string_with_format(1, 1, name, &input_name)?;
        }
        let origin = (3u32, 0u16);
        let pos = sheet::positions(&lay, origin);
        let mut fill = |id: &str| {
            let value = filled.and_then(|(_, v)| v.get(id).copied());
            if let Some(parts) = forms::total_parts(id, format) {
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
        // Formulas are computed, not typed: lock them again and validate every input.
        for (id, (r, c)) in &pos {
            let def = forms::def(id, format);
            if forms::total_parts(id, format).is_some() {
                let money = def.is_some_and(|d| d.decimals);
                let locked =
                    if money { styles.money.clone() } else { styles.number.clone() }.set_background_color("#EFEFEF");
                ws.set_cell_format(*r, *c, &locked)?;
                continue;
            }
            let rule = match def {
                Some(d) if d.decimals => {
                    DataValidation::new().allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
                }
                Some(d) if d.signed => {
                    DataValidation::new().allow_whole_number(DataValidationRule::Between(-100_000_000, 100_000_000))
                }
                _ => DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
            }
            .set_error_title("数值不正确")?
            .set_error_message(if def.is_some_and(|d| d.decimals) {
                "请填写不小于 0 的数（单位：万元）。"
            } else {
                "请填写整数件数；没有请填 0。"
            })?;
            ws.add_data_validation(*r, *c, *r, *c, &rule)?;
        }
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
    Ok(wb.save_to_buffer()?)
}

pub fn export_template(year: i32, stats: bool, path: &Path) -> Result<(), ExportError> {
    write_atomic(path, &template_workbook(year, stats, None)?)
}
