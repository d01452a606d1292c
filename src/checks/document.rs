//! Reviewing a report document as the office does (年报审核): its parts and their order, the
//! 统计期限 sentence, the title, the statements its figures call for, its words against its own
//! tables; and a document's tables against the agency's Excel return of the same year.
//! Each message is worded as the office would write it back to the agency.

use super::likeness::likeness;
use crate::forms::sections::{SectionDef, SECTIONS};
use crate::forms::{self, Format};
use crate::model::{Document, Finding, Return, Rule};
use crate::text::{fmt_num, norm};

/// Every review rule on a report document (none for a workbook).
pub fn review(ret: &Return) -> Vec<Finding> {
    let Some(doc) = &ret.document else { return Vec::new() };
    let mut out = Vec::new();
    // The whole text as the rules compare it, normalized once for all of them.
    let text = norm(&doc.full_text());
    report_parts(ret, doc, &mut out);
    reporting_period(ret, &text, &mut out);
    report_title(ret, doc, &mut out);
    required_statements(ret, &text, &mut out);
    own_words(ret, doc, &mut out);
    super::five::part_five(ret, doc, &mut out);
    outdated_basis(ret, &text, &mut out);
    out
}

/// A report for 2021 or later that still cites 国办公开办函〔2019〕60号 as its basis (the number
/// with its issuer: a county's own 示政办发〔2019〕60号 is another document), and any report citing
/// the repealed 2007 条例 (国务院令第492号).
fn outdated_basis(ret: &Return, text: &str, out: &mut Vec<Finding>) {
    let year = ret.year.unwrap_or(0);
    let cites_60 = ["[2019]60号", "(2019)60号", "2019年60号"].iter().any(|w| {
        text.match_indices(w).any(|(i, _)| {
            let before: String = text[..i].chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
            before.contains("公开办函") || before.ends_with("公开办")
        })
    });
    if year >= 2021 && cites_60 {
        out.push(Finding::about(
            Rule::OutdatedBasis,
            format!(
                "{year}年度报告仍以国办公开办函〔2019〕60号为依据，该格式已由国办公开办函〔2021〕30号取代，请按新格式编制并修改依据表述。"
            ),
        ));
    }
    if year >= 2019 && (text.contains("国务院令第492号") || text.contains("国务院令492号")) {
        out.push(Finding::about(
            Rule::OutdatedBasis,
            "报告仍以2007年的《中华人民共和国政府信息公开条例》（国务院令第492号）为依据，该条例已由2019年修订的《条例》（国务院令第711号）取代，请修改依据表述。".into(),
        ));
    }
}

/// The words that show 总体情况 covers each of its topics, whatever its headings.
const TOPIC_WORDS: &[(&str, &[&str])] = &[
    ("一（一）", &["主动公开"]),
    ("一（二）", &["依申请", "公开申请"]),
    ("一（三）", &["信息管理", "清理", "公开属性", "保密审查", "源头认定"]),
    ("一（四）", &["平台", "网站", "政务新媒体", "公开专栏", "公开专区", "信息公开栏"]),
    ("一（五）", &["监督", "考核", "培训", "保障", "责任追究", "社会评议"]),
];

/// The parts the year's format asks for: 一 with （一）…（五） (2021 format), the tables, 五, 六.
fn expected_parts(format: Format) -> Vec<&'static SectionDef> {
    SECTIONS.iter().filter(|d| format == Format::Gov2021 || d.level == 1).collect()
}

/// A part missing, or standing out of the format's order.
fn report_parts(ret: &Return, doc: &Document, out: &mut Vec<Finding>) {
    let expected = expected_parts(ret.format);
    // 一's （一）…（五） are the topics 总体情况 "主要包括" (30号), not headings it must carry: one is
    // missing only when no words of 一 cover it.
    let overview: String = doc
        .sections
        .iter()
        .filter(|s| s.key == "一" || s.key.starts_with("一（"))
        .map(|s| crate::text::norm(&s.text))
        .collect();
    let covered = |key: &str| {
        TOPIC_WORDS.iter().find(|(k, _)| *k == key).is_some_and(|(_, words)| words.iter().any(|w| overview.contains(w)))
    };
    let missing: Vec<&str> = expected
        .iter()
        .filter(|d| {
            let headed = doc.headings.iter().any(|h| h == d.key);
            !(headed || d.level == 2 && covered(d.key))
        })
        .map(|d| d.title)
        .collect();
    if !missing.is_empty() {
        out.push(Finding::about(
            Rule::ReportParts,
            format!(
                "报告缺少{}部分（按{}，年度报告应包括这些部分）。",
                missing.iter().map(|t| format!("“{t}”")).collect::<Vec<_>>().join("、"),
                ret.format.name()
            ),
        ));
    }
    let index = |k: &str| SECTIONS.iter().position(|d| d.key == k).unwrap_or(0);
    for pair in doc.headings.windows(2) {
        if index(&pair[1]) < index(&pair[0]) {
            let title = |k: &str| SECTIONS.iter().find(|d| d.key == k).map(|d| d.title).unwrap_or("");
            out.push(Finding::about(
                Rule::ReportParts,
                format!(
                    "报告中“{}”排在“{}”之后，顺序与年度报告格式不一致，请按格式调整。",
                    title(&pair[1]),
                    title(&pair[0])
                ),
            ));
            break;
        }
    }
}

/// The 统计期限 sentence: present, and naming the report's year.
fn reporting_period(ret: &Return, text: &str, out: &mut Vec<Finding>) {
    let Some(year) = ret.year else { return };
    let Some(sentence) = crate::forms::sections::period_sentence(text) else {
        out.push(Finding::about(
            Rule::ReportingPeriod,
            format!("报告没有写明数据的统计期限（如“本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止”），请补充。"),
        ));
        return;
    };
    let years: Vec<i32> = (0..sentence.len())
        .filter(|i| sentence.is_char_boundary(*i))
        .filter_map(|i| {
            sentence[i..]
                .get(..4)
                .filter(|y| y.starts_with("20") && y.chars().all(|c| c.is_ascii_digit()))
                .and_then(|y| y.parse().ok())
        })
        .collect();
    if let Some(other) = years.iter().find(|y| **y != year) {
        out.push(Finding::about(
            Rule::ReportingPeriod,
            format!("报告的统计期限写的是 {other} 年，但这是 {year} 年的年度报告，请改为“自{year}年1月1日起至{year}年12月31日止”。"),
        ));
    }
}

/// The title names the agency and the year.
fn report_title(ret: &Return, doc: &Document, out: &mut Vec<Finding>) {
    let title = norm(&doc.title);
    let mut lacking = Vec::new();
    if let Some(y) = ret.year {
        if !title.contains(&format!("{y}年")) && !title.contains(&format!("{y}年度")) {
            lacking.push(format!("年度（{y}年）"));
        }
    }
    if let Some(a) = &ret.agency {
        if !title.contains(&norm(a)) {
            lacking.push(format!("单位名称（{a}）"));
        }
    }
    // The title wins where the 落款 names another agency; the office asks which is right.
    let signed = norm(&doc.signed_by);
    if let Some(a) = ret.agency.as_deref().map(norm).filter(|a| !signed.is_empty() && !a.contains(&signed)) {
        if !signed.contains(&a) {
            out.push(Finding::about(
                Rule::ReportTitle,
                format!(
                    "报告标题写的单位是“{}”，落款却是“{}”，两处应一致，请核实。",
                    ret.agency.as_deref().unwrap_or_default(),
                    doc.signed_by.trim()
                ),
            ));
        }
    }
    if !lacking.is_empty() {
        let shown = if doc.title.trim().is_empty() {
            "（没有标题）".to_string()
        } else {
            format!("“{}”", doc.title.trim())
        };
        out.push(Finding::about(
            Rule::ReportTitle,
            format!(
                "报告标题{shown}没有写明{}，标题应为“单位名称＋年度＋政府信息公开工作年度报告”。",
                lacking.join("和")
            ),
        ));
    }
}

/// The 信息处理费 statement (2021 format, 国办函〔2020〕109号): the report says whether it charged
/// the fee, where it states fees (usually 六) — another "收费" (a 收费目录清单 under 主动公开) is not
/// it — and does not say it sent no fee notice where 表三 （六）2 counts applications dropped for an
/// unpaid one. Zero 复议/诉讼 or zero 申请 need no prose: 30号 asks none, the tables say it.
fn required_statements(ret: &Return, text: &str, out: &mut Vec<Finding>) {
    if ret.format != Format::Gov2021 {
        return;
    }
    if !text.contains("信息处理费") {
        out.push(Finding::about(
            Rule::RequiredStatement,
            "报告没有说明收取信息处理费的情况，请在“六、其他需要报告的事项”中写明（没有收取也应写明“未收取信息处理费”）。".into(),
        ));
        return;
    }
    let unpaid = ret.value("apply.other_no_fee.total").unwrap_or(0.0);
    if unpaid > 0.0 && ["未发出收费通知", "未发出信息处理费缴费通知", "未发出缴费通知"].iter().any(|k| text.contains(k))
    {
        out.push(Finding::about(
            Rule::RequiredStatement,
            format!(
                "表三“（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用”填了 {} 件，但报告说未发出收费通知，请核对。",
                crate::text::fmt_num(unpaid)
            ),
        ));
    }
}

/// The agency's own words against its own tables (the rule "text and figures").
fn own_words(ret: &Return, doc: &Document, out: &mut Vec<Finding>) {
    if ret.tables.is_empty() {
        return;
    }
    for s in &doc.sections {
        if let Some(def) = SECTIONS.iter().find(|d| d.key == s.key) {
            out.extend(super::words::text_findings(def, &s.text, ret));
        }
    }
}

/// Every figure on which the agency's Excel return and its report document's tables differ, each
/// finding naming both places.
pub fn compare(workbook: &Return, document: &Return) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in &document.figures {
        let Some(w) = workbook.figure(&d.id) else { continue };
        let same = match (w.value, d.value) {
            (Some(a), Some(b)) => (a - b).abs() <= 1e-6,
            (None, None) => w.raw.trim() == d.raw.trim(),
            _ => false,
        };
        if same {
            continue;
        }
        let label = forms::def(&d.id, workbook.format).map(|x| x.describe()).unwrap_or_else(|| d.id.clone());
        let shown = |f: &crate::model::Figure| match f.value {
            Some(v) => fmt_num(v),
            None => format!("“{}”", f.raw),
        };
        out.push(Finding {
            rule: Rule::ReturnDocument,
            cells: vec![d.id.clone()],
            refs: vec![format!("{}!{}", w.sheet, w.cell), format!("{}!{}", d.sheet, d.cell)],
            message: format!(
                "{label}：Excel 报表“{}”填的是 {}（{}!{}），报告“{}”中的表格是 {}（{} {}），两处应一致。",
                workbook.file,
                shown(w),
                w.sheet,
                w.cell,
                document.file,
                shown(d),
                d.sheet,
                d.cell
            ),
        });
    }
    out
}

/// How much of a part may be last year's before it is "copied text": 80%, as evaluators use.
pub const COPIED: f64 = 0.8;

/// A document without the sentences the county prescribes (a fixed 六 sentence every agency is to
/// write): copied by nature, so left out before two texts are compared. A sentence is the
/// prescribed one when it is at least 90% alike it, figures masked.
pub fn without_prescribed<'a>(doc: &'a Document, prescribed: &[String]) -> std::borrow::Cow<'a, Document> {
    if prescribed.is_empty() {
        return std::borrow::Cow::Borrowed(doc);
    }
    let mut own = doc.clone();
    for s in &mut own.sections {
        let kept: Vec<&str> = s
            .text
            .split_inclusive(['。', '；', '\n'])
            .filter(|sentence| !prescribed.iter().any(|p| likeness(sentence, p) >= 0.9))
            .collect();
        s.text = kept.concat();
    }
    std::borrow::Cow::Owned(own)
}

/// Each narrative part whose text is at least `threshold` alike the agency's own part of last
/// year, with the sentences that are the same word for word named.
pub fn copied_text(this: &Document, last: &Document, last_year: i32, threshold: f64) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in &this.sections {
        let Some(before) = last.section(&s.key) else { continue };
        // A sentence or two is no report part to judge.
        if norm(&s.text).chars().count() < 40 {
            continue;
        }
        let like = likeness(&s.text, &before.text);
        if like < threshold {
            continue;
        }
        let sentences = |t: &str| -> Vec<String> {
            t.split(['。', '；', '\n']).map(|x| x.trim().to_string()).filter(|x| x.chars().count() >= 10).collect()
        };
        let old = sentences(&before.text);
        let same: Vec<String> = sentences(&s.text).into_iter().filter(|x| old.contains(x)).take(3).collect();
        let title = SECTIONS.iter().find(|d| d.key == s.key).map(|d| d.title).unwrap_or("");
        let named = if same.is_empty() {
            String::new()
        } else {
            format!("相同的句子如：“{}”。", same.join("”“"))
        };
        out.push(Finding::about(
            Rule::CopiedText,
            format!(
                "“{title}”与本单位 {last_year} 年报告的同一部分相似度达 {:.0}%，疑似照搬上年。{named}请如实写明本年度的情况。",
                like * 100.0
            ),
        ));
    }
    out
}

/// Each part whose text is at least `threshold` alike another agency's same part of the year
/// (`others`: each agency's name and report), naming the agency.
pub fn same_text(this: &Document, others: &[(String, Document)], threshold: f64) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in &this.sections {
        let len = norm(&s.text).chars().count();
        if len < 80 {
            continue;
        }
        for (agency, other) in others {
            let Some(o) = other.section(&s.key) else { continue };
            // Texts of very different lengths are not one text: skipped before comparing.
            let olen = norm(&o.text).chars().count();
            if olen * 10 < len * 7 || len * 10 < olen * 7 {
                continue;
            }
            // Texts alike hold mostly the same characters: a 64-bit mask of each rules most out at once.
            let (a, b) = (crate::text::char_mask(&s.text), crate::text::char_mask(&o.text));
            if ((a & b).count_ones() as f64) < 0.7 * (a | b).count_ones() as f64 {
                continue;
            }
            let like = likeness(&s.text, &o.text);
            if like >= threshold {
                let title = SECTIONS.iter().find(|d| d.key == s.key).map(|d| d.title).unwrap_or("");
                out.push(Finding::about(
                    Rule::SameText,
                    format!(
                        "“{title}”与{agency}同一部分的文字相似度达 {:.0}%，疑似相互照搬，请如实写明本单位的情况。",
                        like * 100.0
                    ),
                ));
                break;
            }
        }
    }
    out
}

/// Each part longer than the office's limit for it (characters, spaces not counted).
pub fn length(this: &Document, limits: &[(String, u32)]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (key, max) in limits {
        // A part is the whole part: 一 with its （一）…（五）.
        let sub = format!("{key}（");
        let parts: Vec<&crate::model::DocSection> =
            this.sections.iter().filter(|s| s.key == *key || s.key.starts_with(&sub)).collect();
        if parts.is_empty() {
            continue;
        }
        let n: usize = parts.iter().map(|s| s.text.chars().filter(|c| !c.is_whitespace()).count()).sum();
        if n > *max as usize {
            let title = SECTIONS.iter().find(|d| d.key == key.as_str()).map(|d| d.title).unwrap_or("");
            out.push(Finding::about(Rule::Length, format!("“{title}”有 {n} 字，超过本年规定的 {max} 字，请精简。")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocSection;

    fn one_part(text: &str) -> Document {
        let part = DocSection { key: "一（一）".into(), text: text.into(), place: String::new() };
        Document { sections: vec![part], ..Default::default() }
    }

    /// `n` characters all different, from `from` on (no character pair repeats).
    fn distinct(from: u32, n: u32) -> String {
        (0..n).filter_map(|i| char::from_u32(0x4e00 + from + i * 3)).collect()
    }

    fn other(text: &str) -> Vec<(String, Document)> {
        vec![("某某局".to_string(), one_part(text))]
    }

    /// Another agency's part is compared from 80 characters on, and only where the two lengths are
    /// within 70% of each other: the same text cut to 70% of it is alike (82%) and compared, the same text with
    /// 45% more of its own is a text of its own although 81% alike.
    #[test]
    fn same_text_compares_parts_of_eighty_characters_and_like_lengths() {
        let said = |this: &str, that: &str| same_text(&one_part(this), &other(that), COPIED).len();
        assert_eq!(said(&distinct(0, 80), &distinct(0, 80)), 1);
        assert_eq!(said(&distinct(0, 79), &distinct(0, 79)), 0);
        // 84 is 70% of 120, either way round.
        assert!(likeness(&distinct(0, 120), &distinct(0, 84)) >= COPIED);
        assert_eq!(said(&distinct(0, 120), &distinct(0, 84)), 1, "84 against 120: compared");
        assert_eq!(said(&distinct(0, 84), &distinct(0, 120)), 1, "120 against 84: compared");
        let hundred = distinct(0, 100);
        let longer = format!("{hundred}{}", distinct(400, 45));
        assert!(likeness(&hundred, &longer) >= COPIED);
        assert_eq!(said(&hundred, &longer), 0, "145 against 100: not compared");
        assert_eq!(said(&longer, &hundred), 0, "100 against 145: not compared");
    }

    /// A part of exactly the office's limit is within it (spaces not counted); one character more
    /// is said, with the part's title.
    #[test]
    fn length_counts_to_the_limit_and_names_the_part() {
        let limit = [("一（一）".to_string(), 50)];
        let text = |n: u32| format!("{} {}", distinct(0, 25), distinct(100, n - 25));
        assert!(length(&one_part(&text(50)), &limit).is_empty());
        let over = length(&one_part(&text(51)), &limit);
        let title = SECTIONS.iter().find(|d| d.key == "一（一）").map(|d| d.title).unwrap();
        assert_eq!(over[0].message, format!("“{title}”有 51 字，超过本年规定的 50 字，请精简。"));
    }

    /// A part is judged from 40 characters on: the same 40 characters as last year are copied
    /// text, the same 39 are too short to judge.
    #[test]
    fn copied_text_judges_parts_of_forty_characters_and_more() {
        let forty: String =
            "本机关全年坚持以公开为常态不公开为例外围绕中心工作扎实推进政务公开健全工作机制规范发布流程提高质量"
                .chars()
                .take(40)
                .collect();
        assert_eq!(norm(&forty).chars().count(), 40);
        assert_eq!(copied_text(&one_part(&forty), &one_part(&forty), 2021, COPIED).len(), 1);
        let short: String = forty.chars().take(39).collect();
        assert!(copied_text(&one_part(&short), &one_part(&short), 2021, COPIED).is_empty());
    }

    /// 80% alike is copied text (32 of 40 character pairs each side shared: exactly 0.8); the
    /// sentences named are the identical ones of ten characters and more.
    #[test]
    fn copied_text_from_eighty_percent_naming_whole_sentences() {
        let (this, last) = (distinct(0, 41), format!("{}{}", distinct(0, 33), distinct(500, 8)));
        assert_eq!(likeness(&this, &last), COPIED);
        assert_eq!(copied_text(&one_part(&this), &one_part(&last), 2021, COPIED).len(), 1);
        let (long, short) = (distinct(0, 30), distinct(200, 5));
        let text = format!("{long}。{short}。{}", distinct(300, 20));
        let found = copied_text(&one_part(&text), &one_part(&text), 2021, COPIED);
        assert!(found[0].message.contains(&format!("相同的句子如：“{long}”")), "{}", found[0].message);
        assert!(!found[0].message.contains(&short), "{}", found[0].message);
    }
}
