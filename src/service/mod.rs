//! The operations the command line and the desktop app share, written once: reading files for a
//! preview, importing a batch (read, located, checked and encoded on every core, stored in order
//! by whichever reader completes a run: batch.rs), importing a roster, resolving which report a
//! user means, a section with last year's text and the help for writing it, restoring a backup.
//! Neither the CLI nor the shell repeats these, and neither reaches past this module and `model`
//! into the engine (a test reads their sources): what they need of the store, the reports and the
//! forms is named here, below, as the types and read-only helpers these operations take and give.

use crate::checks;
pub use crate::forms::indicators::IndicatorBook;
use crate::import;
pub use crate::import::ImportError;
use crate::model::{Agency, ErrorCode, Finding, ReportOf, Return, SectionState};
use crate::report::{self, AgencyReport, SectionDef};
use crate::store::{file_identity as identity, Result, SectionHistory, SectionOffer, SectionRow};
use std::path::{Path, PathBuf};

mod batch;
pub mod exports;
pub mod publish;
mod read_cache;
pub mod returns;
pub mod review;
pub mod said;
pub mod sources;
pub use batch::{import_files, import_with, Outcome, Refusal, Summary, HELD};
pub use read_cache::ReadCache;

// ---------------------------------------------------------------------------------------------
// What the front ends see of the engine besides the operations: the types the operations take and
// give, and read-only helpers for showing them.

pub use crate::forms::indicators::{IndicatorTable, NewIndicator};
pub use crate::forms::layout::{self as table_layout, Content as LayoutContent};
pub use crate::merge::{county, County};
pub use crate::report::dashboard::Dashboard;
pub use crate::report::sources::{Highlight, Source};
pub use crate::report::{all_reports, finding_about, report, section_def, todo_counts};
pub use crate::store::backup::{folder as backup_folder, offered as backups, Backup};
pub use crate::store::{Correction, CountyInfo, Imported, Result as StoreResult, Store, StoreError};
pub use crate::text::{fmt_num, terminal_safe};

/// A figure as the form describes it ("表三 …“自然人”列"), or its id when no form has it.
pub fn describe_figure(id: &str, format: Option<crate::forms::Format>) -> String {
    match format {
        Some(f) => crate::forms::def(id, f).map(|d| d.describe()).unwrap_or_else(|| id.to_string()),
        None => crate::forms::describe_any(id),
    }
}

/// The sentences generated from the figures for a section, where the section has any.
pub fn generated_text(def: &SectionDef, ret: &Return, rep: &AgencyReport) -> Option<String> {
    report::writing::generated(def, ret, rep.compiled.as_ref())
}

/// The county at a glance for `year`, its series over `from..=to` (default: every stored year up
/// to `year`): what the 统计分析 screen, `nianbao stats` and the brief show.
pub fn stats(store: &Store, year: i32, range: Option<(i32, i32)>) -> std::result::Result<Dashboard, Error> {
    let (from, to) = match range {
        Some(r) => r,
        None => (store.years()?.into_iter().min().unwrap_or(year).min(year), year),
    };
    if from > to || to - from > 50 {
        return Err(Error::Said(ErrorCode::Invalid, format!("年度范围 {from}-{to} 不正确。")));
    }
    let today = review::today(store)?;
    Ok(crate::report::dashboard::dashboard(store, year, from..=to, &today)?)
}

/// The JSON `inspect --json` prints (FORMS.md's contract).
pub fn inspect_json(ret: &Return, findings: &[Finding]) -> serde_json::Value {
    crate::inspect::to_json(ret, findings)
}

/// A short UTF-8 text file the office wrote (a section's text), at most `limit` bytes.
pub fn read_text(path: &Path, limit: u64) -> std::result::Result<String, Error> {
    let (name, bytes) = import::read_regular(path, limit)?;
    String::from_utf8(bytes).map_err(|_| Error::Said(ErrorCode::Invalid, format!("“{name}”不是 UTF-8 文本文件。")))
}

/// A demonstration county's returns (training, the e2e test), two of them with common mistakes.
pub fn demo(dir: &Path, count: usize, year: i32) -> std::result::Result<Vec<PathBuf>, Error> {
    crate::generate::demo_county(dir, count, year)
        .map_err(|e| Error::Said(ErrorCode::Io, format!("无法写入“{}”（{e}）。", dir.display())))
}

/// This process's peak memory, for the tests that bound it per process.
pub fn peak_memory_mb() -> f64 {
    crate::memory::peak_rss_mb()
}

// ---------------------------------------------------------------------------------------------
// Files

/// The files to import: given files as they are, and every file in a given folder (so a .doc, a
/// PDF or a zip sent instead of a return is listed with its one sentence, never skipped unseen),
/// leaving out only what the office never sees there: Office's "~$" lock files and hidden files,
/// and the database's own files. Those are never opened as anything else: closing a second
/// descriptor of the database drops SQLite's POSIX locks of the whole process, and the next
/// program to open it would take the WAL for abandoned and delete it under the app.
pub fn collect_files(paths: &[PathBuf], db: &Path) -> Vec<PathBuf> {
    let own = OwnFiles::of(db);
    let mut out = Vec::new();
    for p in paths {
        if own.is_own(p) {
            continue;
        }
        if p.is_dir() {
            walk(p, &own, &mut out, 0);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// The database's files, known by identity (device and inode, so another name or a link to them
/// is known too) and, for those not there yet (a -wal made later), by name in its folder: the
/// database, its -wal, -shm and -journal, and its backups folder.
pub struct OwnFiles {
    ids: Vec<(u64, u64)>,
    names: Vec<PathBuf>,
}

impl OwnFiles {
    pub fn of(db: &Path) -> OwnFiles {
        let db = std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf());
        let mut names: Vec<PathBuf> =
            ["", "-wal", "-shm", "-journal"].iter().map(|s| PathBuf::from(format!("{}{s}", db.display()))).collect();
        names.push(crate::store::backup::folder(&db));
        let ids = names.iter().filter_map(|p| identity(p)).collect();
        OwnFiles { ids, names }
    }

    pub fn is_own(&self, p: &Path) -> bool {
        if identity(p).is_some_and(|id| self.ids.contains(&id)) {
            return true;
        }
        let p = match (p.parent().and_then(|d| std::fs::canonicalize(d).ok()), p.file_name()) {
            (Some(dir), Some(name)) => dir.join(name),
            _ => p.to_path_buf(),
        };
        self.names.contains(&p)
    }
}

fn walk(dir: &Path, own: &OwnFiles, out: &mut Vec<PathBuf>, depth: u32) {
    if depth > 8 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut found: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    found.sort();
    for p in found {
        if own.is_own(&p) {
            continue;
        }
        if p.is_dir() {
            walk(&p, own, out, depth + 1);
        } else if !is_hidden_or_lock(&p) {
            out.push(p);
        }
    }
}

/// Sets the county's identity; the roster's active agencies whose names begin with another
/// county, city or district (imported before the county was set) are returned for the office to
/// retire (nothing is deleted: retiring keeps their figures out of the county's sums).
pub fn set_county(store: &mut Store, info: &CountyInfo) -> std::result::Result<Vec<Agency>, Error> {
    store.set_county_info(info)?;
    let county = store.county_info()?.name;
    Ok(store.agencies(false)?.into_iter().filter(|a| crate::text::other_place(&a.name, &county).is_some()).collect())
}

/// Retires an agency from a year: it no longer reports or counts from then; earlier years still
/// count. A year no report can have (1900, 3000) is refused in one sentence: it would take the
/// agency out of every year.
pub fn retire_from(store: &mut Store, name: &str, year: i32) -> std::result::Result<(), Error> {
    if !(2008..=2100).contains(&year) {
        return Err(Error::Said(
            ErrorCode::Invalid,
            format!("年度 {year} 不在 2008–2100 之间：请写“{name}”不再报送的第一个年度（如 2024）。"),
        ));
    }
    Ok(store.retire_from(name, year)?)
}

/// Takes an agency of another county out of the roster and out of every year's sums, its returns
/// kept (retired from the first year it has one).
pub fn retire_other_county(store: &mut Store, name: &str) -> std::result::Result<(), Error> {
    let a = returns::agency(store, name)?;
    let first: Option<i32> = store
        .connection()
        .query_row("SELECT min(year) FROM returns WHERE agency_id = ?1", [a.id], |r| r.get(0))
        .map_err(crate::store::StoreError::from)?;
    let this_year = today_year(store)?;
    Ok(store.retire_from(&a.name, first.unwrap_or(this_year))?)
}

fn today_year(store: &Store) -> std::result::Result<i32, Error> {
    Ok(review::today(store)?.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2000))
}

/// The database as one whole file at `to` (SQLite's online backup, consistent while the app
/// works): what the office copies to a USB stick or another computer.
pub fn copy_database(store: &Store, to: &Path) -> std::result::Result<(), Error> {
    if OwnFiles::of(store.path()).is_own(to) {
        return Err(Error::Said(ErrorCode::Invalid, "不能复制到数据库自身，请另选一个位置或文件名。".into()));
    }
    Ok(store.backup_to(to)?)
}

/// Before a batch is stored: the database as it was, kept so the batch can be undone. The one
/// policy of both front ends: where the backup cannot be taken, nothing is imported.
pub fn backup_before_import(store: &Store, files: &[PathBuf]) -> std::result::Result<(), Error> {
    store.backup_before_import(files).map(|_| ()).map_err(|e| {
        Error::Said(
            ErrorCode::Store,
            format!("导入前没能备份数据库（{e}），为免数据无法恢复，这次没有导入：请检查磁盘空间或文件夹权限后重试。"),
        )
    })
}

/// Office's lock files ("~$报表.xlsx", while the file is open) and hidden files (".DS_Store",
/// "Thumbs.db", "desktop.ini"), which the office's file manager does not show.
fn is_hidden_or_lock(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.starts_with("~$")
        || name.starts_with('.')
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// What the office may say for files that do not say it themselves.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// The year for files whose name and title give none. A file that names another year is
    /// refused rather than stored under the wrong year.
    pub year: Option<i32>,
    /// The agency for files whose name and title give none.
    pub agency: Option<String>,
    /// The office's 统计表 indicator tables (the store's; empty: the national table).
    pub indicators: IndicatorBook,
    /// The office confirmed agency and year in the preview: what it chose wins over the file.
    pub confirmed: bool,
}

/// Reads one file and fills in what the office says; the result is ready to store. Where the
/// office only fills gaps (`confirmed` false), a file naming another year than the office's is
/// refused rather than stored under the wrong year; where it confirmed agency and year in the
/// preview, its choice wins.
pub fn read(path: &Path, o: &Overrides) -> std::result::Result<Return, ImportError> {
    let options = |table_year| import::ReadOptions { indicators: Some(&o.indicators), table_year };
    if o.confirmed {
        return confirm(import::read(path, &options(o.year))?, o);
    }
    let mut ret = import::read(path, &options(None))?;
    if ret.year.is_none() && o.year.is_some() && o.indicators.for_year(o.year.unwrap_or(0)).is_some() {
        // The year comes from the office: place the 统计表 on that year's indicator table.
        ret = import::read(path, &options(o.year))?;
    }
    match (ret.year, o.year) {
        (None, Some(y)) => ret.year = Some(y),
        (Some(found), Some(y)) if found != y => {
            return Err(ImportError::YearConflict { file: ret.file.clone(), found, given: y })
        }
        _ => {}
    }
    if ret.agency.is_none() {
        ret.agency = o.agency.clone();
    }
    require_agency_and_year(ret)
}

/// A return read for an import the office confirmed: the agency and year it chose stand.
fn confirm(mut ret: Return, o: &Overrides) -> std::result::Result<Return, ImportError> {
    if let Some(a) = o.agency.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        ret.agency = Some(a.to_string());
    }
    ret.year = o.year.or(ret.year);
    require_agency_and_year(ret)
}

/// One file the office confirmed in the preview: the agency and year it chose, and the agency as the
/// file names it.
#[derive(Debug, Clone, Default)]
pub struct Confirmed {
    pub path: PathBuf,
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub file_agency: Option<String>,
}

/// Imports the files the office confirmed (what it chose wins over what the files say), with
/// `progress` told after each. A name the office mapped to another roster entry is remembered as
/// that entry's alias, so the next import of the same name — in the app or the command line —
/// lands on the same agency without asking. A file `cache` holds from the preview, unchanged since,
/// is not read again.
pub fn import_confirmed(
    store: &mut Store,
    items: &[Confirmed],
    cache: &ReadCache,
    progress: impl FnMut(usize, &Path, &Outcome) + Send,
) -> Result<Summary> {
    let book = store.indicator_book()?;
    let files: Vec<PathBuf> = items.iter().map(|i| i.path.clone()).collect();
    let stored = std::sync::Mutex::new(Vec::new());
    let mut progress = progress;
    let summary = import_with(
        store,
        &files,
        |p| {
            let item = items.iter().find(|i| i.path == p);
            let o = Overrides {
                agency: item.and_then(|i| i.agency.clone()),
                year: item.and_then(|i| i.year),
                indicators: book.clone(),
                confirmed: true,
            };
            // The file as the preview read it, when it is still the same file.
            match cache.take(p, &book, o.year) {
                Some(ret) => confirm(ret, &o),
                None => read(p, &o),
            }
        },
        |i, path, outcome| {
            if let Ok(done) = outcome {
                stored.lock().map(|mut s| s.push((i, done.agency.clone()))).ok();
            }
            progress(i, path, outcome)
        },
    );
    // What the preview read and the office did not confirm is not kept.
    cache.clear();
    for (i, agency) in stored.into_inner().unwrap_or_default() {
        let Some(from) = items.get(i).and_then(|x| x.file_agency.as_deref()) else { continue };
        if crate::text::norm(from) != crate::text::norm(&agency) {
            store.add_alias(from, &agency)?;
        }
    }
    Ok(summary)
}

fn require_agency_and_year(ret: Return) -> std::result::Result<Return, ImportError> {
    if ret.agency.is_none() {
        return Err(ImportError::NoAgency { file: ret.file });
    }
    if ret.year.is_none() {
        return Err(ImportError::NoYear { file: ret.file });
    }
    Ok(ret)
}

/// A file read and checked, nothing stored: what `inspect` prints and the import screen previews
/// (with the office's indicator tables, as the import will place the 统计表).
pub fn inspect(path: &Path, o: &import::ReadOptions) -> std::result::Result<(Return, Vec<Finding>), ImportError> {
    let ret = import::read(path, o)?;
    let findings = checks::check(&ret);
    Ok((ret, findings))
}

pub use crate::import::ReadOptions;

// ---------------------------------------------------------------------------------------------
// The roster

pub struct RosterImport {
    pub read: usize,
    pub added: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    #[error(transparent)]
    File(#[from] ImportError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A sheet with no agency names in it (a wrong file picked).
    #[error("“{0}”里没有找到单位名称。")]
    Empty(String),
}

impl crate::model::Coded for RosterError {
    fn code(&self) -> ErrorCode {
        match self {
            RosterError::File(e) => e.code(),
            RosterError::Store(e) => e.code(),
            RosterError::Empty(_) => ErrorCode::Roster,
        }
    }
}

/// A failure of any operation the front ends offer: the reader's, the store's, an export's, the
/// roster's, each with its code and its one sentence (`#[from]` each layer's error).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Export(#[from] crate::export::ExportError),
    #[error(transparent)]
    Roster(#[from] RosterError),
    /// A sentence of the service's own (a value the office gave that names nothing, nothing to export).
    #[error("{1}")]
    Said(ErrorCode, String),
}

impl crate::model::Coded for Error {
    fn code(&self) -> ErrorCode {
        use crate::model::Coded;
        match self {
            Error::Import(e) => e.code(),
            Error::Store(e) => e.code(),
            Error::Export(e) => e.code(),
            Error::Roster(e) => Coded::code(e),
            Error::Said(c, _) => *c,
        }
    }
}

/// Adds every agency of a roster sheet that the roster does not have yet, with the contact
/// person and telephone where the sheet has them.
pub fn import_roster(store: &mut Store, path: &Path) -> std::result::Result<RosterImport, RosterError> {
    let entries = import::roster::read_roster(path)?;
    if entries.is_empty() {
        return Err(RosterError::Empty(path.display().to_string()));
    }
    let mut added = 0;
    for e in &entries {
        let (agency, new) = store.add_agency(&e.name, e.kind)?;
        added += usize::from(new);
        if !e.contact.is_empty() || !e.phone.is_empty() {
            store.set_contact(&agency.name, &e.contact, &e.phone)?;
        }
    }
    Ok(RosterImport { read: entries.len(), added })
}

// ---------------------------------------------------------------------------------------------
// Reports and sections

/// The year a command means: the one given, or the latest that has returns.
pub fn resolve_year(store: &Store, year: Option<i32>) -> Result<i32> {
    match year {
        Some(y) => Ok(y),
        None => store
            .years()?
            .first()
            .copied()
            .ok_or_else(|| StoreError::NotFound("数据库里还没有任何报表，请先导入，或指定年度。".into())),
    }
}

/// The 统计表 indicator table that governs a year, and the year it was saved for (None: national).
pub fn indicator_table(store: &Store, year: i32) -> Result<(IndicatorTable, Option<i32>)> {
    store.indicator_table(year)
}

/// The year the office is working on when it says none: the latest with returns, else last year.
pub fn working_year(store: &Store) -> Result<i32> {
    Ok(store.years()?.first().copied().unwrap_or_else(last_calendar_year))
}

fn last_calendar_year() -> i32 {
    // Days since 1970 → the calendar year, without a date crate: 365.2425 days a year on average.
    let days =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() / 86_400).unwrap_or(0);
    (1970.0 + days as f64 / 365.2425).floor() as i32 - 1
}

/// The id the store keeps a report's sections under: the agency's, or the county's.
pub fn report_owner(store: &Store, of: &ReportOf) -> Result<i64> {
    match of {
        ReportOf::County => Ok(report::COUNTY_ID),
        ReportOf::Agency(name) => Ok(returns::agency(store, name)?.id),
    }
}

/// A narrative section the user names ("一（二）", "5", "1.2"); tables are not written.
pub fn narrative_section(key: &str) -> Result<&'static SectionDef> {
    match report::section_def(key) {
        Some(d) if d.table.is_none() => Ok(d),
        Some(d) => Err(StoreError::Invalid(format!("“{}”是表格，由报表数据生成，不需要撰写。", d.title))),
        None => Err(StoreError::Invalid(format!("章节“{key}”无法识别，请写 一、一（一）…一（五）、五 或 六。"))),
    }
}

/// Everything about one section a writer needs: its text and where it came from, last year's
/// text made this year's starting point, sentences from the figures, its history, and a text a
/// document brought that waits for the office's choice.
#[derive(Debug, Clone)]
pub struct SectionWork {
    pub current: Option<SectionRow>,
    pub last_year: Option<String>,
    pub generated: Option<String>,
    pub history: Vec<SectionHistory>,
    pub offer: Option<SectionOffer>,
}

pub fn section_work(
    store: &Store,
    owner: i64,
    year: i32,
    def: &SectionDef,
    ret: Option<&Return>,
    compiled: Option<&report::Compilation>,
) -> Result<SectionWork> {
    let last_year = store
        .section(owner, year - 1, def.key)?
        .filter(|s| !s.text.trim().is_empty())
        .map(|s| report::writing::from_last_year(&s.text, year));
    Ok(SectionWork {
        current: store.section(owner, year, def.key)?,
        last_year,
        generated: ret.and_then(|r| report::writing::generated(def, r, compiled)),
        history: store.section_history(owner, year, def.key)?,
        offer: store.section_offers(owner, year)?.into_iter().find(|o| o.section == def.key),
    })
}

/// Where a new draft of a section starts from (`--from last-year|figures`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StartFrom {
    /// 沿用上一年的文字
    LastYear,
    /// 根据数据生成句子
    Figures,
}

/// Starts a section as a 草稿 from last year's text or the figures; refuses to overwrite text
/// unless `force`.
pub fn start_section(
    store: &Store,
    of: &ReportOf,
    year: i32,
    key: &str,
    from: StartFrom,
    force: bool,
) -> Result<String> {
    let def = narrative_section(key)?;
    let owner = report_owner(store, of)?;
    if store.section(owner, year, def.key)?.is_some_and(|s| !s.text.trim().is_empty()) && !force {
        return Err(StoreError::Invalid(format!("“{}”已有文字；要覆盖请加 --force。", def.title)));
    }
    let (rep, ret) = report::report(store, of, year)?;
    let work = section_work(store, owner, year, def, ret.as_ref(), rep.compiled.as_ref())?;
    let text = match from {
        StartFrom::LastYear => work
            .last_year
            .ok_or_else(|| StoreError::NotFound(format!("{} 年报告的“{}”没有文字可沿用。", year - 1, def.title)))?,
        StartFrom::Figures => work
            .generated
            .ok_or_else(|| StoreError::NotFound(format!("“{}”没有可以根据数据生成的句子。", def.title)))?,
    };
    store.set_section(owner, year, def.key, SectionState::Draft, &text)?;
    Ok(text)
}

/// Saves what the office wrote for a section.
pub fn save_section(
    store: &Store,
    of: &ReportOf,
    year: i32,
    key: &str,
    state: SectionState,
    text: &str,
) -> Result<&'static SectionDef> {
    let def = narrative_section(key)?;
    let owner = report_owner(store, of)?;
    store.set_section(owner, year, def.key, state, text.trim())?;
    // The findings about the agency's text follow what the office wrote, at once (the letter and
    // 总览 read them).
    if owner != crate::report::COUNTY_ID {
        store.recheck_year(owner, year)?;
    }
    Ok(def)
}

/// A report with its sections, for the report the user means.
pub fn report_of(store: &Store, of: &ReportOf, year: i32) -> Result<(AgencyReport, Option<Return>)> {
    report::report(store, of, year)
}

// ---------------------------------------------------------------------------------------------
// Backups

/// Brings a backup back and checks the result; the current file is kept aside in backups/.
pub fn restore(db: &Path, backup: &Path) -> Result<Store> {
    crate::store::backup::restore(db, backup)?;
    Store::open_checked(db)
}

// ---------------------------------------------------------------------------------------------
// The office's 统计表 indicator table

/// Adds an indicator to the table `year` follows and saves the result from `year` on; the new id.
pub fn add_indicator(store: &mut Store, year: i32, new: &NewIndicator) -> Result<String> {
    let (table, _) = store.indicator_table(year)?;
    let (table, id) = table.with_added(new).map_err(StoreError::Invalid)?;
    store.set_indicator_table(year, &table)?;
    Ok(id)
}

/// Removes an indicator from the table `year` follows and saves the result from `year` on.
pub fn remove_indicator(store: &mut Store, year: i32, id: &str) -> Result<()> {
    let (table, _) = store.indicator_table(year)?;
    let label = table
        .get(id)
        .map(|i| i.label.clone())
        .ok_or_else(|| StoreError::NotFound(format!("{year} 年的指标表里没有“{id}”。")))?;
    let table = table.without(id);
    if table.indicators.is_empty() {
        return Err(StoreError::Invalid(format!("“{label}”是最后一个指标，不能删除。")));
    }
    store.set_indicator_table(year, &table)
}
