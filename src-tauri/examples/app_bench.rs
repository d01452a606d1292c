//! The app's import path, measured through the shell's own functions (the ones its commands run):
//! preview + import + the 总览 refresh, beside the engine's batch import of the same files (what
//! `nianbao import` does). Each path is timed as the best of a few runs, each into a new
//! database. Prints numbers and the ratio; asserts nothing.
//!
//!     cargo run --release -p nianbao-app --example app_bench -- [COUNT]
//!     cargo run --release -p nianbao-app --example app_bench -- --folder DIR   (one line of JSON)

use nianbao::service::ReadCache;
use nianbao_app::dto::ImportItem;
use nianbao_app::{map, work};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Runs of each path; the fastest is reported (a shared machine's neighbours slow single runs).
const ROUNDS: usize = 3;

/// A new, empty database at `db`.
fn fresh(db: &Path) {
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
}

/// The engine's path: one batch import. Seconds and files imported.
fn cli(db: &Path, files: &[PathBuf]) -> (f64, usize) {
    fresh(db);
    let mut store = nianbao::service::Store::open(db).expect("database");
    let t = Instant::now();
    let summary = nianbao::service::import_files(&mut store, files, &Default::default(), |_, _, _| {});
    (t.elapsed().as_secs_f64(), summary.imported)
}

/// The app's path: the preview of the folder, the confirmed import, the overview it shows after.
/// Seconds of each, files imported and agencies shown.
fn app(db: &Path, folder: &Path) -> ([f64; 3], i32, usize) {
    fresh(db);
    let reads = ReadCache::default();
    let t = Instant::now();
    let previews = work::preview_paths(db, &[folder.display().to_string()], &reads, |_| {}).expect("preview");
    let preview = t.elapsed().as_secs_f64();
    let items: Vec<ImportItem> = previews
        .iter()
        .filter(|p| p.error.is_none())
        .map(|p| ImportItem {
            path: p.path.clone(),
            agency: p.matched_agency.clone().or(p.agency.clone()),
            year: p.year,
            file_agency: p.agency.clone(),
        })
        .collect();
    let t = Instant::now();
    let done = work::import_items(db, items, &reads, |_| {}).expect("import");
    let import = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let store = nianbao::service::Store::open(db).expect("database");
    let overview = map::overview(&store, Some(2021), db).expect("overview");
    let refresh = t.elapsed().as_secs_f64();
    ([preview, import, refresh], done.imported, overview.agencies.len())
}

/// The app's path over a folder the caller made (the end-to-end test's, timed in the window
/// too): the best of the rounds, as one line of JSON.
fn over_folder(folder: &Path, dir: &Path) {
    let mut best = ([f64::INFINITY; 3], 0, 0);
    for _ in 0..ROUNDS {
        let a = app(&dir.join("app.db"), folder);
        if a.0.iter().sum::<f64>() < best.0.iter().sum::<f64>() {
            best = a;
        }
    }
    let ([preview, import, refresh], imported, _) = best;
    println!(r#"{{"preview_s":{preview:.4},"import_s":{import:.4},"refresh_s":{refresh:.4},"imported":{imported}}}"#);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = std::env::temp_dir().join(format!("nianbao-app-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    if let [flag, folder] = &args[..] {
        if flag == "--folder" {
            std::fs::create_dir_all(&dir).expect("a folder for the database");
            over_folder(Path::new(folder), &dir);
            let _ = std::fs::remove_dir_all(&dir);
            return;
        }
    }
    let count: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(300);
    let files = nianbao::service::demo(&dir.join("in"), count, 2021).expect("returns written");
    let (mut best_cli, mut best_app) = ((f64::INFINITY, 0), ([f64::INFINITY; 3], 0, 0));
    for _ in 0..ROUNDS {
        let c = cli(&dir.join("cli.db"), &files);
        if c.0 < best_cli.0 {
            best_cli = c;
        }
        let a = app(&dir.join("app.db"), &dir.join("in"));
        if a.0.iter().sum::<f64>() < best_app.0.iter().sum::<f64>() {
            best_app = a;
        }
    }
    let ([preview, import, refresh], imported, agencies) = best_app;
    let app = preview + import + refresh;
    println!("{count} 份报表：命令行导入 {:.3} s（导入 {} 份）", best_cli.0, best_cli.1);
    println!(
        "应用：预览 {preview:.3} s + 导入 {import:.3} s（预览读过的文件不再读）+ 总览刷新 {refresh:.3} s = {app:.3} s（导入 {imported} 份，总览 {agencies} 个单位）"
    );
    println!("应用路径 / 命令行 = {:.2}×（目标 ≤ 2×，各取 {ROUNDS} 轮中最快的一轮）", app / best_cli.0.max(1e-9));
    let _ = std::fs::remove_dir_all(&dir);
}
