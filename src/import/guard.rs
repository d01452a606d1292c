//! File guards: what is checked before a workbook is opened, so a bad file costs next to nothing.
//! calamine has no zip-bomb guard (MACHINE-NOTES: a 1.5 GB bomb took 3 s and 1.5 GB of memory), so
//! the zip's central directory is read first and its declared sizes are checked without inflating.

use super::ImportError;
use std::io::Cursor;

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
}

/// Checks the bytes of a file before any parsing. `name` is only used in messages.
pub fn check(name: &str, bytes: &[u8]) -> Result<Kind, ImportError> {
    let file = name.to_string();
    if bytes.is_empty() {
        return Err(ImportError::Empty { file });
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooBig { file, detail: format!("文件有 {} MB", bytes.len() / 1024 / 1024) });
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        check_zip(&file, bytes)?;
        return Ok(Kind::Xlsx);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // An encrypted .xlsx is a compound file holding an "EncryptedPackage" stream.
        if contains_utf16(bytes, "EncryptedPackage") {
            return Err(ImportError::Encrypted { file });
        }
        if bytes.len() < 1024 {
            return Err(ImportError::Damaged { file, detail: "文件不完整".into() });
        }
        check_compound(&file, bytes)?;
        return Ok(Kind::Xls);
    }
    let head = &bytes[..bytes.len().min(512)];
    let detail = if head.starts_with(b"%PDF") {
        "它是 PDF 文件"
    } else if head.starts_with(b"{\\rtf") {
        "它是 RTF 文档"
    } else if head.windows(5).any(|w| w.eq_ignore_ascii_case(b"<html")) {
        "它是网页文件"
    } else if std::str::from_utf8(head).is_ok() || head.iter().all(|b| *b >= 0x09) {
        "它是文本文件（可能是改了扩展名的 CSV）"
    } else {
        "无法识别文件内容"
    };
    Err(ImportError::NotWorkbook { file, detail: detail.into() })
}

fn check_zip(file: &str, bytes: &[u8]) -> Result<(), ImportError> {
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
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|_| ImportError::Damaged { file: file.to_string(), detail: "压缩结构损坏".into() })?;
        let size = entry.size();
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if name == "xl/workbook.xml" || name == "xl/workbook.bin" {
            has_workbook = true;
        }
        if name.starts_with("word/") {
            is_word = true;
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
        return Err(ImportError::Bomb { file: file.to_string(), detail: format!("解压后共 {} MB", total / 1024 / 1024) });
    }
    if !has_workbook {
        let detail = if is_word { "它是 Word 文档，不是 Excel 工作簿" } else { "压缩包里没有 Excel 工作簿" };
        return Err(ImportError::NotWorkbook { file: file.to_string(), detail: detail.into() });
    }
    Ok(())
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
        stream.by_ref().take(bytes.len() as u64 * 2).read_to_end(&mut sink).map_err(|_| damaged("文件内部结构损坏".into()))?;
        let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
        found |= name == "workbook" || name == "book";
    }
    if !found {
        return Err(ImportError::NotWorkbook { file: file.to_string(), detail: "它是 Office 文档，但不是 Excel 工作簿".into() });
    }
    Ok(())
}
