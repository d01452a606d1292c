//! Report documents: the agency's own 政府信息公开工作年度报告 as a Word document or a saved portal
//! page. A document is read into blocks (paragraphs and tables); its tables become the same grid
//! the workbook readers make, so the located-tables readers and the checks work unchanged
//! (provenance: "表格 2", the cell's column letter and row); its paragraphs are split into the
//! report's sections.

pub mod docx;
pub mod html;
mod odt;
pub mod sections;

use super::grid::{GCell, Row, Sheet, Val};
use super::guard::Kind;
use super::ImportError;
use crate::model::{Return, SourceKind};
use crate::text::{norm, parse_number, CellNumber};

/// A paragraph of a document, with what marks it as a heading.
#[derive(Debug, Clone, Default)]
pub struct Para {
    pub text: String,
    /// The number Word or WPS puts in front of it from numbering.xml ("一、"), "" for none.
    pub number: String,
    /// Most of its characters are bold.
    pub bold: bool,
    /// Its outline level (0 for a level-1 heading) from its style or an HTML heading.
    pub outline: Option<u8>,
    /// 1-based position among the document's paragraphs, for provenance.
    pub index: usize,
}

/// A table as cells placed on its grid: (column, text) per row; merged cells are kept at their
/// first position, as Excel keeps merges.
#[derive(Debug, Clone, Default)]
pub struct TableGrid {
    pub rows: Vec<Vec<(u32, String)>>,
    pub width: u32,
}

#[derive(Debug, Clone)]
pub enum Block {
    Para(Para),
    Table(TableGrid),
    Picture,
}

/// A report table cut into pieces (by a page break, a portal's editor, or pasted in slices each
/// with a small header of its own) is one table again. A piece continues the table before it when
/// both have the same width, only empty paragraphs, a "续表"/"单位：件" line or a sub-heading
/// (never a part's heading) stand between them, and the piece's own header rows head no other
/// table. Its header rows that repeat the first piece's header, and its 续表/单位 lines, are dropped;
/// its rows are still placed by their labels, so joining never moves a figure.
fn join_split_tables(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for b in blocks {
        let Block::Table(t) = &b else {
            out.push(b);
            continue;
        };
        if let Some(i) = piece_before(&out) {
            if let Block::Table(before) = &out[i] {
                let kind = super::tables::headed_by(&sheet_of(0, t.clone()));
                let before_kind = super::tables::headed_by(&sheet_of(0, before.clone()));
                if before.width == t.width && (kind.is_none() || kind == before_kind) {
                    let rows = continuing_rows(before, t);
                    if let Block::Table(before) = &mut out[i] {
                        before.rows.extend(rows);
                    }
                    continue;
                }
            }
        }
        out.push(b);
    }
    out
}

/// The table a new piece may continue: the last block that is a table, with at most two short
/// paragraphs between that head no part of the report.
fn piece_before(out: &[Block]) -> Option<usize> {
    let mut paras = 0;
    for (i, b) in out.iter().enumerate().rev() {
        match b {
            Block::Table(_) => return Some(i),
            Block::Picture => return None,
            Block::Para(p) => {
                let n = norm(&format!("{}{}", p.number, p.text));
                if n.is_empty() {
                    continue;
                }
                paras += 1;
                if paras > 2 || n.chars().count() > 30 || sections::heads_a_part(&n) {
                    return None;
                }
            }
        }
    }
    None
}

/// A later piece's rows without its repeated header rows and its 续表 / 单位 lines.
fn continuing_rows(before: &TableGrid, piece: &TableGrid) -> Vec<Vec<(u32, String)>> {
    let header: Vec<String> = before
        .rows
        .iter()
        .take_while(|r| !r.iter().any(|(_, s)| is_number_text(s)))
        .flat_map(|r| r.iter().map(|(_, s)| norm(s)))
        .collect();
    let mut rows = piece.rows.iter().peekable();
    while let Some(r) = rows.peek() {
        let texts: Vec<String> = r.iter().map(|(_, s)| norm(s)).filter(|s| !s.is_empty()).collect();
        let repeated = !texts.is_empty() && texts.iter().all(|s| header.contains(s));
        let furniture = texts.iter().all(|s| s.contains('续') || s.starts_with("单位"));
        if r.iter().any(|(_, s)| is_number_text(s)) || !(repeated || furniture) {
            break;
        }
        rows.next();
    }
    rows.cloned().collect()
}

/// Text that is a plain number ("12", "１２", "1,234", "0.5"): a number cell, as a workbook has it.
fn is_number_text(s: &str) -> bool {
    is_ascii_number(s) || is_number_norm(&norm(s))
}

/// Most number cells are plain ASCII digits: known without normalizing.
fn is_ascii_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Normalized text that is a plain number.
fn is_number_norm(n: &str) -> bool {
    !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == '-')
        && n.chars().any(|c| c.is_ascii_digit())
}

/// A document table as a sheet named "表格 N". Plain numbers become number cells (the locators
/// tell header rows from data rows by them); anything else stays text as typed ("3件", "无").
fn sheet_of(n: usize, t: TableGrid) -> Sheet {
    let mut rows = Vec::new();
    for (r, cells) in t.rows.into_iter().enumerate() {
        let mut out = Vec::new();
        for (col, text) in cells {
            let text = if text.contains('\u{a0}') { text.replace('\u{a0}', " ") } else { text };
            // Normalized once: it tells a number and is kept for the locators.
            let norm = if is_ascii_number(&text) { String::new() } else { norm(&text) };
            let number = match (norm.is_empty() || is_number_norm(&norm)).then(|| parse_number(&text)) {
                Some(CellNumber::Value(v)) => Some(v),
                _ => None,
            };
            let cell = match number {
                Some(v) => GCell::new(col, Val::Num(v), String::new()),
                None => GCell::new(col, Val::Text(text), norm),
            };
            out.push(cell);
        }
        if !out.is_empty() {
            rows.push(Row { row: r as u32, cells: out });
        }
    }
    Sheet { name: format!("表格 {n}"), rows }
}

/// Reads a report document (the guard has told what it is).
pub fn read(name: &str, bytes: &[u8], kind: Kind) -> Result<Return, ImportError> {
    let damaged = |detail: String| ImportError::Damaged { file: name.to_string(), detail };
    let (blocks, source) = match kind {
        Kind::Odt => (odt::blocks(bytes).map_err(damaged)?, SourceKind::Word),
        Kind::Html => (html::read(bytes).map_err(damaged)?, SourceKind::WebPage),
        _ => (docx::read(bytes).map_err(damaged)?, SourceKind::Word),
    };
    // A page's own title element, ArticleTitle and <h1>: more sources of the agency's name.
    let page_titles = if kind == Kind::Html { html::titles(bytes) } else { Vec::new() };
    let blocks = join_split_tables(blocks);
    let mut sheets = Vec::new();
    let mut paras = Vec::new();
    let mut pictures = 0;
    for b in blocks {
        match b {
            Block::Para(p) => paras.push(p),
            Block::Table(t) => sheets.push(sheet_of(sheets.len() + 1, t)),
            Block::Picture => pictures += 1,
        }
    }
    let mut document = sections::split(&paras);
    document.pictures = pictures;
    let found = super::tables::locate(&sheets);
    if document.headings.is_empty() && found.figures.is_empty() {
        return Err(ImportError::NoReport { file: name.to_string() });
    }
    let (agency, year, candidates) = identity(&document, name, &page_titles);
    // The title begins with the agency or its year: the portal's words glued before it are cut.
    if let Some(at) = agency.as_deref().and_then(|a| document.title.find(a)) {
        let year_at = year.and_then(|y| document.title[..at].rfind(&format!("{y}年")));
        document.title = document.title[year_at.unwrap_or(at)..].to_string();
    }
    document.agency_candidates = candidates;
    let mut ret = super::figures_of(name, found, year, &Default::default(), None);
    ret.agency = agency;
    ret.source = source;
    ret.document = Some(document);
    Ok(ret)
}

/// Agency and year from what the report says, never from the page's 发布日期 nor the portal's own
/// name: the agency every source of the report's own words names — its title, the page's title
/// element, ArticleTitle and <h1>, the opening sentence ("现将XX2024年…报告予以公布"), the preamble
/// ("本报告由XX编制"), the 落款 — a name glued after a portal's (示范县人民政府示范县教育局) counting
/// for the name it ends with; the most sources win, the title first among equals. Where sources name
/// other agencies, they are the candidates (the one taken first). The year from the title, else the
/// 统计期限 sentence; the file's name last.
fn identity(
    doc: &crate::model::Document,
    file: &str,
    page_titles: &[String],
) -> (Option<String>, Option<i32>, Vec<String>) {
    let (title_agency, title_year) = title_identity(&doc.title);
    let page = page_titles.iter().map(|t| title_identity(&sections::without_furniture(t)));
    let (page_agencies, page_years): (Vec<_>, Vec<_>) = page.unzip();
    let sources: Vec<String> = std::iter::once(title_agency)
        .chain(page_agencies)
        .chain([opening_agency(&doc.preamble), preamble_agency(&doc.preamble), super::clean_name(&doc.signed_by)])
        .flatten()
        .map(|n| once_named(&n))
        .collect();
    let support = |n: &str| sources.iter().filter(|s| s.ends_with(n)).count();
    let agency = sources.iter().max_by_key(|n| (support(n), std::cmp::Reverse(position(&sources, n)))).cloned();
    let mut candidates = Vec::new();
    if let Some(a) = &agency {
        for s in &sources {
            if !s.ends_with(a.as_str()) && !candidates.contains(s) {
                candidates.push(s.clone());
            }
        }
        if !candidates.is_empty() {
            candidates.insert(0, a.clone());
        }
    }
    let (file_agency, file_year) = super::from_file_name(file);
    let year = title_year
        .or_else(|| page_years.into_iter().flatten().next())
        .or_else(|| period_year(&doc.preamble))
        .or(file_year);
    (agency.or(file_agency), year, candidates)
}

fn position(sources: &[String], n: &str) -> usize {
    sources.iter().position(|s| s == n).unwrap_or(usize::MAX)
}

/// A name the layout printed twice in a row ("示范县教育局示范县教育局": the logo and the title) once.
fn once_named(n: &str) -> String {
    let half = n.len() / 2;
    if n.len().is_multiple_of(2) && n.is_char_boundary(half) && n[..half] == n[half..] {
        n[..half].to_string()
    } else {
        n.to_string()
    }
}

/// "现将XX2024年政府信息公开工作年度报告予以公布": the agency the opening sentence names.
fn opening_agency(preamble: &str) -> Option<String> {
    let n = norm(preamble);
    let at = n.find("现将")? + "现将".len();
    let rest = &n[at..];
    let end = ["予以公布", "公布如下", "向社会公布", "。"].iter().filter_map(|w| rest.find(w)).min()?;
    title_identity(&rest[..end]).0
}

/// "XX2023年政府信息公开工作年度报告" or "2023年XX政府信息公开工作年度报告": the year is the one
/// followed by 年 nearest the report's name; the agency the name right after the year when the
/// title starts with it, else the Chinese text right before it. A name ending in 人民政府 shares its
/// 政府 with 政府信息公开 ("2024年示范镇人民政府信息公开…").
fn title_identity(title: &str) -> (Option<String>, Option<i32>) {
    let n = norm(title);
    let end =
        ["政府信息公开", "信息公开", "年度报告", "年报"].iter().filter_map(|w| n.find(w)).min().unwrap_or(n.len());
    let head = &n[..end];
    let Some(at) = (0..head.len().saturating_sub(3)).rev().find(|i| {
        head.is_char_boundary(*i)
            && head[*i..].starts_with("20")
            && head[*i..].get(..4).is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
            && head[*i + 4..].starts_with('年')
            && !head[..*i].ends_with(|c: char| c.is_ascii_digit())
    }) else {
        return (None, None);
    };
    let year = head[at..at + 4].parse().ok();
    // After the year: the name, when the title starts with its year.
    let after = head[at + "2024年".len()..].trim_start_matches('度');
    let after = if after.ends_with("人民") && n[end..].starts_with("政府") {
        format!("{after}政府")
    } else {
        after.to_string()
    };
    if after.chars().count() >= 2
        && after.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || "()（）".contains(c))
    {
        if let Some(name) = super::clean_name(&after) {
            return (Some(name), year);
        }
    }
    // The agency: the run of Chinese (and brackets) ending at the year.
    let before = &head[..at];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| ('\u{4e00}'..='\u{9fff}').contains(c) || "()（）".contains(*c))
        .last()
        .map(|(i, _)| i)
        .unwrap_or(before.len());
    (super::clean_name(&before[start..]), year)
}

/// "本报告由XX编制" / "本报告是XX根据…编制": the agency the preamble names.
fn preamble_agency(preamble: &str) -> Option<String> {
    let n = norm(preamble);
    let i = n
        .find("本报告由")
        .map(|i| i + "本报告由".len())
        .or_else(|| n.find("本报告是").map(|i| i + "本报告是".len()))?;
    let rest = &n[i..];
    let end = ["按照", "根据", "依据", "依照", "编制", "编写", "制作", ",", "。"]
        .iter()
        .filter_map(|w| rest.find(w))
        .min()?;
    super::clean_name(&rest[..end])
}

/// The year of the 统计期限 sentence ("统计期限自2023年1月1日起…").
fn period_year(preamble: &str) -> Option<i32> {
    let n = norm(preamble);
    let s: String = crate::forms::sections::period_sentence(&n)?.chars().take(40).collect();
    super::find_year(&s).map(|(y, _, _)| y)
}
