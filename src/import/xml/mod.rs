//! The XML parts of Word and OpenDocument files, read by a scanner of our own (`tokens`, held to
//! quick-xml's reading by tests and a fuzz target): a small element tree for .odt and .ods content
//! and a Word document's definitions, and a bounded token stream for a Word document's body. No
//! entity is defined or expanded (a DTD is refused), so a "billion laughs" file is refused, not
//! read; depth and element counts are bounded so a hostile part fails quickly instead of eating
//! memory.

#[cfg(any(test, feature = "oracle"))]
mod oracle;
mod tokens;

#[cfg(any(test, feature = "oracle"))]
pub use oracle::{agree_with_quick_xml, quick_xml_count, scanner_count};
pub(crate) use tokens::{Tag, Token, Tokens};

/// Deeper than any real document (tables in tables in tables stay far below it).
pub(crate) const MAX_DEPTH: usize = 256;
/// Elements in one part; a long report has a few hundred thousand.
pub(crate) const MAX_ELEMENTS: usize = 5_000_000;

#[derive(Debug, Default)]
pub struct El {
    /// The local name ("p" for w:p).
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug)]
pub enum Node {
    El(El),
    Text(String),
}

impl El {
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == local).map(|(_, v)| v.as_str())
    }
    pub fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }
    pub fn child(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }
    /// The first element of that name anywhere below (depth first).
    pub fn find(&self, name: &str) -> Option<&El> {
        for e in self.elements() {
            if e.name == name {
                return Some(e);
            }
            if let Some(f) = e.find(name) {
                return Some(f);
            }
        }
        None
    }
    /// `w:val` of a child such as <w:pStyle w:val="1"/>.
    pub fn child_val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("val"))
    }
}

/// "p" for "w:p". Names are a few bytes with the prefix first: a forward byte scan beats a general
/// reverse split, which was a tenth of reading a report.
pub(crate) fn local(name: &str) -> &str {
    match name.bytes().position(|b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// Formatting the readers never look at: skipped whole while parsing, so a long report's run fonts,
/// sizes, borders and section settings cost no allocation.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "rFonts"
            | "sz"
            | "szCs"
            | "color"
            | "lang"
            | "spacing"
            | "ind"
            | "jc"
            | "tcW"
            | "tblBorders"
            | "tcBorders"
            | "shd"
            | "vAlign"
            | "tblGrid"
            | "sectPr"
            | "kern"
            | "w"
            | "noProof"
            | "tblW"
            | "tblLayout"
            | "tblCellMar"
            | "tblInd"
            | "tblLook"
            | "trPr"
            | "bdr"
            | "highlight"
            | "u"
            | "i"
            | "iCs"
            | "bCs"
            | "vertAlign"
            | "snapToGrid"
            | "widowControl"
            | "keepNext"
            | "keepLines"
            | "autoSpaceDE"
            | "autoSpaceDN"
            | "adjustRightInd"
            | "textAlignment"
            | "rtl"
            | "cs"
            | "position"
            | "effect"
            | "proofErr"
            | "bookmarkStart"
            | "bookmarkEnd"
            | "lastRenderedPageBreak"
            | "tblStyle"
            | "cnfStyle"
            | "tcMar"
            | "hideMark"
            | "noWrap"
            | "docPr"
            | "graphic"
            | "extent"
            | "effectExtent"
            | "cNvGraphicFramePr"
            | "inline"
            | "anchor"
    )
}

/// Elements whose presence matters (a picture) but not their content.
pub(crate) fn opaque(name: &str) -> bool {
    matches!(name, "drawing" | "pict" | "object")
}

/// Elements whose attributes the readers use (numbering, styles, merges, bold); every other
/// element keeps its name only, so a part's many formatting attributes cost nothing.
fn keeps_attrs(name: &str) -> bool {
    matches!(
        name,
        "abstractNum"
            | "abstractNumId"
            | "num"
            | "numId"
            | "ilvl"
            | "lvl"
            | "numFmt"
            | "lvlText"
            | "start"
            | "style"
            | "name"
            | "pStyle"
            | "outlineLvl"
            | "gridSpan"
            | "vMerge"
            | "b"
            | "basedOn"
    )
}

/// OpenDocument elements whose attributes the readers use: styles, lists, headings, table cells
/// and rows (spans, repeats, values), paragraphs and spans (their style).
fn keeps_odf_attrs(qname: &str) -> bool {
    matches!(
        qname,
        "style:style"
            | "style:text-properties"
            | "text:list-style"
            | "text:list-level-style-number"
            | "text:list"
            | "text:h"
            | "text:p"
            | "text:span"
            | "table:table"
            | "table:table-row"
            | "table:table-cell"
            | "table:covered-table-cell"
    )
}

fn element(t: &Tag) -> El {
    let name = t.local().to_string();
    let attrs = if keeps_attrs(&name) || keeps_odf_attrs(t.name) {
        t.attrs().map(|(k, v)| (local(k).to_string(), v.into_owned())).collect()
    } else {
        Vec::new()
    };
    El { name, attrs, children: Vec::new() }
}

/// Parses an XML part into its root element; an error is a short reason for a "damaged" message.
pub fn parse(bytes: &[u8]) -> Result<El, String> {
    parse_bounded(bytes, MAX_ELEMENTS)
}

/// [`parse`] with its own bound on the elements (the definitions parts hold far fewer than a body).
pub fn parse_bounded(bytes: &[u8], max_elements: usize) -> Result<El, String> {
    let mut ev = Events::bounded(bytes, max_elements)?;
    let mut stack: Vec<El> = vec![El::default()];
    loop {
        match ev.event()? {
            Token::Start(t) => {
                let name = t.local();
                if opaque(name) || skipped(name) {
                    ev.skip_whole()?;
                    if opaque(name) {
                        stack
                            .last_mut()
                            .expect("root")
                            .children
                            .push(Node::El(El { name: name.to_string(), ..El::default() }));
                    }
                    continue;
                }
                stack.push(element(&t));
            }
            Token::Empty(t) => {
                if !skipped(t.local()) {
                    stack.last_mut().expect("root").children.push(Node::El(element(&t)));
                }
            }
            Token::End(_) => {
                // The scanner has matched every end tag with its start: the stack holds the element.
                let el = stack.pop().expect("an element open");
                stack.last_mut().ok_or("XML 结构损坏")?.children.push(Node::El(el));
            }
            Token::Text(t) => {
                let mut s = String::new();
                tokens::text_into(t, &mut s);
                stack.last_mut().expect("root").children.push(Node::Text(s));
            }
            Token::CData(t) => stack.last_mut().expect("root").children.push(Node::Text(t.to_string())),
            Token::Eof => break,
        }
    }
    let mut root = stack.into_iter().next().expect("root");
    match root.children.iter().position(|n| matches!(n, Node::El(_))) {
        Some(i) => match root.children.swap_remove(i) {
            Node::El(e) => Ok(e),
            Node::Text(_) => unreachable!(),
        },
        None => Err("XML 部件是空的".into()),
    }
}

/// A part read as a stream of tokens, for a reader that builds its own result as it goes instead
/// of an element tree (a report's body is mostly table cells whose formatting a tree would hold
/// only to drop). The same bounds as [`parse`]: tokens counted, depth checked, each error a short
/// reason.
pub(crate) struct Events<'a> {
    tokens: Tokens<'a>,
    count: usize,
    limit: usize,
}

impl<'a> Events<'a> {
    /// Tokens over a part's bytes, checked as UTF-8 here, whole.
    pub fn new(bytes: &'a [u8]) -> Result<Events<'a>, String> {
        Events::bounded(bytes, MAX_ELEMENTS)
    }

    /// [`Events::new`] with its own bound on the tokens.
    pub fn bounded(bytes: &'a [u8], limit: usize) -> Result<Events<'a>, String> {
        Ok(Events { tokens: Tokens::new(bytes)?, count: 0, limit })
    }

    /// Elements open now.
    pub fn depth(&self) -> usize {
        self.tokens.depth()
    }

    /// The next token; `Token::Eof` at the end of the part, when every element is closed.
    #[inline(always)]
    pub fn event(&mut self) -> Result<Token<'a>, String> {
        self.count += 1;
        if self.count > self.limit {
            return Err("XML 部件过大".into());
        }
        let token = self.tokens.next()?;
        if matches!(token, Token::Start(_)) && self.depth() > MAX_DEPTH {
            return Err("XML 嵌套过深".into());
        }
        Ok(token)
    }

    /// The next token inside an open element: the part ending there is incomplete.
    #[inline(always)]
    pub fn next(&mut self) -> Result<Token<'a>, String> {
        match self.event()? {
            Token::Eof => Err(tokens::UNFINISHED.into()),
            token => Ok(token),
        }
    }

    /// Each token inside the element just opened, up to and including its end (which `each` does
    /// not see).
    fn inside(&mut self, mut each: impl FnMut(Token<'a>)) -> Result<(), String> {
        let depth = self.depth();
        loop {
            let token = self.next()?;
            if matches!(token, Token::End(_)) && self.depth() < depth {
                return Ok(());
            }
            each(token);
        }
    }

    /// Passes over the rest of an element just opened, telling whether a picture (a drawing, a
    /// VML picture, an embedded object) is somewhere inside it.
    pub fn skip(&mut self) -> Result<bool, String> {
        let mut picture = false;
        self.inside(|token| {
            if let Token::Start(t) | Token::Empty(t) = token {
                picture |= opaque(t.local());
            }
        })?;
        Ok(picture)
    }

    /// Passes over the rest of an element just opened whose content matters to no reader.
    pub fn skip_whole(&mut self) -> Result<(), String> {
        self.inside(|_| {})
    }

    /// The text of an element just opened (a run's w:t) added to `out`: its text, character
    /// references and the five named entities, up to its end.
    pub fn text_into(&mut self, out: &mut String) -> Result<(), String> {
        self.inside(|token| match token {
            Token::Text(t) => tokens::text_into(t, out),
            Token::CData(t) => out.push_str(t),
            _ => {}
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every way the event reader ends a part it cannot read, with its reason.
    fn read_all(bytes: &[u8]) -> Result<usize, String> {
        let mut ev = Events::new(bytes)?;
        let mut n = 0;
        loop {
            let e = ev.event()?;
            if let Token::Eof = e {
                break;
            }
            if let Token::Start(_) = e {
                let mut s = String::new();
                ev.text_into(&mut s)?;
                n += s.chars().count();
            }
        }
        Ok(n)
    }

    #[test]
    fn events_refuse_what_is_not_whole_utf8_xml() {
        assert_eq!(read_all("<a>文本</a>".as_bytes()), Ok(2));
        assert_eq!(read_all(b"<a>\xff\xfe</a>"), Err("XML 不是 UTF-8 编码".into()));
        assert_eq!(read_all(b"<a><b>x</a>"), Err("XML 结构损坏".into()));
        assert_eq!(read_all("<a>文本".as_bytes()), Err("XML 不完整".into()));
        let deep = format!("{}{}", "<a>".repeat(MAX_DEPTH + 1), "</a>".repeat(MAX_DEPTH + 1));
        assert_eq!(read_all(deep.as_bytes()), Err("XML 嵌套过深".into()));
    }
}
