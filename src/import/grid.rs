//! Workbook → grid: every sheet as sparse rows of cells at their absolute positions (a table may
//! start anywhere), text already normalised for matching. Merged regions are not expanded: the
//! locators read a merged label where Excel keeps it (top-left) and look left and up from a cell.

use super::guard::Kind;
use super::ImportError;
use crate::text::{char_mask, norm, Hay};
use calamine::{Data, DataRef, Reader, Xls, Xlsx};
use std::io::Cursor;

pub use super::guard::MAX_CELLS_PER_SHEET;

#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Text(String),
    Num(f64),
    /// A formula with no saved result (written by a program that does not calculate).
    Formula(String),
    /// A date, a boolean or an error value such as #DIV/0!: kept as shown, never a number.
    Other(String),
}

#[derive(Debug, Clone)]
pub struct GCell {
    pub col: u32,
    pub val: Val,
    /// Normalised text for label matching; empty for numbers.
    pub norm: String,
    /// `norm`'s [`crate::text::char_mask`], worked out once: a cell is tried against many words.
    mask: u64,
}

impl GCell {
    /// A cell with its normalised text (empty for a number or other value); its mask follows.
    pub fn new(col: u32, val: Val, norm: String) -> GCell {
        GCell { col, val, mask: char_mask(&norm), norm }
    }
    /// The cell's normalised text, ready to be searched for words.
    pub fn hay(&self) -> Hay<'_> {
        Hay::with_mask(&self.norm, self.mask)
    }
}

#[derive(Debug, Clone)]
pub struct Row {
    pub row: u32,
    pub cells: Vec<GCell>,
}

impl Row {
    pub fn get(&self, col: u32) -> Option<&GCell> {
        self.cells.binary_search_by_key(&col, |c| c.col).ok().map(|i| &self.cells[i])
    }
    /// True when the row holds a number anywhere (a header row holds none).
    pub fn has_number(&self) -> bool {
        self.cells.iter().any(|c| matches!(c.val, Val::Num(_) | Val::Formula(_)))
    }
}

#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Row>,
}

impl Sheet {
    pub fn row(&self, r: u32) -> Option<&Row> {
        self.rows.binary_search_by_key(&r, |x| x.row).ok().map(|i| &self.rows[i])
    }
}

#[derive(Debug, Clone)]
pub struct Grid {
    pub sheets: Vec<Sheet>,
}

fn text_cell(col: u32, s: &str) -> Option<GCell> {
    let n = norm(s);
    if n.is_empty() {
        return None;
    }
    Some(GCell::new(col, Val::Text(s.to_string()), n))
}

fn push(rows: &mut Vec<Row>, row: u32, cell: GCell) {
    match rows.last_mut() {
        Some(last) if last.row == row => last.cells.push(cell),
        _ => {
            // Room for a table row's usual cells (a label and seven figures) without regrowing.
            let mut cells = Vec::with_capacity(8);
            cells.push(cell);
            rows.push(Row { row, cells });
        }
    }
}

fn finish(mut rows: Vec<Row>) -> Vec<Row> {
    // Readers give cells in row order; sort anyway, a hand-made file may not.
    rows.sort_by_key(|r| r.row);
    let mut merged: Vec<Row> = Vec::with_capacity(rows.len());
    for mut r in rows {
        r.cells.sort_by_key(|c| c.col);
        r.cells.dedup_by_key(|c| c.col);
        match merged.last_mut() {
            Some(last) if last.row == r.row => {
                last.cells.extend(r.cells);
                last.cells.sort_by_key(|c| c.col);
            }
            _ => merged.push(r),
        }
    }
    merged
}

fn from_dataref(col: u32, v: &DataRef<'_>, formula: Option<String>) -> Option<GCell> {
    let val = match v {
        DataRef::Int(i) => Val::Num(*i as f64),
        DataRef::Float(f) => Val::Num(*f),
        DataRef::String(s) => return text_cell(col, s),
        DataRef::SharedString(s) => return text_cell(col, s),
        DataRef::Bool(b) => Val::Other(if *b { "TRUE".into() } else { "FALSE".into() }),
        DataRef::DateTime(d) => Val::Other(format!("日期 {}", d.as_f64())),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Val::Other(s.clone()),
        DataRef::Error(e) => Val::Other(format!("{e}")),
        DataRef::Empty => match formula {
            Some(f) if !f.is_empty() => Val::Formula(f),
            _ => return None,
        },
    };
    Some(GCell::new(col, val, String::new()))
}

fn from_data(col: u32, v: &Data) -> Option<GCell> {
    let val = match v {
        Data::Int(i) => Val::Num(*i as f64),
        Data::Float(f) => Val::Num(*f),
        Data::String(s) => return text_cell(col, s),
        Data::Bool(b) => Val::Other(if *b { "TRUE".into() } else { "FALSE".into() }),
        Data::DateTime(d) => Val::Other(format!("日期 {}", d.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Val::Other(s.clone()),
        Data::Error(e) => Val::Other(format!("{e}")),
        Data::Empty => return None,
    };
    Some(GCell::new(col, val, String::new()))
}

thread_local! {
    /// Set while a workbook reader runs on this thread: its panics are caught and reported as a
    /// damaged file, so they are not printed either.
    static IN_READER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs a workbook reader so that a panic inside it (calamine indexes past the end of some damaged
/// .xls files, found by fuzzing) becomes an error instead of ending the program. The panic hook is
/// wrapped once to stay quiet for panics caught here and unchanged for every other panic.
fn guarded<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> std::thread::Result<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_READER.with(|f| f.get()) {
                previous(info)
            }
        }));
    });
    IN_READER.with(|f| f.set(true));
    let r = std::panic::catch_unwind(f);
    IN_READER.with(|f| f.set(false));
    r
}

/// Reads every sheet of a workbook that passed the guard.
pub fn read(file: &str, bytes: &[u8], kind: Kind) -> Result<Grid, ImportError> {
    guarded(|| read_unguarded(file, bytes, kind)).unwrap_or_else(|_| {
        Err(ImportError::Damaged { file: file.to_string(), detail: "工作簿内容损坏，无法解析".into() })
    })
}

fn read_unguarded(file: &str, bytes: &[u8], kind: Kind) -> Result<Grid, ImportError> {
    let damaged = |e: String| ImportError::Damaged { file: file.to_string(), detail: e };
    let mut sheets = Vec::new();
    match kind {
        Kind::Xlsx => {
            let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| map_xlsx(file, e))?;
            let names = wb.sheet_names();
            for name in names {
                let mut rows = Vec::new();
                let mut reader = match wb.worksheet_cells_reader(&name) {
                    Ok(r) => r,
                    // A chart sheet or a dialog sheet has no cells: not an error.
                    Err(calamine::XlsxError::WorksheetNotFound(_)) => continue,
                    Err(e) => return Err(map_xlsx(file, e)),
                };
                let mut n = 0usize;
                while let Some(c) = reader.next_cell_with_formula().map_err(|e| map_xlsx(file, e))? {
                    let (r, col) = c.pos;
                    if let Some(cell) = from_dataref(col, &c.value, c.formula) {
                        push(&mut rows, r, cell);
                        n += 1;
                        if n >= MAX_CELLS_PER_SHEET {
                            break;
                        }
                    }
                }
                sheets.push(Sheet { name, rows: finish(rows) });
            }
        }
        Kind::Ods => sheets = super::odf::sheets(bytes).map_err(damaged)?.into_iter().map(ods_sheet).collect(),
        Kind::Docx | Kind::Html | Kind::Odt => {
            return Err(ImportError::NotWorkbook {
                file: file.to_string(),
                detail: "它是年度报告文档，不是 Excel 工作簿".into(),
            })
        }
        Kind::Xls => {
            let mut wb: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
                calamine::XlsError::Password => ImportError::Encrypted { file: file.to_string() },
                _ => damaged("无法按 Excel 97-2003 格式读取".into()),
            })?;
            for name in wb.sheet_names() {
                let range = match wb.worksheet_range(&name) {
                    Ok(r) => r,
                    Err(_) => return Err(damaged(format!("工作表“{name}”无法读取"))),
                };
                let mut rows = Vec::new();
                let mut n = 0usize;
                for (r, col, v) in range.used_cells() {
                    let (sr, sc) = range.start().unwrap_or((0, 0));
                    if let Some(cell) = from_data(sc + col as u32, v) {
                        push(&mut rows, sr + r as u32, cell);
                        n += 1;
                        if n >= MAX_CELLS_PER_SHEET {
                            break;
                        }
                    }
                }
                sheets.push(Sheet { name, rows: finish(rows) });
            }
        }
    }
    Ok(Grid { sheets })
}

fn map_xlsx(file: &str, e: calamine::XlsxError) -> ImportError {
    match e {
        calamine::XlsxError::Password => ImportError::Encrypted { file: file.to_string() },
        _ => ImportError::Damaged { file: file.to_string(), detail: "工作簿内容无法解析".into() },
    }
}

/// An .ods sheet as the workbook readers make theirs: number cells from `office:value`, text
/// normalised for matching.
fn ods_sheet(s: super::odf::OdsSheet) -> Sheet {
    use super::odf::Value;
    let rows = s
        .rows
        .into_iter()
        .map(|(row, cells)| Row {
            row,
            cells: cells
                .into_iter()
                .map(|(col, v)| match v {
                    Value::Num(n) => GCell::new(col, Val::Num(n), String::new()),
                    Value::Text(t) => {
                        let n = norm(&t);
                        GCell::new(col, Val::Text(t), n)
                    }
                    Value::Other(t) => {
                        let n = norm(&t);
                        GCell::new(col, Val::Other(t), n)
                    }
                })
                .collect(),
        })
        .collect();
    Sheet { name: s.name, rows }
}
