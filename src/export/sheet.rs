//! Draws a table layout (forms::layout) onto an Excel worksheet: merged headers, borders, widths
//! that fit Chinese text, and each figure cell filled by the caller. Used by the standard tables,
//! the return template and the generated returns of the tests and the benchmark.

use crate::forms::layout::{Content, Layout};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Worksheet, XlsxError};
use std::collections::HashMap;

/// What goes into a figure cell.
#[derive(Debug, Clone, PartialEq)]
pub enum CellOut {
    Blank,
    Number(f64),
    /// Text as typed ("3件", "无"); written as text, never as a formula.
    Text(String),
    /// A formula (without '=') and the result to save with it, if known.
    Formula(String, Option<f64>),
}

/// The cell styles of a drawn table.
pub struct Styles {
    pub header: Format,
    pub label: Format,
    pub unit: Format,
    pub number: Format,
    pub money: Format,
    /// Input cells of the template: unlocked so the agency can type in a protected sheet.
    pub input: Format,
    pub input_money: Format,
    pub title: Format,
}

impl Styles {
    pub fn new(font: &str) -> Styles {
        let base = Format::new().set_font_name(font).set_font_size(10.5).set_border(FormatBorder::Thin).set_text_wrap();
        let centred = base.clone().set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter);
        Styles {
            header: centred.clone().set_bold(),
            label: base.clone().set_align(FormatAlign::VerticalCenter),
            unit: centred.clone(),
            number: centred.clone().set_num_format("0"),
            money: centred.clone().set_num_format("0.00"),
            input: centred.clone().set_num_format("0").set_unlocked().set_background_color("#FFF9E5"),
            input_money: centred.clone().set_num_format("0.00").set_unlocked().set_background_color("#FFF9E5"),
            title: Format::new().set_font_name(font).set_font_size(14).set_bold().set_align(FormatAlign::Center),
        }
    }
}

/// Absolute positions of a layout's figures when drawn with its top-left at `origin`.
pub fn positions(lay: &Layout, origin: (u32, u16)) -> HashMap<String, (u32, u16)> {
    lay.figures().map(|(c, id)| (id.to_string(), (origin.0 + c.row, origin.1 + c.col as u16))).collect()
}

/// Draws `lay` at `origin`. `label` may rewrite label text (tests write labels the way agencies
/// do); `fill` gives each figure's cell; `input` marks figure cells as unlocked inputs.
pub fn draw(
    ws: &mut Worksheet,
    lay: &Layout,
    origin: (u32, u16),
    styles: &Styles,
    label: &dyn Fn(&str) -> String,
    fill: &mut dyn FnMut(&str) -> CellOut,
    input: bool,
) -> Result<(), XlsxError> {
    for (i, w) in lay.col_widths.iter().enumerate() {
        let col = origin.1 + i as u16;
        ws.set_column_width(col, *w)?;
    }
    // Rows tall enough for their longest label once wrapped in its (merged) columns' width.
    let mut lines = vec![1u32; lay.height as usize];
    for c in lay.cells.iter().filter(|c| c.rows == 1) {
        if let Content::Header(s) | Content::Label(s) = &c.content {
            let room: f64 = lay.col_widths[c.col as usize..(c.col + c.cols) as usize].iter().sum::<f64>() - 1.0;
            let need = text_width(&label(s));
            let n = (need / room.max(1.0)).ceil() as u32;
            lines[c.row as usize] = lines[c.row as usize].max(n.max(1));
        }
    }
    for (r, n) in lines.iter().enumerate() {
        if *n > 1 {
            ws.set_row_height(origin.0 + r as u32, LINE_PT * *n as f64 + 2.0)?;
        }
    }
    for c in &lay.cells {
        let (r0, c0) = (origin.0 + c.row, origin.1 + c.col as u16);
        let (r1, c1) = (r0 + c.rows - 1, c0 + c.cols as u16 - 1);
        let merged = c.rows > 1 || c.cols > 1;
        match &c.content {
            Content::Header(s) | Content::Label(s) | Content::Unit(s) => {
                let fmt = match &c.content {
                    Content::Header(_) => &styles.header,
                    Content::Unit(_) => &styles.unit,
                    _ => &styles.label,
                };
                let text = label(s);
                if merged {
                    ws.merge_range(r0, c0, r1, c1, &text, fmt)?;
                } else {
                    ws.write_string_with_format(r0, c0, &text, fmt)?;
                }
            }
            Content::Figure(id) => {
                let money = crate::forms::MONEY.contains(&id.as_str());
                let fmt = match (input, money) {
                    (true, true) => &styles.input_money,
                    (true, false) => &styles.input,
                    (false, true) => &styles.money,
                    (false, false) => &styles.number,
                };
                if merged {
                    ws.merge_range(r0, c0, r1, c1, "", fmt)?;
                }
                match fill(id) {
                    CellOut::Blank => {
                        ws.write_blank(r0, c0, fmt)?;
                    }
                    CellOut::Number(v) => {
                        ws.write_number_with_format(r0, c0, super::finite(v)?, fmt)?;
                    }
                    CellOut::Text(t) => {
                        write_text(ws, r0, c0, &t, fmt)?;
                    }
                    CellOut::Formula(f, result) => {
                        let mut formula = Formula::new(format!("={f}"));
                        if let Some(v) = result {
                            formula = formula.set_result(crate::text::fmt_num(v));
                        }
                        ws.write_formula_with_format(r0, c0, formula, fmt)?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// Width of text in Excel's column units at 10.5 pt: a Chinese character takes about two.
pub fn text_width(s: &str) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 1.0 } else { 1.95 }).sum()
}

/// A SUM formula over the cells of `parts`, or None when a part has no cell in `pos`.
pub fn sum_formula(parts: &[String], pos: &HashMap<String, (u32, u16)>) -> Option<String> {
    let refs: Option<Vec<String>> =
        parts.iter().map(|p| pos.get(p).map(|(r, c)| crate::text::cell_ref(*r, *c as u32))).collect();
    Some(format!("SUM({})", refs?.join(",")))
}

/// Writes text that came from a return or a user (a name, a value as typed, a message): invisible
/// and bidirectional control characters dropped, and text Excel would read as a formula once the
/// cell is edited (beginning with = + - @) written with the quote prefix, so it stays text.
pub fn write_text(ws: &mut Worksheet, r: u32, c: u16, s: &str, fmt: &Format) -> Result<(), XlsxError> {
    let clean = crate::text::strip_invisible(s);
    if clean.starts_with(['=', '+', '-', '@']) {
        ws.write_string_with_format(r, c, &clean, &fmt.clone().set_quote_prefix())?;
    } else {
        ws.write_string_with_format(r, c, &clean, fmt)?;
    }
    Ok(())
}

/// How a sheet prints: its orientation, the rows above `header_rows` repeated on every page and the
/// first `name_cols` columns (where the names are) frozen on screen, and the title printed in the
/// page header beside the county, with 第 N 页 共 M 页 in the footer. A sheet fits one page wide
/// unless `wide`: then its columns run on over pages at full size (never shrunk below legibility),
/// the name columns repeated on each.
pub struct Print<'a> {
    pub landscape: bool,
    pub header_rows: u32,
    pub name_cols: u16,
    pub county: &'a str,
    pub title: &'a str,
    pub wide: bool,
}

/// Text for a page header: `&` doubled, as Excel's header codes want.
fn header_text(s: &str) -> String {
    crate::text::strip_invisible(s).replace('&', "&&")
}

/// Print setup every exported sheet shares: A4, margins with room for the header and footer.
pub fn print_setup(ws: &mut Worksheet, p: &Print) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    if p.landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    if p.wide {
        ws.set_print_scale(100);
        if p.name_cols > 0 {
            ws.set_repeat_columns(0, p.name_cols - 1)?;
        }
    } else {
        ws.set_print_fit_to_pages(1, 0);
    }
    ws.set_margins(0.6, 0.6, 0.9, 0.8, 0.4, 0.35);
    // The size code before the font: a title beginning with a digit would read as part of the size.
    ws.set_header(format!("&L&9&\"宋体\"{}&C&11&\"黑体\"{}", header_text(p.county), header_text(p.title)));
    ws.set_footer("&C&9第 &P 页 共 &N 页");
    if p.header_rows > 0 {
        ws.set_repeat_rows(0, p.header_rows - 1)?;
    }
    ws.set_freeze_panes(p.header_rows, p.name_cols)?;
    Ok(())
}

/// Lines a text takes wrapped in a column of `width` Excel units (line breaks kept).
pub fn wrapped_lines(s: &str, width: f64) -> u32 {
    // A line wraps short of the column's edge (a word or a mark never splits, and LibreOffice's CJK
    // fallback font is wider than 宋体): a tenth of the width kept in hand, as measured on the
    // summary's 问题 sheet printed through LibreOffice.
    let room = (width * 0.9 - 1.0).max(1.0);
    s.lines().map(|l| (text_width(l) / room).ceil().max(1.0) as u32).sum::<u32>().max(1)
}

/// A wrapped line of 11 pt CJK text: 14.25 pt in 宋体 (Excel, WPS), about 16 pt in the Noto CJK
/// font LibreOffice falls back to; the taller, so a row prints whole in both.
pub const LINE_PT: f64 = 16.0;

/// A workbook whose default font is 宋体 11 (Excel's and WPS's own for Chinese): column widths
/// are counted in its digits (8 px, the standard column 8.38 characters = 72 px), so a sheet sized
/// here prints at the same scale in Excel, WPS and LibreOffice — Calibri units under 宋体 text
/// printed below 9 pt in LibreOffice.
pub fn workbook() -> Result<rust_xlsxwriter::Workbook, XlsxError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.set_default_format(&Format::new().set_font_name("宋体").set_font_size(11), 19, 72)?;
    Ok(wb)
}

/// Excel's (and the OOXML format's) highest row, in points.
pub const MAX_ROW_PT: f64 = 409.0;

/// A row's height for its wrapped cells: each (text, column width) wrapped, the tallest wins.
pub fn fit_row(ws: &mut Worksheet, row: u32, cells: &[(&str, f64)]) -> Result<(), XlsxError> {
    let lines = cells.iter().map(|(t, w)| wrapped_lines(t, *w)).max().unwrap_or(1);
    if lines > 1 {
        // Excel's highest row is 409 pt: the text put in a row is kept below it by its writer.
        ws.set_row_height(row, (LINE_PT * lines as f64 + 3.0).min(MAX_ROW_PT))?;
    }
    Ok(())
}

/// A note under a table: each sentence a row of its own across the table's columns, each row as
/// tall as its text wrapped in that width, so a long list of agencies prints whole. Returns the
/// row after the note.
pub fn note_rows(ws: &mut Worksheet, row: u32, widths: &[f64], text: &str, fmt: &Format) -> Result<u32, XlsxError> {
    let width: f64 = widths.iter().sum();
    let last = widths.len().max(1) as u16 - 1;
    let mut r = row;
    for sentence in text.split_inclusive('。').map(str::trim).filter(|s| !s.is_empty()) {
        if last > 0 {
            merge_text(ws, r, 0, r, last, sentence, fmt)?;
        } else {
            write_text(ws, r, 0, sentence, fmt)?;
        }
        ws.set_row_height(r, LINE_PT * wrapped_lines(sentence, width) as f64 + 3.0)?;
        r += 1;
    }
    Ok(r)
}

/// A merged range holding text from a return or a user, written as [`write_text`] writes it.
pub fn merge_text(
    ws: &mut Worksheet,
    r0: u32,
    c0: u16,
    r1: u32,
    c1: u16,
    s: &str,
    fmt: &Format,
) -> Result<(), XlsxError> {
    ws.merge_range(r0, c0, r1, c1, "", fmt)?;
    write_text(ws, r0, c0, s, fmt)
}

/// A header row: each column's heading in `fmt` and its width.
pub fn header_row(ws: &mut Worksheet, row: u32, cols: &[(&str, f64)], fmt: &Format) -> Result<(), XlsxError> {
    for (c, (h, w)) in cols.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, fmt)?;
        ws.set_column_width(c as u16, *w)?;
    }
    Ok(())
}
