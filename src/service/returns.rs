//! What the office does to returns once they are stored: look at an agency's figures with its
//! corrections, correct one, take a return imported by mistake out of the count and bring it back,
//! and see before importing what a file would do (its agency as the roster finds it, unchanged or
//! not). The command line and the app both call these.

use crate::checks;
use crate::forms::indicators::IndicatorBook;
use crate::import::{self, ImportError};
use crate::model::{Agency, Figure, Finding, MatchKind, Return};

use crate::store::{AgencyMatch, Correction, Result, Store, StoreError, StoredReturn};
use std::path::{Path, PathBuf};

/// The roster entry a name names, or a sentence saying it is not there.
pub fn agency(store: &Store, name: &str) -> Result<Agency> {
    store.agency_by_name(name)?.ok_or_else(|| StoreError::NotFound(format!("名册里没有“{name}”。")))
}

/// One figure as it counts now, with its form's words.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FigureNow {
    pub id: String,
    pub label: String,
    pub value: Option<f64>,
    pub raw: String,
    pub sheet: String,
    pub cell: String,
    /// The office corrected it: the last correction's value is `value`.
    pub corrected: bool,
}

/// An agency's figures of a year as they count (corrections applied), and the corrections.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FiguresNow {
    pub agency: String,
    pub year: i32,
    pub return_id: i64,
    pub file: String,
    pub figures: Vec<FigureNow>,
    pub corrections: Vec<Correction>,
    /// The office's corrections on the year's other versions that this one does not carry.
    pub elsewhere: Vec<CorrectionElsewhere>,
}

/// A correction the office made on another version of the year that the counting version does
/// not carry: the agency's newer file changed the figure, or the office went back to another
/// version. Kept and shown, so no one's work disappears from sight; never counted.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CorrectionElsewhere {
    /// The version it was made on: its id, file and when it was imported (a newer file often
    /// has the same name).
    pub return_id: i64,
    pub file: String,
    pub imported_at: String,
    #[serde(flatten)]
    pub correction: Correction,
    /// The figure's text in the counting version (None where it has no such figure).
    pub now: Option<String>,
}

/// The corrections of the year's other `versions` that `current` (with its own `corrections`)
/// does not carry: on each version the office's last word on a figure (an earlier one it changed
/// itself there is not lost work). The same change carried from version to version is the
/// office's one decision: listed once, on the version it was first made on.
fn corrections_elsewhere<'v>(
    store: &Store,
    versions: impl Iterator<Item = &'v StoredReturn>,
    current: &Return,
    current_id: i64,
    corrections: &[Correction],
) -> Result<Vec<CorrectionElsewhere>> {
    let same = |a: &Correction, b: &Correction| a.figure == b.figure && a.new_value == b.new_value;
    let mut elsewhere: Vec<CorrectionElsewhere> = Vec::new();
    let mut versions: Vec<&StoredReturn> = versions.filter(|r| r.id != current_id).collect();
    versions.sort_by_key(|r| r.id);
    for r in versions {
        let made = store.db().corrections(r.id)?;
        for (i, c) in made.iter().enumerate() {
            let changed_later = made[i + 1..].iter().any(|later| later.figure == c.figure);
            if changed_later
                || corrections.iter().any(|k| same(k, c))
                || elsewhere.iter().any(|e| same(&e.correction, c))
            {
                continue;
            }
            let now = current.figure(&c.figure).map(|f| f.raw.clone());
            elsewhere.push(CorrectionElsewhere {
                return_id: r.id,
                file: r.file_name.clone(),
                imported_at: r.imported_at.clone(),
                correction: c.clone(),
                now,
            });
        }
    }
    Ok(elsewhere)
}

pub fn figures_now(store: &Store, agency_name: &str, year: i32) -> Result<FiguresNow> {
    let a = agency(store, agency_name)?;
    let id = store
        .db()
        .current_return_id(a.id, year)?
        .ok_or_else(|| StoreError::NotFound(format!("“{}”{year} 年还没有报表。", a.name)))?;
    let ret = store.db().load_return(id)?;
    let corrections = store.db().corrections(id)?;
    let elsewhere = corrections_elsewhere(store, store.history(a.id, year)?.iter(), &ret, id, &corrections)?;
    let figures = ret
        .figures
        .iter()
        .map(|f: &Figure| FigureNow {
            label: ret.describe(&f.id),
            corrected: corrections.iter().any(|c| c.figure == f.id),
            id: f.id.clone(),
            value: f.value,
            raw: f.raw.clone(),
            sheet: f.sheet.clone(),
            cell: f.cell.clone(),
        })
        .collect();
    Ok(FiguresNow { agency: a.name, year, return_id: id, file: ret.file, figures, corrections, elsewhere })
}

/// Corrects one figure of the agency's return that counts for the year; its findings after.
pub fn correct(
    store: &mut Store,
    agency_name: &str,
    year: i32,
    figure: &str,
    value: f64,
    note: &str,
    who: &str,
) -> Result<Vec<Finding>> {
    let a = agency(store, agency_name)?;
    let id = store
        .db()
        .current_return_id(a.id, year)?
        .ok_or_else(|| StoreError::NotFound(format!("“{}”{year} 年还没有报表，无法更正。", a.name)))?;
    store.correct_figure(id, figure, value, who, note)
}

/// Corrects one figure of a stored version the office has on screen (the app's 单位详情 names the
/// version it shows); its findings after.
pub fn correct_version(
    store: &mut Store,
    return_id: i64,
    figure: &str,
    value: f64,
    note: &str,
    who: &str,
) -> Result<Vec<Finding>> {
    let who = if who.trim().is_empty() { "办公室" } else { who };
    store.correct_figure(return_id, figure, value, who, note)
}

/// Every return and document of an agency's year, current first, with when any was removed.
pub fn returns_of(store: &Store, agency_name: &str, year: i32) -> Result<Vec<(StoredReturn, Option<String>)>> {
    let a = agency(store, agency_name)?;
    let mut out = Vec::new();
    for r in store.history(a.id, year)? {
        let removed = store.removed_at(r.id)?;
        out.push((r, removed));
    }
    Ok(out)
}

/// An agency's year as the office sees it: every version stored (with when any was removed), the
/// one whose figures count, and the report document beside it when that is another file.
#[derive(Debug, Clone)]
pub struct Versions {
    pub agency: Agency,
    pub all: Vec<(StoredReturn, Option<String>)>,
    /// The version whose figures count (the return, or the document where no return came).
    pub figures: Option<StoredReturn>,
    /// The current report document, when it is not the version whose figures count.
    pub document: Option<StoredReturn>,
}

/// Which of an agency's versions of a year count: decided here for the command line and the app.
pub fn versions(store: &Store, agency_name: &str, year: i32) -> Result<Versions> {
    let a = agency(store, agency_name)?;
    let all = returns_of(store, agency_name, year)?;
    let figure_id = store.db().current_return_id(a.id, year)?;
    let document_id = store.db().current_document_id(a.id, year)?.filter(|d| Some(*d) != figure_id);
    let find = |id: Option<i64>| id.and_then(|id| all.iter().find(|(r, _)| r.id == id)).map(|(r, _)| r.clone());
    Ok(Versions { figures: find(figure_id), document: find(document_id), agency: a, all })
}

/// Takes the agency's current return (or report document) of the year out of the count.
pub fn remove(store: &mut Store, agency_name: &str, year: i32, document: bool) -> Result<StoredReturn> {
    let a = agency(store, agency_name)?;
    store.remove_current(a.id, year, document)
}

/// Brings back the return the office removed last (of the kind asked for), or the one with `id`.
pub fn restore(
    store: &mut Store,
    agency_name: &str,
    year: i32,
    document: bool,
    id: Option<i64>,
) -> Result<StoredReturn> {
    let all = returns_of(store, agency_name, year)?;
    let pick = match id {
        Some(id) => all.iter().find(|(r, _)| r.id == id),
        None => all
            .iter()
            .filter(|(r, removed)| removed.is_some() && r.source.is_document() == document)
            .max_by(|a, b| a.1.cmp(&b.1).then(a.0.id.cmp(&b.0.id))),
    };
    let (r, _) =
        pick.ok_or_else(|| StoreError::NotFound(format!("“{agency_name}”{year} 年没有被撤销的版本可恢复。")))?;
    store.restore_return(r.id)
}

/// A file read for the import preview, and what importing it would do.
#[derive(Debug, Clone)]
pub struct Preview {
    pub ret: Return,
    pub findings: Vec<Finding>,
    /// How its agency is found in the roster (None when the file names no agency).
    pub matched: Option<AgencyMatch>,
    /// The current return of its kind already holds the same content: importing skips it.
    pub unchanged: bool,
    /// A changed file replaces a current version the office corrected by hand this many times
    /// (the corrections of figures the file leaves as they were are kept).
    pub corrections: usize,
}

/// A file read and checked, or why it could not be read.
type Checked = std::result::Result<(Vec<Finding>, Return), ImportError>;

/// Reads files for the preview on every core: each one's figures and findings, the roster's entry
/// for its agency and whether it is already stored as it is. Nothing is stored; the answers come
/// in the order of `paths`. Each file read is kept in `cache` for the import that may follow.
pub fn preview_all(
    store: &mut Store,
    paths: &[PathBuf],
    book: &IndicatorBook,
    cache: &super::ReadCache,
) -> Vec<std::result::Result<Preview, ImportError>> {
    let mut all: Vec<_> = Vec::with_capacity(paths.len());
    preview_each(store, paths, book, cache, |i, p| all.push((i, p)));
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, p)| p).collect()
}

/// [`preview_all`], each file handed to `each` with its place in `paths` as soon as it is read and
/// matched (a folder of slow files shows its first rows while the rest are read), in no set order.
pub fn preview_each(
    store: &mut Store,
    paths: &[PathBuf],
    book: &IndicatorBook,
    cache: &super::ReadCache,
    mut each: impl FnMut(usize, std::result::Result<Preview, ImportError>),
) {
    let options = import::ReadOptions { indicators: Some(book), table_year: None };
    // Each file as read is kept for the import that may follow, which then need not read it again.
    cache.clear();
    let read = |p: &PathBuf| {
        import::read_with_bytes(p, &options).map(|(ret, bytes)| {
            cache.keep(p, &bytes, book, &ret);
            (checks::check(&ret), ret)
        })
    };
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).min(paths.len()).max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (done, arrived) = std::sync::mpsc::channel::<(usize, Checked)>();
    std::thread::scope(|scope| {
        for _ in 0..cores {
            let done = done.clone();
            let (next, read) = (&next, &read);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(p) = paths.get(i) else { break };
                if done.send((i, read(p))).is_err() {
                    break;
                }
            });
        }
        drop(done);
        // The roster and the stored versions are asked here, one file after another, on this
        // thread's one connection, while the workers read on.
        for (i, r) in arrived {
            each(i, r.and_then(|(findings, ret)| matched(store, ret, findings)));
        }
    });
}

/// Reads a file for the preview: its figures and findings, the roster's entry for its agency and
/// whether it is already stored as it is. Nothing is stored.
pub fn preview(store: &mut Store, path: &Path, book: &IndicatorBook) -> std::result::Result<Preview, ImportError> {
    let ret = import::read(path, &import::ReadOptions { indicators: Some(book), table_year: None })?;
    let findings = checks::check(&ret);
    matched(store, ret, findings)
}

/// The roster's entry for a file's agency, and whether the store holds it as it is.
fn matched(store: &mut Store, ret: Return, findings: Vec<Finding>) -> std::result::Result<Preview, ImportError> {
    let store_err = |e: StoreError| ImportError::Io { file: ret.file.clone(), detail: e.to_string() };
    let matched = match &ret.agency {
        Some(name) => Some(store.match_name(name).map_err(store_err)?),
        None => None,
    };
    let (unchanged, corrections) = match (&matched, ret.year) {
        (Some(AgencyMatch { agency: Some(a), kind, .. }), Some(y)) if *kind != MatchKind::OtherCounty => {
            let same = store.holds_same(a.id, y, &ret).map_err(store_err)?;
            let db = store.db();
            // The version of its own kind this file would replace.
            let corrected = match db.current_of_kind(a.id, y, ret.source).map_err(store_err)? {
                Some(id) if !same => db.corrections(id).map_err(store_err)?.len(),
                _ => 0,
            };
            (same, corrected)
        }
        _ => (false, 0),
    };
    Ok(Preview { ret, findings, matched, unchanged, corrections })
}

/// The version of an agency's year the office looks at in 单位详情, with all that goes beside it:
/// the return as it counts, its open findings (for marking cells), every finding with its
/// disposition, the corrections, and for each corrected figure what the file itself holds.
#[derive(Debug, Clone)]
pub struct Detail {
    pub versions: Versions,
    /// The version whose figures count, loaded; None where nothing came.
    pub figures: Option<Return>,
    pub open: Vec<Finding>,
    pub rows: Vec<crate::store::review::FindingRow>,
    pub corrections: Vec<Correction>,
    /// The office's corrections on the year's other versions that the counting one does not carry.
    pub elsewhere: Vec<CorrectionElsewhere>,
    /// Figure id → the file's text, from the first correction of each figure.
    pub file_text: Vec<(String, String)>,
}

/// Everything 单位详情 shows of an agency's year, read once here.
pub fn detail(store: &Store, agency_name: &str, year: i32) -> Result<Detail> {
    let versions = versions(store, agency_name, year)?;
    let Some(current) = versions.figures.as_ref() else {
        return Ok(Detail {
            versions,
            figures: None,
            open: Vec::new(),
            rows: Vec::new(),
            corrections: Vec::new(),
            elsewhere: Vec::new(),
            file_text: Vec::new(),
        });
    };
    let ret = store.db().load_return(current.id)?;
    let open = store.open_findings(versions.agency.id, year)?;
    let rows = store.finding_rows(year, Some(&versions.agency.name))?;
    let corrections = store.db().corrections(current.id)?;
    let elsewhere = corrections_elsewhere(store, versions.all.iter().map(|(r, _)| r), &ret, current.id, &corrections)?;
    let mut file_text: Vec<(String, String)> = Vec::new();
    for c in &corrections {
        if !file_text.iter().any(|(f, _)| *f == c.figure) {
            file_text.push((c.figure.clone(), c.old_raw.clone()));
        }
    }
    Ok(Detail { versions, figures: Some(ret), open, rows, corrections, elsewhere, file_text })
}
