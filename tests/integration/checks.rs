//! Each rule of FORMS.md broken on purpose: the finding names the rule, every cell involved, and
//! says what the numbers are. The return is still stored as typed.

use crate::common::*;
use nianbao::checks::check;
use nianbao::export::sheet::CellOut;
use nianbao::forms::Format;
use nianbao::generate::Options;
use nianbao::import;
use nianbao::model::{Finding, Rule};

fn read_with(figs: &std::collections::BTreeMap<String, f64>, format: Format, stats: bool) -> nianbao::model::Return {
    let dir = tempdir();
    let mut o = Options::new(format);
    o.stats = stats;
    let y = if format == Format::Gov2021 { 2021 } else { 2020 };
    let p = write_return(dir.path(), &format!("{y}-校验测试局.xlsx"), &o, figs);
    import::read(&p, &Default::default()).unwrap()
}

/// The findings of one rule, named by its value (a misspelt rule does not compile).
fn only(findings: &[Finding], rule: Rule) -> Vec<Finding> {
    findings.iter().filter(|f| f.rule == rule).cloned().collect()
}

#[test]
fn row_total() {
    let mut figs = figures(Format::Gov2021, false, 21);
    figs.insert("apply.open.natural".into(), figs["apply.open.natural"] + 1.0);
    let ret = read_with(&figs, Format::Gov2021, false);
    let f = only(&check(&ret), Rule::RowTotal);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].cells[0], "apply.open.total");
    assert!(f[0].cells.contains(&"apply.open.natural".to_string()));
    assert!(f[0].message.contains("（一）予以公开"), "{}", f[0].message);
    assert!(f[0].message.contains(&format!("合计填的是 {}", figs["apply.open.total"])), "{}", f[0].message);
    // The parts of a row's total are named by their columns.
    assert!(f[0].message.contains(&format!("（自然人 {}", figs["apply.open.natural"])), "{}", f[0].message);
    assert!(f[0].refs[0].ends_with("J6"), "{:?}", f[0].refs);
    // The same change also breaks the column's results total, not the balance (三 is unchanged).
    assert_eq!(only(&check(&ret), Rule::ResultsTotal).len(), 1);
    assert!(only(&check(&ret), Rule::Balance).is_empty());
    // Stored as typed: the importer did not "fix" it.
    assert_eq!(ret.value("apply.open.natural"), Some(figs["apply.open.natural"]));
}

#[test]
fn results_total_and_balance() {
    let mut figs = figures(Format::Gov2019, false, 22);
    // （七）总计 of 商业企业 one too many, and its row total kept right: results and balance break.
    figs.insert("apply.total.business".into(), figs["apply.total.business"] + 1.0);
    figs.insert("apply.total.total".into(), figs["apply.total.total"] + 1.0);
    let ret = read_with(&figs, Format::Gov2019, false);
    let all = check(&ret);
    let results = only(&all, Rule::ResultsTotal);
    assert_eq!(results.len(), 2, "{results:?}"); // 商业企业 and 总计 columns
    assert!(results
        .iter()
        .any(|f| f.cells[0] == "apply.total.business" && f.cells.contains(&"apply.other.business".to_string())));
    // The parts of a column's total are named by their rows, a sub-row by its own words.
    let business = results.iter().find(|f| f.cells[0] == "apply.total.business").unwrap();
    let partly = format!("（二）部分公开 {}", figs["apply.partial.business"]);
    assert!(
        business.message.contains(&partly) && business.message.contains(" + 3.危及“三安全一稳定” "),
        "{}",
        business.message
    );
    let balance = only(&all, Rule::Balance);
    assert_eq!(balance.len(), 2);
    assert!(balance[0].message.contains("第一项加第二项之和"), "{}", balance[0].message);
    assert_eq!(balance[0].cells.len(), 4);
    assert!(only(&all, Rule::RowTotal).is_empty());
}

#[test]
fn review_total_and_whole_numbers_and_unreadable() {
    let mut figs = figures(Format::Gov2021, false, 23);
    figs.insert("review.litigation_after.total".into(), figs["review.litigation_after.total"] + 2.0);
    figs.insert("active.rules.issued".into(), 2.5);
    figs.insert("active.fees.amount".into(), 3.75);
    let dir = tempdir();
    let mut o = Options::new(Format::Gov2021);
    o.value =
        |id, v| if id == "active.license.decisions" { CellOut::Text("见附件".into()) } else { CellOut::Number(v) };
    let p = write_return(dir.path(), "2021-校验测试局.xlsx", &o, &figs);
    let ret = import::read(&p, &Default::default()).unwrap();
    let all = check(&ret);
    let review = only(&all, Rule::ReviewTotal);
    assert_eq!(review.len(), 1);
    assert_eq!(review[0].cells[0], "review.litigation_after.total");
    assert!(review[0].message.contains("复议后起诉"));
    let whole = only(&all, Rule::Whole);
    assert_eq!(whole.len(), 1, "money may have decimals, counts may not: {whole:?}");
    assert_eq!(whole[0].cells, vec!["active.rules.issued".to_string()]);
    assert!(whole[0].message.contains("2.5"));
    let unreadable = only(&all, Rule::Unreadable);
    assert_eq!(unreadable.len(), 1);
    assert!(unreadable[0].message.contains("见附件"));
    assert_eq!(ret.figure("active.license.decisions").unwrap().raw, "见附件");
    assert_eq!(ret.value("active.license.decisions"), None);
}

#[test]
fn parts_of_a_whole_in_the_stats_table() {
    let mut figs = figures(Format::Gov2021, true, 24);
    figs.insert("stats.visitors.total".into(), figs["stats.visitors.total"] + 5.0);
    // A part of nought is left out of the sum the finding spells out.
    figs.insert("stats.visitors.city".into(), 0.0);
    figs.insert("stats.staffing.part_time".into(), figs["stats.staffing.part_time"] + 1.0);
    figs.insert("stats.response.press_leaders".into(), figs["stats.response.press"] + 1.0);
    let ret = read_with(&figs, Format::Gov2021, true);
    let parts = only(&check(&ret), Rule::Parts);
    assert_eq!(parts.len(), 3, "{parts:?}");
    let visitors = parts.iter().find(|f| f.cells[0] == "stats.visitors.total" && f.cells.len() == 4).unwrap();
    let table = nianbao::forms::indicators::IndicatorTable::national();
    let label = |id: &str| table.indicators.iter().find(|i| i.id == id).unwrap().label.clone();
    let county = format!("{} {}", label("stats.visitors.county"), figs["stats.visitors.county"]);
    assert!(visitors.message.contains(&county), "{}", visitors.message);
    assert!(!visitors.message.contains(&label("stats.visitors.city")), "{}", visitors.message);
    assert!(parts.iter().any(|f| f.cells[0] == "stats.staffing.staff"));
    assert!(parts
        .iter()
        .any(|f| f.cells == vec!["stats.response.press_leaders".to_string(), "stats.response.press".to_string()]));
}

#[test]
fn negative_change_is_allowed_but_a_negative_count_is_not() {
    let mut figs = figures(Format::Gov2019, false, 25);
    figs.insert("active.penalty.change".into(), -3.0);
    figs.insert("active.penalty.prev_items".into(), -1.0);
    let ret = read_with(&figs, Format::Gov2019, false);
    let whole = only(&check(&ret), Rule::Whole);
    assert_eq!(whole.len(), 1);
    assert_eq!(whole[0].cells, vec!["active.penalty.prev_items".to_string()]);
}

/// A value too small to print (4.9e-324 shows as "0" rounded) is quoted as the agency typed it:
/// "填的是 0，应为不小于 0 的整数" would read as no mistake at all.
#[test]
fn a_bad_count_is_quoted_as_typed() {
    let figs = figures(Format::Gov2021, false, 27);
    let mut ret = read_with(&figs, Format::Gov2021, false);
    let f = ret.figures.iter_mut().find(|f| f.id == "apply.open.natural").unwrap();
    (f.value, f.raw) = (Some(4.9e-324), "4.9E-324".into());
    let whole = only(&check(&ret), Rule::Whole);
    assert_eq!(whole.len(), 1);
    assert!(whole[0].message.contains("填的是 4.9E-324"), "{}", whole[0].message);
}

#[test]
fn missing_table() {
    let dir = tempdir();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let mut figs = figures(Format::Gov2021, false, 26);
    // Its one table is checked all the same: 表四's total one too many.
    *figs.get_mut("review.reconsideration.total").unwrap() += 1.0;
    let ws = wb.add_worksheet();
    let lay = nianbao::forms::layout::layout(nianbao::forms::Table::Review, Format::Gov2021);
    nianbao::export::sheet::draw(
        ws,
        &lay,
        (0, 0),
        &nianbao::export::sheet::Styles::new("宋体"),
        &|s| s.into(),
        &mut |id| CellOut::Number(figs[id]),
        false,
    )
    .unwrap();
    let p = dir.path().join("2021-只报了表四的局.xlsx");
    wb.save(&p).unwrap();
    let ret = import::read(&p, &Default::default()).unwrap();
    let f = only(&check(&ret), Rule::Missing);
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("主动公开政府信息情况") && f[0].message.contains("收到和处理政府信息公开申请情况"));
    let total = only(&check(&ret), Rule::ReviewTotal);
    assert_eq!(total.len(), 1, "{total:?}");
    assert_eq!(total[0].cells[0], "review.reconsideration.total");
}

/// A 统计表 indicator has decimals or not as the year's indicator table says: 2.5 on the national
/// table is said, on a table that lets that indicator have decimals it is not.
#[test]
fn a_stats_indicator_follows_the_years_table_for_decimals() {
    let mut figs = figures(Format::Gov2021, true, 27);
    figs.insert("stats.channel.website".into(), 2.5);
    let mut ret = read_with(&figs, Format::Gov2021, true);
    let said = |ret: &nianbao::model::Return| {
        only(&check(ret), Rule::Whole).iter().any(|f| f.cells == ["stats.channel.website"])
    };
    assert!(said(&ret));
    let mut table = nianbao::forms::indicators::IndicatorTable::national();
    table.indicators.iter_mut().find(|i| i.id == "stats.channel.website").unwrap().decimals = true;
    ret.indicators = Some(std::sync::Arc::new(table));
    assert!(!said(&ret));
}

/// A report document whose tables were read but one is missing is told which table is missing,
/// not that its tables could not be read; a return on another year's form is told so whichever of
/// 表二 and 表三 it has.
#[test]
fn a_missing_table_of_a_document_and_the_form_of_another_year() {
    use nianbao::forms::Table;
    let dir = tempdir();
    let figs = figures(Format::Gov2021, false, 28);
    let p = dir.path().join("2021-某某局.docx");
    let docx = crate::documents::report_docx(&figs, crate::documents::Headings::AutoNumbered, false);
    std::fs::write(&p, docx).unwrap();
    let mut ret = import::read(&p, &Default::default()).unwrap();
    ret.tables.retain(|t| *t != Table::Review);
    let f = only(&check(&ret), Rule::Missing);
    assert!(f.len() == 1 && f[0].message.starts_with("报表中没有找到“"), "{f:?}");
    let p = write_return(
        dir.path(),
        "2021-旧表局.xlsx",
        &Options::new(Format::Gov2019),
        &figures(Format::Gov2019, false, 29),
    );
    let mut ret = import::read(&p, &Default::default()).unwrap();
    assert_eq!(only(&check(&ret), Rule::FormatYear).len(), 1);
    ret.tables.retain(|t| *t != Table::Active);
    assert_eq!(only(&check(&ret), Rule::FormatYear).len(), 1, "表三 alone tells the form");
}
