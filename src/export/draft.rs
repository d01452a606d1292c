//! The Word draft of a report in the official document layout (GB/T 9704-2012, see `word`).
//! All six sections in order, the tables filled from the figures, the written text, and a visible
//! 【待撰写：…】 wherever a section is still to write.

use super::word::{self, Align, Cell, Doc, Merge, Style, TableSpec};
use super::{write_atomic, ExportError};
use crate::forms::layout::{self, Content};
use crate::forms::Table;
use crate::model::Return;
use crate::report::{AgencyReport, Compilation, SectionStatus};
use std::path::Path;

/// Room on a title line: 156 mm of 22 pt characters.
const TITLE_ROOM: f64 = 20.0;

/// The least width of a figure column: five digits of the table's text and the cell margins.
fn figure_col_min(size_half_points: u32) -> u32 {
    // A digit is half a character wide: 5 × size/2 pt, in twips, plus 2 × 40 twips of margin.
    5 * size_half_points * 10 / 2 + 80 + 20
}

/// A table of the report in its official layout (merged cells as gridSpan and vMerge) with the
/// return's figures; the header rows repeat on each page; 表四 is kept on one page.
pub fn table_spec(t: Table, ret: &Return) -> TableSpec {
    let lay = layout::layout(t, ret.format);
    let size = if t == Table::Review { 18 } else { 21 };
    let figure_cols: Vec<bool> =
        (0..lay.width).map(|c| lay.figures().any(|(x, _)| x.col <= c && c < x.col + x.cols)).collect();
    // Figure columns get at least room for five digits; the label columns share the rest.
    let min = figure_col_min(size);
    let total: f64 = lay.col_widths.iter().sum();
    let mut grid: Vec<u32> = lay.col_widths.iter().map(|w| (w / total * word::TEXT_WIDTH as f64) as u32).collect();
    let short: u32 = grid.iter().zip(&figure_cols).filter(|(w, f)| **f && **w < min).map(|(w, _)| min - w).sum();
    if short > 0 {
        let labels: u32 = grid.iter().zip(&figure_cols).filter(|(_, f)| !**f).map(|(w, _)| *w).sum();
        for (w, f) in grid.iter_mut().zip(&figure_cols) {
            if *f {
                *w = (*w).max(min);
            } else if labels > 0 {
                *w -= (*w as u64 * short as u64 / labels as u64) as u32;
            }
        }
    }
    // 表二 is blocks each with its own header: none repeats, each block keeps together instead.
    let header_rows = if t == Table::Active { 0 } else { lay.header_size().0 as usize };
    let mut rows = Vec::new();
    for r in 0..lay.height {
        let mut cells = Vec::new();
        let mut c = 0;
        while c < lay.width {
            // The cell that starts here, or the one above that spans down over it.
            let start = lay.cells.iter().find(|x| x.row == r && x.col == c);
            let above = lay.cells.iter().find(|x| x.col == c && x.row < r && x.row + x.rows > r);
            let (cell, span) = match (start, above) {
                (Some(x), _) => {
                    let text = match &x.content {
                        Content::Header(s) | Content::Label(s) | Content::Unit(s) => s.clone(),
                        Content::Figure(id) => match ret.figure(id) {
                            // A cell that holds no number (text, ∞, NaN) is marked, never printed as typed.
                            Some(f) => f.value.map(crate::text::fmt_num).unwrap_or_else(|| "【待核实】".into()),
                            None => String::new(),
                        },
                    };
                    let align = if matches!(x.content, Content::Label(_)) { Align::Left } else { Align::Center };
                    let merge = if x.rows > 1 { Merge::Restart } else { Merge::None };
                    let bold = matches!(x.content, Content::Header(_));
                    (Cell { text, span: x.cols, merge, bold, align }, x.cols)
                }
                (None, Some(x)) => (
                    Cell {
                        text: String::new(),
                        span: x.cols,
                        merge: Merge::Continue,
                        bold: false,
                        align: Align::Center,
                    },
                    x.cols,
                ),
                (None, None) => {
                    (Cell { text: String::new(), span: 1, merge: Merge::None, bold: false, align: Align::Center }, 1)
                }
            };
            cells.push(cell);
            c += span;
        }
        rows.push(cells);
    }
    TableSpec { grid, rows, header_rows, keep_together: t == Table::Review, keep_blocks: t == Table::Active, size }
}

fn narrative(doc: &mut Doc, s: &SectionStatus) {
    if s.text.trim().is_empty() || s.state == Some(crate::model::SectionState::Todo) {
        doc.marker(&format!("【待撰写：{}】", s.title));
        return;
    }
    for line in s.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        doc.para(Style::Body, line);
    }
}

/// The title of a report, broken between its words where it is too long for one line.
pub fn report_title(agency: &str, year: i32) -> Vec<String> {
    word::title_lines(&[agency, &format!("{year}年"), "政府信息公开", "工作年度报告"], TITLE_ROOM)
}

/// A title of other documents (the review letter), broken between the given words.
pub fn title_of(words: &[&str]) -> Vec<String> {
    word::title_lines(words, TITLE_ROOM)
}

/// A 成文日期 as GB/T 9704-2012 writes it (阿拉伯数字, 年月日 complete, no leading zeros) from what
/// the office typed: "2025-01-20", "2025/1/20", "2025.1.20" or "2025年1月20日". None for anything else.
pub fn document_date(typed: &str) -> Option<String> {
    let t = crate::text::norm(typed);
    let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    let [y, m, d] = parts.as_slice() else { return None };
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((2000..2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y}年{m}月{d}日"))
}

/// The county's name and office where the office has not set them.
const UNSET_NAME: &str = "【待填写：本县名称】";
const UNSET_OFFICE: &str = "【待填写：编制报告的办公室】";

/// How many findings a marker quotes in full; the rest are counted (the review letter lists all).
const MARKER_QUOTES: usize = 5;

/// A 【待核实】 marker quoting what is wrong in the form's words (合计 8，各项之和 9), the first few
/// in full and the rest counted.
fn marker_of(what: &str, messages: &[&str]) -> Option<String> {
    if messages.is_empty() {
        return None;
    }
    let mut quoted =
        messages.iter().take(MARKER_QUOTES).map(|m| m.trim_end_matches('。')).collect::<Vec<_>>().join("；");
    if messages.len() > MARKER_QUOTES {
        quoted.push_str(&format!("；另有 {} 处，见审核意见", messages.len() - MARKER_QUOTES));
    }
    Some(format!("【待核实：{what}有 {} 处问题：{quoted}】", messages.len()))
}

/// The findings on a table, as its 【待核实】 marker says them.
fn check_marker(t: Table, findings: &[crate::model::Finding]) -> Option<String> {
    let on: Vec<&str> =
        findings.iter().filter(|f| crate::report::finding_about(f) == t.short()).map(|f| f.message.as_str()).collect();
    marker_of(t.short(), &on)
}

/// The findings on a narrative part (六 without the 信息处理费 statement, 五 only boilerplate, a
/// sentence against its table), as the marker after the part says them.
fn section_marker(key: &str, title: &str, findings: &[crate::model::Finding]) -> Option<String> {
    let on: Vec<&str> = findings
        .iter()
        .filter(|f| f.rule.is_about_document() && !f.rule.is_about_publication())
        .filter(|f| {
            f.message.contains(&format!("“{title}”"))
                || (f.rule == crate::model::Rule::RequiredStatement && key == "六")
                || (f.rule == crate::model::Rule::PartFive && key == "五")
        })
        .map(|f| f.message.as_str())
        .collect();
    marker_of(title, &on)
}

/// The draft as .docx bytes, and how many 【待撰写】/【待核实】/【待填写】 markers it holds. `date`
/// is the 成文日期 the office gave (none: marked 【待填写：成文日期】).
#[expect(
    clippy::too_many_lines,
    reason = "the report's parts in their order (title, preamble, six sections, annex) read here as the document reads"
)]
pub fn draft_docx(
    rep: &AgencyReport,
    ret: Option<&Return>,
    date: Option<&str>,
) -> Result<(Vec<u8>, usize), ExportError> {
    let year = rep.year;
    let format_doc =
        if year >= 2021 { "国办公开办函〔2021〕30号" } else { "国办公开办函〔2019〕60号" };
    // A county whose name the office has not set is marked to fill in, never invented ("全县").
    let unset = rep.compiled.as_ref().is_some_and(|c| !c.county.is_set());
    let name = if unset { UNSET_NAME } else { rep.agency.as_str() };
    let title = format!("{name}{year}年政府信息公开工作年度报告");
    let author = match &rep.compiled {
        Some(c) if !c.county.office.is_empty() => c.county.office.clone(),
        Some(_) if unset => UNSET_OFFICE.to_string(),
        Some(_) => format!("{}人民政府办公室", rep.agency),
        None => rep.agency.clone(),
    };
    let mut doc = Doc::new(&title, &author);
    doc.title(&report_title(name, year));
    let mut markers = 0;
    match &rep.compiled {
        Some(c) => {
            let office = &author;
            doc.para(Style::Body, &format!(
                "本报告由{office}根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（{format_doc}）要求，综合了{}个乡镇（街道）、{}个县政府部门的政府信息公开工作年度报告编制。",
                c.townships, c.departments
            ));
            let mut contact = Vec::new();
            if !c.county.address.is_empty() {
                contact.push(format!("地址：{}", c.county.address));
            }
            if !c.county.phone.is_empty() {
                contact.push(format!("电话：{}", c.county.phone));
            }
            let site = if c.county.website.is_empty() {
                String::new()
            } else {
                format!("本报告电子版可在{}下载。", c.county.website)
            };
            if !contact.is_empty() || !site.is_empty() {
                let ask = if contact.is_empty() {
                    String::new()
                } else {
                    format!("如对本报告有疑问，请与{office}联系（{}）。", contact.join("；"))
                };
                doc.para(Style::Body, &format!("{site}{ask}"));
            }
        }
        None => {
            doc.para(Style::Body, &format!(
                "本报告由{}按照《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（{format_doc}）要求编制。",
                rep.agency
            ));
        }
    }
    doc.para(
        Style::Body,
        "本报告内容包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六部分内容。",
    );
    doc.para(Style::Body, &format!("本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"));
    for s in &rep.sections {
        let def = crate::report::section_def(s.key).expect("every status has its definition");
        match s.table {
            Some(t) => {
                doc.para(Style::Heading1, s.title);
                match ret.filter(|r| r.has_table(t)) {
                    Some(r) => {
                        doc.table(&table_spec(t, r));
                        // An agency's table with open findings is marked, naming them, as the
                        // county's is marked for what it lacks.
                        if let Some(m) = check_marker(t, &rep.findings) {
                            doc.marker(&m);
                            markers += 1;
                        }
                        if let Some(c) = &rep.compiled {
                            // A county table says what it is the sum of, right under it.
                            doc.para(Style::Note, &c.table_note(t));
                            if !c.missing.is_empty() {
                                doc.marker(&format!(
                                    "【待核实：{} 个单位尚未报送（{}），表中数字不含其数据】",
                                    c.missing.len(),
                                    c.missing.join("、")
                                ));
                                markers += 1;
                            }
                        }
                        doc.blank();
                    }
                    None => {
                        doc.marker(&format!("【待撰写：{}（尚未收到报表数据）】", s.title));
                        markers += 1;
                    }
                }
            }
            None => {
                let style = if def.level == 1 { Style::Heading1 } else { Style::Heading2 };
                doc.para(style, def.title);
                if s.text.trim().is_empty() || s.state == Some(crate::model::SectionState::Todo) {
                    markers += 1;
                }
                narrative(&mut doc, s);
                if let Some(m) = section_marker(s.key, def.title, &rep.findings) {
                    doc.marker(&m);
                    markers += 1;
                }
            }
        }
    }
    // 附件说明 after the body, then the 落款, then each 附件 on a page of its own.
    if rep.compiled.is_some() {
        doc.blank();
        doc.para(Style::Body, "附件：纳入汇总的单位");
    }
    let date = date.and_then(document_date);
    match (&rep.compiled, &rep.signed) {
        // An agency's draft keeps the agency's own 落款 from its report, where it signed one.
        (None, Some((by, on))) => doc.signature(if by.is_empty() { &rep.agency } else { by }, Some(on)),
        _ => {
            doc.signature(&author, date.as_deref());
            markers += usize::from(date.is_none());
        }
    }
    if let Some(c) = &rep.compiled {
        annex(&mut doc, c);
    }
    // The unset county's name and office, wherever the draft names them.
    markers += doc.occurrences(UNSET_NAME) + doc.occurrences(UNSET_OFFICE);
    Ok((doc.finish()?, markers))
}

/// 附件: which agencies the county's figures are made of and which are missing (a public fact),
/// and the agencies behind each count the county's text states. The review's state (findings,
/// accepted, overdue, rules off) is the office's: it goes into one 【】 note the office removes
/// before publishing, never into the published text. The report prints no 统计表, so the annex
/// does not list who filed one.
fn annex(doc: &mut Doc, c: &Compilation) {
    let list = |v: &[String]| if v.is_empty() { "无".to_string() } else { v.join("、") };
    doc.attachment(None, "纳入汇总的单位");
    doc.para(Style::Body, &format!("纳入汇总（{} 个）：{}", c.included.len(), list(&c.included)));
    doc.para(Style::Body, &format!("未报送、未计入合计（{} 个）：{}", c.missing.len(), list(&c.missing)));
    for k in &c.counted {
        doc.para(Style::Body, &format!("{}涉及的单位：{}", k.sentence.trim_end_matches('。'), list(&k.agencies)));
    }
    doc.para(Style::Body, &office_note(c));
}

/// The office's own note on the review, in 【】 to remove before publishing.
pub fn office_note(c: &Compilation) -> String {
    let list = |v: &[String]| if v.is_empty() { "无".to_string() } else { v.join("、") };
    let mut parts = Vec::new();
    if !c.with_findings.is_empty() {
        let flagged: Vec<String> = c.with_findings.iter().map(|(a, n)| format!("{a}（{n} 个问题）")).collect();
        parts.push(format!("已计入合计但有问题待核实 {} 个：{}", flagged.len(), list(&flagged)));
    }
    parts.push(format!("审核通过 {} 个", c.accepted.len()));
    if !c.overdue.is_empty() {
        parts.push(format!("逾期 {} 个：{}", c.overdue.len(), list(&c.overdue)));
    }
    if !c.published_issues.is_empty() {
        parts.push(format!("公开情况待核实 {} 个：{}", c.published_issues.len(), list(&c.published_issues)));
    }
    if !c.rules_off.is_empty() {
        parts.push(format!("本年未启用的审核规则：{}（相关问题未列入）", c.rules_off.join("、")));
    }
    format!("【办公室备注，公开前删除：{}。】", parts.join("；"))
}

/// Writes the draft; returns how many 【待撰写】 and 【待核实】 markers it holds.
pub fn export_draft(
    rep: &AgencyReport,
    ret: Option<&Return>,
    date: Option<&str>,
    path: &Path,
) -> Result<usize, ExportError> {
    let (bytes, markers) = draft_docx(rep, ret, date)?;
    write_atomic(path, &bytes)?;
    Ok(markers)
}
