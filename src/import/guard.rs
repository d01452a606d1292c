//! File guards: what is checked before a workbook is opened, so a bad file costs next to nothing.
//! calamine has no zip-bomb guard (MACHINE-NOTES: a 1.5 GB bomb took 3 s and 1.5 GB of memory), so
//! the zip's central directory is read first and its declared sizes are checked without inflating.

use super::ImportError;
use std::io::Cursor;

/// Cells read from one sheet at most; beyond this a sheet is not a return (a pasted register, say)
/// and the rest of it is not read. Keeps time and memory bounded on hostile files.
pub const MAX_CELLS_PER_SHEET: usize = 200_000;

/// Larger than any real return by far (real ones are 10–200 KB).
pub const MAX_FILE_BYTES: u64 = 30 * 1024 * 1024;
/// Inflated size of one part of the workbook (a sheet's XML) that we still read.
pub const MAX_PART_BYTES: u64 = 100 * 1024 * 1024;
/// Inflated size of the whole workbook.
pub const MAX_TOTAL_BYTES: u64 = 200 * 1024 * 1024;
/// A real workbook has a few dozen parts.
pub const MAX_PARTS: usize = 5_000;

/// What kind of file the bytes are, as far as the guard can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Xlsx,
    Xls,
    /// A Word document (.docx, from Word or WPS).
    Docx,
    /// A web page saved from a portal.
    Html,
    /// An OpenDocument spreadsheet (.ods, LibreOffice's own format).
    Ods,
    /// An OpenDocument text (.odt): a report written in LibreOffice Writer.
    Odt,
}

impl Kind {
    pub fn is_document(self) -> bool {
        matches!(self, Kind::Docx | Kind::Html | Kind::Odt)
    }
}

/// Which family a file's name puts it in: a workbook, a report document, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameSays {
    Workbook,
    Document,
    Other,
}

pub fn name_says(name: &str) -> NameSays {
    let ext = std::path::Path::new(name).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "et" | "ods" => NameSays::Workbook,
        "docx" | "html" | "htm" | "shtml" | "mht" | "doc" | "wps" | "odt" => NameSays::Document,
        _ => NameSays::Other,
    }
}

/// Checks the bytes of a file before any parsing. `name` is only used in messages and to hold the
/// content to what the name promises (a workbook renamed .docx is refused, and the reverse).
pub fn check(name: &str, bytes: &[u8]) -> Result<Kind, ImportError> {
    let kind = check_content(name, bytes)?;
    let file = name.to_string();
    match (name_says(name), kind.is_document()) {
        (NameSays::Workbook, true) => Err(ImportError::NotWorkbook {
            file,
            detail: match kind {
                Kind::Docx => "它是 Word 文档，不是 Excel 工作簿",
                Kind::Odt => "它是 LibreOffice 文字文档，不是电子表格",
                _ => "它是网页文件",
            }
            .into(),
        }),
        (NameSays::Document, false) => Err(ImportError::WrongExtension {
            file,
            detail: if kind == Kind::Ods {
                "它其实是 LibreOffice 电子表格，请把扩展名改为 .ods".into()
            } else {
                "它其实是 Excel 工作簿，请把扩展名改为 .xlsx 或 .xls".into()
            },
        }),
        _ => Ok(kind),
    }
}

fn check_content(name: &str, bytes: &[u8]) -> Result<Kind, ImportError> {
    let file = name.to_string();
    if bytes.is_empty() {
        return Err(ImportError::Empty { file });
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooBig { file, detail: format!("文件有 {} MB", bytes.len() / 1024 / 1024) });
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return check_zip(&file, bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // An encrypted .xlsx or .docx is a compound file holding an "EncryptedPackage" stream.
        if contains_utf16(bytes, "EncryptedPackage") {
            return Err(ImportError::Encrypted { file });
        }
        // Word 97–2003 (.doc) and WPS (.wps) keep their text in a "WordDocument" stream.
        if contains_utf16(bytes, "WordDocument") {
            return Err(ImportError::LegacyDocument { file });
        }
        if bytes.len() < 1024 {
            return Err(ImportError::Damaged { file, detail: "文件不完整".into() });
        }
        check_compound(&file, bytes)?;
        return Ok(Kind::Xls);
    }
    let head = &bytes[..bytes.len().min(2048)];
    if is_html(head) {
        return Ok(Kind::Html);
    }
    if head.starts_with(b"%PDF") {
        return Err(ImportError::Pdf { file });
    }
    if head.starts_with(b"Rar!\x1a\x07") || head.starts_with(b"7z\xbc\xaf\x27\x1c") {
        return Err(ImportError::Archive { file });
    }
    let picture = head.starts_with(b"\x89PNG") || head.starts_with(b"\xff\xd8\xff") || head.starts_with(b"GIF8");
    let detail = if picture {
        "它是图片（扫描件或截图），请让报送单位发送 Excel 报表或 Word 报告"
    } else if head.starts_with(b"{\\rtf") {
        "它是 RTF 文档，请用 Word 或 WPS 另存为 .docx"
    } else if std::str::from_utf8(head).is_ok() || head.iter().all(|b| *b >= 0x09) {
        "它是文本文件（可能是改了扩展名的 CSV）"
    } else {
        "无法识别文件内容"
    };
    if name_says(name) == NameSays::Document {
        return Err(ImportError::NotDocument { file, detail: detail.into() });
    }
    Err(ImportError::NotWorkbook { file, detail: detail.into() })
}

/// A page: markup at its start (after a BOM and white space), with the tags a page has.
fn is_html(head: &[u8]) -> bool {
    let start = head.iter().position(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF)).unwrap_or(0);
    if head.get(start) != Some(&b'<') {
        return false;
    }
    ["<html", "<!doctype html", "<head", "<body", "<meta", "<div", "<p>", "<table"]
        .iter()
        .any(|tag| head.windows(tag.len()).any(|w| w.eq_ignore_ascii_case(tag.as_bytes())))
}

fn check_zip(file: &str, bytes: &[u8]) -> Result<Kind, ImportError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::Damaged {
        file: file.to_string(),
        detail: match e {
            zip::result::ZipError::InvalidArchive(_) => "压缩结构不完整，可能下载或拷贝时被截断".into(),
            _ => "无法读取其压缩结构".into(),
        },
    })?;
    if zip.len() > MAX_PARTS {
        return Err(ImportError::Bomb { file: file.to_string(), detail: format!("包含 {} 个部件", zip.len()) });
    }
    let mut total: u64 = 0;
    let mut has_workbook = false;
    let mut is_word = false;
    let mut is_odf = false;
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|_| ImportError::Damaged { file: file.to_string(), detail: "压缩结构损坏".into() })?;
        let size = entry.size();
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if name == "xl/workbook.xml" || name == "xl/workbook.bin" {
            has_workbook = true;
        }
        if name == "word/document.xml" {
            is_word = true;
        }
        if name == "content.xml" {
            is_odf = true;
        }
        if entry.encrypted() {
            return Err(ImportError::Encrypted { file: file.to_string() });
        }
        // A part that inflates far beyond what its compressed bytes could honestly hold.
        let ratio_bomb = entry.compressed_size() > 0 && size / entry.compressed_size().max(1) > 1000 && size > 10 << 20;
        if size > MAX_PART_BYTES || ratio_bomb {
            return Err(ImportError::Bomb {
                file: file.to_string(),
                detail: format!("其中一部分解压后达 {} MB", size / 1024 / 1024),
            });
        }
        total = total.saturating_add(size);
    }
    if total > MAX_TOTAL_BYTES {
        return Err(ImportError::Bomb {
            file: file.to_string(),
            detail: format!("解压后共 {} MB", total / 1024 / 1024),
        });
    }
    match (has_workbook, is_word) {
        (true, _) => Ok(Kind::Xlsx),
        (false, true) => Ok(Kind::Docx),
        (false, false) if is_odf => opendocument(file, &mut zip),
        (false, false) => Err(ImportError::Archive { file: file.to_string() }),
    }
}

/// Which OpenDocument file a package is, by its `mimetype` entry (a few dozen bytes).
fn opendocument(file: &str, zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<Kind, ImportError> {
    use std::io::Read;
    let mut mime = String::new();
    if let Ok(entry) = zip.by_name("mimetype") {
        let _ = entry.take(100).read_to_string(&mut mime);
    }
    match mime.trim() {
        "application/vnd.oasis.opendocument.spreadsheet" => Ok(Kind::Ods),
        "application/vnd.oasis.opendocument.text" => Ok(Kind::Odt),
        _ => Err(ImportError::NotWorkbook {
            file: file.to_string(),
            detail: "它是 OpenDocument 文件，但既不是电子表格也不是文字文档".into(),
        }),
    }
}

fn contains_utf16(bytes: &[u8], s: &str) -> bool {
    let pat: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    bytes.windows(pat.len()).any(|w| w == pat.as_slice())
}

/// A legacy .xls is a compound file: sectors chained through a table. calamine follows those
/// chains without noticing a loop, and a damaged file whose chain loops makes it take memory until
/// the machine runs out (found by fuzzing). The cfb crate checks every chain as it opens the file;
/// reading the workbook stream through it proves the chains calamine will follow are sound.
fn check_compound(file: &str, bytes: &[u8]) -> Result<(), ImportError> {
    use std::io::Read;
    let damaged = |detail: String| ImportError::Damaged { file: file.to_string(), detail };
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| damaged("文件内部结构损坏".into()))?;
    let entries: Vec<(std::path::PathBuf, u64)> =
        cf.walk().filter(|e| e.is_stream()).map(|e| (e.path().to_path_buf(), e.len())).collect();
    let mut found = false;
    for (path, len) in entries {
        // Every stream must fit in the file that holds it.
        if len > bytes.len() as u64 * 2 {
            return Err(damaged("文件内部结构损坏".into()));
        }
        let mut stream = cf.open_stream(&path).map_err(|_| damaged("文件内部结构损坏".into()))?;
        let mut sink = Vec::with_capacity(len as usize);
        stream
            .by_ref()
            .take(bytes.len() as u64 * 2)
            .read_to_end(&mut sink)
            .map_err(|_| damaged("文件内部结构损坏".into()))?;
        let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
        if name == "workbook" || name == "book" {
            found = true;
            check_biff_extent(&sink).map_err(damaged)?;
        }
    }
    if !found {
        return Err(ImportError::NotWorkbook {
            file: file.to_string(),
            detail: "它是 Office 文档，但不是 Excel 工作簿".into(),
        });
    }
    Ok(())
}

/// Cells a legacy sheet may span. calamine lays every .xls sheet out as a dense grid while opening
/// the file, so a damaged cell record claiming row 60,000 and column 60,000 asks for tens of GB
/// (found by fuzzing). Real returns span a few hundred cells; registers pasted beside them, tens of
/// thousands.
pub const MAX_XLS_SHEET_AREA: u64 = 4_000_000;

/// Walks the BIFF records of a workbook stream and checks, sheet by sheet, the area its cell
/// records span: within the format's limits (65,536 rows, 256 columns) and [`MAX_XLS_SHEET_AREA`].
fn check_biff_extent(stream: &[u8]) -> Result<(), String> {
    let mut at = 0usize;
    // (min row, max row, min col, max col) of the current sheet's cells.
    let mut extent: Option<(u32, u32, u32, u32)> = None;
    let close = |extent: &mut Option<(u32, u32, u32, u32)>| -> Result<(), String> {
        if let Some((r0, r1, c0, c1)) = extent.take() {
            let area = (r1 - r0 + 1) as u64 * (c1 - c0 + 1) as u64;
            if c1 > 255 || area > MAX_XLS_SHEET_AREA {
                return Err("工作表范围异常巨大，文件可能已损坏".into());
            }
        }
        Ok(())
    };
    while at + 4 <= stream.len() {
        let kind = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = u16::from_le_bytes([stream[at + 2], stream[at + 3]]) as usize;
        let data = &stream[at + 4..(at + 4 + len).min(stream.len())];
        let cell = |row: u32, first: u32, last: u32, e: &mut Option<(u32, u32, u32, u32)>| {
            let (r0, r1, c0, c1) = e.get_or_insert((row, row, first, last));
            *r0 = (*r0).min(row);
            *r1 = (*r1).max(row);
            *c0 = (*c0).min(first);
            *c1 = (*c1).max(last);
        };
        match kind {
            // DIMENSIONS: calamine reserves room for the whole declared area at once, so a declared
            // billion rows must be refused before it gets there. Computed as calamine does.
            0x0200 if matches!(data.len(), 10 | 14 | 16) => {
                let u16_at = |i: usize| u16::from_le_bytes([data[i], data[i + 1]]) as u32;
                let u32_at = |i: usize| u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
                let (rf, rl, mut cf, cl) = if data.len() == 10 {
                    (u16_at(0), u16_at(2), u16_at(4), u16_at(6))
                } else {
                    (u32_at(0), u32_at(4), u16_at(8), u16_at(10))
                };
                if cf > 0xFF || cl < cf {
                    cf = 0;
                }
                if rl >= 1 && cl >= 1 {
                    let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1) as u64;
                    let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1) as u64;
                    if rows.saturating_mul(cols) > MAX_XLS_SHEET_AREA {
                        return Err("工作表声明的范围异常巨大，文件可能已损坏".into());
                    }
                }
            }
            // BOF starts a substream, EOF ends one: the extent is per sheet.
            0x0809 | 0x000A => close(&mut extent)?,
            // NUMBER, LABELSST, RK, BLANK, FORMULA, LABEL, BOOLERR, RSTRING: row, column first.
            0x0203 | 0x00FD | 0x027E | 0x0201 | 0x0006 | 0x0204 | 0x0205 | 0x00D6 if data.len() >= 4 => {
                let row = u16::from_le_bytes([data[0], data[1]]) as u32;
                let col = u16::from_le_bytes([data[2], data[3]]) as u32;
                cell(row, col, col, &mut extent);
            }
            // MULRK, MULBLANK: row, first column, …, last column in the record's last two bytes.
            0x00BD | 0x00BE if data.len() >= 6 => {
                let row = u16::from_le_bytes([data[0], data[1]]) as u32;
                let first = u16::from_le_bytes([data[2], data[3]]) as u32;
                let last = u16::from_le_bytes([data[data.len() - 2], data[data.len() - 1]]) as u32;
                cell(row, first.min(last), first.max(last), &mut extent);
            }
            _ => {}
        }
        at += 4 + len;
    }
    close(&mut extent)
}
