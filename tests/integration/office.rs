//! What the office sends out at a county's scale: everything of a year at once (one file failing
//! does not stop the others), the review letter back to an agency, and the chase list with whom to
//! call — read back from the files written.

use crate::common::{cli, run_ok, samples, tempdir};
use calamine::Reader;
use nianbao::export::office;
use nianbao::service;
use nianbao::store::Store;
use std::io::Read;
use std::path::Path;

fn county_store(dir: &Path) -> Store {
    let files = nianbao::generate::demo_county(&dir.join("in"), 12, 2021).unwrap();
    let mut store = Store::open(&dir.join("office.db")).unwrap();
    // The demo county's files first (示范县), then the samples, whose agencies the roster lists.
    service::import_files(&mut store, &files, &Default::default(), |_, _, _| {});
    crate::common::enroll_samples(&mut store);
    service::import_files(&mut store, &samples(), &Default::default(), |_, _, _| {});
    store
}

/// The demo county with 示范县教育局, which has open findings in 2021, and those findings.
fn education(dir: &Path) -> (Store, nianbao::model::Agency, Vec<nianbao::model::Finding>) {
    let store = county_store(dir);
    let a = store.agency_by_name("示范县教育局").unwrap().unwrap();
    let findings = store.open_findings(a.id, 2021).unwrap();
    (store, a, findings)
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
    // The folder does not exist yet: export all makes it.
    let out = dir.path().join("导出").join("2021");
    std::fs::create_dir_all(&out).unwrap();
    // A folder standing where one agency's tables go: that file cannot be written.
    std::fs::create_dir(out.join("2021-示范县教育局-表格.xlsx")).unwrap();
    let mut seen = Vec::new();
    let done = office::export_all(&store, 2021, &out, None, |i, n, f| seen.push((i, n, f.to_string()))).unwrap();
    assert_eq!(done.failed.len(), 1, "{:?}", done.failed.iter().map(|f| f.1.to_string()).collect::<Vec<_>>());
    assert!(done.failed[0].0.ends_with("2021-示范县教育局-表格.xlsx"));
    assert!(done.failed[0].1.to_string().contains("2021-示范县教育局-表格.xlsx"));
    // 13 agencies with a return (tables and draft), 1 without (draft only), a letter for each
    // agency with findings, the county's two files, the summary, the chase list, the template.
    let flagged = store.status(2021).unwrap().iter().filter(|s| s.findings > 0).count();
    assert!(flagged >= 2, "the demo has agencies with findings");
    assert_eq!(done.written.len() + done.failed.len(), 13 * 2 + 1 + flagged + 5);
    let total = done.written.len() + done.failed.len();
    assert_eq!(seen.last().map(|s| (s.0, s.1)), Some((total, total)), "progress counts every file");
    for p in &done.written {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".xlsx") {
            let wb = calamine::open_workbook_auto(p).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!wb.sheet_names().is_empty(), "{name}");
        } else if name.ends_with("报告稿.docx") {
            // Every draft reads back as a report of its agency and year.
            let ret = nianbao::import::read(p, &Default::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(ret.year, Some(2021), "{name}");
        }
    }
    for want in [
        "2021-汇总表.xlsx",
        "2021-催报清单.xlsx",
        "2021-报表模板.xlsx",
        "2021-全县-表格.xlsx",
        "2021-全县-报告稿.docx",
        "2021-泗水县商务局-报告稿.docx",
        "2021-示范县教育局-审核意见.docx",
    ] {
        assert!(out.join(want).is_file(), "{want}");
    }
    assert!(!out.join("2021-沂源县悦庄镇人民政府-表格.xlsx").exists(), "no tables for an agency with no return");
    assert!(out.join("2021-沂源县悦庄镇人民政府-报告稿.docx").is_file());
}

#[test]
fn export_all_makes_its_folder_and_never_lets_the_county_and_an_agency_of_its_name_collide() {
    let dir = tempdir();
    let mut store = county_store(dir.path());
    // An agency named as the county itself (沂水县, as some rosters list the county government).
    store
        .set_county_info(&nianbao::store::CountyInfo {
            name: "沂水县".into(),
            office: "沂水县人民政府办公室".into(),
            ..Default::default()
        })
        .unwrap();
    let figs = crate::common::figures(nianbao::forms::Format::Gov2021, false, 3);
    let f = crate::common::write_return(
        dir.path(),
        "2021-沂水县.xlsx",
        &nianbao::generate::Options::new(nianbao::forms::Format::Gov2021),
        &figs,
    );
    service::import_files(&mut store, &[f], &Default::default(), |_, _, _| {});
    let out = dir.path().join("新建的").join("文件夹");
    let done = office::export_all(&store, 2021, &out, Some("2022年1月20日"), |_, _, _| {}).unwrap();
    assert!(done.failed.is_empty());
    let on_disk: Vec<String> =
        std::fs::read_dir(&out).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(on_disk.len(), done.written.len(), "the count said is the files written: {on_disk:?}");
    let names: std::collections::HashSet<&String> = on_disk.iter().collect();
    assert_eq!(names.len(), on_disk.len());
    assert!(on_disk.contains(&"2021-沂水县-报告稿.docx".to_string()), "{on_disk:?}");
    assert!(on_disk.contains(&"2021-沂水县（全县）-报告稿.docx".to_string()), "{on_disk:?}");
}

#[test]
fn feedback_lists_every_finding_with_its_cell_once_and_ends_with_the_offices_signature() {
    let dir = tempdir();
    let store = county_store(dir.path());
    let a = store.agency_by_name("示范县教育局").unwrap().unwrap();
    let rid = store.db().current_return_id(a.id, 2021).unwrap().unwrap();
    let findings = store.db().findings(rid).unwrap();
    assert!(!findings.is_empty(), "the demo's 教育局 has a finding");
    let path = dir.path().join("审核意见.docx");
    office::export_feedback(&store, "示范县教育局", 2021, Some("2022年1月20日"), &path).unwrap();
    let xml = docx_text(&path);
    // The title is broken between words over two lines: its text, runs joined, is whole.
    let title_end = xml.find("</w:p>").unwrap();
    let title: String =
        xml[..title_end].split("<w:t xml:space=\"preserve\">").skip(1).map(|t| t.split('<').next().unwrap()).collect();
    assert_eq!(title, "关于示范县教育局2021年政府信息公开工作年度报告的审核意见");
    assert!(xml[..title_end].contains("<w:br/>"), "too long for one line of 二号");
    let lines: Vec<&str> =
        xml[..title_end].split("<w:t xml:space=\"preserve\">").skip(1).map(|t| t.split('<').next().unwrap()).collect();
    assert!(lines.iter().all(|l| *l != "关于" && !l.ends_with('的') && !l.starts_with("审核")), "{lines:?}");
    // The findings left-aligned: quoted cells never stretched apart by justification.
    let first = xml.find("1．").expect("the first finding");
    let para_start = xml[..first].rfind("<w:p>").unwrap();
    assert!(xml[para_start..first].contains(r#"<w:jc w:val="left"/>"#));
    for f in &findings {
        assert!(xml.contains(f.rule.label()), "{}", f.rule.label());
        // The message as the letter says it: its cells in words, each once.
        let message = office::letter_sentence(f).replace('&', "&amp;");
        assert!(xml.contains(&message), "{message}");
        if let Some(r) = f.refs.iter().find(|r| !r.is_empty()) {
            let (sheet, cell) = r.rsplit_once('!').unwrap();
            let named =
                xml.matches(r.as_str()).count() + xml.matches(&format!("工作表“{sheet}” {cell} 单元格")).count();
            assert_eq!(named, 1, "{r} named once");
        }
    }
    // No section of the agency's report is written yet: each is listed.
    assert!(xml.contains("尚需完成的部分") && xml.contains("五、存在的主要问题及改进情况") && xml.contains("待撰写"));
    // The 落款: a blank line, the office's name, the date under it four characters in from the right.
    let tail = &xml[xml.rfind("<w:p>").map(|i| xml[..i].rfind("<w:p>").unwrap_or(i)).unwrap()..];
    assert!(tail.contains("沂水县人民政府办公室") || tail.contains("县政府信息公开工作主管部门"), "{tail}");
    assert!(tail.contains("2022年1月20日") && tail.contains(r#"<w:ind w:right="1280""#), "{tail}");
    // GB/T 9704 7.3.5: the 落款 never alone on a page — the body's last paragraph, the blank line
    // and the name each keep with the next; the date ends the chain.
    let paras: Vec<&str> = xml.split("<w:p>").collect();
    let last = paras.len() - 1;
    for p in &paras[last - 3..last] {
        assert!(p.contains("<w:keepNext/>"), "{p}");
    }
    assert!(!paras[last].contains("<w:keepNext/>"));
    assert!(paras[last - 3].contains("如有疑问") || paras[last - 3].contains("联系电话"), "{}", paras[last - 3]);
}

#[test]
fn the_letter_tells_the_agency_the_figures_the_office_corrected_so_its_published_report_matches() {
    let dir = tempdir();
    let mut store = county_store(dir.path());
    let a = store.agency_by_name("示范县财政局").unwrap().unwrap();
    let rid = store.db().current_return_id(a.id, 2021).unwrap().unwrap();
    let before = store.db().load_return(rid).unwrap();
    let fig = before.figure("apply.new.natural").unwrap().clone();
    let path = dir.path().join("审核意见.docx");
    office::export_feedback(&store, "示范县财政局", 2021, None, &path).unwrap();
    assert!(!docx_text(&path).contains("我办已更正的数据"), "nothing corrected, nothing said");
    // Corrected twice: said once, from what the file said to the office's last value.
    store.correct_figure(rid, "apply.new.natural", 5.0, "办公室", "").unwrap();
    store.correct_figure(rid, "apply.new.natural", 6.0, "办公室", "电话核实").unwrap();
    office::export_feedback(&store, "示范县财政局", 2021, None, &path).unwrap();
    let p = crate::common::docx_paragraphs(&path);
    let heading = p.iter().position(|t| t == "我办已更正的数据").unwrap_or_else(|| panic!("{p:?}"));
    let words = nianbao::forms::def_any("apply.new.natural").unwrap().describe();
    let want = format!(
        "1．{words}（工作表“{}” {} 单元格）：报表填写“{}”，更正为 6（电话核实）。",
        fig.sheet, fig.cell, fig.raw
    );
    assert_eq!(p[heading + 2], want, "{p:?}");
    assert!(!p[heading + 3].starts_with("2．"), "one line a figure: {p:?}");
    // With no problem left, the letter does not say "no problem" without a word about them.
    let b = store.agency_by_name("示范县交通运输局").unwrap().unwrap();
    let bid = store.db().current_return_id(b.id, 2021).unwrap().unwrap();
    assert!(store.correct_figure(bid, "active.fees.amount", 12.5, "办公室", "").unwrap().is_empty());
    office::export_feedback(&store, "示范县交通运输局", 2021, None, &path).unwrap();
    let p = crate::common::docx_paragraphs(&path);
    assert!(p.iter().any(|t| t.ends_with("报表除下列已更正的数据外，未发现数据问题。")), "{p:?}");
    assert!(p.iter().any(|t| t.starts_with("1．表二“行政事业性收费”") && t.ends_with("更正为 12.5。")), "{p:?}");
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
    // A contact with no telephone yet, and an agency the roster has already.
    for (r, name, contact) in [(2, "某某县审计局", "王五"), (3, "某某县财政局", "")] {
        ws.write(r, 0, r).unwrap();
        ws.write(r, 1, name).unwrap();
        ws.write(r, 2, "部门").unwrap();
        ws.write(r, 3, contact).unwrap();
    }
    let p = dir.path().join("名册.xlsx");
    wb.save(&p).unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    store.add_agency("某某县财政局", nianbao::model::AgencyKind::Department).unwrap();
    store.set_contact("某某县财政局", "赵六", "0539-1234567").unwrap();
    let n = service::import_roster(&mut store, &p).unwrap();
    assert_eq!((n.read, n.added), (3, 2));
    let a = store.agency_by_name("某某县统计局").unwrap().unwrap();
    assert_eq!((a.contact.as_str(), a.phone.as_str()), ("李四", "13800000000"));
    let b = store.agency_by_name("某某县审计局").unwrap().unwrap();
    assert_eq!((b.contact.as_str(), b.phone.as_str()), ("王五", ""));
    // A row with neither leaves what the office has.
    let c = store.agency_by_name("某某县财政局").unwrap().unwrap();
    assert_eq!((c.contact.as_str(), c.phone.as_str()), ("赵六", "0539-1234567"));
}

fn draft_xml(store: &Store, agency: &str) -> (String, usize) {
    let dir = tempdir();
    let path = dir.path().join("稿.docx");
    let n =
        service::exports::draft(store, &nianbao::model::ReportOf::Agency(agency.into()), 2021, None, &path).unwrap();
    (docx_text(&path), n)
}

#[test]
fn an_agency_draft_marks_each_table_with_open_findings_in_the_forms_words() {
    let dir = tempdir();
    let (store, _, findings) = education(dir.path());
    let (xml, markers) = draft_xml(&store, "示范县教育局");
    let marked: Vec<&str> =
        xml.match_indices("【待核实：").map(|(i, _)| &xml[i..i + xml[i..].find('】').unwrap()]).collect();
    assert!(!marked.is_empty(), "a table with findings is marked");
    for f in findings.iter().filter(|f| !f.refs.is_empty()) {
        let cell = f.refs[0].as_str();
        // What is wrong in the form's words (合计 8，各项之和 9), beside the table, with its cell.
        let said = f.message.trim_end_matches('。');
        assert!(marked.iter().any(|m| m.contains(cell) && m.contains(said)), "{cell} {:?}", marked);
    }
    // The count the command line prints is the markers in the file.
    let in_file = xml.matches("【待撰写").count() + xml.matches("【待核实").count() + xml.matches("【待填写").count();
    assert_eq!(markers, in_file);
    // A clean agency's tables carry no 【待核实】.
    let clean = store.status(2021).unwrap().into_iter().find(|s| s.return_id.is_some() && s.findings == 0).unwrap();
    assert!(!draft_xml(&store, &clean.agency.name).0.contains("【待核实"));
}

#[test]
fn an_agency_draft_keeps_the_agencys_own_signature() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("c.db")).unwrap();
    let figs = crate::common::figures(nianbao::forms::Format::Gov2021, false, 5);
    let path = dir.path().join("2021-沂水县许家湖镇人民政府.docx");
    std::fs::write(&path, crate::real_pages::office_docx(&figs)).unwrap();
    let s = service::import_files(&mut store, &[path], &Default::default(), |_, _, _| {});
    assert_eq!(s.imported, 1);
    let (xml, _) = draft_xml(&store, "沂水县许家湖镇人民政府");
    let tail = &xml[xml.rfind("沂水县许家湖镇人民政府").unwrap()..];
    assert!(tail.contains("2022年1月20日"), "the agency's own 落款 and date");
    assert!(!xml.contains("【待填写：成文日期】"));
}

/// A county whose name the office has not set: the draft marks it to fill in (never "全县2021年…"
/// signed "全县人民政府办公室"), counts those marks, and `export all` says how to set it.
#[test]
fn an_unset_county_is_marked_never_invented() {
    let dir = tempdir();
    let files = nianbao::generate::demo_county(&dir.path().join("in"), 4, 2021).unwrap();
    let db = dir.path().join("office.db");
    let mut store = Store::open(&db).unwrap();
    service::import_files(&mut store, &files, &Default::default(), |_, _, _| {});
    assert!(!store.county_info().unwrap().is_set(), "the demo's files never set the county");
    let path = dir.path().join("全县稿.docx");
    let markers = service::exports::draft(&store, &nianbao::model::ReportOf::County, 2021, None, &path).unwrap();
    let xml = docx_text(&path);
    assert!(xml.contains("【待填写：本县名称】") && xml.contains("【待填写：编制报告的办公室】"));
    assert!(!xml.contains("全县2021年") && !xml.contains("全县人民政府办公室"));
    let in_file = xml.matches("【待撰写").count() + xml.matches("【待核实").count() + xml.matches("【待填写").count();
    assert_eq!(markers, in_file);
    let out = run_ok(
        cli().arg("--db").arg(&db).args(["export", "all", "--year", "2021", "--dir"]).arg(dir.path().join("all")),
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("本县名称尚未设置") && said.contains("nianbao county set --name"), "{said}");
}

/// 表二 is four blocks each with its own header: a page breaks only between blocks (each block's
/// rows keep together), never under another block's header repeated.
#[test]
fn table_two_breaks_only_between_its_blocks() {
    let dir = tempdir();
    let store = county_store(dir.path());
    let (xml, _) = draft_xml(&store, "示范县教育局");
    let table = &xml[xml.find("<w:tbl>").unwrap()..xml.find("</w:tbl>").unwrap()];
    assert!(!table.contains("<w:tblHeader/>"), "no block's header repeats over another's rows");
    let rows: Vec<&str> = table.split("<w:tr>").skip(1).collect();
    let starts: Vec<usize> = (0..rows.len()).filter(|i| rows[*i].contains("第二十条第")).collect();
    assert_eq!(starts.len(), 4);
    for (i, row) in rows.iter().enumerate() {
        let free = i + 1 == rows.len() || starts.contains(&(i + 1));
        assert_eq!(!row.contains("<w:keepNext/>"), free, "row {i}");
    }
}

/// An agency's 表格 workbook shows where its open findings are: each cell filled, with a note in
/// the form's words.
#[test]
fn an_agencys_tables_mark_the_cells_of_its_findings() {
    let dir = tempdir();
    let (store, a, findings) = education(dir.path());
    assert!(!findings.is_empty());
    let path = dir.path().join("表格.xlsx");
    service::exports::tables(&store, &nianbao::model::ReportOf::Agency(a.name.clone()), 2021, &path).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut notes = String::new();
    for n in 1..=4 {
        if let Ok(mut part) = zip.by_name(&format!("xl/comments{n}.xml")) {
            part.read_to_string(&mut notes).unwrap();
        }
    }
    for f in &findings {
        let first: String = f.message.chars().take(12).collect();
        assert!(notes.contains(&first), "{first} not in the notes");
    }
    let mut styles = String::new();
    zip.by_name("xl/styles.xml").unwrap().read_to_string(&mut styles).unwrap();
    assert!(styles.contains("FFFCE4D6"), "the cells are filled");
}

/// The exports as both front ends ask `service::exports` for them: the date as typed (a date that
/// reads as none refused), the template, every agency's letter and the chase list, each with the
/// count it says.
#[test]
fn the_services_exports_write_what_they_say() {
    let dir = tempdir();
    let store = county_store(dir.path());
    let of = nianbao::model::ReportOf::Agency("示范县教育局".into());
    let dated = dir.path().join("稿.docx");
    service::exports::draft(&store, &of, 2021, Some(" 2022-01-20 "), &dated).unwrap();
    assert!(docx_text(&dated).contains("2022年1月20日"));
    let err = service::exports::draft(&store, &of, 2021, Some("abc"), &dir.path().join("x.docx")).unwrap_err();
    assert!(err.to_string().contains("成文日期“abc”无法识别"), "{err}");
    let template = dir.path().join("模板.xlsx");
    service::exports::template(&store, 2021, false, &template).unwrap();
    assert_eq!(nianbao::import::read(&template, &Default::default()).unwrap().year, Some(2021));
    let letters = dir.path().join("审核意见");
    std::fs::create_dir_all(&letters).unwrap();
    let n = service::exports::feedback_all(&store, 2021, None, &letters).unwrap();
    let sent = office::chase_rows(&store, 2021).unwrap().iter().filter(|r| r.sent).count();
    assert!(n > 1 && n == sent && std::fs::read_dir(&letters).unwrap().count() == n, "{n} letters, {sent} sent");
    let rows = service::exports::chase(&store, 2021, &dir.path().join("催报.xlsx")).unwrap();
    assert!(rows > 1 && rows == office::chase_rows(&store, 2021).unwrap().len());
}
