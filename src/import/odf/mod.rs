//! OpenDocument files, as LibreOffice (the office suite of many 统信UOS/麒麟 desktops) saves them by
//! default: a return as .ods, a report as .odt. Both are zip + content.xml, as .xlsx and .docx are
//! zip + XML, and are read over the same bounded element tree as Word documents. Not through
//! calamine's Ods reader: it lays every sheet out as a dense grid, and a spreadsheet says
//! `number-rows-repeated="1048553"` for its empty tail, so a hostile cell repeated far out would
//! ask for gigabytes; here repeats of empty cells only move the column, and repeats of a filled
//! cell or row are bounded.
//!
//! This module reads the format itself and depends on no reader above it: an .ods's sheets as
//! OpenDocument says them (numbers from `office:value`), which `grid` turns into its sheets; the
//! pieces an .odt is read with (text, bold, table rows), which `document::odt` turns into the
//! blocks a .docx gives.

use super::guard::MAX_CELLS_PER_SHEET;
use super::package::{part, MAX_BODY_RATIO, MAX_DEFINITIONS_BYTES, MAX_DEFINITION_ELEMENTS};
use super::xml::{self, El, Node};
use std::io::Cursor;

/// Columns a sheet or table may reach: LibreOffice's own limit is 16,384; returns use thirty.
pub(crate) const MAX_COLUMNS: u32 = 1_024;
/// Times one filled cell or row is repeated at most (a real sheet repeats a blank or a 0 a few times).
const MAX_REPEAT: u32 = 1_024;
/// Rows of one sheet or table kept: a return has a few hundred.
const MAX_ROWS: u32 = 65_536;

/// content.xml (and styles.xml, for list and paragraph styles), bounded as a .docx's parts are.
pub(crate) fn parts(bytes: &[u8]) -> Result<(El, Option<El>), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| "压缩结构损坏".to_string())?;
    let limit = super::guard::MAX_PART_BYTES.min((bytes.len() as u64).saturating_mul(MAX_BODY_RATIO) + (8 << 20));
    let content = part(&mut zip, "content.xml", limit)?.ok_or("缺少内容部件 content.xml")?;
    let styles = part(&mut zip, "styles.xml", MAX_DEFINITIONS_BYTES)?
        .map(|b| xml::parse_bounded(&b, MAX_DEFINITION_ELEMENTS))
        .transpose()?;
    Ok((xml::parse(&content)?, styles))
}

pub(crate) fn number_attr(el: &El, name: &str) -> u32 {
    el.attr(name).and_then(|v| v.trim().parse().ok()).unwrap_or(1).max(1)
}

/// The text of a paragraph or cell: spaces (`text:s`), tabs and line breaks as one space; notes
/// and annotations left out.
pub(crate) fn text_of(el: &El, bold_of: &dyn Fn(&El) -> Option<bool>, bold: bool, out: &mut Text) {
    for n in &el.children {
        match n {
            Node::Text(t) => {
                let chars = t.chars().filter(|c| !c.is_whitespace()).count();
                out.chars += chars;
                if bold {
                    out.bold += chars;
                }
                out.text.push_str(t);
            }
            Node::El(e) => match e.name.as_str() {
                "s" | "tab" | "line-break" => out.text.push(' '),
                "note" | "annotation" | "tracked-changes" | "bookmark-ref" => {}
                "frame" | "image" => out.pictures += 1,
                _ => text_of(e, bold_of, bold_of(e).unwrap_or(bold), out),
            },
        }
    }
}

/// A paragraph's or cell's text, with how much of it is bold and the pictures in it.
#[derive(Default)]
pub(crate) struct Text {
    pub text: String,
    pub chars: usize,
    pub bold: usize,
    pub pictures: usize,
}

/// A row of a table as text, (column, text) per cell; and as values, for a spreadsheet.
pub(crate) type TextRow = Vec<(u32, String)>;
pub(crate) type ValueRow = Vec<(u32, Value)>;

/// A spreadsheet cell as OpenDocument says it: a number from `office:value`, text, or another
/// kind shown as text (a date, a boolean). The workbook reader turns it into its own cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Num(f64),
    Text(String),
    Other(String),
}

/// One sheet of an .ods: its name and its rows of (column, value), empty rows left out with their
/// numbers kept.
pub struct OdsSheet {
    pub name: String,
    pub rows: Vec<(u32, ValueRow)>,
}

/// A table's rows on its grid, as (column, text) per row; covered cells of a merge take their
/// column; repeats bounded.
pub(crate) fn table_rows(table: &El, cell_text: &mut dyn FnMut(&El) -> String) -> (Vec<TextRow>, Vec<ValueRow>) {
    let mut texts = Vec::new();
    let mut values = Vec::new();
    let mut rows: Vec<&El> = Vec::new();
    collect_rows(table, &mut rows);
    // Cells placed so far: a sheet keeps as many as a workbook's sheet does.
    let mut placed = 0usize;
    for row in rows {
        let mut line = Vec::new();
        let mut vals = Vec::new();
        let mut col = 0u32;
        for cell in row.elements().filter(|e| e.name == "table-cell" || e.name == "covered-table-cell") {
            let repeat = number_attr(cell, "number-columns-repeated");
            let text = if cell.name == "table-cell" { cell_text(cell) } else { String::new() };
            let val = value_of(cell, &text);
            if text.trim().is_empty() && val.is_none() {
                col = col.saturating_add(repeat);
                continue;
            }
            for _ in 0..repeat.min(MAX_REPEAT) {
                if col >= MAX_COLUMNS {
                    break;
                }
                line.push((col, text.clone()));
                vals.push((col, val.clone().unwrap_or_else(|| Value::Text(text.clone()))));
                col += 1;
            }
        }
        let repeat = number_attr(row, "number-rows-repeated");
        let times = if line.is_empty() { repeat.min(1) } else { repeat.min(MAX_REPEAT) };
        for _ in 0..times {
            placed += line.len();
            if texts.len() as u32 >= MAX_ROWS || placed > MAX_CELLS_PER_SHEET {
                break;
            }
            texts.push(line.clone());
            values.push(vals.clone());
        }
    }
    (texts, values)
}

/// Rows of a table, inside row groups and header rows as well.
fn collect_rows<'a>(el: &'a El, out: &mut Vec<&'a El>) {
    for e in el.elements() {
        match e.name.as_str() {
            "table-row" => out.push(e),
            "table-header-rows" | "table-rows" | "table-row-group" => collect_rows(e, out),
            _ => {}
        }
    }
}

/// A spreadsheet cell's number, from `office:value` (what the cell holds, not how it is shown).
fn value_of(cell: &El, text: &str) -> Option<Value> {
    match cell.attr("value-type")? {
        "float" | "percentage" | "currency" => cell.attr("value").and_then(|v| v.parse::<f64>().ok()).map(Value::Num),
        "string" => None,
        _ => (!text.trim().is_empty()).then(|| Value::Other(text.to_string())),
    }
}

/// Every sheet of an .ods, its cells as OpenDocument says them.
pub fn sheets(bytes: &[u8]) -> Result<Vec<OdsSheet>, String> {
    let (content, _) = parts(bytes)?;
    let body = content.find("spreadsheet").ok_or("不是电子表格")?;
    let mut out = Vec::new();
    for table in body.elements().filter(|e| e.name == "table") {
        let mut cell_text = |cell: &El| {
            let mut t = Text::default();
            for p in cell.elements().filter(|e| e.name == "p") {
                if !t.text.is_empty() {
                    t.text.push('\n');
                }
                text_of(p, &|_| None, false, &mut t);
            }
            t.text
        };
        let (_, values) = table_rows(table, &mut cell_text);
        let rows = values.into_iter().enumerate().filter(|(_, c)| !c.is_empty()).map(|(r, c)| (r as u32, c)).collect();
        out.push(OdsSheet { name: table.attr("name").unwrap_or("Sheet").to_string(), rows });
    }
    Ok(out)
}

/// The columns a table declares (`table:table-column`, repeats included), bounded.
pub(crate) fn columns_of(table: &El) -> u32 {
    table
        .elements()
        .filter(|e| e.name == "table-column")
        .map(|e| number_attr(e, "number-columns-repeated"))
        .fold(0u32, |a, n| a.saturating_add(n))
        .min(MAX_COLUMNS)
}
