//! `inspect`, `demo`, `bench`: reading one file without storing it, the demonstration county, the
//! benchmark.

use super::super::Out;
use nianbao::model::{Finding, Return};
use nianbao::service;
use std::path::Path;
use std::process::ExitCode;

pub fn inspect(file: &Path, json: bool) -> Out {
    let (ret, findings) = service::inspect(file, &Default::default())?;
    if json {
        say!("{}", serde_json::to_string_pretty(&service::inspect_json(&ret, &findings)).unwrap_or_default());
    } else {
        print_return(&ret, &findings);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_return(ret: &Return, findings: &[Finding]) {
    say!(
        "{}　{} 年　{}　{}　{} 项数据",
        ret.agency.as_deref().unwrap_or("（单位不明）"),
        ret.year.map(|y| y.to_string()).unwrap_or_else(|| "（年度不明）".into()),
        ret.source.label(),
        ret.format.name(),
        ret.figures.len()
    );
    say!("找到的表格：{}", ret.tables.iter().map(|t| t.title()).collect::<Vec<_>>().join("、"));
    if let Some(doc) = &ret.document {
        say!("标题：{}", doc.title);
        for s in &doc.sections {
            let title = service::section_def(&s.key).map(|d| d.title).unwrap_or("");
            say!("  {}（{}，{} 字）", title, s.place, s.text.chars().count());
        }
    }
    for f in &ret.figures {
        if f.value != Some(0.0) {
            let label = service::describe_figure(&f.id, Some(ret.format));
            say!("  {}\t{}\t{}\t{}!{}", f.id, label, f.raw, f.sheet, f.cell);
        }
    }
    if findings.is_empty() {
        say!("没有发现问题。（未列出的数据项均为 0）");
    } else {
        say!("发现 {} 个问题：", findings.len());
        for f in findings {
            say!("  [{}] {}", f.rule.label(), f.message);
        }
    }
}

pub fn demo(dir: &Path, count: usize, year: i32) -> Out {
    let files = service::demo(dir, count, year)?;
    say!("已在“{}”生成 {} 份示范报表。", dir.display(), files.len());
    Ok(ExitCode::SUCCESS)
}
