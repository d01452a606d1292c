//! The rule "text and figures": wherever a sentence of the report states a number the tables also
//! hold (收到政府信息公开申请 12 件, 未收到……申请), the number must be the table's.

use crate::forms::sections::SectionDef;
use crate::model::{Finding, Return, Rule};
use crate::text::{fmt_num, norm};

fn sum(r: &Return, ids: &[&str]) -> f64 {
    ids.iter().map(|id| r.value(id).unwrap_or(0.0)).sum()
}

/// Numbers a text states that the tables also hold: (words before the number, figure ids whose
/// sum it must equal, what the figure is called in a message).
const STATED: &[(&str, &[&str], &str)] = &[
    ("收到政府信息公开申请", &["apply.new.total"], "表三“本年新收政府信息公开申请数量”总计"),
    ("上年结转政府信息公开申请", &["apply.carried.total"], "表三“上年结转政府信息公开申请数量”总计"),
    ("办理完结", &["apply.total.total"], "表三“（七）总计”"),
    ("予以公开", &["apply.open.total"], "表三“（一）予以公开”总计"),
    ("部分公开", &["apply.partial.total"], "表三“（二）部分公开”总计"),
    ("结转下年度继续办理", &["apply.carry_forward.total"], "表三“结转下年度继续办理”总计"),
    ("被申请行政复议", &["review.reconsideration.total"], "表四“行政复议”总计"),
    (
        "被提起行政诉讼",
        &["review.litigation_direct.total", "review.litigation_after.total"],
        "表四“行政诉讼”两项总计之和",
    ),
    ("主动公开政府信息", &["stats.active.total"], "统计表“主动公开政府信息数”"),
];

/// Statements that a figure is nought.
const STATED_NONE: &[(&str, &[&str], &str)] = &[
    ("未收到政府信息公开申请", &["apply.new.total"], "表三“本年新收政府信息公开申请数量”总计"),
    ("未发生因政府信息公开引起的行政复议", &["review.reconsideration.total"], "表四“行政复议”总计"),
];

/// The number written right after `at` in `s` (after a few words such as 共, 为, 数量), if any.
fn number_after(s: &str, at: usize) -> Option<f64> {
    let rest = &s[at..];
    let mut skipped = 0;
    for (i, c) in rest.char_indices() {
        if c.is_ascii_digit() {
            let end = rest[i..].find(|c: char| !(c.is_ascii_digit() || c == '.')).map(|e| i + e).unwrap_or(rest.len());
            let unit_ok = rest[end..].starts_with('件') || rest[end..].starts_with('条');
            return if unit_ok { rest[i..end].trim_end_matches('.').parse().ok() } else { None };
        }
        skipped += 1;
        if skipped > 4 || "，。；,;".contains(c) {
            return None;
        }
    }
    None
}

/// Where the text of a section states a number the tables also hold, and it differs: a finding.
pub fn text_findings(section: &SectionDef, text: &str, r: &Return) -> Vec<Finding> {
    let mut out = Vec::new();
    if text.trim().is_empty() {
        return out;
    }
    let t = norm(text);
    let have = |ids: &[&str]| ids.iter().all(|id| r.value(id).is_some());
    for (words, ids, name) in STATED {
        // The words first: most texts state few of them, and a look-up per figure costs more.
        if !t.contains(words) || !have(ids) {
            continue;
        }
        let mut from = 0;
        while let Some(p) = t[from..].find(words) {
            let at = from + p + words.len();
            from = at;
            let Some(stated) = number_after(&t, at) else { continue };
            let actual = sum(r, ids);
            if (stated - actual).abs() > 1e-6 {
                let unit = if ids[0].starts_with("stats.") { "条" } else { "件" };
                out.push(mismatch(section, words, &format!("{}{unit}", fmt_num(stated)), ids, name, actual));
            }
        }
    }
    for (words, ids, name) in STATED_NONE {
        if t.contains(words) && have(ids) && sum(r, ids) != 0.0 {
            out.push(mismatch(section, words, "", ids, name, sum(r, ids)));
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
        assert_eq!(number_after("申请一二三四12件", at), Some(12.0));
        assert_eq!(number_after("申请一二三四五12件", at), None);
        assert_eq!(number_after("申请，12件", at), None);
        assert_eq!(number_after("申请12个", at), None, "no unit of a count");
    }
}
