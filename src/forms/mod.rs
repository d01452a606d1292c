//! The report forms of ../shared/FORMS.md as data: every figure id with its table, its row and column
//! labels as the official form prints them, its unit and whether it may have decimals. The importer,
//! the checks, the store and the exports all read this one list.

pub mod indicators;
pub mod layout;
pub mod sections;

use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

coded! {
/// The table format of a return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Format {
    /// 国办公开办函〔2021〕30号: reports for 2021 and later.
    Gov2021 = "gov2021" "2021版",
    /// 国办公开办函〔2019〕60号: reports for 2019 and 2020.
    Gov2019 = "gov2019" "2019版",
}
}

impl Format {
    /// The format a report of this year is meant to use.
    pub fn for_year(year: i32) -> Format {
        if year >= 2021 {
            Format::Gov2021
        } else {
            Format::Gov2019
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Format::Gov2021 => "2021版格式（国办公开办函〔2021〕30号）",
            Format::Gov2019 => "2019版格式（国办公开办函〔2019〕60号）",
        }
    }
}

coded! {
/// The tables of a return; the label is the table's heading in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Table {
    Active = "active" "二、主动公开政府信息情况",
    Apply = "apply" "三、收到和处理政府信息公开申请情况",
    Review = "review" "四、政府信息公开行政复议、行政诉讼情况",
    /// The older indicator table.
    Stats = "stats" "政府信息公开情况统计表",
}
}

impl Table {
    pub fn title(self) -> &'static str {
        self.label()
    }
    /// The sheet name of the table in exported workbooks, numbered as the report numbers its tables.
    pub fn sheet_name(self) -> &'static str {
        match self {
            Table::Active => "二、主动公开",
            Table::Apply => "三、依申请公开",
            Table::Review => "四、复议诉讼",
            Table::Stats => "统计表",
        }
    }
    pub fn short(self) -> &'static str {
        match self {
            Table::Active => "表二",
            Table::Apply => "表三",
            Table::Review => "表四",
            Table::Stats => "统计表",
        }
    }
}

/// Which formats a figure belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    Both,
    Only(Format),
    /// The 统计表, filed beside either format.
    Stats,
}

/// One figure of the forms.
#[derive(Debug, Clone)]
pub struct FigureDef {
    pub id: String,
    pub table: Table,
    pub within: In,
    /// The row as the form prints it, e.g. "（一）予以公开" or "规章".
    pub row_label: &'static str,
    /// The column as the form prints it, e.g. "自然人"; empty for one-column tables (统计表).
    pub col_label: &'static str,
    pub unit: &'static str,
    /// Only sums of money (万元) may have decimals.
    pub decimals: bool,
    /// 本年增/减 may be below zero.
    pub signed: bool,
}

impl FigureDef {
    pub fn in_format(&self, f: Format) -> bool {
        match self.within {
            In::Both | In::Stats => true,
            In::Only(g) => g == f,
        }
    }
    /// "表三“（一）予以公开”行“自然人”列" — how a finding names the cell to a person.
    pub fn describe(&self) -> String {
        if self.col_label.is_empty() {
            format!("{}“{}”", self.table.short(), self.row_label)
        } else {
            format!("{}“{}”行“{}”列", self.table.short(), self.row_label, self.col_label)
        }
    }
}

/// Table 三's applicant columns, in the table's order.
pub const APPLY_COLS: &[(&str, &str)] = &[
    ("natural", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
];

/// Table 三's rows, in the table's order, with the formats that have them.
pub const APPLY_ROWS: &[(&str, &str, In)] = &[
    ("new", "一、本年新收政府信息公开申请数量", In::Both),
    ("carried", "二、上年结转政府信息公开申请数量", In::Both),
    ("open", "（一）予以公开", In::Both),
    ("partial", "（二）部分公开", In::Both),
    ("deny_secret", "（三）不予公开 1.属于国家秘密", In::Both),
    ("deny_law", "（三）不予公开 2.其他法律行政法规禁止公开", In::Both),
    ("deny_safety", "（三）不予公开 3.危及“三安全一稳定”", In::Both),
    ("deny_third_party", "（三）不予公开 4.保护第三方合法权益", In::Both),
    ("deny_internal", "（三）不予公开 5.属于三类内部事务信息", In::Both),
    ("deny_process", "（三）不予公开 6.属于四类过程性信息", In::Both),
    ("deny_enforcement", "（三）不予公开 7.属于行政执法案卷", In::Both),
    ("deny_query", "（三）不予公开 8.属于行政查询事项", In::Both),
    ("none_not_held", "（四）无法提供 1.本机关不掌握相关政府信息", In::Both),
    ("none_need_create", "（四）无法提供 2.没有现成信息需要另行制作", In::Both),
    ("none_unclear", "（四）无法提供 3.补正后申请内容仍不明确", In::Both),
    ("reject_petition", "（五）不予处理 1.信访举报投诉类申请", In::Both),
    ("reject_repeat", "（五）不予处理 2.重复申请", In::Both),
    ("reject_publication", "（五）不予处理 3.要求提供公开出版物", In::Both),
    ("reject_excessive", "（五）不予处理 4.无正当理由大量反复申请", In::Both),
    ("reject_confirm", "（五）不予处理 5.要求行政机关确认或重新出具已获取信息", In::Both),
    (
        "other_no_correction",
        "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        In::Only(Format::Gov2021),
    ),
    (
        "other_no_fee",
        "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        In::Only(Format::Gov2021),
    ),
    ("other_other", "（六）其他处理 3.其他", In::Only(Format::Gov2021)),
    ("other", "（六）其他处理", In::Only(Format::Gov2019)),
    ("total", "（七）总计", In::Both),
    ("carry_forward", "四、结转下年度继续办理", In::Both),
];

/// A figure's id on another form, where the two forms count the same thing under other ids:
/// 2019's 本年新制作数量 of 规章 and 规范性文件 is 2021's 本年制发件数, and 2019's single
/// （六）其他处理 is 2021's （六）3.其他 (2021's three （六） rows go back into the one). Every other
/// figure keeps its id (a figure the other form lacks is summed under it and left out where the
/// form has no row for it). The one mapping the county's sums, summary and charts use.
pub fn on_form(id: &str, from: Format, to: Format) -> String {
    if from == to {
        return id.to_string();
    }
    match (from, to) {
        (Format::Gov2019, Format::Gov2021) => match id {
            "active.rules.made" => "active.rules.issued".to_string(),
            "active.normative.made" => "active.normative.issued".to_string(),
            _ => match id.strip_prefix("apply.other.") {
                Some(col) => format!("apply.other_other.{col}"),
                None => id.to_string(),
            },
        },
        _ => match id {
            "active.rules.issued" => "active.rules.made".to_string(),
            "active.normative.issued" => "active.normative.made".to_string(),
            _ => match ["apply.other_no_correction.", "apply.other_no_fee.", "apply.other_other."]
                .iter()
                .find_map(|p| id.strip_prefix(p))
            {
                Some(col) => format!("apply.other.{col}"),
                None => id.to_string(),
            },
        },
    }
}

/// The items of a section of table 三's results, in order: "（三）不予公开" gives deny_secret …
/// deny_query. A row known only by its number within its section ("3.") is the item of that number.
pub fn apply_section_items(section: &str) -> Vec<&'static str> {
    APPLY_ROWS
        .iter()
        .filter(|(_, label, _)| label.split_once(' ').is_some_and(|(s, _)| s == section))
        .map(|(id, _, _)| *id)
        .collect()
}

/// The result rows of table 三 (（一）…（六）) whose sum is （七）总计.
pub fn apply_result_rows(f: Format) -> Vec<&'static str> {
    APPLY_ROWS
        .iter()
        .filter(|(id, _, within)| {
            !matches!(*id, "new" | "carried" | "total" | "carry_forward")
                && match within {
                    In::Only(g) => *g == f,
                    _ => true,
                }
        })
        .map(|(id, _, _)| *id)
        .collect()
}

/// Table 四's groups and columns.
pub const REVIEW_GROUPS: &[(&str, &str)] = &[
    ("reconsideration", "行政复议"),
    ("litigation_direct", "行政诉讼·未经复议直接起诉"),
    ("litigation_after", "行政诉讼·复议后起诉"),
];
pub const REVIEW_COLS: &[(&str, &str)] = &[
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
];

/// Table 二's rows: (entity id, label, formats, [(column id, column label)]).
type ActiveRow = (&'static str, &'static str, In, &'static [(&'static str, &'static str)]);
pub const ACTIVE_ROWS: &[ActiveRow] = &[
    (
        "rules",
        "规章",
        In::Only(Format::Gov2021),
        &[("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("valid", "现行有效件数")],
    ),
    (
        "normative",
        "行政规范性文件",
        In::Only(Format::Gov2021),
        &[("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("valid", "现行有效件数")],
    ),
    ("license", "行政许可", In::Only(Format::Gov2021), &[("decisions", "本年处理决定数量")]),
    ("penalty", "行政处罚", In::Only(Format::Gov2021), &[("decisions", "本年处理决定数量")]),
    ("coercion", "行政强制", In::Only(Format::Gov2021), &[("decisions", "本年处理决定数量")]),
    ("fees", "行政事业性收费", In::Only(Format::Gov2021), &[("amount", "本年收费金额（单位：万元）")]),
    (
        "rules",
        "规章",
        In::Only(Format::Gov2019),
        &[("made", "本年新制作数量"), ("published", "本年新公开数量"), ("total_public", "对外公开总数量")],
    ),
    (
        "normative",
        "规范性文件",
        In::Only(Format::Gov2019),
        &[("made", "本年新制作数量"), ("published", "本年新公开数量"), ("total_public", "对外公开总数量")],
    ),
    (
        "license",
        "行政许可",
        In::Only(Format::Gov2019),
        &[("prev_items", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量")],
    ),
    (
        "other_services",
        "其他对外管理服务事项",
        In::Only(Format::Gov2019),
        &[("prev_items", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量")],
    ),
    (
        "penalty",
        "行政处罚",
        In::Only(Format::Gov2019),
        &[("prev_items", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量")],
    ),
    (
        "coercion",
        "行政强制",
        In::Only(Format::Gov2019),
        &[("prev_items", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量")],
    ),
    ("fees", "行政事业性收费", In::Only(Format::Gov2019), &[("prev_items", "上一年项目数量"), ("change", "本年增/减")]),
    ("procurement", "政府集中采购", In::Only(Format::Gov2019), &[("items", "采购项目数量"), ("amount", "采购总金额")]),
];

/// Which part of table 二 a row sits in (the 第二十条 item that heads it).
pub fn active_article(entity: &str) -> &'static str {
    match entity {
        "rules" | "normative" => "第二十条第（一）项",
        "license" | "other_services" => "第二十条第（五）项",
        "penalty" | "coercion" => "第二十条第（六）项",
        "fees" => "第二十条第（八）项",
        _ => "第二十条第（九）项",
    }
}

/// The 统计表 indicators, in the table's order: (id, label, unit).
pub const STATS_ROWS: &[(&str, &str, &str)] = &[
    ("stats.active.total", "（一）主动公开政府信息数", "条"),
    ("stats.active.normative", "其中：主动公开规范性文件数", "条"),
    ("stats.active.normative_issued", "制发规范性文件总数", "件"),
    ("stats.channel.gazette", "1.政府公报公开政府信息数", "条"),
    ("stats.channel.website", "2.政府网站公开政府信息数", "条"),
    ("stats.channel.weibo", "3.政务微博公开政府信息数", "条"),
    ("stats.channel.wechat", "4.政务微信公开政府信息数", "条"),
    ("stats.channel.other", "5.其他方式公开政府信息数", "条"),
    ("stats.response.hotspots", "（一）回应公众关注热点或重大舆情数", "次"),
    ("stats.response.press", "1.参加或举办新闻发布会总次数", "次"),
    ("stats.response.press_leaders", "其中：主要负责同志参加新闻发布会次数", "次"),
    ("stats.response.interviews", "2.政府网站在线访谈次数", "次"),
    ("stats.response.interviews_leaders", "其中：主要负责同志参加政府网站在线访谈次数", "次"),
    ("stats.response.interpretations", "3.政策解读稿件发布数", "篇"),
    ("stats.response.social", "4.微博微信回应事件数", "次"),
    ("stats.response.other", "5.其他方式回应事件数", "次"),
    ("stats.websites.total", "三、开通政府信息公开网站（或设立门户网站信息公开专栏）数", "个"),
    ("stats.websites.city", "（一）市政府部门门户网站", "个"),
    ("stats.websites.county", "（二）县（市、区）政府及其部门门户网站", "个"),
    ("stats.websites.township", "（三）乡镇政府（街道办事处）门户网站", "个"),
    ("stats.reading_points.total", "四、设置政府信息查阅点数", "个"),
    ("stats.reading_points.city", "（一）市政府部门", "个"),
    ("stats.reading_points.county", "（二）县（市、区）政府及其部门", "个"),
    ("stats.reading_points.township", "（三）乡镇政府（街道办事处）", "个"),
    ("stats.visitors.total", "五、查阅点接待人数", "次"),
    ("stats.visitors.city", "（一）市政府及其部门", "次"),
    ("stats.visitors.county", "（二）县（市、区）政府及其部门", "次"),
    ("stats.visitors.township", "（三）乡镇政府（街道办事处）", "次"),
    ("stats.staffing.offices", "（一）政府信息公开工作专门机构数", "个"),
    ("stats.staffing.staff", "（二）从事政府信息公开工作人员数", "人"),
    ("stats.staffing.full_time", "1.专职人员数", "人"),
    ("stats.staffing.part_time", "2.兼职人员数", "人"),
    ("stats.staffing.budget", "（三）政府信息公开专项经费", "万元"),
    ("stats.training.meetings", "（一）召开政府信息公开工作会议或专题会议数", "次"),
    ("stats.training.courses", "（二）举办各类培训班数", "次"),
    ("stats.training.trainees", "（三）接受培训人员数", "人次"),
];

/// Figures that are sums of money in 万元 and may have decimals.
pub const MONEY: &[&str] = &["active.fees.amount", "active.procurement.amount", "stats.staffing.budget"];

/// The figures a total adds up, where a figure is a total: 表三's 总计 column (the six applicant
/// columns of its row), 表三's （七）总计 row (the result rows of its column), 表四's 总计 and the
/// 统计表's wholes. The template writes these as formulas; the checks test the same sums.
pub fn total_parts(id: &str, f: Format) -> Option<Vec<String>> {
    let parts: Vec<&str> = id.split('.').collect();
    match parts.as_slice() {
        ["apply", row, "total"] if *row != "total" => {
            Some(APPLY_COLS[..6].iter().map(|(c, _)| format!("apply.{row}.{c}")).collect())
        }
        ["apply", "total", col] => Some(apply_result_rows(f).iter().map(|r| format!("apply.{r}.{col}")).collect()),
        ["review", group, "total"] => {
            Some(REVIEW_COLS[..4].iter().map(|(c, _)| format!("review.{group}.{c}")).collect())
        }
        // The 统计表's wholes are the indicator table's (see `total_parts_in`).
        ["stats", ..] => total_parts_in(id, f, indicators::national()),
        _ => None,
    }
}

/// [`total_parts`], with the 统计表's wholes taken from an indicator table (the office's own).
pub fn total_parts_in(id: &str, f: Format, table: &indicators::IndicatorTable) -> Option<Vec<String>> {
    if !id.starts_with("stats.") {
        return total_parts(id, f);
    }
    if !table.get(id)?.sum_of_parts {
        return None;
    }
    let parts: Vec<String> = table.parts_of(id).iter().map(|p| p.id.clone()).collect();
    (!parts.is_empty()).then_some(parts)
}

/// May a figure have decimals (万元), on a year's indicator table for the 统计表?
pub fn decimals_in(id: &str, f: Format, table: &indicators::IndicatorTable) -> bool {
    match table.get(id) {
        Some(i) => i.decimals,
        None => def(id, f).is_some_and(|d| d.decimals),
    }
}

static ALL: LazyLock<Vec<FigureDef>> = LazyLock::new(build_all);

fn build_all() -> Vec<FigureDef> {
    let mut v = Vec::new();
    for (entity, label, within, cols) in ACTIVE_ROWS {
        for (col, col_label) in cols.iter() {
            let id = format!("active.{entity}.{col}");
            let money = MONEY.contains(&id.as_str());
            v.push(FigureDef {
                id,
                table: Table::Active,
                within: *within,
                row_label: label,
                col_label,
                unit: if money {
                    "万元"
                } else if *col == "items" {
                    "项"
                } else {
                    "件"
                },
                decimals: money,
                signed: *col == "change",
            });
        }
    }
    for (row, label, within) in APPLY_ROWS {
        for (col, col_label) in APPLY_COLS {
            v.push(FigureDef {
                id: format!("apply.{row}.{col}"),
                table: Table::Apply,
                within: *within,
                row_label: label,
                col_label,
                unit: "件",
                decimals: false,
                signed: false,
            });
        }
    }
    for (group, label) in REVIEW_GROUPS {
        for (col, col_label) in REVIEW_COLS {
            v.push(FigureDef {
                id: format!("review.{group}.{col}"),
                table: Table::Review,
                within: In::Both,
                row_label: label,
                col_label,
                unit: "件",
                decimals: false,
                signed: false,
            });
        }
    }
    for (id, label, unit) in STATS_ROWS {
        v.push(FigureDef {
            id: id.to_string(),
            table: Table::Stats,
            within: In::Stats,
            row_label: label,
            col_label: "",
            unit,
            decimals: MONEY.contains(id),
            signed: false,
        });
    }
    v
}

/// Every figure of every form, in the tables' order. Ids appear once per format they belong to
/// (`active.license.decisions` is in both formats with different neighbours).
pub fn all() -> &'static [FigureDef] {
    &ALL
}

/// The figures of one format, tables 二 三 四, in order.
pub fn figures(f: Format) -> impl Iterator<Item = &'static FigureDef> {
    all().iter().filter(move |d| matches!(d.within, In::Both) || d.within == In::Only(f))
}

/// The 统计表 figures, in order.
pub fn stats_figures() -> impl Iterator<Item = &'static FigureDef> {
    all().iter().filter(|d| d.within == In::Stats)
}

/// Definitions by id, for each format: looked up for every figure of every return, so indexed.
static BY_ID: LazyLock<[rustc_hash::FxHashMap<&'static str, &'static FigureDef>; 2]> = LazyLock::new(|| {
    let index = |f: Format| all().iter().filter(|d| d.in_format(f)).map(|d| (d.id.as_str(), d)).collect();
    [index(Format::Gov2021), index(Format::Gov2019)]
});

/// A figure's id from its table, row and column codes: ("apply", "new", "natural") →
/// "apply.new.natural". Joined, not formatted: the readers build one for every cell they place.
pub fn figure_id(table: &str, row: &str, col: &str) -> String {
    [table, row, col].join(".")
}

/// The definition of an id in a format (or the 统计表).
pub fn def(id: &str, f: Format) -> Option<&'static FigureDef> {
    BY_ID[f as usize].get(id).copied()
}

/// The definition of an id in whichever format has it.
pub fn def_any(id: &str) -> Option<&'static FigureDef> {
    def(id, Format::Gov2021).or_else(|| def(id, Format::Gov2019))
}

/// An id in its form's words ("表三“（一）予以公开”行“自然人”列"), whichever format has it; the
/// id itself where none does.
pub fn describe_any(id: &str) -> String {
    def_any(id).map(|d| d.describe()).unwrap_or_else(|| id.to_string())
}

/// The position of an id in the forms' order (tables 二 三 四 of its format, then the 统计表).
pub fn order(id: &str, f: Format) -> usize {
    static ORDER: LazyLock<[rustc_hash::FxHashMap<&'static str, usize>; 2]> = LazyLock::new(|| {
        let index =
            |f: Format| figures(f).chain(stats_figures()).enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
        [index(Format::Gov2021), index(Format::Gov2019)]
    });
    ORDER[f as usize].get(id).copied().unwrap_or(usize::MAX)
}

/// Where a figure stands among all of a return's, so every output lists figures the same way: the
/// report's tables in the form's order, then the 统计表's indicators in the year's table's order,
/// then indicators of the national table the year's table lacks (kept, as the returns keep them).
pub fn figure_order(id: &str, format: Format, table: &indicators::IndicatorTable) -> usize {
    /// Places before the 统计表: more than the forms have figures.
    const AFTER_FORMS: usize = 1_000_000;
    /// Places before the national indicators a year's table lacks: more than any table has rows.
    const AFTER_TABLE: usize = 2 * AFTER_FORMS;
    // Every indicator's id begins "stats." (an indicator table is refused otherwise).
    if !id.starts_with("stats.") {
        return order(id, format);
    }
    match table.order(id) {
        usize::MAX => AFTER_TABLE + indicators::national().order(id),
        i => AFTER_FORMS + i,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_forms_md() {
        // 10 active + 27 rows × 7 + 15 review in gov2021; 22 + 24×7... computed from FORMS.md by hand.
        assert_eq!(figures(Format::Gov2021).filter(|d| d.table == Table::Active).count(), 10);
        assert_eq!(figures(Format::Gov2019).filter(|d| d.table == Table::Active).count(), 22);
        assert_eq!(figures(Format::Gov2021).filter(|d| d.table == Table::Apply).count(), 25 * 7);
        assert_eq!(figures(Format::Gov2019).filter(|d| d.table == Table::Apply).count(), 23 * 7);
        assert_eq!(stats_figures().count(), 36);
        assert!(def("active.change", Format::Gov2019).is_none());
        assert!(def("active.license.change", Format::Gov2019).unwrap().signed);
        assert!(def("active.fees.amount", Format::Gov2021).unwrap().decimals);
        assert_eq!(apply_result_rows(Format::Gov2021).len(), 21);
        assert_eq!(apply_result_rows(Format::Gov2019).len(), 19);
    }
}
