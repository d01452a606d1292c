//! The rule "text and figures": wherever a sentence of the report states a number the tables also
//! hold (收到政府信息公开申请 12 件, 未收到……申请), the number must be the table's.

use crate::forms::sections::SectionDef;
use crate::model::{Finding, Return, Rule};
use crate::text::{fmt_num, norm};

fn sum(r: &Return, ids: &[&str]) -> f64 {
    ids.iter().map(|id| r.value(id).unwrap_or(0.0)).sum()
}

/// The parts whose words a table's figures answer for: a sentence is compared only with the table
/// of its own part ("予以公开56条" under 主动公开 is no 表三 figure). 一's own text sums up all.
const APPLY_PARTS: &[&str] = &["一", "一（二）", "三"];
const REVIEW_PARTS: &[&str] = &["一", "一（二）", "一（五）", "四"];
const ACTIVE_PARTS: &[&str] = &["一", "一（一）", "二"];

/// A number a text states that the tables also hold.
struct Stated {
    /// The words right before the number.
    words: &'static str,
    /// The figures whose sum it must equal.
    ids: &'static [&'static str],
    /// What the figure is called in a message.
    name: &'static str,
    /// The unit the tables count it in: a number in another unit is another thing.
    unit: char,
    parts: &'static [&'static str],
}

const fn stated(
    words: &'static str,
    ids: &'static [&'static str],
    name: &'static str,
    unit: char,
    parts: &'static [&'static str],
) -> Stated {
    Stated { words, ids, name, unit, parts }
}

const STATED: &[Stated] = &[
    stated("收到政府信息公开申请", &["apply.new.total"], "表三“本年新收政府信息公开申请数量”总计", '件', APPLY_PARTS),
    stated(
        "上年结转政府信息公开申请",
        &["apply.carried.total"],
        "表三“上年结转政府信息公开申请数量”总计",
        '件',
        APPLY_PARTS,
    ),
    stated("办理完结", &["apply.total.total"], "表三“（七）总计”", '件', APPLY_PARTS),
    stated("予以公开", &["apply.open.total"], "表三“（一）予以公开”总计", '件', APPLY_PARTS),
    stated("部分公开", &["apply.partial.total"], "表三“（二）部分公开”总计", '件', APPLY_PARTS),
    stated("结转下年度继续办理", &["apply.carry_forward.total"], "表三“结转下年度继续办理”总计", '件', APPLY_PARTS),
    stated("被申请行政复议", &["review.reconsideration.total"], "表四“行政复议”总计", '件', REVIEW_PARTS),
    stated("被提起行政诉讼", LITIGATION, "表四“行政诉讼”两项总计之和", '件', REVIEW_PARTS),
    stated("主动公开政府信息", &["stats.active.total"], "统计表“主动公开政府信息数”", '条', ACTIVE_PARTS),
];

const RECONSIDERATION: &[&str] = &["review.reconsideration.total"];
const LITIGATION: &[&str] = &["review.litigation_direct.total", "review.litigation_after.total"];

/// The words of a clause that say something did not happen.
const NONE_WORDS: &[&str] =
    &["未发生", "没有发生", "未出现", "未被", "无行政", "无因", "无政府信息公开", "不涉及", "未收取行政"];
/// The parts where an agency states its 行政事业性收费 (表二 （八）).
const FEE_PARTS: &[&str] = &["一", "一（一）", "二", "六"];

/// A clause saying a figure is nought: (a word it names, the figures, what they are called).
const STATED_NONE: &[(&str, &[&str], &str, &[&str])] = &[
    ("行政复议", RECONSIDERATION, "表四“行政复议”总计", REVIEW_PARTS),
    ("行政诉讼", LITIGATION, "表四“行政诉讼”两项总计之和", REVIEW_PARTS),
    ("行政事业性收费", &["active.fees.amount"], "表二“行政事业性收费”本年收费金额（万元）", FEE_PARTS),
];

/// The number written right after `at` in `s` (after a few words such as 共, 为, 数量), with its
/// unit (件, 条, 个…), if any.
fn number_after(s: &str, at: usize) -> Option<(f64, char, usize)> {
    let rest = &s[at..];
    let mut skipped = 0;
    for (i, c) in rest.char_indices() {
        if c.is_ascii_digit() {
            let end = rest[i..].find(|c: char| !(c.is_ascii_digit() || c == '.')).map(|e| i + e).unwrap_or(rest.len());
            let unit = rest[end..].chars().next().filter(|u| "件条个项次".contains(*u))?;
            let n = rest[i..end].trim_end_matches('.').parse().ok()?;
            return Some((n, unit, at + end + unit.len_utf8()));
        }
        skipped += 1;
        if skipped > 4 || "，。；,;".contains(c) {
            return None;
        }
    }
    None
}

/// What a stated count takes in besides itself, by the words right after it: "（含上年结转42件）" or
/// "，其中上年结转…" make 收到申请 the new and the carried together; any other 含/其中 names a part of
/// the same whole.
fn includes_carried(s: &str, after: &str, end: usize) -> bool {
    let rest = &s[end..];
    let clause = rest.split(['。', '；', ';']).next().unwrap_or("");
    let inclusive = ["(含", "含", ",含", ",其中", "(其中", "其中"].iter().any(|w| clause.starts_with(w));
    inclusive && after == "收到政府信息公开申请" && clause.contains("上年结转")
}

/// Where the text of a section states a number the tables also hold, and it differs: a finding.
pub fn text_findings(section: &SectionDef, text: &str, r: &Return) -> Vec<Finding> {
    let mut out = Vec::new();
    if text.trim().is_empty() {
        return out;
    }
    let t = norm(text);
    let have = |ids: &[&str]| ids.iter().all(|id| r.value(id).is_some());
    for st in STATED {
        // The words first: most texts state few of them, and a look-up per figure costs more.
        if !st.parts.contains(&section.key) || !t.contains(st.words) || !have(st.ids) {
            continue;
        }
        let mut from = 0;
        while let Some(p) = t[from..].find(st.words) {
            let at = from + p + st.words.len();
            from = at;
            let Some((stated, unit, end)) = number_after(&t, at) else { continue };
            if unit != st.unit {
                continue;
            }
            let (ids, name): (Vec<&str>, String) = if includes_carried(&t, st.words, end) {
                (vec![st.ids[0], "apply.carried.total"], format!("{}与“上年结转政府信息公开申请数量”总计之和", st.name))
            } else {
                (st.ids.to_vec(), st.name.to_string())
            };
            let actual = sum(r, &ids);
            if (stated - actual).abs() > 1e-6 {
                out.push(mismatch(section, st.words, &format!("{}{unit}", fmt_num(stated)), &ids, &name, actual));
            }
        }
    }
    for clause in t.split(['，', '。', '；', ',', ';']) {
        if clause.contains("未收到政府信息公开申请") && APPLY_PARTS.contains(&section.key) {
            let ids = ["apply.new.total"];
            if have(&ids) && sum(r, &ids) != 0.0 {
                let name = "表三“本年新收政府信息公开申请数量”总计";
                out.push(mismatch(section, "未收到政府信息公开申请", "", &ids, name, sum(r, &ids)));
            }
        }
        if !NONE_WORDS.iter().any(|w| clause.contains(*w)) {
            continue;
        }
        // "未发生……行政复议、行政诉讼" says both are nought: each is compared.
        for (what, ids, name, parts) in STATED_NONE {
            if parts.contains(&section.key) && clause.contains(what) && have(ids) && sum(r, ids) != 0.0 {
                out.push(mismatch(section, clause, "", ids, name, sum(r, ids)));
            }
        }
    }
    out
}

fn mismatch(section: &SectionDef, words: &str, stated: &str, ids: &[&str], name: &str, actual: f64) -> Finding {
    Finding {
        rule: Rule::TextFigures,
        cells: ids.iter().map(|s| s.to_string()).collect(),
        refs: vec![],
        message: format!(
            "“{}”中写的是“{words}{stated}”，但{name}为 {}，请核对文字与表格。",
            section.title,
            fmt_num(actual)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Up to four characters may stand between the words and their number ("共计为", "数量为"); a
    /// number five characters on, or past a comma, belongs to something else.
    #[test]
    fn a_number_is_read_up_to_four_characters_after_its_words() {
        let at = "申请".len();
        let n = |s: &str| number_after(s, at).map(|(n, unit, _)| (n, unit));
        assert_eq!(n("申请一二三四12件"), Some((12.0, '件')));
        assert_eq!(n("申请一二三四五12件"), None);
        assert_eq!(n("申请，12件"), None);
        assert_eq!(n("申请12条"), Some((12.0, '条')), "the unit read, for the rule to weigh");
        assert_eq!(n("申请12人"), None, "no unit of a count");
    }
}
