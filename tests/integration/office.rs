//! What the office sends out at a county's scale: everything of a year at once (one file failing
//! does not stop the others), the review letter back to an agency, and the chase list with whom to
//! call — read back from the files written.

use crate::common::{samples, tempdir};
use calamine::Reader;
use nianbao::export::office;
use nianbao::service;
use nianbao::store::Store;
use std::io::Read;
use std::path::Path;

fn county_store(dir: &Path) -> Store {
    let files = nianbao::generate::demo_county(&dir.join("in"), 12, 2021).unwrap();
    let mut store = Store::open(&dir.join("office.db")).unwrap();
    let mut all = files.clone();
    all.extend(samples());
    service::import_files(&mut store, &all, &Default::default(), |_, _, _| {});
    store
}

fn docx_text(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    xml
}

#[test]
fn export_all_writes_every_file_and_reports_the_one_it_could_not() {
    let dir = tempdir();
    let store = county_store(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // A folder standing where one agency's tables go: that file cannot be written.
    std::fs::create_dir(out.join("2021-示范县教育局-表格.xlsx")).unwrap();
    let mut seen = Vec::new();
    let done = office::export_all(&store, 2021, &out, |i, n, f| seen.push((i, n, f.to_string()))).unwrap();
    assert_eq!(done.failed.len(), 1, "{:?}", done.failed.iter().map(|f| f.1.to_string()).collect::<Vec<_>>());
    assert!(done.failed[0].0.ends_with("2021-示范县教育局-表格.xlsx"));
    assert!(done.failed[0].1.to_string().contains("2021-示范县教育局-表格.xlsx"));
    // 13 agencies with a return (tables and draft), 1 without (draft only), the county's two files,
    // the summary and the chase list.
    assert_eq!(done.written.len() + done.failed.len(), 13 * 2 + 1 + 4);
    assert_eq!(seen.last().map(|s| (s.0, s.1)), Some((31, 31)), "progress counts every file");
    for p in &done.written {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".xlsx") {
            let wb = calamine::open_workbook_auto(p).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!wb.sheet_names().is_empty(), "{name}");
        } else {
            // Every draft reads back as a report of its agency and year.
            let ret = nianbao::import::read(p, &Default::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(ret.year, Some(2021), "{name}");
        }
    }
    for want in [
        "2021-汇总表.xlsx",
        "2021-催报清单.xlsx",
        "2021-全县-表格.xlsx",
        "2021-全县-报告稿.docx",
        "2021-泗水县商务局-报告稿.docx",
    ] {
        assert!(out.join(want).is_file(), "{want}");
    }
    assert!(!out.join("2021-沂源县悦庄镇人民政府-表格.xlsx").exists(), "no tables for an agency with no return");
    assert!(out.join("2021-沂源县悦庄镇人民政府-报告稿.docx").is_file());
}

#[test]
fn feedback_lists_every_finding_with_its_cell_and_the_sections_to_write() {
    let dir = tempdir();
    let store = county_store(dir.path());
    let a = store.agency_by_name("示范县教育局").unwrap().unwrap();
    let rid = store.current_return_id(a.id, 2021).unwrap().unwrap();
    let findings = store.findings(rid).unwrap();
    assert!(!findings.is_empty(), "the demo's 教育局 has a finding");
    let path = dir.path().join("审核意见.docx");
    office::export_feedback(&store, "示范县教育局", 2021, &path).unwrap();
    let xml = docx_text(&path);
    // The title is broken between words over two lines: its text, runs joined, is whole.
    let title_end = xml.find("</w:p>").unwrap();
    let title: String =
        xml[..title_end].split("<w:t xml:space=\"preserve\">").skip(1).map(|t| t.split('<').next().unwrap()).collect();
    assert_eq!(title, "关于示范县教育局2021年政府信息公开工作年度报告的审核意见");
    assert!(xml[..title_end].contains("<w:br/>"), "too long for one line of 二号");
    for f in &findings {
        assert!(xml.contains(f.rule.label()), "{}", f.rule.label());
        let message = f.message.replace('&', "&amp;");
        assert!(xml.contains(&message), "{message}");
        if let Some(r) = f.refs.iter().find(|r| !r.is_empty()) {
            let (sheet, cell) = r.rsplit_once('!').unwrap();
            assert!(xml.contains(&format!("位置：工作表“{sheet}” {cell} 单元格")), "{r}");
        }
    }
    // No section of the agency's report is written yet: each is listed.
    assert!(xml.contains("尚需完成的部分") && xml.contains("五、存在的主要问题及改进情况") && xml.contains("待撰写"));
}

#[test]
fn the_chase_list_names_whom_to_call() {
    let dir = tempdir();
    let mut store = county_store(dir.path());
    store.set_contact("沂源县悦庄镇人民政府", "张三", "0533-3240000").unwrap();
    let rows = office::chase_rows(&store, 2021).unwrap();
    let missing = rows.iter().find(|r| r.agency == "沂源县悦庄镇人民政府").unwrap();
    assert_eq!((missing.sent, missing.contact.as_str(), missing.phone.as_str()), (false, "张三", "0533-3240000"));
    assert!(missing.todo.contains("报送报表"));
    let flagged = rows.iter().find(|r| r.agency == "示范县教育局").unwrap();
    assert!(flagged.findings > 0 && flagged.todo.contains("核对"));
    let path = dir.path().join("催报清单.xlsx");
    office::export_chase(&store, 2021, &path).unwrap();
    let mut wb = calamine::open_workbook_auto(&path).unwrap();
    let range = wb.worksheet_range("催报清单").unwrap();
    let texts: Vec<String> = range.used_cells().map(|(_, _, v)| v.to_string()).collect();
    for want in ["沂源县悦庄镇人民政府", "张三", "0533-3240000", "未报送", "示范县教育局"] {
        assert!(texts.iter().any(|t| t == want), "{want}");
    }
    assert_eq!(range.height(), rows.len() + 2, "title, header, one row per agency");
}

#[test]
fn a_roster_sheet_brings_contacts_and_phones() {
    let dir = tempdir();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["序号", "单位名称", "类别", "联系人", "联系电话"].iter().enumerate() {
        ws.write(0, c as u16, *h).unwrap();
    }
    ws.write(1, 0, 1).unwrap();
    ws.write(1, 1, "某某县统计局").unwrap();
    ws.write(1, 2, "部门").unwrap();
    ws.write(1, 3, "李四").unwrap();
    ws.write(1, 4, "13800000000").unwrap();
    let p = dir.path().join("名册.xlsx");
    wb.save(&p).unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let n = service::import_roster(&mut store, &p).unwrap();
    assert_eq!((n.read, n.added), (1, 1));
    let a = store.agency_by_name("某某县统计局").unwrap().unwrap();
    assert_eq!((a.contact.as_str(), a.phone.as_str()), ("李四", "13800000000"));
}
