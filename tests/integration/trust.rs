//! Nothing the office did is lost, nothing wrong is counted: re-importing a folder changes
//! nothing and keeps the office's corrections; a changed file keeps the corrections the agency did
//! not touch and says which it made moot; a file of another county is held until assigned; an
//! alias made once maps every later import; a return imported by mistake is removed and restored;
//! an agency retired from a year still counts in the years before.

use crate::common::cli as nianbao;
use crate::common::*;
use nianbao::forms::Format;
use nianbao::generate::Options;
use nianbao::model::{AgencyKind, MatchKind};
use nianbao::store::{CountyInfo, Store};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn set_county(db: &Path, name: &str) {
    let mut store = Store::open(db).unwrap();
    store
        .set_county_info(&CountyInfo {
            name: name.into(),
            office: format!("{name}人民政府办公室"),
            ..Default::default()
        })
        .unwrap();
}

fn import(db: &Path, paths: &[&Path]) -> (String, String) {
    let out = run_ok(nianbao().arg("--db").arg(db).arg("import").args(paths));
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn figures_json(db: &Path, agency: &str, year: i32) -> serde_json::Value {
    let out = run_ok(nianbao().arg("--db").arg(db).args([
        "figures",
        "--agency",
        agency,
        "--year",
        &year.to_string(),
        "--json",
    ]));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn value_of(v: &serde_json::Value, id: &str) -> Option<f64> {
    v["figures"].as_array().unwrap().iter().find(|f| f["id"] == id).and_then(|f| f["value"].as_f64())
}

/// `nianbao correct` of one figure of the agency's 2021 return.
fn correct(db: &Path, agency: &str, figure: &str, value: f64, note: Option<&str>) {
    let mut cmd = nianbao();
    cmd.arg("--db").arg(db).args(["correct", "--agency", agency, "--year", "2021", "--figure", figure]);
    cmd.args(["--value", &value.to_string()]);
    if let Some(n) = note {
        cmd.args(["--note", n]);
    }
    run_ok(&mut cmd);
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn sum(db: &Path, year: i32, id: &str) -> f64 {
    let store = Store::open(db).unwrap();
    store.figure_sums(year).unwrap().into_iter().find(|s| s.id == id).map(|s| s.sum).unwrap_or(0.0)
}

fn write(dir: &Path, name: &str, year: i32, figs: &BTreeMap<String, f64>) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    write_return(dir, name, &Options::new(Format::for_year(year)), figs)
}

const FIGURE: &str = "apply.new.natural";
const OTHER: &str = "active.normative.issued";

#[test]
fn reimporting_the_same_folder_changes_nothing_and_keeps_a_correction() {
    let dir = tempdir();
    let db = dir.path().join("office.db");
    let files = nianbao::generate::demo_county(&dir.path().join("收件"), 12, 2021).unwrap();
    import(&db, &[&dir.path().join("收件")]);
    let rows = count(&db, "SELECT count(*) FROM returns");
    let agency = "示范县教育局";
    let before = value_of(&figures_json(&db, agency, 2021), FIGURE).unwrap();
    correct(&db, agency, FIGURE, before + 1.0, Some("电话核实"));
    let (out, err) = import(&db, &[&dir.path().join("收件")]);
    assert!(out.contains("导入 0 个，未变化 12 个"), "{out}");
    assert_eq!(err.matches("→ 未变化").count(), files.len(), "{err}");
    assert!(!err.contains("替换了此前导入的版本"), "{err}");
    assert_eq!(count(&db, "SELECT count(*) FROM returns"), rows, "no new version");
    let now = figures_json(&db, agency, 2021);
    assert_eq!(value_of(&now, FIGURE), Some(before + 1.0), "the correction is still there");
    // Only the corrected figure is marked so, in the JSON and in the listing.
    let marked: Vec<&str> = now["figures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["corrected"] == true)
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(marked, [FIGURE]);
    let listing = run_ok(nianbao().arg("--db").arg(&db).args(["figures", "--agency", agency, "--year", "2021"]));
    let listing = String::from_utf8_lossy(&listing.stdout);
    let lines: Vec<&str> = listing.lines().filter(|l| l.contains("（已更正）")).collect();
    assert!(lines.len() == 1 && lines[0].starts_with(FIGURE), "{lines:?}");
    let c = &now["corrections"][0];
    assert_eq!(
        (c["figure"].as_str(), c["old_value"].as_f64(), c["note"].as_str()),
        (Some(FIGURE), Some(before), Some("电话核实"))
    );
}

#[test]
fn a_changed_file_keeps_the_corrections_the_agency_did_not_touch_and_tells_the_others() {
    let dir = tempdir();
    let db = dir.path().join("office.db");
    let mut figs = figures(Format::Gov2021, false, 21);
    let first = write(&dir.path().join("一"), "2021-示范县商务局.xlsx", 2021, &figs);
    import(&db, &[&first]);
    let agency = "示范县商务局";
    // 表三's figure corrected twice: the office's last word (55) is the one that counts.
    for (id, v) in [(FIGURE, 77.0), (OTHER, 54.0), (OTHER, 55.0)] {
        correct(&db, agency, id, v, None);
    }
    // The agency's new file: 表二's figure changed by the agency, 表三's left as it was.
    let agency_new = figs[OTHER] + 3.0;
    figs.insert(OTHER.into(), agency_new);
    let second = write(&dir.path().join("二"), "2021-示范县商务局.xlsx", 2021, &figs);
    let (_, err) = import(&db, &[&second]);
    assert!(err.contains("替换了此前导入的版本") && err.contains("保留了办公室的 1 处更正"), "{err}");
    // Told in the form's words, never by the internal id.
    let words = nianbao::forms::def_any(OTHER).unwrap().describe();
    assert!(
        err.contains(&format!("注意：{words} 办公室曾由")) && err.contains("以新文件为准"),
        "superseded told: {err}"
    );
    assert!(!err.contains(OTHER), "{err}");
    let now = figures_json(&db, agency, 2021);
    assert_eq!(value_of(&now, FIGURE), Some(77.0), "kept");
    assert_eq!(value_of(&now, OTHER), Some(agency_new), "the agency's new value counts");
    assert_eq!(now["corrections"].as_array().unwrap().len(), 1);
    // The first version and its corrections stay in history, and the one not carried is shown
    // beside the figures that count: the office's last word on it (not its own 54 before), and
    // not the one carried, shown already.
    assert_eq!(count(&db, "SELECT count(*) FROM figure_edits"), 4);
    let elsewhere = now["elsewhere"].as_array().unwrap();
    assert_eq!(elsewhere.len(), 1, "{elsewhere:?}");
    let e = &elsewhere[0];
    assert_eq!(
        (e["figure"].as_str(), e["new_value"].as_f64(), e["file"].as_str(), e["return_id"].as_i64()),
        (Some(OTHER), Some(55.0), Some("2021-示范县商务局.xlsx"), Some(1))
    );
    assert_eq!(e["now"].as_str(), Some(agency_new.to_string().as_str()), "the figure as it counts");
    let list = run_ok(nianbao().arg("--db").arg(&db).args(["returns", "list", "--agency", agency, "--year", "2021"]));
    let list = String::from_utf8_lossy(&list.stdout).into_owned();
    let first_line = list.lines().find(|l| l.starts_with("1\t")).unwrap_or_default().to_string();
    assert!(first_line.contains(&format!("\t{}\t", e["imported_at"].as_str().unwrap())), "{list}");
    let listing = run_ok(nianbao().arg("--db").arg(&db).args(["figures", "--agency", agency, "--year", "2021"]));
    let listing = String::from_utf8_lossy(&listing.stdout);
    assert!(
        listing.contains(&format!("其他版本的更正（不计入）：{OTHER} ")) && listing.contains("现计入"),
        "{listing}"
    );
    // The new version taken out of the count: the first counts with both its corrections, and
    // nothing is elsewhere (the carried one is the same decision).
    run_ok(nianbao().arg("--db").arg(&db).args(["returns", "remove", "--agency", agency, "--year", "2021"]));
    let then = figures_json(&db, agency, 2021);
    assert_eq!((value_of(&then, FIGURE), value_of(&then, OTHER)), (Some(77.0), Some(55.0)));
    assert_eq!(then["elsewhere"].as_array().unwrap().len(), 0, "{then}");
}

#[test]
fn a_correction_carried_over_versions_and_then_made_moot_is_listed_once_on_its_first_version() {
    let dir = tempdir();
    let db = dir.path().join("office.db");
    let agency = "示范县商务局";
    let mut figs = figures(Format::Gov2021, false, 22);
    let v1 = write(&dir.path().join("一"), "2021-示范县商务局.xlsx", 2021, &figs);
    import(&db, &[&v1]);
    // Two figures corrected to the same value: two decisions, never taken for one.
    for id in [FIGURE, OTHER] {
        correct(&db, agency, id, 77.0, None);
    }
    // The second file changes 表二's figure (表三's correction carried onto it), the third 表三's.
    *figs.get_mut(OTHER).unwrap() += 3.0;
    let v2 = write(&dir.path().join("二"), "2021-示范县商务局.xlsx", 2021, &figs);
    import(&db, &[&v2]);
    *figs.get_mut(FIGURE).unwrap() += 5.0;
    let v3 = write(&dir.path().join("三"), "2021-示范县商务局.xlsx", 2021, &figs);
    import(&db, &[&v3]);
    let now = figures_json(&db, agency, 2021);
    assert_eq!(now["corrections"].as_array().unwrap().len(), 0, "nothing carried onto the third");
    let elsewhere: Vec<(&str, Option<f64>, Option<i64>)> = now["elsewhere"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["figure"].as_str().unwrap(), e["new_value"].as_f64(), e["return_id"].as_i64()))
        .collect();
    assert_eq!(elsewhere, [(FIGURE, Some(77.0), Some(1)), (OTHER, Some(77.0), Some(1))]);
}

#[test]
fn a_file_of_another_county_is_held_until_the_office_assigns_it_and_the_alias_is_remembered() {
    let dir = tempdir();
    let db = dir.path().join("office.db");
    set_county(&db, "示范县");
    let own = write(dir.path(), "2021-示范县商务局.xlsx", 2021, &figures(Format::Gov2021, false, 31));
    let sample = shared().join("samples").join("2021-泗水县商务局.xlsx");
    let out = nianbao().arg("--db").arg(&db).arg("import").arg(&own).arg(&sample).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "held is not refused: {}", String::from_utf8_lossy(&out.stderr));
    let (stdout, err) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(err.contains("2021-泗水县商务局.xlsx → 属于其他县") && err.contains("泗水县"), "{err}");
    assert!(stdout.contains("属于其他县暂缓 1 个") && stdout.contains("  2021-泗水县商务局.xlsx"), "{stdout}");
    let store = Store::open(&db).unwrap();
    let names: Vec<String> = store.agencies(true).unwrap().into_iter().map(|a| a.name).collect();
    assert_eq!(names, ["示范县商务局"], "never added to the roster");
    let own_only = sum(&db, 2021, FIGURE);
    drop(store);
    // Assigned once, remembered: the next import of the folder maps it, in the CLI as in the app.
    run_ok(nianbao().arg("--db").arg(&db).args([
        "agencies",
        "alias",
        "--name",
        "泗水县商务局",
        "--agency",
        "示范县商务局",
    ]));
    let (_, err) = import(&db, &[&sample]);
    assert!(err.contains("已导入：示范县商务局 2021 年") && err.contains("按别名对应"), "{err}");
    let mut store = Store::open(&db).unwrap();
    assert_eq!(store.match_name("泗水县商务局").unwrap().kind, MatchKind::Alias);
    assert_ne!(sum(&db, 2021, FIGURE), own_only, "the sample now counts, as 示范县商务局's newer version");
    assert_eq!(store.agencies(true).unwrap().len(), 1);
    // A close name is matched, and said to be; a new name of the county is new.
    assert_eq!(store.match_name("县商务局").unwrap().kind, MatchKind::Close);
    assert_eq!(store.match_name("示范县统计局").unwrap().kind, MatchKind::New);
    assert_eq!(store.match_name("城关社区居委会").unwrap().kind, MatchKind::New);
    assert_eq!(store.match_name("沂源县供销合作社联合社").unwrap().kind, MatchKind::OtherCounty);
}

#[test]
fn a_return_imported_by_mistake_is_removed_and_restored_and_the_totals_follow() {
    let dir = tempdir();
    let db = dir.path().join("office.db");
    let a = figures(Format::Gov2021, false, 41);
    let mut b = a.clone();
    b.insert(FIGURE.into(), a[FIGURE] + 10.0);
    let v1 = write(&dir.path().join("一"), "2021-示范县水利局.xlsx", 2021, &a);
    let v2 = write(&dir.path().join("二"), "2021-示范县水利局.xlsx", 2021, &b);
    let other = write(dir.path(), "2021-示范县林业局.xlsx", 2021, &a);
    import(&db, &[&v1, &other]);
    import(&db, &[&v2]);
    let agency = ["--agency", "示范县水利局", "--year", "2021"];
    assert_eq!(sum(&db, 2021, FIGURE), a[FIGURE] + b[FIGURE]);
    let out = run_ok(nianbao().arg("--db").arg(&db).arg("returns").arg("remove").args(agency));
    assert!(String::from_utf8_lossy(&out.stdout).contains("已撤销"));
    assert_eq!(sum(&db, 2021, FIGURE), 2.0 * a[FIGURE], "the version before is current again");
    run_ok(nianbao().arg("--db").arg(&db).arg("returns").arg("remove").args(agency));
    assert_eq!(sum(&db, 2021, FIGURE), a[FIGURE], "no version of it counts");
    let status = run_ok(nianbao().arg("--db").arg(&db).args(["status", "--year", "2021"]));
    let status = String::from_utf8_lossy(&status.stdout).into_owned();
    let line = status.lines().find(|l| l.starts_with("示范县水利局")).unwrap_or_default().to_string();
    assert!(line.contains("未报送"), "{status}");
    let list = run_ok(nianbao().arg("--db").arg(&db).arg("returns").arg("list").args(agency));
    assert_eq!(String::from_utf8_lossy(&list.stdout).matches("已撤销").count(), 2, "both kept in history");
    run_ok(nianbao().arg("--db").arg(&db).arg("returns").arg("restore").args(agency));
    assert_eq!(sum(&db, 2021, FIGURE), a[FIGURE] + a[FIGURE], "the last removed (v1) is back");
    // Nothing to remove is said so.
    let out = nianbao()
        .arg("--db")
        .arg(&db)
        .args(["returns", "remove", "--agency", "示范县水利局", "--year", "2021", "--document"])
        .output()
        .unwrap();
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("没有可撤销的报告文档"));
}

#[test]
fn an_agency_retired_from_a_year_still_counts_in_the_years_before() {
    let dir = tempdir();
    let db = dir.path().join("office.db");
    let f20 = figures(Format::for_year(2020), false, 51);
    let f21 = figures(Format::Gov2021, false, 52);
    let files = [
        write(dir.path(), "2020-示范县粮食局.xlsx", 2020, &f20),
        write(dir.path(), "2021-示范县粮食局.xlsx", 2021, &f21),
        write(dir.path(), "2021-示范县商务局.xlsx", 2021, &f21),
    ];
    import(&db, &files.iter().map(|p| p.as_path()).collect::<Vec<_>>());
    let (s20, s21) = (sum(&db, 2020, FIGURE), sum(&db, 2021, FIGURE));
    run_ok(nianbao().arg("--db").arg(&db).args(["agencies", "retire", "示范县粮食局", "--from-year", "2021"]));
    assert_eq!(sum(&db, 2020, FIGURE), s20, "2020 still counts");
    assert_eq!(sum(&db, 2021, FIGURE), s21 - f21[FIGURE], "2021 no longer does");
    let mut store = Store::open(&db).unwrap();
    let names = |store: &Store, y| store.status(y).unwrap().into_iter().map(|s| s.agency.name).collect::<Vec<_>>();
    assert!(names(&store, 2020).contains(&"示范县粮食局".to_string()));
    assert!(!names(&store, 2021).contains(&"示范县粮食局".to_string()));
    // An agency retired from 2021 that sent nothing for 2020 was still asked for 2020: missing then,
    // not from 2021 on.
    store.add_agency("示范县档案局", AgencyKind::Department).unwrap();
    store.retire_from("示范县档案局", 2021).unwrap();
    let missing = |store: &Store, y| nianbao::merge::county(store, y).unwrap().missing;
    assert!(missing(&store, 2020).contains(&"示范县档案局".to_string()));
    assert!(!missing(&store, 2021).contains(&"示范县档案局".to_string()));
}

#[test]
fn a_backup_before_an_import_says_what_it_was_taken_before() {
    let dir = tempdir();
    let db = dir.path().join("office.db");
    nianbao::generate::demo_county(&dir.path().join("收件"), 5, 2021).unwrap();
    import(&db, &[&dir.path().join("收件")]);
    let b = nianbao::store::backup::list(&db).into_iter().next().expect("the import's backup");
    assert_eq!(b.reason, "导入前");
    assert!(b.note.starts_with("5 个文件：2021-示范县") && b.note.ends_with("等"), "{}", b.note);
    assert_eq!((b.agencies, b.returns), (Some(0), Some(0)), "the database was empty then");
    let out = run_ok(nianbao().arg("--db").arg(&db).arg("backups"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("当时 0 个单位、0 份报表"));
    // Another database beside it shares the backups folder: neither is offered the other's.
    let other = dir.path().join("another-county.db");
    import(&other, &[&dir.path().join("收件")]);
    let mine = nianbao::store::backup::list(&db);
    let theirs = nianbao::store::backup::list(&other);
    assert!(!mine.is_empty() && !theirs.is_empty());
    assert!(mine.iter().all(|b| !theirs.iter().any(|t| t.path == b.path)), "each its own backups");
}

#[test]
fn a_document_bringing_the_same_text_again_offers_nothing() {
    use nianbao::model::{ReportOf, SectionState};
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("office.db")).unwrap();
    let figs = figures(Format::Gov2021, false, 61);
    let bytes = crate::documents::report_docx(&figs, crate::documents::Headings::AutoNumbered, false);
    let ret = nianbao::import::read_bytes("2021-示范县商务局.docx", &bytes, &Default::default()).unwrap();
    let agency = store.import(&ret, None).unwrap().agency;
    // The office settles 五 as it came (saving trims it), then the agency sends a corrected file whose
    // 五 is the same text written with other line breaks and spaces.
    let of = ReportOf::Agency(agency.clone());
    let five = ret.document.as_ref().unwrap().section("五").unwrap().text.clone();
    nianbao::service::save_section(&store, &of, 2021, "五", SectionState::Final, &five).unwrap();
    let mut again = ret.clone();
    let doc = again.document.as_mut().unwrap();
    let s = doc.sections.iter_mut().find(|s| s.key == "五").unwrap();
    s.text = format!("  {}\n", s.text.replace('。', "。 "));
    again.figures[0].value = again.figures[0].value.map(|v| v + 1.0);
    let done = store.import(&again, None).unwrap();
    assert!(!done.unchanged && done.sections_offered == 0, "{done:?}");
    let a = store.agency_by_name(&agency).unwrap().unwrap();
    assert!(store.section_offers(a.id, 2021).unwrap().is_empty());
    // A text that does differ is still offered, never taken over the office's.
    s_offer(&mut store, &again, "五", "另一段不同的文字。");
    assert_eq!(store.section_offers(a.id, 2021).unwrap().len(), 1);
    assert_eq!(store.section(a.id, 2021, "五").unwrap().unwrap().state, SectionState::Final);
}

/// Imports `ret` again with section `key` saying `text`.
fn s_offer(store: &mut Store, ret: &nianbao::model::Return, key: &str, text: &str) {
    let mut again = ret.clone();
    let doc = again.document.as_mut().unwrap();
    doc.sections.iter_mut().find(|s| s.key == key).unwrap().text = text.into();
    store.import(&again, None).unwrap();
}

/// The import after a preview takes each file as the preview read it, and reads again a file
/// changed since, or confirmed for another year: what is stored is what the file says when it is
/// imported.
#[test]
fn the_import_after_a_preview_reads_a_changed_file_again() {
    use nianbao::service::{self, ReadCache};
    let dir = tempdir();
    let o = Options::new(Format::Gov2021);
    let (before, after) = (figures(Format::Gov2021, false, 1), figures(Format::Gov2021, false, 2));
    assert_ne!(before, after);
    let path = write_return(dir.path(), "2021-测试县教育局.xlsx", &o, &before);
    let mut store = Store::open(&dir.path().join("n.db")).unwrap();
    let book = store.indicator_book().unwrap();
    let cache = ReadCache::default();
    let preview = |store: &mut Store| {
        let read = service::returns::preview_all(store, std::slice::from_ref(&path), &book, &cache);
        assert!(read[0].is_ok());
    };
    // Kept as read, for the year it was read for only.
    preview(&mut store);
    assert!(cache.take(&path, &book, Some(2020)).is_none());
    preview(&mut store);
    assert_figures(&cache.take(&path, &book, Some(2021)).expect("kept"), &before);
    assert!(cache.take(&path, &book, Some(2021)).is_none(), "taken once");
    assert_eq!(cache.bytes(), 0, "nothing kept once taken");
    // Changed after the preview: read again, and the new figures stored; nothing kept after.
    preview(&mut store);
    assert!(cache.bytes() > 0);
    write_return(dir.path(), "2021-测试县教育局.xlsx", &o, &after);
    let item = service::Confirmed { path: path.clone(), agency: None, year: Some(2021), file_agency: None };
    let done = service::import_confirmed(&mut store, &[item], &cache, |_, _, _| {}).unwrap();
    assert_eq!(done.imported, 1);
    assert_eq!(cache.bytes(), 0);
    let id = store.current_returns(2021).unwrap()[0].id;
    assert_figures(&store.db().load_return(id).unwrap(), &after);
}

/// The preview keeps returns up to its limit and no further: the files beyond it are read again by
/// the import, and are imported all the same.
#[test]
fn the_preview_keeps_returns_up_to_its_limit() {
    use nianbao::service::{self, ReadCache};
    let dir = tempdir();
    let o = Options::new(Format::Gov2021);
    let paths: Vec<PathBuf> = ["2021-测试县教育局.xlsx", "2021-测试县民政局.xlsx", "2021-测试县财政局.xlsx"]
        .iter()
        .enumerate()
        .map(|(i, name)| write_return(dir.path(), name, &o, &figures(Format::Gov2021, false, i as u64)))
        .collect();
    let mut store = Store::open(&dir.path().join("n.db")).unwrap();
    let book = store.indicator_book().unwrap();
    let one = {
        let cache = ReadCache::default();
        service::returns::preview_all(&mut store, &paths[..1], &book, &cache);
        cache.bytes()
    };
    let cache = ReadCache::with_limit(one * 2 + one / 2);
    service::returns::preview_all(&mut store, &paths, &book, &cache);
    assert!(cache.bytes() <= one * 2 + one / 2 && cache.bytes() >= one, "{} of {one}", cache.bytes());
    let items: Vec<service::Confirmed> =
        paths.iter().map(|p| service::Confirmed { path: p.clone(), year: Some(2021), ..Default::default() }).collect();
    let done = service::import_confirmed(&mut store, &items, &cache, |_, _, _| {}).unwrap();
    assert_eq!(done.imported, 3);
    assert_eq!(cache.bytes(), 0);
}
