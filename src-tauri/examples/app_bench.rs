//! The app's import path, measured through the shell's own functions (the ones its commands run):
//! preview + import + the 总览 refresh, beside the engine's batch import of the same files (what
//! `nianbao import` does). Prints numbers and the ratio; asserts nothing.
//!
//!     cargo run --release -p nianbao-app --example app_bench -- [COUNT]

use nianbao_app::dto::ImportItem;
use nianbao_app::{map, work};
use std::time::Instant;

fn main() {
    let count: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(300);
    let dir = std::env::temp_dir().join(format!("nianbao-app-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let files = nianbao::service::demo(&dir.join("in"), count, 2021).expect("returns written");
    // The engine's path: one batch import.
    let mut store = nianbao::service::Store::open(&dir.join("cli.db")).expect("database");
    let t = Instant::now();
    let summary = nianbao::service::import_files(&mut store, &files, &Default::default(), |_, _, _| {});
    let cli = t.elapsed().as_secs_f64();
    // The app's path: the preview of the folder, the confirmed import, the overview it shows after.
    let db = dir.join("app.db");
    let folder = dir.join("in").display().to_string();
    let t = Instant::now();
    let previews = work::preview_paths(&db, &[folder]).expect("preview");
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
    let done = work::import_items(&db, items, |_| {}).expect("import");
    let import = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let store = nianbao::service::Store::open(&db).expect("database");
    let overview = map::overview(&store, Some(2021), &db).expect("overview");
    let refresh = t.elapsed().as_secs_f64();
    let app = preview + import + refresh;
    println!("{count} 份报表：命令行导入 {cli:.3} s（导入 {} 份）", summary.imported);
    println!(
        "应用：预览 {preview:.3} s + 导入 {import:.3} s + 总览刷新 {refresh:.3} s = {app:.3} s（导入 {} 份，总览 {} 个单位）",
        done.imported,
        overview.agencies.len()
    );
    println!("应用路径 / 命令行 = {:.2}×", app / cli.max(1e-9));
    let _ = std::fs::remove_dir_all(&dir);
}
