//! The `nianbao` command as the office (or another tool) runs it.

use crate::common::*;

use crate::common::cli as nianbao;

#[test]
fn inspect_json_is_the_forms_md_contract() {
    for s in samples() {
        let out = nianbao().arg("inspect").arg(&s).arg("--json").output().unwrap();
        assert_ran(&out);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let e = expected_for(&s);
        assert_eq!(v["agency"], e.agency.as_str());
        assert_eq!(v["year"], e.year);
        assert_eq!(v["format"], e.format.as_str());
        assert_eq!(v["cells"].as_object().unwrap(), &e.cells);
        assert_eq!(v["findings"], serde_json::json!([]));
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, vec!["agency", "year", "format", "cells", "findings"]);
    }
}

#[test]
fn inspect_of_a_bad_file_fails_with_one_chinese_sentence() {
    let dir = tempdir();
    let p = dir.path().join("2021-改了扩展名的表.xlsx");
    std::fs::write(&p, "单位,数量\n甲,1\n").unwrap();
    let out = nianbao().arg("inspect").arg(&p).arg("--json").output().unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("2021-改了扩展名的表.xlsx") && err.contains("不是 Excel 工作簿"), "{err}");
}

#[test]
fn inspect_findings_in_json() {
    let dir = tempdir();
    let mut figs = figures(nianbao::forms::Format::Gov2021, false, 61);
    *figs.get_mut("apply.partial.legal").unwrap() += 2.0;
    let p = write_return(
        dir.path(),
        "2021-某某县审计局.xlsx",
        &nianbao::generate::Options::new(nianbao::forms::Format::Gov2021),
        &figs,
    );
    let out = nianbao().arg("inspect").arg(&p).arg("--json").output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The JSON carries the rules' codes (FORMS.md); read back as rules, a misspelt code fails.
    let rules: Vec<nianbao::model::Rule> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| nianbao::model::Rule::from_code(f["rule"].as_str().unwrap()).expect("a known rule code"))
        .collect();
    assert_eq!(rules, [nianbao::model::Rule::RowTotal, nianbao::model::Rule::ResultsTotal]);
    assert_eq!(v["findings"][0]["cells"][0], "apply.partial.total");
}

#[test]
fn import_a_folder_then_status_and_findings() {
    let dir = tempdir();
    let db = dir.path().join("office.db");
    let inbox = dir.path().join("收件箱");
    std::fs::create_dir(&inbox).unwrap();
    for s in samples() {
        std::fs::copy(&s, inbox.join(s.file_name().unwrap())).unwrap();
    }
    std::fs::write(inbox.join("2021-坏了的局.xlsx"), b"PK\x03\x04broken").unwrap();
    std::fs::write(inbox.join("~$2021-泗水县商务局.xlsx"), b"lock file").unwrap();
    std::fs::write(inbox.join("说明.txt"), "not a return").unwrap();
    let mut figs = figures(nianbao::forms::Format::Gov2021, false, 62);
    *figs.get_mut("review.reconsideration.upheld").unwrap() += 1.0;
    write_return(
        &inbox,
        "2021-某某县林业局.xlsx",
        &nianbao::generate::Options::new(nianbao::forms::Format::Gov2021),
        &figs,
    );

    // 某某县's office; the samples' agencies (of two other counties) are in its roster by name.
    enroll_samples_cli(&db);
    run_ok(nianbao().arg("--db").arg(&db).args([
        "county",
        "set",
        "--name",
        "某某县",
        "--office",
        "某某县人民政府办公室",
    ]));
    let out = nianbao().arg("--db").arg(&db).arg("import").arg(&inbox).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "some file was refused: {stdout}{stderr}");
    // Every file the office sees in the folder is listed (the lock file is not one it sees).
    assert!(stdout.contains("共 5 个文件：导入 3 个，拒收 2 个；1 个单位有问题需核对。"), "{stdout}");
    assert!(stderr.contains("[1/5]") && stderr.contains("2021-坏了的局.xlsx") && stderr.contains("已损坏"), "{stderr}");
    assert!(stderr.contains("“说明.txt”不是 Excel 工作簿（它是文本文件"), "{stderr}");
    assert!(!stderr.contains("~$"), "{stderr}");

    let out = nianbao().arg("--db").arg(&db).args(["status", "--year", "2021"]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("已报送 2 个") && s.contains("有问题 1 个"), "{s}");
    assert!(s.contains("某某县林业局\t部门\t已报送，1 个问题"), "{s}");

    nianbao().arg("--db").arg(&db).args(["agencies", "add", "某某县统计局"]).output().unwrap();
    let out = nianbao().arg("--db").arg(&db).args(["status", "--year", "2021"]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("某某县统计局\t部门\t未报送"), "{s}");

    let out = nianbao().arg("--db").arg(&db).args(["findings", "--year", "2021"]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("某某县林业局\t复议诉讼合计\t表四“行政复议”"), "{s}");
}

/// A retire year no report can have would take the agency out of every year: refused.
#[test]
fn retiring_from_a_year_no_report_has_is_refused() {
    let dir = crate::common::tempdir();
    let db = dir.path().join("c.db");
    run_ok(cli().arg("--db").arg(&db).args(["agencies", "add", "示范县粮食局"]));
    let out = cli()
        .arg("--db")
        .arg(&db)
        .args(["agencies", "retire", "示范县粮食局", "--from-year", "1900"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("年度 1900 不在 2008–2100 之间"), "{out:?}");
}
