//! `export`: the workbooks and Word documents, each one call to `service::exports`.

use super::super::args::ExportWhat;
use super::super::{tell, Ctx, Out};
use nianbao::model::ReportOf;
use nianbao::service::exports;
use std::path::Path;
use std::process::ExitCode;

pub fn export(cx: &Ctx, what: ExportWhat) -> Out {
    let done = |p: &Path| say!("已保存：{}", p.display());
    match what {
        ExportWhat::Template { year, stats, out } => {
            exports::template(&cx.store()?, year, stats, &out)?;
            done(&out);
        }
        ExportWhat::Summary { year, out } => {
            let (store, year) = cx.store_and_year(year)?;
            exports::summary(&store, year, &out)?;
            done(&out);
        }
        ExportWhat::Tables { target } | ExportWhat::Draft { target } if target.county && target.agency.is_some() => {
            return Err("--agency 与 --county 只能选一个。".into());
        }
        ExportWhat::Tables { target } => {
            let (store, year) = cx.store_and_year(target.year)?;
            exports::tables(&store, &ReportOf::parse(target.agency.as_deref()), year, &target.out)?;
            done(&target.out);
        }
        ExportWhat::All { year, dir, date } => {
            let (store, year) = cx.store_and_year(year)?;
            let progress = |i, n, file: &str| tell(&format!("[{i}/{n}] {file}"));
            let done = exports::all(&store, year, &dir, date.as_deref(), progress)?;
            for (path, e) in &done.failed {
                say!("未能保存：{}（{e}）", path.display());
            }
            say!("已在“{}”保存 {} 个文件，{} 个未能保存。", dir.display(), done.written.len(), done.failed.len());
            if let Some(unset) = &done.county_unset {
                say!("{unset}");
            }
            if !done.failed.is_empty() {
                return Ok(ExitCode::from(2));
            }
        }
        ExportWhat::Feedback { agency, all, year, out, dir, date } => {
            let (store, year) = cx.store_and_year(year)?;
            match (agency, all, out, dir) {
                (Some(a), false, Some(out), _) => {
                    exports::feedback(&store, &a, year, date.as_deref(), &out)?;
                    done(&out);
                }
                (None, true, _, Some(dir)) => {
                    let n = exports::feedback_all(&store, year, date.as_deref(), &dir)?;
                    say!("已在“{}”保存 {n} 份审核意见。", dir.display());
                }
                _ => return Err("请写 --agency 单位 --out 文件，或 --all --dir 文件夹。".into()),
            }
        }
        ExportWhat::Brief { year, out } => {
            let (store, year) = cx.store_and_year(year)?;
            exports::brief(&store, year, &[], &out)?;
            done(&out);
        }
        ExportWhat::Chase { year, out } => {
            let (store, year) = cx.store_and_year(year)?;
            let n = exports::chase(&store, year, &out)?;
            done(&out);
            say!("催报清单列出 {n} 个单位。");
        }
        ExportWhat::Draft { target } => {
            let (store, year) = cx.store_and_year(target.year)?;
            let of = ReportOf::parse(target.agency.as_deref());
            let markers = exports::draft(&store, &of, year, target.date.as_deref(), &target.out)?;
            done(&target.out);
            if markers > 0 {
                say!("报告稿中还有 {markers} 处待完成，已用【待撰写】【待核实】或【待填写】标出。");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
