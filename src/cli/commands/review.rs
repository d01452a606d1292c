//! `findings`, `finding confirm|dismiss`, `review set|show|deadlines|rule`: the review season.

use super::super::args::{FindingAction, ReviewAction};
use super::super::{CliError, Ctx, Out};
use nianbao::model::Disposition;
use nianbao::service::review;
use std::process::ExitCode;

pub fn findings(cx: &Ctx, year: Option<i32>, agency: Option<String>, json: bool) -> Out {
    let (store, year) = cx.store_and_year(year)?;
    let rows = review::findings(&store, year, agency.as_deref())?;
    if json {
        say!("{}", serde_json::to_string_pretty(&rows).map_err(|e| CliError::from(e.to_string()))?);
        return Ok(ExitCode::SUCCESS);
    }
    let open: Vec<_> = rows.iter().filter(|f| f.disposition != Some(Disposition::Dismissed)).collect();
    for f in &open {
        let d = f.disposition.map(|d| format!("［{}］", d.label())).unwrap_or_default();
        say!("{}\t{}\t{}\t{}{d}", f.id, f.agency, f.rule.label(), f.message);
    }
    if open.is_empty() {
        say!("{year} 年没有待核对的问题。");
    }
    let dismissed: Vec<_> = rows.iter().filter(|f| f.disposition == Some(Disposition::Dismissed)).collect();
    if !dismissed.is_empty() {
        say!("不予采纳（不计入问题数）：");
        for f in dismissed {
            say!("  {}\t{}\t{}\t理由：{}", f.id, f.agency, f.rule.label(), f.reason);
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn finding(cx: &Ctx, action: FindingAction) -> Out {
    let store = cx.store()?;
    let (id, d, reason) = match action {
        FindingAction::Confirm { id, reason } => (id, Disposition::Confirmed, reason),
        FindingAction::Dismiss { id, reason } => (id, Disposition::Dismissed, reason),
    };
    let (agency, year) = review::dispose(&store, id, d, &reason)?;
    say!("已将{agency} {year} 年的问题 {id} 标为“{}”。", d.label());
    Ok(ExitCode::SUCCESS)
}

pub fn review(cx: &Ctx, action: ReviewAction) -> Out {
    match action {
        ReviewAction::Set { agency, year, state, date, url, note, page } => {
            let (store, year) = cx.store_and_year(year)?;
            review::set_state(&store, &agency, year, state, &review::Move { date, url, note, page })?;
            say!("{agency} {year} 年报告：{}。", state.label());
            if state == nianbao::model::ReviewState::Published {
                if let Some(p) = review::show(&store, &agency, year)?.published {
                    say_publication(&p);
                }
            }
        }
        ReviewAction::Published { year, dir, json } => published(cx, year, &dir, json)?,
        ReviewAction::Show { agency, year, json } => show(cx, &agency, year, json)?,
        ReviewAction::Send { agency, year, date } => {
            let (store, year) = cx.store_and_year(year)?;
            let l = review::send(&store, &agency, year, date.as_deref())?;
            let state = store.review_state(nianbao::service::returns::agency(&store, &agency)?.id, year)?;
            say!(
                "已记录：向{agency}发出 {year} 年第 {} 次审核意见（{} 个问题），状态：{}。",
                l.round,
                l.findings,
                state.label()
            );
        }
        ReviewAction::Deadlines {
            year,
            report_by,
            publish_by,
            township_report_by,
            township_publish_by,
            county_publish_by,
        } => deadlines(
            cx,
            year,
            [
                (review::DeadlineKind::Report, report_by),
                (review::DeadlineKind::Publish, publish_by),
                (review::DeadlineKind::TownshipReport, township_report_by),
                (review::DeadlineKind::TownshipPublish, township_publish_by),
                (review::DeadlineKind::CountyPublish, county_publish_by),
            ],
        )?,
        ReviewAction::Length { year, part, max } => {
            let mut store = cx.store()?;
            if let Some(part) = part {
                review::length_limit(&mut store, year, &part, max)?;
            }
            let limits = store.length_limits(year)?;
            if limits.is_empty() {
                say!("{year} 年没有设置字数上限。");
            }
            for (k, n) in limits {
                say!("{year} 年 {k}：不超过 {n} 字");
            }
        }
        ReviewAction::Copied { year, percent, prescribed, clear_prescribed } => {
            let mut store = cx.store()?;
            if let Some(p) = percent {
                review::copied_threshold(&mut store, year, (p > 0).then_some(p))?;
            }
            let fixed = review::prescribed(&mut store, year, &prescribed, clear_prescribed)?;
            say!(
                "{year} 年：与上年或他单位文字相似度达 {:.0}% 即提示照搬或雷同。",
                store.copied_threshold(year)? * 100.0
            );
            if fixed.is_empty() {
                say!("没有设置本县规定表述。");
            }
            for (i, s) in fixed.iter().enumerate() {
                say!("规定表述 {}（比较时不计）：{s}", i + 1);
            }
        }
        ReviewAction::Rule { year, rule, off, on, list } => rules(cx, year, rule, off, on, list)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `review deadlines`: each date given set first, then all of them printed with their source.
fn deadlines(cx: &Ctx, year: Option<i32>, given: [(review::DeadlineKind, Option<String>); 5]) -> Result<(), CliError> {
    let (store, year) = cx.store_and_year(year)?;
    let set: Vec<_> = given.into_iter().filter_map(|(k, d)| d.map(|d| (k, d))).collect();
    let d = review::deadlines(&store, year, &set)?;
    say!("{year} 年度报告的截止日期：");
    say!("  部门：报送截止 {}，公开截止 {}（《条例》第四十九条：次年 1 月 31 日前）", d.report_by, d.publish_by);
    say!("  乡镇/街道：报送截止 {}，公开截止 {}（本办设定，默认同部门）", d.township_report_by, d.township_publish_by);
    say!("  全县政府年报：公开截止 {}（《条例》第五十条：次年 3 月 31 日前）", d.county_publish_by);
    Ok(())
}

/// `review rule`: a rule switched off or on, then every rule listed with whether it is on.
fn rules(cx: &Ctx, year: Option<i32>, rule: Option<String>, off: bool, on: bool, list: bool) -> Result<(), CliError> {
    let (store, year) = cx.store_and_year(year)?;
    if let Some(rule) = rule {
        if off == on {
            return Err("请写 --off（停用）或 --on（恢复）。".into());
        }
        review::rule_off(&store, year, &rule, off)?;
    } else if !list {
        return Err("请写 --list 列出规则，或 --rule 规则 加 --off / --on。".into());
    }
    say!("{year} 年的审核规则（代码、名称、是否启用）：");
    for (r, on) in review::rules(&store, year)? {
        say!("  {}\t{}\t{}", r.code(), r.label(), if on { "启用" } else { "停用" });
    }
    Ok(())
}

/// A publication as checked, in lines.
fn say_publication(p: &review::Publication) {
    let against = if p.accepted { "审核通过的版本" } else { "当前版本（尚未记录审核通过）" };
    let date = if p.date.is_empty() { "未知".to_string() } else { format!("{}（{}）", p.date, p.date_source) };
    let late = if p.late_days > 0 { format!("，逾期 {} 天", p.late_days) } else { "，按时".to_string() };
    say!("  公开：{}，日期 {date}{late}", p.url);
    if p.page.is_empty() {
        return;
    }
    if p.same() {
        say!("  与{against}一致。");
    }
    for d in &p.differences {
        say!("  数据不一致 {}（{}）：审核时 {}，公开的是 {}", d.label, d.figure, d.accepted, d.published);
    }
    for k in &p.sections_differ {
        say!("  文字不一致：{k}");
    }
}

/// `review published`: a folder of saved pages, each checked; the agencies with none listed.
fn published(cx: &Ctx, year: Option<i32>, dir: &std::path::Path, json: bool) -> Result<(), CliError> {
    let (mut store, year) = cx.store_and_year(year)?;
    let r = nianbao::service::publish::check_folder(&mut store, year, dir)?;
    if json {
        say!("{}", serde_json::to_string_pretty(&r).map_err(|e| CliError::from(e.to_string()))?);
        return Ok(());
    }
    say!("单位\t公开日期\t是否按时\t与审核版本");
    for c in &r.checked {
        let p = &c.publication;
        let when = if p.late_days > 0 { format!("逾期 {} 天", p.late_days) } else { "按时".into() };
        let diff = p.what_differs().map_or("一致".to_string(), |w| format!("{w}不一致"));
        say!("{}\t{}\t{when}\t{diff}", c.agency, if p.date.is_empty() { "未知" } else { &p.date });
    }
    for a in &r.unseen {
        say!("{a}\t\t未见公开\t");
    }
    for (f, why) in &r.refused {
        say!("未核对：{f}（{why}）");
    }
    say!(
        "{year} 年：核对 {} 个单位的页面，未见公开 {} 个，未核对 {} 个文件。",
        r.checked.len(),
        r.unseen.len(),
        r.refused.len()
    );
    Ok(())
}

fn show(cx: &Ctx, agency: &str, year: Option<i32>, json: bool) -> Result<(), CliError> {
    let (store, year) = cx.store_and_year(year)?;
    if json {
        let shown = review::show(&store, agency, year)?;
        say!("{}", serde_json::to_string_pretty(&shown).map_err(|e| CliError::from(e.to_string()))?);
        return Ok(());
    }
    let a = nianbao::service::returns::agency(&store, agency)?;
    say!("{agency} {year} 年报告：{}", store.review_state(a.id, year)?.label());
    for c in store.review_history(a.id, year)? {
        let round = if c.round > 0 { format!("（第 {} 次）", c.round) } else { String::new() };
        say!("  {}\t{}{round}\t{}\t{}\t{}", c.at, c.state.label(), c.date, c.url, c.note);
    }
    if let Some(p) = store.publication(a.id, year)? {
        say_publication(&p);
    }
    let since = review::since_letter(&store, agency, year)?;
    let Some(letter) = since.letter else { return Ok(()) };
    say!(
        "第 {} 次审核意见（{}，{} 个问题）以来：",
        letter.round,
        if letter.date.is_empty() { &letter.at } else { &letter.date },
        letter.findings
    );
    if since.same_version {
        say!("  尚未收到修改后的报表或报告。");
    }
    for f in &since.figures {
        say!("  数据 {}：{} → {}", f.label, f.before, f.after);
    }
    for k in &since.sections {
        say!("  章节 {k} 的文字有改动");
    }
    for m in &since.resolved {
        say!("  已解决：{m}");
    }
    Ok(())
}
