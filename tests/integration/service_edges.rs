//! The service's small entry points, each held to what it must give: every one was a change a
//! mutation run over src/service/mod.rs found no test to notice.

use crate::common::{figures, tempdir, write_return};
use nianbao::forms::Format;
use nianbao::generate::Options;
use nianbao::model::{AgencyKind, ReportOf};
use nianbao::service::{self, OwnFiles, Store};
use std::path::{Path, PathBuf};

fn store_with_one_return(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("c.db")).unwrap();
    let file =
        write_return(dir, "2021-示范县甲局.xlsx", &Options::new(Format::Gov2021), &figures(Format::Gov2021, false, 7));
    let done = service::import_files(&mut store, &[file], &Default::default(), |_, _, _| {});
    assert_eq!(done.imported, 1);
    store
}

#[test]
fn a_figure_is_described_as_its_form_says_and_an_unknown_id_as_itself() {
    let d = service::describe_figure("apply.new.natural", Some(Format::Gov2021));
    assert!(d.starts_with("表三") && d.contains("自然人"), "{d}");
    assert_eq!(service::describe_figure("apply.new.natural", None), d);
    assert_eq!(service::describe_figure("no.such.figure", None), "no.such.figure");
}

#[test]
fn the_applications_part_is_written_from_the_figures_and_a_part_without_figures_is_not() {
    let dir = tempdir();
    let store = store_with_one_return(dir.path());
    let (rep, ret) = service::report(&store, &ReportOf::parse(Some("示范县甲局")), 2021).unwrap();
    let ret = ret.expect("the stored return");
    let new = service::fmt_num(ret.value("apply.new.total").unwrap());
    let text = service::generated_text(service::section_def("一（二）").unwrap(), &ret, &rep).unwrap();
    assert!(text.contains("申请") && text.contains(&format!("{new}件")), "{text}");
    assert_eq!(service::generated_text(service::section_def("六").unwrap(), &ret, &rep), None);
}

#[test]
fn the_dashboards_range_holds_one_to_fifty_one_years_in_order() {
    let dir = tempdir();
    let store = store_with_one_return(dir.path());
    assert_eq!(service::stats(&store, 2021, Some((2021, 2021))).unwrap().years, vec![2021]);
    assert_eq!(service::stats(&store, 2021, Some((1971, 2021))).unwrap().years.len(), 51);
    for (from, to) in [(2022, 2021), (1970, 2021)] {
        let e = service::stats(&store, 2021, Some((from, to))).unwrap_err().to_string();
        assert!(e.contains(&format!("年度范围 {from}-{to} 不正确")), "{e}");
    }
}

#[test]
fn a_text_file_is_read_whole_and_one_not_utf8_is_refused_by_name() {
    let dir = tempdir();
    let ok = dir.path().join("五.txt");
    std::fs::write(&ok, "一是政策解读形式单一。").unwrap();
    assert_eq!(service::read_text(&ok, 1 << 20).unwrap(), "一是政策解读形式单一。");
    let gbk = dir.path().join("六.txt");
    std::fs::write(&gbk, [0xd2, 0xbb, 0xca, 0xc7]).unwrap();
    let e = service::read_text(&gbk, 1 << 20).unwrap_err().to_string();
    assert!(e.contains("“六.txt”不是 UTF-8 文本文件"), "{e}");
}

#[test]
fn the_demo_county_is_the_files_it_says_and_the_process_memory_is_measured() {
    let dir = tempdir();
    let files = service::demo(&dir.path().join("演示"), 5, 2021).unwrap();
    assert_eq!(files.len(), 5);
    assert!(files.iter().all(|f| f.is_file() && f.extension().is_some_and(|e| e == "xlsx")), "{files:?}");
    let mb = service::peak_memory_mb();
    assert!(mb > 2.0 && mb < 100_000.0, "{mb} MB");
}

#[test]
fn a_wal_made_after_the_walk_began_is_known_by_its_folder_under_any_spelling() {
    let dir = tempdir();
    let db = dir.path().join("a").join("c.db");
    std::fs::create_dir(db.parent().unwrap()).unwrap();
    std::fs::write(&db, b"").unwrap();
    let own = OwnFiles::of(&db);
    // The -wal appears later (SQLite makes it at the first write): no identity was taken of it.
    std::fs::write(dir.path().join("a").join("c.db-wal"), b"").unwrap();
    let spelled: PathBuf = dir.path().join("a").join("..").join("a").join("c.db-wal");
    assert!(own.is_own(&spelled), "{}", spelled.display());
    assert!(!own.is_own(&dir.path().join("a").join("c.db-wal.xlsx")));
}

#[test]
fn a_folder_is_walked_eight_levels_deep_and_no_deeper_leaving_out_what_the_office_never_sees() {
    let dir = tempdir();
    let top = dir.path().join("收件箱");
    let mut at = top.clone();
    let mut want = Vec::new();
    for depth in 0..=9 {
        std::fs::create_dir_all(&at).unwrap();
        let file = at.join(format!("第{depth}层.xlsx"));
        std::fs::write(&file, b"").unwrap();
        if depth <= 8 {
            want.push(file);
        }
        at = at.join(format!("子{depth}"));
    }
    // What the office's file manager does not show is not listed either.
    for hidden in ["~$第0层.xlsx", ".DS_Store", "Thumbs.db", "DESKTOP.INI"] {
        std::fs::write(top.join(hidden), b"").unwrap();
    }
    let mut listed = service::collect_files(std::slice::from_ref(&top), &dir.path().join("c.db"));
    listed.sort();
    want.sort();
    assert_eq!(listed, want);
}

#[test]
fn another_countys_agency_without_a_return_is_retired_from_this_year_and_still_due_before() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("c.db")).unwrap();
    store.add_agency("泗水县丙局", AgencyKind::Department).unwrap();
    service::retire_other_county(&mut store, "泗水县丙局").unwrap();
    let this_year: i32 = service::review::today(&store).unwrap()[..4].parse().unwrap();
    let missing = |y: i32| service::county(&store, y).unwrap().missing;
    assert!(missing(this_year).is_empty(), "retired from {this_year}");
    assert_eq!(missing(this_year - 1), vec!["泗水县丙局".to_string()], "still due the year before");
}

#[test]
fn the_brief_sets_this_year_beside_the_last_one_stored() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("c.db")).unwrap();
    for year in [2020, 2021] {
        let files = service::demo(&dir.path().join(year.to_string()), 6, year).unwrap();
        service::import_files(&mut store, &files, &Default::default(), |_, _, _| {});
    }
    let out = dir.path().join("简报.docx");
    service::exports::brief(&store, 2021, &[], &out).unwrap();
    let d = service::stats(&store, 2021, Some((2020, 2021))).unwrap();
    let new = d.series.iter().find(|s| s.name == "本年新收申请").unwrap();
    let [Some(before), Some(now)] = new.values[..] else { panic!("{new:?}") };
    let p = crate::common::docx_paragraphs(&out);
    let row = p.iter().position(|t| t == "本年新收申请（件）").unwrap_or_else(|| panic!("{p:?}"));
    assert_eq!(p[row + 1..row + 3], [service::fmt_num(before), service::fmt_num(now)], "{p:?}");
}

fn yearless(dir: &Path, name: &str) -> PathBuf {
    write_return(dir, name, &Options::new(Format::Gov2021), &figures(Format::Gov2021, false, 3))
}

#[test]
fn the_offices_year_fills_a_files_gap_and_never_overrides_the_year_it_names() {
    let dir = tempdir();
    let given = service::Overrides { year: Some(2021), ..Default::default() };
    let ret = service::read(&yearless(dir.path(), "示范县甲局.xlsx"), &given).unwrap();
    assert_eq!((ret.agency.as_deref(), ret.year), (Some("示范县甲局"), Some(2021)));
    let e = service::read(&yearless(dir.path(), "2020-示范县甲局.xlsx"), &given).unwrap_err().to_string();
    assert!(e.contains("2020") && e.contains("2021"), "{e}");
}

#[test]
fn a_confirmed_import_keeps_the_files_name_for_a_blank_answer_and_remembers_a_mapped_one() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("c.db")).unwrap();
    store.add_agency("示范县档案局", AgencyKind::Department).unwrap();
    let confirmed = |file: &str, agency: &str, file_agency: &str| service::Confirmed {
        path: yearless(dir.path(), file),
        agency: Some(agency.into()),
        year: Some(2021),
        file_agency: Some(file_agency.into()),
    };
    let items =
        [confirmed("示范县甲局.xlsx", "  ", "示范县甲局"), confirmed("县档案局.xlsx", "示范县档案局", "县档案局")];
    let done = service::import_confirmed(&mut store, &items, &Default::default(), |_, _, _| {}).unwrap();
    assert_eq!(done.imported, 2);
    assert!(store.agency_by_name("示范县甲局").unwrap().is_some(), "the file's own name for a blank answer");
    let aliases: Vec<(String, String)> = store.aliases().unwrap().into_iter().map(|a| (a.alias, a.agency)).collect();
    assert_eq!(aliases, vec![("县档案局".to_string(), "示范县档案局".to_string())], "the one name mapped elsewhere");
}

#[test]
fn the_working_year_is_the_latest_stored_and_last_year_before_any() {
    let dir = tempdir();
    let empty = Store::open(&dir.path().join("empty.db")).unwrap();
    let today = service::review::today(&empty).unwrap();
    let this_year: i32 = today[..4].parse().unwrap();
    // Worked out from the clock without a calendar: a day either side of New Year may differ.
    let near_new_year = today[5..] >= *"12-30" || today[5..] <= *"01-02";
    let w = service::working_year(&empty).unwrap();
    assert!(w == this_year - 1 || (near_new_year && (w - (this_year - 1)).abs() == 1), "{w} on {today}");
    let store = store_with_one_return(dir.path());
    assert_eq!(service::working_year(&store).unwrap(), 2021);
    assert_eq!(service::resolve_year(&store, None).unwrap(), 2021);
    assert_eq!(service::resolve_year(&store, Some(2019)).unwrap(), 2019);
}

#[test]
fn a_part_starts_from_the_figures_once_and_again_only_when_forced() {
    let dir = tempdir();
    let store = store_with_one_return(dir.path());
    let of = ReportOf::parse(Some("示范县甲局"));
    let start = |force| service::start_section(&store, &of, 2021, "一（二）", service::StartFrom::Figures, force);
    let text = start(false).unwrap();
    assert!(text.contains("申请") && text.contains('件'), "{text}");
    let a = store.agency_by_name("示范县甲局").unwrap().unwrap();
    let kept = store.section(a.id, 2021, "一（二）").unwrap().unwrap();
    assert_eq!((kept.state, kept.text.as_str()), (nianbao::model::SectionState::Draft, text.as_str()));
    let e = start(false).unwrap_err().to_string();
    assert!(e.contains("已有文字；要覆盖请加 --force"), "{e}");
    assert_eq!(start(true).unwrap(), text);
    let e = service::start_section(&store, &of, 2021, "五", service::StartFrom::LastYear, false).unwrap_err();
    assert!(e.to_string().contains("2020 年报告的“五"), "{e}");
}

#[test]
fn readers_a_window_ahead_of_a_slow_store_wait_and_every_file_is_stored_in_order() {
    let dir = tempdir();
    let files = service::demo(&dir.path().join("县"), 60, 2021).unwrap();
    let mut store = Store::open(&dir.path().join("c.db")).unwrap();
    crate::common::set_county(&mut store, "示范县");
    // Storing slower than reading: the readers reach the end of their window and wait for it to move.
    let read = |p: &Path| service::read(p, &Default::default());
    let mut told = Vec::new();
    let summary = service::import_with(&mut store, &files, read, |i, _, outcome| {
        std::thread::sleep(std::time::Duration::from_millis(15));
        told.push((i, outcome.is_ok()));
    });
    assert_eq!(summary.imported, 60);
    assert_eq!(told, (0..60).map(|i| (i, true)).collect::<Vec<_>>(), "told once each, in order");
}
