//! `section sources` and `section words`: every agency's text for a part of the county's report,
//! what stands out in them, and the office's words that mark something new.

use super::super::{CliError, Ctx, Out};
use nianbao::service::sources;
use std::process::ExitCode;

pub fn sources(cx: &Ctx, year: Option<i32>, key: &str, json: bool, highlights: bool) -> Out {
    let (store, year) = cx.store_and_year(year)?;
    let work = sources::part_work(&store, year, key)?;
    if json {
        let v = if highlights {
            serde_json::json!({ "key": work.sources.key, "year": year, "highlights": work.highlights, "counted": work.counted })
        } else {
            serde_json::to_value(&work.sources).map_err(|e| CliError::from(e.to_string()))?
        };
        say!("{}", serde_json::to_string_pretty(&v).map_err(|e| CliError::from(e.to_string()))?);
        return Ok(ExitCode::SUCCESS);
    }
    let src = &work.sources;
    if highlights {
        let lists = [
            ("有数据的句子", &work.highlights.figures),
            ("新做法、新举措", &work.highlights.new),
            ("存在的问题", &work.highlights.problems),
            ("改进措施", &work.highlights.improvements),
        ];
        for (title, list) in lists.iter().filter(|(_, l)| !l.is_empty()) {
            say!("【{title}】");
            for h in list.iter() {
                say!("  {}：{}", h.agency, h.sentence);
            }
        }
        for c in &work.counted {
            say!("【统计句】{}（{}）", c.sentence, c.agencies.join("、"));
        }
        return Ok(ExitCode::SUCCESS);
    }
    say!("{year} 年“{}”：{} 个单位有这一部分，{} 个单位没有。", src.title, src.sources.len(), src.without.len());
    for s in &src.sources {
        let from = if s.file.is_empty() { "办公室撰写".to_string() } else { format!("{} {}", s.file, s.place) };
        say!("【{}】{}（{}，{}）", s.kind.label(), s.agency, s.state.label(), from);
        say!("{}", s.text);
        for c in &s.contradictions {
            say!("  ⚠ {c}");
        }
    }
    if !src.without.is_empty() {
        say!("没有这一部分：{}", src.without.iter().map(|s| s.agency.as_str()).collect::<Vec<_>>().join("、"));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn words(cx: &Ctx, add: &[String]) -> Out {
    let store = cx.store()?;
    let words = if add.is_empty() { sources::new_words(&store)? } else { sources::add_new_words(&store, add)? };
    say!("标记“新做法”的词：{}", words.join("、"));
    Ok(ExitCode::SUCCESS)
}
