//! The report model: which sections are still to write, help with writing, text checked against
//! the figures.

use crate::common::*;
use nianbao::forms::Format;
use nianbao::generate::Options;
use nianbao::import;
use nianbao::report::{self, writing};
use nianbao::store::Store;

#[test]
fn sections_to_write_follow_the_store() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let s = shared().join("samples").join("2021-泗水县商务局.xlsx");
    store.import(&import::read(&s, &Default::default()).unwrap(), Some(&s)).unwrap();
    store.add_agency("某某县统计局", nianbao::model::AgencyKind::Department).unwrap();
    let (rep, _) =
        report::report(&store, &nianbao::model::ReportOf::Agency(("泗水县商务局").to_string()), 2021).unwrap();
    assert_eq!(rep.sections.len(), 11);
    let todo: Vec<&str> = rep.to_write().iter().map(|s| s.key).collect();
    assert_eq!(
        todo,
        vec!["一", "一（一）", "一（二）", "一（三）", "一（四）", "一（五）", "五", "六"],
        "the tables are in and clean"
    );
    let a = store.agency_by_name("泗水县商务局").unwrap().unwrap();
    store
        .set_section(
            a.id,
            2021,
            "六",
            nianbao::model::SectionState::parse("已定稿").unwrap(),
            "本年度无其他需要报告的事项。",
        )
        .unwrap();
    store.set_section(a.id, 2021, "五", nianbao::model::SectionState::parse("草稿").unwrap(), "").unwrap();
    let (rep, _) =
        report::report(&store, &nianbao::model::ReportOf::Agency(("泗水县商务局").to_string()), 2021).unwrap();
    let todo: Vec<&str> = rep.to_write().iter().map(|s| s.key).collect();
    assert!(!todo.contains(&"六") && todo.contains(&"五"), "an empty draft is still to write: {todo:?}");
    // An agency with no return: its tables are 未报送.
    let (rep, _) =
        report::report(&store, &nianbao::model::ReportOf::Agency(("某某县统计局").to_string()), 2021).unwrap();
    assert_eq!(rep.sections.iter().find(|s| s.key == "三").unwrap().state_label, "未报送");
    assert!(nianbao::model::SectionState::parse("写完了").is_none(), "an unknown state is refused");
    assert_eq!(report::section_def("1.2").unwrap().key, "一（二）");
    assert_eq!(report::section_def("5").unwrap().key, "五");
    assert_eq!(report::section_def("一(五)").unwrap().key, "一（五）");
    assert_eq!(report::section_def("五、存在的主要问题及改进情况").unwrap().key, "五");
}

#[test]
fn a_table_with_findings_keeps_its_section_open() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let mut figs = figures(Format::Gov2021, false, 71);
    *figs.get_mut("review.litigation_direct.upheld").unwrap() += 1.0;
    let p = write_return(dir.path(), "2021-某某县自然资源局.xlsx", &Options::new(Format::Gov2021), &figs);
    store.import(&import::read(&p, &Default::default()).unwrap(), Some(&p)).unwrap();
    let (rep, _) =
        report::report(&store, &nianbao::model::ReportOf::Agency(("某某县自然资源局").to_string()), 2021).unwrap();
    let four = rep.sections.iter().find(|s| s.key == "四").unwrap();
    assert!(!four.complete && four.state_label.contains("1 个问题"), "{}", four.state_label);
    assert_eq!(four.findings[0].rule, nianbao::model::Rule::ReviewTotal);
    assert!(rep.sections.iter().find(|s| s.key == "三").unwrap().complete);
}

#[test]
fn sentences_from_the_figures_and_text_checked_against_them() {
    let dir = tempdir();
    let mut figs = figures(Format::Gov2021, true, 72);
    // Make sure the sentences have something to say: three more natural persons and one more
    // business applied, and all four are carried forward (the balance still holds).
    for (col, more) in [("natural", 3.0), ("business", 1.0), ("total", 4.0)] {
        *figs.get_mut(&format!("apply.new.{col}")).unwrap() += more;
        *figs.get_mut(&format!("apply.carry_forward.{col}")).unwrap() += more;
    }
    let p = write_return(
        dir.path(),
        "2021-某某县住建局.xlsx",
        &Options { stats: true, ..Options::new(Format::Gov2021) },
        &figs,
    );
    let ret = import::read(&p, &Default::default()).unwrap();
    assert!(nianbao::checks::check(&ret).is_empty(), "{:?}", nianbao::checks::check(&ret));
    let def = report::section_def("一（二）").unwrap();
    let text = writing::generated(def, &ret, None).unwrap();
    let new = nianbao::text::fmt_num(figs["apply.new.total"]);
    let (nat, bus) =
        (nianbao::text::fmt_num(figs["apply.new.natural"]), nianbao::text::fmt_num(figs["apply.new.business"]));
    assert!(
        text.contains(&format!("本年度共收到政府信息公开申请{new}件，其中自然人{nat}件、商业企业{bus}件")),
        "{text}"
    );
    assert!(
        text.contains(&format!("结转下年度继续办理{}件", nianbao::text::fmt_num(figs["apply.carry_forward.total"])))
    );
    // The generated text agrees with the figures; a changed number does not.
    assert!(
        nianbao::checks::text_findings(def, &text, &ret).is_empty(),
        "{:?}",
        nianbao::checks::text_findings(def, &text, &ret)
    );
    let wrong = text.replace(&format!("申请{new}件"), &format!("申请{}件", figs["apply.new.total"] + 5.0));
    let f = nianbao::checks::text_findings(def, &wrong, &ret);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].cells, vec!["apply.new.total".to_string()]);
    assert!(f[0].message.contains(&format!("为 {new}")), "{}", f[0].message);
    let f = nianbao::checks::text_findings(def, "本年度未收到政府信息公开申请。", &ret);
    assert_eq!(f.len(), 1);
    let review = writing::generated(report::section_def("一（五）").unwrap(), &ret, None).unwrap();
    assert!(review.contains("行政复议") && review.contains("行政诉讼"));
    let active = writing::generated(report::section_def("一（一）").unwrap(), &ret, None).unwrap();
    assert!(
        active.contains(&format!("主动公开政府信息{}条", nianbao::text::fmt_num(figs["stats.active.total"]))),
        "{active}"
    );
    assert_eq!(writing::from_last_year("2020年，我局共…2019年以来", 2021), "2021年，我局共…2019年以来");
}

#[test]
fn no_application_at_all_is_said_plainly() {
    let ret = import::read(&shared().join("samples").join("2021-泗水县商务局.xlsx"), &Default::default()).unwrap();
    let t = writing::generated(report::section_def("一（二）").unwrap(), &ret, None).unwrap();
    assert_eq!(t, "本年度未收到政府信息公开申请，无上年结转的政府信息公开申请。");
    let t = writing::generated(report::section_def("一（五）").unwrap(), &ret, None).unwrap();
    assert_eq!(t, "本年度未发生因政府信息公开引起的行政复议、行政诉讼。");
}

#[test]
fn the_overview_counts_agree_with_the_reports() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    crate::common::enroll_samples(&mut store);
    for s in samples() {
        store.import(&import::read(&s, &Default::default()).unwrap(), Some(&s)).unwrap();
    }
    for (i, bump) in [(0, None), (1, Some("review.litigation_direct.upheld")), (2, Some("apply.open.natural"))] {
        let mut figs = figures(Format::Gov2021, false, 200 + i);
        if let Some(id) = bump {
            *figs.get_mut(id).unwrap() += 1.0;
        }
        let p = write_return(dir.path(), &format!("2021-概览测试第{i}局.xlsx"), &Options::new(Format::Gov2021), &figs);
        store.import(&import::read(&p, &Default::default()).unwrap(), Some(&p)).unwrap();
    }
    store.add_agency("尚未报送局", nianbao::model::AgencyKind::Department).unwrap();
    let a = store.agency_by_name("概览测试第0局").unwrap().unwrap();
    store.set_section(a.id, 2021, "五", nianbao::model::SectionState::parse("已定稿").unwrap(), "写好了。").unwrap();
    store.set_section(a.id, 2021, "六", nianbao::model::SectionState::parse("草稿").unwrap(), "写了一半。").unwrap();
    store.set_section(a.id, 2021, "一", nianbao::model::SectionState::parse("草稿").unwrap(), "  ").unwrap();
    let counts = report::todo_counts(&store, 2021).unwrap();
    let reports = report::all_reports(&store, 2021).unwrap();
    assert_eq!(counts.len(), reports.len());
    for r in &reports {
        assert_eq!(counts[&r.agency_id], r.to_write().len(), "{}", r.agency);
    }
    assert_eq!(counts[&a.id], 6);
}
