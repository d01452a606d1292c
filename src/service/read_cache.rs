//! The files a preview read, kept for the import the office confirms after it, so that each file
//! of a folder is read once and not twice (reading is most of what an import costs).
//!
//! An entry is used only for the same file unchanged since (its bytes, hashed), read on
//! the same indicator tables, for the year it was read for; anything else is read again. The
//! import takes the entries it uses out and forgets the rest when it is done, and a new preview
//! starts afresh, so the cache holds at most one folder's returns, and at most [`MAX_BYTES`] of
//! them (files beyond are read again by the import).

use crate::forms::indicators::IndicatorBook;
use crate::model::Return;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Memory the kept returns may take, about: a county's few hundred returns and reports take a
/// tenth of it.
pub const MAX_BYTES: usize = 128 * 1024 * 1024;

/// What a file was when it was read: its size and a hash of its bytes. Not its time of change: a
/// file rewritten within the same clock tick at the same size keeps it.
type Stamp = (u64, u64);

struct Entry {
    stamp: Stamp,
    book: u64,
    ret: Return,
}

#[derive(Default)]
struct Held {
    entries: HashMap<PathBuf, Entry>,
    /// The kept returns' size, about (see [`approx_bytes`]).
    bytes: usize,
}

pub struct ReadCache {
    held: Mutex<Held>,
    limit: usize,
}

impl Default for ReadCache {
    fn default() -> ReadCache {
        ReadCache::with_limit(MAX_BYTES)
    }
}

impl ReadCache {
    /// A cache keeping returns of about `limit` bytes at most.
    pub fn with_limit(limit: usize) -> ReadCache {
        ReadCache { held: Mutex::default(), limit }
    }

    /// Forgets every file (a new preview begins).
    pub fn clear(&self) {
        *self.lock() = Held::default();
    }

    /// Keeps a file as the preview read it on `book`, stamped with the bytes it was read from (not
    /// read again: a file changed since would be kept under its new stamp).
    pub fn keep(&self, path: &Path, bytes: &[u8], book: &IndicatorBook, ret: &Return) {
        let (size, stamp) = (approx_bytes(ret), stamp(bytes));
        let mut held = self.lock();
        if held.bytes + size > self.limit {
            return;
        }
        held.bytes += size;
        let entry = Entry { stamp, book: fingerprint(book), ret: ret.clone() };
        if let Some(old) = held.entries.insert(path.to_path_buf(), entry) {
            held.bytes -= approx_bytes(&old.ret);
        }
    }

    /// The file as the preview read it, if it is unchanged, was read on `book`, and the year the
    /// office confirmed is the one it was read for (a 统计表 is placed on its year's table).
    pub fn take(&self, path: &Path, book: &IndicatorBook, year: Option<i32>) -> Option<Return> {
        let entry = {
            let mut held = self.lock();
            let entry = held.entries.remove(path)?;
            held.bytes -= approx_bytes(&entry.ret);
            entry
        };
        // The file as it is now, read as every file is (a FIFO put in its place is refused, not waited on).
        let now = crate::import::read_regular(path, crate::import::guard::MAX_FILE_BYTES).ok();
        let fits = now.is_some_and(|(_, bytes)| stamp(&bytes) == entry.stamp)
            && entry.book == fingerprint(book)
            && year.is_none_or(|y| entry.ret.year == Some(y));
        fits.then_some(entry.ret)
    }

    /// The kept returns' size, about, in bytes.
    pub fn bytes(&self) -> usize {
        self.lock().bytes
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Held> {
        self.held.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// What a return takes in memory, about: its figures and its document's text.
fn approx_bytes(ret: &Return) -> usize {
    let text = ret.document.as_ref().map_or(0, |d| {
        d.title.len() + d.preamble.len() + d.sections.iter().map(|s| s.text.len() + s.place.len()).sum::<usize>()
    });
    4096 + ret.figures.len() * 160 + text
}

fn stamp(bytes: &[u8]) -> Stamp {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    (bytes.len() as u64, h.finish())
}

/// The indicator tables as one number: an office that changed its tables between the preview and
/// the import has its files read again.
fn fingerprint(book: &IndicatorBook) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{book:?}").hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "../shared/samples/2021-泗水县商务局.xlsx";

    fn sample() -> (PathBuf, Vec<u8>, Return) {
        let path = PathBuf::from(SAMPLE);
        let (ret, bytes) = crate::import::read_with_bytes(&path, &Default::default()).expect("the sample");
        (path, bytes, ret)
    }

    #[test]
    fn a_countys_returns_are_all_kept_by_default() {
        let (_, bytes, ret) = sample();
        let (cache, book) = (ReadCache::default(), IndicatorBook::default());
        for i in 0..400 {
            cache.keep(Path::new(&format!("/收件箱/{i}.xlsx")), &bytes, &book, &ret);
        }
        assert_eq!(cache.bytes(), 400 * approx_bytes(&ret), "four hundred returns kept");
    }

    #[test]
    fn a_file_kept_twice_counts_once_and_a_limit_is_kept_to() {
        let (path, bytes, ret) = sample();
        let (size, book) = (approx_bytes(&ret), IndicatorBook::default());
        let exact = ReadCache::with_limit(size);
        exact.keep(&path, &bytes, &book, &ret);
        assert_eq!(exact.bytes(), size, "a return of the limit's size fits it");
        let cache = ReadCache::with_limit(3 * size);
        cache.keep(&path, &bytes, &book, &ret);
        cache.keep(&path, &bytes, &book, &ret);
        assert_eq!(cache.bytes(), size, "the second keeping replaces the first");
        let small = ReadCache::with_limit(size - 1);
        small.keep(&path, &bytes, &book, &ret);
        assert_eq!(small.bytes(), 0, "too large for the limit: read again by the import");
        assert!(small.take(&path, &book, None).is_none());
    }

    #[test]
    fn a_returns_size_counts_its_figures_and_its_documents_text() {
        let (_, _, ret) = sample();
        assert_eq!(approx_bytes(&ret), 4096 + 160 * ret.figures.len(), "a workbook: its figures");
        // A report of the seeds as a saved page: its title, preamble, and each part's text and place.
        let seed = std::fs::read_dir("../shared/seeds")
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("004_")))
            .unwrap();
        let text = std::fs::read_to_string(seed).unwrap();
        let body: String = text.lines().map(|l| format!("<p>{l}</p>")).collect();
        let page = std::env::temp_dir().join(format!("nianbao-read-cache-{}.html", std::process::id()));
        std::fs::write(&page, format!("<html><body>{body}</body></html>")).unwrap();
        let report = crate::import::read(&page, &Default::default());
        std::fs::remove_file(&page).ok();
        let report = report.unwrap();
        let d = report.document.as_ref().unwrap();
        let words =
            d.title.len() + d.preamble.len() + d.sections.iter().map(|s| s.text.len() + s.place.len()).sum::<usize>();
        assert!(
            d.sections.len() >= 6 && !d.preamble.is_empty() && words > 5000,
            "{} parts, {words} bytes",
            d.sections.len()
        );
        assert_eq!(approx_bytes(&report), 4096 + 160 * report.figures.len() + words);
    }

    #[test]
    fn a_file_read_on_other_indicator_tables_is_read_again() {
        let (path, bytes, ret) = sample();
        let national = IndicatorBook::default();
        let own = IndicatorBook::new(vec![(2021, crate::forms::indicators::IndicatorTable::national())]);
        let cache = ReadCache::default();
        cache.keep(&path, &bytes, &national, &ret);
        assert!(cache.take(&path, &own, None).is_none(), "the office's own tables since the preview");
        cache.keep(&path, &bytes, &own, &ret);
        assert!(cache.take(&path, &own, None).is_some());
    }

    #[test]
    fn a_new_preview_forgets_what_the_last_one_read() {
        let (path, bytes, ret) = sample();
        let (cache, book) = (ReadCache::default(), IndicatorBook::default());
        cache.keep(&path, &bytes, &book, &ret);
        cache.clear();
        assert_eq!(cache.bytes(), 0);
        assert!(cache.take(&path, &book, None).is_none());
        cache.keep(&path, &bytes, &book, &ret);
        assert_eq!(cache.take(&path, &book, Some(2021)).map(|r| r.figures.len()), Some(ret.figures.len()));
        assert_eq!(cache.bytes(), 0, "taken out");
    }
}
