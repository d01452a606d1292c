//! The consistency rules (勾稽关系) of FORMS.md. Checks report; they never change a figure.
//! Each finding names its rule, every figure involved, the cells they came from, and says in plain
//! words which row and column, what the numbers are and what they should add up to.

use crate::forms::{self, Format, Table, APPLY_COLS, REVIEW_GROUPS};
use crate::model::{Figure, Finding, Return, Rule};
use crate::text::fmt_num;

pub mod document;
mod five;
mod likeness;
pub mod words;

pub use document::{compare, review};
pub use five::five_followed_up;
pub use words::text_findings;

/// A return's figures by id, for the many look-ups of the rules.
struct View<'a> {
    by_id: rustc_hash::FxHashMap<&'a str, &'a Figure>,
}

impl<'a> View<'a> {
    fn new(ret: &'a Return) -> View<'a> {
        View { by_id: ret.figures.iter().map(|f| (f.id.as_str(), f)).collect() }
    }
    fn get(&self, id: &str) -> Option<(f64, &Figure)> {
        let f = self.by_id.get(id)?;
        Some((f.value?, f))
    }
    fn where_(&self, id: &str) -> String {
        self.by_id.get(id).map(|f| format!("{}!{}", f.sheet, f.cell)).unwrap_or_default()
    }
}

fn col_label(id: &str, f: Format) -> &'static str {
    forms::def(id, f).map(|d| if d.col_label.is_empty() { d.row_label } else { d.col_label }).unwrap_or("")
}

/// Every rule that needs only the return itself (and, for a report document, its words).
pub fn check(ret: &Return) -> Vec<Finding> {
    let v = View::new(ret);
    let mut out = Vec::new();
    whole_numbers(ret, &mut out);
    if ret.has_table(Table::Apply) {
        table_sums(&v, Table::Apply, ret.format, &mut out);
        apply_balance(&v, &mut out);
    }
    if ret.has_table(Table::Review) {
        table_sums(&v, Table::Review, ret.format, &mut out);
    }
    if ret.has_table(Table::Stats) {
        stats_parts(&v, ret, &mut out);
    }
    if ret.has_table(Table::Active) {
        rules_made_by(&v, ret, &mut out);
    }
    stats_rows(ret, &mut out);
    blank_cells(ret, &mut out);
    missing_tables(ret, &mut out);
    format_for_year(ret, &mut out);
    if ret.document.is_some() {
        out.extend(review(ret));
    }
    out
}

/// 规章 reported by a county's department or township (or in the county's own sums): under the
/// 立法法 only 国务院部门 and the governments of provinces, 设区的市 and 自治州 make 规章 — a
/// question to the agency (often 行政规范性文件 entered one row too high).
fn rules_made_by(v: &View, ret: &Return, out: &mut Vec<Finding>) {
    let ids: &[&str] = match ret.format {
        Format::Gov2021 => &["active.rules.issued", "active.rules.repealed", "active.rules.valid"],
        Format::Gov2019 => &["active.rules.made", "active.rules.published", "active.rules.total_public"],
    };
    let filled: Vec<(&str, f64)> =
        ids.iter().filter_map(|id| v.get(id).map(|(x, _)| (*id, x))).filter(|(_, x)| *x > 0.0).collect();
    if filled.is_empty() {
        return;
    }
    let cells: Vec<String> = filled.iter().map(|(id, _)| id.to_string()).collect();
    let refs: Vec<String> = cells.iter().map(|c| v.where_(c)).collect();
    let what: Vec<String> =
        filled.iter().map(|(id, x)| format!("{} {} 件", col_label(id, ret.format), fmt_num(*x))).collect();
    out.push(Finding {
        rule: Rule::RulesMadeBy,
        message: format!(
            "表二“规章”填了{}（{}）：按《立法法》，规章由国务院部门和省、自治区、直辖市及设区的市、自治州的人民政府制定，县级部门和乡镇、街道不制定规章，请核实是否应填在“行政规范性文件”一行。",
            what.join("、"),
            refs.join("、")
        ),
        cells,
        refs,
    });
}

/// Whole numbers: every count a whole number ≥ 0 (本年增/减 may be negative, 万元 may have
/// decimals); text that is no number is reported as unreadable.
fn whole_numbers(ret: &Return, out: &mut Vec<Finding>) {
    for fig in &ret.figures {
        // (may it have decimals, may it be below zero); the name is spelled only for a finding.
        let (decimals, signed) = match forms::def(&fig.id, ret.format) {
            Some(d) if d.table != Table::Stats => (d.decimals, d.signed),
            // A 统计表 indicator follows the year's indicator table (the office's own included).
            _ if fig.id.starts_with("stats.") => (ret.allows_decimals(&fig.id), false),
            _ => continue,
        };
        let name = || ret.describe(&fig.id);
        let at = || format!("{}!{}", fig.sheet, fig.cell);
        match fig.value {
            None => out.push(Finding {
                rule: Rule::Unreadable,
                cells: vec![fig.id.clone()],
                refs: vec![at()],
                message: if crate::text::is_invalid_number(&fig.raw) {
                    format!("{}填的是“{}”（{}），不是有效数字，请核对后改为数字。", name(), fig.raw, at())
                } else {
                    format!("{}填的是“{}”（{}），不是数字，请核对后改为数字。", name(), fig.raw, at())
                },
            }),
            Some(x) => {
                let bad_fraction = !decimals && x.fract() != 0.0;
                let bad_sign = !signed && x < 0.0;
                if bad_fraction || bad_sign {
                    let what = if decimals {
                        "应为不小于 0 的数"
                    } else if signed {
                        "应为整数"
                    } else {
                        "应为不小于 0 的整数"
                    };
                    out.push(Finding {
                        rule: Rule::Whole,
                        cells: vec![fig.id.clone()],
                        refs: vec![at()],
                        // Quoted as typed: 4.9e-324 rounds to "0", which would read as no mistake.
                        message: format!("{}填的是 {}（{}），{}。", name(), typed(&fig.raw, x), at(), what),
                    });
                }
            }
        }
    }
}

/// A figure as the agency typed it (the raw text the store keeps), else as read.
fn typed(raw: &str, value: f64) -> String {
    let raw = crate::text::strip_invisible(raw.trim());
    if raw.is_empty() || raw.chars().count() > 24 {
        fmt_num(value)
    } else {
        raw
    }
}

/// One sum of tables 三 and 四: a whole, the parts it adds up to, and how a finding names them.
struct SumRule {
    rule: Rule,
    table: Table,
    whole: String,
    parts: Vec<String>,
    place: String,
    what: &'static str,
}

/// Every sum of tables 三 and 四 in each format, from the forms, built once: row totals (every
/// row of 三: 总计 = the six applicant columns), results totals (every column of 三: （七）总计 = the
/// result rows) and review totals (every group of 四: 总计 = 维持 + 纠正 + 其他 + 尚未审结).
static SUM_RULES: std::sync::LazyLock<[Vec<SumRule>; 2]> =
    std::sync::LazyLock::new(|| [sum_rules(Format::Gov2021), sum_rules(Format::Gov2019)]);

fn sum_rules(f: Format) -> Vec<SumRule> {
    let mut rules = Vec::new();
    for (row, row_label, _) in forms::APPLY_ROWS {
        let whole = forms::figure_id("apply", row, "total");
        if forms::def(&whole, f).is_none() {
            continue;
        }
        // The six applicant columns; for the （七）总计 row too, whose total is also a results total.
        let parts: Vec<String> = APPLY_COLS[..6].iter().map(|(c, _)| forms::figure_id("apply", row, c)).collect();
        debug_assert!(*row == "total" || forms::total_parts(&whole, f).as_ref() == Some(&parts));
        let place = format!("表三“{row_label}”行");
        rules.push(SumRule {
            rule: Rule::RowTotal, table: Table::Apply, whole, parts, place, what: "六类申请人之和"
        });
    }
    for (col, col_name) in APPLY_COLS {
        let whole = forms::figure_id("apply", "total", col);
        let parts = forms::total_parts(&whole, f).unwrap_or_default();
        let place = format!("表三“{col_name}”列的（七）总计");
        let what = "（一）至（六）各项办理结果之和";
        rules.push(SumRule { rule: Rule::ResultsTotal, table: Table::Apply, whole, parts, place, what });
    }
    for (group, group_label) in REVIEW_GROUPS {
        let whole = forms::figure_id("review", group, "total");
        let parts = forms::total_parts(&whole, f).unwrap_or_default();
        let place = format!("表四“{group_label}”");
        let what = "维持、纠正、其他结果、尚未审结之和";
        rules.push(SumRule { rule: Rule::ReviewTotal, table: Table::Review, whole, parts, place, what });
    }
    rules
}

/// The sums of one table (三 or 四) of a return.
fn table_sums(v: &View, table: Table, f: Format, out: &mut Vec<Finding>) {
    for r in SUM_RULES[f as usize].iter().filter(|r| r.table == table) {
        sum_rule(v, out, r, f);
    }
}

/// Balance of table 三, column by column: 一 + 二 = 三 + 四.
fn apply_balance(v: &View, out: &mut Vec<Finding>) {
    static BALANCES: std::sync::LazyLock<Vec<[String; 4]>> = std::sync::LazyLock::new(|| {
        APPLY_COLS
            .iter()
            .map(|(col, _)| ["new", "carried", "total", "carry_forward"].map(|row| forms::figure_id("apply", row, col)))
            .collect()
    });
    for (ids, (_, col_name)) in BALANCES.iter().zip(APPLY_COLS) {
        let [Some(a), Some(b), Some(c), Some(d)] = [0, 1, 2, 3].map(|i| v.get(&ids[i]).map(|x| x.0)) else { continue };
        if (a + b - c - d).abs() <= 1e-6 {
            continue;
        }
        out.push(Finding {
            rule: Rule::Balance,
            cells: ids.to_vec(),
            refs: ids.iter().map(|i| v.where_(i)).collect(),
            message: format!(
                "表三“{col_name}”列：本年新收 {} + 上年结转 {} = {}，但办理结果总计 {} + 结转下年度 {} = {}，两者应相等（第一项加第二项之和，等于第三项加第四项之和）。（{}）",
                fmt_num(a), fmt_num(b), fmt_num(a + b), fmt_num(c), fmt_num(d), fmt_num(c + d),
                ids.iter().map(|i| v.where_(i)).collect::<Vec<_>>().join("、")
            ),
        });
    }
}

/// Parts of a whole in the 统计表: totals and their parts, and 其中 not above its whole.
fn stats_parts(v: &View, ret: &Return, out: &mut Vec<Finding>) {
    let table = ret.indicator_table();
    for whole in &table.indicators {
        let parts = table.parts_of(&whole.id);
        if parts.is_empty() {
            continue;
        }
        let Some((w, _)) = v.get(&whole.id) else { continue };
        let ids: Vec<&str> = parts.iter().map(|p| p.id.as_str()).collect();
        // A whole that is the sum of its parts: they add up to it, when all are filled.
        if whole.sum_of_parts {
            let values: Option<Vec<f64>> = ids.iter().map(|p| v.get(p).map(|x| x.0)).collect();
            if let Some(values) = values {
                let sum: f64 = values.iter().sum();
                if (w - sum).abs() > 1e-6 {
                    let terms: Vec<String> = parts
                        .iter()
                        .zip(&values)
                        .filter(|(_, x)| **x != 0.0)
                        .map(|(p, x)| format!("{} {}", p.label, fmt_num(*x)))
                        .collect();
                    let breakdown = if terms.is_empty() { "各项均为 0".to_string() } else { terms.join(" + ") };
                    let mut cells = vec![whole.id.clone()];
                    cells.extend(ids.iter().map(|s| s.to_string()));
                    let refs: Vec<String> = cells.iter().map(|c| v.where_(c)).collect();
                    out.push(Finding {
                        rule: Rule::Parts,
                        message: format!(
                            "{}：合计填的是 {}，但各组成部分之和为 {}（{breakdown}），两者应相等。（{}）",
                            ret.describe(&whole.id),
                            fmt_num(w),
                            fmt_num(sum),
                            refs[0]
                        ),
                        cells,
                        refs,
                    });
                }
                continue;
            }
        }
        // Otherwise each part (其中) is never above its whole.
        for p in &parts {
            let Some((x, _)) = v.get(&p.id) else { continue };
            if x <= w + 1e-6 {
                continue;
            }
            out.push(Finding {
                rule: Rule::Parts,
                cells: vec![p.id.clone(), whole.id.clone()],
                refs: vec![v.where_(&p.id), v.where_(&whole.id)],
                message: format!(
                    "{} 为 {}，大于它所属的{} {}，“其中”数不能超过总数。（{}、{}）",
                    ret.describe(&p.id),
                    fmt_num(x),
                    ret.describe(&whole.id),
                    fmt_num(w),
                    v.where_(&p.id),
                    v.where_(&whole.id)
                ),
            });
        }
    }
}

/// 统计表 rows the year's indicator table does not have: a row that is no indicator at all, and
/// an indicator of the national table the office's table leaves out (kept, and said).
fn stats_rows(ret: &Return, out: &mut Vec<Finding>) {
    for r in &ret.unplaced {
        let at = format!("{}!{}", r.sheet, r.cell);
        out.push(Finding {
            rule: Rule::Unplaced,
            cells: vec![],
            refs: vec![at.clone()],
            message: format!(
                "统计表“{}”一行（{at}，填的是“{}”）不是本年指标表中的指标，这个数没有计入，请核对这一行的名称或所在栏目。",
                r.label, r.raw
            ),
        });
    }
    if ret.not_in_table.is_empty() {
        return;
    }
    let v = View::new(ret);
    for id in &ret.not_in_table {
        out.push(Finding {
            rule: Rule::NotInTable,
            cells: vec![id.clone()],
            refs: vec![v.where_(id)],
            message: format!(
                "{}（{}）不在本年的统计表指标表中：数据已保留，汇总和导出按本年指标表进行。",
                ret.describe(id),
                v.where_(id)
            ),
        });
    }
}

/// Cells of a table left blank or filled with "/" where the form wants a number: read as 0 (the
/// office's convention), but said once a table so the agency fills in 0 next time.
fn blank_cells(ret: &Return, out: &mut Vec<Finding>) {
    if ret.source.is_document() {
        return; // a report's tables print blanks as typed; the return is where figures are filled in
    }
    for t in [Table::Active, Table::Apply, Table::Review] {
        let blank: Vec<&crate::model::Figure> = ret
            .figures
            .iter()
            .filter(|f| f.id.starts_with(&format!("{}.", t.code())))
            .filter(|f| matches!(f.raw.trim(), "" | "/" | "／" | "\\"))
            .collect();
        if blank.is_empty() {
            continue;
        }
        let cells: Vec<String> = blank.iter().map(|f| f.cell.clone()).collect();
        let shown: Vec<&str> = cells.iter().take(8).map(String::as_str).collect();
        let more = if cells.len() > 8 { format!("等 {} 个", cells.len()) } else { String::new() };
        out.push(Finding {
            rule: Rule::BlankCell,
            cells: blank.iter().map(|f| f.id.clone()).collect(),
            refs: blank.iter().map(|f| format!("{}!{}", f.sheet, f.cell)).collect(),
            message: format!(
                "{}有 {} 个单元格空白或填“/”（{}{more}），已按 0 计；请填写数字，没有的填 0。",
                t.short(),
                cells.len(),
                shown.join("、")
            ),
        });
    }
}

/// 表二 现行有效件数 of 规章 and 规范性文件 against last year's + this year's 制发 − 废止: a
/// question to the agency, never "应为": 30号 prints no such relation (documents lapse at the end of
/// their 有效期, are amended and re-issued, or are declared void in a 清理 without a 废止 count).
fn valid_carried(this: &Return, last: &Return) -> Vec<Finding> {
    let mut out = Vec::new();
    if this.format != Format::Gov2021 || last.format != Format::Gov2021 {
        return out;
    }
    for (kind, name) in [("rules", "规章"), ("normative", "行政规范性文件")] {
        let id = |c: &str| format!("active.{kind}.{c}");
        let (Some(before), Some(issued), Some(repealed), Some(now)) = (
            last.value(&id("valid")),
            this.value(&id("issued")),
            this.value(&id("repealed")),
            this.value(&id("valid")),
        ) else {
            continue;
        };
        let want = before + issued - repealed;
        if (want - now).abs() > 1e-6 {
            let at =
                |r: &Return, c: &str| r.figure(&id(c)).map(|f| format!("{}!{}", f.sheet, f.cell)).unwrap_or_default();
            out.push(Finding {
                rule: Rule::ValidCarried,
                cells: vec![id("valid"), id("issued"), id("repealed")],
                refs: vec![at(this, "valid"), at(this, "issued"), at(this, "repealed")],
                message: format!(
                    "表二“{name}”：上年现行有效 {} 件 + 本年制发 {} 件 − 本年废止 {} 件 = {} 件，本年现行有效填 {} 件（{}）：文件有效期届满、修改后重新印发或清理中宣布失效的，不计入废止件数，请核对或在报告中说明。",
                    fmt_num(before),
                    fmt_num(issued),
                    fmt_num(repealed),
                    fmt_num(want),
                    fmt_num(now),
                    at(this, "valid")
                ),
            });
        }
    }
    out
}

/// A table of the report that is not in the return at all.
fn missing_tables(ret: &Return, out: &mut Vec<Finding>) {
    let missing: Vec<Table> =
        [Table::Active, Table::Apply, Table::Review].into_iter().filter(|t| !ret.has_table(*t)).collect();
    if missing.is_empty() {
        return;
    }
    let names = missing.iter().map(|t| format!("“{}”", t.title())).collect::<Vec<_>>().join("、");
    let message = if ret.source.is_document() && ret.tables.is_empty() {
        format!(
            "报告中没有可读取的表格（表格可能是以图片形式插入的，或是 2019 年以前的旧式报告），缺少{names}；章节文字已导入，请让报送单位补报 Excel 报表。"
        )
    } else {
        format!("报表中没有找到{names}，年度报告需要这些表格，请让报送单位补报。")
    };
    out.push(Finding::about(Rule::Missing, message));
}

/// A 2021 report on the 2019 form, or the other way round.
fn format_for_year(ret: &Return, out: &mut Vec<Finding>) {
    let Some(y) = ret.year else { return };
    let expected = Format::for_year(y);
    if expected != ret.format && (ret.has_table(Table::Active) || ret.has_table(Table::Apply)) {
        out.push(Finding {
            rule: Rule::FormatYear,
            cells: vec![],
            refs: vec![],
            message: format!("这是 {y} 年的报表，应使用{}，但表格是{}。", expected.name(), ret.format.name()),
        });
    }
}

fn sum_rule(v: &View, out: &mut Vec<Finding>, r: &SumRule, f: Format) {
    let SumRule { rule, whole, parts, place, what, .. } = r;
    // Most returns pass: add up first, and spend on words only when a sum is off.
    let Some((w, _)) = v.get(whole) else { return };
    let mut sum = 0.0;
    for p in parts {
        let Some((x, _)) = v.get(p) else { return };
        sum += x;
    }
    if (w - sum).abs() <= 1e-6 {
        return;
    }
    let terms: Vec<String> = parts
        .iter()
        .map(|p| format!("{} {}", part_name(p, parts, f), fmt_num(v.get(p).map(|x| x.0).unwrap_or(0.0))))
        .collect();
    let mut cells = vec![whole.clone()];
    cells.extend(parts.iter().cloned());
    let refs: Vec<String> = cells.iter().map(|c| v.where_(c)).collect();
    let shown: Vec<&String> = terms.iter().filter(|t| !t.ends_with(" 0")).collect();
    let breakdown = if shown.is_empty() {
        "各项均为 0".to_string()
    } else {
        shown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" + ")
    };
    out.push(Finding {
        rule: *rule,
        cells,
        message: format!(
            "{place}：合计填的是 {}，但{what}为 {}（{breakdown}），两者应相等。（{}）",
            fmt_num(w),
            fmt_num(sum),
            refs[0]
        ),
        refs,
    });
}

/// How a part is named in a sum: by its column when the parts share a row, else by its row.
fn part_name(id: &str, parts: &[String], f: Format) -> &'static str {
    let row = |i: &str| forms::def(i, f).map(|d| d.row_label).unwrap_or("");
    if parts.iter().all(|p| row(p) == row(id)) {
        col_label(id, f)
    } else {
        short(row(id))
    }
}

/// A row label shortened for a sum: "（三）不予公开 1.属于国家秘密" → "1.属于国家秘密".
fn short(label: &str) -> &str {
    label.rsplit(' ').next().unwrap_or(label)
}

/// Carried from last year: this year's 上年结转 equals last year's 结转下年度, column by column.
pub fn check_carried(this: &Return, last: &Return) -> Vec<Finding> {
    let mut out = valid_carried(this, last);
    if !this.has_table(Table::Apply) || !last.has_table(Table::Apply) {
        return out;
    }
    for (col, col_name) in APPLY_COLS {
        let now_id = format!("apply.carried.{col}");
        let before_id = format!("apply.carry_forward.{col}");
        let (Some(now), Some(before)) = (this.figure(&now_id), last.figure(&before_id)) else { continue };
        let (Some(a), Some(b)) = (now.value, before.value) else { continue };
        if (a - b).abs() > 1e-6 {
            out.push(Finding {
                rule: Rule::Carried,
                cells: vec![now_id, before_id],
                refs: vec![format!("{}!{}", now.sheet, now.cell), format!("{}年报表 {}!{}", last.year.unwrap_or(0), before.sheet, before.cell)],
                message: format!(
                    "表三“{col_name}”列：本年“上年结转”填的是 {}（{}!{}），但{}年报表“结转下年度继续办理”为 {}，两者应相等。",
                    fmt_num(a),
                    now.sheet,
                    now.cell,
                    last.year.map(|y| y.to_string()).unwrap_or_default(),
                    fmt_num(b)
                ),
            });
        }
    }
    out
}
