//! Nothing lost, nothing let in: backups and the way back, a killed import, two writers at once,
//! hostile text, and sheets far larger than any return.

use crate::common::*;
use nianbao::forms::Format;
use nianbao::generate::Options;
use nianbao::import;
use nianbao::store::{backup, Store, StoreError};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::common::cli as nianbao;

/// `n` generated 2021 returns named 2021-{prefix}{i}局.xlsx in `dir`; every one holds 200 figures.
fn county(dir: &Path, prefix: &str, n: usize) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let figs = figures(Format::Gov2021, false, 5);
    let bytes = nianbao::generate::workbook(&Options::new(Format::Gov2021), &figs).unwrap();
    (0..n)
        .map(|i| {
            let p = dir.join(format!("2021-{prefix}{i:04}局.xlsx"));
            std::fs::write(&p, &bytes).unwrap();
            p
        })
        .collect()
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Every return in the database is whole: all 200 figures or none at all.
fn assert_whole(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    let partial: i64 = conn
        .query_row(
            "SELECT count(*) FROM returns r WHERE (SELECT count(*) FROM figures f WHERE f.return_id = r.id) != 200",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(partial, 0, "a return with some of its figures");
}

#[test]
fn backups_roll_and_bring_a_damaged_database_back() {
    let dir = tempdir();
    let db = dir.path().join("office.db");
    let mut store = Store::open(&db).unwrap();
    crate::common::enroll_samples(&mut store);
    for s in samples() {
        store.import(&import::read(&s, &Default::default()).unwrap(), Some(&s)).unwrap();
    }
    let b = store.auto_backup("导入前").unwrap().unwrap();
    assert_eq!(b.reason, "导入前");
    assert!(backup::check_file(&b.path).is_ok());
    assert!(store.daily_backup().unwrap().is_none(), "one a day");
    for _ in 0..(backup::KEEP + 3) {
        store.auto_backup("手动").unwrap();
    }
    assert_eq!(backup::list(&db).len(), backup::KEEP, "the oldest are pruned");
    drop(store);

    // Damage the file: it is not opened, and the message names the way back.
    let mut bytes = std::fs::read(&db).unwrap();
    for b in bytes.iter_mut().skip(100).take(4000) {
        *b = 0x5a;
    }
    std::fs::write(&db, &bytes).unwrap();
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
    let e = Store::open_checked(&db).err().expect("refused");
    assert!(matches!(e, StoreError::Corrupt { .. }), "{e}");
    let msg = e.to_string();
    assert!(msg.contains("已损坏") && msg.contains("nianbao restore"), "{msg}");

    let newest = backup::list(&db)[0].path.clone();
    backup::restore(&db, &newest).unwrap();
    let store = Store::open_checked(&db).unwrap();
    assert_eq!(store.current_returns(2021).unwrap().len(), 1);
    assert!(
        std::fs::read_dir(backup::folder(&db)).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".db.old")),
        "the damaged file was kept aside"
    );
    // A damaged backup is not restored.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database").unwrap();
    assert!(backup::restore(&db, &junk).is_err());
}

#[test]
fn an_import_killed_at_any_moment_leaves_whole_returns_and_can_finish() {
    let dir = tempdir();
    let db = dir.path().join("office.db");
    let files = county(&dir.path().join("in"), "断电测试县第", 150);
    let mut rng = nianbao::generate::Rng::new(1);
    let mut interrupted = 0;
    for _ in 0..6 {
        let before = if db.exists() { count(&db, "SELECT count(*) FROM returns") } else { 0 };
        let mut child = nianbao()
            .arg("--db")
            .arg(&db)
            .arg("import")
            .arg(dir.path().join("in"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Killed after a random number of files is stored: the kill lands mid-batch, whatever the
        // machine's speed.
        // Files stored by an earlier round are skipped as unchanged: the kill comes within the
        // first two thirds of the files still to store.
        let left = files.len() - before as usize;
        let after = 1 + (rng.next_u64() % (left * 2 / 3).max(1) as u64) as usize;
        let mut lines = std::io::BufRead::lines(std::io::BufReader::new(child.stderr.take().unwrap()));
        let mut seen = 0;
        while seen < after {
            match lines.next() {
                // Files already stored by an earlier round are told 未变化 and store nothing.
                Some(Ok(l)) if l.starts_with('[') && l.contains("→ 已导入") => seen += 1,
                Some(Ok(l)) if l.starts_with('[') => {}
                Some(Ok(_)) => {}
                _ => break,
            }
        }
        let running = child.try_wait().unwrap().is_none();
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        assert_whole(&db);
        let stored = count(&db, "SELECT count(*) FROM returns") - before;
        // Progress is told after the commit: every file reported as imported is in the database.
        assert!(stored >= seen as i64, "{seen} files reported imported, {stored} in the database");
        if running && stored < files.len() as i64 {
            interrupted += 1;
        }
    }
    assert!(interrupted >= 4, "the kills landed mid-work ({interrupted} of 6 rounds interrupted an import)");
    // Importing again finishes the job: every file once current, nothing doubled.
    run_ok(nianbao().arg("--db").arg(&db).arg("import").arg(dir.path().join("in")));
    assert_whole(&db);
    assert_eq!(count(&db, "SELECT count(*) FROM returns WHERE current = 1"), files.len() as i64);
    assert_eq!(count(&db, "SELECT count(*) FROM agencies"), files.len() as i64);
}

#[test]
fn an_export_killed_midway_leaves_no_half_written_file() {
    let dir = tempdir();
    let db = dir.path().join("office.db");
    county(&dir.path().join("in"), "导出测试县第", 30);
    run_ok(nianbao().arg("--db").arg(&db).arg("import").arg(dir.path().join("in")));
    let out = dir.path().join("导出");
    let mut rng = nianbao::generate::Rng::new(2);
    let mut mid_work = 0;
    for round in 0..6 {
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir(&out).unwrap();
        let mut child = nianbao()
            .arg("--db")
            .arg(&db)
            .args(["export", "all", "--year", "2021", "--dir"])
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Killed after a random number of files is told written: the kill lands while the next
        // file is being written, whatever the machine's speed.
        let after = 1 + (rng.next_u64() % 50) as usize;
        let mut lines = std::io::BufRead::lines(std::io::BufReader::new(child.stderr.take().unwrap()));
        let mut seen = 0;
        while seen < after {
            match lines.next() {
                Some(Ok(l)) if l.starts_with('[') => seen += 1,
                Some(Ok(_)) => {}
                _ => break,
            }
        }
        let running = child.try_wait().unwrap().is_none();
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        mid_work += usize::from(running);
        // Every file under its own name is whole; a kill leaves at most a hidden ".….part".
        for e in std::fs::read_dir(&out).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name.ends_with(".part") {
                continue;
            }
            let p = e.path();
            if name.ends_with(".xlsx") {
                calamine::open_workbook_auto(&p).unwrap_or_else(|e| panic!("round {round}: {name} half written: {e}"));
            } else if name.ends_with(".docx") {
                let bytes = std::fs::read(&p).unwrap();
                let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes));
                assert!(zip.is_ok_and(|mut z| z.by_name("word/document.xml").is_ok()), "round {round}: {name}");
            }
        }
    }
    assert!(mid_work >= 4, "the kills landed mid-export ({mid_work} of 6 rounds)");
}

#[test]
fn two_writers_at_once_lose_nothing_and_double_nothing() {
    let dir = tempdir();
    let db = dir.path().join("office.db");
    Store::open(&db).unwrap();
    county(&dir.path().join("a"), "甲县第", 60);
    county(&dir.path().join("b"), "乙县第", 60);
    let spawn = |sub: &str| nianbao().arg("--db").arg(&db).arg("import").arg(dir.path().join(sub)).output();
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| spawn("a").unwrap());
        let b = s.spawn(|| spawn("b").unwrap());
        (a.join().unwrap(), b.join().unwrap())
    });
    for out in [&a, &b] {
        assert_ran(out);
    }
    assert_whole(&db);
    assert_eq!(count(&db, "SELECT count(*) FROM returns"), 120);
    assert_eq!(count(&db, "SELECT count(*) FROM agencies"), 120);
}

#[test]
fn hostile_names_pass_through_import_and_every_export_as_text() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let names = [
        "<script>alert(1)</script>测试局",
        "=cmd|'/Ccalc'!A0测试局",
        "+SUM(A1:A9)测试局",
        "@INDIRECT(\"A1\")测试局",
        "响铃\u{7}退格\u{8}测试局",
        "-2\u{202e}反向\u{2066}测试局",
    ];
    for (i, name) in names.iter().enumerate() {
        let figs = figures(Format::Gov2021, false, 80 + i as u64);
        let bytes = nianbao::export::tables::template_workbook(2021, false, Some((name, &figs))).unwrap();
        let p = dir.path().join(format!("2021-{i}.xlsx"));
        std::fs::write(&p, bytes).unwrap();
        let ret = import::read(&p, &Default::default()).unwrap();
        store.import(&ret, Some(&p)).unwrap();
    }
    let stored: Vec<String> = store.agencies(true).unwrap().into_iter().map(|a| a.name).collect();
    assert!(stored.contains(&"<script>alert(1)</script>测试局".to_string()), "{stored:?}");
    assert!(stored.contains(&"响铃退格测试局".to_string()), "control characters are dropped: {stored:?}");
    // A 填报单位 beginning with = + - @ is read as the name it is; bidi controls are dropped.
    for n in [names[1], names[2], names[3], "-2反向测试局"] {
        assert!(stored.contains(&n.to_string()), "{n}: {stored:?}");
    }
    assert!(store.add_agency(&"很长".repeat(60), nianbao::model::AgencyKind::Department).is_err());

    let summary = dir.path().join("s.xlsx");
    nianbao::export::summary::export_summary(&store, 2021, &summary).unwrap();
    let mut z = zip::ZipArchive::new(std::fs::File::open(&summary).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut z.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut xml).unwrap();
    assert_eq!(xml.matches("<f>").count(), 13, "only the total row's formulas, none from a name");
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(&summary).unwrap();
    let cells: Vec<String> = wb.worksheet_range("汇总").unwrap().rows().map(|r| r[1].to_string()).collect();
    for n in &names[..4] {
        assert!(cells.contains(&n.to_string()), "{n} as typed: {cells:?}");
    }
    for name in &stored {
        let (rep, ret) =
            nianbao::report::report(&store, &nianbao::model::ReportOf::Agency((name).to_string()), 2021).unwrap();
        let d = dir.path().join("d.docx");
        nianbao::export::draft::export_draft(&rep, ret.as_ref(), None, &d).unwrap();
        let mut z = zip::ZipArchive::new(std::fs::File::open(&d).unwrap()).unwrap();
        let mut doc = String::new();
        std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut doc).unwrap();
        assert!(!doc.contains("<script>"), "markup is escaped in Word");
        let t = dir.path().join("t.xlsx");
        nianbao::export::tables::export_tables(ret.as_ref().unwrap(), None, &t).unwrap();
        assert!(calamine::open_workbook_auto(&t).is_ok());
    }
}

#[test]
fn huge_sheets_are_read_in_bounded_time_and_memory() {
    let dir = tempdir();
    let figs = figures(Format::Gov2021, false, 90);
    // A return whose second sheet is a pasted register of 400,000 cells, and a third whose
    // dimension claims the whole grid (A1:XFD1048576) with two cells.
    let mut wb = rust_xlsxwriter::Workbook::new();
    for t in nianbao::forms::layout::report_tables(false) {
        let ws = wb.add_worksheet();
        let lay = nianbao::forms::layout::layout(t, Format::Gov2021);
        nianbao::export::sheet::draw(
            ws,
            &lay,
            (0, 0),
            &nianbao::export::sheet::Styles::new("宋体"),
            &|s| s.into(),
            &mut |id| nianbao::export::sheet::CellOut::Number(figs[id]),
            false,
        )
        .unwrap();
    }
    let big = wb.add_worksheet();
    for r in 0..100_000u32 {
        for c in 0..4u16 {
            big.write_number(r, c, (r + c as u32) as f64).unwrap();
        }
    }
    let wide = wb.add_worksheet();
    wide.write(0, 0, "起点").unwrap();
    wide.write(1_048_575, 16_383, "终点").unwrap();
    let p = dir.path().join("2021-巨表局.xlsx");
    wb.save(&p).unwrap();
    let ret = import::read(&p, &Default::default()).unwrap();
    assert_figures(&ret, &figs);
    let (_, peak) = crate::common::inspect_peak_mb(&p);
    assert!(peak < 400.0, "the process reading it peaked at {peak} MB");
}
