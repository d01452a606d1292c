//! The county at a glance, as numbers the 统计分析 screen, `nianbao stats` and the 年度简报 draw:
//! the review's progress by kind of agency, the findings by rule and the agencies with the most,
//! the county's key figures over every year of a range (a year with nothing stored is `None`, a gap,
//! never a zero), and the indicators an office reads as risk, each with its definition. The screen
//! only draws these; nothing here is computed twice.

use crate::merge::County;
use crate::model::{AgencyKind, Return, ReviewState};

use crate::store::{Result, Store};
use serde::Serialize;
use std::collections::HashMap;

/// A count with its label, for bars.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export_to = "../../ui/src/bindings/"))]
pub struct Count {
    pub label: String,
    pub n: i32,
}

/// How far the review is for one kind of agency: how many in each state (in `Dashboard::states`'
/// order) and how many overdue.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export_to = "../../ui/src/bindings/"))]
pub struct Progress {
    pub kind: String,
    pub counts: Vec<i32>,
    pub overdue: i32,
    /// Of those 已公开, how many pages the publication check found not to be the accepted
    /// report (a figure, a part, the agency or the year differs).
    pub published_differ: i32,
}

/// One line of the county's figures over the years: a value a year, `None` where nothing is stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export_to = "../../ui/src/bindings/"))]
pub struct Series {
    pub name: String,
    pub unit: String,
    /// Which chart it belongs to: "active", "apply", "results", "review".
    pub group: String,
    pub values: Vec<Option<f64>>,
}

/// An indicator the office reads as risk: its value (`None` where it cannot be computed, e.g.
/// nothing to divide by), shown as the office reads it ("—" for none), and its definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export_to = "../../ui/src/bindings/"))]
pub struct RiskIndicator {
    pub key: String,
    pub name: String,
    pub value: Option<f64>,
    pub shown: String,
    pub definition: String,
}

/// An agency far from the county's pattern, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export_to = "../../ui/src/bindings/"))]
pub struct Outlier {
    pub agency: String,
    pub why: String,
}

/// Everything the 统计分析 screen and the brief show for a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export_to = "../../ui/src/bindings/"))]
pub struct Dashboard {
    pub year: i32,
    /// The years the series run over, every one of the range (stored or not).
    pub years: Vec<i32>,
    /// The review's states, in order: the columns of `progress`.
    pub states: Vec<String>,
    pub progress: Vec<Progress>,
    pub findings_by_rule: Vec<Count>,
    pub top_agencies: Vec<Count>,
    pub series: Vec<Series>,
    pub indicators: Vec<RiskIndicator>,
    /// What the indicators are the sums of: "12 个单位合计，共 13 个" (a ratio on a partial
    /// county is the reporting agencies', never the county's); "" when the year has no returns.
    pub coverage: String,
    pub outliers: Vec<Outlier>,
}

/// The county's key figures the series follow: (name, unit, chart, ids summed). The ids are the
/// 2021 form's; where the 2019 form (国办公开办函〔2019〕60号, the years 2019 and 2020) holds the
/// figure under another id, [`ON_2019_FORM`] says which, so a stored year is never a gap.
const KEY_FIGURES: &[(&str, &str, &str, &[&str])] = &[
    ("规章制发", "件", "active", &["active.rules.issued"]),
    ("规范性文件制发", "件", "active", &["active.normative.issued"]),
    ("行政许可决定", "件", "active", &["active.license.decisions"]),
    ("行政处罚决定", "件", "active", &["active.penalty.decisions"]),
    ("本年新收申请", "件", "apply", &["apply.new.total"]),
    ("办结", "件", "apply", &["apply.total.total"]),
    ("结转下年度", "件", "apply", &["apply.carry_forward.total"]),
    ("予以公开", "件", "results", &["apply.open.total"]),
    ("部分公开", "件", "results", &["apply.partial.total"]),
    (
        "不予公开",
        "件",
        "results",
        &[
            "apply.deny_secret.total",
            "apply.deny_law.total",
            "apply.deny_safety.total",
            "apply.deny_third_party.total",
            "apply.deny_internal.total",
            "apply.deny_process.total",
            "apply.deny_enforcement.total",
            "apply.deny_query.total",
        ],
    ),
    (
        "无法提供",
        "件",
        "results",
        &["apply.none_not_held.total", "apply.none_need_create.total", "apply.none_unclear.total"],
    ),
    ("行政复议", "件", "review", &["review.reconsideration.total"]),
    ("复议纠正", "件", "review", &["review.reconsideration.corrected"]),
    ("行政诉讼", "件", "review", &["review.litigation_direct.total", "review.litigation_after.total"]),
    ("诉讼纠正", "件", "review", &["review.litigation_direct.corrected", "review.litigation_after.corrected"]),
];

/// The 2019 form's id of a key figure whose 2021 id it does not have: 规章 and 规范性文件 were
/// counted as 本年新制作数量 (made) where the 2021 form counts 本年制发件数 (issued). The
/// 许可/处罚 决定 and every figure of 表三 and 表四 keep their ids.
const ON_2019_FORM: &[(&str, &str)] =
    &[("active.rules.issued", "active.rules.made"), ("active.normative.issued", "active.normative.made")];

/// A key figure's id on a return's form.
fn id_on(id: &str, format: crate::forms::Format) -> &str {
    match format {
        crate::forms::Format::Gov2019 => ON_2019_FORM.iter().find(|(a, _)| *a == id).map_or(id, |(_, b)| *b),
        _ => id,
    }
}

/// The sum of figures a return holds (None where it holds none of them), each by its id on the
/// return's form.
fn sum(r: &Return, ids: &[&str]) -> Option<f64> {
    let v: Vec<f64> = ids.iter().filter_map(|id| r.value(id_on(id, r.format))).collect();
    (!v.is_empty()).then(|| v.iter().sum())
}

/// `a / b`, or None where there is nothing to divide by.
pub fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) if b != 0.0 && b.is_finite() && a.is_finite() => Some(a / b),
        _ => None,
    }
}

/// A share as the office reads it: "85.0%", or "—" where none.
pub fn percent(v: Option<f64>) -> String {
    v.map(|v| format!("{:.1}%", v * 100.0)).unwrap_or_else(|| "—".into())
}

/// 实质公开率 as third-party evaluators compute it: (予以公开 + 部分公开) over the applications
/// decided on their merits — 予以公开, 部分公开 and 不予公开 (表三 （一）（二）（三）). 无法提供, 不予处理 and
/// 其他处理 decide no disclosure and stay out of it (over every case handled, a county that mostly
/// answers 本机关不掌握 looked as if it withheld).
fn disclosure_rate(r: &Return) -> Option<f64> {
    let denied = crate::forms::apply_section_items("（三）不予公开").into_iter().map(|i| format!("apply.{i}.total"));
    let merits: Vec<String> =
        ["apply.open.total".to_string(), "apply.partial.total".to_string()].into_iter().chain(denied).collect();
    let merits: Vec<&str> = merits.iter().map(String::as_str).collect();
    ratio(sum(r, &["apply.open.total", "apply.partial.total"]), sum(r, &merits))
}

/// 纠错率 of groups of 表四: 纠正 / 已审结 (总计 − 尚未审结).
fn correction_rate(r: &Return, groups: &[&str]) -> Option<f64> {
    let get = |col: &str| {
        sum(
            r,
            &groups
                .iter()
                .map(|g| format!("review.{g}.{col}"))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        )
    };
    let decided = match (get("total"), get("pending")) {
        (Some(t), p) => Some(t - p.unwrap_or(0.0)),
        _ => None,
    };
    ratio(get("corrected"), decided)
}

/// The indicators of a year, from the county's figures of the year and of the year before.
pub fn indicators(this: &Return, last: Option<&Return>) -> Vec<RiskIndicator> {
    let growth = ratio(this.value("apply.new.total"), last.and_then(|l| l.value("apply.new.total"))).map(|g| g - 1.0);
    let ind = |key: &str, name: &str, value: Option<f64>, definition: &str| RiskIndicator {
        key: key.into(),
        name: name.into(),
        shown: percent(value),
        value,
        definition: definition.into(),
    };
    vec![
        ind(
            "disclosure",
            "实质公开率",
            disclosure_rate(this),
            "（予以公开 + 部分公开）÷（予以公开 + 部分公开 + 不予公开），即按实体作出答复的申请（表三；第三方评估的口径，不含无法提供、不予处理、其他处理）",
        ),
        ind(
            "reconsideration_corrected",
            "复议纠错率",
            correction_rate(this, &["reconsideration"]),
            "行政复议结果纠正 ÷ 已审结（总计 − 尚未审结）（表四）",
        ),
        ind(
            "litigation_corrected",
            "诉讼纠错率",
            correction_rate(this, &["litigation_direct", "litigation_after"]),
            "行政诉讼结果纠正 ÷ 已审结（总计 − 尚未审结），含复议后起诉（表四）",
        ),
        ind("apply_growth", "申请增幅", growth, "本年新收申请 ÷ 上年新收申请 − 1（表三）"),
    ]
}

/// The indicators of a year with nothing stored: each "—".
fn indicators_of_nothing() -> Vec<RiskIndicator> {
    let empty = Return {
        file: String::new(),
        agency: None,
        year: None,
        format: crate::forms::Format::Gov2021,
        tables: Vec::new(),
        figures: Vec::new(),
        source: Default::default(),
        document: None,
        indicators: None,
        unplaced: Vec::new(),
        not_in_table: Vec::new(),
    };
    indicators(&empty, None)
}

/// Agencies far from the county's pattern: applications but nothing disclosed, or a disclosure
/// rate under half the county's median.
fn outliers(returns: &[(String, Return)]) -> Vec<Outlier> {
    let mut rates: Vec<f64> = returns.iter().filter_map(|(_, r)| disclosure_rate(r)).collect();
    rates.sort_by(f64::total_cmp);
    let median = rates.get(rates.len() / 2).copied();
    let mut out = Vec::new();
    for (name, r) in returns {
        let new = r.value("apply.new.total").unwrap_or(0.0);
        let disclosed = sum(r, &["apply.open.total", "apply.partial.total"]).unwrap_or(0.0);
        if new > 0.0 && disclosed == 0.0 && r.value("apply.total.total").unwrap_or(0.0) > 0.0 {
            out.push(Outlier {
                agency: name.clone(),
                why: format!("收到申请 {} 件，无一予以公开或部分公开", crate::text::fmt_num(new)),
            });
        } else if let (Some(rate), Some(m)) = (disclosure_rate(r), median) {
            if rate < m / 2.0 {
                out.push(Outlier {
                    agency: name.clone(),
                    why: format!("实质公开率 {}，不到全县中位数 {} 的一半", percent(Some(rate)), percent(Some(m))),
                });
            }
        }
    }
    out
}

/// The dashboard of `year`, its series over `years` (every year of the range, stored or not).
pub fn dashboard(store: &Store, year: i32, years: std::ops::RangeInclusive<i32>, today: &str) -> Result<Dashboard> {
    let stored: Vec<i32> = store.years()?;
    // Each year's county merged once: the series, the indicators and the coverage read it.
    let years: Vec<i32> = years.collect();
    let mut by_year: HashMap<i32, Option<County>> = HashMap::new();
    for y in years.iter().copied().chain([year, year - 1]) {
        if let std::collections::hash_map::Entry::Vacant(e) = by_year.entry(y) {
            e.insert(if stored.contains(&y) { Some(crate::merge::county(store, y)?) } else { None });
        }
    }
    let totals = |y: &i32| by_year[y].as_ref().map(|c| &c.totals);
    let series = KEY_FIGURES
        .iter()
        .map(|(name, unit, group, ids)| Series {
            name: name.to_string(),
            unit: unit.to_string(),
            group: group.to_string(),
            values: years.iter().map(|y| totals(y).and_then(|r| sum(r, ids))).collect(),
        })
        .collect();
    let none: Vec<RiskIndicator> = indicators_of_nothing();
    let mut d = Dashboard {
        year,
        indicators: match totals(&year) {
            Some(this) => indicators(this, totals(&(year - 1))),
            None => none,
        },
        years,
        states: ReviewState::ALL.iter().map(|s| s.label().to_string()).collect(),
        progress: Vec::new(),
        findings_by_rule: Vec::new(),
        top_agencies: Vec::new(),
        series,
        coverage: by_year[&year].as_ref().map(coverage).unwrap_or_default(),
        outliers: Vec::new(),
    };
    progress(store, year, today, &mut d)?;
    findings(store, year, &mut d)?;
    Ok(d)
}

/// "N 个单位合计，共 M 个" for the year's sums ("" with no return), as the county's tables say it.
fn coverage(c: &County) -> String {
    if c.included.is_empty() {
        return String::new();
    }
    let all = c.included.len() + c.missing.len();
    if c.missing.is_empty() {
        format!("{all} 个单位合计")
    } else {
        format!("{} 个单位合计，共 {all} 个（{} 个未报送，不在其中）", c.included.len(), c.missing.len())
    }
}

/// The review's progress by kind (from the year's standing), and the outliers among the returns
/// that count.
fn progress(store: &Store, year: i32, today: &str, d: &mut Dashboard) -> Result<()> {
    let y = super::standing::standing(store, year, Some(today))?;
    for kind in AgencyKind::ALL {
        let (counts, overdue) = super::standing::counts_by_kind(&y, *kind);
        let published_differ = y
            .expected()
            .filter(|s| s.status.agency.kind == *kind && s.state == ReviewState::Published)
            .filter(|s| s.publication.as_ref().is_some_and(|p| !p.same()))
            .count() as i32;
        d.progress.push(Progress { kind: kind.label().into(), counts, overdue, published_differ });
    }
    let mut returns = Vec::new();
    for kind in AgencyKind::ALL {
        for s in y.expected().filter(|s| s.status.agency.kind == *kind) {
            if let Some(id) = s.status.return_id {
                returns.push((s.name().to_string(), store.db().load_return(id)?));
            }
        }
    }
    d.outliers = outliers(&returns);
    Ok(())
}

/// Open findings by rule, and the ten agencies with the most.
fn findings(store: &Store, year: i32, d: &mut Dashboard) -> Result<()> {
    let mut by_rule: HashMap<&'static str, i32> = HashMap::new();
    let mut by_agency = Vec::new();
    for s in store.status(year)? {
        let open = store.open_findings(s.agency.id, year)?;
        for f in &open {
            *by_rule.entry(f.rule.label()).or_insert(0) += 1;
        }
        if !open.is_empty() {
            by_agency.push(Count { label: s.agency.name, n: open.len() as i32 });
        }
    }
    let mut rules: Vec<Count> = by_rule.into_iter().map(|(l, n)| Count { label: l.into(), n }).collect();
    rules.sort_by(|a, b| b.n.cmp(&a.n).then(a.label.cmp(&b.label)));
    by_agency.sort_by(|a, b| b.n.cmp(&a.n).then(a.label.cmp(&b.label)));
    by_agency.truncate(10);
    d.findings_by_rule = rules;
    d.top_agencies = by_agency;
    Ok(())
}
