//! `stats`: the county at a glance, as tables (or the whole of it as JSON).

use super::super::{CliError, Ctx, Out};
use nianbao::service;
use std::process::ExitCode;

/// "2019-2023" → (2019, 2023).
fn range(s: &str) -> Result<(i32, i32), CliError> {
    let bad = || CliError::from(format!("年度范围“{s}”无法识别，请写成 2019-2023。"));
    let (a, b) = s.split_once('-').ok_or_else(bad)?;
    Ok((a.trim().parse().map_err(|_| bad())?, b.trim().parse().map_err(|_| bad())?))
}

pub fn stats(cx: &Ctx, year: Option<i32>, years: Option<String>, json: bool) -> Out {
    let (store, year) = cx.store_and_year(year)?;
    let range = years.as_deref().map(range).transpose()?;
    let d = service::stats(&store, year, range)?;
    if json {
        say!("{}", serde_json::to_string_pretty(&d).map_err(|e| CliError::from(e.to_string()))?);
        return Ok(ExitCode::SUCCESS);
    }
    say!("{year} 年审核进度（{}）", d.states.join(" / "));
    for p in &d.progress {
        let counts: Vec<String> = p.counts.iter().map(|n| n.to_string()).collect();
        let differ = if p.published_differ > 0 {
            format!("\t已公开网页与审核版本不一致 {}", p.published_differ)
        } else {
            String::new()
        };
        say!("  {}\t{}\t逾期 {}{differ}", p.kind, counts.join(" / "), p.overdue);
    }
    say!("风险指标：");
    for i in &d.indicators {
        say!("  {}\t{}\t{}", i.name, i.shown, i.definition);
    }
    let head: Vec<String> = d.years.iter().map(|y| y.to_string()).collect();
    say!("全县主要数据\t{}", head.join("\t"));
    for s in &d.series {
        let v: Vec<String> = s.values.iter().map(|v| v.map(service::fmt_num).unwrap_or_else(|| "—".into())).collect();
        say!("  {}（{}）\t{}", s.name, s.unit, v.join("\t"));
    }
    if !d.findings_by_rule.is_empty() {
        let rules: Vec<String> = d.findings_by_rule.iter().map(|c| format!("{} {}", c.label, c.n)).collect();
        say!("问题按规则：{}", rules.join("，"));
    }
    for o in &d.outliers {
        say!("值得关注：{}：{}", o.agency, o.why);
    }
    Ok(ExitCode::SUCCESS)
}
