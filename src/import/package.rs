//! The zip package of an Office Open XML or OpenDocument file (.docx, .odt, .ods): its parts
//! inflated within bounds set in the file's own size, for the readers of both formats.

use std::io::{Cursor, Read};

// What a document may expand to, bounded in its own size (a hostile 52 KB file whose numbering
// referred lists to each other, with long level texts on every paragraph, took 1.5 GB).
/// Inflated size of numbering.xml or styles.xml: real ones are 10–300 KB.
pub const MAX_DEFINITIONS_BYTES: u64 = 8 * 1024 * 1024;
/// Elements in numbering.xml or styles.xml: real ones have a few thousand.
pub const MAX_DEFINITION_ELEMENTS: usize = 400_000;
/// Inflated size of document.xml: what a real report's text could take, and at most this many
/// times the file's own size plus a margin (real text compresses 5–20×), so memory stays linear in
/// the file's size.
pub const MAX_BODY_RATIO: u64 = 64;

/// A part of the package inflated, at most `limit` bytes (the guard checked declared sizes; this
/// holds even where a declared size lies).
pub fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, limit: u64) -> Result<Option<Vec<u8>>, String> {
    let Ok(entry) = zip.by_name(name) else { return Ok(None) };
    // Room for what the entry declares (the guard has bounded declared sizes): read in one go.
    let mut out = Vec::with_capacity(entry.size().min(limit + 1) as usize);
    entry.take(limit + 1).read_to_end(&mut out).map_err(|_| format!("部件 {name} 无法解压"))?;
    if out.len() as u64 > limit {
        return Err(format!("部件 {name} 过大"));
    }
    Ok(Some(out))
}
