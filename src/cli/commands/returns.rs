//! Commands on stored returns and the roster's names: `correct`, `figures`, `returns
//! list|remove|restore`, `agencies alias`, `agencies retire --from-year`. Each a few lines over
//! `service::returns`.

use super::super::args::{AgencyYear, ReturnsAction};
use super::super::{CliError, Ctx, Out};
use nianbao::service::fmt_num;
use nianbao::service::{self, returns};
use std::process::ExitCode;

pub fn correct(cx: &Ctx, target: AgencyYear, figure: &str, value: f64, note: Option<String>) -> Out {
    let mut store = cx.store()?;
    let year = service::resolve_year(&store, target.year)?;
    let findings =
        returns::correct(&mut store, &target.agency, year, figure, value, note.as_deref().unwrap_or(""), "办公室")?;
    say!("已更正“{}”{year} 年 {figure} 为 {}；现有 {} 个问题待核对。", target.agency, fmt_num(value), findings.len());
    for f in &findings {
        say!("  {}：{}", f.rule.label(), f.message);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn figures(cx: &Ctx, target: AgencyYear, json: bool) -> Out {
    let store = cx.store()?;
    let year = service::resolve_year(&store, target.year)?;
    let now = returns::figures_now(&store, &target.agency, year)?;
    if json {
        say!("{}", serde_json::to_string_pretty(&now).map_err(|e| CliError::from(e.to_string()))?);
        return Ok(ExitCode::SUCCESS);
    }
    say!("{} {} 年（{}）", now.agency, now.year, now.file);
    for f in &now.figures {
        let value = f.value.map(fmt_num).unwrap_or_else(|| format!("“{}”", f.raw));
        say!(
            "{}\t{}\t{}\t{}!{}{}",
            f.id,
            f.label,
            value,
            f.sheet,
            f.cell,
            if f.corrected { "\t（已更正）" } else { "" }
        );
    }
    for c in &now.corrections {
        let new = c.new_value.map(fmt_num).unwrap_or_default();
        say!("更正：{} {} → {}（{}，{}）{}", c.figure, c.old_raw, new, c.who, c.at, c.note);
    }
    for e in &now.elsewhere {
        let c = &e.correction;
        let new = c.new_value.map(fmt_num).unwrap_or_default();
        let counts = e.now.as_deref().map(|v| format!("，现计入“{v}”")).unwrap_or_default();
        say!(
            "其他版本的更正（不计入）：{} {} → {}（{} 导入的 {}，{}，{}{counts}）{}",
            c.figure,
            c.old_raw,
            new,
            e.imported_at,
            e.file,
            c.who,
            c.at,
            c.note
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn returns(cx: &Ctx, action: ReturnsAction) -> Out {
    let mut store = cx.store()?;
    match action {
        ReturnsAction::List { target } => {
            let year = service::resolve_year(&store, target.year)?;
            for (r, removed) in returns::returns_of(&store, &target.agency, year)? {
                let state = match (&removed, r.current) {
                    (Some(at), _) => format!("已撤销（{at}）"),
                    (None, true) => "当前版本".into(),
                    (None, false) => "历史版本".into(),
                };
                say!("{}\t{}\t{}\t{}\t{}", r.id, r.source.label(), state, r.imported_at, r.file_name);
            }
        }
        ReturnsAction::Remove { target, document } => {
            let year = service::resolve_year(&store, target.year)?;
            let r = returns::remove(&mut store, &target.agency, year, document)?;
            say!(
                "已撤销“{}”{year} 年的“{}”（编号 {}），它不再计入汇总，可用 returns restore 恢复。",
                target.agency,
                r.file_name,
                r.id
            );
        }
        ReturnsAction::Restore { target, document, id } => {
            let year = service::resolve_year(&store, target.year)?;
            let r = returns::restore(&mut store, &target.agency, year, document, id)?;
            say!("已恢复“{}”{year} 年的“{}”（编号 {}）为当前版本。", target.agency, r.file_name, r.id);
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn alias(cx: &Ctx, name: &str, agency: &str) -> Out {
    let mut store = cx.store()?;
    let a = store.add_alias(name, agency)?;
    say!("已记住：文件中的“{name}”即名册中的“{}”，以后导入都按此对应。", a.name);
    Ok(ExitCode::SUCCESS)
}
