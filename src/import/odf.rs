//! OpenDocument files, as LibreOffice (the office suite of many 统信UOS/麒麟 desktops) saves them by
//! default: a return as .ods, a report as .odt. Both are zip + content.xml, as .xlsx and .docx are
//! zip + XML, and are read over the same bounded element tree as Word documents. Not through
//! calamine's Ods reader: it lays every sheet out as a dense grid, and a spreadsheet says
//! `number-rows-repeated="1048553"` for its empty tail, so a hostile cell repeated far out would
//! ask for gigabytes; here repeats of empty cells only move the column, and repeats of a filled
//! cell or row are bounded.
//!
//! An .ods becomes the same sheets the workbook readers make (number cells from `office:value`);
//! an .odt the same blocks a .docx gives: paragraphs with their list numbers worked out from the
//! list styles (LibreOffice writes no number into the text), bold and outline levels, tables with
//! their spans, pictures.

use super::document::{docx, Block, Para, TableGrid};
use super::grid::{GCell, Row, Sheet, Val};
use super::xml::{self, El, Node};
use crate::text::norm;
use rustc_hash::FxHashMap;
use std::io::Cursor;

/// Columns a sheet or table may reach: LibreOffice's own limit is 16,384; returns use thirty.
const MAX_COLUMNS: u32 = 1_024;
/// Times one filled cell or row is repeated at most (a real sheet repeats a blank or a 0 a few times).
const MAX_REPEAT: u32 = 1_024;
/// Rows of one sheet or table kept: a return has a few hundred.
const MAX_ROWS: u32 = 65_536;

/// content.xml (and styles.xml, for list and paragraph styles), bounded as a .docx's parts are.
fn parts(bytes: &[u8]) -> Result<(El, Option<El>), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| "压缩结构损坏".to_string())?;
    let limit = super::guard::MAX_PART_BYTES.min((bytes.len() as u64).saturating_mul(docx::MAX_BODY_RATIO) + (8 << 20));
    let content = docx::part(&mut zip, "content.xml", limit)?.ok_or("缺少内容部件 content.xml")?;
    let styles = docx::part(&mut zip, "styles.xml", docx::MAX_DEFINITIONS_BYTES)?
        .map(|b| xml::parse_bounded(&b, docx::MAX_DEFINITION_ELEMENTS))
        .transpose()?;
    Ok((xml::parse(&content)?, styles))
}

fn number_attr(el: &El, name: &str) -> u32 {
    el.attr(name).and_then(|v| v.trim().parse().ok()).unwrap_or(1).max(1)
}

/// The text of a paragraph or cell: spaces (`text:s`), tabs and line breaks as one space; notes
/// and annotations left out.
fn text_of(el: &El, bold_of: &dyn Fn(&El) -> Option<bool>, bold: bool, out: &mut Text) {
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

#[derive(Default)]
struct Text {
    text: String,
    chars: usize,
    bold: usize,
    pictures: usize,
}

/// A row of a table as text, (column, text) per cell; and as values, for a spreadsheet.
type TextRow = Vec<(u32, String)>;
type ValueRow = Vec<(u32, Val)>;

/// A table's rows on its grid, as (column, text) per row; covered cells of a merge take their
/// column; repeats bounded.
fn table_rows(table: &El, cell_text: &mut dyn FnMut(&El) -> String) -> (Vec<TextRow>, Vec<ValueRow>) {
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
                vals.push((col, val.clone().unwrap_or_else(|| Val::Text(text.clone()))));
                col += 1;
            }
        }
        let repeat = number_attr(row, "number-rows-repeated");
        let times = if line.is_empty() { repeat.min(1) } else { repeat.min(MAX_REPEAT) };
        for _ in 0..times {
            placed += line.len();
            if texts.len() as u32 >= MAX_ROWS || placed > super::grid::MAX_CELLS_PER_SHEET {
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
fn value_of(cell: &El, text: &str) -> Option<Val> {
    match cell.attr("value-type")? {
        "float" | "percentage" | "currency" => cell.attr("value").and_then(|v| v.parse::<f64>().ok()).map(Val::Num),
        "string" => None,
        _ => (!text.trim().is_empty()).then(|| Val::Other(text.to_string())),
    }
}

/// Every sheet of an .ods, as the workbook readers make them.
pub fn sheets(bytes: &[u8]) -> Result<Vec<Sheet>, String> {
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
        let rows = values
            .into_iter()
            .enumerate()
            .filter(|(_, cells)| !cells.is_empty())
            .map(|(r, cells)| Row {
                row: r as u32,
                cells: cells
                    .into_iter()
                    .map(|(col, val)| {
                        let n = match &val {
                            Val::Text(s) | Val::Other(s) => norm(s),
                            _ => String::new(),
                        };
                        GCell::new(col, val, n)
                    })
                    .collect(),
            })
            .collect();
        out.push(Sheet { name: table.attr("name").unwrap_or("Sheet").to_string(), rows });
    }
    Ok(out)
}

/// A list style's level: its number format and the text around the counter.
#[derive(Clone, Default)]
struct ListLevel {
    format: String,
    prefix: String,
    suffix: String,
    start: u32,
}

/// The styles of an .odt: which paragraph and text styles are bold (through their parents), and
/// each list style's levels.
#[derive(Default)]
struct Styles {
    bold: FxHashMap<String, bool>,
    parent: FxHashMap<String, String>,
    lists: FxHashMap<String, Vec<ListLevel>>,
}

impl Styles {
    fn read(&mut self, el: &El) {
        for e in el.elements() {
            match e.name.as_str() {
                "style" => {
                    let Some(name) = e.attr("name") else { continue };
                    if let Some(w) = e.child("text-properties").and_then(|t| t.attr("font-weight")) {
                        self.bold.insert(name.to_string(), w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600));
                    }
                    if let Some(p) = e.attr("parent-style-name") {
                        self.parent.insert(name.to_string(), p.to_string());
                    }
                }
                "list-style" => {
                    let Some(name) = e.attr("name") else { continue };
                    let mut levels = vec![ListLevel::default(); 10];
                    for l in e.elements().filter(|l| l.name == "list-level-style-number") {
                        let level = number_attr(l, "level").min(10) as usize - 1;
                        levels[level] = ListLevel {
                            format: l.attr("num-format").unwrap_or("").chars().take(8).collect(),
                            prefix: l.attr("num-prefix").unwrap_or("").chars().take(8).collect(),
                            suffix: l.attr("num-suffix").unwrap_or("").chars().take(8).collect(),
                            start: number_attr(l, "start-value"),
                        };
                    }
                    self.lists.insert(name.to_string(), levels);
                }
                "automatic-styles" | "styles" => self.read(e),
                _ => {}
            }
        }
    }

    /// Whether a style makes its text bold, asking its parents (a bounded chain) where it does not say.
    fn is_bold(&self, style: &str) -> Option<bool> {
        let mut name = style;
        for _ in 0..16 {
            if let Some(b) = self.bold.get(name) {
                return Some(*b);
            }
            name = self.parent.get(name)?;
        }
        None
    }
}

/// A counter as a list level's format writes it: "1", "一, 二, 三, ...", "①, ②, ③, ...".
fn counter(n: u32, format: &str) -> String {
    match format.chars().next() {
        Some('1') => n.to_string(),
        Some('一') | Some('壹') => docx::chinese(n),
        Some('①') if (1..=20).contains(&n) => char::from_u32(0x2460 + n - 1).map(String::from).unwrap_or_default(),
        _ => String::new(),
    }
}

/// Reads an .odt's blocks, numbering list items as LibreOffice shows them.
struct Reader {
    styles: Styles,
    /// (list style, level) → the counter of the item last numbered.
    counters: FxHashMap<(String, usize), u32>,
    paragraphs: usize,
    out: Vec<Block>,
}

impl Reader {
    fn bold_of(&self, el: &El) -> Option<bool> {
        el.attr("style-name").and_then(|s| self.styles.is_bold(s))
    }

    fn paragraph(&mut self, el: &El, number: String) {
        let mut t = Text::default();
        let base = self.bold_of(el).unwrap_or(false);
        text_of(el, &|e| self.bold_of(e), base, &mut t);
        for _ in 0..t.pictures {
            self.out.push(Block::Picture);
        }
        self.paragraphs += 1;
        let outline = (el.name == "h").then(|| number_attr(el, "outline-level").saturating_sub(1).min(8) as u8);
        self.out.push(Block::Para(Para {
            text: t.text.trim().to_string(),
            number,
            bold: t.chars > 0 && t.bold * 2 > t.chars,
            outline,
            index: self.paragraphs,
        }));
    }

    fn blocks(&mut self, el: &El) {
        for e in el.elements() {
            match e.name.as_str() {
                "p" | "h" => self.paragraph(e, String::new()),
                "list" => self.list(e, e.attr("style-name").unwrap_or("").to_string(), 0),
                "table" => self.table(e),
                "frame" => self.out.push(Block::Picture),
                "section" | "text" | "index-body" | "deletion" => self.blocks(e),
                _ => {}
            }
        }
    }

    /// A list: each item's first paragraph numbered from the list style's level; deeper levels
    /// restart when a shallower one advances. A list that does not continue numbering restarts.
    fn list(&mut self, list: &El, style: String, level: usize) {
        let style = list.attr("style-name").map(str::to_string).unwrap_or(style);
        if level == 0 && list.attr("continue-numbering") != Some("true") && list.attr("continue-list").is_none() {
            self.counters.retain(|(s, _), _| *s != style);
        }
        for item in list.elements().filter(|e| e.name == "list-item" || e.name == "list-header") {
            let mut numbered = item.name == "list-header";
            for e in item.elements() {
                match e.name.as_str() {
                    "p" | "h" if !numbered => {
                        numbered = true;
                        let number = self.next_number(&style, level);
                        self.paragraph(e, number);
                    }
                    "p" | "h" => self.paragraph(e, String::new()),
                    "list" if level < 9 => self.list(e, style.clone(), level + 1),
                    "table" => self.table(e),
                    _ => {}
                }
            }
        }
    }

    fn next_number(&mut self, style: &str, level: usize) -> String {
        let Some(def) = self.styles.lists.get(style).and_then(|l| l.get(level)).cloned() else { return String::new() };
        let n = match self.counters.get(&(style.to_string(), level)) {
            Some(n) => n + 1,
            None => def.start,
        };
        self.counters.insert((style.to_string(), level), n);
        self.counters.retain(|(s, l), _| s != style || *l <= level);
        let c = counter(n, &def.format);
        if c.is_empty() {
            return String::new();
        }
        format!("{}{c}{}", def.prefix, def.suffix)
    }

    fn table(&mut self, table: &El) {
        let styles = &self.styles;
        let bold_of = |e: &El| e.attr("style-name").and_then(|s| styles.is_bold(s));
        let mut cell_text = |cell: &El| {
            let mut parts = Vec::new();
            for p in cell.elements() {
                let mut t = Text::default();
                text_of(p, &bold_of, false, &mut t);
                if !t.text.trim().is_empty() {
                    parts.push(t.text.trim().to_string());
                }
            }
            parts.join("\n")
        };
        let (rows, _) = table_rows(table, &mut cell_text);
        let width = rows.iter().flat_map(|r| r.iter().map(|(c, _)| c + 1)).max().unwrap_or(0);
        let width = width.max(columns_of(table));
        self.out.push(Block::Table(TableGrid { rows, width }));
    }
}

/// The columns a table declares (`table:table-column`, repeats included), bounded.
fn columns_of(table: &El) -> u32 {
    table
        .elements()
        .filter(|e| e.name == "table-column")
        .map(|e| number_attr(e, "number-columns-repeated"))
        .fold(0u32, |a, n| a.saturating_add(n))
        .min(MAX_COLUMNS)
}

/// Reads the blocks of an .odt the guard has passed.
pub fn blocks(bytes: &[u8]) -> Result<Vec<Block>, String> {
    let (content, styles_xml) = parts(bytes)?;
    let mut styles = Styles::default();
    if let Some(s) = &styles_xml {
        styles.read(s);
    }
    styles.read(&content);
    let body = content.find("text").ok_or("缺少正文")?;
    let mut reader = Reader { styles, counters: FxHashMap::default(), paragraphs: 0, out: Vec::new() };
    reader.blocks(body);
    Ok(reader.out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_as_list_styles_write_them() {
        assert_eq!(counter(3, "1"), "3");
        assert_eq!(counter(12, "一, 二, 三, ..."), "十二");
        assert_eq!(counter(2, "①, ②, ③, ..."), "②");
        assert_eq!(counter(2, "a"), "");
    }
}
