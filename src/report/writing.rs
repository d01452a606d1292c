//! Help with writing: a section started from last year's text and sentences generated from the
//! figures for the office to edit. (The check of the text against the figures is a rule:
//! `checks::words`.)

use super::SectionDef;
use crate::forms::{Format, APPLY_COLS};
use crate::model::Return;
use crate::text::fmt_num;

fn v(r: &Return, id: &str) -> f64 {
    r.value(id).unwrap_or(0.0)
}

fn n(r: &Return, id: &str) -> String {
    fmt_num(v(r, id))
}

/// "自然人116件、商业企业2件" for the non-zero parts.
fn listed(parts: &[(&str, f64)], unit: &str) -> String {
    parts
        .iter()
        .filter(|(_, x)| *x != 0.0)
        .map(|(name, x)| format!("{name}{}{unit}", fmt_num(*x)))
        .collect::<Vec<_>>()
        .join("、")
}

/// Sentences from the figures for a section, or None where the figures say nothing about it.
///
/// For the county, `compiled` says what its sums are made of: a 统计表 only some agencies filed is
/// never presented as the county's figure (it is named as theirs, or left out as the office chose).
pub fn generated(section: &SectionDef, r: &Return, compiled: Option<&super::Compilation>) -> Option<String> {
    match section.key {
        "一（一）" => Some(active_sentences(r, compiled)),
        "一（二）" => r.has_table(crate::forms::Table::Apply).then(|| apply_sentences(r)),
        "一（五）" => r.has_table(crate::forms::Table::Review).then(|| review_sentences(r)),
        _ => None,
    }
}

fn active_sentences(r: &Return, compiled: Option<&super::Compilation>) -> String {
    let mut s = String::new();
    if r.value("stats.active.total").is_some() {
        match compiled {
            Some(c) if c.stats_left_out() => {}
            Some(c) if c.stats_partial() => s.push_str(&format!(
                "据报送统计表的{}个单位（共{}个单位）合计，主动公开政府信息{}条。",
                c.stats_filed.len(),
                c.included.len() + c.missing.len(),
                n(r, "stats.active.total")
            )),
            _ => s.push_str(&format!("本年度共主动公开政府信息{}条。", n(r, "stats.active.total"))),
        }
    }
    match r.format {
        Format::Gov2021 => {
            s.push_str(&format!(
                "本年度制发规章{}件、废止{}件，现行有效规章{}件；制发行政规范性文件{}件、废止{}件，现行有效行政规范性文件{}件。",
                n(r, "active.rules.issued"), n(r, "active.rules.repealed"), n(r, "active.rules.valid"),
                n(r, "active.normative.issued"), n(r, "active.normative.repealed"), n(r, "active.normative.valid"),
            ));
            s.push_str(&format!(
                "本年度作出行政许可决定{}件、行政处罚决定{}件、行政强制决定{}件，行政事业性收费{}万元。",
                n(r, "active.license.decisions"),
                n(r, "active.penalty.decisions"),
                n(r, "active.coercion.decisions"),
                n(r, "active.fees.amount"),
            ));
        }
        Format::Gov2019 => {
            s.push_str(&format!(
                "本年度新制作规章{}件、新公开{}件，对外公开规章{}件；新制作规范性文件{}件、新公开{}件，对外公开规范性文件{}件。",
                n(r, "active.rules.made"), n(r, "active.rules.published"), n(r, "active.rules.total_public"),
                n(r, "active.normative.made"), n(r, "active.normative.published"), n(r, "active.normative.total_public"),
            ));
            s.push_str(&format!(
                "本年度作出行政许可处理决定{}件、其他对外管理服务事项处理决定{}件、行政处罚决定{}件、行政强制决定{}件；政府集中采购项目{}个，采购总金额{}万元。",
                n(r, "active.license.decisions"), n(r, "active.other_services.decisions"), n(r, "active.penalty.decisions"),
                n(r, "active.coercion.decisions"), n(r, "active.procurement.items"), n(r, "active.procurement.amount"),
            ));
        }
    }
    s
}

fn apply_sentences(r: &Return) -> String {
    let new = v(r, "apply.new.total");
    let carried = v(r, "apply.carried.total");
    if new == 0.0 && carried == 0.0 {
        return "本年度未收到政府信息公开申请，无上年结转的政府信息公开申请。".into();
    }
    let mut s = String::new();
    if new == 0.0 {
        s.push_str("本年度未收到新的政府信息公开申请");
    } else {
        let parts: Vec<(&str, f64)> = APPLY_COLS[..6]
            .iter()
            .map(|(c, label)| (if *c == "other_org" { "其他组织" } else { *label }, v(r, &format!("apply.new.{c}"))))
            .collect();
        s.push_str(&format!("本年度共收到政府信息公开申请{}件，其中{}", fmt_num(new), listed(&parts, "件")));
    }
    if carried > 0.0 {
        s.push_str(&format!("；上年结转政府信息公开申请{}件", fmt_num(carried)));
    }
    s.push('。');
    let rows = |prefix: &str| -> Vec<String> {
        crate::forms::apply_result_rows(r.format)
            .iter()
            .filter(|id| id.starts_with(prefix))
            .map(|id| format!("apply.{id}.total"))
            .collect()
    };
    let group = |prefix: &str| -> f64 { rows(prefix).iter().map(|id| v(r, id)).sum() };
    let results = [
        ("予以公开", v(r, "apply.open.total")),
        ("部分公开", v(r, "apply.partial.total")),
        ("不予公开", group("deny_")),
        ("无法提供", group("none_")),
        ("不予处理", group("reject_")),
        ("其他处理", group("other")),
    ];
    s.push_str(&format!("本年度办理完结{}件", n(r, "apply.total.total")));
    let l = listed(&results, "件");
    if !l.is_empty() {
        s.push_str(&format!("，其中{l}"));
    }
    s.push_str(&format!("；结转下年度继续办理{}件。", n(r, "apply.carry_forward.total")));
    s
}

fn review_sentences(r: &Return) -> String {
    let rec = v(r, "review.reconsideration.total");
    let direct = v(r, "review.litigation_direct.total");
    let after = v(r, "review.litigation_after.total");
    if rec == 0.0 && direct == 0.0 && after == 0.0 {
        return "本年度未发生因政府信息公开引起的行政复议、行政诉讼。".into();
    }
    let results = |g: &str| {
        listed(
            &[
                ("结果维持", v(r, &format!("review.{g}.upheld"))),
                ("结果纠正", v(r, &format!("review.{g}.corrected"))),
                ("其他结果", v(r, &format!("review.{g}.other"))),
                ("尚未审结", v(r, &format!("review.{g}.pending"))),
            ],
            "件",
        )
    };
    let mut s = format!("本年度因政府信息公开被申请行政复议{}件", fmt_num(rec));
    if rec > 0.0 {
        s.push_str(&format!("，其中{}", results("reconsideration")));
    }
    s.push_str(&format!("；被提起行政诉讼{}件", fmt_num(direct + after)));
    if direct + after > 0.0 {
        s.push_str(&format!("（未经复议直接起诉{}件，复议后起诉{}件）", fmt_num(direct), fmt_num(after)));
    }
    s.push('。');
    s
}

/// Last year's text made this year's starting point: "2020年" becomes "2021年" where last year
/// wrote its own year; everything else is left for the office to edit.
pub fn from_last_year(text: &str, year: i32) -> String {
    text.replace(&format!("{}年", year - 1), &format!("{year}年"))
}
