//! A page saved from a portal (.html/.htm, UTF-8 or GB18030/GBK) as blocks. The page is parsed as a
//! browser parses it (html5ever, through scraper); the portal's navigation, share buttons, scripts
//! and footer are left out; layout tables are read as the flow they hold.

use super::{Block, Para, TableGrid};
use scraper::node::Node;
use scraper::{ElementRef, Html};

/// The page's text: a byte-order mark or the declared charset decides; a page that declares
/// nothing is UTF-8 when it decodes as such, else GB18030 (which covers GBK and GB2312). A page
/// whose declared charset does not decode its bytes cleanly (saved in GBK by an editor that kept
/// the template's `charset=utf-8`, or the reverse) is decoded by what its bytes are: UTF-8 when
/// they are UTF-8, else GB18030. The mismatch is the portal's, not an error of the report.
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
    let by_bytes = || if std::str::from_utf8(bytes).is_ok() { encoding_rs::UTF_8 } else { encoding_rs::GB18030 };
    let enc = declared.unwrap_or_else(by_bytes);
    // GB2312 and GBK pages often hold characters only GB18030 has: decode them as GB18030.
    let enc = if enc == encoding_rs::GBK { encoding_rs::GB18030 } else { enc };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors && declared.is_some() {
        return by_bytes().decode_without_bom_handling(bytes).0.into_owned();
    }
    text.into_owned()
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
        self.out.push(Block::Table(span_grid(&rows)));
    }
}

/// Cells one page table may place at most (rows × columns, spans included): a report's tables have
/// a few hundred; the largest real register pasted into a page, tens of thousands.
pub const MAX_TABLE_CELLS: usize = 400_000;
/// Columns one page table may have: report tables have at most thirty.
pub const MAX_TABLE_COLUMNS: u32 = 1_024;

/// A table's rows on its grid, merged cells where their spans put them. A span is clipped to the
/// table's real size (a colspan to the widest row's cell count, a rowspan to the rows left), so a
/// hostile `rowspan="100000000"` costs what the table's own cells cost; a table whose grid would
/// exceed [`MAX_TABLE_CELLS`] keeps the rows that fit.
fn span_grid(rows: &[ElementRef]) -> TableGrid {
    let cells: Vec<Vec<ElementRef>> = rows.iter().map(|r| cells_of(*r)).collect();
    let widest = cells.iter().map(Vec::len).max().unwrap_or(0) as u32;
    let mut grid = TableGrid::default();
    // Rows still covered by a rowspan from above, per column.
    let mut covered: Vec<u32> = Vec::new();
    let mut placed = 0usize;
    for (i, row) in cells.iter().enumerate() {
        let rows_left = (cells.len() - i) as u32;
        let mut out = Vec::new();
        let mut col = 0u32;
        for c in row {
            while covered.get(col as usize).is_some_and(|n| *n > 0) {
                col += 1;
            }
            if col >= MAX_TABLE_COLUMNS {
                break;
            }
            let span = |a: &str| c.value().attr(a).and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(1);
            let colspan = span("colspan").clamp(1, widest.max(1)).min(MAX_TABLE_COLUMNS - col);
            let rowspan = span("rowspan").clamp(1, rows_left);
            let text = cell_text(*c);
            if !text.trim().is_empty() {
                out.push((col, text));
            }
            let end = (col + colspan) as usize;
            if covered.len() < end {
                covered.resize(end, 0);
            }
            for k in &mut covered[col as usize..end] {
                *k = (*k).max(rowspan);
            }
            col += colspan;
        }
        for k in covered.iter_mut() {
            *k = k.saturating_sub(1);
        }
        grid.width = grid.width.max(col).max(covered.len() as u32);
        placed += grid.width as usize;
        if placed > MAX_TABLE_CELLS {
            break;
        }
        grid.rows.push(out);
    }
    grid
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
/// Elements a browser closes when the next of their kind opens (`<p>a<p>b`, `<li>`, `<td>`…).
const SELF_ENDING: &[&str] = &["p", "li", "td", "th", "tr", "option", "dt", "dd"];

/// Deeper than any real page (portals nest a few dozen levels): the parser spends time growing with
/// the square of the depth, so a page nested deeper is refused before parsing.
pub const MAX_PAGE_DEPTH: usize = 2_000;
/// Elements in one page: a long report page has a few thousand; a 30 MB page of bare `<b>` tags
/// would have millions, each a node of the parser's tree.
pub const MAX_PAGE_ELEMENTS: usize = 500_000;

/// How deep a page's elements nest and how many there are, counted in one pass over its text
/// before parsing, the way the parser will nest them: an end tag closes the innermost open element
/// of its name and everything opened inside it, and an end tag of no open element (`<div></x>`,
/// stray end tags that a plain counter would take as closing something) closes nothing.
fn nesting(text: &str) -> (usize, usize) {
    let b = text.as_bytes();
    let mut open: Vec<String> = Vec::new();
    // How many of each name are open, so a stray end tag is known without searching the stack.
    let mut open_count: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let (mut max, mut elements) = (0usize, 0usize);
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let closing = b[i + 1] == b'/';
        let start = i + 1 + usize::from(closing);
        if !b.get(start).is_some_and(u8::is_ascii_alphabetic) {
            // A comment, a doctype, or a bare "<" in the text.
            if b[i + 1..].starts_with(b"!--") {
                i = text[i..].find("-->").map(|p| i + p + 3).unwrap_or(b.len());
            } else {
                i += 1;
            }
            continue;
        }
        let name_end = b[start..].iter().position(|c| !c.is_ascii_alphanumeric()).map(|p| start + p).unwrap_or(b.len());
        let close = b[name_end..].iter().position(|c| *c == b'>').map(|p| name_end + p).unwrap_or(b.len());
        let lower = text[start..name_end].to_ascii_lowercase();
        if closing {
            if open_count.get(lower.as_str()).is_some_and(|n| *n > 0) {
                while let Some(top) = open.pop() {
                    if let Some(n) = open_count.get_mut(&top) {
                        *n -= 1;
                    }
                    if top == lower {
                        break;
                    }
                }
            }
        } else {
            elements += 1;
            let self_closing = close > 0 && b.get(close - 1) == Some(&b'/');
            if SELF_ENDING.contains(&lower.as_str()) && open.last() == Some(&lower) {
                open.pop();
                if let Some(n) = open_count.get_mut(&lower) {
                    *n -= 1;
                }
            }
            if !VOID.contains(&lower.as_str()) && !self_closing {
                *open_count.entry(lower.clone()).or_default() += 1;
                open.push(lower.clone());
                max = max.max(open.len());
            }
            // Scripts and styles hold text, not tags.
            if matches!(lower.as_str(), "script" | "style") {
                let end = format!("</{lower}");
                let rest = text[close.min(text.len())..].to_ascii_lowercase();
                i = rest.find(&end).map(|p| close + p).unwrap_or(b.len());
                continue;
            }
        }
        if elements > MAX_PAGE_ELEMENTS || max > MAX_PAGE_DEPTH {
            break;
        }
        i = close;
    }
    (max, elements)
}

/// Reads the blocks of a saved page.
pub fn read(bytes: &[u8]) -> Result<Vec<Block>, String> {
    let text = decode(bytes);
    let (depth, elements) = nesting(&text);
    if depth > MAX_PAGE_DEPTH {
        return Err("网页结构异常（元素嵌套过深），疑似恶意文件".into());
    }
    if elements > MAX_PAGE_ELEMENTS {
        return Err(format!("网页结构异常（元素超过 {MAX_PAGE_ELEMENTS} 个），疑似恶意文件"));
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

/// The page's own titles: its title element, its ArticleTitle (or title) meta and its <h1>s — where
/// a portal states the article's name apart from its header's logo.
pub fn titles(bytes: &[u8]) -> Vec<String> {
    let text = decode(bytes);
    if nesting(&text).0 > MAX_PAGE_DEPTH {
        return Vec::new();
    }
    let page = Html::parse_document(&text);
    let mut out = Vec::new();
    let text_of = |e: ElementRef| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join("");
    if let Ok(sel) = scraper::Selector::parse("title, h1") {
        out.extend(page.select(&sel).map(text_of));
    }
    if let Ok(sel) = scraper::Selector::parse("meta[name]") {
        for m in page.select(&sel) {
            let name = m.value().attr("name").unwrap_or("").to_ascii_lowercase();
            if name == "articletitle" || name == "title" {
                out.extend(m.value().attr("content").map(str::to_string));
            }
        }
    }
    out.retain(|t| !t.is_empty());
    out
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
