//! Exports read back: calamine for .xlsx (and the importer itself: an exported table must import
//! to the same figures), the .docx's XML for text, tables and markers.

use crate::common::*;
use calamine::{Data, Reader};
use nianbao::export::{self, ExportError};
use nianbao::forms::Format;
use nianbao::generate::Options;
use nianbao::import;
use nianbao::store::Store;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A store with the shared samples and `n` generated 2021 returns (one with a broken total).
fn county_store(dir: &Path, n: usize) -> (Store, Vec<BTreeMap<String, f64>>) {
    let mut store = Store::open(&dir.join("county.db")).unwrap();
    // 测试县 is the office's county; the samples' two agencies are in its roster by name.
    crate::common::set_county(&mut store, "测试县");
    crate::common::enroll_samples(&mut store);
    for s in samples() {
        store.import(&import::read(&s, &Default::default()).unwrap(), Some(&s)).unwrap();
    }
    let mut all = Vec::new();
    for i in 0..n {
        let mut figs = figures(Format::Gov2021, i % 2 == 0, 100 + i as u64);
        if i == 1 {
            *figs.get_mut("apply.open.natural").unwrap() += 1.0;
        }
        let mut o = Options::new(Format::Gov2021);
        o.stats = i % 2 == 0;
        let name = if i == 2 {
            "2021-=HYPERLINK(\"http:x\")测试局.xlsx".to_string()
        } else {
            format!("2021-测试县第{i}局.xlsx")
        };
        let p = write_return(dir, &name, &o, &figs);
        store.import(&import::read(&p, &Default::default()).unwrap(), Some(&p)).unwrap();
        all.push(figs);
    }
    (store, all)
}

fn sheet_rows(path: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    let r = wb.worksheet_range(sheet).unwrap();
    r.rows().map(|x| x.to_vec()).collect()
}

fn zip_text(path: &Path, part: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(part).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn num(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn county_sums_equal_the_sum_of_the_parts() {
    let dir = tempdir();
    let (store, figs) = county_store(dir.path(), 5);
    let c = nianbao::merge::county(&store, 2021).unwrap();
    assert_eq!(c.included.len(), 6, "five generated and the 2021 sample");
    assert_eq!(c.missing, vec!["沂源县悦庄镇人民政府".to_string()]);
    assert_eq!(c.with_findings.len(), 1, "an agency with findings is listed, not hidden");
    let sample = import::read(&shared().join("samples").join("2021-泗水县商务局.xlsx"), &Default::default()).unwrap();
    for id in [
        "apply.new.total",
        "apply.open.natural",
        "review.reconsideration.total",
        "active.fees.amount",
        "stats.active.total",
    ] {
        let want: f64 = figs.iter().map(|f| f.get(id).copied().unwrap_or(0.0)).sum::<f64>() + sample.value(id).unwrap();
        assert_eq!(c.totals.value(id), Some(want), "{id}");
    }
    assert!(c.totals.has_table(nianbao::forms::Table::Stats));
}

#[test]
fn standard_tables_import_back_to_the_same_figures() {
    let dir = tempdir();
    let (store, _) = county_store(dir.path(), 3);
    // An agency's tables.
    let (_, ret) =
        nianbao::report::report(&store, &nianbao::model::ReportOf::Agency(("泗水县商务局").to_string()), 2021).unwrap();
    let ret = ret.unwrap();
    let out = dir.path().join("out").join("2021-泗水县商务局.xlsx");
    std::fs::create_dir(dir.path().join("out")).unwrap();
    export::tables::export_tables(&ret, None, &out).unwrap();
    let back = import::read(&out, &Default::default()).unwrap();
    assert_eq!(back.agency.as_deref(), Some("泗水县商务局"));
    let want: BTreeMap<String, f64> = ret.figures.iter().map(|f| (f.id.clone(), f.value.unwrap())).collect();
    assert_figures(&back, &want);
    // The county's tables.
    let (_, county) = nianbao::report::report(&store, &nianbao::model::ReportOf::County, 2021).unwrap();
    let county = county.unwrap();
    let out = dir.path().join("out").join("2021-全县.xlsx");
    export::tables::export_tables(&county, None, &out).unwrap();
    let back = import::read(&out, &Default::default()).unwrap();
    let want: BTreeMap<String, f64> = county.figures.iter().map(|f| (f.id.clone(), f.value.unwrap())).collect();
    assert_figures(&back, &want);
    // Merged headers and a title, as the official layout has them.
    let xml = zip_text(&out, "xl/worksheets/sheet2.xml");
    assert!(xml.contains("<mergeCell ref=\"D4:J4\"/>"), "申请人情况 spans the seven columns");
}

#[test]
fn a_filled_template_imports_with_no_finding() {
    let dir = tempdir();
    for (year, stats, seed) in [(2021, false, 7), (2022, true, 8), (2020, false, 9)] {
        let format = Format::for_year(year);
        let figs = figures(format, stats, seed);
        let bytes = export::tables::template_workbook(year, stats, Some(("某某县发展和改革局", &figs))).unwrap();
        let p = dir.path().join(format!("填好的模板{year}.xlsx"));
        std::fs::write(&p, bytes).unwrap();
        let ret = import::read(&p, &Default::default()).unwrap();
        assert_eq!(ret.agency.as_deref(), Some("某某县发展和改革局"), "from the 填报单位 cell");
        assert_eq!(ret.year, Some(year));
        assert_eq!(ret.format, format);
        assert_figures(&ret, &figs);
        assert!(nianbao::checks::check(&ret).is_empty(), "{:?}", nianbao::checks::check(&ret));
    }
    // The blank template: protected sheets, unlocked inputs with validation, totals as formulas.
    let p = dir.path().join("模板.xlsx");
    export::tables::export_template(2021, true, nianbao::forms::indicators::national(), "沂水县", &p).unwrap();
    let xml = zip_text(&p, "xl/worksheets/sheet2.xml");
    // The county's template: its name in the title and the printed page's header.
    assert!(xml.contains("&amp;L&amp;9&amp;\"宋体\"沂水县"), "the county in the page header");
    assert!(zip_text(&p, "docProps/core.xml").contains("沂水县2021年政府信息公开工作年度报告数据"));
    // …and not in the sheet's title: a template sent back without 填报单位 names no agency.
    assert!(!zip_text(&p, "xl/sharedStrings.xml").contains("沂水县"));
    assert!(xml.contains("<sheetProtection"), "labels are locked");
    assert!(xml.contains("<dataValidation type=\"whole\""), "whole-number validation");
    assert!(xml.contains("<f>SUM(D7,E7,F7,G7,H7,I7)</f>"), "row totals are formulas: {}", &xml[..500]);
    let blank = import::read(&p, &Default::default()).unwrap();
    assert_eq!(blank.year, Some(2021));
    assert!(blank.figures.iter().all(|f| f.value == Some(0.0)));
}

#[test]
fn summary_workbook_lists_every_agency_the_total_and_every_finding() {
    let dir = tempdir();
    let (store, figs) = county_store(dir.path(), 4);
    let out = dir.path().join("汇总.xlsx");
    export::summary::export_summary(&store, 2021, &out).unwrap();
    let rows = sheet_rows(&out, "汇总");
    assert_eq!(rows[0][1], Data::String("单位".into()));
    let names: Vec<String> = rows[1..rows.len() - 1].iter().map(|r| r[1].to_string()).collect();
    assert_eq!(names.len(), 6, "{names:?}");
    assert!(names.contains(&"=HYPERLINK(\"http:x\")测试局".to_string()), "text stays text: {names:?}");
    let new_col = rows[0].iter().position(|h| *h == "本年新收申请").unwrap();
    let total_row = rows.last().unwrap();
    // One agency of six sent nothing: the total says it is a partial sum.
    assert_eq!(total_row[1].to_string(), "全县合计（5 个单位报送，共 6 个单位）");
    let want: f64 = figs.iter().map(|f| f["apply.new.total"]).sum();
    assert_eq!(num(&total_row[new_col]), want, "the total row's saved result");
    let xml = zip_text(&out, "xl/worksheets/sheet1.xml");
    assert!(!xml.contains("<f>HYPERLINK"), "an agency name is never a formula");
    assert!(xml.contains("<autoFilter") && xml.contains("state=\"frozen\""));
    let problems = sheet_rows(&out, "问题");
    assert_eq!(problems.len(), 1 + 2, "row total and results total of one agency");
    assert_eq!(problems[1][0].to_string(), "测试县第1局");
    assert!(problems[1][4].to_string().contains("予以公开"));
    let progress = sheet_rows(&out, "进度");
    assert_eq!(progress.len(), 1 + 6, "every agency of the roster, the missing one too");
    let missing = progress.iter().find(|r| r[0] == "沂源县悦庄镇人民政府").unwrap();
    assert_eq!(missing[2].to_string(), "未报送");
}

#[test]
fn the_summary_lists_every_correction_behind_the_countys_figures_with_its_cell() {
    let dir = tempdir();
    let (mut store, figs) = county_store(dir.path(), 2);
    let out = dir.path().join("汇总.xlsx");
    export::summary::export_summary(&store, 2021, &out).unwrap();
    let none = sheet_rows(&out, "更正");
    assert_eq!(none[1][0].to_string(), "本年度没有手工更正：汇总数均为各单位文件所填。");
    let a = store.agency_by_name("测试县第1局").unwrap().unwrap();
    let id = store.db().current_return_id(a.id, 2021).unwrap().unwrap();
    store.correct_figure(id, "apply.new.natural", 5.0, "张三", "电话核实").unwrap();
    store.correct_figure(id, "apply.new.natural", 6.0, "李四", "").unwrap();
    export::summary::export_summary(&store, 2021, &out).unwrap();
    let rows = sheet_rows(&out, "更正");
    assert_eq!(rows.len(), 1 + 2, "{rows:?}");
    let row = |r: &Vec<Data>| r.iter().take(7).map(|c| c.to_string()).collect::<Vec<_>>();
    let words = nianbao::forms::def_any("apply.new.natural").unwrap().describe();
    let before = nianbao::text::fmt_num(figs[1]["apply.new.natural"]);
    let cell = import::read(&dir.path().join("2021-测试县第1局.xlsx"), &Default::default()).unwrap();
    let cell = cell.figures.iter().find(|f| f.id == "apply.new.natural").map(|f| format!("{}!{}", f.sheet, f.cell));
    let cell = cell.unwrap();
    assert_eq!(row(&rows[1]), ["测试县第1局", &words, &cell, &before, "5", "电话核实", "张三"]);
    assert_eq!(row(&rows[2]), ["测试县第1局", &words, &cell, "5", "6", "", "李四"]);
    assert!(!rows[1][7].to_string().is_empty(), "when");
    // Its filter over exactly its rows (the third sheet).
    assert!(zip_text(&out, "xl/worksheets/sheet3.xml").contains(r#"<autoFilter ref="A1:H3"/>"#));
    // 自然人 is no key figure of 汇总: no note there. 规范性文件制发 is (its id the 2021 form's):
    // corrected, its cell says so in a note, and no other cell has one.
    assert!(!crate::common::zip_parts(&out).keys().any(|p| p.starts_with("xl/comments")));
    let total = nianbao::text::fmt_num(figs[1]["active.normative.issued"]);
    store.correct_figure(id, "active.normative.issued", 99.0, "张三", "").unwrap();
    export::summary::export_summary(&store, 2021, &out).unwrap();
    let totals = sheet_rows(&out, "汇总");
    let row = totals.iter().position(|r| r[1] == "测试县第1局").unwrap();
    let col = totals[0].iter().position(|h| *h == "规范性文件制发\n（新制作）").unwrap();
    let notes = zip_text(&out, "xl/comments1.xml");
    let cell = format!("{}{}", nianbao::text::col_letters(col as u32), row + 1);
    assert_eq!(notes.matches("<comment ref=").count(), 1, "{notes}");
    assert!(notes.contains(&format!("<comment ref=\"{cell}\"")), "{cell}: {notes}");
    let words = nianbao::forms::def_any("active.normative.issued").unwrap().describe();
    assert!(notes.contains(&format!("{words}：由“{total}”更正为 99")), "{notes}");
}

#[test]
fn word_draft_has_every_section_tables_text_and_markers() {
    let dir = tempdir();
    let (store, _) = county_store(dir.path(), 2);
    let a = store.agency_by_name("测试县第1局").unwrap().unwrap();
    store
        .set_section(
            a.id,
            2021,
            "五",
            nianbao::model::SectionState::parse("已定稿").unwrap(),
            "一是公开意识还需加强。\n二是专栏更新不够及时。",
        )
        .unwrap();
    let (rep, ret) =
        nianbao::report::report(&store, &nianbao::model::ReportOf::Agency(("测试县第1局").to_string()), 2021).unwrap();
    let out = dir.path().join("报告稿.docx");
    export::draft::export_draft(&rep, ret.as_ref(), None, &out).unwrap();
    let xml = zip_text(&out, "word/document.xml");
    let text = docx_text(&xml);
    assert!(text.starts_with("测试县第1局2021年政府信息公开工作年度报告"), "{}", &text[..100]);
    let order = [
        "一、总体情况",
        "（一）主动公开",
        "（五）监督保障",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "一是公开意识还需加强。",
        "二是专栏更新不够及时。",
        "六、其他需要报告的事项",
    ];
    let mut at = 0;
    for o in order {
        let p = text[at..].find(o).unwrap_or_else(|| panic!("{o} after position {at}"));
        at += p;
    }
    assert!(text.contains("【待撰写：（三）政府信息管理】"));
    assert!(text.contains("【待撰写：六、其他需要报告的事项】"));
    assert!(!text.contains("【待撰写：五、"), "a written section has no marker");
    assert_eq!(xml.matches("<w:tbl>").count(), 3, "tables 二 三 四");
    let r = ret.unwrap();
    let total = nianbao::text::fmt_num(r.value("apply.total.total").unwrap());
    assert!(text.contains("（七）总计"));
    assert!(xml.contains(&format!("<w:t xml:space=\"preserve\">{total}</w:t>")));
    assert!(xml.contains("w:top=\"2098\"") && xml.contains("w:left=\"1587\""), "GB/T 9704 margins");
    let fonts = zip_text(&out, "word/styles.xml");
    assert!(
        fonts.contains("仿宋_GB2312")
            && fonts.contains("方正小标宋简体")
            && fonts.contains("黑体")
            && fonts.contains("楷体_GB2312")
    );
    let styles = zip_text(&out, "word/styles.xml");
    assert!(styles.contains("w:line=\"579\"") && styles.contains("w:firstLine=\"640\""));
    let footer = zip_text(&out, "word/footer1.xml");
    assert!(footer.contains("PAGE") && footer.contains("— "));
}

/// The text of a document.xml, paragraphs run together.
fn docx_text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(p) = rest.find("<w:t") {
        let after = &rest[p..];
        let Some(open_end) = after.find('>') else { break };
        if after[..open_end].ends_with('/') || !(after[4..].starts_with('>') || after[4..].starts_with(' ')) {
            rest = &after[open_end + 1..];
            continue;
        }
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</w:t>") else { break };
        out.push_str(&body[..close]);
        rest = &body[close..];
    }
    out
}

#[test]
fn exports_are_written_whole_or_not_at_all() {
    let dir = tempdir();
    let (store, _) = county_store(dir.path(), 1);
    let missing_folder = dir.path().join("没有这个文件夹").join("汇总.xlsx");
    let e = export::summary::export_summary(&store, 2021, &missing_folder).unwrap_err();
    assert!(matches!(e, ExportError::FolderMissing { .. }), "{e}");
    assert!(e.to_string().contains("文件夹不存在"));
    // Over an existing file: replaced whole, and no temporary file is left beside it.
    let out = dir.path().join("汇总.xlsx");
    std::fs::write(&out, b"old").unwrap();
    export::summary::export_summary(&store, 2021, &out).unwrap();
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    let leftovers: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // A folder where the file should be: a clear message, the folder untouched.
    let e = export::summary::export_summary(&store, 2021, dir.path()).unwrap_err();
    assert!(e.to_string().contains("无法保存"), "{e}");
}
