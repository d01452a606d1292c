//! 年报工作台's desktop shell. Each command is a few lines over the engine (`nianbao`): no domain
//! logic lives here, only the mapping to what the UI shows (dto.rs, map.rs). Long work (reading
//! and importing files) runs off the main thread and reports progress as events. Errors reach the
//! UI as a code and one Chinese sentence.
#![warn(clippy::too_many_lines)]

pub mod dto;
pub mod map;
pub mod work;

use dto::*;
use nianbao::model::{AgencyKind, ErrorCode, ReportOf, SectionState};
use nianbao::service::{exports, NewIndicator, Store};
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::{Emitter, Manager, State};

/// The app's state: one connection for the screens; an import opens its own, so the screens stay
/// usable while it runs (SQLite's WAL lets them read meanwhile).
pub struct App {
    pub store: Mutex<Store>,
    pub db_path: PathBuf,
    /// The files the last preview read, for the import that follows it.
    pub reads: std::sync::Arc<nianbao::service::ReadCache>,
}

type R<T> = Result<T, AppError>;

fn err(code: ErrorCode, message: impl ToString) -> AppError {
    AppError { code, message: message.to_string() }
}

impl App {
    fn store(&self) -> R<std::sync::MutexGuard<'_, Store>> {
        let mut store =
            self.store.lock().map_err(|_| err(ErrorCode::Internal, "程序内部出错，请重新启动年报工作台。"))?;
        // A commit was refused because the WAL on disk is no longer this connection's: a new
        // connection, so the next save lands in the file (the engine's store/wal.rs).
        if store.wal_lost() {
            *store = Store::open(&self.db_path)?;
        }
        Ok(store)
    }

    /// The work into the .db file itself (idle, and at exit): copied now, the file holds it all.
    fn checkpoint(&self) {
        if let Ok(store) = self.store.try_lock() {
            if let Err(e) = store.checkpoint() {
                eprintln!("写入数据库文件没有成功：{e}");
            }
        }
    }
}

/// The county's own identity (empty name until the office sets it on first start).
/// The year's deadlines, one given (by its code) set first: an empty date goes back to the law's.
#[tauri::command]
async fn deadlines(app: State<'_, App>, year: i32, kind: Option<String>, date: Option<String>) -> R<Vec<DeadlineDto>> {
    let store = app.store()?;
    let set = kind.as_deref().map(|k| (k, date.as_deref().unwrap_or("")));
    let rows = nianbao::service::review::deadline_rows(&store, year, set)?;
    Ok(rows.into_iter().map(map::deadline).collect())
}

#[tauri::command]
async fn county_info(app: State<'_, App>) -> R<CountySettings> {
    let info = app.store()?.county_info()?;
    Ok(CountySettings { is_set: info.is_set(), info, other_county: Vec::new() })
}

#[tauri::command]
async fn county_set(app: State<'_, App>, info: nianbao::service::CountyInfo) -> R<CountySettings> {
    let mut store = app.store()?;
    let others = nianbao::service::set_county(&mut store, &info)?;
    let info = store.county_info()?;
    Ok(CountySettings { is_set: info.is_set(), info, other_county: others.into_iter().map(|a| a.name).collect() })
}

/// An agency of another county taken out of the roster and of every year's sums (figures kept).
#[tauri::command]
async fn agency_retire_other_county(app: State<'_, App>, name: String) -> R<()> {
    let mut store = app.store()?;
    nianbao::service::retire_other_county(&mut store, &name)?;
    Ok(())
}

/// The words the screens show for the engine's values.
#[tauri::command]
async fn vocabulary() -> R<Vocabulary> {
    Ok(map::vocabulary())
}

#[tauri::command]
async fn overview(app: State<'_, App>, year: Option<i32>) -> R<Overview> {
    let store = app.store()?;
    map::overview(&store, year, &app.db_path).map_err(AppError::from)
}

#[tauri::command]
async fn roster(app: State<'_, App>) -> R<Vec<AgencyRow>> {
    let store = app.store()?;
    Ok(store.agencies(true)?.iter().map(map::agency_row).collect())
}

#[tauri::command]
async fn agency_add(app: State<'_, App>, name: String, kind: Option<AgencyKind>) -> R<()> {
    let kind = kind.unwrap_or_else(|| AgencyKind::guess(&name));
    app.store()?.add_agency(&name, kind).map(|_| ()).map_err(AppError::from)
}

#[tauri::command]
async fn agency_rename(app: State<'_, App>, old: String, new: String) -> R<()> {
    app.store()?.rename_agency(&old, &new).map_err(AppError::from)
}

#[tauri::command]
async fn agency_set_retired(app: State<'_, App>, name: String, retired: bool) -> R<()> {
    app.store()?.set_retired(&name, retired).map_err(AppError::from)
}

/// Retires an agency from a year: it no longer reports or counts from then; earlier years still count.
#[tauri::command]
async fn agency_retire_from(app: State<'_, App>, name: String, year: i32) -> R<()> {
    let mut store = app.store()?;
    nianbao::service::retire_from(&mut store, &name, year).map_err(AppError::from)
}

#[tauri::command]
async fn agency_set_kind(app: State<'_, App>, name: String, kind: AgencyKind) -> R<()> {
    app.store()?.set_kind(&name, kind).map_err(AppError::from)
}

#[tauri::command]
async fn agency_set_contact(app: State<'_, App>, name: String, contact: String, phone: String) -> R<()> {
    app.store()?.set_contact(&name, &contact, &phone).map_err(AppError::from)
}

#[tauri::command]
async fn roster_import(app: State<'_, App>, path: String) -> R<String> {
    let mut store = app.store()?;
    let n = nianbao::service::import_roster(&mut store, std::path::Path::new(&path))?;
    Ok(format!("读入 {} 个单位，新加入名册 {} 个。", n.read, n.added))
}

/// Reads the chosen files and folders without storing anything, for the office to confirm: each with
/// its agency as the roster finds it and whether it is already stored as it is. The files read so
/// far go out as "preview-batch" events while the rest are read; the answer is the whole list.
#[tauri::command]
async fn preview_files(handle: tauri::AppHandle, app: State<'_, App>, paths: Vec<String>) -> R<Vec<Preview>> {
    let (db, reads) = (app.db_path.clone(), app.reads.clone());
    tauri::async_runtime::spawn_blocking(move || {
        let batches = work::Batches::new(work::PREVIEWS_EVERY, |read: Vec<Preview>| {
            let _ = handle.emit("preview-batch", read);
        })
        .first(work::FIRST_SCREEN);
        let all = work::preview_paths(&db, &paths, &reads, |p| batches.push(p.clone()));
        batches.finish();
        all
    })
    .await
    .map_err(|e| err(ErrorCode::Internal, e))?
}

/// Stores the confirmed files, one transaction each, with "import-progress" events of the files
/// done, a batch at most every tenth of a second.
#[tauri::command]
async fn import_files(handle: tauri::AppHandle, app: State<'_, App>, items: Vec<ImportItem>) -> R<ImportSummary> {
    let (db, reads) = (app.db_path.clone(), app.reads.clone());
    tauri::async_runtime::spawn_blocking(move || {
        let batches = work::Batches::new(work::PROGRESS_EVERY, |done: Vec<ImportProgress>| {
            let _ = handle.emit("import-progress", done);
        });
        let summary = work::import_items(&db, items, &reads, |progress| batches.push(progress.clone()));
        batches.finish();
        summary
    })
    .await
    .map_err(|e| err(ErrorCode::Internal, e))?
}

/// Every agency's text for a part of the county's report, with what stands out in them.
#[tauri::command]
async fn part_sources(app: State<'_, App>, year: i32, key: String) -> R<PartSourcesDto> {
    let store = app.store()?;
    map::part_sources(&store, year, &key).map_err(AppError::from)
}

/// Adds words the office reads as "something new" in the agencies' texts.
#[tauri::command]
async fn new_words_add(app: State<'_, App>, words: Vec<String>) -> R<Vec<String>> {
    let store = app.store()?;
    nianbao::service::sources::add_new_words(&store, &words).map_err(AppError::from)
}

/// Takes an agency's current return (or report document) of a year out of the count; it stays in
/// history and can be brought back.
#[tauri::command]
async fn return_remove(app: State<'_, App>, agency: String, year: i32, document: bool) -> R<()> {
    let mut store = app.store()?;
    nianbao::service::returns::remove(&mut store, &agency, year, document)?;
    Ok(())
}

/// Brings a return back as the current one of its kind.
#[tauri::command]
async fn return_restore(app: State<'_, App>, agency: String, year: i32, id: i32) -> R<()> {
    let mut store = app.store()?;
    nianbao::service::returns::restore(&mut store, &agency, year, false, Some(id as i64))?;
    Ok(())
}

#[tauri::command]
async fn agency_detail(app: State<'_, App>, agency: String, year: i32) -> R<AgencyDetail> {
    let store = app.store()?;
    map::agency_detail(&store, &agency, year).map_err(AppError::from)
}

/// The county at a glance: the review's progress, the findings, the figures over the years, the
/// risk indicators (all computed by the engine; the screen only draws them).
#[tauri::command]
async fn stats(app: State<'_, App>, year: i32, from: Option<i32>, to: Option<i32>) -> R<StatsDto> {
    let store = app.store()?;
    let range = from.zip(to);
    Ok(StatsDto { dashboard: nianbao::service::stats(&store, year, range)? })
}

/// The 年度简报 with the screen's charts (PNG bytes the screen rendered from its ECharts options).
#[tauri::command]
async fn export_brief(app: State<'_, App>, year: i32, path: String, pictures: Vec<Vec<u8>>) -> R<String> {
    let store = app.store()?;
    exports::brief(&store, year, &pictures, path.as_ref())?;
    Ok(path)
}

/// Moves an agency's report on in the review (审核通过, 已公开 with its address, back to 退回修改).
#[tauri::command]
async fn review_set(
    app: State<'_, App>,
    agency: String,
    year: i32,
    state: nianbao::model::ReviewState,
    step: MoveDto,
) -> R<AgencyDetail> {
    let store = app.store()?;
    let m = nianbao::service::review::Move {
        date: step.date,
        url: step.url,
        note: step.note,
        page: step.page.map(std::path::PathBuf::from),
    };
    nianbao::service::review::set_state(&store, &agency, year, state, &m)?;
    map::agency_detail(&store, &agency, year).map_err(AppError::from)
}

/// The office sends an agency its 审核意见: the round is recorded and the report goes back to
/// 已退回修改 where the letter lists findings.
#[tauri::command]
async fn review_send(app: State<'_, App>, agency: String, year: i32, date: Option<String>) -> R<AgencyDetail> {
    let store = app.store()?;
    nianbao::service::review::send(&store, &agency, year, date.as_deref())?;
    map::agency_detail(&store, &agency, year).map_err(AppError::from)
}

/// A folder of saved pages checked against the accepted versions (总览's 核对已公开的报告).
#[tauri::command]
async fn review_published(app: State<'_, App>, year: i32, dir: String) -> R<PublishedDto> {
    let mut store = app.store()?;
    let r = nianbao::service::publish::check_folder(&mut store, year, dir.as_ref())?;
    Ok(map::published(&r))
}

/// The office's disposition of a finding: 已核实, or 不予采纳 with its reason.
#[tauri::command]
async fn finding_dispose(
    app: State<'_, App>,
    id: i64,
    disposition: nianbao::model::Disposition,
    reason: String,
) -> R<AgencyDetail> {
    let store = app.store()?;
    let (agency, year) = nianbao::service::review::dispose(&store, id, disposition, &reason)?;
    map::agency_detail(&store, &agency, year).map_err(AppError::from)
}

#[tauri::command]
async fn correct_figure(
    app: State<'_, App>,
    return_id: i32,
    figure: String,
    value: f64,
    who: String,
    note: Option<String>,
) -> R<Vec<FindingDto>> {
    let note = note.unwrap_or_default();
    let mut store = app.store()?;
    let findings =
        nianbao::service::returns::correct_version(&mut store, return_id as i64, &figure, value, &note, &who)?;
    Ok(findings.iter().map(map::finding).collect())
}

#[tauri::command]
async fn report(app: State<'_, App>, of: ReportOf, year: i32) -> R<ReportDto> {
    let store = app.store()?;
    map::report(&store, &of, year).map_err(AppError::from)
}

#[tauri::command]
async fn section_save(
    app: State<'_, App>,
    of: ReportOf,
    year: i32,
    key: String,
    state: SectionState,
    text: String,
) -> R<ReportDto> {
    let store = app.store()?;
    nianbao::service::save_section(&store, &of, year, &key, state, &text)?;
    map::report(&store, &of, year).map_err(AppError::from)
}

/// The office's choice on a text a re-imported document brought: take it, or keep its own.
#[tauri::command]
async fn section_offer(app: State<'_, App>, of: ReportOf, year: i32, key: String, take: bool) -> R<ReportDto> {
    let mut store = app.store()?;
    let owner = nianbao::service::report_owner(&store, &of)?;
    let def = nianbao::service::narrative_section(&key)?;
    store.resolve_offer(owner, year, def.key, take)?;
    map::report(&store, &of, year).map_err(AppError::from)
}

#[tauri::command]
async fn county(app: State<'_, App>, year: i32) -> R<CountyDto> {
    let store = app.store()?;
    map::county(&store, year).map_err(AppError::from)
}

#[tauri::command]
async fn export_summary(app: State<'_, App>, year: i32, path: String) -> R<String> {
    let store = app.store()?;
    exports::summary(&store, year, path.as_ref())?;
    Ok(path)
}

#[tauri::command]
async fn export_tables(app: State<'_, App>, of: ReportOf, year: i32, path: String) -> R<String> {
    let store = app.store()?;
    exports::tables(&store, &of, year, path.as_ref())?;
    Ok(path)
}

#[tauri::command]
async fn export_template(app: State<'_, App>, year: i32, stats: bool, path: String) -> R<String> {
    exports::template(&*app.store()?, year, stats, path.as_ref())?;
    Ok(path)
}

/// The 统计表 indicator table a year follows.
#[tauri::command]
async fn indicators(app: State<'_, App>, year: i32) -> R<IndicatorsDto> {
    let store = app.store()?;
    map::indicators(&store, year).map_err(AppError::from)
}

/// Adds an indicator of the office's own, from a year on.
#[tauri::command]
async fn indicators_add(app: State<'_, App>, year: i32, new: NewIndicator) -> R<IndicatorsDto> {
    let mut store = app.store()?;
    nianbao::service::add_indicator(&mut store, year, &new)?;
    map::indicators(&store, year).map_err(AppError::from)
}

/// Removes an indicator, from a year on.
#[tauri::command]
async fn indicators_remove(app: State<'_, App>, year: i32, id: String) -> R<IndicatorsDto> {
    let mut store = app.store()?;
    nianbao::service::remove_indicator(&mut store, year, &id)?;
    map::indicators(&store, year).map_err(AppError::from)
}

/// Goes back to the table before (or the national one) for a year.
#[tauri::command]
async fn indicators_clear(app: State<'_, App>, year: i32) -> R<IndicatorsDto> {
    let mut store = app.store()?;
    store.clear_indicator_table(year)?;
    map::indicators(&store, year).map_err(AppError::from)
}

/// The year's indicator table as a workbook to edit in Excel or WPS.
#[tauri::command]
async fn indicators_export(app: State<'_, App>, year: i32, path: String) -> R<String> {
    exports::indicator_table(&*app.store()?, year, path.as_ref())?;
    Ok(path)
}

/// An edited definition workbook read back and saved from a year on.
#[tauri::command]
async fn indicators_import(app: State<'_, App>, year: i32, path: String) -> R<IndicatorsDto> {
    let mut store = app.store()?;
    exports::import_indicator_table(&mut store, year, path.as_ref())?;
    map::indicators(&store, year).map_err(AppError::from)
}

#[tauri::command]
async fn export_draft(app: State<'_, App>, of: ReportOf, year: i32, date: Option<String>, path: String) -> R<String> {
    let store = app.store()?;
    exports::draft(&store, &of, year, date.as_deref(), path.as_ref())?;
    Ok(path)
}

/// Everything of a year into one folder, with an "export-progress" event per file.
#[tauri::command]
async fn export_all(
    handle: tauri::AppHandle,
    app: State<'_, App>,
    year: i32,
    dir: String,
    date: Option<String>,
) -> R<ExportAllDto> {
    let db = app.db_path.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let store = Store::open(&db)?;
        let done = exports::all(&store, year, dir.as_ref(), date.as_deref(), |done, total, file: &str| {
            let _ = handle
                .emit("export-progress", &ExportProgress { done: done as i32, total: total as i32, file: file.into() });
        })?;
        Ok(ExportAllDto {
            dir,
            county_unset: done.county_unset.clone(),
            written: done.written.len() as i32,
            failed: done
                .failed
                .iter()
                .map(|(p, e)| ExportFailure {
                    file: p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                    code: e.code(),
                    message: e.to_string(),
                })
                .collect(),
        })
    })
    .await
    .map_err(|e| err(ErrorCode::Internal, e))?
}

#[tauri::command]
async fn export_feedback(
    app: State<'_, App>,
    agency: String,
    year: i32,
    date: Option<String>,
    path: String,
) -> R<String> {
    let store = app.store()?;
    exports::feedback(&store, &agency, year, date.as_deref(), path.as_ref())?;
    Ok(path)
}

#[tauri::command]
async fn export_chase(app: State<'_, App>, year: i32, path: String) -> R<String> {
    let store = app.store()?;
    exports::chase(&store, year, path.as_ref())?;
    Ok(path)
}

/// The database as one whole file where the office chooses (a USB stick, another computer).
#[tauri::command]
async fn database_copy(app: State<'_, App>, path: String) -> R<String> {
    let store = app.store()?;
    nianbao::service::copy_database(&store, path.as_ref())?;
    Ok(path)
}

#[tauri::command]
async fn backups(app: State<'_, App>) -> R<Vec<BackupDto>> {
    Ok(nianbao::service::backups(&app.db_path).iter().map(map::backup).collect())
}

#[tauri::command]
async fn backup_now(app: State<'_, App>) -> R<Vec<BackupDto>> {
    app.store()?.auto_backup("手动")?;
    Ok(nianbao::service::backups(&app.db_path).iter().map(map::backup).collect())
}

/// Brings a backup back: the screens' connection is closed while the file is replaced, then the
/// restored database is opened (and checked) in its place.
#[tauri::command]
async fn backup_restore(app: State<'_, App>, path: String) -> R<()> {
    let mut store = app.store()?;
    *store = Store::open_in_memory()?;
    let restored = nianbao::service::restore(&app.db_path, path.as_ref());
    *store = match restored {
        Ok(s) => s,
        // The restore failed before the file was replaced: the database as it was opens again.
        Err(e) => {
            *store = Store::open_checked(&app.db_path)?;
            return Err(e.into());
        }
    };
    Ok(())
}

/// The database: NIANBAO_DB when set (tests, a second county), else the user's data folder.
pub fn database_path() -> PathBuf {
    std::env::var_os("NIANBAO_DB").map(PathBuf::from).unwrap_or_else(Store::default_path)
}

#[expect(
    clippy::too_many_lines,
    reason = "the app's one builder: plugins, state and the list of every command, read as one"
)]
pub fn run() {
    let db_path = database_path();
    tauri::Builder::default()
        // A second launch brings the running window forward instead of opening the database twice.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        // The window comes back where and as large as the office left it; the first start fills the screen.
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            // A damaged database is not opened blindly: the office is told, with the way back.
            let store = match Store::open_checked(&db_path) {
                Ok(s) => s,
                Err(e) => {
                    use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
                    app.dialog()
                        .message(e.to_string())
                        .title("年报工作台无法打开数据库")
                        .kind(MessageDialogKind::Error)
                        .blocking_show();
                    return Err(e.to_string().into());
                }
            };
            if let Err(e) = store.daily_backup() {
                eprintln!("每日备份没有成功：{e}");
            }
            app.manage(App { store: Mutex::new(store), db_path: db_path.clone(), reads: Default::default() });
            // Every few minutes the work goes into the .db file, so it is whole even if the
            // computer is switched off with the window open.
            let handle = app.handle().clone();
            std::thread::spawn(move || loop {
                std::thread::sleep(std::time::Duration::from_secs(180));
                if let Some(app) = handle.try_state::<App>() {
                    app.checkpoint();
                }
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            vocabulary,
            stats,
            export_brief,
            review_set,
            review_send,
            review_published,
            finding_dispose,
            county_info,
            deadlines,
            indicators,
            indicators_add,
            indicators_remove,
            indicators_clear,
            indicators_export,
            indicators_import,
            county_set,
            overview,
            roster,
            agency_add,
            agency_rename,
            agency_set_retired,
            agency_set_kind,
            agency_set_contact,
            roster_import,
            preview_files,
            import_files,
            agency_detail,
            correct_figure,
            report,
            section_save,
            section_offer,
            county,
            export_summary,
            export_tables,
            export_template,
            export_draft,
            export_all,
            return_remove,
            agency_retire_from,
            part_sources,
            new_words_add,
            return_restore,
            export_feedback,
            export_chase,
            backups,
            backup_now,
            backup_restore,
            database_copy,
            agency_retire_other_county,
        ])
        .build(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("年报工作台无法启动：{e}");
            std::process::exit(1);
        })
        .run(|handle, event| {
            // At exit the work goes into the .db file: the file alone holds it at rest.
            if let tauri::RunEvent::Exit = event {
                if let Some(app) = handle.try_state::<App>() {
                    app.checkpoint();
                }
            }
        });
}
