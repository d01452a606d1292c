//! The county at a glance: the series over stored years with a missing year as a gap, each
//! indicator on hand-computed cases (division by zero → "—", never NaN or ∞), the progress and the
//! findings as the screen draws them, and `nianbao stats --json`.

use crate::common::{cli, figures, run_ok, tempdir, write_return};
use nianbao::forms::Format;
use nianbao::generate::Options;
use nianbao::model::{Figure, Return};
use nianbao::report::dashboard::{indicators, percent, ratio};
use nianbao::store::Store;
use std::collections::BTreeMap;

fn ret(values: &[(&str, f64)]) -> Return {
    let mut r = crate::documents::ret_with(&BTreeMap::new(), Format::Gov2021);
    r.figures = values
        .iter()
        .map(|(id, v)| Figure {
            id: id.to_string(),
            value: Some(*v),
            raw: v.to_string(),
            sheet: String::new(),
            cell: String::new(),
        })
        .collect();
    r
}

#[test]
fn indicators_on_hand_computed_cases() {
    let this = ret(&[
        ("apply.open.total", 30.0),
        ("apply.partial.total", 10.0),
        ("apply.total.total", 80.0),
        ("apply.deny_secret.total", 5.0),
        ("apply.deny_law.total", 5.0),
        ("apply.none_not_held.total", 30.0),
        ("apply.new.total", 90.0),
        ("review.reconsideration.total", 10.0),
        ("review.reconsideration.pending", 2.0),
        ("review.reconsideration.corrected", 2.0),
        ("review.litigation_direct.total", 0.0),
        ("review.litigation_direct.pending", 0.0),
        ("review.litigation_direct.corrected", 0.0),
        ("review.litigation_after.total", 0.0),
        ("review.litigation_after.pending", 0.0),
        ("review.litigation_after.corrected", 0.0),
    ]);
    let last = ret(&[("apply.new.total", 60.0)]);
    let got = indicators(&this, Some(&last));
    let by = |k: &str| got.iter().find(|i| i.key == k).unwrap();
    assert_eq!(
        by("disclosure").value,
        Some(0.8),
        "(30 + 10) / (30 + 10 + 5 + 5): 无法提供 is no decision on the merits"
    );
    assert_eq!(by("disclosure").shown, "80.0%");
    assert_eq!(by("reconsideration_corrected").value, Some(0.25), "2 / (10 − 2)");
    assert_eq!(by("litigation_corrected").value, None, "no decided case: nothing to divide by");
    assert_eq!(by("litigation_corrected").shown, "—");
    assert_eq!(by("apply_growth").value, Some(0.5), "90 / 60 − 1");
    // No last year, or last year without applications: no growth, never ∞.
    assert_eq!(indicators(&this, None).iter().find(|i| i.key == "apply_growth").unwrap().shown, "—");
    let zero = ret(&[("apply.new.total", 0.0)]);
    assert_eq!(indicators(&this, Some(&zero)).iter().find(|i| i.key == "apply_growth").unwrap().value, None);
    assert_eq!(
        (ratio(Some(1.0), Some(0.0)), ratio(Some(f64::NAN), Some(2.0)), percent(None)),
        (None, None, "—".into())
    );
    assert!(got.iter().all(|i| !i.definition.is_empty()), "each with its definition");
}

#[test]
fn series_run_over_every_year_of_the_range_with_a_missing_year_as_a_gap() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("c.db")).unwrap();
    let o = Options::new(Format::Gov2021);
    let mut files = Vec::new();
    let mut new_total = BTreeMap::new();
    for (year, seed) in [(2021, 1u64), (2023, 3)] {
        let figs = figures(Format::Gov2021, false, seed);
        new_total.insert(year, figs["apply.new.total"]);
        files.push(write_return(dir.path(), &format!("{year}-示范局.xlsx"), &o, &figs));
    }
    nianbao::service::import_files(&mut store, &files, &Default::default(), |_, _, _| {});
    let d = nianbao::service::stats(&store, 2023, Some((2021, 2023))).unwrap();
    assert_eq!(d.years, [2021, 2022, 2023]);
    let new = d.series.iter().find(|s| s.name == "本年新收申请").unwrap();
    assert_eq!(new.values, vec![Some(new_total[&2021]), None, Some(new_total[&2023])], "2022 is a gap, not a zero");
    assert!(d.series.iter().all(|s| s.values.len() == 3 && s.values[1].is_none()));
    // The year before 2023 is not stored: no growth.
    assert_eq!(d.indicators.iter().find(|i| i.key == "apply_growth").unwrap().shown, "—");
    // Progress: one agency, submitted.
    let counts: i32 = d.progress.iter().flat_map(|p| p.counts.iter()).sum();
    assert_eq!(counts, 1);
    // The same through the command line, as JSON with null for the gap.
    let out = run_ok(cli().arg("--db").arg(dir.path().join("c.db")).args([
        "stats",
        "--year",
        "2023",
        "--years",
        "2021-2023",
        "--json",
    ]));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let line = v["series"].as_array().unwrap().iter().find(|s| s["name"] == "本年新收申请").unwrap();
    assert!(line["values"][1].is_null() && line["values"][0].is_number());
    assert!(v["indicators"].as_array().unwrap().iter().any(|i| i["name"] == "实质公开率"));
}

#[test]
fn the_findings_and_the_agencies_with_most_of_them() {
    let dir = tempdir();
    let store = crate::common::yishui(dir.path(), &[]);
    let d = nianbao::service::stats(&store, 2021, None).unwrap();
    assert_eq!(d.coverage, "12 个单位合计", "every ratio is said to be the sums of whom");
    let total: i32 = d.findings_by_rule.iter().map(|c| c.n).sum();
    let open: usize = store.status(2021).unwrap().iter().map(|s| s.findings).sum();
    assert_eq!(total as usize, open, "every open finding counted once");
    assert!(total >= 2 && !d.top_agencies.is_empty(), "the demo county has findings: {total}");
    assert!(d.top_agencies.windows(2).all(|w| w[0].n >= w[1].n), "most first");
    // Each agency's count is its own open findings.
    for c in &d.top_agencies {
        let s = store.status(2021).unwrap().into_iter().find(|s| s.agency.name == c.label).unwrap();
        assert_eq!(c.n as usize, s.findings, "{}", c.label);
    }
}

#[test]
fn the_brief_is_one_page_of_figures_this_year_against_last_with_the_charts_as_pictures() {
    use std::io::Read;
    let dir = tempdir();
    let store = crate::common::yishui(dir.path(), &[]);
    let out = dir.path().join("简报.docx");
    let png = crate::documents::tiny_png();
    nianbao::service::exports::brief(&store, 2021, &[png.clone(), png.clone()], &out).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    assert!(xml.contains("沂水县") && xml.contains("年度简报"));
    assert!(xml.contains("2020年") && xml.contains("2021年") && xml.contains("实质公开率"));
    // Who compiled it and when, and whose sums its figures are.
    let office = store.county_info().unwrap().office;
    let today = nianbao::export::draft::document_date(&nianbao::service::review::today(&store).unwrap()).unwrap();
    assert!(xml.contains(&format!("{office}　　{today}")), "编印单位 and date");
    assert!(xml.contains("以下数据为") && xml.contains("个单位合计"), "the sums say whose they are");
    assert_eq!(xml.matches("<wp:inline").count(), 2, "both charts embedded");
    assert!(zip.by_name("word/media/image2.png").is_ok());
    let mut rels = String::new();
    zip.by_name("word/_rels/document.xml.rels").unwrap().read_to_string(&mut rels).unwrap();
    assert!(rels.contains(r#"Id="rIdImage2""#) && rels.contains("media/image2.png"));
    // Anything but a PNG is refused in a sentence, nothing written.
    let bad = dir.path().join("坏.docx");
    let e = nianbao::service::exports::brief(&store, 2021, &[b"GIF89a".to_vec()], &bad).unwrap_err();
    assert!(e.to_string().contains("PNG") && !bad.exists(), "{e}");
    // Up to four charts of up to 4 MB each: the limits themselves pass, one more is refused.
    use nianbao::export::brief::{MAX_PICTURES, MAX_PICTURE_BYTES};
    let limit = dir.path().join("满额.docx");
    nianbao::service::exports::brief(&store, 2021, &vec![png.clone(); MAX_PICTURES], &limit).unwrap();
    let mut largest = png.clone();
    largest.resize(MAX_PICTURE_BYTES, 0);
    nianbao::service::exports::brief(&store, 2021, std::slice::from_ref(&largest), &limit).unwrap();
    largest.push(0);
    for pictures in [vec![png.clone(); MAX_PICTURES + 1], vec![largest]] {
        let e = nianbao::service::exports::brief(&store, 2021, &pictures, &bad).unwrap_err();
        assert!(e.to_string().contains("简报最多附 4 张图，每张不超过 4 MB") && !bad.exists(), "{e}");
    }
    // Read back as a Word document: its words are there.
    // Read back as a Word document: a well-formed .docx whose words the reader reaches, and which
    // it knows for what it is (a brief, no annual report), said in one sentence naming the file.
    let e = nianbao::import::read(&out, &Default::default()).unwrap_err();
    assert_eq!(nianbao::model::Coded::code(&e), nianbao::model::ErrorCode::NoReport, "{e}");
    assert!(e.to_string().starts_with("“简报.docx”中没有找到年度报告的章节或表格"), "{e}");
}

#[test]
fn a_year_on_the_2019_form_is_drawn_not_a_gap() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("c.db")).unwrap();
    let old = figures(Format::Gov2019, false, 5);
    let new = figures(Format::Gov2021, false, 6);
    let files = vec![
        write_return(dir.path(), "2020-示范局.xlsx", &Options::new(Format::Gov2019), &old),
        write_return(dir.path(), "2021-示范局.xlsx", &Options::new(Format::Gov2021), &new),
    ];
    nianbao::service::import_files(&mut store, &files, &Default::default(), |_, _, _| {});
    let d = nianbao::service::stats(&store, 2021, Some((2020, 2021))).unwrap();
    // 规范性文件: 本年新制作数量 on the 2019 form, 本年制发件数 on the 2021 form.
    let normative = d.series.iter().find(|s| s.name == "规范性文件制发").unwrap();
    assert_eq!(normative.values, vec![Some(old["active.normative.made"]), Some(new["active.normative.issued"])]);
    assert!(old["active.normative.made"] > 0.0, "a figure, so a zero would not pass for it");
    // No key figure of a stored year is a gap.
    for s in &d.series {
        assert!(s.values.iter().all(Option::is_some), "{} has a gap: {:?}", s.name, s.values);
    }
}

#[test]
fn the_ratios_say_whose_sums_they_are_on_a_partial_county() {
    let dir = tempdir();
    let store = crate::common::yishui(dir.path(), &["沂水县未报送局"]);
    let d = nianbao::service::stats(&store, 2021, None).unwrap();
    assert_eq!(d.coverage, "12 个单位合计，共 13 个（1 个未报送，不在其中）");
    let empty = nianbao::service::stats(&store, 2090, Some((2089, 2090))).unwrap();
    assert_eq!(empty.coverage, "", "no returns, nothing summed");
}

#[test]
fn the_outliers_are_who_disclosed_nothing_or_under_half_the_countys_median_departments_first() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("c.db")).unwrap();
    crate::common::set_county(&mut store, "示范县");
    let township = "示范县东关镇人民政府";
    store.add_agency(township, nianbao::model::AgencyKind::Township).unwrap();
    let mut files = Vec::new();
    let mut add = |name: &str, figs: &BTreeMap<String, f64>| {
        files.push(write_return(dir.path(), &format!("2021-{name}.xlsx"), &Options::new(Format::Gov2021), figs));
    };
    // The township first in the folder: it is listed after the departments all the same.
    let denied: Vec<String> =
        nianbao::forms::apply_section_items("（三）不予公开").iter().map(|i| format!("apply.{i}.total")).collect();
    let mut low = figures(Format::Gov2021, false, 60);
    for id in ["apply.open.total", "apply.partial.total"] {
        low.insert(id.into(), 1.0);
    }
    for (k, id) in denied.iter().enumerate() {
        low.insert(id.clone(), if k == 0 { 98.0 } else { 0.0 });
    }
    add("示范县东关镇人民政府", &low);
    for (i, name) in ["示范县甲局", "示范县乙局", "示范县丙局", "示范县丁局"].iter().enumerate() {
        add(name, &figures(Format::Gov2021, false, 61 + i as u64));
    }
    let mut none = figures(Format::Gov2021, false, 70);
    for id in ["apply.open.total", "apply.partial.total"] {
        none.insert(id.into(), 0.0);
    }
    add("示范县戊局", &none);
    nianbao::service::import_files(&mut store, &files, &Default::default(), |_, _, _| {});
    let d = nianbao::service::stats(&store, 2021, None).unwrap();
    let got: Vec<(&str, &str)> = d.outliers.iter().map(|o| (o.agency.as_str(), o.why.as_str())).collect();
    assert_eq!(got.len(), 2, "{got:?}");
    let new = nianbao::text::fmt_num(none["apply.new.total"]);
    assert_eq!(got[0], ("示范县戊局", format!("收到申请 {new} 件，无一予以公开或部分公开").as_str()));
    assert_eq!(got[1].0, township);
    assert!(got[1].1.starts_with("实质公开率 2.0%，不到全县中位数 ") && got[1].1.ends_with("的一半"), "{got:?}");
}
