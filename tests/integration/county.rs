//! The county's own report: titled and signed with the county and its office, saying which agencies
//! its figures are made of, marking what is not yet whole; and its tables going up a level, read in a
//! city's database as the county's return.

use crate::common::{cli, run_ok, tempdir};
use nianbao::model::ReportOf;
use nianbao::service;
use nianbao::store::Store;
use std::io::Read;

fn county(dir: &std::path::Path) -> Store {
    crate::common::yishui(dir, &["沂水县未报送局"])
}

#[test]
fn the_county_draft_names_the_county_its_office_and_its_agencies() {
    let dir = tempdir();
    let store = county(dir.path());
    let (rep, ret) = service::report_of(&store, &ReportOf::County, 2021).unwrap();
    assert_eq!(rep.agency, "沂水县");
    let path = dir.path().join("全县报告稿.docx");
    let markers = nianbao::export::draft::export_draft(&rep, ret.as_ref(), None, &path).unwrap();
    let mut xml = String::new();
    zip::ZipArchive::new(std::fs::File::open(&path).unwrap())
        .unwrap()
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("沂水县2021年政府信息公开工作年度报告"));
    assert!(xml.contains("本报告由沂水县人民政府办公室根据"));
    assert!(
        xml.contains("综合了2个乡镇（街道）、10个县政府部门的政府信息公开工作年度报告编制"),
        "12 demo agencies: 2 towns, 10 departments"
    );
    assert!(xml.contains("电话：0539-2251234") && xml.contains("www.yishui.gov.cn"));
    assert!(xml.contains("附件：纳入汇总的单位") && xml.contains("未报送、未计入合计（1 个）：沂水县未报送局"));
    assert!(xml.contains("【待核实：1 个单位尚未报送（沂水县未报送局），表中数字不含其数据】"));
    assert!(!xml.contains("全县2021年"), "全县 is only the name of the county's row in lists");
    // The 落款: the office and, with no date given, 【待填写：成文日期】 in its place; the annex on
    // a page of its own after it.
    let sign = xml.rfind("沂水县人民政府办公室").unwrap();
    let fill = xml.find("【待填写：成文日期】").expect("the date marked to fill in");
    let annex = xml.rfind("纳入汇总的单位").unwrap();
    assert!(sign < fill && fill < annex, "name, date, then the annex");
    // The annex: "附件" on the first line of a new page (no empty line above it), its title on
    // the third (GB/T 9704 8.2).
    let label = xml[fill..].find("<w:pageBreakBefore/>").map(|i| fill + i).expect("the annex starts a new page");
    let after: Vec<&str> = xml[label..].split("<w:p>").take(3).collect();
    assert!(
        after[0].contains(">附件<") && !after[1].contains("<w:t") && after[2].contains("纳入汇总的单位"),
        "{after:?}"
    );
    assert!(!xml.contains(r#"<w:br w:type="page"/>"#));
    assert!(!xml.contains("报送统计表（"), "the report prints no 统计表: the annex lists no filers");
    // The count the CLI prints is the count of markers in the file.
    let in_file = xml.matches("【待撰写").count() + xml.matches("【待核实").count() + xml.matches("【待填写").count();
    assert_eq!(markers, in_file);
    let out = cli()
        .arg("--db")
        .arg(dir.path().join("county.db"))
        .args(["export", "draft", "--county", "--year", "2021", "--out"])
        .arg(dir.path().join("cli.docx"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains(&format!("还有 {in_file} 处待完成")), "{said}");
}

#[test]
fn county_tables_import_in_a_citys_database_as_the_countys_return() {
    let dir = tempdir();
    let store = county(dir.path());
    let (rep, ret) = service::report_of(&store, &ReportOf::County, 2021).unwrap();
    let totals = ret.unwrap();
    // Named for the office's own file naming, not the county: the name comes from inside.
    let path = dir.path().join("2021-全县-表格.xlsx");
    nianbao::export::tables::export_tables(&totals, rep.compiled.as_ref(), &path).unwrap();
    let mut city = Store::open(&dir.path().join("city.db")).unwrap();
    let got = nianbao::import::read(&path, &Default::default()).unwrap();
    let done = city.import(&got, Some(&path)).unwrap();
    assert_eq!((done.agency.as_str(), done.year), ("沂水县", 2021));
    let back = city.db().load_return(done.return_id).unwrap();
    for f in &totals.figures {
        assert_eq!(back.value(&f.id), f.value, "{}", f.id);
    }
    assert_eq!(back.figures.len(), totals.figures.len());
}

#[test]
fn the_county_is_set_once_from_the_command_line() {
    let dir = tempdir();
    let db = dir.path().join("t.db");
    run_ok(cli().arg("--db").arg(&db).args([
        "county",
        "set",
        "--name",
        "沂水县",
        "--office",
        "沂水县人民政府办公室",
        "--phone",
        "0539-2251234",
    ]));
    let store = Store::open(&db).unwrap();
    let c = store.county_info().unwrap();
    assert_eq!(
        (c.name.as_str(), c.office.as_str(), c.phone.as_str()),
        ("沂水县", "沂水县人民政府办公室", "0539-2251234")
    );
}

/// A 2019-form return in a 2021 county: its （六）其他处理 and 本年新制作数量 counted under the 2021
/// rows, so the county's own 表三 adds up and its tables read back pass the county's rules.
#[test]
fn a_2019_form_return_in_a_2021_county_loses_no_figure() {
    use crate::common::{figures, write_return};
    use nianbao::forms::Format;
    use nianbao::generate::Options;
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("c.db")).unwrap();
    crate::common::set_county(&mut store, "示范县");
    let new = figures(Format::Gov2021, false, 71);
    let mut old = figures(Format::Gov2019, false, 72);
    // The old form's single （六）其他处理, with something in it.
    *old.get_mut("apply.other.natural").unwrap() += 2.0;
    *old.get_mut("apply.total.natural").unwrap() += 2.0;
    *old.get_mut("apply.new.natural").unwrap() += 2.0;
    for (id, total) in [("apply.other.total", 2.0), ("apply.total.total", 2.0), ("apply.new.total", 2.0)] {
        *old.get_mut(id).unwrap() += total;
    }
    let files = vec![
        write_return(dir.path(), "2021-示范县甲局.xlsx", &Options::new(Format::Gov2021), &new),
        write_return(dir.path(), "2021-示范县乙局.xlsx", &Options::new(Format::Gov2019), &old),
    ];
    let s = service::import_files(&mut store, &files, &Default::default(), |_, _, _| {});
    assert_eq!(s.imported, 2);
    let c = service::county(&store, 2021).unwrap();
    assert_eq!(c.other_format, vec!["示范县乙局".to_string()]);
    let v = |id: &str| c.totals.value(id).unwrap_or(0.0);
    assert_eq!(v("apply.other_other.natural"), new["apply.other_other.natural"] + old["apply.other.natural"]);
    assert_eq!(v("apply.total.total"), new["apply.total.total"] + old["apply.total.total"]);
    assert_eq!(v("active.normative.issued"), new["active.normative.issued"] + old["active.normative.made"]);
    // The county's tables, written and read back, pass the county's own rules.
    let path = dir.path().join("全县表格.xlsx");
    service::exports::tables(&store, &nianbao::model::ReportOf::County, 2021, &path).unwrap();
    let back = nianbao::import::read(&path, &Default::default()).unwrap();
    let sums: Vec<_> = nianbao::checks::check(&back)
        .into_iter()
        .filter(|f| {
            matches!(
                f.rule,
                nianbao::model::Rule::ResultsTotal
                    | nianbao::model::Rule::RowTotal
                    | nianbao::model::Rule::Balance
                    | nianbao::model::Rule::ReviewTotal
            )
        })
        .collect();
    assert!(sums.is_empty(), "{sums:#?}");
}
