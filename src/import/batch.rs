//! Importing many files: a folder or a selection, one file at a time (memory stays flat however
//! many), each its own transaction, with a callback for progress.

use super::ImportError;
use crate::store::{Imported, Store};
use std::path::{Path, PathBuf};

/// What the office may say for files that do not say it themselves.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// The year for files whose name and title give none. A file that names another year is
    /// refused rather than stored under the wrong year.
    pub year: Option<i32>,
    /// The agency for files whose name and title give none.
    pub agency: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub imported: usize,
    pub refused: usize,
    pub with_findings: usize,
}

/// The files to import: given files as they are (so a mis-named file gets its clear refusal),
/// folders searched for .xlsx/.xls/.xlsm, skipping Office's "~$" lock files. Sorted by path.
pub fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out, 0);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: u32) {
    if depth > 8 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut found: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    found.sort();
    for p in found {
        if p.is_dir() {
            walk(&p, out, depth + 1);
        } else if is_workbook_name(&p) {
            out.push(p);
        }
    }
}

pub fn is_workbook_name(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = p.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    !name.starts_with("~$") && matches!(ext.as_str(), "xlsx" | "xls" | "xlsm")
}

/// Reads one file and fills in what the overrides say; the result is ready to store.
pub fn read_one(path: &Path, o: &Overrides) -> Result<super::Return, ImportError> {
    let mut ret = super::read_file(path)?;
    match (ret.year, o.year) {
        (None, Some(y)) => ret.year = Some(y),
        (Some(found), Some(y)) if found != y => {
            return Err(ImportError::Io {
                file: ret.file.clone(),
                detail: format!("文件标明是 {found} 年的报表，与指定的 {y} 年不符，未导入"),
            })
        }
        _ => {}
    }
    if ret.agency.is_none() {
        ret.agency = o.agency.clone();
    }
    if ret.agency.is_none() {
        return Err(ImportError::NoAgency { file: ret.file });
    }
    if ret.year.is_none() {
        return Err(ImportError::NoYear { file: ret.file });
    }
    Ok(ret)
}

/// Reads a file with the agency and year the office confirmed (in the app, before storing): what
/// the office says wins over what the file says.
pub fn read_confirmed(path: &Path, agency: Option<&str>, year: Option<i32>) -> Result<super::Return, ImportError> {
    let mut ret = super::read_file(path)?;
    if let Some(a) = agency.map(str::trim).filter(|a| !a.is_empty()) {
        ret.agency = Some(a.to_string());
    }
    if year.is_some() {
        ret.year = year;
    }
    if ret.agency.is_none() {
        return Err(ImportError::NoAgency { file: ret.file });
    }
    if ret.year.is_none() {
        return Err(ImportError::NoYear { file: ret.file });
    }
    Ok(ret)
}

/// Imports every file with the overrides; see [`import_with`].
pub fn import_files(
    store: &mut Store,
    files: &[PathBuf],
    o: &Overrides,
    progress: impl FnMut(usize, &Path, &Result<Imported, String>),
) -> Summary {
    import_with(store, files, |p| read_one(p, o), progress)
}

/// Imports every file, each read by `read`; `progress(index, path, outcome)` is called after each
/// one, in order. Reading a workbook and writing the database overlap: a second thread reads the
/// next files while this one stores, a few files ahead at most, so memory stays flat however many
/// files there are.
pub fn import_with(
    store: &mut Store,
    files: &[PathBuf],
    read: impl Fn(&Path) -> Result<super::Return, ImportError> + Sync,
    mut progress: impl FnMut(usize, &Path, &Result<Imported, String>),
) -> Summary {
    let mut s = Summary::default();
    let read = &read;
    std::thread::scope(|scope| {
        type Read = Result<(super::Return, Vec<crate::checks::Finding>), ImportError>;
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Read)>(4);
        scope.spawn(move || {
            for (i, path) in files.iter().enumerate() {
                let got = read(path).map(|ret| {
                    let findings = crate::checks::check(&ret);
                    (ret, findings)
                });
                if tx.send((i, got)).is_err() {
                    return;
                }
            }
        });
        for (i, got) in rx {
            let path = &files[i];
            let outcome = got
                .map_err(|e| e.to_string())
                .and_then(|(ret, findings)| store.import_checked(&ret, Some(path), findings).map_err(|e| e.to_string()));
            match &outcome {
                Ok(done) => {
                    s.imported += 1;
                    if !done.findings.is_empty() {
                        s.with_findings += 1;
                    }
                }
                Err(_) => s.refused += 1,
            }
            progress(i, path, &outcome);
        }
    });
    s
}
