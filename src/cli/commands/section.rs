//! `section set|show|start|sources|words`: writing one part of a report.

use super::super::args::SectionAction;
use super::super::{Ctx, Out};
use nianbao::model::ReportOf;
use nianbao::service;
use std::process::ExitCode;

pub fn section(cx: &Ctx, action: SectionAction) -> Out {
    let store = cx.store()?;
    match action {
        SectionAction::Sources { year, key, json, highlights, .. } => {
            drop(store);
            return super::sources::sources(cx, year, &key, json, highlights);
        }
        SectionAction::Words { add } => {
            drop(store);
            return super::sources::words(cx, &add);
        }
        SectionAction::Set { target, file, state } => {
            let year = service::resolve_year(&store, target.year)?;
            // A section's text is at most a few pages: a megabyte is far more than any.
            let text = service::read_text(&file, 1 << 20)?;
            let of = ReportOf::parse(Some(&target.agency));
            let def = service::save_section(&store, &of, year, &target.section, state, &text)?;
            say!(
                "已保存{} {year} 年报告“{}”（{}，{} 字）。",
                of.label(),
                def.title,
                state.label(),
                text.trim().chars().count()
            );
        }
        SectionAction::Show { target } => {
            let year = service::resolve_year(&store, target.year)?;
            let def = service::narrative_section(&target.section)?;
            let of = ReportOf::parse(Some(&target.agency));
            let (rep, ret) = service::report(&store, &of, year)?;
            let s = rep.sections.iter().find(|s| s.key == def.key).ok_or("章节不存在。")?;
            say!("{} {year} 年报告 {}（{}）", rep.agency, def.title, s.state_label);
            say!("{}", if s.text.is_empty() { "（尚无文字）" } else { &s.text });
            if !s.source_file.is_empty() {
                say!("\n来源：“{}”{}", s.source_file, s.source_place);
            }
            if let Some(g) = ret.as_ref().and_then(|r| service::generated_text(def, r, &rep)) {
                say!("\n根据数据生成的句子：\n{g}");
            }
            for f in &s.findings {
                say!("\n[{}] {}", f.rule.label(), f.message);
            }
        }
        SectionAction::Start { target, from, force } => {
            let year = service::resolve_year(&store, target.year)?;
            let of = ReportOf::parse(Some(&target.agency));
            let text = service::start_section(&store, &of, year, &target.section, from, force)?;
            let def = service::narrative_section(&target.section)?;
            say!("已起草“{}”（草稿，请修改后定稿）：\n{text}", def.title);
        }
    }
    Ok(ExitCode::SUCCESS)
}
