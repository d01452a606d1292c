//! A page saved from a portal (.html/.htm, UTF-8 or GB18030/GBK) as blocks. The page is parsed as a
//! browser parses it (html5ever, through scraper); the portal's navigation, share buttons, scripts
//! and footer are left out; layout tables are read as the flow they hold.

use super::{Block, Para, TableGrid};
use scraper::node::Node;
use scraper::{ElementRef, Html};

/// The page's text: a byte-order mark or the declared charset decides; a page that declares
/// nothing is UTF-8 when it decodes as such, else GB18030 (which covers GBK and GB2312).
pub fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let declared = head.find("charset").and_then(|i| {
        let rest = head[i + 7..].trim_start_matches([' ', '=', '"', '\'']);
        let label: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
        encoding_rs::Encoding::for_label(label.as_bytes())
    });
    let enc = match declared {
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => encoding_rs::GB18030,
    };
    // GB2312 and GBK pages often hold characters only GB18030 has: decode them as GB18030.
    let enc = if enc == encoding_rs::GBK { encoding_rs::GB18030 } else { enc };
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// Elements that are never the report: scripts, forms, the portal's frame.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "footer", "aside", "form", "button", "select", "iframe", "head", "template",
    "svg", "object",
];
/// Class or id words of the portal's navigation, share buttons and footer.
const SKIP_CLASSES: &[&str] =
    &["nav", "menu", "footer", "share", "breadcrumb", "crumb", "sidebar", "bdshare", "copyright", "toolbar"];
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "section",
    "article",
    "blockquote",
    "center",
    "dd",
    "dt",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "body",
    "main",
    "pre",
    "caption",
];

/// Deeper than any real page; a page nested beyond it (a hostile one) is read down to here only,
/// so walking it cannot exhaust the stack.
const MAX_DEPTH: usize = 200;

struct Walker {
    depth: usize,
    out: Vec<Block>,
    text: String,
    bold_chars: usize,
    chars: usize,
    heading: Option<u8>,
    paragraphs: usize,
}

impl Walker {
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.text);
        if !text.trim().is_empty() {
            self.paragraphs += 1;
            self.out.push(Block::Para(Para {
                text: text.trim().to_string(),
                number: String::new(),
                bold: self.chars > 0 && self.bold_chars * 2 > self.chars,
                outline: self.heading,
                index: self.paragraphs,
            }));
        }
        self.bold_chars = 0;
        self.chars = 0;
        self.heading = None;
    }

    fn walk(&mut self, el: ElementRef, bold: bool) {
        let name = el.value().name();
        if SKIP_TAGS.contains(&name) || skipped_by_class(el) || self.depth >= MAX_DEPTH {
            return;
        }
        self.depth += 1;
        self.walk_inside(el, name, bold);
        self.depth -= 1;
    }

    fn walk_inside(&mut self, el: ElementRef, name: &str, bold: bool) {
        if name == "table" {
            self.flush();
            self.table(el);
            return;
        }
        if name == "img" {
            self.flush();
            self.out.push(Block::Picture);
            return;
        }
        if name == "br" {
            self.flush();
            return;
        }
        let block = BLOCK_TAGS.contains(&name);
        if block {
            self.flush();
        }
        let bold = bold || matches!(name, "b" | "strong" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        if let Some(level) = name.strip_prefix('h').and_then(|n| n.parse::<u8>().ok()).filter(|n| (1..=6).contains(n)) {
            self.heading = Some(level - 1);
        }
        for child in el.children() {
            match child.value() {
                Node::Text(t) => {
                    let n = t.chars().filter(|c| !c.is_whitespace()).count();
                    self.chars += n;
                    if bold {
                        self.bold_chars += n;
                    }
                    // Source line breaks inside a paragraph are white space, as a browser shows them.
                    self.text.push_str(&t.replace(['\n', '\r'], " "));
                }
                Node::Element(_) => {
                    if let Some(e) = ElementRef::wrap(child) {
                        self.walk(e, bold);
                    }
                }
                _ => {}
            }
        }
        if block {
            self.flush();
        }
    }

    fn table(&mut self, table: ElementRef) {
        let rows: Vec<ElementRef> = rows_of(table);
        let nested = table.descendants().skip(1).filter_map(ElementRef::wrap).any(|e| e.value().name() == "table");
        let width = rows.iter().map(|r| cells_of(*r).len()).max().unwrap_or(0);
        if nested || width <= 1 {
            for r in rows {
                for c in cells_of(r) {
                    self.walk(c, false);
                    self.flush();
                }
            }
            return;
        }
        let mut grid = TableGrid::default();
        // Columns taken by a rowspan from a row above: (column, rows still to cover).
        let mut taken: Vec<(u32, u32)> = Vec::new();
        for r in rows {
            let mut cells = Vec::new();
            let mut col = 0u32;
            for c in cells_of(r) {
                while taken.iter().any(|(tc, left)| *tc == col && *left > 0) {
                    col += 1;
                }
                let span =
                    |a: &str| c.value().attr(a).and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(1).clamp(1, 64);
                let (colspan, rowspan) = (span("colspan"), span("rowspan"));
                let text = cell_text(c);
                if !text.trim().is_empty() {
                    cells.push((col, text));
                }
                if rowspan > 1 {
                    for k in 0..colspan {
                        taken.push((col + k, rowspan));
                    }
                }
                col += colspan;
            }
            for t in taken.iter_mut() {
                t.1 = t.1.saturating_sub(1);
            }
            taken.retain(|t| t.1 > 0);
            grid.width = grid.width.max(col);
            grid.rows.push(cells);
        }
        self.out.push(Block::Table(grid));
    }
}

fn skipped_by_class(el: ElementRef) -> bool {
    let v = el.value();
    let words = format!("{} {}", v.attr("class").unwrap_or(""), v.attr("id").unwrap_or("")).to_ascii_lowercase();
    !words.trim().is_empty()
        && SKIP_CLASSES.iter().any(|k| {
            words
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w == *k || w.starts_with(k) && w.len() <= k.len() + 4)
        })
}

fn rows_of(table: ElementRef) -> Vec<ElementRef> {
    let mut out = Vec::new();
    for child in table.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => out.push(child),
            "thead" | "tbody" | "tfoot" => {
                out.extend(child.children().filter_map(ElementRef::wrap).filter(|e| e.value().name() == "tr"))
            }
            _ => {}
        }
    }
    out
}

fn cells_of(row: ElementRef) -> Vec<ElementRef> {
    row.children().filter_map(ElementRef::wrap).filter(|e| matches!(e.value().name(), "td" | "th")).collect()
}

/// A cell's text with its paragraphs and line breaks as line breaks, non-breaking spaces as spaces.
fn cell_text(cell: ElementRef) -> String {
    let mut s = String::new();
    for n in cell.descendants() {
        match n.value() {
            Node::Text(t) => s.push_str(&t.replace(['\n', '\r'], "")),
            Node::Element(e) if matches!(e.name(), "br" | "p" | "div") => s.push('\n'),
            _ => {}
        }
    }
    s.replace('\u{a0}', " ").trim().to_string()
}

/// Elements that never hold others: they open no level of nesting.
const VOID: &[&str] =
    &["br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source", "embed", "param", "track"];

/// How deep a page's elements nest, counted in one pass over its text before parsing: the parser
/// spends time growing with the square of the depth, so a page nested tens of thousands deep (no
/// portal writes one) is refused at once instead of keeping the machine busy for minutes.
fn nesting_depth(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'<' {
            if b[i + 1] == b'/' {
                depth = depth.saturating_sub(1);
            } else if b[i + 1].is_ascii_alphabetic() {
                let name_end =
                    b[i + 1..].iter().position(|c| !c.is_ascii_alphanumeric()).map(|p| i + 1 + p).unwrap_or(b.len());
                let name = text[i + 1..name_end].to_ascii_lowercase();
                let close = b[name_end..].iter().position(|c| *c == b'>').map(|p| name_end + p).unwrap_or(b.len());
                let self_closing = close > 0 && b.get(close - 1) == Some(&b'/');
                if !VOID.contains(&name.as_str()) && !self_closing {
                    depth += 1;
                    max = max.max(depth);
                }
                i = close;
            }
        }
        i += 1;
    }
    max
}

/// Reads the blocks of a saved page.
pub fn read(bytes: &[u8]) -> Result<Vec<Block>, String> {
    let text = decode(bytes);
    if nesting_depth(&text) > 10_000 {
        return Err("网页结构异常（元素嵌套过深），疑似恶意文件".into());
    }
    let page = Html::parse_document(&text);
    let mut w = Walker {
        depth: 0,
        out: Vec::new(),
        text: String::new(),
        bold_chars: 0,
        chars: 0,
        heading: None,
        paragraphs: 0,
    };
    w.walk(page.root_element(), false);
    w.flush();
    Ok(w.out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_pages_are_decoded() {
        let (bytes, _, _) =
            encoding_rs::GBK.encode("<html><head><meta charset=\"gbk\"></head><body><p>总体情况</p></body></html>");
        assert!(decode(&bytes).contains("总体情况"));
        let (bytes, _, _) = encoding_rs::GB18030.encode("<p>依申请公开</p>");
        assert!(decode(&bytes).contains("依申请公开"), "undeclared GB18030 is recognised");
    }
}
