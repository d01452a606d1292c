//! The import's work behind its two commands, as plain functions over a database path: the
//! commands run them off the main thread and turn progress into events; the app-path benchmark
//! (examples/app_bench.rs) runs the very same functions.

use crate::dto::{AppError, ImportItem, ImportProgress, ImportSummary, Preview};
use crate::map;
use nianbao::service::{self, ReadCache, Store};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How often the window is told of progress: each message to the webview is a script run on its
/// main thread, and one a file kept the window busy after a fast import had ended.
pub const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// How often the window is handed the previews read so far: its first screen is drawn from the
/// first of them while the rest of a folder is read.
pub const PREVIEWS_EVERY: Duration = Duration::from_millis(30);

/// The rows the preview's first screen shows at 1366×768: handed over as soon as they are read,
/// not when the first batch is due (a screenful is read in a few milliseconds).
pub const FIRST_SCREEN: usize = 15;

/// Items told in batches, at most one batch every `every` (the first once `first` items wait, if
/// sooner); `finish` tells what is left.
pub struct Batches<T, F: Fn(Vec<T>)> {
    every: Duration,
    first: usize,
    /// The items not told yet, when the last batch was told, and whether one was.
    waiting: Mutex<(Vec<T>, Instant, bool)>,
    tell: F,
}

impl<T, F: Fn(Vec<T>)> Batches<T, F> {
    pub fn new(every: Duration, tell: F) -> Self {
        Batches { every, first: usize::MAX, waiting: Mutex::new((Vec::new(), Instant::now(), false)), tell }
    }

    /// The first batch told as soon as `first` items wait.
    pub fn first(mut self, first: usize) -> Self {
        self.first = first;
        self
    }

    pub fn push(&self, item: T) {
        let due = {
            let Ok(mut waiting) = self.waiting.lock() else { return };
            waiting.0.push(item);
            let first_due = !waiting.2 && waiting.0.len() >= self.first;
            if !first_due && waiting.1.elapsed() < self.every {
                return;
            }
            waiting.1 = Instant::now();
            waiting.2 = true;
            std::mem::take(&mut waiting.0)
        };
        (self.tell)(due);
    }

    pub fn finish(self) {
        let (rest, _, _) = self.waiting.into_inner().unwrap_or_else(|e| e.into_inner());
        if !rest.is_empty() {
            (self.tell)(rest);
        }
    }
}

/// Reads the chosen files and folders for the office to confirm, nothing stored.
pub fn preview_paths(
    db: &Path,
    paths: &[String],
    reads: &ReadCache,
    seen: impl FnMut(&Preview),
) -> Result<Vec<Preview>, AppError> {
    // Its own connection: the screens stay usable while a folder is read.
    let mut store = Store::open(db)?;
    // The preview places a 统计表 on the office's indicator tables, as the import will.
    let book = store.indicator_book()?;
    let files = service::collect_files(&paths.iter().map(PathBuf::from).collect::<Vec<_>>(), db);
    Ok(map::previews(&mut store, &files, &book, reads, seen))
}

/// Stores the confirmed files, telling `progress` after each.
pub fn import_items(
    db: &Path,
    items: Vec<ImportItem>,
    reads: &ReadCache,
    progress: impl Fn(&ImportProgress) + Send + Sync,
) -> Result<ImportSummary, AppError> {
    let mut store = Store::open(db)?;
    // The state before the batch, should it need undoing, with what it was taken before.
    let paths: Vec<PathBuf> = items.iter().map(|i| PathBuf::from(&i.path)).collect();
    service::backup_before_import(&store, &paths)?;
    let items: Vec<service::Confirmed> = items
        .into_iter()
        .map(|i| service::Confirmed {
            path: PathBuf::from(i.path),
            agency: i.agency,
            year: i.year,
            file_agency: i.file_agency,
        })
        .collect();
    let total = items.len() as i32;
    let results = Mutex::new(Vec::new());
    let summary = service::import_confirmed(&mut store, &items, reads, |i, path, outcome| {
        let p = map::progress(i, total, path, outcome);
        progress(&p);
        results.lock().map(|mut r| r.push(p)).ok();
    })?;
    Ok(ImportSummary {
        imported: summary.imported as i32,
        unchanged: summary.unchanged as i32,
        held: summary.held as i32,
        refused: summary.refused as i32,
        with_findings: summary.with_findings as i32,
        results: results.into_inner().unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[test]
    fn batches_tell_nothing_before_their_time_and_the_rest_on_finish() {
        let told = RefCell::new(Vec::new());
        let batches = Batches::new(Duration::from_secs(3600), |b: Vec<i32>| told.borrow_mut().push(b));
        (0..300).for_each(|i| batches.push(i));
        assert!(told.borrow().is_empty());
        batches.finish();
        assert_eq!(*told.borrow(), vec![(0..300).collect::<Vec<_>>()]);
    }

    #[test]
    fn batches_due_at_once_tell_each_item_and_nothing_is_left_for_finish() {
        let told = RefCell::new(Vec::new());
        let batches = Batches::new(Duration::ZERO, |b: Vec<i32>| told.borrow_mut().push(b));
        (0..3).for_each(|i| batches.push(i));
        batches.finish();
        assert_eq!(*told.borrow(), vec![vec![0], vec![1], vec![2]]);
    }

    #[test]
    fn the_first_screenful_is_told_at_once_and_the_rest_at_their_time() {
        let told = RefCell::new(Vec::new());
        let batches = Batches::new(Duration::from_secs(3600), |b: Vec<i32>| told.borrow_mut().push(b)).first(15);
        (0..14).for_each(|i| batches.push(i));
        assert!(told.borrow().is_empty(), "fourteen rows wait");
        (14..300).for_each(|i| batches.push(i));
        assert_eq!(*told.borrow(), vec![(0..15).collect::<Vec<_>>()], "the fifteenth tells the screenful, once");
        batches.finish();
        assert_eq!(told.borrow()[1], (15..300).collect::<Vec<_>>());
    }
}
