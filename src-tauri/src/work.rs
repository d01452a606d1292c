//! The import's work behind its two commands, as plain functions over a database path: the
//! commands run them off the main thread and turn progress into events; the app-path benchmark
//! (examples/app_bench.rs) runs the very same functions.

use crate::dto::{AppError, ImportItem, ImportProgress, ImportSummary, Preview};
use crate::map;
use nianbao::service::{self, ReadCache, Store};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Reads the chosen files and folders for the office to confirm, nothing stored.
pub fn preview_paths(db: &Path, paths: &[String], reads: &ReadCache) -> Result<Vec<Preview>, AppError> {
    // Its own connection: the screens stay usable while a folder is read.
    let mut store = Store::open(db)?;
    // The preview places a 统计表 on the office's indicator tables, as the import will.
    let book = store.indicator_book()?;
    let files = service::collect_files(&paths.iter().map(PathBuf::from).collect::<Vec<_>>(), db);
    Ok(map::previews(&mut store, &files, &book, reads))
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
