//! The 年度简报: one GB/T 9704 page for the office's leaders — the county's key figures this year
//! against last, how far the review is, the risk indicators with their definitions, and the
//! charts of the 统计分析 screen as pictures (the app renders them from the same ECharts options;
//! the command line writes the brief without them).

use super::word::{Align, Cell, Doc, Merge, Style, TableSpec};
use super::{write_atomic, ExportError};
use crate::report::dashboard::Dashboard;
use crate::text::fmt_num;
use std::path::Path;

/// Pictures a brief holds at most, and the bytes of each: a page has room for two rows of two.
pub const MAX_PICTURES: usize = 4;
pub const MAX_PICTURE_BYTES: usize = 4 << 20;

fn cell(text: &str, bold: bool, align: Align) -> Cell {
    Cell { text: text.to_string(), span: 1, merge: Merge::None, bold, align }
}

/// A plain table: a header row and rows, the first column left-aligned.
fn table(grid: Vec<u32>, head: &[&str], rows: &[Vec<String>]) -> TableSpec {
    let mut all = vec![head.iter().map(|h| cell(h, true, Align::Center)).collect::<Vec<_>>()];
    for r in rows {
        all.push(
            r.iter()
                .enumerate()
                .map(|(i, t)| cell(t, false, if i == 0 { Align::Left } else { Align::Center }))
                .collect(),
        );
    }
    TableSpec { grid, rows: all, header_rows: 1, keep_together: true, keep_blocks: false, size: 21 }
}

/// This year's and last year's value of a series, and the change, as the brief prints them.
fn compare(d: &Dashboard, name: &str) -> Option<Vec<String>> {
    let s = d.series.iter().find(|s| s.name == name)?;
    let at = |y: i32| d.years.iter().position(|x| *x == y).and_then(|i| s.values[i]);
    let (now, before) = (at(d.year), at(d.year - 1));
    let shown = |v: Option<f64>| v.map(fmt_num).unwrap_or_else(|| "—".into());
    let change = match (now, before) {
        (Some(n), Some(b)) if n >= b => format!("+{}", fmt_num(n - b)),
        (Some(n), Some(b)) => format!("−{}", fmt_num(b - n)),
        _ => "—".into(),
    };
    Some(vec![format!("{}（{}）", s.name, s.unit), shown(before), shown(now), change])
}

/// The brief as .docx bytes; `pictures` are PNGs of the screen's charts (none from the CLI).
pub fn brief_docx(
    d: &Dashboard,
    county: &str,
    office: &str,
    date: &str,
    pictures: &[Vec<u8>],
) -> Result<Vec<u8>, ExportError> {
    if pictures.len() > MAX_PICTURES || pictures.iter().any(|p| p.len() > MAX_PICTURE_BYTES) {
        return Err(ExportError::Docx(format!("简报最多附 {MAX_PICTURES} 张图，每张不超过 4 MB")));
    }
    let title = format!("{county}{}年政府信息公开工作年度简报", d.year);
    let mut doc = Doc::new(&title, office);
    doc.title(&super::draft::title_of(&[county, &format!("{}年", d.year), "政府信息公开工作", "年度简报"]));
    // Who compiled it and when, under the title as a 简报's 报头 says it.
    let by = if office.is_empty() { "【待填写：编印单位】" } else { office };
    doc.runs(
        Style::Plain,
        &[super::word::Run::new(&format!("{by}　　{date}"))],
        Some(super::word::Align::Center),
        false,
    );
    let all: i32 = d.progress.iter().flat_map(|p| p.counts.iter()).sum();
    let at = |label: &str| -> i32 {
        let i = d.states.iter().position(|s| s == label).unwrap_or(usize::MAX);
        d.progress.iter().map(|p| p.counts.get(i).copied().unwrap_or(0)).sum()
    };
    let overdue: i32 = d.progress.iter().map(|p| p.overdue).sum();
    let findings: i32 = d.findings_by_rule.iter().map(|c| c.n).sum();
    let differ: i32 = d.progress.iter().map(|p| p.published_differ).sum();
    let differ = if differ > 0 {
        format!("（其中 {differ} 个公开的网页与审核通过的版本不一致）")
    } else {
        String::new()
    };
    doc.para(
        Style::Body,
        &format!(
            "审核进度：应报送 {all} 个单位，未报送 {} 个，审核通过 {} 个，已公开 {} 个{differ}，逾期 {overdue} 个；待核对问题 {findings} 个。",
            at("未报送"),
            at("审核通过"),
            at("已公开")
        ),
    );
    let rows: Vec<Vec<String>> =
        ["本年新收申请", "办结", "予以公开", "部分公开", "不予公开", "行政复议", "行政诉讼", "规范性文件制发"]
            .iter()
            .filter_map(|n| compare(d, n))
            .collect();
    let last = format!("{}年", d.year - 1);
    let now = format!("{}年", d.year);
    // Whose sums the figures are, on a partial county.
    if !d.coverage.is_empty() {
        doc.para(Style::Body, &format!("以下数据为{}。", d.coverage.trim_end_matches('。')));
    } else {
        doc.blank();
    }
    doc.table(&table(vec![3600, 1750, 1750, 1745], &["主要数据", &last, &now, "增减"], &rows));
    doc.blank();
    let risks: Vec<Vec<String>> =
        d.indicators.iter().map(|i| vec![i.name.clone(), i.shown.clone(), i.definition.clone()]).collect();
    doc.table(&table(vec![1900, 1300, 5645], &["风险指标", "数值", "说明"], &risks));
    for pair in pictures.chunks(2) {
        if !doc.pictures(pair, 76.0) {
            return Err(ExportError::Docx("简报的图片不是 PNG 图片".into()));
        }
    }
    doc.finish()
}

pub fn export_brief(
    d: &Dashboard,
    county: &str,
    office: &str,
    date: &str,
    pictures: &[Vec<u8>],
    path: &Path,
) -> Result<(), ExportError> {
    write_atomic(path, &brief_docx(d, county, office, date, pictures)?)
}
