//! Reading what people type into a return: labels that must be recognised by meaning, and numbers
//! written every way an office writes them (3件, １２, "1,234", 无, —, /).

/// A label reduced to what identifies it: composed (NFC), full-width ASCII folded to half-width, every kind of white
/// space (spaces, U+3000, line breaks) removed, and the look-alike punctuation of numbered items
/// (1、 1． 1.) folded to one form. Two labels that mean the same after this compare equal.
pub fn norm(s: &str) -> String {
    // The same text composed or decomposed (NFC/NFD) is the same label and the same name.
    norm_composed(&nfc(s))
}

/// Text composed (NFC): borrowed as it is when it already is (nearly always).
pub fn nfc(s: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    // Nearly every label is ASCII, CJK and full-width forms, which are composed as they stand: known
    // without a table look-up per character (norm runs on every cell of every return).
    let plain = |c: char| {
        c < '\u{300}'
            || ('\u{3000}'..='\u{3098}').contains(&c)
            || ('\u{309b}'..='\u{d7ff}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
    };
    if s.chars().all(plain) || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.nfc().collect())
    }
}

/// [`norm`] of text already in NFC.
fn norm_composed(s: &str) -> String {
    // Most characters stay as they are: copied a span at a time rather than pushed one by one
    // (a report's paragraphs are long, and pushing a Chinese character encodes it again).
    let mut out = String::with_capacity(s.len());
    let mut kept = 0;
    for (i, ch) in s.char_indices() {
        let c = fold_char(ch);
        let dropped = c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}';
        if c == ch && !dropped {
            continue;
        }
        out.push_str(&s[kept..i]);
        if !dropped {
            out.push(c);
        }
        kept = i + ch.len_utf8();
    }
    out.push_str(&s[kept..]);
    out
}

fn fold_char(ch: char) -> char {
    match ch {
        // Full-width ASCII block: （ ） ： ， ． ０-９ Ａ-Ｚ ／ and friends.
        '－' => '-',
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(ch as u32 - 0xfee0).unwrap_or(ch),
        '\u{3000}' => ' ',
        // Numbered items are written 1、 1. 1． 1，: fold them to one mark.
        '、' => '.',
        '〔' | '【' => '[',
        '〕' | '】' => ']',
        '—' | '–' | '‐' => '-',
        _ => ch,
    }
}

/// Whether normalised text holds any of the words.
pub fn contains_any(hay: &str, needles: &[&str]) -> bool {
    Hay::new(hay).has_any(needles)
}

/// Which characters a text holds, folded into 64 bits (bit: code point % 64). A word with a
/// character whose bit a text lacks is not in that text, so most words tried against a label are
/// ruled out without a search — which, for Chinese in Chinese, compares bytes at almost every
/// character (their UTF-8 encodings begin alike).
pub fn char_mask(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | 1u64 << (c as u32 & 63))
}

/// A text with its [`char_mask`], for trying many words against it.
#[derive(Debug, Clone, Copy)]
pub struct Hay<'a> {
    pub text: &'a str,
    mask: u64,
}

impl<'a> Hay<'a> {
    pub fn new(text: &'a str) -> Hay<'a> {
        Hay { text, mask: char_mask(text) }
    }
    /// For a text whose mask is already known (a grid cell keeps its own).
    pub fn with_mask(text: &'a str, mask: u64) -> Hay<'a> {
        debug_assert_eq!(mask, char_mask(text));
        Hay { text, mask }
    }
    /// `text.contains(word)`, quicker when it is not.
    pub fn has(&self, word: &str) -> bool {
        char_mask(word) & !self.mask == 0 && self.text.contains(word)
    }
    pub fn has_any(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.has(w))
    }
}

/// A label with its item number taken off: "(三)1.属于国家秘密" keeps "属于国家秘密",
/// "三.本年度办理结果" keeps "本年度办理结果". Works on normalised text.
pub fn strip_numbering(s: &str) -> &str {
    let mut rest = s;
    loop {
        let before = rest;
        // (一) (1)
        if let Some(r) = rest.strip_prefix('(') {
            if let Some(end) = r.find(')') {
                if end > 0 && r[..end].chars().all(is_numeral) {
                    rest = &r[end + 1..];
                }
            }
        }
        // 一. 1. 1) 七.
        let n: usize = rest.chars().take_while(|c| is_numeral(*c)).map(char::len_utf8).sum();
        if n > 0 {
            let after = &rest[n..];
            if let Some(a) = after.strip_prefix('.').or_else(|| after.strip_prefix(')')) {
                rest = a;
            } else if let Some(a) = after.strip_prefix(',') {
                rest = a;
            }
        }
        if rest == before {
            return rest;
        }
    }
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十".contains(c)
}

/// The top-level section number a label starts with ("三.开通…" is 3), if any. Bracketed
/// numbers such as "(三)" are sub-items and do not count.
pub fn leading_section(s: &str) -> Option<u32> {
    let n: String = s.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).collect();
    if n.is_empty() || !s[n.len()..].starts_with('.') {
        return None;
    }
    chinese_numeral(&n)
}

pub(crate) fn chinese_numeral(s: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', d] => digit(*d).map(|d| 10 + d),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', d] => Some(digit(*t)? * 10 + digit(*d)?),
        _ => None,
    }
}

/// What a data cell holds once read.
#[derive(Debug, Clone, PartialEq)]
pub enum CellNumber {
    /// A number as typed (3, 3.5, "3件", "１２", "1,234").
    Value(f64),
    /// Blank or a written nothing (无, —, /, 空): the office means 0.
    Zero,
    /// Text that is not a number (见附件, 约3件): stored as typed and reported.
    Unreadable,
}

/// Units agencies append to numbers; a number followed by one of these is still that number.
const UNITS: &[&str] = &["万元", "人次", "元", "件", "个", "条", "次", "篇", "人", "项", "家", "期", "场", "份"];

/// Reads a number the way the office means it. See [`CellNumber`].
pub fn parse_number(raw: &str) -> CellNumber {
    let s = norm(raw);
    if s.is_empty() || matches!(s.as_str(), "无" | "-" | "--" | "/" | "\\" | "空" | "没有" | "暂无" | "——" | "0件")
    {
        return if s == "0件" { CellNumber::Value(0.0) } else { CellNumber::Zero };
    }
    if s.chars().all(|c| c == '-' || c == '/') {
        return CellNumber::Zero;
    }
    let mut body: &str = &s;
    for u in UNITS {
        if let Some(b) = body.strip_suffix(u) {
            body = b;
            break;
        }
    }
    let cleaned: String = body.chars().filter(|c| *c != ',').collect();
    if cleaned.is_empty() || !cleaned.chars().any(|c| c.is_ascii_digit()) {
        return CellNumber::Unreadable;
    }
    if !cleaned.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+') {
        return CellNumber::Unreadable;
    }
    match cleaned.parse::<f64>() {
        Ok(v) => figure_number(v),
        _ => CellNumber::Unreadable,
    }
}

/// Larger than any figure of the report can be (a count of a trillion applications, a fee of a
/// trillion 万元): a cell beyond it holds a typing or a program's error, not a figure.
pub const MAX_FIGURE: f64 = 1e12;

/// A number read from a cell as a figure: ∞, NaN (a workbook can hold `<v>inf</v>`, which a reader
/// takes as infinity) and values beyond [`MAX_FIGURE`] are no figure and are reported as unreadable;
/// −0 is 0.
pub fn figure_number(v: f64) -> CellNumber {
    if v.is_finite() && v.abs() <= MAX_FIGURE {
        // Adding 0 turns −0 into 0 and leaves every other number as it is.
        CellNumber::Value(v + 0.0)
    } else {
        CellNumber::Unreadable
    }
}

/// True for text written as a number that is no valid figure ("inf", "NaN", "1e400", a value beyond
/// [`MAX_FIGURE`]): told 不是有效数字 rather than 不是数字.
pub fn is_invalid_number(raw: &str) -> bool {
    let t = norm(raw).to_ascii_lowercase();
    let t = t.trim_start_matches(['-', '+']);
    matches!(t, "inf" | "infinity" | "nan" | "∞")
        || (t.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '-' | '+' | ','))
            && t.replace(',', "").parse::<f64>().is_ok_and(|v| !v.is_finite() || v.abs() > MAX_FIGURE))
}

/// A column number as Excel letters: 0 → A, 25 → Z, 26 → AA.
pub fn col_letters(col: u32) -> String {
    let mut s = String::with_capacity(3);
    push_col_letters(&mut s, col);
    s
}

fn push_col_letters(out: &mut String, mut col: u32) {
    let mut letters = [0u8; 7];
    let mut n = 0;
    loop {
        letters[n] = b'A' + (col % 26) as u8;
        n += 1;
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.extend(letters[..n].iter().rev().map(|&b| b as char));
}

/// A zero-based (row, column) as an Excel reference: (3, 9) → "J4". Built by hand, not with
/// `format!`: every figure of every return gets one.
pub fn cell_ref(row: u32, col: u32) -> String {
    let mut s = String::with_capacity(8);
    push_col_letters(&mut s, col);
    push_digits(&mut s, u64::from(row) + 1);
    s
}

fn push_digits(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|&b| b as char));
}

/// Text made safe to print on a terminal: control characters (ESC, BEL, C1 codes) and bidirectional
/// controls, which a file name or a cell can carry and which would move the cursor, ring, recolour
/// or reorder what the worker reads, are shown as escapes (`\x1b`, `\u{202e}`). Line breaks and tabs
/// are kept when `keep_lines` (a message of several lines), escaped otherwise (a name is one line).
pub fn terminal_safe(s: &str, keep_lines: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && !(keep_lines && matches!(c, '\n' | '\t')))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
    };
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            c if !unsafe_char(c) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Endings of a place's name at the start of an agency's: 沂源县…, 淄博市…, 张店区…, 山东省….
const PLACE_ENDINGS: &[char] = &['省', '市', '县', '区', '旗'];
/// Words ending like a place that are parts of a county, not another county (园区, 社区, 开发区…).
const NOT_PLACES: &[&str] = &[
    "社区",
    "园区",
    "小区",
    "景区",
    "开发区",
    "示范区",
    "保护区",
    "试验区",
    "实验区",
    "片区",
    "城区",
    "辖区",
    "矿区",
    "林区",
    "牧区",
    "库区",
    "街区",
    "校区",
    "营区",
    "功能区",
    "产业区",
    "管理区",
    "新区",
];

/// The places an agency's name begins with, outermost first: "淄博市沂源县教育局" → [淄博市, 沂源县],
/// "沂源县供销合作社联合社" → [沂源县], "县司法局" and "城市管理局" → [] (a place has at least two
/// characters before its ending, and at most six).
pub fn leading_places(name: &str) -> Vec<String> {
    let chars: Vec<char> = norm(name).chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let end = (start + 2..chars.len().min(start + 7)).find(|k| PLACE_ENDINGS.contains(&chars[*k]));
        let Some(end) = end else { break };
        let place: String = chars[start..=end].iter().collect();
        if NOT_PLACES.iter().any(|w| place.ends_with(w)) {
            break;
        }
        out.push(place);
        start = end + 1;
    }
    out
}

/// The place other than the office's county that a name begins with ("沂源县" in "沂源县供销合作社
/// 联合社" for 示范县), if it names one. A name that names the county itself anywhere (示范县…, or
/// its short name 示范 for a 示范经济开发区) is the county's own.
pub fn other_place(name: &str, county: &str) -> Option<String> {
    let county = norm(county);
    if county.chars().count() < 2 {
        return None;
    }
    let n = norm(name);
    let short: String = county.trim_end_matches(PLACE_ENDINGS).to_string();
    if n.contains(&county) || (short.chars().count() >= 2 && n.contains(&short)) {
        return None;
    }
    leading_places(&n).into_iter().next()
}

/// A number as people read it: 3 not 3.0, 2.5 as 2.5.
pub fn fmt_num(v: f64) -> String {
    // No text the program writes may hold inf or NaN (a figure never is one: see figure_number).
    if !v.is_finite() {
        return "—".into();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        // Whole numbers are nearly every figure: written without the formatting machinery.
        let mut s = String::with_capacity(8);
        if v < 0.0 {
            s.push('-');
        }
        push_digits(&mut s, v.abs() as u64);
        s
    } else {
        let s = format!("{:.4}", v);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// True for characters that must never reach a stored name or an export: control characters
/// (except tab and line breaks), bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069, U+200E/U+200F, U+061C), and invisible format characters (zero-width spaces and
/// joiners, word joiner, BOM). They could reorder a line on screen or hide text.
pub fn is_invisible(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{061c}' | '\u{feff}' | '\u{180e}')
}

/// Text with [`is_invisible`] characters dropped (line breaks kept).
pub fn strip_invisible(s: &str) -> String {
    s.chars().filter(|c| !is_invisible(*c)).collect()
}

/// A name or a setting as kept: invisible characters, line breaks and tabs dropped, trimmed.
pub fn one_line(s: &str) -> String {
    strip_invisible(s).replace(['\n', '\r', '\t'], "").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_found_exactly_where_contains_finds_it() {
        // Every piece of every label against every label: the mask may only rule out words that
        // are not there.
        let labels = [
            "(三)1.属于国家秘密",
            "法律、行政法规禁止公开",
            "结转下年度继续办理",
            "自然人",
            "",
            "其他",
            "政府信息公开工作年度报告",
            "3.危及“三安全一稳定”",
            "Sheet1",
            "微博账号数",
            "𠀀字",
        ];
        for hay in labels.iter().map(|l| norm(l)) {
            let h = Hay::new(&hay);
            for label in labels.iter().map(|l| norm(l)) {
                let chars: Vec<char> = label.chars().collect();
                for i in 0..=chars.len() {
                    for j in i..=chars.len() {
                        let word: String = chars[i..j].iter().collect();
                        assert_eq!(h.has(&word), hay.contains(&word), "{word:?} in {hay:?}");
                    }
                }
            }
        }
        assert!(contains_any("申请人情况", &["无关", "请人"]) && !contains_any("申请人情况", &["无关"]));
    }

    #[test]
    fn labels_fold_to_one_form() {
        assert_eq!(norm("（一）予以 公开\n"), "(一)予以公开");
        assert_eq!(norm("1．属于国家秘密"), "1.属于国家秘密");
        assert_eq!(norm("1、属于国家秘密"), "1.属于国家秘密");
        assert_eq!(norm("统\u{3000}计\u{3000}指\u{3000}标"), "统计指标");
        assert_eq!(strip_numbering("(三)1.属于国家秘密"), "属于国家秘密");
        assert_eq!(strip_numbering("三.本年度办理结果"), "本年度办理结果");
        assert_eq!(strip_numbering("3.其他"), "其他");
        assert_eq!(leading_section("七.政府信息公开会议"), Some(7));
        assert_eq!(leading_section("(一)市政府"), None);
        assert_eq!(chinese_numeral("十二"), Some(12));
    }

    #[test]
    fn numbers_as_offices_write_them() {
        assert_eq!(parse_number("3件"), CellNumber::Value(3.0));
        assert_eq!(parse_number("１２"), CellNumber::Value(12.0));
        assert_eq!(parse_number(" 45.5 "), CellNumber::Value(45.5));
        assert_eq!(parse_number("1,234"), CellNumber::Value(1234.0));
        assert_eq!(parse_number("2.5万元"), CellNumber::Value(2.5));
        assert_eq!(parse_number("-3"), CellNumber::Value(-3.0));
        assert_eq!(parse_number("无"), CellNumber::Zero);
        assert_eq!(parse_number("—"), CellNumber::Zero);
        assert_eq!(parse_number("——"), CellNumber::Zero);
        assert_eq!(parse_number("/"), CellNumber::Zero);
        assert_eq!(parse_number(""), CellNumber::Zero);
        assert_eq!(parse_number("见附件"), CellNumber::Unreadable);
        assert_eq!(parse_number("约3件"), CellNumber::Unreadable);
        assert_eq!(cell_ref(3, 9), "J4");
        assert_eq!(col_letters(26), "AA");
        assert_eq!(fmt_num(3.0), "3");
        assert_eq!(fmt_num(2.5), "2.5");
        // The hand-built forms agree with the formatter's everywhere a return can reach.
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(1_048_575, 16_383), "XFD1048576");
        assert_eq!(col_letters(701), "ZZ");
        assert_eq!(col_letters(702), "AAA");
        for v in [0.0f64, -0.0, 7.0, -12.0, 100.0, 1e14, -999_999_999_999_999.0] {
            assert_eq!(fmt_num(v), format!("{}", v as i64), "{v}");
        }
        assert_eq!((fmt_num(0.5), fmt_num(-3.25), fmt_num(26.4)), ("0.5".into(), "-3.25".into(), "26.4".into()));
    }
}
