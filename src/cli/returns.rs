//! Commands on stored returns and the roster's names: `correct`, `figures`, `returns
//! list|remove|restore`, `agencies alias`, `agencies retire --from-year`. Each a few lines over
//! `service::returns`.

use crate::{open_store, CliError, Out};
use clap::Subcommand;
use nianbao::service::{self, returns};
use nianbao::text::fmt_num;
use std::path::PathBuf;
use std::process::ExitCode;

/// Which agency and year a command is about.
#[derive(clap::Args)]
pub struct AgencyYear {
    /// 单位名称（名册中的名称）
    #[arg(long)]
    pub agency: String,
    /// 年度（默认最近有报表的年度）
    #[arg(long)]
    pub year: Option<i32>,
}

#[derive(Subcommand)]
pub enum ReturnsAction {
    /// 列出某单位某年度的全部版本（当前版本、历史版本、已撤销的版本）
    List {
        #[command(flatten)]
        target: AgencyYear,
    },
    /// 撤销误导入的当前版本：它留在历史中可恢复，上一个版本（如有）恢复为当前版本
    Remove {
        #[command(flatten)]
        target: AgencyYear,
        /// 撤销的是报告文档（Word/网页），不是 Excel 报表
        #[arg(long)]
        document: bool,
    },
    /// 恢复最近撤销的版本（或 --id 指定的版本）为当前版本
    Restore {
        #[command(flatten)]
        target: AgencyYear,
        #[arg(long)]
        document: bool,
        /// 版本编号（见 returns list）
        #[arg(long)]
        id: Option<i64>,
    },
}

pub fn cmd_correct(db: &Option<PathBuf>, target: AgencyYear, figure: &str, value: f64, note: Option<String>) -> Out {
    let mut store = open_store(db)?;
    let year = service::resolve_year(&store, target.year)?;
    let findings =
        returns::correct(&mut store, &target.agency, year, figure, value, note.as_deref().unwrap_or(""), "办公室")?;
    say!("已更正“{}”{year} 年 {figure} 为 {}；现有 {} 个问题待核对。", target.agency, fmt_num(value), findings.len());
    for f in &findings {
        say!("  {}：{}", f.rule.label(), f.message);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn cmd_figures(db: &Option<PathBuf>, target: AgencyYear, json: bool) -> Out {
    let store = open_store(db)?;
    let year = service::resolve_year(&store, target.year)?;
    let now = returns::figures_now(&store, &target.agency, year)?;
    if json {
        say!("{}", serde_json::to_string_pretty(&now).map_err(|e| CliError(e.to_string()))?);
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
    Ok(ExitCode::SUCCESS)
}

pub fn cmd_returns(db: &Option<PathBuf>, action: ReturnsAction) -> Out {
    let mut store = open_store(db)?;
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

pub fn cmd_alias(db: &Option<PathBuf>, name: &str, agency: &str) -> Out {
    let mut store = open_store(db)?;
    let a = store.add_alias(name, agency)?;
    say!("已记住：文件中的“{name}”即名册中的“{}”，以后导入都按此对应。", a.name);
    Ok(ExitCode::SUCCESS)
}
