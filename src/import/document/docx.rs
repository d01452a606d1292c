//! A Word document (.docx from Word or WPS) as blocks: paragraphs with the number Word puts in
//! front of them (auto numbering lives in numbering.xml, not in the text), whether they are bold
//! and their outline level; tables with merged cells placed on the grid; pictures.
//!
//! The body is read as a stream of tokens (`xml::Tokens`), not as an element tree: most of a report
//! is table cells whose widths, fonts and borders a tree would build only to drop (the tree cost a
//! Word report 15% of its reading, quick-xml's checks of each tiny element another fifth).
//! numbering.xml and styles.xml, small and looked up by id, are read as trees.

use super::{Block, Para, TableGrid};
use crate::import::package::{part, MAX_BODY_RATIO, MAX_DEFINITIONS_BYTES, MAX_DEFINITION_ELEMENTS};
use crate::import::xml::{self, El, Events, Tag, Token};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Cursor;
use std::rc::Rc;

// What a Word document may expand to, bounded in its own size (a hostile 52 KB file whose
// numbering referred lists to each other, with long level texts on every paragraph, took 1.5 GB).
/// Lists (w:num) and abstract lists kept: real documents have dozens.
pub const MAX_LISTS: usize = 4_096;
/// Styles kept: real documents have a few hundred.
pub const MAX_STYLES: usize = 8_192;
/// Characters of a level's text ("%1、", "（%2）"): Word writes a handful.
pub const MAX_LEVEL_TEXT: usize = 32;
/// Characters of a paragraph's number once its counters are filled in.
pub const MAX_LABEL: usize = 64;
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
}

/// What a paragraph says about itself while it is read: its own properties, its text, and how many
/// of its characters are bold by their run, not bold by their run, or left to its style.
#[derive(Default)]
struct ParaRead<'a> {
    style: Option<Cow<'a, str>>,
    num: Option<(Cow<'a, str>, usize)>,
    outline: Option<u8>,
    text: String,
    chars: usize,
    bold: usize,
    unset: usize,
    picture: bool,
}

/// A table cell while it is read: its span, whether it continues a vertical merge, its blocks.
struct Cell {
    span: u32,
    continued: bool,
    blocks: Vec<Block>,
}

/// The body is read as a stream of events, not as a tree: each function below consumes the events
/// of the element just opened, up to and including its end.
impl Reader {
    /// A paragraph's number and properties resolved against its style, once it is read.
    fn para(&mut self, read: ParaRead) -> (Para, bool) {
        // The style borrowed, not copied: most paragraphs have one.
        let style = read.style.as_deref().and_then(|s| self.styles.get(s));
        let own = read.num.as_ref().map(|(id, level)| (id.as_ref(), *level));
        let number = match own.or(style.and_then(|s| s.num.as_ref()).map(|(id, level)| (id.as_str(), *level))) {
            Some((id, level)) if id != "0" => match self.numbering.get(id) {
                Some(levels) => self.numberer.label(levels, id, level),
                None => String::new(),
            },
            _ => String::new(),
        };
        let bold = read.bold + if style.is_some_and(|s| s.bold) { read.unset } else { 0 };
        let para = Para {
            bold: read.chars > 0 && bold * 2 > read.chars,
            text: read.text,
            number,
            outline: read.outline.or(style.and_then(|s| s.outline)),
            index: 0,
        };
        (para, read.picture)
    }

    /// A paragraph (w:p just opened): a picture in it comes first, as the reader sees it.
    fn paragraph(&mut self, ev: &mut Events, out: &mut Vec<Block>) -> Result<(), String> {
        let mut read = ParaRead::default();
        runs(ev, &mut read, true)?;
        let (para, picture) = self.para(read);
        if picture {
            out.push(Block::Picture);
        }
        out.push(Block::Para(para));
        Ok(())
    }

    /// A body's, a cell's or a content control's blocks in order, up to its end; `cell` takes a
    /// cell's properties, `nested` is set by a table inside.
    fn blocks(
        &mut self,
        ev: &mut Events,
        out: &mut Vec<Block>,
        mut cell: Option<&mut Cell>,
        nested: &mut bool,
    ) -> Result<(), String> {
        loop {
            match ev.next()? {
                Token::Start(e) => match e.local() {
                    "p" => self.paragraph(ev, out)?,
                    "tbl" => {
                        *nested = true;
                        self.table(ev, out)?;
                    }
                    "tcPr" if cell.is_some() => cell_properties(ev, cell.as_deref_mut().expect("a cell"))?,
                    // Content controls and smart tags wrap ordinary paragraphs and tables.
                    "sdt" | "sdtContent" | "customXml" | "smartTag" => {
                        self.blocks(ev, out, cell.as_deref_mut(), nested)?
                    }
                    _ => {
                        ev.skip()?;
                    }
                },
                Token::Empty(e) if e.local() == "p" => {
                    out.push(Block::Para(self.para(ParaRead::default()).0));
                }
                Token::End(_) => return Ok(()),
                _ => {}
            }
        }
    }

    /// A table (w:tbl just opened): a grid of its cells, or — a layout table, one column wide or
    /// holding tables — its cells' blocks as the document's flow.
    fn table(&mut self, ev: &mut Events, out: &mut Vec<Block>) -> Result<(), String> {
        let (mut rows, mut nested) = (Vec::new(), false);
        self.rows(ev, &mut rows, &mut nested)?;
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        if nested || width <= 1 {
            out.extend(rows.into_iter().flatten().flat_map(|c| c.blocks));
            return Ok(());
        }
        let mut grid = TableGrid::default();
        for row in rows {
            let mut col = 0u32;
            let mut cells = Vec::new();
            for c in row {
                // A vertically merged cell below its first one holds nothing, as Excel keeps merges.
                if !c.continued {
                    let text = cell_text(c.blocks);
                    if !text.trim().is_empty() {
                        cells.push((col, text));
                    }
                }
                col += c.span;
            }
            grid.rows.push(cells);
            grid.width = grid.width.max(col);
        }
        out.push(Block::Table(grid));
        Ok(())
    }

    /// A table's rows, or a row's cells, up to its end (rows and cells wrapped in content
    /// controls included).
    fn rows(&mut self, ev: &mut Events, rows: &mut Vec<Vec<Cell>>, nested: &mut bool) -> Result<(), String> {
        loop {
            match ev.next()? {
                Token::Start(e) => match e.local() {
                    "tr" => {
                        rows.push(Vec::new());
                        self.rows(ev, rows, nested)?;
                    }
                    "tc" => {
                        let mut cell = Cell { span: 1, continued: false, blocks: Vec::new() };
                        let mut blocks = Vec::new();
                        self.blocks(ev, &mut blocks, Some(&mut cell), nested)?;
                        cell.blocks = blocks;
                        match rows.last_mut() {
                            Some(row) => row.push(cell),
                            None => rows.push(vec![cell]),
                        }
                    }
                    "sdt" | "sdtContent" | "customXml" | "smartTag" => self.rows(ev, rows, nested)?,
                    _ => {
                        ev.skip_whole()?;
                    }
                },
                Token::End(_) => return Ok(()),
                _ => {}
            }
        }
    }
}

/// A cell's paragraphs, each with its number, one per line (most cells are one paragraph without a
/// number: its text is taken as it is).
fn cell_text(blocks: Vec<Block>) -> String {
    let mut paras = blocks.into_iter().filter_map(|b| if let Block::Para(p) = b { Some(p) } else { None });
    let Some(first) = paras.next() else { return String::new() };
    let mut text = if first.number.is_empty() { first.text } else { first.number + &first.text };
    for p in paras {
        text.push('\n');
        text.push_str(&p.number);
        text.push_str(&p.text);
    }
    text
}

/// A paragraph's content, or a hyperlink's, an insertion's, a field's or a content control's
/// inside it, up to its end: its properties (`top`: the paragraph's own), its runs, its pictures.
/// Deleted text (w:del) does not count.
fn runs<'a>(ev: &mut Events<'a>, read: &mut ParaRead<'a>, top: bool) -> Result<(), String> {
    loop {
        match ev.next()? {
            Token::Start(e) => match e.local() {
                "pPr" if top => paragraph_properties(ev, read)?,
                "r" => run(ev, read)?,
                "hyperlink" | "ins" | "smartTag" | "fldSimple" | "sdt" | "sdtContent" | "customXml" => {
                    runs(ev, read, false)?
                }
                n if xml::opaque(n) => {
                    read.picture = true;
                    ev.skip_whole()?;
                }
                _ => read.picture |= ev.skip()?,
            },
            Token::Empty(e) => read.picture |= xml::opaque(e.local()),
            Token::End(_) => return Ok(()),
            _ => {}
        }
    }
}

/// An element of properties opened (Start) or whole (Empty).
fn property<'a>(ev: &mut Events<'a>) -> Result<Option<(Tag<'a>, bool)>, String> {
    loop {
        return match ev.next()? {
            Token::Start(e) => Ok(Some((e, true))),
            Token::Empty(e) => Ok(Some((e, false))),
            Token::End(_) => Ok(None),
            _ => continue,
        };
    }
}

/// The properties of an element of properties just opened, each given to `each`, what they hold
/// passed over.
fn properties<'a>(ev: &mut Events<'a>, mut each: impl FnMut(Tag<'a>)) -> Result<(), String> {
    while let Some((e, open)) = property(ev)? {
        each(e);
        if open {
            ev.skip_whole()?;
        }
    }
    Ok(())
}

/// w:pPr: the style, the numbering, the outline level.
fn paragraph_properties<'a>(ev: &mut Events<'a>, read: &mut ParaRead<'a>) -> Result<(), String> {
    while let Some((e, open)) = property(ev)? {
        match e.local() {
            "pStyle" => read.style = e.attr("val"),
            "outlineLvl" => read.outline = e.attr("val").and_then(|v| v.parse().ok()),
            "numPr" if open => {
                let (mut id, mut level) = (None, None);
                properties(ev, |n| match n.local() {
                    "numId" if id.is_none() => id = n.attr("val"),
                    "ilvl" => level = level.or(n.attr("val").and_then(|v| v.parse().ok())),
                    _ => {}
                })?;
                read.num = id.map(|id| (id, level.unwrap_or(0)));
                continue;
            }
            _ => {}
        }
        if open {
            ev.skip_whole()?;
        }
    }
    Ok(())
}

/// w:tcPr: the columns a cell spans and whether it continues a vertical merge.
fn cell_properties(ev: &mut Events, cell: &mut Cell) -> Result<(), String> {
    properties(ev, |e| match e.local() {
        "gridSpan" => cell.span = e.attr("val").and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 64),
        "vMerge" => cell.continued = e.attr("val").is_none_or(|x| x == "continue"),
        _ => {}
    })
}

/// A run (w:r): its text, tabs and breaks, counted as bold, not bold, or as its paragraph's style.
fn run<'a>(ev: &mut Events<'a>, read: &mut ParaRead<'a>) -> Result<(), String> {
    // The run's text goes straight onto the paragraph's; its characters are counted from `from`.
    let (from, mut bold) = (read.text.len(), None);
    loop {
        let (e, open) = match ev.next()? {
            Token::Start(e) => (e, true),
            Token::Empty(e) => (e, false),
            Token::End(_) => break,
            _ => continue,
        };
        match e.local() {
            "rPr" if open => {
                properties(ev, |p| {
                    if p.local() == "b" && bold.is_none() {
                        bold = Some(p.attr("val").is_none_or(|v| v != "0" && v != "false"));
                    }
                })?;
                continue;
            }
            "t" if open => {
                ev.text_into(&mut read.text)?;
                continue;
            }
            "tab" => read.text.push('\t'),
            "br" | "cr" => read.text.push('\n'),
            n if xml::opaque(n) => {
                read.picture = true;
                if open {
                    ev.skip_whole()?;
                }
                continue;
            }
            _ => {}
        }
        if open {
            read.picture |= ev.skip()?;
        }
    }
    let n = read.text[from..].chars().filter(|c| !c.is_whitespace()).count();
    read.chars += n;
    match bold {
        Some(true) => read.bold += n,
        Some(false) => {}
        None => read.unset += n,
    }
    Ok(())
}

/// The body of document.xml (the body element directly under the root), its paragraphs numbered
/// in order for provenance.
fn body(reader: &mut Reader, document: &[u8]) -> Result<Vec<Block>, String> {
    let mut ev = Events::new(document)?;
    let (mut out, mut root, mut body) = (Vec::new(), false, false);
    loop {
        let e = match ev.event()? {
            Token::Eof => break,
            Token::Start(e) => e,
            _ => continue,
        };
        match (ev.depth(), e.local()) {
            (1, _) => root = true,
            (2, "body") if !body => {
                body = true;
                reader.blocks(&mut ev, &mut out, None, &mut false)?;
            }
            _ => {
                ev.skip()?;
            }
        }
    }
    if !root {
        return Err("XML 部件是空的".into());
    }
    if !body {
        return Err("正文部件没有 body".into());
    }
    let mut index = 0;
    for b in &mut out {
        if let Block::Para(p) = b {
            index += 1;
            p.index = index;
        }
    }
    Ok(out)
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
    let mut reader =
        Reader { numbering: numbering(numbering_xml), styles: styles(styles_xml), numberer: Numberer::default() };
    body(&mut reader, &document)
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
