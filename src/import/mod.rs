//! Reading one return: file guards → workbook or document → grid → located tables → figures (and,
//! for a report document, its sections). Nothing here touches the checks or the store: reading
//! comes first, and a later stage keeps what this produces (`service` runs the whole pipeline).

pub mod document;
pub mod formula;
pub mod grid;
pub mod guard;
pub mod indicators;
mod odf;
mod package;
pub mod roster;
pub mod tables;
mod xml;

/// For the tests and the `xml` fuzz target: the Word body's scanner against quick-xml.
#[doc(hidden)]
#[cfg(any(test, feature = "oracle"))]
pub use xml::{agree_with_quick_xml, quick_xml_count, scanner_count};

use crate::forms::indicators::IndicatorBook;
use crate::forms::{self, Format, Table};
use crate::model::{ErrorCode, Figure, Return, SourceKind};
use crate::text::{cell_ref, norm, CellNumber};
use std::path::Path;

/// Why a file was not imported. Each message is one sentence an office worker can act on, naming
/// the file; nothing is stored for a refused file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportError {
    /// The file has no bytes (an interrupted copy, an empty attachment).
    #[error("“{file}”是空文件，没有可导入的内容，请让报送单位重新发送。")]
    Empty { file: String },
    /// Far larger than a return can be.
    #[error("“{file}”过大（{detail}），不是一份年报报表，未导入。")]
    TooBig { file: String, detail: String },
    /// Not an Excel workbook at all: a CSV or a Word file renamed .xlsx, a PDF, a web page.
    #[error("“{file}”不是 Excel 工作簿（{detail}），请用 Excel 或 WPS 另存为 .xlsx 后再导入。")]
    NotWorkbook { file: String, detail: String },
    /// A workbook whose bytes are cut off or corrupted.
    #[error("“{file}”已损坏，无法读取（{detail}），请让报送单位重新发送。")]
    Damaged { file: String, detail: String },
    /// Protected by an opening password.
    #[error("“{file}”设有打开密码，无法读取，请让报送单位去掉密码后重新发送。")]
    Encrypted { file: String },
    /// A zip whose declared sizes are far beyond any workbook: refused before inflating.
    #[error("“{file}”解压后异常巨大（{detail}），疑似恶意文件，已拒绝导入。")]
    Bomb { file: String, detail: String },
    /// A Word 97–2003 (.doc) or WPS (.wps) binary document: not readable, and easy to re-save.
    #[error("“{file}”是旧版 Word/WPS 文档（.doc 或 .wps），无法直接读取：请用 Word 或 WPS 打开，“另存为” .docx 格式后再导入。")]
    LegacyDocument { file: String },
    /// A PDF: its tables and text are drawings, not cells; the agency's .docx or the portal's page
    /// holds the same report readably.
    #[error("“{file}”是 PDF 文件，无法读取其中的表格和文字：请用 WPS 或 Word 打开后另存为 .docx，或改为导入该报告在门户网站上的网页（浏览器“另存为”.html）。")]
    Pdf { file: String },
    /// A zip, RAR or 7z archive (a whole folder sent as one attachment).
    #[error("“{file}”是压缩包，请先解压，再导入其中的报表和报告。")]
    Archive { file: String },
    /// Named as a report document (.docx, .html) but it is something else (a PDF, a text file).
    #[error("“{file}”不是 Word 文档或网页（{detail}），请用 Word 或 WPS 另存为 .docx 后再导入。")]
    NotDocument { file: String, detail: String },
    /// The name promises one kind of file and the content is another (an .xlsx renamed .docx).
    #[error("“{file}”的扩展名与内容不符（{detail}）。")]
    WrongExtension { file: String, detail: String },
    /// A document with neither the report's parts nor its tables: some other document.
    #[error("“{file}”中没有找到年度报告的章节或表格，不像是政府信息公开工作年度报告，未导入。")]
    NoReport { file: String },
    /// A workbook with no table of the report in it.
    #[error("“{file}”中没有找到年报表格（主动公开、依申请公开、复议诉讼表或统计表），未导入。")]
    NoTable { file: String },
    /// Neither the file name nor a title in the workbook names the agency.
    #[error("无法从文件名或表格标题看出“{file}”是哪个单位的报表，请把文件命名为“2021-某某局.xlsx”或导入时指定单位。")]
    NoAgency { file: String },
    /// Neither the file name nor a title in the workbook gives the year.
    #[error("无法从文件名或表格标题看出“{file}”是哪一年的报表，请把文件命名为“2021-某某局.xlsx”或导入时指定年度。")]
    NoYear { file: String },
    /// The file names a year other than the one the office gave for the batch.
    #[error("“{file}”标明是 {found} 年的报表，与指定的 {given} 年不符，未导入。")]
    YearConflict { file: String, found: i32, given: i32 },
    /// The file could not be read from disk.
    #[error("无法读取“{file}”（{detail}）。")]
    Io { file: String, detail: String },
}

impl crate::model::Coded for ImportError {
    fn code(&self) -> ErrorCode {
        match self {
            ImportError::Empty { .. } => ErrorCode::Empty,
            ImportError::TooBig { .. } => ErrorCode::TooBig,
            ImportError::NotWorkbook { .. } => ErrorCode::NotWorkbook,
            ImportError::Damaged { .. } => ErrorCode::Damaged,
            ImportError::Encrypted { .. } => ErrorCode::Encrypted,
            ImportError::Bomb { .. } => ErrorCode::Bomb,
            ImportError::NoTable { .. } => ErrorCode::NoTable,
            ImportError::NoAgency { .. } => ErrorCode::NoAgency,
            ImportError::NoYear { .. } => ErrorCode::NoYear,
            ImportError::Io { .. } => ErrorCode::Io,
            ImportError::YearConflict { .. } => ErrorCode::YearConflict,
            ImportError::LegacyDocument { .. } => ErrorCode::LegacyDocument,
            ImportError::NotDocument { .. } => ErrorCode::NotDocument,
            ImportError::WrongExtension { .. } => ErrorCode::WrongExtension,
            ImportError::NoReport { .. } => ErrorCode::NoReport,
            ImportError::Pdf { .. } => ErrorCode::Pdf,
            ImportError::Archive { .. } => ErrorCode::Archive,
        }
    }
}

impl ImportError {
    /// The failure's code (also through [`crate::model::Coded`]).
    pub fn code(&self) -> ErrorCode {
        crate::model::Coded::code(self)
    }
}

/// How a file is read: the office's 统计表 indicator tables (none: the national table) and the year
/// whose table places a 统计表 (none: the year the file names).
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions<'a> {
    pub indicators: Option<&'a IndicatorBook>,
    pub table_year: Option<i32>,
}

/// Reads a return from disk: the one entry point for a file (`read_bytes` is its twin for bytes
/// already in memory, as the fuzzers give them).
pub fn read(path: &Path, o: &ReadOptions) -> Result<Return, ImportError> {
    read_with_bytes(path, o).map(|(ret, _)| ret)
}

/// [`read`], with the file's bytes as they were read (what a cache of reads stamps an entry with).
pub fn read_with_bytes(path: &Path, o: &ReadOptions) -> Result<(Return, Vec<u8>), ImportError> {
    let (name, bytes) = read_regular(path, guard::MAX_FILE_BYTES)?;
    Ok((read_bytes(&name, &bytes, o)?, bytes))
}

/// A file's name as messages show it.
pub fn display_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// The bytes of a regular file of at most `limit` bytes, with its name. Only what is a file is
/// opened, by what it is and not by its name: a FIFO named .xlsx would block the reader for ever,
/// /dev/zero behind a symlink would be read until memory runs out, a socket or a device is no
/// return. A symlink is followed once, to a regular file. The size is checked before reading and
/// the read itself stops past the limit (a file that grows while it is read is still bounded).
pub fn read_regular(path: &Path, limit: u64) -> Result<(String, Vec<u8>), ImportError> {
    use std::io::Read;
    let name = display_name(path);
    let link = std::fs::symlink_metadata(path).map_err(|e| io_error(&name, e))?;
    let meta = if link.file_type().is_symlink() {
        let target = std::fs::read_link(path).map_err(|e| io_error(&name, e))?;
        let target = path.parent().map(|d| d.join(&target)).unwrap_or(target);
        std::fs::symlink_metadata(&target).map_err(|e| io_error(&name, e))?
    } else {
        link
    };
    check_regular(&name, &meta, limit)?;
    let file = open_nonblocking(path).map_err(|e| io_error(&name, e))?;
    // What was opened is checked again: the path may have been swapped since it was looked at.
    check_regular(&name, &file.metadata().map_err(|e| io_error(&name, e))?, limit)?;
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| io_error(&name, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(&name, bytes.len() as u64));
    }
    Ok((name, bytes))
}

fn too_big(name: &str, bytes: u64) -> ImportError {
    ImportError::TooBig { file: name.to_string(), detail: format!("文件有 {} MB", bytes.div_ceil(1024 * 1024)) }
}

fn check_regular(name: &str, meta: &std::fs::Metadata, limit: u64) -> Result<(), ImportError> {
    let ft = meta.file_type();
    let what = if ft.is_dir() {
        "这是一个文件夹"
    } else if ft.is_symlink() {
        "这是指向另一个快捷方式的快捷方式，未跟随"
    } else if !ft.is_file() {
        "它不是普通文件（可能是管道、设备或套接字），未读取"
    } else if meta.len() > limit {
        return Err(too_big(name, meta.len()));
    } else {
        return Ok(());
    };
    Err(ImportError::Io { file: name.to_string(), detail: what.into() })
}

/// Opens for reading without blocking on a FIFO put in the file's place after it was looked at.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK on Linux (asm-generic/fcntl.h); it does not change how a regular file reads.
        o.custom_flags(0o4000);
    }
    o.open(path)
}

fn io_error(name: &str, e: std::io::Error) -> ImportError {
    let detail = match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限，文件可能正被其他程序占用".to_string(),
        _ => e.to_string(),
    };
    ImportError::Io { file: name.to_string(), detail }
}

/// Reads a return from its bytes; `name` is the file name (it may carry agency and year). A
/// workbook's figures, or a report document's tables and sections.
pub fn read_bytes(name: &str, bytes: &[u8], o: &ReadOptions) -> Result<Return, ImportError> {
    let national = IndicatorBook::default();
    let (book, table_year) = (o.indicators.unwrap_or(&national), o.table_year);
    let kind = guard::check(name, bytes)?;
    match kind {
        guard::Kind::Docx | guard::Kind::Html | guard::Kind::Odt => return document::read(name, bytes, kind),
        guard::Kind::Xlsx | guard::Kind::Xls | guard::Kind::Ods => {}
    }
    let grid = grid::read(name, bytes, kind)?;
    let found = tables::locate(&grid.sheets);
    let report_tables = [Table::Active, Table::Apply, Table::Review];
    let nothing = found.figures.is_empty() && !found.stats_rows.iter().any(|r| r.has_value);
    if nothing || !found.tables.iter().any(|t| report_tables.contains(t) || *t == Table::Stats) {
        return Err(ImportError::NoTable { file: name.to_string() });
    }
    // An explicit 填报单位 cell says most; then the file name ("2021-泗水县商务局.xlsx"); then a title.
    let (name_agency, name_year) = from_file_name(name);
    let (title_agency, title_year) = title_line(&grid.sheets);
    let year = name_year.or(title_year);
    let mut ret = figures_of(name, found, year, book, table_year);
    ret.agency = filled_in_name(&grid.sheets).or(name_agency).or(title_agency);
    Ok(ret)
}

/// The figures the located tables found, as a return of the format they vote for (or the year's).
pub(crate) fn figures_of(
    name: &str,
    mut found: tables::Found,
    year: Option<i32>,
    book: &IndicatorBook,
    table_year: Option<i32>,
) -> Return {
    let format = if found.votes_2021 > found.votes_2019 {
        Format::Gov2021
    } else if found.votes_2019 > found.votes_2021 {
        Format::Gov2019
    } else {
        Format::for_year(year.unwrap_or(2021))
    };
    // The 统计表's rows on the year's indicator table.
    let indicators = book.for_year(table_year.or(year).unwrap_or(2021));
    let national = forms::indicators::national();
    let table = indicators.as_deref().unwrap_or(national);
    let tables::PlacedStats { placed: stats, not_in_table, unplaced } =
        tables::place_stats(&found.stats_rows, table, national);
    let stats_ids: rustc_hash::FxHashSet<String> = stats.iter().map(|l| l.id.clone()).collect();
    found.figures.extend(stats);
    let mut figures = found
        .figures
        .into_iter()
        .filter(|l| stats_ids.contains(&l.id) || forms::def(&l.id, format).is_some())
        .map(|l| Figure {
            value: match l.number {
                CellNumber::Value(v) => Some(v),
                CellNumber::Zero => Some(0.0),
                CellNumber::Unreadable => None,
            },
            id: l.id,
            raw: l.raw,
            sheet: l.sheet,
            cell: cell_ref(l.row, l.col),
        })
        .collect::<Vec<_>>();
    // Keep the forms' order (the indicator table's for the 统计表), so every output lists figures
    // the same way.
    figures.sort_by_cached_key(|f| forms::figure_order(&f.id, format, table));
    let mut tables = found.tables;
    tables.sort();
    Return {
        file: name.to_string(),
        agency: None,
        year,
        format,
        tables,
        figures,
        source: SourceKind::Workbook,
        document: None,
        indicators,
        unplaced,
        not_in_table,
    }
}

/// Agency and year from a title such as "泗水县商务局2021年政府信息公开工作年度报告".
pub(crate) fn name_and_year(title: &str) -> (Option<String>, Option<i32>) {
    let n = norm(title);
    // "2021年度政府信息公开情况统计表（某某镇人民政府）": the agency in brackets after the title.
    let bracketed = || {
        let inner = n.strip_suffix(')')?;
        clean_name(&inner[inner.rfind('(')? + 1..])
    };
    match find_year(&n) {
        Some((y, a, _)) => (clean_name(&n[..a]).or_else(bracketed), Some(y)),
        None => (None, None),
    }
}

/// Words around an agency's name in file names and titles that are not part of the name.
const NOT_NAME: &[&str] = &[
    "政府信息公开工作年度报告",
    "政府信息公开年度报告",
    "政府信息公开情况统计表",
    "政府信息公开工作",
    "政府信息公开",
    "年度报告",
    "工作年报",
    "年报表格",
    "年报数据",
    "年报",
    "统计表",
    "报表",
    "数据",
    "表格",
    "(修改)",
    "(最终版)",
    "最终版",
    "修改版",
    "定稿",
    "年度",
    "年",
];

/// A name typed into a 填报单位 cell, kept as typed (a leading "-" or "=" is part of it): only
/// invisible characters, spaces and a 盖章 note dropped.
fn typed_name(s: &str) -> Option<String> {
    let n = norm(&crate::text::one_line(s));
    let n = n.trim_end_matches("(盖章)").trim().to_string();
    let chinese = n.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
    (chinese >= 2 && n.chars().count() <= 60 && !n.contains("盖章")).then_some(n)
}

pub(crate) fn clean_name(s: &str) -> Option<String> {
    // Control characters have no place in a name (and none in the XML of an export).
    let s = crate::text::one_line(s);
    let mut n = norm(&s);
    loop {
        let before = n.clone();
        for w in NOT_NAME {
            if let Some(x) = n.strip_suffix(w) {
                n = x.to_string();
            }
            if let Some(x) = n.strip_prefix(w) {
                n = x.to_string();
            }
        }
        n = n.trim_matches(|c: char| "-_.·()[]、,，《》“”\"'".contains(c) || c.is_ascii_digit()).to_string();
        if n == before {
            break;
        }
    }
    // A name is Chinese text of a sensible length: "新建" or "副本" alone is no agency.
    let chinese = n.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
    let generic =
        n.contains("工作表") || n.contains("工作簿") || matches!(n.as_str(), "新建" | "副本" | "附件" | "汇总");
    if chinese >= 2 && n.chars().count() <= 60 && !generic {
        Some(n)
    } else {
        None
    }
}

/// A year in 2000–2099 standing on its own in `s` (not part of a longer number such as a phone).
pub(crate) fn find_year(s: &str) -> Option<(i32, usize, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i] == b'2' && b[i + 1] == b'0' && b[i + 2].is_ascii_digit() && b[i + 3].is_ascii_digit() {
            let before_ok = i == 0 || !b[i - 1].is_ascii_digit();
            let after_ok = i + 4 == b.len() || !b[i + 4].is_ascii_digit();
            if before_ok && after_ok {
                let y: i32 = s[i..i + 4].parse().ok()?;
                return Some((y, i, i + 4));
            }
        }
        i += 1;
    }
    None
}

/// Agency and year from a file name such as "2021-泗水县商务局.xlsx" or "泗水县商务局2021年度报表.xls".
pub fn from_file_name(name: &str) -> (Option<String>, Option<i32>) {
    let stem = Path::new(name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = norm(&stem);
    match find_year(&stem) {
        Some((y, a, b)) => {
            let before = clean_name(&stem[..a]);
            let after = clean_name(&stem[b..]);
            (before.or(after), Some(y))
        }
        None => (clean_name(&stem), None),
    }
}

/// Agency and year from a title in the workbook, e.g. "泗水县商务局2021年政府信息公开工作年度报告".
pub fn from_titles(sheets: &[grid::Sheet]) -> (Option<String>, Option<i32>) {
    let (named, year) = title_line(sheets);
    (filled_in_name(sheets).or(named), year)
}

/// "填报单位：泗水县商务局" in one cell, or the label with the name in the next cell (the template).
fn filled_in_name(sheets: &[grid::Sheet]) -> Option<String> {
    for sheet in sheets {
        for row in sheet.rows.iter().take(6) {
            for (i, c) in row.cells.iter().enumerate() {
                let Some(rest) = ["填报单位", "报送单位", "填报机关"].iter().find_map(|k| c.norm.strip_prefix(k))
                else {
                    continue;
                };
                let rest = rest.trim_start_matches([':', '：']);
                let name =
                    if rest.is_empty() { row.cells.get(i + 1).map(|n| n.norm.as_str()).unwrap_or("") } else { rest };
                if let Some(n) = typed_name(name).or_else(|| clean_name(name)) {
                    return Some(n);
                }
            }
        }
    }
    None
}

fn title_line(sheets: &[grid::Sheet]) -> (Option<String>, Option<i32>) {
    for sheet in sheets {
        for row in sheet.rows.iter().take(4) {
            for c in &row.cells {
                if !c.hay().has_any(&["政府信息公开", "统计表", "年报"]) {
                    continue;
                }
                if let (agency, Some(y)) = name_and_year(&c.norm) {
                    return (agency, Some(y));
                }
            }
        }
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_years_from_file_names() {
        assert_eq!(from_file_name("2021-泗水县商务局.xlsx"), (Some("泗水县商务局".into()), Some(2021)));
        assert_eq!(
            from_file_name("泗水县商务局2021年政府信息公开工作年度报告.xls"),
            (Some("泗水县商务局".into()), Some(2021))
        );
        assert_eq!(
            from_file_name("2020年 沂源县悦庄镇人民政府 年报数据(最终版).xlsx"),
            (Some("沂源县悦庄镇人民政府".into()), Some(2020))
        );
        assert_eq!(from_file_name("新建 Microsoft Excel 工作表.xlsx").1, None);
        assert_eq!(from_file_name("报表.xlsx"), (None, None));
    }
}
