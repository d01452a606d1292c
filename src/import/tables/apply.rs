//! 表三, 收到和处理政府信息公开申请情况: rows and applicant columns by what their labels mean.

use super::{is_note, row_label, Found};
use crate::forms::{self, Table};
use crate::import::grid::{Row, Sheet, Val};
use crate::text::{strip_numbering, Hay};

const APPLY_KEYS: &[(&str, &[&str])] = &[
    ("deny_secret", &["国家秘密"]),
    ("deny_law", &["法律行政法规禁止", "法律法规禁止", "禁止公开"]),
    ("deny_safety", &["三安全一稳定", "危及"]),
    ("deny_third_party", &["第三方"]),
    ("deny_internal", &["内部事务"]),
    ("deny_process", &["过程性"]),
    ("deny_enforcement", &["执法案卷"]),
    ("deny_query", &["行政查询", "查询事项"]),
    ("none_not_held", &["不掌握"]),
    ("none_need_create", &["另行制作", "没有现成"]),
    ("none_unclear", &["不明确"]),
    ("reject_petition", &["信访", "举报投诉"]),
    ("reject_repeat", &["重复申请"]),
    ("reject_publication", &["公开出版物"]),
    ("reject_excessive", &["大量反复"]),
    ("reject_confirm", &["重新出具", "确认或"]),
    ("other_no_correction", &["不补正"]),
    ("other_no_fee", &["缴纳费用", "收费通知"]),
    ("new", &["本年新收"]),
    ("carried", &["上年结转"]),
    ("carry_forward", &["结转下年", "下年度继续办理"]),
    ("partial", &["部分公开"]),
    ("open", &["予以公开"]),
    ("total", &["总计", "合计"]),
];

#[derive(Clone, Copy, PartialEq)]
enum ApplySection {
    Deny,
    None_,
    Reject,
    Other,
}

impl ApplySection {
    /// The section's heading as the forms print it; its items come from the forms.
    fn label(self) -> &'static str {
        match self {
            ApplySection::Deny => "（三）不予公开",
            ApplySection::None_ => "（四）无法提供",
            ApplySection::Reject => "（五）不予处理",
            ApplySection::Other => "（六）其他处理",
        }
    }
}

fn apply_section(label: &str) -> Option<ApplySection> {
    if label.contains("不予公开") {
        Some(ApplySection::Deny)
    } else if label.contains("无法提供") {
        Some(ApplySection::None_)
    } else if label.contains("不予处理") {
        Some(ApplySection::Reject)
    } else if label.contains("其他处理") {
        Some(ApplySection::Other)
    } else {
        None
    }
}

/// The row of table 三 a label names. `last` is the label's most specific cell, `all` the whole.
fn apply_row(last: &str, all: &str, section: Option<ApplySection>) -> Option<&'static str> {
    let item = strip_numbering(last);
    let hay = Hay::new(item);
    for (id, keys) in APPLY_KEYS {
        if hay.has_any(keys) {
            return Some(id);
        }
    }
    if section == Some(ApplySection::Other) && item.starts_with("其他") && !item.contains("其他处理") {
        return Some("other_other");
    }
    if item.contains("其他处理") {
        return Some("other");
    }
    // A sub-item known only by its number within its section: "3." under （四）.
    if let Some(sec) = section {
        let digits: String = last.chars().take_while(|c| c.is_ascii_digit()).collect();
        if let Ok(n) = digits.parse::<usize>() {
            let items = forms::apply_section_items(sec.label());
            if n >= 1 && n <= items.len() {
                return Some(items[n - 1]);
            }
        }
    }
    let _ = all;
    None
}

fn apply_col(norm: &str) -> Option<&'static str> {
    let s = strip_numbering(norm);
    let h = Hay::new(s);
    if h.has("自然人") {
        Some("natural")
    } else if h.has("商业企业") {
        Some("business")
    } else if h.has("科研机构") {
        Some("research")
    } else if h.has("公益组织") {
        Some("nonprofit")
    } else if h.has("法律服务") {
        Some("legal")
    } else if s == "其他" || s == "其他组织" {
        Some("other_org")
    } else if s == "总计" || s == "合计" {
        Some("total")
    } else {
        None
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "one pass over the rows whose state (the current section, a label waiting for its figures on the next \
              row, a label split over two rows) spans rows; split up, that state would be threaded through every piece"
)]
pub(super) fn read_apply(sheet: &Sheet, rows: &[Row], found: &mut Found) {
    // Header: the rows before the first row that names a table-三 row.
    let mut cols: Vec<(&'static str, u32)> = Vec::new();
    let mut data_start = rows.len();
    for (i, row) in rows.iter().enumerate() {
        if row.has_number() || row.cells.iter().any(|c| apply_row(&c.norm, &c.norm, None).is_some_and(|r| r != "total"))
        {
            data_start = i;
            break;
        }
        for c in &row.cells {
            if let Some(k) = apply_col(&c.norm) {
                if !cols.iter().any(|(kk, _)| *kk == k) {
                    cols.push((k, c.col));
                }
            }
        }
    }
    if cols.len() < 2 {
        // No header: take the seven numbers of the first data row, in the table's order.
        let Some(first) = rows[data_start.min(rows.len())..].iter().find(|r| r.has_number()) else { return };
        let nums: Vec<u32> =
            first.cells.iter().filter(|c| matches!(c.val, Val::Num(_) | Val::Formula(_))).map(|c| c.col).collect();
        if nums.len() != 7 {
            return;
        }
        cols = forms::APPLY_COLS.iter().map(|(k, _)| *k).zip(nums).collect();
    }
    let first_col = cols.iter().map(|(_, c)| *c).min().unwrap_or(0);
    found.saw(Table::Apply);

    let mut section: Option<ApplySection> = None;
    let mut pending: Option<&'static str> = None; // a matched label whose figures are on the next row
    let mut pending_text = String::new(); // an unmatched label that may continue on the next row
    let mut seen_other_sub = false;
    let mut other_row: Option<u32> = None;
    for row in &rows[data_start..] {
        let (all, last) = row_label(row, first_col);
        if is_note(&all) {
            continue;
        }
        if let Some(s) = apply_section(&all) {
            section = Some(s);
        }
        let has_values = cols.iter().any(|(_, c)| row.get(*c).is_some());
        let mut id = if last.is_empty() { None } else { apply_row(&last, &all, section) };
        if id.is_none() && !all.is_empty() && !pending_text.is_empty() {
            let joined = format!("{pending_text}{last}");
            id = apply_row(&joined, &joined, section);
        }
        if id.is_none() && has_values {
            id = pending.take();
        }
        match id {
            Some(id) if has_values || !next_is_unlabelled_values(rows, row, &cols, first_col) => {
                if id.starts_with("other_") {
                    seen_other_sub = true;
                }
                if id == "other" {
                    other_row = Some(row.row);
                }
                for (col, c) in &cols {
                    found.add(sheet, forms::figure_id("apply", id, col), row.row, *c);
                }
                if id.starts_with("other_") || id == "other" {
                    found.votes_2021 += u32::from(id.starts_with("other_"));
                    found.votes_2019 += u32::from(id == "other");
                }
                pending = None;
                pending_text.clear();
            }
            Some(id) => {
                pending = Some(id);
                pending_text.clear();
            }
            None => {
                if !has_values {
                    pending_text = last;
                }
            }
        }
    }
    // A 2021 table whose （六）其他处理 heading has a row of its own is not the 2019 single row.
    if seen_other_sub {
        if let Some(r) = other_row {
            found.figures.retain(|f| !(f.id.starts_with("apply.other.") && f.row == r));
            found.votes_2019 = found.votes_2019.saturating_sub(1);
        }
    }
}

fn next_is_unlabelled_values(rows: &[Row], row: &Row, cols: &[(&str, u32)], first_col: u32) -> bool {
    let Some(next) = rows.iter().find(|r| r.row > row.row) else { return false };
    let (all, _) = row_label(next, first_col);
    let has = cols.iter().any(|(_, c)| next.get(*c).is_some());
    has && (all.is_empty() || apply_row(&all, &all, None).is_none() && apply_section(&all).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::norm;

    #[test]
    fn apply_rows_by_meaning() {
        let r = |s: &str, sec| apply_row(&norm(s), &norm(s), sec);
        assert_eq!(r("1、属于国家秘密", Some(ApplySection::Deny)), Some("deny_secret"));
        assert_eq!(r("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None), Some("partial"));
        assert_eq!(r("3、其他", Some(ApplySection::Other)), Some("other_other"));
        assert_eq!(r("（六）其他处理", None), Some("other"));
        assert_eq!(r("1. 本单位不掌握相关政府信息", None), Some("none_not_held"));
        assert_eq!(r("四、结转下年度继续办理", None), Some("carry_forward"));
        assert_eq!(r("2．", Some(ApplySection::Reject)), Some("reject_repeat"));
    }
}
