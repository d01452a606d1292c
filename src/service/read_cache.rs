//! The files a preview read, kept for the import the office confirms after it, so that each file
//! of a folder is read once and not twice (reading is most of what an import costs).
//!
//! An entry is used only for the same file unchanged since (its bytes, hashed), read on
//! the same indicator tables, for the year it was read for; anything else is read again. The
//! import takes the entries it uses out, and a new preview starts afresh, so the cache holds at
//! most one folder's returns.

use crate::forms::indicators::IndicatorBook;
use crate::model::Return;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Files kept at most: a county has a few hundred agencies, each with a return and a report.
const MAX_FILES: usize = 4_000;

/// What a file was when it was read: its size and a hash of its bytes. Not its time of change: a
/// file rewritten within the same clock tick at the same size keeps it.
type Stamp = (u64, u64);

struct Entry {
    stamp: Stamp,
    book: u64,
    ret: Return,
}

#[derive(Default)]
pub struct ReadCache {
    entries: Mutex<HashMap<PathBuf, Entry>>,
}

impl ReadCache {
    /// Forgets every file (a new preview begins).
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// Keeps a file as the preview read it on `book`.
    pub fn keep(&self, path: &Path, book: &IndicatorBook, ret: &Return) {
        let Some(stamp) = stamp(path) else { return };
        let mut entries = self.lock();
        if entries.len() < MAX_FILES {
            entries.insert(path.to_path_buf(), Entry { stamp, book: fingerprint(book), ret: ret.clone() });
        }
    }

    /// The file as the preview read it, if it is unchanged, was read on `book`, and the year the
    /// office confirmed is the one it was read for (a 统计表 is placed on its year's table).
    pub fn take(&self, path: &Path, book: &IndicatorBook, year: Option<i32>) -> Option<Return> {
        let entry = self.lock().remove(path)?;
        let fits = stamp(path) == Some(entry.stamp)
            && entry.book == fingerprint(book)
            && year.is_none_or(|y| entry.ret.year == Some(y));
        fits.then_some(entry.ret)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Entry>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn stamp(path: &Path) -> Option<Stamp> {
    use std::hash::{Hash, Hasher};
    let bytes = std::fs::read(path).ok()?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    Some((bytes.len() as u64, h.finish()))
}

/// The indicator tables as one number: an office that changed its tables between the preview and
/// the import has its files read again.
fn fingerprint(book: &IndicatorBook) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{book:?}").hash(&mut h);
    h.finish()
}
