//! A report's paragraphs split into its parts: the six parts 一 … 六 and the five parts of 一.
//! Parts are known by their structure first: under 一 the numbered sub-headings （一）…（五） (full-
//! or half-width brackets, a bracket missing, run into their paragraph, bold, `<h3>`, Word
//! numbering) are the five parts by their number whatever titles the agency gave them; the words
//! decide only where the numbering is absent, skips or counts other than five (then "1."–"5.",
//! "一是…" leads, bold or lone title lines). The six top parts likewise: by their words, else by
//! their number where the title says what the part is about. The title and preamble stand before
//! the first part; the tables' captions and notes belong to parts 二 三 四, which carry no text; the
//! agency's 落款 (name and date at the end) and the portal's furniture belong to no part.

use super::Para;
use crate::forms::sections::SECTIONS;
use crate::model::{DocSection, Document};
use crate::text::{chinese_numeral, norm};

/// The words that name each part, most specific first.
const PART_WORDS: &[(&str, &[&str])] = &[
    ("二", &["主动公开政府信息情况", "主动公开政府信息"]),
    ("三", &["收到和处理政府信息公开申请", "收到和处理政府信息", "依申请公开政府信息情况"]),
    ("四", &["行政复议、行政诉讼", "行政复议,行政诉讼", "行政复议和行政诉讼", "复议、诉讼情况", "行政复议行政诉讼"]),
    (
        "五",
        &[
            "存在的主要问题",
            "存在问题及改进",
            "存在问题和改进",
            "主要问题及改进",
            "主要问题和改进",
            "问题和改进",
            "问题及整改",
            "存在的不足",
            "存在问题和不足",
        ],
    ),
    ("六", &["其他需要报告", "其他需报告"]),
    ("一", &["总体情况", "基本情况", "基本工作情况", "总体概述", "总体概况", "工作概述", "概述"]),
    ("一（一）", &["主动公开", "政府信息主动公开"]),
    ("一（二）", &["依申请公开", "政府信息依申请公开"]),
    ("一（三）", &["政府信息管理", "信息管理"]),
    ("一（四）", &["平台建设", "公开平台", "平台"]),
    ("一（五）", &["监督保障", "监督检查", "监督与保障"]),
];

const TOP_KEYS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];
const SUB_KEYS: [&str; 5] = ["一（一）", "一（二）", "一（三）", "一（四）", "一（五）"];

/// How a line is numbered: 一、 and 第一部分 (`Top`), （一） (一) 一） (`Sub`), 1. 1、 (`Digit`),
/// 一是 (`Lead`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Num {
    Top(u32),
    Sub(u32),
    Digit(u32),
    Lead(u32),
}

/// The numbering a normalised line starts with: its length in bytes and what it is.
fn numbering(n: &str) -> Option<(usize, Num)> {
    let numeral_len = |s: &str| s.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).count();
    let digit_len = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
    let byte_len = |s: &str, chars: usize| s.chars().take(chars).map(char::len_utf8).sum::<usize>();
    if let Some(r) = n.strip_prefix('第') {
        let k = numeral_len(r);
        let head = byte_len(r, k);
        if k > 0 && (r[head..].starts_with("部分") || r[head..].starts_with('章')) {
            let v = chinese_numeral(&r[..head])?;
            let end = if r[head..].starts_with("部分") { head + "部分".len() } else { head + '章'.len_utf8() };
            let end = end + usize::from(r[end..].starts_with(['.', ',', ':']));
            return Some(('第'.len_utf8() + end, Num::Top(v)));
        }
        return None;
    }
    if let Some(r) = n.strip_prefix('(') {
        let (k, d) = (numeral_len(r), digit_len(r));
        let (len, v) =
            if k > 0 { (byte_len(r, k), chinese_numeral(&r[..byte_len(r, k)])?) } else { (d, r[..d].parse().ok()?) };
        if (k > 0 || (1..=2).contains(&d)) && r[len..].starts_with(')') {
            return Some((1 + len + 1, Num::Sub(v)));
        }
        return None;
    }
    let k = numeral_len(n);
    if (1..=3).contains(&k) {
        let len = byte_len(n, k);
        let v = chinese_numeral(&n[..len])?;
        let rest = &n[len..];
        return match rest.chars().next() {
            Some(')') => Some((len + 1, Num::Sub(v))),
            Some('是') if k == 1 => Some((len + '是'.len_utf8(), Num::Lead(v))),
            Some('.') | Some(',') => Some((len + 1, Num::Top(v))),
            _ => None,
        };
    }
    let d = digit_len(n);
    if (1..=2).contains(&d) {
        let rest = &n[d..];
        let mark = rest.chars().next()?;
        let after = rest.chars().nth(1);
        if matches!(mark, '.' | ',' | ')') && !after.is_some_and(|c| c.is_ascii_digit()) {
            return Some((d + 1, Num::Digit(n[..d].parse().ok()?)));
        }
    }
    None
}

/// One paragraph as the splitter sees it.
struct Line<'a> {
    para: &'a Para,
    /// As typed: Word's number and the text.
    text: String,
    norm: String,
    num: Option<(usize, Num)>,
}

impl Line<'_> {
    fn new(para: &Para, text: String) -> Line<'_> {
        let norm = norm(&text);
        let num = numbering(&norm);
        Line { para, text, norm, num }
    }

    /// The text after the numbering, "政府信息公开(工作)" before a part's words dropped.
    fn rest(&self) -> &str {
        let after = &self.norm[self.num.map(|(l, _)| l).unwrap_or(0)..];
        ["政府信息公开工作", "政府信息公开"].iter().find_map(|w| after.strip_prefix(w)).unwrap_or(after)
    }

    /// The heading's words (up to the first full stop or colon) and where its body begins in `rest`.
    fn tail(&self) -> (&str, Option<usize>) {
        let rest = self.rest();
        match rest.find(['。', ':', '：']) {
            Some(i) => (&rest[..i], Some(i + rest[i..].chars().next().map(char::len_utf8).unwrap_or(0))),
            None => (rest, None),
        }
    }

    fn marked(&self) -> bool {
        self.para.bold || self.para.outline.is_some()
    }

    /// Short enough to be a title: its words before a stop, or the whole line.
    fn titled(&self) -> bool {
        let (tail, stop) = self.tail();
        tail.chars().count() <= 30 && (stop.is_some() || self.marked() || self.rest().chars().count() <= 30)
    }

    /// The body of a run-in heading as typed: the text after the heading's stop.
    fn body(&self) -> String {
        match self.tail().1 {
            Some(_) => match self.text.find(['。', ':', '：']) {
                Some(i) => self.text[i..].chars().skip(1).collect::<String>().trim().to_string(),
                None => String::new(),
            },
            None => String::new(),
        }
    }
}

fn level_of(key: &str) -> u8 {
    SECTIONS.iter().find(|d| d.key == key).map(|d| d.level).unwrap_or(1)
}

/// [`PART_WORDS`] as lines are compared: normalized once, not for every line of every report.
fn part_words() -> &'static [(&'static str, Vec<String>)] {
    static WORDS: std::sync::OnceLock<Vec<(&str, Vec<String>)>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| PART_WORDS.iter().map(|(k, ws)| (*k, ws.iter().map(|w| norm(w)).collect())).collect())
}

/// The top part a line's words name (its words begin the line after its number).
fn words_top(rest: &str) -> Option<&'static str> {
    part_words()
        .iter()
        .filter(|(k, _)| level_of(k) == 1)
        .find(|(_, ws)| ws.iter().any(|w| rest.starts_with(w.as_str())))
        .map(|(k, _)| *k)
}

/// The part of 一 a heading's words name: anywhere in a numbered heading's title, at the start of
/// an unnumbered line (so a sentence such as "主动公开政府信息84条" is not a heading).
fn words_sub(line: &Line, numbered: bool) -> Option<&'static str> {
    let (tail, _) = line.tail();
    let rest = line.rest();
    part_words()
        .iter()
        .filter(|(k, _)| level_of(k) == 2)
        .find(|(_, ws)| {
            ws.iter().any(|w| if numbered { tail.contains(w.as_str()) } else { rest.starts_with(w.as_str()) })
        })
        .map(|(k, _)| *k)
}

/// Whether a top part numbered `key` but titled otherwise may be that part: the tables' parts
/// only when the title says what they hold (an old report's "二、具体工作措施" is not 表二).
fn fits_number(key: &str, tail: &str, tops: &[(usize, &str)]) -> bool {
    match key {
        "一" => tops.is_empty(),
        "二" => tail.contains("主动公开"),
        "三" => tail.contains("申请"),
        "四" => tail.contains("复议") || tail.contains("诉讼"),
        _ => true,
    }
}

/// The top part a line heads, given the top parts found before it.
fn top_key(l: &Line, tops: &[(usize, &'static str)]) -> Option<&'static str> {
    let seen = |k: &str| tops.iter().any(|(_, t)| *t == k);
    let order = |k: &str| TOP_KEYS.iter().position(|t| *t == k).unwrap_or(0);
    let last = tops.last().map(|(_, k)| order(k));
    let in_one = tops.last().is_some_and(|(_, k)| *k == "一");
    let words = words_top(l.rest()).filter(|k| !seen(k));
    match l.num {
        Some((_, Num::Top(n) | Num::Digit(n))) if l.titled() => {
            if words.is_some() {
                return words;
            }
            // A part of 一 numbered as a top part by slip ("3、政府信息管理") stays under 一.
            if in_one && n <= 5 && words_sub(l, true).is_some() {
                return None;
            }
            let key = *TOP_KEYS.get(n.checked_sub(1)? as usize)?;
            let is_top = matches!(l.num, Some((_, Num::Top(_))));
            (is_top && !seen(key) && last.is_none_or(|o| order(key) > o) && fits_number(key, l.tail().0, tops))
                .then_some(key)
        }
        Some(_) => None,
        None => {
            let (tail, stop) = l.tail();
            let alone = stop.is_none() && l.norm.chars().count() <= 24;
            (tail.chars().count() <= 14 && (l.marked() || alone)).then_some(words?)
        }
    }
}

/// Headings of the parts of 一 among `lines[from..to]`: (line, key).
fn sub_parts(lines: &[Line], from: usize, to: usize) -> Vec<(usize, &'static str)> {
    let numbered = |want: fn(Num) -> Option<u32>| -> Vec<(usize, u32)> {
        (from..to)
            .filter_map(|i| lines[i].num.and_then(|(_, n)| want(n)).filter(|_| lines[i].titled()).map(|n| (i, n)))
            .collect()
    };
    let five = |v: &[(usize, u32)]| v.iter().map(|(_, n)| *n).eq(1..=5);
    let by_number = |v: Vec<(usize, u32)>| v.into_iter().map(|(i, n)| (i, SUB_KEYS[n as usize - 1])).collect();
    let subs = numbered(|n| if let Num::Sub(v) = n { Some(v) } else { None });
    if five(&subs) {
        return by_number(subs);
    }
    if subs.is_empty() {
        for want in [(|n| if let Num::Digit(v) = n { Some(v) } else { None }) as fn(Num) -> Option<u32>, |n| {
            if let Num::Lead(v) = n {
                Some(v)
            } else {
                None
            }
        }] {
            let found = numbered(want);
            if five(&found) {
                return by_number(found);
            }
        }
    }
    // The words decide; a numbered heading whose title names no part keeps its number's part.
    let mut out: Vec<(usize, &'static str)> = Vec::new();
    for (i, l) in lines.iter().enumerate().take(to).skip(from) {
        let taken = |k: &str| out.iter().any(|(_, t)| *t == k);
        let key = match l.num {
            // "（一）概述" in a 一 of three sub-parts: 一's own text, keyed by what the title says.
            Some((_, Num::Sub(_))) if l.titled() && words_top(l.tail().0) == Some("一") => {
                out.push((i, "一"));
                continue;
            }
            Some((_, Num::Sub(n))) if l.titled() => words_sub(l, true).filter(|k| !taken(k)).or_else(|| {
                let k = *SUB_KEYS.get(n.checked_sub(1)? as usize)?;
                let after_last =
                    out.last().is_none_or(|(_, t)| SUB_KEYS.iter().position(|s| s == t) < Some(n as usize - 1));
                (!taken(k) && after_last).then_some(k)
            }),
            Some((_, Num::Digit(_) | Num::Top(_))) if l.titled() && subs.is_empty() => words_sub(l, true),
            None => {
                let (tail, stop) = l.tail();
                let alone = stop.is_none() && l.norm.chars().count() <= 24;
                let colon = l.norm.ends_with(':') && l.norm.chars().count() <= 24;
                // A run-in lead: a short sentence naming the topic, then the text ("主动公开全面落实。依托…").
                let lead = stop.is_some() && tail.chars().count() <= 12 && !l.body().is_empty();
                (tail.chars().count() <= 14 && (l.marked() || alone || colon || lead))
                    .then(|| words_sub(l, false))
                    .flatten()
            }
            _ => None,
        };
        if let Some(k) = key.filter(|k| !taken(k)) {
            out.push((i, k));
        }
    }
    out
}

/// Whether a short line (normalised) heads one of the six parts: a table's pieces on either side
/// of it are two tables, not one.
pub(crate) fn heads_a_part(n: &str) -> bool {
    let rest = match numbering(n) {
        Some((len, Num::Top(_))) => return !n[len..].is_empty(),
        Some(_) => return false,
        None => n,
    };
    let rest = ["政府信息公开工作", "政府信息公开"].iter().find_map(|w| rest.strip_prefix(w)).unwrap_or(rest);
    words_top(rest).is_some()
}

/// Paragraphs that close a page saved from a portal, or its attachments' links: not part of 六.
/// `n` is the line's normalized text.
fn is_page_footer(n: &str) -> bool {
    [
        "版权所有",
        "主办单位",
        "承办单位",
        "ICP备",
        "网站标识码",
        "打印本页",
        "关闭窗口",
        "分享到",
        "[打印]",
        "[关闭]",
        "扫一扫",
        "政府网站找错",
        "附件下载",
        "相关附件",
        "下载附件",
        "相关链接",
        "上一篇",
        "下一篇",
        "责任编辑",
    ]
    .iter()
    .any(|k| n.contains(k))
}

/// A 成文日期 on a line of its own: "2024年1月25日", "二〇二四年一月二十五日", "2024-01-25".
fn is_date_line(n: &str) -> bool {
    let len = n.chars().count();
    let digits = n.chars().filter(|c| c.is_ascii_digit() || "〇零一二三四五六七八九十".contains(*c)).count();
    (4..=16).contains(&len)
        && digits * 2 >= len
        && n.chars().all(|c| c.is_ascii_digit() || "〇零一二三四五六七八九十年月日-./".contains(c))
        && (n.contains('年') || n.matches(['-', '.', '/']).count() == 2)
}

/// A signature line: a short name, no sentence.
fn is_name_line(n: &str) -> bool {
    let cjk = n.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
    cjk >= 2 && n.chars().count() <= 40 && !n.contains(['。', ',', ';', ':', '!', '?', '，', '；', '：'])
}

/// The lines of the 落款 at the end (before the page's footer): the date, and the name above it.
fn signature(lines: &[Line], body_from: usize) -> Vec<usize> {
    let end = lines.iter().position(|l| is_page_footer(&l.norm)).unwrap_or(lines.len());
    let Some(last) = (body_from..end).rev().find(|i| !lines[*i].norm.is_empty()) else { return Vec::new() };
    if !is_date_line(&lines[last].norm) {
        return Vec::new();
    }
    match last.checked_sub(1).filter(|i| *i >= body_from && is_name_line(&lines[*i].norm) && lines[*i].num.is_none()) {
        Some(name) => vec![name, last],
        None => vec![last],
    }
}

const LEADS: [&str; 5] = ["一是", "二是", "三是", "四是", "五是"];

/// Run-together parts ("（一）主动公开。……。（二）依申请公开。……" in one paragraph) as one line each.
fn split_run_together(p: &Para) -> Vec<String> {
    let text = format!("{}{}", p.number, p.text).trim().to_string();
    // 一's topics as 一是…五是 in one paragraph: each lead a line, to be keyed as its own part.
    let leads_topics =
        text.contains("主动公开") && text.contains("依申请") && LEADS.iter().filter(|w| text.contains(*w)).count() >= 3;
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(['。', '；']) {
        let after = &text[i + '。'.len_utf8()..];
        let next = after.trim_start();
        let lead = leads_topics && LEADS.iter().any(|w| next.starts_with(w));
        if lead
            || next.starts_with(['（', '(']) && numbering(&norm(&next.chars().take(5).collect::<String>())).is_some()
        {
            let at = text.len() - next.len();
            out.push(text[start..at].trim().to_string());
            start = at;
        }
    }
    out.push(text[start..].trim().to_string());
    out
}

/// A 【待撰写：…】 marker of a draft this program exported.
fn is_draft_marker(t: &str) -> bool {
    t.starts_with("【待撰写") && t.ends_with('】')
}

/// Splits paragraphs into title, preamble, parts and 落款.
pub fn split(paras: &[Para]) -> Document {
    let lines: Vec<Line> = paras
        .iter()
        .flat_map(|p| split_run_together(p).into_iter().map(move |t| (p, t)))
        // Empty paragraphs, and the 【待撰写：…】 markers of a draft this program exported, are no text.
        .filter(|(_, t)| !(t.is_empty() || is_draft_marker(t)))
        .map(|(p, t)| Line::new(p, t))
        .collect();
    let mut tops: Vec<(usize, &'static str)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some(k) = top_key(l, &tops) {
            tops.push((i, k));
        }
    }
    // The parts of 一 stand between 一 (or the start) and the next top part.
    let one = tops.iter().find(|(_, k)| *k == "一").map(|(i, _)| *i);
    let from = one.map(|i| i + 1).unwrap_or(0);
    let to = tops.iter().map(|(i, _)| *i).find(|i| *i >= from).unwrap_or(lines.len());
    let mut heads: Vec<(usize, &'static str)> = tops;
    heads.extend(sub_parts(&lines, from, to));
    heads.sort_by_key(|(i, _)| *i);
    let first_head = heads.first().map(|(i, _)| *i).unwrap_or(lines.len());
    let signed = if heads.is_empty() { Vec::new() } else { signature(&lines, first_head + 1) };
    let mut doc = build(&lines, &heads, &signed);
    let front: Vec<&Line> = lines[..first_head].iter().collect();
    let (title, preamble) = title_and_preamble(&front);
    doc.title = title;
    doc.preamble = preamble;
    if let [.., date] = signed.as_slice() {
        doc.signed_on = lines[*date].text.trim().to_string();
        if signed.len() == 2 {
            doc.signed_by = lines[signed[0]].text.trim().to_string();
        }
    }
    doc
}

/// The parts' texts from their headings; the page's footer and the 落款 belong to none.
/// The text a heading line carries after its heading: after its stop ("（一）主动公开。全年…"); after
/// the part's own title words where the text runs on without one ("一、总体情况2023年，我乡…"); or,
/// where the line is a sentence led by its topic ("（一）在主动公开方面，全年…。"), the sentence.
fn run_in_body(l: &Line, key: &str) -> String {
    let body = l.body();
    if !body.is_empty() {
        return body;
    }
    let title = SECTIONS.iter().find(|d| d.key == key).map(|d| d.title).unwrap_or("");
    let words = title.split_once(['、', '）']).map(|(_, w)| w).unwrap_or(title);
    let after_number = l.text.find(['）', ')', '、']).map(|i| i + l.text[i..].chars().next().map_or(0, char::len_utf8));
    let text = l.text[after_number.unwrap_or(0)..].trim_start();
    if let Some(rest) = text.strip_prefix(words).filter(|_| words.chars().count() >= 2) {
        let rest = rest.trim_start_matches(['，', ',', '：', ':', '。', ' ']).trim();
        if rest.chars().count() > 4 {
            return rest.to_string();
        }
    }
    let (tail, _) = l.tail();
    if l.norm.ends_with('。') && tail.contains(',') && tail.chars().count() > 12 {
        return text.trim().to_string();
    }
    String::new()
}

fn build(lines: &[Line], heads: &[(usize, &'static str)], signed: &[usize]) -> Document {
    let mut doc = Document::default();
    // (key, lines, first paragraph, last paragraph)
    let mut current: Option<(&'static str, Vec<String>, usize, usize)> = None;
    let close = |doc: &mut Document, cur: Option<(&'static str, Vec<String>, usize, usize)>| {
        let Some((key, lines, first, last)) = cur else { return };
        let is_table = SECTIONS.iter().any(|d| d.key == key && d.table.is_some());
        let text = lines.join("\n").trim().to_string();
        if !is_table && !text.is_empty() {
            let place = if first == last { format!("第 {first} 段") } else { format!("第 {first}–{last} 段") };
            doc.sections.push(DocSection { key: key.to_string(), text, place });
        }
    };
    let mut ended = false;
    for (i, l) in lines.iter().enumerate() {
        if let Some((_, key)) = heads.iter().find(|(h, _)| *h == i) {
            // A sub-title of 一 that is 一's own ("（一）概述"): 一 goes on, the sub-title is no text.
            if current.as_ref().is_some_and(|(k, ..)| k == key) {
                continue;
            }
            close(&mut doc, current.take());
            doc.headings.push(key.to_string());
            let body = match l.num {
                // "一是……": the lead is the numbering, the sentence is the part's text.
                Some((_, Num::Lead(_))) if level_of(key) == 2 => l.text.chars().skip(2).collect(),
                _ => run_in_body(l, key),
            };
            let body = body.trim().to_string();
            current = Some((key, if body.is_empty() { Vec::new() } else { vec![body] }, l.para.index, l.para.index));
            continue;
        }
        if ended || signed.contains(&i) {
            continue;
        }
        if let Some((_, text, _, last)) = current.as_mut() {
            // Whatever follows the page's footer is not the report.
            if is_page_footer(&l.norm) {
                close(&mut doc, current.take());
                ended = true;
                continue;
            }
            text.push(l.text.trim().to_string());
            *last = l.para.index;
        }
    }
    close(&mut doc, current.take());
    doc
}

/// Words of a portal's furniture: an accessibility bar, a search box, the article's info block,
/// the breadcrumbs. A line holding one is no title, and a title glued after one starts after it.
pub const FURNITURE: &[&str] = &[
    "长者模式",
    "无障碍浏览",
    "无障碍",
    "关怀版",
    "适老化",
    "热门搜索",
    "热词",
    "搜索",
    "当前位置",
    "您的位置",
    "您现在的位置",
    "首页>",
    "索引号",
    "发布机构",
    "发文机关",
    "主题分类",
    "主题词",
    "信息来源",
    "标题:",
    "名称:",
    "文号",
    "成文日期",
    "发布日期",
    "发布时间",
    "有效性",
];

/// A title line with the portal's furniture before it cut off: "标题:XX2023年…年度报告" → "XX2023年…年度报告".
pub fn without_furniture(text: &str) -> String {
    let mut rest = text.trim();
    loop {
        let n = rest;
        let cut = FURNITURE.iter().filter_map(|w| n.rfind(w).map(|i| i + w.len())).max();
        let Some(at) = cut else { break };
        rest = n[at..].trim_start_matches([':', '：', ' ', '\u{3000}', '>', '|', '/']).trim();
        // After a 发布日期 or 索引号 comes its value: skip to the first CJK character.
        let skip =
            rest.char_indices().find(|(_, c)| ('\u{4e00}'..='\u{9fff}').contains(c)).map(|(i, _)| i).unwrap_or(0);
        rest = &rest[skip..];
    }
    rest.to_string()
}

/// The title: the short lines up to the one that names the report (年度报告); then the preamble.
fn title_and_preamble(front: &[&Line]) -> (String, String) {
    let names_report = |l: &Line| {
        // 年度报告, 年报, or (almost the standard) 政府信息公开工作报告.
        (l.norm.contains("年度报告")
            || l.norm.contains("年报")
            || (l.norm.contains("信息公开") && l.norm.contains("报告")))
            && l.norm.chars().count() <= 90
            && !l.norm.contains('。')
    };
    // The article's own heading (a styled or bold line) over the info block's "标题:" copy.
    let named = front
        .iter()
        .position(|l| names_report(l) && l.marked() && !is_page_meta(&l.norm))
        .or_else(|| front.iter().rposition(|l| names_report(l)));
    let Some(i) = named else {
        let preamble = front.iter().filter(|l| !is_page_meta(&l.norm)).map(|l| l.text.trim()).collect::<Vec<_>>();
        return (String::new(), preamble.join("\n"));
    };
    // Lines above the report's name that are short and unpunctuated are part of the title (the
    // agency's name on a line of its own); a portal's menu or info block above them is not.
    let mut start = i;
    while start > 0 && i - start < 2 {
        let n = &front[start - 1].norm;
        if n.chars().count() > 30 || n.contains(['。', '>', ':']) || is_page_meta(n) || n.contains("首页") {
            break;
        }
        start -= 1;
    }
    let joined = front[start..=i].iter().map(|l| l.text.trim()).collect::<Vec<_>>().join("");
    let title = without_furniture(&joined);
    let preamble = front[i + 1..]
        .iter()
        .filter(|l| !is_page_meta(&l.norm) && !names_report(l))
        .map(|l| l.text.trim())
        .collect::<Vec<_>>()
        .join("\n");
    (title, preamble)
}

/// The page's own lines around a title: 发布时间, 来源, 字号 大 中 小, 浏览次数, the info block.
fn is_page_meta(n: &str) -> bool {
    ["来源:", "字号", "浏览次数", "阅读次数", "访问量", "[大", "【大", "分享"].iter().any(|k| n.contains(k))
        || FURNITURE.iter().any(|k| n.contains(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(i: usize, number: &str, text: &str) -> Para {
        Para { text: text.into(), number: number.into(), bold: false, outline: None, index: i }
    }

    fn split_texts(lines: &[&str]) -> Document {
        let paras: Vec<Para> = lines.iter().enumerate().map(|(i, t)| p(i + 1, "", t)).collect();
        split(&paras)
    }

    #[test]
    fn headings_every_way_they_are_written() {
        let paras = vec![
            p(1, "", "泗水县商务局"),
            p(2, "", "2021年政府信息公开工作年度报告"),
            p(3, "", "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。"),
            p(4, "一、", "总体情况"),
            p(5, "", "2021年，我局认真贯彻落实条例。"),
            p(6, "", "（一）主动公开。我局高度重视主动公开工作。"),
            p(7, "", "主动公开政府信息84条，其中机构职能类2条。"),
            p(8, "", "（二）依申请公开"),
            p(9, "", "全年未收到政府信息公开申请。"),
            p(10, "", "（三）政府信息管理"),
            p(11, "", "加强管理。"),
            p(12, "", "（四）政府信息公开平台建设"),
            p(13, "", "网站建设。"),
            p(14, "", "（5） 监督保障情况"),
            p(15, "", "监督到位。"),
            p(16, "", "二、主动公开政府信息情况"),
            p(17, "", "注：表中数据为本年度数据。"),
            p(18, "", "3、 收到和处理政府信息公开申请情况"),
            p(19, "", "四、政府信息公开行政复议、行政诉讼情况"),
            p(20, "", "五、存在的主要问题及改进情况"),
            p(21, "", "问题一是……"),
            p(22, "", "六、其他需要报告的事项"),
            p(23, "", "本机关未收取信息处理费。"),
            p(24, "", "版权所有：泗水县人民政府"),
        ];
        let d = split(&paras);
        assert_eq!(d.title, "泗水县商务局2021年政府信息公开工作年度报告");
        assert!(d.preamble.contains("统计期限"));
        assert_eq!(
            d.headings,
            ["一", "一（一）", "一（二）", "一（三）", "一（四）", "一（五）", "二", "三", "四", "五", "六"]
        );
        let text = |k: &str| d.section(k).map(|s| s.text.clone()).unwrap_or_default();
        assert_eq!(text("一"), "2021年，我局认真贯彻落实条例。");
        assert_eq!(text("一（一）"), "我局高度重视主动公开工作。\n主动公开政府信息84条，其中机构职能类2条。");
        assert_eq!(text("一（五）"), "监督到位。");
        assert_eq!(text("六"), "本机关未收取信息处理费。");
        assert!(d.section("二").is_none(), "table parts carry no text; their notes are not section text");
        assert_eq!(d.section("一（一）").unwrap().place, "第 6–7 段");
    }

    #[test]
    fn numbered_parts_are_known_by_their_number_whatever_their_titles() {
        let d = split_texts(&[
            "一、总体情况",
            "2023年，我局扎实推进政务公开。",
            "(一) 扎实推进主动公开。全年主动公开信息120条。",
            "（二）依法规范办理",
            "全年收到申请3件。",
            "三）健全制度机制，规范信息管理",
            "制度健全。",
            "（四）加强阵地建设方面",
            "网站运行平稳。",
            "（五）回应关切，接受监督",
            "开展评议。",
            "二、主动公开政府信息情况",
            "五、存在问题和改进措施",
            "人员不足；下一步加强培训。",
            "六、其他需要报告的事项",
            "未收取信息处理费。",
            "沂水县应急管理局",
            "2024年1月25日",
        ]);
        assert_eq!(d.headings, ["一", "一（一）", "一（二）", "一（三）", "一（四）", "一（五）", "二", "五", "六"]);
        assert_eq!(d.section("一（一）").unwrap().text, "全年主动公开信息120条。");
        assert_eq!(d.section("一（三）").unwrap().text, "制度健全。");
        assert_eq!(d.section("一（五）").unwrap().text, "开展评议。");
        assert_eq!(d.section("六").unwrap().text, "未收取信息处理费。", "the 落款 is no text of 六");
        assert_eq!((d.signed_by.as_str(), d.signed_on.as_str()), ("沂水县应急管理局", "2024年1月25日"));
    }

    #[test]
    fn sub_parts_as_digits_leads_run_together_or_by_words() {
        let digits = split_texts(&[
            "一、总体概述",
            "1.主动公开方面。公开信息50条。",
            "2.依申请公开方面。未收到申请。",
            "3.制度建设。制度健全。",
            "4.阵地建设。网站平稳。",
            "5.监督考核。考核到位。",
            "二、主动公开政府信息情况",
        ]);
        assert_eq!(digits.headings[..6], ["一", "一（一）", "一（二）", "一（三）", "一（四）", "一（五）"]);
        assert_eq!(digits.section("一（四）").unwrap().text, "网站平稳。");
        let run = split_texts(&[
            "一、总体情况",
            "（一）主动公开。公开50条。（二）依申请公开。未收到申请。（三）政府信息管理。健全。（四）平台建设。平稳。（五）监督保障。到位。",
            "二、主动公开政府信息情况",
        ]);
        assert_eq!(run.section("一（三）").unwrap().text, "健全。");
        assert_eq!(run.section("一（五）").unwrap().text, "到位。");
        // Four numbered parts: the words decide, and 一（三） is missing, not invented.
        let four = split_texts(&[
            "一、总体情况",
            "（一）主动公开",
            "公开50条。",
            "（二）依申请公开",
            "未收到。",
            "（三）平台建设",
            "平稳。",
            "（四）监督保障",
            "到位。",
        ]);
        assert_eq!(four.headings, ["一", "一（一）", "一（二）", "一（四）", "一（五）"]);
        // An old report's 二、具体工作措施 is not 表二; its text stays under 一.
        let old = split_texts(&[
            "一、基本工作情况",
            "概况。",
            "二、具体工作措施",
            "措施。",
            "三、存在的不足以及整改措施",
            "不足。",
        ]);
        assert_eq!(old.headings, ["一", "五"]);
        assert!(old.section("一").unwrap().text.contains("措施。"));
    }

    #[test]
    fn numbering_as_offices_type_it() {
        let n = |s: &str| numbering(&norm(s)).map(|(_, k)| k);
        assert_eq!(n("（三）政府信息管理"), Some(Num::Sub(3)));
        assert_eq!(n("(一) 扎实推进"), Some(Num::Sub(1)));
        assert_eq!(n("三）健全制度"), Some(Num::Sub(3)));
        assert_eq!(n("（5） 监督保障"), Some(Num::Sub(5)));
        assert_eq!(n("五、存在问题"), Some(Num::Top(5)));
        assert_eq!(n("第二部分 主动公开"), Some(Num::Top(2)));
        assert_eq!(n("3、收到和处理"), Some(Num::Digit(3)));
        assert_eq!(n("二是加强平台"), Some(Num::Lead(2)));
        assert_eq!(n("1.5万条信息"), None);
        assert_eq!(n("2021年，我局"), None);
        assert_eq!(n("一年来，我局"), None);
    }

    #[test]
    fn portal_furniture_is_no_title() {
        assert_eq!(
            without_furniture("长者模式 无障碍浏览 热词：营商环境沂水县应急管理局2023年政府信息公开工作年度报告"),
            "营商环境沂水县应急管理局2023年政府信息公开工作年度报告"
        );
        assert_eq!(without_furniture("标题:沂水县应急管理局2023年度报告"), "沂水县应急管理局2023年度报告");
        assert_eq!(without_furniture("发布日期：2024-01-25 沂水县报告"), "沂水县报告");
        assert!(is_date_line(&norm("2024年1月25日")) && is_date_line(&norm("二〇二四年一月二十五日")));
        assert!(!is_date_line(&norm("2024年全县共公开信息")));
    }
}
