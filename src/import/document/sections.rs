//! A report's paragraphs split into its parts: the six parts 一 … 六 and the five parts of 一,
//! recognised by meaning the way the table labels are. A heading may be typed ("一、总体情况"),
//! numbered by Word (the "一、" comes from numbering.xml), run into its body ("（一）主动公开。我局
//! 高度重视……"), bold instead of styled, numbered by mistake ("3、收到和处理…", "（5）监督保障情况"),
//! or not numbered at all. The title and preamble stand before the first part; the tables' captions
//! and notes belong to parts 二 三 四, which are tables and carry no section text.

use super::Para;
use crate::forms::sections::SECTIONS;
use crate::model::{DocSection, Document};
use crate::text::norm;

/// The words that name each part, most specific first.
const PART_WORDS: &[(&str, &[&str])] = &[
    ("二", &["主动公开政府信息情况", "主动公开政府信息"]),
    ("三", &["收到和处理政府信息公开申请", "收到和处理政府信息", "依申请公开政府信息情况"]),
    ("四", &["行政复议、行政诉讼", "行政复议,行政诉讼", "行政复议和行政诉讼", "复议、诉讼情况", "行政复议行政诉讼"]),
    ("五", &["存在的主要问题", "存在问题及改进", "主要问题及改进", "问题和改进", "问题及整改"]),
    ("六", &["其他需要报告", "其他需报告"]),
    ("一", &["总体情况", "基本情况", "基本工作情况", "概述"]),
    ("一（一）", &["主动公开"]),
    ("一（二）", &["依申请公开"]),
    ("一（三）", &["政府信息管理", "信息管理"]),
    ("一（四）", &["平台建设", "公开平台", "平台"]),
    ("一（五）", &["监督保障", "监督检查", "监督与保障"]),
];

/// A numbering prefix and what it is: 1 for 一、 and its slips (3、 3. 三.), 2 for （一） and (5).
fn numbering(s: &str) -> Option<(usize, u8)> {
    let chars: Vec<char> = s.chars().collect();
    let is_num = |c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit();
    if chars.first() == Some(&'(') {
        let close = chars.iter().position(|c| *c == ')')?;
        if (2..=4).contains(&close) && chars[1..close].iter().all(|c| is_num(*c)) {
            let len: usize = chars[..=close].iter().map(|c| c.len_utf8()).sum();
            return Some((len, 2));
        }
        return None;
    }
    let n = chars.iter().take_while(|c| is_num(**c)).count();
    if n == 0 || n > 2 {
        return None;
    }
    match chars.get(n) {
        Some('.') | Some(',') | Some(' ') => {
            let len: usize = chars[..=n].iter().map(|c| c.len_utf8()).sum();
            Some((len, 1))
        }
        _ => None,
    }
}

/// The part a paragraph heads, and the body text that follows the heading in the same paragraph
/// (a run-in heading), or None when the paragraph is body text.
fn heading(p: &Para, seen: &[&str]) -> Option<(&'static str, String)> {
    let full = format!("{}{}", p.number, p.text);
    let n = norm(&full);
    let (num_len, num_level) = numbering(&n).map(|(l, lv)| (l, Some(lv))).unwrap_or((0, None));
    // "四、政府信息公开行政复议…" and "五、政府信息公开工作存在的…" name the part after these words.
    let rest =
        ["政府信息公开工作", "政府信息公开"].iter().find_map(|w| n[num_len..].strip_prefix(w)).unwrap_or(&n[num_len..]);
    let level_of = |key: &str| SECTIONS.iter().find(|d| d.key == key).map(|d| d.level).unwrap_or(1);
    let matches = |(_, ws): &&(&str, &[&str])| ws.iter().any(|w| rest.starts_with(&norm(w)));
    // A （一）-numbered heading is looked for among the parts of 一 first.
    let &(key, words) = match num_level {
        Some(2) => PART_WORDS
            .iter()
            .filter(|(k, _)| level_of(k) == 2)
            .find(matches)
            .or_else(|| PART_WORDS.iter().find(matches))?,
        _ => PART_WORDS.iter().find(matches)?,
    };
    if seen.contains(&key) {
        return None;
    }
    let level = level_of(key);
    // The parts of 一 stand under 一: once a later part has begun, "（二）依申请公开…" is body text.
    if level == 2 && seen.iter().any(|k| level_of(k) == 1 && *k != "一") {
        return None;
    }
    // The heading ends at the first full stop or colon after its words; what follows is body.
    let word_len =
        words.iter().map(|w| norm(w)).filter(|w| rest.starts_with(w.as_str())).map(|w| w.len()).max().unwrap_or(0);
    let after = &rest[word_len..];
    let stop = after.find(['。', ':', '：']).map(|i| (i, after[i..].chars().next().map(char::len_utf8).unwrap_or(0)));
    let heading_tail = stop.map(|(i, _)| &after[..i]).unwrap_or(after);
    let body_norm = stop.map(|(i, l)| &after[i + l..]).unwrap_or("");
    // Body words standing where a heading would ("主动公开政府信息84条……") are not headings.
    let short = heading_tail.chars().count() <= 14;
    let marked = num_level.is_some() || p.bold || p.outline.is_some();
    let alone = body_norm.is_empty() && stop.is_none() && n.chars().count() <= 24;
    if !(short && (marked || alone)) {
        return None;
    }
    // A level-2 part numbered as a level-1 part, or the other way round, is still that part;
    // but a 一（…） part needs 一 before it or a numbering/bold mark, so a stray sentence is not one.
    if level == 2 && num_level.is_none() && !p.bold && p.outline.is_none() && !alone {
        return None;
    }
    let body = if body_norm.is_empty() { String::new() } else { body_after(&full, heading_tail, stop.is_some()) };
    Some((key, body))
}

/// The body of a run-in heading as typed (not normalised): the text after the heading's stop.
fn body_after(full: &str, _heading_tail: &str, has_stop: bool) -> String {
    if !has_stop {
        return String::new();
    }
    match full.find(['。', ':', '：']) {
        Some(i) => full[i..].chars().skip(1).collect::<String>().trim().to_string(),
        None => String::new(),
    }
}

/// Paragraphs that close a page saved from a portal: not part of 六.
fn is_page_footer(text: &str) -> bool {
    let n = norm(text);
    [
        "版权所有",
        "主办单位",
        "承办单位",
        "ICP备",
        "网站标识码",
        "打印本页",
        "关闭窗口",
        "分享到",
        "【打印】",
        "[打印]",
        "扫一扫",
        "政府网站找错",
    ]
    .iter()
    .any(|k| n.contains(k))
}

/// Splits paragraphs into title, preamble and parts.
pub fn split(paras: &[Para]) -> Document {
    let mut doc = Document::default();
    let mut seen: Vec<&'static str> = Vec::new();
    let mut current: Option<(&'static str, Vec<String>, usize, usize)> = None;
    let mut front: Vec<&Para> = Vec::new();
    let close = |doc: &mut Document, cur: Option<(&'static str, Vec<String>, usize, usize)>| {
        if let Some((key, lines, first, last)) = cur {
            let is_table = SECTIONS.iter().any(|d| d.key == key && d.table.is_some());
            let text = lines.join("\n").trim().to_string();
            if !is_table && !text.is_empty() {
                let place =
                    if first == last { format!("第 {first} 段") } else { format!("第 {first}–{last} 段") };
                doc.sections.push(DocSection { key: key.to_string(), text, place });
            }
        }
    };
    for p in paras {
        let line = format!("{}{}", p.number, p.text).trim().to_string();
        // Empty paragraphs, and the 【待撰写：…】 markers of a draft this program exported, are no text.
        if line.is_empty() || (line.starts_with("【待撰写") && line.ends_with('】')) {
            continue;
        }
        if let Some((key, body)) = heading(p, &seen) {
            close(&mut doc, current.take());
            seen.push(key);
            doc.headings.push(key.to_string());
            let lines = if body.is_empty() { Vec::new() } else { vec![body] };
            current = Some((key, lines, p.index, p.index));
            continue;
        }
        match current.as_mut() {
            None => front.push(p),
            Some((_, lines, _, last)) => {
                if is_page_footer(&line) {
                    close(&mut doc, current.take());
                    // Whatever follows the page's footer is not the report.
                    current = Some(("__after", Vec::new(), p.index, p.index));
                    continue;
                }
                lines.push(p.text.trim().to_string());
                *last = p.index;
            }
        }
    }
    if current.as_ref().is_some_and(|c| c.0 != "__after") {
        close(&mut doc, current.take());
    }
    let (title, preamble) = title_and_preamble(&front);
    doc.title = title;
    doc.preamble = preamble;
    doc
}

/// The title: the short lines up to the one that names the report (年度报告); then the preamble.
fn title_and_preamble(front: &[&Para]) -> (String, String) {
    let named = front.iter().position(|p| {
        let n = norm(&p.text);
        (n.contains("年度报告") || n.contains("年报")) && n.chars().count() <= 60 && !n.contains('。')
    });
    match named {
        Some(i) => {
            // Lines above the report's name that are short and unpunctuated are part of the title
            // (the agency's name on a line of its own); a portal's menu above them is not.
            let mut start = i;
            while start > 0 {
                let n = norm(&front[start - 1].text);
                if n.chars().count() > 30
                    || n.contains('。')
                    || n.contains('>')
                    || n.contains("首页")
                    || n.contains("发布时间")
                {
                    break;
                }
                start -= 1;
                if i - start >= 2 {
                    break;
                }
            }
            let title = front[start..=i].iter().map(|p| p.text.trim()).collect::<Vec<_>>().join("");
            let preamble = front[i + 1..]
                .iter()
                .filter(|p| !is_page_meta(&p.text))
                .map(|p| p.text.trim())
                .collect::<Vec<_>>()
                .join("\n");
            (title, preamble)
        }
        None => (String::new(), front.iter().map(|p| p.text.trim()).collect::<Vec<_>>().join("\n")),
    }
}

/// The page's own lines under a title: 发布时间, 来源, 字号 大 中 小, 浏览次数.
fn is_page_meta(text: &str) -> bool {
    let n = norm(text);
    ["发布时间", "发布日期", "来源:", "字号", "浏览次数", "阅读次数", "【大", "[大"].iter().any(|k| n.contains(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(i: usize, number: &str, text: &str) -> Para {
        Para { text: text.into(), number: number.into(), bold: false, outline: None, index: i }
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
}
