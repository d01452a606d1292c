//! The Word draft of a report in the official document layout (GB/T 9704-2012): A4, margins top
//! 37 mm, bottom 35, left 28, right 26 (a 156 × 225 mm text block), 22 lines of 28 characters;
//! title 方正小标宋简体 22 pt centred; 一、 headings 黑体, （一） headings 楷体_GB2312, body 仿宋_GB2312
//! 16 pt with a two-character first-line indent; page numbers "— 1 —" in 宋体 at the foot.
//! All six sections in order, the tables filled from the figures, the written text, and a visible
//! 【待撰写：…】 wherever a section is still to write.

use super::{write_atomic, ExportError};
use crate::forms::layout::{self, Content};
use crate::forms::Table;
use crate::model::Return;
use crate::report::{AgencyReport, SectionStatus};
use docx_rs::*;
use std::path::Path;

const BODY: &str = "仿宋_GB2312";
const TITLE: &str = "方正小标宋简体";
const HEI: &str = "黑体";
const KAI: &str = "楷体_GB2312";
const SONG: &str = "宋体";
/// 16 pt (三号) in half-points.
const SIZE_BODY: usize = 32;
/// 22 pt (二号).
const SIZE_TITLE: usize = 44;
/// Exact line pitch for 22 lines in the 225 mm text block: 28.95 pt.
const LINE: i32 = 579;
/// Two characters of 16 pt.
const INDENT: i32 = 640;

fn fonts(name: &str) -> RunFonts {
    RunFonts::new().east_asia(name).ascii(name).hi_ansi(name)
}

fn run(text: &str, font: &str, size: usize) -> Run {
    // XML 1.0 has no place for control characters; a pasted one must not break the document.
    let clean: String = crate::text::strip_invisible(text).replace(['\n', '\r'], "");
    Run::new().add_text(clean).fonts(fonts(font)).size(size)
}

fn spacing() -> LineSpacing {
    LineSpacing::new().line_rule(LineSpacingType::Exact).line(LINE)
}

pub(super) fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, BODY, SIZE_BODY))
        .line_spacing(spacing())
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .align(AlignmentType::Both)
}

pub(super) fn heading(text: &str, level: u8) -> Paragraph {
    let font = if level == 1 { HEI } else { KAI };
    Paragraph::new().add_run(run(text, font, SIZE_BODY)).line_spacing(spacing()).indent(
        None,
        Some(SpecialIndentType::FirstLine(INDENT)),
        None,
        None,
    )
}

/// A visible marker where the office still has to write.
fn marker(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(&format!("【待撰写：{text}】"), BODY, SIZE_BODY).color("C00000").bold())
        .line_spacing(spacing())
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
}

/// "— 1 —": the PAGE field built from styled runs (docx-rs's PageNum cannot take a font).
fn page_number() -> Footer {
    let styled = |r: Run| r.fonts(fonts(SONG)).size(28);
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(styled(Run::new().add_text("— ")))
            .add_run(styled(Run::new().add_field_char(FieldCharType::Begin, false)))
            .add_run(styled(Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new()))))
            .add_run(styled(Run::new().add_field_char(FieldCharType::Separate, false)))
            .add_run(styled(Run::new().add_text("1")))
            .add_run(styled(Run::new().add_field_char(FieldCharType::End, false)))
            .add_run(styled(Run::new().add_text(" —"))),
    )
}

/// Width of the text block in twips (156 mm).
const TEXT_WIDTH: usize = 8845;

/// A table of the report in its official layout (merged cells as gridSpan and vMerge), with the
/// return's figures. Public so tests can write documents in the real reports' layout.
pub fn word_table(t: Table, ret: &Return) -> docx_rs::Table {
    let lay = layout::layout(t, ret.format);
    let total_w: f64 = lay.col_widths.iter().sum();
    let grid: Vec<usize> = lay.col_widths.iter().map(|w| (w / total_w * TEXT_WIDTH as f64) as usize).collect();
    let size = if t == Table::Review { 18 } else { 21 };
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
                            Some(f) => f.value.map(crate::text::fmt_num).unwrap_or_else(|| f.raw.clone()),
                            None => String::new(),
                        },
                    };
                    let bold = matches!(x.content, Content::Header(_));
                    let align = if matches!(x.content, Content::Label(_)) {
                        AlignmentType::Left
                    } else {
                        AlignmentType::Center
                    };
                    let mut rn = run(&text, BODY, size);
                    if bold {
                        rn = rn.bold();
                    }
                    let mut tc = TableCell::new()
                        .add_paragraph(Paragraph::new().add_run(rn).align(align))
                        .vertical_align(VAlignType::Center);
                    if x.cols > 1 {
                        tc = tc.grid_span(x.cols as usize);
                    }
                    if x.rows > 1 {
                        tc = tc.vertical_merge(VMergeType::Restart);
                    }
                    (tc, x.cols)
                }
                (None, Some(x)) => {
                    let mut tc = TableCell::new().vertical_merge(VMergeType::Continue).add_paragraph(Paragraph::new());
                    if x.cols > 1 {
                        tc = tc.grid_span(x.cols as usize);
                    }
                    (tc, x.cols)
                }
                (None, None) => (TableCell::new().add_paragraph(Paragraph::new()), 1),
            };
            cells.push(cell);
            c += span;
        }
        rows.push(TableRow::new(cells));
    }
    docx_rs::Table::new(rows).set_grid(grid).layout(TableLayoutType::Fixed).width(TEXT_WIDTH, WidthType::Dxa)
}

fn narrative(doc: Docx, s: &SectionStatus) -> Docx {
    let mut doc = doc;
    if s.text.trim().is_empty() || s.state == Some(crate::model::SectionState::Todo) {
        return doc.add_paragraph(marker(s.title));
    }
    for line in s.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        doc = doc.add_paragraph(body(line));
    }
    doc
}

/// An empty document in the official page layout: A4, the GB/T 9704 margins and fonts, page numbers.
pub(super) fn official_page() -> Docx {
    Docx::new()
        .page_size(11906, 16838)
        .page_margin(PageMargin {
            top: 2098,
            bottom: 1984,
            left: 1587,
            right: 1474,
            header: 851,
            footer: 992,
            gutter: 0,
        })
        .default_fonts(fonts(BODY))
        .default_size(SIZE_BODY)
        .footer(page_number())
}

/// The title line: 方正小标宋简体 22 pt, centred, a blank line after.
pub(super) fn title(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, TITLE, SIZE_TITLE))
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(LINE).after(LINE as u32))
}

/// A line of body text without the first-line indent (a salutation).
pub(super) fn plain(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text, BODY, SIZE_BODY)).line_spacing(spacing())
}

/// A line set flush right (the signing office).
pub(super) fn right(text: &str) -> Paragraph {
    plain(text).align(AlignmentType::Right)
}

/// The document as .docx bytes.
pub(super) fn pack(doc: Docx) -> Result<Vec<u8>, ExportError> {
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut buf).map_err(|e| ExportError::Docx(e.to_string()))?;
    Ok(buf.into_inner())
}

/// The draft as .docx bytes, and how many 【待撰写】/【待核实】 markers it holds.
pub fn draft_docx(rep: &AgencyReport, ret: Option<&Return>) -> Result<(Vec<u8>, usize), ExportError> {
    let year = rep.year;
    let format_doc =
        if year >= 2021 { "国办公开办函〔2021〕30号" } else { "国办公开办函〔2019〕60号" };
    let mut doc = official_page();
    doc = doc.add_paragraph(title(&format!("{}{year}年政府信息公开工作年度报告", rep.agency)));
    let mut markers = 0;
    match &rep.compiled {
        Some(c) => {
            let office = if c.county.office.is_empty() {
                format!("{}人民政府办公室", rep.agency)
            } else {
                c.county.office.clone()
            };
            doc = doc.add_paragraph(body(&format!(
                "本报告由{office}根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（{format_doc}）要求，综合了{}个乡镇（街道）、{}个县政府部门的政府信息公开工作年度报告编制。",
                c.townships, c.departments
            )));
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
                doc = doc.add_paragraph(body(&format!("{site}{ask}")));
            }
        }
        None => {
            doc = doc.add_paragraph(body(&format!(
                "本报告由{}按照《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（{format_doc}）要求编制。",
                rep.agency
            )));
        }
    }
    doc = doc.add_paragraph(body(
        "本报告内容包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六部分内容。",
    ));
    doc = doc.add_paragraph(body(&format!("本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")));
    for s in &rep.sections {
        let def = crate::report::section_def(s.key).expect("every status has its definition");
        match s.table {
            Some(t) => {
                doc = doc.add_paragraph(heading(s.title, 1));
                match ret.filter(|r| r.has_table(t)) {
                    Some(r) => {
                        doc = doc.add_table(word_table(t, r));
                        // A county table missing some agencies says so where it stands.
                        if let Some(c) = rep.compiled.as_ref().filter(|c| !c.missing.is_empty()) {
                            doc = doc.add_paragraph(check_marker(&format!(
                                "{} 个单位尚未报送（{}），表中数字不含其数据",
                                c.missing.len(),
                                c.missing.join("、")
                            )));
                            markers += 1;
                        }
                        doc = doc.add_paragraph(Paragraph::new().line_spacing(spacing()));
                    }
                    None => {
                        doc = doc.add_paragraph(marker(&format!("{}（尚未收到报表数据）", s.title)));
                        markers += 1;
                    }
                }
            }
            None => {
                doc = doc.add_paragraph(heading(def.title, def.level));
                if s.text.trim().is_empty() || s.state == Some(crate::model::SectionState::Todo) {
                    markers += 1;
                }
                doc = narrative(doc, s);
            }
        }
    }
    if let Some(c) = &rep.compiled {
        doc = annex(doc, c);
    }
    Ok((pack(doc)?, markers))
}

/// A red 【待核实：…】 where a county figure is not yet the whole county's.
fn check_marker(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(&format!("【待核实：{text}】"), BODY, SIZE_BODY).color("C00000").bold())
        .line_spacing(spacing())
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
}

/// 附件: which agencies the county's figures are made of, which are missing, which have findings.
fn annex(doc: Docx, c: &crate::report::Compilation) -> Docx {
    let list = |v: &[String]| if v.is_empty() { "无".to_string() } else { v.join("、") };
    let flagged: Vec<String> = c.with_findings.iter().map(|(a, n)| format!("{a}（{n} 个问题）")).collect();
    doc.add_paragraph(Paragraph::new().line_spacing(spacing()))
        .add_paragraph(heading("附件：纳入汇总的单位", 1))
        .add_paragraph(body(&format!("纳入汇总（{} 个）：{}", c.included.len(), list(&c.included))))
        .add_paragraph(body(&format!("未报送、未计入合计（{} 个）：{}", c.missing.len(), list(&c.missing))))
        .add_paragraph(body(&format!("已计入合计但有问题待核实（{} 个）：{}", flagged.len(), list(&flagged))))
}

/// Writes the draft; returns how many 【待撰写】 and 【待核实】 markers it holds.
pub fn export_draft(rep: &AgencyReport, ret: Option<&Return>, path: &Path) -> Result<usize, ExportError> {
    let (bytes, markers) = draft_docx(rep, ret)?;
    write_atomic(path, &bytes)?;
    Ok(markers)
}
