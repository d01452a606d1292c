//! Every figure of every `.expected.json` (the shared samples and the committed fixtures) must come
//! out of the importer with that value, with agency, year and format.

use crate::common::*;
use nianbao::import;

fn check_against_expected(path: &std::path::Path) {
    let e = expected_for(path);
    let ret = import::read(path, &Default::default()).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    assert_eq!(ret.agency.as_deref(), Some(e.agency.as_str()), "{}", path.display());
    assert_eq!(ret.year, Some(e.year));
    assert_eq!(ret.format.code(), e.format);
    let mut wrong = Vec::new();
    for (id, v) in &e.cells {
        let want = v.as_f64().unwrap();
        match ret.value(id) {
            Some(x) if (x - want).abs() < 1e-9 => {}
            got => wrong.push(format!("{id}: want {want}, got {got:?}")),
        }
    }
    assert!(wrong.is_empty(), "{}:\n{}", path.display(), wrong.join("\n"));
    assert_eq!(ret.figures.len(), e.cells.len(), "no figure beyond the expected ones in {}", path.display());
    // Consistent: no rule of the arithmetic fires; a column left blank is said (as 0), nothing else.
    let findings = nianbao::checks::check(&ret);
    assert!(
        findings.iter().all(|f| f.rule == nianbao::model::Rule::BlankCell),
        "the samples are consistent: {findings:?}"
    );
    // Every figure knows where it came from.
    for f in &ret.figures {
        assert!(!f.sheet.is_empty() && f.cell.chars().next().unwrap().is_ascii_uppercase(), "{f:?}");
    }
}

#[test]
fn shared_samples_import_every_expected_figure() {
    let samples = samples();
    assert!(samples.len() >= 2, "the shared samples are there");
    for s in samples {
        check_against_expected(&s);
    }
}

#[test]
fn legacy_xls_fixture_imports_every_expected_figure() {
    check_against_expected(&fixture("2020-沂源县测试镇人民政府.xls"));
}

#[test]
fn provenance_points_at_the_real_cells() {
    let ret = import::read(&shared().join("samples").join("2021-泗水县商务局.xlsx"), &Default::default()).unwrap();
    let f = ret.figure("stats.active.total").unwrap();
    assert_eq!((f.sheet.as_str(), f.cell.as_str(), f.value), ("统计表", "C4", Some(42.0)));
    let f = ret.figure("apply.open.total").unwrap();
    assert_eq!((f.sheet.as_str(), f.cell.as_str()), ("依申请公开", "J6"));
    let f = ret.figure("review.litigation_after.total").unwrap();
    assert_eq!((f.sheet.as_str(), f.cell.as_str()), ("复议诉讼", "O4"));
    let f = ret.figure("active.fees.amount").unwrap();
    assert_eq!((f.sheet.as_str(), f.cell.as_str()), ("主动公开", "B14"));
    let ret = import::read(&fixture("2020-沂源县测试镇人民政府.xls"), &Default::default()).unwrap();
    let f = ret.figure("active.normative.published").unwrap();
    assert_eq!((f.raw.as_str(), f.value, f.cell.as_str()), ("3件", Some(3.0), "D7"));
}
