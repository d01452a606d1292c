//! The indicator table as a workbook the office edits in Excel or WPS (the form its city or
//! province sends is a spreadsheet too): a sheet of sections and a sheet of indicators, one row
//! each. `import::indicators` reads it back.

use super::sheet;
use super::ExportError;
use crate::forms::indicators::{IndicatorTable, INDICATORS_SHEET, INDICATOR_COLS, SECTIONS_SHEET, SECTION_COLS};
use rust_xlsxwriter::{Format as XFormat, FormatBorder};
use std::path::Path;

fn yes(b: bool) -> &'static str {
    if b {
        "是"
    } else {
        ""
    }
}

/// The table as a workbook: 栏目 and 指标, with a note on how words are written.
pub fn definition_workbook(t: &IndicatorTable) -> Result<Vec<u8>, ExportError> {
    let mut wb = super::sheet::workbook()?;
    let head =
        XFormat::new().set_bold().set_font_name("宋体").set_border(FormatBorder::Thin).set_background_color("DDEBF7");
    let cell = XFormat::new().set_font_name("宋体").set_border(FormatBorder::Thin).set_text_wrap();
    let ws = wb.add_worksheet();
    ws.set_name(SECTIONS_SHEET)?;
    sheet::header_row(ws, 0, &SECTION_COLS, &head)?;
    for (i, s) in t.sections.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_number_with_format(r, 0, r as f64, &cell)?;
        sheet::write_text(ws, r, 1, &s.title, &cell)?;
        sheet::write_text(ws, r, 2, &s.words.join("、"), &cell)?;
    }
    let print = |title, landscape, name_cols| sheet::Print {
        landscape,
        header_rows: 1,
        name_cols,
        county: "",
        title,
        wide: false,
    };
    sheet::print_setup(ws, &print("统计表指标表　栏目", false, 2))?;
    let ws = wb.add_worksheet();
    ws.set_name(INDICATORS_SHEET)?;
    sheet::header_row(ws, 0, &INDICATOR_COLS, &head)?;
    for (i, ind) in t.indicators.iter().enumerate() {
        let r = i as u32 + 1;
        let values = [
            ind.id.clone(),
            ind.section.to_string(),
            ind.label.clone(),
            ind.words.join("、"),
            ind.except.join("、"),
            ind.unit.clone(),
            yes(ind.decimals).into(),
            ind.part_of.clone().unwrap_or_default(),
            yes(ind.sum_of_parts).into(),
            yes(ind.heading).into(),
            ind.before.clone().unwrap_or_default(),
        ];
        for (c, v) in values.iter().enumerate() {
            if c == 1 {
                ws.write_number_with_format(r, 1, ind.section as f64, &cell)?;
            } else {
                sheet::write_text(ws, r, c as u16, v, &cell)?;
            }
        }
    }
    let note = t.indicators.len() as u32 + 2;
    ws.write_string(
        note,
        0,
        "说明：识别词用“、”分隔，一行的名称须含全部识别词；“|”表示其中任一个即可（如 微博|微信）。代码以 stats. 开头，新增指标可写 stats.x.名称拼音，年年不变。",
    )?;
    sheet::print_setup(ws, &print("统计表指标表　指标", true, 3))?;
    Ok(wb.save_to_buffer()?)
}

pub fn export_definition(t: &IndicatorTable, path: &Path) -> Result<(), ExportError> {
    super::write_atomic(path, &definition_workbook(t)?)
}
