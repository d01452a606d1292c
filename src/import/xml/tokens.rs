//! XML parts as tokens, scanned by hand. A Word report's body is tens of thousands of tiny
//! elements (a cell's width, a run's font and size around every few characters): a general parser
//! checked each of them as UTF-8 and searched each short text with vector code that only pays off
//! on long ones, and that was most of a report's reading. This scanner checks a part as UTF-8
//! once, finds each tag's end by its quotes, and keeps XML's one rule a reader here relies on:
//! every end tag closes the element open (crossed or stray tags are refused). A DTD is refused
//! (OOXML and OpenDocument parts have none), so no entity is ever defined or expanded. Its reading
//! is tested against quick-xml's on real and mutated parts (tests below, tests/integration/hostile.rs
//! and the `xml` fuzz target).

use std::borrow::Cow;

/// Why a part cannot be read, in a few words for a "damaged" message.
pub(crate) const BROKEN: &str = "XML 结构损坏";
pub(crate) const UNFINISHED: &str = "XML 不完整";
pub(crate) const NOT_UTF8: &str = "XML 不是 UTF-8 编码";
pub(crate) const DTD: &str = "XML 含有文档类型声明";

/// One token of a part.
#[derive(Debug, PartialEq)]
pub(crate) enum Token<'a> {
    Start(Tag<'a>),
    Empty(Tag<'a>),
    /// An end tag, by its qualified name.
    End(&'a str),
    /// Text as written: references not resolved, line ends not normalized.
    Text(&'a str),
    CData(&'a str),
    Eof,
}

/// A start or empty tag: its qualified name and its attributes as written.
#[derive(Debug, PartialEq, Clone, Copy)]
pub(crate) struct Tag<'a> {
    pub name: &'a str,
    pub(super) attrs: &'a str,
}

impl<'a> Tag<'a> {
    /// "p" for "w:p".
    pub fn local(&self) -> &'a str {
        super::local(self.name)
    }

    /// Its attributes, each value resolved as [`Tag::attr`] resolves it, up to the first malformed.
    pub fn attrs(&self) -> impl Iterator<Item = (&'a str, Cow<'a, str>)> {
        Attrs { rest: self.attrs }.map(|(k, v)| (k, attr_value(v)))
    }

    /// An attribute's value by its local name (`val` for w:val), references resolved and white
    /// space normalized as XML does for attributes; an unknown reference makes it empty.
    pub fn attr(&self, local: &str) -> Option<Cow<'a, str>> {
        Attrs { rest: self.attrs }.find(|(k, _)| super::local(k) == local).map(|(_, v)| attr_value(v))
    }
}

/// The `key="value"` pairs of a tag, up to the first that is not one.
pub(super) struct Attrs<'a> {
    pub(super) rest: &'a str,
}

impl<'a> Iterator for Attrs<'a> {
    type Item = (&'a str, &'a str);
    fn next(&mut self) -> Option<Self::Item> {
        let s = self.rest.trim_start_matches(is_space);
        let eq = s.find('=')?;
        let key = s[..eq].trim_end_matches(is_space);
        let after = s[eq + 1..].trim_start_matches(is_space);
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let end = after[1..].find(quote)? + 1;
        if key.is_empty() || key.contains(is_space) {
            return None;
        }
        self.rest = &after[end + 1..];
        Some((key, &after[1..end]))
    }
}

pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// An attribute's value: references resolved, tabs and line ends as spaces.
pub(super) fn attr_value(raw: &str) -> Cow<'_, str> {
    if !raw.contains(['&', '\t', '\r', '\n']) {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(['&', '\t', '\r', '\n']) {
        out.push_str(&rest[..i]);
        if rest.as_bytes()[i] != b'&' {
            // "\r\n" is one line end, one space.
            let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
            out.push(' ');
            rest = &rest[i + skip..];
            continue;
        }
        let Some(end) = rest[i..].find(';') else { return Cow::Borrowed("") };
        match reference(&rest[i + 1..i + end]) {
            Some(c) => out.push(c),
            None => return Cow::Borrowed(""),
        }
        rest = &rest[i + end + 1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// What `&name;` stands for: a character reference or one of XML's five named entities.
pub(crate) fn reference(name: &str) -> Option<char> {
    let code = if let Some(hex) = name.strip_prefix("#x") {
        u32::from_str_radix(hex, 16).ok()?
    } else if let Some(dec) = name.strip_prefix('#') {
        dec.parse().ok()?
    } else {
        return match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        };
    };
    char::from_u32(code).filter(|c| *c != '\0')
}

/// Text as a reader keeps it: references resolved (an unknown one dropped), line ends as "\n".
pub(crate) fn text_into(raw: &str, out: &mut String) {
    let mut rest = raw;
    while let Some(i) = rest.find(['&', '\r']) {
        out.push_str(&rest[..i]);
        if rest.as_bytes()[i] == b'\r' {
            out.push('\n');
            rest = rest[i + 1..].strip_prefix('\n').unwrap_or(&rest[i + 1..]);
            continue;
        }
        match rest[i..].find(';') {
            Some(end) => {
                out.extend(reference(&rest[i + 1..i + end]));
                rest = &rest[i + end + 1..];
            }
            // The scanner refuses a "&" without its ";".
            None => {
                out.push('&');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
}

/// The tokens of a part, with the names of the elements open.
pub(crate) struct Tokens<'a> {
    s: &'a str,
    at: usize,
    open: Vec<&'a str>,
}

impl<'a> Tokens<'a> {
    /// Tokens of a part, which is checked as UTF-8 here, whole.
    pub fn new(bytes: &'a [u8]) -> Result<Tokens<'a>, &'static str> {
        let s = std::str::from_utf8(bytes).map_err(|_| NOT_UTF8)?;
        // A byte order mark is no text.
        let at = if s.starts_with('\u{feff}') { 3 } else { 0 };
        Ok(Tokens { s, at, open: Vec::new() })
    }

    /// Elements open now.
    pub fn depth(&self) -> usize {
        self.open.len()
    }

    /// The next token; `Eof` only where every element is closed.
    pub fn next(&mut self) -> Result<Token<'a>, &'static str> {
        loop {
            let rest = &self.s[self.at..];
            if rest.is_empty() {
                return if self.open.is_empty() { Ok(Token::Eof) } else { Err(UNFINISHED) };
            }
            if !rest.starts_with('<') {
                // A body's texts are a few characters: a plain loop beats a vector search's setup.
                let len = rest.bytes().position(|b| b == b'<').unwrap_or(rest.len());
                let text = &rest[..len];
                // Every "&" starts a reference its ";" ends.
                if text.contains('&') && text.split('&').skip(1).any(|r| !r.contains(';')) {
                    return Err(BROKEN);
                }
                self.at += len;
                return Ok(Token::Text(text));
            }
            let b = rest.as_bytes();
            match b.get(1) {
                Some(b'/') => return self.end_tag(rest),
                // "<?>" opens no instruction (as quick-xml reads it).
                Some(b'?') if rest.starts_with("<?>") => return Err(BROKEN),
                Some(b'?') => self.pass(&rest[2..], "?>").map(|_| self.at += 2)?,
                Some(b'!') if rest.starts_with("<!--") => self.pass(&rest[4..], "-->").map(|_| self.at += 4)?,
                Some(b'!') if rest.starts_with("<![CDATA[") => {
                    let end = rest[9..].find("]]>").ok_or(BROKEN)?;
                    self.at += 9 + end + 3;
                    return Ok(Token::CData(&rest[9..9 + end]));
                }
                Some(b'!') if rest[2..].get(..7).is_some_and(|d| d.eq_ignore_ascii_case("DOCTYPE")) => return Err(DTD),
                Some(b'!') => return Err(BROKEN),
                Some(_) => return self.start_tag(rest),
                None => return Err(BROKEN),
            }
        }
    }

    /// Moves past a comment's or an instruction's end.
    fn pass(&mut self, rest: &str, end: &str) -> Result<(), &'static str> {
        let i = rest.find(end).ok_or(BROKEN)?;
        self.at += i + end.len();
        Ok(())
    }

    /// `</name>`: it must close the element open.
    fn end_tag(&mut self, rest: &'a str) -> Result<Token<'a>, &'static str> {
        let close = rest.bytes().position(|b| b == b'>').ok_or(BROKEN)?;
        // Spaces after the name are no part of it ("</ >" keeps its space, as quick-xml reads it).
        let raw = &rest[2..close];
        let name = Some(raw.trim_end_matches(is_space)).filter(|n| !n.is_empty()).unwrap_or(raw);
        if self.open.pop() != Some(name) {
            return Err(BROKEN);
        }
        self.at += close + 1;
        Ok(Token::End(name))
    }

    /// `<name attrs>` or `<name attrs/>`; a `>` inside a quoted value does not end it.
    fn start_tag(&mut self, rest: &'a str) -> Result<Token<'a>, &'static str> {
        // Tags are a few dozen bytes: a plain loop beats a vector search's setup.
        let b = rest.as_bytes();
        let (mut i, mut quote) = (1, None);
        let close = loop {
            match (b.get(i), quote) {
                (None, _) => return Err(BROKEN),
                (Some(&c), Some(q)) if c == q => quote = None,
                (Some(_), Some(_)) => {}
                (Some(b'>'), None) => break i,
                (Some(&c @ (b'"' | b'\'')), None) => quote = Some(c),
                (Some(_), None) => {}
            }
            i += 1;
        };
        let empty = b[close - 1] == b'/' && close > 1;
        let inner = &rest[1..if empty { close - 1 } else { close }];
        let name_len = inner.find(is_space).unwrap_or(inner.len());
        // An empty name ("<>") is read as quick-xml reads it: an element no reader looks for.
        let name = &inner[..name_len];
        self.at += close + 1;
        let tag = Tag { name, attrs: &inner[name_len..] };
        if empty {
            return Ok(Token::Empty(tag));
        }
        self.open.push(name);
        Ok(Token::Start(tag))
    }
}

#[cfg(test)]
mod tests {
    use super::super::oracle::{agree_with_quick_xml, scanned};
    use super::*;

    /// What Word, WPS and hand-made parts hold: namespaces, a declaration, a byte order mark,
    /// attributes with references and a `>` in quotes, CDATA, comments, instructions, CR LF.
    const PARTS: &[&str] = &[
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:pStyle w:val="1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">一、总体情况 </w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:sectPr/></w:body></w:document>"#,
        "\u{feff}<a x='1' y = \"a&amp;b&#x4e00;&#20108;\" z=\"a>b\"><!-- 注释 <b> --><?pi data?><b>x &lt;&gt;&quot;&apos; y</b><![CDATA[<不是标签>]]></a>",
        "<a b=\"line\r\nend\tx\">第一行\r\n第二行\r第三行</a>",
        "<a><b/><c /><d\n/><e   ></e  ></a>",
        "<a>&unknown;文本&#0;&#xD800;</a>",
        "<a b=\"&unknown;\" c=\"&#65;\">x</a>",
        "<root/><second>after</second>",
    ];

    /// Parts each reader must refuse.
    const BROKEN_PARTS: &[&str] = &[
        "<a><b>x</a></b>",
        "<a>x</b>",
        "</a>",
        "<a>",
        "<a><b",
        "<a b=\"x></a>",
        "<a><!-- 未完",
        "<a><![CDATA[未完</a>",
        "<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>",
        "<a></a ",
    ];

    #[test]
    fn the_scanner_reads_parts_as_quick_xml_does() {
        for p in PARTS {
            assert!(scanned(p.as_bytes()).is_ok(), "{p}");
            assert_eq!(agree_with_quick_xml(p.as_bytes()), Ok(()), "{p}");
        }
        for p in BROKEN_PARTS {
            assert!(scanned(p.as_bytes()).is_err(), "{p}");
            assert_eq!(agree_with_quick_xml(p.as_bytes()), Ok(()), "{p}");
        }
        assert_eq!(scanned(b"<a>\xe4\xb8</a>"), Err(NOT_UTF8));
        // Found by the fuzzer: a UTF-16 mark before text.
        let utf16 = b"\xfe\xffxml version=\"1.0\" openxmlformats.org/officeDocumet=\"a";
        assert_eq!((scanned(utf16), agree_with_quick_xml(utf16)), (Err(NOT_UTF8), Ok(())));
        assert_eq!(scanned(b"<!DOCTYPE a><a/>"), Err(DTD));
    }

    #[test]
    fn text_and_attributes_as_a_reader_keeps_them() {
        let mut t = Tokens::new("<w:pStyle w:val=\"a&amp;b\" other='x'/>".as_bytes()).unwrap();
        let Ok(Token::Empty(tag)) = t.next() else { panic!("an empty tag") };
        assert_eq!((tag.local(), tag.attr("val").as_deref()), ("pStyle", Some("a&b")));
        assert_eq!(tag.attr("other").as_deref(), Some("x"));
        assert_eq!(tag.attr("missing"), None);
        let mut s = String::new();
        text_into("a&amp;b&#x4e00;\r\nc", &mut s);
        assert_eq!(s, "a&b一\nc");
    }

    /// Every part above changed at random places, thousands of times: the two readers agree on
    /// each (a fixed seed, so a failure is the same on every run).
    #[test]
    fn mutated_parts_are_read_alike() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut rand = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        };
        let pieces: &[&[u8]] = &[
            b"<",
            b">",
            b"/",
            b"\"",
            b"'",
            b"&",
            b";",
            b"=",
            b"!",
            b"?",
            b"]]>",
            b"<![CDATA[",
            b"-->",
            b" ",
            b"\r",
            b"&#x41;",
            b"</a>",
            b"<b>",
        ];
        for p in PARTS.iter().chain(BROKEN_PARTS) {
            for _ in 0..1500 {
                let mut b = p.as_bytes().to_vec();
                for _ in 0..1 + rand(3) {
                    let at = rand(b.len() + 1);
                    match rand(3) {
                        0 if !b.is_empty() => {
                            let len = 1 + rand(8).min(b.len() - at.min(b.len() - 1) - 1);
                            let at = at.min(b.len() - 1);
                            b.drain(at..(at + len).min(b.len()));
                        }
                        1 => {
                            let piece = pieces[rand(pieces.len())];
                            b.splice(at..at, piece.iter().copied());
                        }
                        _ => {
                            let from = rand(b.len());
                            let to = (from + rand(16)).min(b.len());
                            let slice = b[from..to].to_vec();
                            b.splice(at.min(b.len())..at.min(b.len()), slice);
                        }
                    }
                }
                assert_eq!(agree_with_quick_xml(&b), Ok(()), "{}", String::from_utf8_lossy(&b));
            }
        }
    }
}
