//! Every review rule both ways: a good report gets no finding from it, the same report with one
//! thing wrong gets that rule's finding (and, where figures are involved, their cells). The good
//! report is a Word document as offices type it (real_pages::office_docx), its text made neutral
//! where it stated numbers; each bad one changes one thing of it.

use crate::common::{figures, tempdir};
use nianbao::checks;
use nianbao::forms::Format;
use nianbao::model::{DocSection, Return, Rule};

pub(crate) fn good() -> Return {
    let dir = tempdir();
    let figs = figures(Format::Gov2021, false, 77);
    let path = dir.path().join("许家湖镇年报.docx");
    std::fs::write(&path, crate::real_pages::office_docx(&figs)).unwrap();
    let mut ret = nianbao::import::read(&path, &Default::default()).unwrap();
    let doc = ret.document.as_mut().unwrap();
    for s in &mut doc.sections {
        if s.key == "一（一）" {
            s.text = "坚持以公开为常态，做好主动公开。".into();
        }
    }
    // The statements the figures call for, written as a good report writes them.
    let six = doc.sections.iter_mut().find(|s| s.key == "六").unwrap();
    six.text = "本机关未收取信息处理费。全年依法办理政府信息公开申请，行政复议、行政诉讼情况见表四。".into();
    ret
}

fn of_rule(ret: &Return, rule: Rule) -> Vec<nianbao::model::Finding> {
    checks::check(ret).into_iter().filter(|f| f.rule == rule).collect()
}

fn without(ret: &Return, key: &str) -> Return {
    let mut r = ret.clone();
    let doc = r.document.as_mut().unwrap();
    doc.headings.retain(|h| h != key);
    doc.sections.retain(|s| s.key != key);
    r
}

#[test]
fn the_good_report_gets_no_review_finding() {
    let ret = good();
    let review: Vec<_> = checks::check(&ret).into_iter().filter(|f| f.rule.is_about_document()).collect();
    assert!(review.is_empty(), "{review:#?}");
}

#[test]
fn report_parts_both_ways() {
    let ret = good();
    assert!(of_rule(&ret, Rule::ReportParts).is_empty());
    // A part of 一 missing: named.
    let f = of_rule(&without(&ret, "一（三）"), Rule::ReportParts);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].message.contains("（三）政府信息管理"), "{}", f[0].message);
    // Without its heading but covered in 一's words (run in, 一是…五是): no part is missing.
    let mut run_in = without(&ret, "一（三）");
    let one = run_in.document.as_mut().unwrap().sections.iter_mut().find(|s| s.key == "一（二）").unwrap();
    one.text.push_str("三是加强政府信息管理，开展规范性文件清理。");
    assert!(of_rule(&run_in, Rule::ReportParts).is_empty(), "the topic is covered by its words");
    // A top part missing.
    assert!(of_rule(&without(&ret, "五"), Rule::ReportParts)[0].message.contains("五、存在的主要问题及改进情况"));
    // Out of order: 五 before 四.
    let mut swapped = ret.clone();
    let h = &mut swapped.document.as_mut().unwrap().headings;
    let (i, j) = (h.iter().position(|x| x == "四").unwrap(), h.iter().position(|x| x == "五").unwrap());
    h.swap(i, j);
    let f = of_rule(&swapped, Rule::ReportParts);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].message.contains("顺序"), "{}", f[0].message);
    assert!(
        f[0].message.contains("“四、政府信息公开行政复议、行政诉讼情况”排在“五、存在的主要问题及改进情况”之后"),
        "the two parts named: {}",
        f[0].message
    );
    // A 2019-format report has no parts of 一 to miss.
    let mut old = without(&ret, "一（三）");
    old.format = Format::Gov2019;
    old.year = Some(2020);
    assert!(of_rule(&old, Rule::ReportParts).is_empty());
}

#[test]
fn reporting_period_both_ways() {
    let ret = good();
    assert!(of_rule(&ret, Rule::ReportingPeriod).is_empty());
    let mut none = ret.clone();
    none.document.as_mut().unwrap().preamble = "本报告按照条例编制。".into();
    let f = of_rule(&none, Rule::ReportingPeriod);
    assert!(f.len() == 1 && f[0].message.contains("统计期限"), "{f:?}");
    // Compact dates are this year's too: only a year is read as one.
    let mut compact = ret.clone();
    compact.document.as_mut().unwrap().preamble = "本报告统计期限为20210101至20211231。".into();
    assert!(of_rule(&compact, Rule::ReportingPeriod).is_empty(), "{:?}", of_rule(&compact, Rule::ReportingPeriod));
    let mut other = ret.clone();
    other.document.as_mut().unwrap().preamble = "本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。".into();
    let f = of_rule(&other, Rule::ReportingPeriod);
    assert!(f.len() == 1 && f[0].message.contains("2020 年"), "{f:?}");
}

#[test]
fn report_title_both_ways() {
    let ret = good();
    assert!(of_rule(&ret, Rule::ReportTitle).is_empty());
    let mut no_year = ret.clone();
    no_year.document.as_mut().unwrap().title = "沂水县许家湖镇人民政府政府信息公开工作年度报告".into();
    let f = of_rule(&no_year, Rule::ReportTitle);
    assert!(f.len() == 1 && f[0].message.contains("年度（2021年）"), "{f:?}");
    let mut no_agency = ret.clone();
    no_agency.document.as_mut().unwrap().title = "2021年政府信息公开工作年度报告".into();
    let f = of_rule(&no_agency, Rule::ReportTitle);
    assert!(f.len() == 1 && f[0].message.contains("单位名称"), "{f:?}");
    let mut signed_other = ret.clone();
    signed_other.document.as_mut().unwrap().signed_by = "沂水县林业局".into();
    assert_eq!(of_rule(&signed_other, Rule::ReportTitle).len(), 1);
    // Signed with a shorter form of its own name (the county's name left out): no disagreement.
    let mut shorter = ret.clone();
    shorter.document.as_mut().unwrap().signed_by = "许家湖镇人民政府".into();
    assert!(of_rule(&shorter, Rule::ReportTitle).is_empty());
    // A report that signs with no name is no disagreement.
    let mut unsigned = ret.clone();
    unsigned.document.as_mut().unwrap().signed_by = String::new();
    assert!(of_rule(&unsigned, Rule::ReportTitle).is_empty());
}

#[test]
fn required_statements_both_ways() {
    let ret = good();
    assert!(of_rule(&ret, Rule::RequiredStatement).is_empty());
    let with_text = |r: &Return, text: &str| {
        let mut r = r.clone();
        let doc = r.document.as_mut().unwrap();
        for s in &mut doc.sections {
            s.text = "做好工作。".into();
        }
        doc.sections.push(DocSection { key: "六".into(), text: text.into(), place: String::new() });
        doc.preamble = "统计期限自2021年1月1日起至2021年12月31日止。".into();
        r
    };
    // No word on the 信息处理费.
    let f = of_rule(&with_text(&ret, "无。"), Rule::RequiredStatement);
    assert!(f.iter().any(|f| f.message.contains("信息处理费")), "{f:?}");
    assert!(of_rule(&with_text(&ret, "未收取信息处理费。"), Rule::RequiredStatement).is_empty());
    // Another 收费 (a 收费目录清单 under 主动公开) is not the statement.
    let f = of_rule(&with_text(&ret, "主动公开涉企收费目录清单。"), Rule::RequiredStatement);
    assert!(f.iter().any(|f| f.message.contains("信息处理费")), "{f:?}");
    // No applications and no review, and no word on them: the tables say it, no finding.
    let mut zero = with_text(&ret, "未收取信息处理费。");
    for f in zero.figures.iter_mut().filter(|f| f.id.starts_with("apply.new.") || f.id.starts_with("review.")) {
        f.value = Some(0.0);
    }
    assert!(of_rule(&zero, Rule::RequiredStatement).is_empty());
    // A statement that no fee notice went out, against 表三 （六）2.
    let mut unpaid = with_text(&ret, "本年度未发出收费通知，未收取信息处理费。");
    let f = unpaid.figures.iter_mut().find(|f| f.id == "apply.other_no_fee.total").unwrap();
    f.value = Some(2.0);
    let f = of_rule(&unpaid, Rule::RequiredStatement);
    assert!(f.len() == 1 && f[0].message.contains("填了 2 件"), "{f:?}");
}

#[test]
fn text_and_figures_both_ways() {
    let ret = good();
    assert!(of_rule(&ret, Rule::TextFigures).is_empty());
    let total = ret.value("apply.new.total").unwrap();
    let with = |n: f64| {
        let mut r = ret.clone();
        let s = r.document.as_mut().unwrap().sections.iter_mut().find(|s| s.key == "一（二）").unwrap();
        s.text = format!("全年共收到政府信息公开申请{}件。", nianbao::text::fmt_num(n));
        r
    };
    assert!(of_rule(&with(total), Rule::TextFigures).is_empty(), "the text agrees with 表三");
    let f = of_rule(&with(total + 3.0), Rule::TextFigures);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].cells, ["apply.new.total"]);
    assert!(f[0].message.contains("（二）依申请公开"), "the part it stands in is named: {}", f[0].message);
    // A sentence is compared with the table of its own part, in the table's unit.
    let in_part = |key: &str, text: String| {
        let mut r = ret.clone();
        let s = r.document.as_mut().unwrap().sections.iter_mut().find(|s| s.key == key).unwrap();
        s.text = text;
        of_rule(&r, Rule::TextFigures)
    };
    let open = ret.value("apply.open.total").unwrap();
    assert!(in_part("一（一）", format!("全年予以公开{}件。", open + 50.0)).is_empty(), "主动公开 is no 表三 figure");
    assert!(in_part("一（二）", format!("予以公开{}条。", open + 50.0)).is_empty(), "条 is no count of 表三");
    assert_eq!(in_part("一（二）", format!("予以公开{}件。", open + 50.0)).len(), 1);
    // 含上年结转: the stated number is the new and the carried together.
    let carried = ret.value("apply.carried.total").unwrap();
    let with_carried = |n: f64| format!("收到政府信息公开申请{}件（含上年结转{}件）。", n, carried);
    assert!(in_part("一（二）", with_carried(total + carried)).is_empty(), "含上年结转 understood");
    let f = in_part("一（二）", with_carried(total + carried + 1.0));
    assert!(f.len() == 1 && f[0].cells == ["apply.new.total", "apply.carried.total"], "{f:?}");
    assert!(
        in_part("一（二）", format!("收到政府信息公开申请{total}件，其中网上申请1件。")).is_empty(),
        "其中 names a part"
    );
    // "未发生…行政复议、行政诉讼": both are nought, each compared.
    let mut sued = ret.clone();
    for f in sued.figures.iter_mut().filter(|f| f.id.starts_with("review.")) {
        f.value = Some(if f.id == "review.litigation_direct.total" { 1.0 } else { 0.0 });
    }
    let none = |r: &Return| {
        let mut r = r.clone();
        let s = r.document.as_mut().unwrap().sections.iter_mut().find(|s| s.key == "一（二）").unwrap();
        s.text = "全年未发生因政府信息公开引起的行政复议、行政诉讼。".into();
        of_rule(&r, Rule::TextFigures)
    };
    let f = none(&sued);
    assert!(f.len() == 1 && f[0].cells[0] == "review.litigation_direct.total", "{f:?}");
    let mut quiet = sued.clone();
    quiet.figures.iter_mut().find(|f| f.id == "review.litigation_direct.total").unwrap().value = Some(0.0);
    assert!(none(&quiet).is_empty());
    // "不涉及行政事业性收费" against 表二's 收费金额.
    let fee = |amount: f64| {
        let mut r = ret.clone();
        r.figures.iter_mut().find(|f| f.id == "active.fees.amount").unwrap().value = Some(amount);
        let s = r.document.as_mut().unwrap().sections.iter_mut().find(|s| s.key == "六").unwrap();
        s.text.push_str("本机关不涉及行政事业性收费。");
        of_rule(&r, Rule::TextFigures)
    };
    assert!(fee(0.0).is_empty());
    assert_eq!(fee(2.5).len(), 1);
    // "未收到政府信息公开申请" against 表三's new applications: said when there were some, silent when none.
    let none_received = |n: f64| {
        let mut r = ret.clone();
        for f in r.figures.iter_mut().filter(|f| f.id == "apply.new.total") {
            f.value = Some(n);
        }
        let s = r.document.as_mut().unwrap().sections.iter_mut().find(|s| s.key == "一（二）").unwrap();
        s.text = "全年未收到政府信息公开申请。".into();
        of_rule(&r, Rule::TextFigures)
    };
    assert!(none_received(0.0).is_empty());
    let f = none_received(5.0);
    assert!(f.len() == 1 && f[0].cells == ["apply.new.total"], "{f:?}");
}

#[test]
fn return_and_document_both_ways() {
    let ret = good();
    let mut workbook = ret.clone();
    workbook.document = None;
    assert!(checks::compare(&workbook, &ret).is_empty(), "the same figures");
    let changed = workbook.figures.iter_mut().find(|f| f.id == "apply.open.natural").unwrap();
    changed.value = Some(changed.value.unwrap() + 1.0);
    let f = checks::compare(&workbook, &ret);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].rule, f[0].cells.as_slice()), (Rule::ReturnDocument, &["apply.open.natural".to_string()][..]));
    assert_eq!(f[0].refs.len(), 2, "both places named: {:?}", f[0].refs);
    // Cells that hold text (no number) in both: alike when the text is the same, else a finding.
    let text = |r: &mut Return, raw: &str| {
        let f = r.figures.iter_mut().find(|f| f.id == "apply.open.natural").unwrap();
        f.value = None;
        f.raw = raw.into();
    };
    let (mut w, mut d) = (ret.clone(), ret.clone());
    w.document = None;
    text(&mut w, "见附件");
    text(&mut d, "见附件");
    assert!(checks::compare(&w, &d).is_empty(), "the same text in both");
    text(&mut d, "另见说明");
    assert_eq!(checks::compare(&w, &d).len(), 1, "different text");
}

#[test]
fn rules_made_by_a_county_agency_is_a_question_both_ways() {
    let ret = good();
    assert!(of_rule(&ret, Rule::RulesMadeBy).is_empty(), "a county agency reporting no 规章");
    let mut made = ret.clone();
    for (id, v) in [("active.rules.issued", 2.0), ("active.rules.valid", 5.0)] {
        let f = made.figures.iter_mut().find(|f| f.id == id).unwrap();
        (f.value, f.raw) = (Some(v), nianbao::text::fmt_num(v));
    }
    let f = of_rule(&made, Rule::RulesMadeBy);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].cells, ["active.rules.issued", "active.rules.valid"]);
    assert!(
        f[0].message.contains("《立法法》") && f[0].message.contains("2 件") && f[0].message.contains("5 件"),
        "{}",
        f[0].message
    );
    assert!(f[0].refs.iter().all(|r| r.contains('!')));
}
