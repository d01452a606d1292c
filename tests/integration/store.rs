//! The store on a real SQLite file: round trip with provenance, re-import keeping history, the
//! cross-year rule, the roster, status, hand corrections, reopening.

use crate::common::*;
use nianbao::forms::Format;
use nianbao::generate::Options;
use nianbao::import;
use nianbao::model::AgencyKind;
use nianbao::store::Store;

#[test]
fn round_trip_keeps_every_figure_and_where_it_came_from() {
    let dir = tempdir();
    let db = dir.path().join("nianbao.db");
    let sample = shared().join("samples").join("2021-泗水县商务局.xlsx");
    let ret = import::read(&sample, &Default::default()).unwrap();
    let id = {
        let mut store = Store::open(&db).unwrap();
        let done = store.import(&ret, Some(&sample)).unwrap();
        assert!(done.agency_added && !done.replaced_earlier && done.findings.is_empty());
        assert_eq!(done.figures, 236);
        done.return_id
    };
    // Reopen the file: everything is still there, as typed, with file, sheet and cell.
    let store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), 9, "every migration applied");
    let back = store.db().load_return(id).unwrap();
    assert_eq!(back.figures, ret.figures);
    assert_eq!(back.format, Format::Gov2021);
    assert_eq!(back.tables, ret.tables);
    let (file, path): (String, String) = store
        .connection()
        .query_row("SELECT file_name, file_path FROM returns WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(file, "2021-泗水县商务局.xlsx");
    assert!(path.ends_with("2021-泗水县商务局.xlsx"));
    let integrity: String = store.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
}

#[test]
fn reimport_keeps_the_earlier_version_as_history() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let mut figs = figures(Format::Gov2021, false, 31);
    let o = Options::new(Format::Gov2021);
    let first = write_return(dir.path(), "2021-某某县商务局.xlsx", &o, &figs);
    let a = store.import(&import::read(&first, &Default::default()).unwrap(), Some(&first)).unwrap();
    figs.insert("active.rules.issued".into(), 7.0);
    let second_dir = dir.path().join("v2");
    std::fs::create_dir(&second_dir).unwrap();
    let second = write_return(&second_dir, "2021-某某县商务局.xlsx", &o, &figs);
    let b = store.import(&import::read(&second, &Default::default()).unwrap(), Some(&second)).unwrap();
    assert!(b.replaced_earlier);
    let agency = store.agency_by_name("某某县商务局").unwrap().unwrap();
    let history = store.history(agency.id, 2021).unwrap();
    assert_eq!(history.len(), 2);
    assert!(history[0].current && history[0].id == b.return_id);
    assert!(!history[1].current && history[1].id == a.return_id);
    assert_eq!(
        store.db().load_return(a.return_id).unwrap().value("active.rules.issued"),
        Some(figs_first_issued(&a, &store))
    );
    assert_eq!(store.db().load_return(b.return_id).unwrap().value("active.rules.issued"), Some(7.0));
    assert_eq!(store.current_returns(2021).unwrap().len(), 1);
}

fn figs_first_issued(a: &nianbao::store::Imported, store: &Store) -> f64 {
    store.db().load_return(a.return_id).unwrap().value("active.rules.issued").unwrap()
}

#[test]
fn carried_from_last_year_uses_the_store_both_ways() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let last = figures(Format::Gov2019, false, 41);
    let mut this = figures(Format::Gov2021, false, 42);
    // This year's 上年结转 is last year's 结转下年度, column by column, with this year's own
    // balance kept (一 + 二 = 三 + 四) and no count below zero.
    for (col, _) in nianbao::forms::APPLY_COLS {
        let carried = last[&format!("apply.carry_forward.{col}")];
        let total = this[&format!("apply.total.{col}")];
        let mut cf = this[&format!("apply.carry_forward.{col}")];
        let mut new = total + cf - carried;
        if new < 0.0 {
            cf -= new;
            new = 0.0;
        }
        this.insert(format!("apply.carried.{col}"), carried);
        this.insert(format!("apply.carry_forward.{col}"), cf);
        this.insert(format!("apply.new.{col}"), new);
    }
    // Break only the cross-year link: 上年结转 自然人 one more than 2020 carried forward (and one
    // more carried forward again, so this year's own balance still holds).
    for id in
        ["apply.carried.natural", "apply.carried.total", "apply.carry_forward.natural", "apply.carry_forward.total"]
    {
        *this.get_mut(id).unwrap() += 1.0;
    }
    let p21 = write_return(dir.path(), "2021-某某县司法局.xlsx", &Options::new(Format::Gov2021), &this);
    let p20 = write_return(dir.path(), "2020-某某县司法局.xlsx", &Options::new(Format::Gov2019), &last);
    // This year first: no last year yet, no cross-year finding.
    let a = store.import(&import::read(&p21, &Default::default()).unwrap(), None).unwrap();
    assert!(a.findings.iter().all(|f| f.rule != nianbao::model::Rule::Carried), "{:?}", a.findings);
    // Last year arrives: this year's return is re-checked against it.
    let b = store.import(&import::read(&p20, &Default::default()).unwrap(), None).unwrap();
    assert!(b.findings.is_empty(), "{:?}", b.findings);
    let f = store.db().findings(a.return_id).unwrap();
    let carried: Vec<_> = f.iter().filter(|f| f.rule == nianbao::model::Rule::Carried).collect();
    assert_eq!(carried.len(), 2, "自然人 and 总计: {f:?}");
    assert_eq!(carried[0].cells, vec!["apply.carried.natural".to_string(), "apply.carry_forward.natural".to_string()]);
    assert!(carried[0].message.contains("2020"));
    assert_eq!(f.len(), 2, "nothing else is wrong: {f:?}");
}

#[test]
fn roster_status_and_matching() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    // A roster sheet as the office keeps it: a title, a header, names and kinds.
    let roster = dir.path().join("名册.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let rows = [
        ("某某县政府信息公开单位名册", ""),
        ("单位名称", "类别"),
        ("泗水县商务局", "部门"),
        ("沂源县悦庄镇人民政府", "乡镇"),
        ("某某县城关街道办事处", ""),
        ("某某县财政局", "部门"),
    ];
    for (i, (a, b)) in rows.iter().enumerate() {
        ws.write(i as u32, 0, *a).unwrap();
        ws.write(i as u32, 1, *b).unwrap();
    }
    wb.save(&roster).unwrap();
    let n = nianbao::service::import_roster(&mut store, &roster).unwrap();
    assert_eq!((n.read, n.added), (4, 4));
    let list = store.agencies(false).unwrap();
    let kind = |name: &str| list.iter().find(|a| a.name == name).unwrap().kind;
    assert_eq!(kind("沂源县悦庄镇人民政府"), AgencyKind::Township);
    assert_eq!(kind("某某县城关街道办事处"), AgencyKind::Township);
    assert_eq!(kind("泗水县商务局"), AgencyKind::Department);
    // A short name from a title finds its roster entry.
    assert_eq!(store.match_agency("商务局").unwrap().unwrap().name, "泗水县商务局");
    assert!(store.match_agency("公安局").unwrap().is_none());

    for s in samples() {
        store.import(&import::read(&s, &Default::default()).unwrap(), Some(&s)).unwrap();
    }
    let status = store.status(2021).unwrap();
    assert_eq!(status.len(), 4);
    let sent: Vec<_> = status.iter().filter(|s| s.return_id.is_some()).map(|s| s.agency.name.as_str()).collect();
    assert_eq!(sent, vec!["泗水县商务局"]);
    assert_eq!(store.status(2020).unwrap().iter().filter(|s| s.return_id.is_some()).count(), 1);
    assert_eq!(store.years().unwrap(), vec![2021, 2020]);

    store.rename_agency("某某县财政局", "某某县财政局（国资委）").unwrap();
    store.set_retired("某某县城关街道办事处", true).unwrap();
    assert_eq!(store.agencies(false).unwrap().len(), 3);
    assert_eq!(store.agencies(true).unwrap().len(), 4);
    assert!(store.rename_agency("不存在的局", "x").is_err());
    assert!(store.add_agency("", AgencyKind::Department).is_err());
}

#[test]
fn a_hand_correction_is_recorded_and_rechecked_at_once() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let mut figs = figures(Format::Gov2021, false, 51);
    figs.insert("review.reconsideration.total".into(), figs["review.reconsideration.total"] + 1.0);
    let p = write_return(dir.path(), "2021-某某县水利局.xlsx", &Options::new(Format::Gov2021), &figs);
    let done = store.import(&import::read(&p, &Default::default()).unwrap(), Some(&p)).unwrap();
    assert_eq!(done.findings.len(), 1);
    let right = figs["review.reconsideration.total"] - 1.0;
    let after = store.correct_figure(done.return_id, "review.reconsideration.total", right, "张三", "").unwrap();
    assert!(after.is_empty());
    assert!(store.db().findings(done.return_id).unwrap().is_empty());
    let (old, new, who): (f64, f64, String) = store
        .connection()
        .query_row("SELECT old_value, new_value, who FROM figure_edits", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    assert_eq!((old, new, who.as_str()), (right + 1.0, right, "张三"));
    // The corrected value is the one the return now holds, everywhere it is read.
    let back = store.db().load_return(done.return_id).unwrap();
    let fixed = back.figure("review.reconsideration.total").unwrap();
    assert_eq!((fixed.value, fixed.raw.clone()), (Some(right), nianbao::text::fmt_num(right)));
    assert_eq!(back.figures.len(), done.figures, "no figure lost or added by the correction");
    assert!(store.correct_figure(done.return_id, "no.such.figure", 1.0, "张三", "").is_err());
    // The preview of a changed file says it replaces a version with a hand correction; the same
    // file again is unchanged and replaces nothing.
    let book = nianbao::service::IndicatorBook::default();
    let same = nianbao::service::returns::preview(&mut store, &p, &book).unwrap();
    assert_eq!((same.unchanged, same.corrections), (true, 0));
    figs.insert("apply.new.natural".into(), figs["apply.new.natural"] + 2.0);
    std::fs::create_dir_all(dir.path().join("new")).unwrap();
    let changed =
        write_return(&dir.path().join("new"), "2021-某某县水利局.xlsx", &Options::new(Format::Gov2021), &figs);
    let p2 = nianbao::service::returns::preview(&mut store, &changed, &book).unwrap();
    assert_eq!((p2.unchanged, p2.corrections), (false, 1));
}

#[test]
fn a_batch_stores_each_return_on_its_own_and_nothing_before_its_commit() {
    let dir = tempdir();
    let db = dir.path().join("t.db");
    let read = |name: &str, seed: u64| {
        let folder = dir.path().join(seed.to_string());
        std::fs::create_dir_all(&folder).unwrap();
        let p = write_return(&folder, name, &Options::new(Format::Gov2021), &figures(Format::Gov2021, false, seed));
        import::read(&p, &Default::default()).unwrap()
    };
    let first = read("2021-某某县水利局.xlsx", 1);
    let again = read("2021-某某县水利局.xlsx", 2);
    let other = read("2021-某某县交通运输局.xlsx", 3);
    let mut no_year = read("2021-某某县林业局.xlsx", 4);
    no_year.year = None;
    let mut store = Store::open(&db).unwrap();
    store.begin_batch().unwrap();
    let a = store.import(&first, None).unwrap();
    assert!(store.import(&no_year, None).is_err(), "a return that cannot be stored is refused alone");
    // The agency added earlier in the same batch is found again: the second return replaces the first.
    let b = store.import(&again, None).unwrap();
    assert!(a.agency_added && !b.agency_added && b.replaced_earlier);
    let c = store.import(&other, None).unwrap();
    // Another connection (the app's screens) sees nothing of the batch before its commit.
    let seen = || -> i64 {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row("SELECT count(*) FROM returns", [], |r| r.get(0)).unwrap()
    };
    assert_eq!(seen(), 0);
    store.commit_batch().unwrap();
    assert_eq!(seen(), 3);
    let status = store.status(2021).unwrap();
    assert_eq!(status.len(), 2, "two agencies, 林业局 not added: {status:?}");
    assert_eq!(store.db().load_return(b.return_id).unwrap().figures, again.figures);
    assert_eq!(store.db().load_return(c.return_id).unwrap().figures, other.figures);
    // A batch never committed (the program stopped) leaves the database as it was.
    store.begin_batch().unwrap();
    store.import(&read("2021-某某县林业局.xlsx", 5), None).unwrap();
    drop(store);
    assert_eq!(seen(), 3);
    assert_eq!(Store::open(&db).unwrap().status(2021).unwrap().len(), 2);
}

/// More files than the readers may run ahead, the early ones read slowest so they finish out of
/// order, three agencies sending a version each in turn: the batch is stored in the order given
/// (each agency's last file is its current return, its history in file order), progress is told
/// once a file in order, and a reader that fails on one file leaves the others stored.
#[test]
fn a_batch_is_stored_in_the_order_given_however_the_readers_finish() {
    let dir = tempdir();
    let agencies = ["某某县水利局", "某某县交通运输局", "某某县林业局"];
    let n = 60;
    let mut files = Vec::new();
    for i in 0..n {
        let folder = dir.path().join(i.to_string());
        std::fs::create_dir(&folder).unwrap();
        let mut figs = figures(Format::Gov2021, false, i as u64);
        figs.insert("active.rules.issued".into(), i as f64);
        let name = format!("2021-{}.xlsx", agencies[i % 3]);
        files.push(write_return(&folder, &name, &Options::new(Format::Gov2021), &figs));
    }
    let broken = files[31].clone();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let mut told = Vec::new();
    let s = nianbao::service::import_with(
        &mut store,
        &files,
        |p| {
            let i = files.iter().position(|f| f == p).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(((n - i) % 7) as u64));
            assert!(p != broken, "a bug while reading this one file");
            nianbao::service::read(p, &Default::default())
        },
        |i, p, outcome| {
            told.push((i, p.to_path_buf(), outcome.as_ref().map(|d| d.return_id).map_err(|r| r.code.code())))
        },
    );
    assert_eq!((s.imported, s.refused), (n - 1, 1));
    assert_eq!(told.iter().map(|t| t.0).collect::<Vec<_>>(), (0..n).collect::<Vec<_>>(), "progress in order");
    assert!(told.iter().all(|t| t.1 == files[t.0]));
    assert_eq!(told[31].2, Err("io"), "the file the reader failed on is refused alone");
    // Return ids follow the files: stored in the order given.
    let ids: Vec<i64> = told.iter().filter_map(|t| t.2.ok()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    for (k, name) in agencies.iter().enumerate() {
        let a = store.agency_by_name(name).unwrap().unwrap();
        let current = store.db().current_return_id(a.id, 2021).unwrap().unwrap();
        let last = (0..n).rev().find(|i| i % 3 == k).unwrap();
        assert_eq!(store.db().load_return(current).unwrap().value("active.rules.issued"), Some(last as f64), "{name}");
        assert_eq!(store.history(a.id, 2021).unwrap().len(), if k == 1 { 19 } else { 20 }, "{name}");
    }
}

#[test]
fn a_newer_database_is_not_opened_blindly() {
    let dir = tempdir();
    let db = dir.path().join("t.db");
    drop(Store::open(&db).unwrap());
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = Store::open(&db).err().expect("refused");
    assert!(err.to_string().contains("更新版本"), "{err}");
}

/// Which versions count, a correction through the service, and bringing back the removed version of
/// the kind asked for: what the app's 单位详情 does, decided in `service::returns`.
#[test]
fn versions_corrections_and_restores_as_the_app_asks_for_them() {
    use nianbao::service::returns;
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    set_county(&mut store, "沂水县");
    let agency = "沂水县许家湖镇人民政府";
    store.add_agency(agency, AgencyKind::Township).unwrap();
    let figs = figures(Format::Gov2021, false, 77);
    let doc = dir.path().join("许家湖镇年报.docx");
    std::fs::write(&doc, crate::real_pages::office_docx(&figs)).unwrap();
    nianbao::service::import_files(&mut store, &[doc], &Default::default(), |_, _, _| {});
    // A document alone: its figures count, no document beside them.
    let v = returns::versions(&store, agency, 2021).unwrap();
    assert!(v.figures.as_ref().unwrap().source.is_document() && v.document.is_none());
    let book = write_return(dir.path(), &format!("2021-{agency}.xlsx"), &Options::new(Format::Gov2021), &figs);
    nianbao::service::import_files(&mut store, &[book], &Default::default(), |_, _, _| {});
    // With a workbook: the workbook's figures count, the document stands beside them.
    let v = returns::versions(&store, agency, 2021).unwrap();
    let (counts, beside) = (v.figures.unwrap(), v.document.unwrap());
    assert!(!counts.source.is_document() && beside.source.is_document() && counts.id != beside.id);
    // A correction through the service: recorded under 办公室 where nobody is named, findings back.
    let id = "review.reconsideration.total";
    let wrong = figs[id] + 1.0;
    let findings = returns::correct_version(&mut store, counts.id, id, wrong, "复核", " ").unwrap();
    assert!(findings.iter().any(|f| f.cells.iter().any(|c| c == id)), "{findings:?}");
    let c = store.db().corrections(counts.id).unwrap();
    assert_eq!((c[0].who.as_str(), c[0].new_value), ("办公室", Some(wrong)));
    // Corrected twice: what the file itself holds is the first correction's old text, named once.
    returns::correct_version(&mut store, counts.id, id, figs[id], "改回", "张三").unwrap();
    let d = returns::detail(&store, agency, 2021).unwrap();
    assert_eq!(d.file_text, [(id.to_string(), c[0].old_raw.clone())]);
    // Removed, the workbook and the document; each brought back by its kind.
    returns::remove(&mut store, agency, 2021, false).unwrap();
    returns::remove(&mut store, agency, 2021, true).unwrap();
    let back = returns::restore(&mut store, agency, 2021, true, None).unwrap();
    assert!(back.source.is_document(), "the document asked for, not the workbook removed");
    let back = returns::restore(&mut store, agency, 2021, false, None).unwrap();
    assert_eq!(back.id, counts.id);
    assert!(returns::restore(&mut store, agency, 2021, false, None).is_err(), "nothing removed is left");
    // Or by the version's own id, as 单位详情's 恢复 asks.
    returns::remove(&mut store, agency, 2021, false).unwrap();
    assert_eq!(returns::restore(&mut store, agency, 2021, false, Some(counts.id)).unwrap().id, counts.id);
}
