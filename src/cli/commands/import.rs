//! `import`: files and folders into the store, each file's outcome said as it is done.

use super::super::{tell, Ctx, Out};
use nianbao::model::MatchKind;
use nianbao::service;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn import(cx: &Ctx, paths: &[PathBuf], year: Option<i32>, agency: Option<String>) -> Out {
    let mut store = cx.store()?;
    let files = service::collect_files(paths, store.path());
    let total = files.len();
    if total == 0 {
        return Err("没有找到可导入的 .xlsx、.xls、.docx 或 .html 文件。".into());
    }
    // The state before the batch, should it need undoing.
    service::backup_before_import(&store, &files)?;
    // Files of another county, listed again at the end (the progress callback runs on a reader).
    let held = std::sync::Mutex::new(Vec::<String>::new());
    let summary = service::import_files(
        &mut store,
        &files,
        &service::Overrides { year, agency, ..Default::default() },
        |i, path, outcome| {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let name = service::terminal_safe(&name, false);
            // One write a line (stderr is unbuffered: eprintln! writes each piece of the format).
            tell(&match outcome {
                Ok(done) if done.unchanged => format!(
                    "[{}/{}] {} → 未变化：{} {} 年（与已导入的版本相同，未重复导入）",
                    i + 1,
                    total,
                    name,
                    done.agency,
                    done.year
                ),
                Ok(done) => format!("[{}/{}] {} → 已导入：{}", i + 1, total, name, describe_import(done)),
                Err(r) if r.code == service::HELD => {
                    format!("[{}/{}] {} → 属于其他县：{}", i + 1, total, name, r.message)
                }
                Err(r) => format!("[{}/{}] {} → 未导入：{}", i + 1, total, name, r.message),
            });
            if outcome.as_ref().is_err_and(|r| r.code == service::HELD) {
                held.lock().map(|mut h| h.push(name.into_owned())).ok();
            }
        },
    );
    let mut line = format!("共 {} 个文件：导入 {} 个", total, summary.imported);
    if summary.unchanged > 0 {
        line.push_str(&format!("，未变化 {} 个", summary.unchanged));
    }
    if summary.held > 0 {
        line.push_str(&format!("，属于其他县暂缓 {} 个", summary.held));
    }
    line.push_str(&format!("，拒收 {} 个；{} 个单位有问题需核对。", summary.refused, summary.with_findings));
    say!("{line}");
    let held = held.into_inner().unwrap_or_default();
    if !held.is_empty() {
        say!("以下文件的单位属于其他县，未导入也不计入汇总（如确属本县，请用 agencies alias 指定单位后重新导入）：");
        for name in held {
            say!("  {name}");
        }
    }
    Ok(if summary.refused > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn describe_import(done: &service::Imported) -> String {
    let mut s = format!(
        "{} {} 年（{}，{}，{} 项数据",
        done.agency,
        done.year,
        done.source.label(),
        done.format.label(),
        done.figures
    );
    if done.source.is_document() {
        s.push_str(&service::said::sections(done.sections_taken, done.sections_offered, done.replaced_earlier));
    }
    if !done.findings.is_empty() {
        s.push_str(&format!("，{} 个问题待核对", done.findings.len()));
    }
    s.push('）');
    match done.matched {
        MatchKind::Close => s.push_str(&format!("，文件中写作“{}”，按相近名称对应", done.file_agency)),
        MatchKind::Alias => s.push_str(&format!("，文件中写作“{}”，按别名对应", done.file_agency)),
        _ => {}
    }
    if done.replaced_earlier {
        s.push_str("，替换了此前导入的版本（旧版保留为历史）");
    }
    if done.corrections_kept > 0 {
        s.push_str(&format!("，保留了办公室的 {} 处更正", done.corrections_kept));
    }
    for x in &done.superseded {
        s.push_str(&service::said::superseded(x));
    }
    if done.agency_added {
        s.push_str("［新单位已加入名册］");
    }
    s
}
