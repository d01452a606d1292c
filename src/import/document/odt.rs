//! An .odt as the blocks a .docx gives: paragraphs with their list numbers worked out from the
//! list styles (LibreOffice writes no number into the text), bold and outline levels, tables with
//! their spans, pictures. Over the OpenDocument primitives of `import::odf`.

use super::{docx, Block, Para, TableGrid};
use crate::import::odf::{columns_of, number_attr, parts, table_rows, text_of, Text};
use crate::import::xml::El;
use rustc_hash::FxHashMap;

/// A list style's level: its number format and the text around the counter.
#[derive(Clone, Default)]
struct ListLevel {
    format: String,
    prefix: String,
    suffix: String,
    start: u32,
}

/// The styles of an .odt: which paragraph and text styles are bold (through their parents), and
/// each list style's levels.
#[derive(Default)]
struct Styles {
    bold: FxHashMap<String, bool>,
    parent: FxHashMap<String, String>,
    lists: FxHashMap<String, Vec<ListLevel>>,
}

impl Styles {
    fn read(&mut self, el: &El) {
        for e in el.elements() {
            match e.name.as_str() {
                "style" => {
                    let Some(name) = e.attr("name") else { continue };
                    if let Some(w) = e.child("text-properties").and_then(|t| t.attr("font-weight")) {
                        self.bold.insert(name.to_string(), w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600));
                    }
                    if let Some(p) = e.attr("parent-style-name") {
                        self.parent.insert(name.to_string(), p.to_string());
                    }
                }
                "list-style" => {
                    let Some(name) = e.attr("name") else { continue };
                    let mut levels = vec![ListLevel::default(); 10];
                    for l in e.elements().filter(|l| l.name == "list-level-style-number") {
                        let level = number_attr(l, "level").min(10) as usize - 1;
                        levels[level] = ListLevel {
                            format: l.attr("num-format").unwrap_or("").chars().take(8).collect(),
                            prefix: l.attr("num-prefix").unwrap_or("").chars().take(8).collect(),
                            suffix: l.attr("num-suffix").unwrap_or("").chars().take(8).collect(),
                            start: number_attr(l, "start-value"),
                        };
                    }
                    self.lists.insert(name.to_string(), levels);
                }
                "automatic-styles" | "styles" => self.read(e),
                _ => {}
            }
        }
    }

    /// Whether a style makes its text bold, asking its parents (a bounded chain) where it does not say.
    fn is_bold(&self, style: &str) -> Option<bool> {
        let mut name = style;
        for _ in 0..16 {
            if let Some(b) = self.bold.get(name) {
                return Some(*b);
            }
            name = self.parent.get(name)?;
        }
        None
    }
}

/// A counter as a list level's format writes it: "1", "一, 二, 三, ...", "①, ②, ③, ...".
fn counter(n: u32, format: &str) -> String {
    match format.chars().next() {
        Some('1') => n.to_string(),
        Some('一') | Some('壹') => docx::chinese(n),
        Some('①') if (1..=20).contains(&n) => char::from_u32(0x2460 + n - 1).map(String::from).unwrap_or_default(),
        _ => String::new(),
    }
}

/// Reads an .odt's blocks, numbering list items as LibreOffice shows them.
struct Reader {
    styles: Styles,
    /// (list style, level) → the counter of the item last numbered.
    counters: FxHashMap<(String, usize), u32>,
    paragraphs: usize,
    out: Vec<Block>,
}

impl Reader {
    fn bold_of(&self, el: &El) -> Option<bool> {
        el.attr("style-name").and_then(|s| self.styles.is_bold(s))
    }

    fn paragraph(&mut self, el: &El, number: String) {
        let mut t = Text::default();
        let base = self.bold_of(el).unwrap_or(false);
        text_of(el, &|e| self.bold_of(e), base, &mut t);
        for _ in 0..t.pictures {
            self.out.push(Block::Picture);
        }
        self.paragraphs += 1;
        let outline = (el.name == "h").then(|| number_attr(el, "outline-level").saturating_sub(1).min(8) as u8);
        self.out.push(Block::Para(Para {
            text: t.text.trim().to_string(),
            number,
            bold: t.chars > 0 && t.bold * 2 > t.chars,
            outline,
            index: self.paragraphs,
        }));
    }

    fn blocks(&mut self, el: &El) {
        for e in el.elements() {
            match e.name.as_str() {
                "p" | "h" => self.paragraph(e, String::new()),
                "list" => self.list(e, e.attr("style-name").unwrap_or("").to_string(), 0),
                "table" => self.table(e),
                "frame" => self.out.push(Block::Picture),
                "section" | "text" | "index-body" | "deletion" => self.blocks(e),
                _ => {}
            }
        }
    }

    /// A list: each item's first paragraph numbered from the list style's level; deeper levels
    /// restart when a shallower one advances. A list that does not continue numbering restarts.
    fn list(&mut self, list: &El, style: String, level: usize) {
        let style = list.attr("style-name").map(str::to_string).unwrap_or(style);
        if level == 0 && list.attr("continue-numbering") != Some("true") && list.attr("continue-list").is_none() {
            self.counters.retain(|(s, _), _| *s != style);
        }
        for item in list.elements().filter(|e| e.name == "list-item" || e.name == "list-header") {
            let mut numbered = item.name == "list-header";
            for e in item.elements() {
                match e.name.as_str() {
                    "p" | "h" if !numbered => {
                        numbered = true;
                        let number = self.next_number(&style, level);
                        self.paragraph(e, number);
                    }
                    "p" | "h" => self.paragraph(e, String::new()),
                    "list" if level < 9 => self.list(e, style.clone(), level + 1),
                    "table" => self.table(e),
                    _ => {}
                }
            }
        }
    }

    fn next_number(&mut self, style: &str, level: usize) -> String {
        let Some(def) = self.styles.lists.get(style).and_then(|l| l.get(level)).cloned() else { return String::new() };
        let n = match self.counters.get(&(style.to_string(), level)) {
            Some(n) => n + 1,
            None => def.start,
        };
        self.counters.insert((style.to_string(), level), n);
        self.counters.retain(|(s, l), _| s != style || *l <= level);
        let c = counter(n, &def.format);
        if c.is_empty() {
            return String::new();
        }
        format!("{}{c}{}", def.prefix, def.suffix)
    }

    fn table(&mut self, table: &El) {
        let styles = &self.styles;
        let bold_of = |e: &El| e.attr("style-name").and_then(|s| styles.is_bold(s));
        let mut cell_text = |cell: &El| {
            let mut parts = Vec::new();
            for p in cell.elements() {
                let mut t = Text::default();
                text_of(p, &bold_of, false, &mut t);
                if !t.text.trim().is_empty() {
                    parts.push(t.text.trim().to_string());
                }
            }
            parts.join("\n")
        };
        let (rows, _) = table_rows(table, &mut cell_text);
        let width = rows.iter().flat_map(|r| r.iter().map(|(c, _)| c + 1)).max().unwrap_or(0);
        let width = width.max(columns_of(table));
        self.out.push(Block::Table(TableGrid { rows, width }));
    }
}

/// Reads the blocks of an .odt the guard has passed.
pub fn blocks(bytes: &[u8]) -> Result<Vec<Block>, String> {
    let (content, styles_xml) = parts(bytes)?;
    let mut styles = Styles::default();
    if let Some(s) = &styles_xml {
        styles.read(s);
    }
    styles.read(&content);
    let body = content.find("text").ok_or("缺少正文")?;
    let mut reader = Reader { styles, counters: FxHashMap::default(), paragraphs: 0, out: Vec::new() };
    reader.blocks(body);
    Ok(reader.out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_as_list_styles_write_them() {
        assert_eq!(counter(3, "1"), "3");
        assert_eq!(counter(12, "一, 二, 三, ..."), "十二");
        assert_eq!(counter(2, "①, ②, ③, ..."), "②");
        assert_eq!(counter(2, "a"), "");
    }
}
