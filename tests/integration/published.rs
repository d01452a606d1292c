//! What is published is what was accepted, on time: a saved portal page checked against the
//! version the office accepted — the same page shows no difference, a changed figure and a changed
//! sentence are named, a date after 公开截止 gives its days, a folder lists the agencies without a
//! page as 未见公开, and a page of another agency or year is refused for this one.

use crate::common::{cli, figures, run_ok, set_county, tempdir};
use crate::real_pages::{part, portal_page};
use nianbao::forms::Format;
use nianbao::model::{AgencyKind, ReviewState, Rule};
use nianbao::service::{self, review};
use nianbao::store::Store;
use std::path::Path;

const AGENCY: &str = "沂水县应急管理局";

/// 沂水县 with the agency's 2023 report (the portal page itself) imported and accepted.
fn accepted(dir: &Path) -> (Store, std::collections::BTreeMap<String, f64>, String) {
    let figs = figures(Format::Gov2021, false, 2023);
    let page = portal_page(&figs, "utf-8");
    let sent = dir.join("报送的报告.html");
    std::fs::write(&sent, &page).unwrap();
    let mut store = Store::open(&dir.join("c.db")).unwrap();
    set_county(&mut store, "沂水县");
    store.add_agency(AGENCY, AgencyKind::Department).unwrap();
    store.add_agency("沂水县教育局", AgencyKind::Department).unwrap();
    let s = service::import_files(&mut store, &[sent], &Default::default(), |_, _, _| {});
    assert_eq!(s.imported, 1);
    // Its open problems answered first: 审核通过 is refused while any is open.
    for f in review::findings(&store, 2023, Some(AGENCY)).unwrap() {
        review::dispose(&store, f.id, nianbao::model::Disposition::Dismissed, "已核对").unwrap();
    }
    review::set_state(&store, AGENCY, 2023, ReviewState::Accepted, &review::Move::default()).unwrap();
    (store, figs, page)
}

/// A folder of pages saved from the portal, holding `page` as t20240125.html.
fn pages_folder(dir: &Path, page: &str) -> std::path::PathBuf {
    let pages = dir.join("已公开");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(pages.join("t20240125.html"), page).unwrap();
    pages
}

fn publish(store: &Store, page: &Path, year: i32) -> Result<nianbao::store::Publication, service::Error> {
    let m = review::Move { page: Some(page.to_path_buf()), ..Default::default() };
    review::set_state(store, AGENCY, year, ReviewState::Published, &m)?;
    Ok(review::show(store, AGENCY, year).unwrap().published.unwrap())
}

#[test]
fn the_accepted_report_as_published_shows_no_difference_and_its_own_date() {
    let dir = tempdir();
    let (store, _, page) = accepted(dir.path());
    let path = dir.path().join("art_20240125_104512.html");
    std::fs::write(&path, format!("<!-- saved from url=(0040)http://www.yishui.gov.cn/art/2024/1/25.html -->\n{page}"))
        .unwrap();
    let p = publish(&store, &path, 2023).unwrap();
    assert!(p.same() && p.accepted, "{p:?}");
    assert_eq!((p.date.as_str(), p.date_source.as_str(), p.late_days), ("2024-01-25", "发布日期", 0));
    assert_eq!(p.url, "http://www.yishui.gov.cn/art/2024/1/25.html", "the address the browser saved");
    let a = store.agency_by_name(AGENCY).unwrap().unwrap();
    assert!(store.open_findings(a.id, 2023).unwrap().iter().all(|f| !f.rule.is_about_publication()));
    assert_eq!(store.review_state(a.id, 2023).unwrap(), ReviewState::Published);
    let y = review::standing(&store, 2023).unwrap();
    assert_eq!(y.agency(AGENCY).unwrap().state_words(), "已公开", "on time and the same: nothing more said");
    assert_eq!(published_differ(&store), (1, 0), "已公开, the same");
    let brief = dir.path().join("简报.docx");
    service::exports::brief(&store, 2023, &[], &brief).unwrap();
    let said = crate::common::docx_paragraphs(&brief).into_iter().find(|p| p.starts_with("审核进度：")).unwrap();
    // Each count its own state's (沂水县教育局 sent nothing and is past 报送截止), and no 其中 said.
    assert_eq!(
        said,
        "审核进度：应报送 2 个单位，未报送 1 个，审核通过 0 个，已公开 1 个，逾期 1 个；待核对问题 0 个。"
    );
}

/// The departments 已公开 in the 统计分析 progress, and how many of their pages differ.
fn published_differ(store: &Store) -> (i32, i32) {
    let d = service::stats(store, 2023, None).unwrap();
    let departments = d.progress.iter().find(|p| p.kind == AgencyKind::Department.label()).unwrap();
    let published = d.states.iter().position(|s| s == ReviewState::Published.label()).unwrap();
    (departments.counts[published], departments.published_differ)
}

#[test]
fn a_changed_figure_a_changed_sentence_and_a_late_date_are_named() {
    let dir = tempdir();
    let (store, figs, _) = accepted(dir.path());
    let mut changed = figs.clone();
    *changed.get_mut("apply.new.natural").unwrap() += 4.0;
    let five = part("五").1;
    let page = portal_page(&changed, "utf-8")
        .replace(five, &format!("{five}另行补充的一句话。"))
        .replace("发布日期：2024-01-25", "发布日期：2024-02-05")
        .replace("<td>2024-01-25</td>", "<td>2024-02-05</td>");
    let path = dir.path().join("公开的页面.html");
    std::fs::write(&path, page).unwrap();
    let p = publish(&store, &path, 2023).unwrap();
    let d = p.differences.iter().find(|d| d.figure == "apply.new.natural").expect("the figure changed");
    let accepted_value = nianbao::text::fmt_num(figs["apply.new.natural"]);
    assert_eq!(
        (d.accepted.as_str(), d.published.as_str()),
        (accepted_value.as_str(), &*nianbao::text::fmt_num(figs["apply.new.natural"] + 4.0))
    );
    assert!(
        p.differences
            .iter()
            .all(|d| d.figure.starts_with("apply.") && d.figure.contains("natural") || d.figure.contains("total")),
        "{:?}",
        p.differences
    );
    assert_eq!(p.sections_differ, vec!["五".to_string()]);
    assert_eq!((p.date.as_str(), p.late_days), ("2024-02-05", 5), "5 days after 1月31日");
    // Both are findings of the agency's year, which the letter and the summary list.
    let a = store.agency_by_name(AGENCY).unwrap().unwrap();
    let rules: Vec<Rule> = store.open_findings(a.id, 2023).unwrap().iter().map(|f| f.rule).collect();
    assert!(rules.contains(&Rule::PublishedDiffers) && rules.contains(&Rule::PublishedLate), "{rules:?}");
    // 统计分析 and its brief count it apart from the pages found the same.
    assert_eq!(published_differ(&store), (1, 1));
    let brief = dir.path().join("简报.docx");
    service::exports::brief(&store, 2023, &[], &brief).unwrap();
    let said = crate::common::docx_paragraphs(&brief).into_iter().find(|p| p.starts_with("审核进度：")).unwrap();
    assert!(said.contains("已公开 1 个（其中 1 个公开的网页与审核通过的版本不一致）"), "{said}");
    // The summary's 进度 sheet says it where the office looks.
    let summary = dir.path().join("汇总表.xlsx");
    service::exports::summary(&store, 2023, &summary).unwrap();
    let mut wb: calamine::Sheets<_> = calamine::open_workbook_auto(&summary).unwrap();
    use calamine::Reader;
    let progress = wb.worksheet_range("进度").unwrap();
    let row = progress.rows().find(|r| r[0] == AGENCY).unwrap();
    assert_eq!(progress.rows().next().unwrap()[8].to_string(), "审核与公开");
    assert_eq!(row[8].to_string(), "已公开（与审核版本不一致），逾期公开 5 天");
    // The office's own date wins over the page's.
    let m = review::Move { page: Some(path.clone()), date: Some("2024-01-30".into()), ..Default::default() };
    review::set_state(&store, AGENCY, 2023, ReviewState::Published, &m).unwrap();
    let p = review::show(&store, AGENCY, 2023).unwrap().published.unwrap();
    assert_eq!((p.date_source.as_str(), p.late_days), ("办公室填写", 0));
    // The JSON as FORMS.md gives it.
    let out = run_ok(
        cli()
            .arg("--db")
            .arg(dir.path().join("c.db"))
            .args(["review", "show", "--agency", AGENCY, "--year", "2023", "--json"]),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pb = &v["published"];
    assert_eq!(pb["late_days"], 0);
    assert!(pb["differences"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["figure"] == "apply.new.natural" && d["label"].as_str().is_some()));
    assert_eq!(pb["sections_differ"], serde_json::json!(["五"]));
    // Sent back to correct its page: no longer 已公开, so not counted as a differing page either
    // (the check stays recorded for when it is published again).
    review::set_state(&store, AGENCY, 2023, ReviewState::Returned, &review::Move::default()).unwrap();
    assert_eq!(published_differ(&store), (0, 0));
}

#[test]
fn a_table_the_page_lacks_is_named_as_a_differing_part() {
    let dir = tempdir();
    let (store, _, page) = accepted(dir.path());
    let (start, end) = (page.find("<h2>四、").unwrap(), page.find(part("五").0).unwrap());
    let path = dir.path().join("缺表四的页面.html");
    std::fs::write(&path, format!("{}{}", &page[..start], &page[end..])).unwrap();
    let p = publish(&store, &path, 2023).unwrap();
    assert_eq!(p.sections_differ, vec!["四".to_string()], "{p:?}");
    assert!(p.differences.is_empty(), "the figures it gives are the accepted ones: {:?}", p.differences);
}

#[test]
fn a_page_checked_before_acceptance_is_compared_with_the_current_version_and_says_so() {
    let dir = tempdir();
    let figs = figures(Format::Gov2021, false, 2023);
    let page = portal_page(&figs, "utf-8");
    let mut store = Store::open(&dir.path().join("c.db")).unwrap();
    set_county(&mut store, "沂水县");
    // Another agency's return first: this one's current version is not the first row.
    let o = nianbao::generate::Options::new(Format::Gov2021);
    let other = crate::common::write_return(dir.path(), "2023-沂水县教育局.xlsx", &o, &figs);
    let sent = dir.path().join("报送的报告.html");
    std::fs::write(&sent, &page).unwrap();
    service::import_files(&mut store, &[other, sent], &Default::default(), |_, _, _| {});
    let a = store.agency_by_name(AGENCY).unwrap().unwrap();
    let current = store.db().current_return_id(a.id, 2023).unwrap();
    assert!(current.is_some_and(|id| id > 1), "{current:?}");
    let path = dir.path().join("公开的页面.html");
    std::fs::write(&path, &page).unwrap();
    let given = service::publish::Published { page: Some(path), ..Default::default() };
    let p = service::publish::check(&store, &a, 2023, &given).unwrap();
    assert_eq!((p.compared_with, p.accepted), (current, false), "not accepted: the current version, said so");
    assert!(p.same(), "{p:?}");
}

#[test]
fn a_page_that_names_neither_agency_nor_year_is_read_as_the_agencys_for_the_year() {
    let dir = tempdir();
    let (store, _, page) = accepted(dir.path());
    // Saved under the portal's own file name, its agency and year cut out.
    let bare = page.replace(AGENCY, "").replace("2023年", "本年度").replace("2023", "本年");
    let path = dir.path().join("art_20240125_104512.html");
    std::fs::write(&path, bare).unwrap();
    assert!(service::read(&path, &Default::default()).is_err(), "the page alone names no agency and year");
    let p = publish(&store, &path, 2023).unwrap();
    assert!(p.accepted && p.differences.is_empty(), "{p:?}");
}

#[test]
fn a_folder_of_pages_lists_the_agencies_without_one_and_another_agencys_page_is_refused() {
    let dir = tempdir();
    let (mut store, _, page) = accepted(dir.path());
    let pages = pages_folder(dir.path(), &page);
    let r = service::publish::check_folder(&mut store, 2023, &pages).unwrap();
    assert_eq!(r.checked.len(), 1);
    assert_eq!(r.checked[0].agency, AGENCY);
    assert!(r.checked[0].publication.same());
    assert_eq!(r.unseen, vec!["沂水县教育局".to_string()], "未见公开");
    // The same through the command line.
    let out = run_ok(
        cli()
            .arg("--db")
            .arg(dir.path().join("c.db"))
            .args(["review", "published", "--year", "2023", "--dir"])
            .arg(&pages),
    );
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.contains("沂水县教育局\t\t未见公开") && said.contains(&format!("{AGENCY}\t2024-01-25\t按时\t一致")),
        "{said}"
    );
    // This agency's page checked for another agency, or for another year: refused, nothing kept.
    let path = pages.join("t20240125.html");
    let m = review::Move { page: Some(path.clone()), ..Default::default() };
    let e = review::set_state(&store, "沂水县教育局", 2023, ReviewState::Published, &m).unwrap_err().to_string();
    assert!(e.contains(&format!("是{AGENCY}的报告，不是沂水县教育局的")), "{e}");
    let e = publish(&store, &path, 2022).unwrap_err().to_string();
    assert!(e.contains("是 2023 年的报告"), "{e}");
    let b = store.agency_by_name("沂水县教育局").unwrap().unwrap();
    assert!(store.publication(b.id, 2023).unwrap().is_none());
}

#[test]
fn a_folder_page_without_its_year_is_checked_for_the_year_and_one_by_a_close_name_is_not() {
    let dir = tempdir();
    let (mut store, _, page) = accepted(dir.path());
    let pages = pages_folder(dir.path(), &page.replace("2023年", "本年度").replace("2023", "本年"));
    let r = service::publish::check_folder(&mut store, 2023, &pages).unwrap();
    assert_eq!(r.checked.iter().map(|c| c.agency.as_str()).collect::<Vec<_>>(), [AGENCY], "{r:?}");
    // A name only close to the roster's is the office's to confirm, not the folder's to guess.
    let close = "应急管理局";
    assert_eq!(store.match_name(close).unwrap().kind, nianbao::model::MatchKind::Close);
    std::fs::write(pages.join("t20240125.html"), page.replace(AGENCY, close)).unwrap();
    let r = service::publish::check_folder(&mut store, 2023, &pages).unwrap();
    assert!(r.checked.is_empty(), "{r:?}");
    assert_eq!(
        r.refused,
        vec![("t20240125.html".to_string(), "“t20240125.html”的单位不在名册中，未核对。".to_string())]
    );
}

#[test]
fn a_pdf_the_portal_published_is_refused_with_what_to_do_instead() {
    let dir = tempdir();
    let (mut store, _, page) = accepted(dir.path());
    let pages = pages_folder(dir.path(), &page);
    let pdf = pages.join("2023年度沂水县教育局政府信息公开工作年度报告.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n").unwrap();
    let e = publish(&store, &pdf, 2023).unwrap_err();
    let said = e.to_string();
    assert_eq!(nianbao::model::Coded::code(&e), nianbao::model::ErrorCode::Pdf);
    assert!(
        said.starts_with("“2023年度沂水县教育局政府信息公开工作年度报告.pdf”是 PDF 文件，无法与审核通过的版本逐项核对")
            && said.contains("“另存为”网页（.html）")
            && said.contains("只填写公开网址记为已公开")
            && !said.contains(".docx"),
        "{said}"
    );
    let a = store.agency_by_name(AGENCY).unwrap().unwrap();
    assert!(store.publication(a.id, 2023).unwrap().is_none(), "nothing recorded");
    // In a folder of pages, the same sentence beside the file; the page beside it still checked.
    let r = service::publish::check_folder(&mut store, 2023, &pages).unwrap();
    assert_eq!(r.checked.len(), 1);
    assert_eq!(r.refused, vec![(pdf.file_name().unwrap().to_string_lossy().into_owned(), said)]);
}
