//! A Word document (.docx from Word or WPS) as blocks: paragraphs with the number Word puts in
//! front of them (auto numbering lives in numbering.xml, not in the text), whether they are bold
//! and their outline level; tables with merged cells placed on the grid; pictures.

use super::{Block, Para, TableGrid};
use crate::import::xml::{self, El};
use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::rc::Rc;

// What a Word document may expand to, bounded in its own size (a hostile 52 KB file whose
// numbering referred lists to each other, with long level texts on every paragraph, took 1.5 GB).
/// Inflated size of numbering.xml or styles.xml: real ones are 10–300 KB.
pub const MAX_DEFINITIONS_BYTES: u64 = 8 * 1024 * 1024;
/// Elements in numbering.xml or styles.xml: real ones have a few thousand.
pub const MAX_DEFINITION_ELEMENTS: usize = 400_000;
/// Lists (w:num) and abstract lists kept: real documents have dozens.
pub const MAX_LISTS: usize = 4_096;
/// Styles kept: real documents have a few hundred.
pub const MAX_STYLES: usize = 8_192;
/// Characters of a level's text ("%1、", "（%2）"): Word writes a handful.
pub const MAX_LEVEL_TEXT: usize = 32;
/// Characters of a paragraph's number once its counters are filled in.
pub const MAX_LABEL: usize = 64;
/// Inflated size of document.xml: what a real report's text could take, and at most this many
/// times the file's own size plus a margin (real text compresses 5–20×), so memory stays linear in
/// the file's size.
pub const MAX_BODY_RATIO: u64 = 64;

/// A part of the package inflated, at most `limit` bytes (the guard checked declared sizes; this
/// holds even where a declared size lies).
pub(crate) fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Result<Option<Vec<u8>>, String> {
    let Ok(entry) = zip.by_name(name) else { return Ok(None) };
    let mut out = Vec::new();
    entry.take(limit + 1).read_to_end(&mut out).map_err(|_| format!("部件 {name} 无法解压"))?;
    if out.len() as u64 > limit {
        return Err(format!("部件 {name} 过大"));
    }
    Ok(Some(out))
}

/// One numbering level: its format ("chineseCounting", "decimal") and text ("%1、").
#[derive(Clone, Default)]
struct Level {
    fmt: String,
    text: String,
    start: u32,
}

/// numbering.xml: numId → the levels of its abstract numbering (shared, not copied per list).
fn numbering(el: Option<El>) -> HashMap<String, Rc<[Level]>> {
    let Some(root) = el else { return HashMap::new() };
    let mut abstracts: HashMap<String, Rc<[Level]>> = HashMap::new();
    for a in root.elements().filter(|e| e.name == "abstractNum").take(MAX_LISTS) {
        let mut levels = vec![Level::default(); 9];
        for l in a.elements().filter(|e| e.name == "lvl") {
            let i: usize = l.attr("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
            if i < 9 {
                levels[i] = Level {
                    fmt: l.child_val("numFmt").unwrap_or("decimal").to_string(),
                    text: l.child_val("lvlText").unwrap_or("").chars().take(MAX_LEVEL_TEXT).collect(),
                    start: l.child_val("start").and_then(|v| v.parse().ok()).unwrap_or(1),
                };
            }
        }
        if let Some(id) = a.attr("abstractNumId") {
            abstracts.insert(id.to_string(), levels.into());
        }
    }
    let mut out = HashMap::new();
    for n in root.elements().filter(|e| e.name == "num").take(MAX_LISTS) {
        let (Some(id), Some(abs)) = (n.attr("numId"), n.child_val("abstractNumId")) else { continue };
        if let Some(levels) = abstracts.get(abs) {
            out.insert(id.to_string(), Rc::clone(levels));
        }
    }
    out
}

/// styles.xml: style id → (numbering it carries, outline level, bold).
#[derive(Clone, Default)]
struct Style {
    num: Option<(String, usize)>,
    outline: Option<u8>,
    bold: bool,
}

fn styles(el: Option<El>) -> HashMap<String, Style> {
    let Some(root) = el else { return HashMap::new() };
    let mut out = HashMap::new();
    for s in root.elements().filter(|e| e.name == "style").take(MAX_STYLES) {
        let Some(id) = s.attr("styleId") else { continue };
        let ppr = s.child("pPr");
        let num = ppr.and_then(|p| p.child("numPr")).and_then(|n| {
            Some((n.child_val("numId")?.to_string(), n.child_val("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0)))
        });
        let name = s.child_val("name").unwrap_or("").to_lowercase();
        let outline = ppr.and_then(|p| p.child_val("outlineLvl")).and_then(|v| v.parse().ok()).or_else(|| {
            ["heading ", "标题 "]
                .iter()
                .find_map(|h| name.strip_prefix(h))
                .and_then(|n| n.trim().parse::<u8>().ok())
                .map(|n| n.saturating_sub(1))
        });
        let bold = s
            .child("rPr")
            .and_then(|r| r.child("b"))
            .is_some_and(|b| b.attr("val").is_none_or(|v| v != "0" && v != "false"));
        out.insert(id.to_string(), Style { num, outline, bold });
    }
    out
}

const CHINESE: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// A counter written as a numbering format writes it.
fn counter(n: u32, fmt: &str) -> String {
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographDigital"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "chineseLegalSimplified" => chinese(n),
        "decimalEnclosedParen" => format!("({n})"),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => char::from_u32(0x245f + n)
            .filter(|_| (1..=20).contains(&n))
            .map(String::from)
            .unwrap_or_else(|| n.to_string()),
        "upperLetter" => ((b'A' + (n.saturating_sub(1) % 26) as u8) as char).to_string(),
        "lowerLetter" => ((b'a' + (n.saturating_sub(1) % 26) as u8) as char).to_string(),
        "bullet" | "none" => String::new(),
        _ => n.to_string(),
    }
}

pub(crate) fn chinese(n: u32) -> String {
    match n {
        0..=9 => CHINESE[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", CHINESE[(n % 10) as usize]),
        20..=99 => {
            format!(
                "{}十{}",
                CHINESE[(n / 10) as usize],
                if n.is_multiple_of(10) { "" } else { CHINESE[(n % 10) as usize] }
            )
        }
        _ => n.to_string(),
    }
}

/// Numbers paragraphs as Word shows them: one counter per list and level, deeper levels restart
/// when a shallower one advances.
#[derive(Default)]
struct Numberer {
    counters: HashMap<String, [u32; 9]>,
}

impl Numberer {
    fn label(&mut self, levels: &[Level], num_id: &str, ilvl: usize) -> String {
        let Some(level) = levels.get(ilvl) else { return String::new() };
        let c = self.counters.entry(num_id.to_string()).or_insert([0; 9]);
        if c[ilvl] == 0 {
            c[ilvl] = level.start.max(1);
        } else {
            c[ilvl] = c[ilvl].saturating_add(1);
        }
        for deeper in c.iter_mut().skip(ilvl + 1) {
            *deeper = 0;
        }
        let mut text = level.text.clone();
        for (i, l) in levels.iter().enumerate().take(ilvl + 1) {
            let mark = format!("%{}", i + 1);
            if text.contains(&mark) {
                let value = if c[i] == 0 { l.start.max(1) } else { c[i] };
                text = text.replace(&mark, &counter(value, &l.fmt));
            }
        }
        if text.chars().count() > MAX_LABEL {
            text = text.chars().take(MAX_LABEL).collect();
        }
        text
    }
}

struct Reader {
    numbering: HashMap<String, Rc<[Level]>>,
    styles: HashMap<String, Style>,
    numberer: Numberer,
    paragraphs: usize,
}

impl Reader {
    fn paragraph(&mut self, p: &El) -> Para {
        let ppr = p.child("pPr");
        let style =
            ppr.and_then(|x| x.child_val("pStyle")).and_then(|s| self.styles.get(s)).cloned().unwrap_or_default();
        let own_num = ppr.and_then(|x| x.child("numPr")).and_then(|n| {
            Some((n.child_val("numId")?.to_string(), n.child_val("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0)))
        });
        let number = match own_num.or(style.num.clone()) {
            Some((id, lvl)) if id != "0" => match self.numbering.get(&id) {
                Some(levels) => {
                    let levels = Rc::clone(levels);
                    self.numberer.label(&levels, &id, lvl)
                }
                None => String::new(),
            },
            _ => String::new(),
        };
        let outline = ppr.and_then(|x| x.child_val("outlineLvl")).and_then(|v| v.parse().ok()).or(style.outline);
        let mut text = String::new();
        let mut bold_chars = 0usize;
        let mut chars = 0usize;
        collect_runs(p, style.bold, &mut text, &mut bold_chars, &mut chars);
        Para { text, number, bold: chars > 0 && bold_chars * 2 > chars, outline, index: 0 }
    }

    /// A body's or a cell's blocks in order; a table nested in a one-column layout table is read
    /// as the flow it is.
    fn blocks(&mut self, parent: &El, out: &mut Vec<Block>) {
        for e in parent.elements() {
            match e.name.as_str() {
                "p" => {
                    if e.find("drawing").is_some() || e.find("pict").is_some() || e.find("object").is_some() {
                        out.push(Block::Picture);
                    }
                    // Numbered among the body's paragraphs (a table's cells are not counted).
                    self.paragraphs += 1;
                    let mut p = self.paragraph(e);
                    p.index = self.paragraphs;
                    out.push(Block::Para(p));
                }
                "tbl" => self.table(e, out),
                // Content controls and smart tags wrap ordinary paragraphs and tables.
                "sdt" | "sdtContent" | "customXml" | "smartTag" => self.blocks(e, out),
                _ => {}
            }
        }
    }

    fn table(&mut self, tbl: &El, out: &mut Vec<Block>) {
        let rows: Vec<&El> = tbl.elements().filter(|e| e.name == "tr").collect();
        let nested =
            tbl.elements().filter(|e| e.name == "tr").flat_map(|r| r.elements()).any(|c| c.child("tbl").is_some());
        let width = rows.iter().map(|r| r.elements().filter(|c| c.name == "tc").count()).max().unwrap_or(0);
        if nested || width <= 1 {
            // A layout table: its cells are the document's flow.
            for r in rows {
                for c in r.elements().filter(|c| c.name == "tc") {
                    self.blocks(c, out);
                }
            }
            return;
        }
        let mut grid = TableGrid::default();
        for r in rows {
            let mut col = 0u32;
            let mut cells = Vec::new();
            for c in r.elements().filter(|c| c.name == "tc" || c.name == "sdt") {
                let c = if c.name == "sdt" { c.find("tc").unwrap_or(c) } else { c };
                let tcpr = c.child("tcPr");
                let span: u32 =
                    tcpr.and_then(|t| t.child_val("gridSpan")).and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 64);
                // A vertically merged cell below its first one holds nothing, as Excel keeps merges.
                let continued =
                    tcpr.and_then(|t| t.child("vMerge")).is_some_and(|v| v.attr("val").is_none_or(|x| x == "continue"));
                if !continued {
                    let mut lines = Vec::new();
                    for p in c.elements().filter(|e| e.name == "p") {
                        let para = self.paragraph(p);
                        lines.push(format!("{}{}", para.number, para.text));
                    }
                    let text = lines.join("\n");
                    if !text.trim().is_empty() {
                        cells.push((col, text));
                    }
                }
                col += span;
            }
            grid.rows.push(cells);
            grid.width = grid.width.max(col);
        }
        out.push(Block::Table(grid));
    }
}

/// The text of a paragraph's runs (w:t, tabs, breaks), counting how much of it is bold.
fn collect_runs(el: &El, style_bold: bool, text: &mut String, bold: &mut usize, chars: &mut usize) {
    for e in el.elements() {
        match e.name.as_str() {
            "r" => {
                let b = match e.child("rPr").and_then(|r| r.child("b")) {
                    Some(b) => b.attr("val").is_none_or(|v| v != "0" && v != "false"),
                    None => style_bold,
                };
                for t in e.elements() {
                    let piece = match t.name.as_str() {
                        "t" => t.text(),
                        "tab" => "\t".to_string(),
                        "br" | "cr" => "\n".to_string(),
                        _ => continue,
                    };
                    let n = piece.chars().filter(|c| !c.is_whitespace()).count();
                    *chars += n;
                    if b {
                        *bold += n;
                    }
                    text.push_str(&piece);
                }
            }
            // Hyperlinks, inserted text and fields hold runs of their own; deleted text does not count.
            "hyperlink" | "ins" | "smartTag" | "fldSimple" | "sdt" | "sdtContent" | "customXml" => {
                collect_runs(e, style_bold, text, bold, chars)
            }
            _ => {}
        }
    }
}

/// Reads the blocks of a .docx the guard has passed.
pub fn read(bytes: &[u8]) -> Result<Vec<Block>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| "压缩结构损坏".to_string())?;
    let limit =
        crate::import::guard::MAX_PART_BYTES.min((bytes.len() as u64).saturating_mul(MAX_BODY_RATIO) + (8 << 20));
    let document = part(&mut zip, "word/document.xml", limit)?.ok_or("缺少正文部件 word/document.xml")?;
    let definitions = |b: Vec<u8>| xml::parse_bounded(&b, MAX_DEFINITION_ELEMENTS);
    let numbering_xml = part(&mut zip, "word/numbering.xml", MAX_DEFINITIONS_BYTES)?.map(definitions).transpose()?;
    let styles_xml = part(&mut zip, "word/styles.xml", MAX_DEFINITIONS_BYTES)?.map(definitions).transpose()?;
    let root = xml::parse(&document)?;
    let body = root.child("body").ok_or("正文部件没有 body")?;
    let mut reader = Reader {
        numbering: numbering(numbering_xml),
        styles: styles(styles_xml),
        numberer: Numberer::default(),
        paragraphs: 0,
    };
    let mut out = Vec::new();
    reader.blocks(body, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_as_word_writes_them() {
        assert_eq!(counter(3, "chineseCounting"), "三");
        assert_eq!(counter(12, "chineseCountingThousand"), "十二");
        assert_eq!(counter(5, "decimal"), "5");
        let levels = vec![
            Level { fmt: "chineseCounting".into(), text: "%1、".into(), start: 1 },
            Level { fmt: "chineseCounting".into(), text: "（%2）".into(), start: 1 },
        ];
        let mut n = Numberer::default();
        assert_eq!(n.label(&levels, "1", 0), "一、");
        assert_eq!(n.label(&levels, "1", 1), "（一）");
        assert_eq!(n.label(&levels, "1", 1), "（二）");
        assert_eq!(n.label(&levels, "1", 0), "二、");
        assert_eq!(n.label(&levels, "1", 1), "（一）");
    }
}
