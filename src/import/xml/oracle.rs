//! The scanner's yardstick, for the tests and the `xml` fuzz target only (the `oracle` feature,
//! which the tests and the fuzz workspace turn on): the tokens of a part against quick-xml's events.

use super::tokens::{attr_value, is_space, reference, text_into, Attrs, Tag, Token, Tokens, NOT_UTF8};

/// The tokens of a part against quick-xml's events, for the tests and the `xml` fuzz target: where
/// quick-xml reads a part, the scanner reads it to the same elements, attributes and text. Where
/// quick-xml refuses a part, the scanner may still read it (a stray "< /x >" is to it an element no
/// reader looks for), but only with every element closed by its own end tag, which it checks
/// itself. `Err` says where they part.
pub fn agree_with_quick_xml(bytes: &[u8]) -> Result<(), String> {
    let mut ours = scanned(bytes);
    let mut theirs = parsed(bytes);
    // A tag whose attributes one reader finds malformed: the other's reading of them is not compared
    // (no reader here looks at attributes other than Word's own, which are always well formed).
    if let (Ok(a), Ok(b)) = (&mut ours, &mut theirs) {
        for (x, y) in a.iter_mut().zip(b.iter_mut()) {
            if let (Seen::Start(_, p) | Seen::Empty(_, p), Seen::Start(_, q) | Seen::Empty(_, q)) = (x, y) {
                if p.is_none() || q.is_none() {
                    (*p, *q) = (None, None);
                }
            }
        }
    }
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) if a == b => Ok(()),
        (Err(_), Err(_)) | (Ok(_), Err(Refused::Syntax)) => Ok(()),
        // quick-xml passes over a UTF-16 byte order mark; such a part is no UTF-8 to the scanner.
        (Err(NOT_UTF8), Ok(_)) if bytes.starts_with(b"\xfe\xff") || bytes.starts_with(b"\xff\xfe") => Ok(()),
        (Ok(a), Ok(b)) => {
            let at = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
            Err(format!("第 {at} 个事件不同：{:?} / {:?}", a.get(at), b.get(at)))
        }
        _ => Err(format!("一方拒收：扫描 {:?} / quick-xml {:?}", ours.map(|v| v.len()), theirs.map(|v| v.len()))),
    }
}

/// Why quick-xml refused a part: its elements do not nest (the scanner must refuse it too), or a
/// construct is written in a way it does not take.
#[derive(Debug)]
enum Refused {
    Nesting,
    Syntax,
}

/// An event as both readers give it: text merged and resolved, attributes resolved.
#[derive(Debug, PartialEq)]
pub(super) enum Seen {
    Start(String, Option<Vec<(String, String)>>),
    Empty(String, Option<Vec<(String, String)>>),
    End(String),
    Text(String),
}

fn push_text(out: &mut Vec<Seen>, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Seen::Text(t)) => t.push_str(text),
        _ => out.push(Seen::Text(text.to_string())),
    }
}

pub(super) fn scanned(bytes: &[u8]) -> Result<Vec<Seen>, &'static str> {
    let mut tokens = Tokens::new(bytes)?;
    let mut out = Vec::new();
    // All of a tag's attributes, or none where one is malformed or repeated (as quick-xml).
    let attrs = |t: &Tag| {
        let mut it = Attrs { rest: t.attrs };
        let all: Vec<(String, String)> =
            it.by_ref().map(|(k, v)| (k.to_string(), attr_value(v).into_owned())).collect();
        let repeated = all.iter().enumerate().any(|(i, (k, _))| all[..i].iter().any(|(o, _)| o == k));
        (it.rest.trim_matches(is_space).is_empty() && !repeated).then_some(all)
    };
    loop {
        match tokens.next()? {
            Token::Start(t) => out.push(Seen::Start(t.name.to_string(), attrs(&t))),
            Token::Empty(t) => out.push(Seen::Empty(t.name.to_string(), attrs(&t))),
            Token::End(n) => out.push(Seen::End(n.to_string())),
            Token::Text(t) => {
                let mut s = String::new();
                text_into(t, &mut s);
                push_text(&mut out, &s);
            }
            Token::CData(t) => push_text(&mut out, t),
            Token::Eof => return Ok(out),
        }
    }
}

fn parsed(bytes: &[u8]) -> Result<Vec<Seen>, Refused> {
    use quick_xml::events::{BytesStart, Event};
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let (mut out, mut depth) = (Vec::new(), 0usize);
    let attrs = |e: &BytesStart| {
        e.attributes()
            .map(|a| {
                let a = a.ok()?;
                let v =
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(|v| v.into_owned()).unwrap_or_default();
                Some((String::from(AsRef::<str>::as_ref(&a.key)), v))
            })
            .collect::<Option<Vec<_>>>()
    };
    loop {
        let refused = |e: quick_xml::Error| {
            use quick_xml::errors::IllFormedError::{MismatchedEndTag, MissingEndTag, UnmatchedEndTag};
            match e {
                quick_xml::Error::IllFormed(MismatchedEndTag { .. } | MissingEndTag(_) | UnmatchedEndTag(_)) => {
                    Refused::Nesting
                }
                _ => Refused::Syntax,
            }
        };
        match reader.read_event().map_err(refused)? {
            Event::Start(e) => {
                depth += 1;
                out.push(Seen::Start(String::from(AsRef::<str>::as_ref(&e.name())), attrs(&e)));
            }
            Event::Empty(e) => out.push(Seen::Empty(String::from(AsRef::<str>::as_ref(&e.name())), attrs(&e))),
            Event::End(e) => {
                depth = depth.checked_sub(1).ok_or(Refused::Nesting)?;
                out.push(Seen::End(String::from(AsRef::<str>::as_ref(&e.name()))));
            }
            Event::Text(t) => push_text(&mut out, &t.xml10_content()),
            Event::CData(t) => push_text(&mut out, &t.into_inner()),
            Event::GeneralRef(r) => {
                let c = r.resolve_char_ref().ok().flatten().or_else(|| reference(AsRef::<str>::as_ref(&*r)));
                push_text(&mut out, &c.map(String::from).unwrap_or_default());
            }
            Event::DocType(_) => return Err(Refused::Syntax),
            Event::Eof if depth > 0 => return Err(Refused::Nesting),
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// Every token of a part read by the scanner; how many (the benchmark times it against
/// [`quick_xml_count`] on the same parts).
pub fn scanner_count(bytes: &[u8]) -> usize {
    let Ok(mut tokens) = Tokens::new(bytes) else { return 0 };
    let mut n = 0;
    while let Ok(t) = tokens.next() {
        if matches!(t, Token::Eof) {
            break;
        }
        n += 1;
    }
    n
}

/// Every event of a part read by quick-xml's reader, names checked as the scanner checks them;
/// how many.
pub fn quick_xml_count(bytes: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut n = 0;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Eof) | Err(_) => break,
            Ok(_) => n += 1,
        }
        buf.clear();
    }
    n
}
