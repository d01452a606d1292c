//! `backup`, `backups`, `restore`, `check`: the database's copies and its health.

use super::super::{Ctx, Out};
use nianbao::service;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn backup(cx: &Ctx, out: Option<PathBuf>) -> Out {
    let store = cx.store()?;
    match out {
        Some(p) => {
            store.backup_to(&p)?;
            say!("已备份到：{}", p.display());
        }
        None => {
            let b = store.auto_backup("手动")?;
            say!("已备份到：{}", b.map(|b| b.path.display().to_string()).unwrap_or_default());
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn backups(cx: &Ctx) -> Out {
    let db = cx.path();
    let list = service::backups(&db);
    if list.is_empty() {
        say!("还没有备份（{}）。", service::backup_folder(&db).display());
    }
    // Good copies first, newest first; a copy that failed its check last, marked.
    for b in &list {
        let state = if b.good { "完好" } else { "未通过检查" };
        let then = match (b.agencies, b.returns) {
            (Some(a), Some(r)) => format!("当时 {a} 个单位、{r} 份报表"),
            _ => String::new(),
        };
        say!("{}\t{}\t{}\t{} KB\t{}\t{}\t{}", b.taken, b.reason, state, b.bytes / 1024, b.note, then, b.path.display());
    }
    Ok(ExitCode::SUCCESS)
}

pub fn restore(cx: &Ctx, file: &Path) -> Out {
    let db = cx.path();
    service::restore(&db, file)?;
    say!("已从“{}”恢复数据库“{}”（原文件已另存在 backups 文件夹）。", file.display(), db.display());
    Ok(ExitCode::SUCCESS)
}

pub fn check(cx: &Ctx) -> Out {
    let db = cx.path();
    service::Store::open_checked(&db)?;
    say!("数据库完好：{}", db.display());
    Ok(ExitCode::SUCCESS)
}
