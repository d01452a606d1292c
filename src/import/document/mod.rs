//! Report documents: the agency's own 政府信息公开工作年度报告 as a Word document or a saved portal
//! page. A document is read into blocks (paragraphs and tables); its tables become the same grid
//! the workbook readers make, so the located-tables readers and the checks work unchanged
//! (provenance: "表格 2", the cell's column letter and row); its paragraphs are split into the
//! report's sections.

pub mod docx;
pub mod html;
pub mod sections;
mod xml;

use super::grid::{GCell, Row, Sheet, Val};
use super::ImportError;
use crate::model::{Return, SourceKind};
use crate::text::{norm, parse_number, CellNumber};

/// A paragraph of a document, with what marks it as a heading.
#[derive(Debug, Clone, Default)]
pub struct Para {
    pub text: String,
    /// The number Word or WPS puts in front of it from numbering.xml ("一、"), "" for none.
    pub number: String,
    /// Most of its characters are bold.
    pub bold: bool,
    /// Its outline level (0 for a level-1 heading) from its style or an HTML heading.
    pub outline: Option<u8>,
    /// 1-based position among the document's paragraphs, for provenance.
    pub index: usize,
}

/// A table as cells placed on its grid: (column, text) per row; merged cells are kept at their
/// first position, as Excel keeps merges.
#[derive(Debug, Clone, Default)]
pub struct TableGrid {
    pub rows: Vec<Vec<(u32, String)>>,
    pub width: u32,
}

#[derive(Debug, Clone)]
pub enum Block {
    Para(Para),
    Table(TableGrid),
    Picture,
}

/// A table broken by a page into two tables (the header not repeated) is one table again: a table
/// of the same width that follows another with nothing but empty paragraphs between, and whose
/// first row holds numbers rather than a header.
fn join_split_tables(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for b in blocks {
        if let Block::Table(t) = &b {
            let continues = t.rows.first().is_some_and(|r| r.iter().any(|(_, s)| is_number_text(s)));
            let prev = out
                .iter()
                .rposition(|x| !matches!(x, Block::Para(p) if p.text.trim().is_empty() && p.number.is_empty()));
            if let (true, Some(i)) = (continues, prev) {
                if let Block::Table(before) = &mut out[i] {
                    if before.width == t.width {
                        before.rows.extend(t.rows.iter().cloned());
                        continue;
                    }
                }
            }
        }
        out.push(b);
    }
    out
}

/// Text that is a plain number ("12", "１２", "1,234", "0.5"): a number cell, as a workbook has it.
fn is_number_text(s: &str) -> bool {
    let n = norm(s);
    !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == '-')
        && n.chars().any(|c| c.is_ascii_digit())
}

/// A document table as a sheet named "表格 N". Plain numbers become number cells (the locators
/// tell header rows from data rows by them); anything else stays text as typed ("3件", "无").
fn sheet_of(n: usize, t: &TableGrid) -> Sheet {
    let mut rows = Vec::new();
    for (r, cells) in t.rows.iter().enumerate() {
        let mut out = Vec::new();
        for (col, text) in cells {
            let text = text.replace('\u{a0}', " ");
            let val = match parse_number(&text) {
                CellNumber::Value(v) if is_number_text(&text) => Val::Num(v),
                _ => Val::Text(text.clone()),
            };
            let norm = if matches!(val, Val::Num(_)) { String::new() } else { norm(&text) };
            out.push(GCell::new(*col, val, norm));
        }
        if !out.is_empty() {
            rows.push(Row { row: r as u32, cells: out });
        }
    }
    Sheet { name: format!("表格 {n}"), rows }
}

/// Reads a report document (the guard has told what it is).
pub fn read(name: &str, bytes: &[u8], source: SourceKind) -> Result<Return, ImportError> {
    let damaged = |detail: String| ImportError::Damaged { file: name.to_string(), detail };
    let blocks = match source {
        SourceKind::Word => docx::read(bytes).map_err(damaged)?,
        _ => html::read(bytes).map_err(damaged)?,
    };
    let blocks = join_split_tables(blocks);
    let mut sheets = Vec::new();
    let mut paras = Vec::new();
    let mut pictures = 0;
    for b in &blocks {
        match b {
            Block::Para(p) => paras.push(p.clone()),
            Block::Table(t) => sheets.push(sheet_of(sheets.len() + 1, t)),
            Block::Picture => pictures += 1,
        }
    }
    let mut document = sections::split(&paras);
    document.pictures = pictures;
    let found = super::tables::locate(&sheets);
    if document.headings.is_empty() && found.figures.is_empty() {
        return Err(ImportError::NoReport { file: name.to_string() });
    }
    let (title_agency, title_year) = super::name_and_year(&document.title);
    let (file_agency, file_year) = super::from_file_name(name);
    let year = title_year.or(file_year);
    let mut ret = super::figures_of(name, found, year, &Default::default(), None);
    ret.agency = title_agency.or(file_agency);
    ret.source = source;
    ret.document = Some(document);
    Ok(ret)
}
