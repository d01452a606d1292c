//! `status`, `sections`, `county`: where the year stands.

use super::super::{Ctx, Out};
use nianbao::model::ReportOf;
use nianbao::service;
use std::process::ExitCode;

pub fn status(cx: &Ctx, year: Option<i32>) -> Out {
    let (store, year) = cx.store_and_year(year)?;
    let y = service::review::standing(&store, year)?;
    let rows = &y.agencies;
    let sent = rows.iter().filter(|r| r.sent()).count();
    let with_findings = rows.iter().filter(|r| r.findings > 0).count();
    let documents = rows.iter().filter(|r| r.status.document.is_some()).count();
    say!(
        "{year} 年：名册 {} 个单位，已报送 {sent} 个，未报送 {} 个，有问题 {with_findings} 个，已交报告文档 {documents} 个。",
        rows.len(),
        rows.len() - sent
    );
    for r in rows {
        let state = match (r.sent(), r.findings) {
            (false, _) => "未报送".to_string(),
            (true, 0) => "已报送".to_string(),
            (true, n) => format!("已报送，{n} 个问题"),
        };
        let overdue = r.overdue_words().map(|o| format!("，{o}")).unwrap_or_default();
        say!(
            "{}\t{}\t{}\t{}{overdue}\t{}",
            r.name(),
            r.status.agency.kind.label(),
            state,
            r.state.label(),
            r.status.file_name.clone().unwrap_or_default()
        );
    }
    let c = &y.county;
    let late = c.overdue.map(|o| format!("（{o}）")).unwrap_or_default();
    say!("全县政府年报\t{}{late}\t公开截止 {}", c.label(), c.publish_by);
    Ok(ExitCode::SUCCESS)
}

pub fn sections(cx: &Ctx, year: Option<i32>, agency: Option<String>) -> Out {
    let (store, year) = cx.store_and_year(year)?;
    let reports = match agency.as_deref() {
        Some(a) => vec![service::report(&store, &ReportOf::parse(Some(a)), year)?.0],
        None => {
            let mut all = service::all_reports(&store, year)?;
            all.push(service::report(&store, &ReportOf::County, year)?.0);
            all
        }
    };
    let mut open = 0;
    let mut imported = 0;
    for r in &reports {
        let todo = r.to_write();
        open += todo.len();
        imported += r.sections.iter().filter(|s| !s.source_file.is_empty()).count();
        if agency.is_some() {
            say!("{} {year} 年报告：", r.agency);
            for s in &r.sections {
                let from = if s.source_file.is_empty() {
                    String::new()
                } else {
                    format!("　（导入自“{}”{}）", s.source_file, s.source_place)
                };
                say!("  {}\t{}{}{}", s.title, s.state_label, if s.complete { "" } else { "　← 待完成" }, from);
                for f in &s.findings {
                    say!("      [{}] {}", f.rule.label(), f.message);
                }
            }
        } else if todo.is_empty() {
            say!("{}：全部完成", r.agency);
        } else {
            let list: Vec<String> = todo.iter().map(|s| format!("{} {}", s.key, s.state_label)).collect();
            say!("{}：{}", r.agency, list.join("、"));
        }
    }
    say!("{year} 年共 {} 份报告，待完成章节 {open} 个，其中来自报告文档的章节 {imported} 个。", reports.len());
    Ok(ExitCode::SUCCESS)
}

pub fn county(cx: &Ctx, year: Option<i32>) -> Out {
    let (store, year) = cx.store_and_year(year)?;
    let c = service::county(&store, year)?;
    say!(
        "{year} 年全县汇总：计入 {} 个单位，未报送 {} 个，有问题 {} 个。",
        c.included.len(),
        c.missing.len(),
        c.with_findings.len()
    );
    if !c.missing.is_empty() {
        say!("未报送：{}", c.missing.join("、"));
    }
    for (a, n) in &c.with_findings {
        say!("有问题：{a}（{n} 个，已计入合计，请核对）");
    }
    if !c.other_format.is_empty() {
        say!(
            "使用了另一版格式，按本年格式对应合计（（六）其他处理计入（六）3.其他，本年新制作数量计入本年制发件数）：{}",
            c.other_format.join("、")
        );
    }
    for f in c.totals.figures.iter().filter(|f| f.value != Some(0.0)) {
        let label = service::describe_figure(&f.id, Some(c.format));
        say!("  {}\t{}\t{}", f.id, label, f.raw);
    }
    Ok(ExitCode::SUCCESS)
}
