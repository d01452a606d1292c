//! Nothing lost: a folder walk never opens the database's own files; a stray descriptor closed in
//! the app's process and the command line run beside it lose no save; a commit into a WAL that is
//! not on disk is refused, said, and the next connection saves; the .db file alone holds the work
//! at rest and its copy is one whole file; another county's returns are held until the county is set.

use crate::common::{cli, figures, run_ok, tempdir, write_return};
use nianbao::forms::Format;
use nianbao::generate::Options;
use nianbao::model::SectionState;
use nianbao::service;
use nianbao::store::Store;
use std::path::Path;

fn db_cmd(db: &Path) -> std::process::Command {
    let mut c = cli();
    c.arg("--db").arg(db);
    c
}

fn text(out: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// A return of `name` for 2021 written into `dir`.
fn a_return(dir: &Path, name: &str, seed: u64) -> std::path::PathBuf {
    write_return(
        dir,
        &format!("2021-{name}.xlsx"),
        &Options::new(Format::Gov2021),
        &figures(Format::Gov2021, false, seed),
    )
}

fn section_text(db: &Path, agency: &str, key: &str) -> String {
    let store = Store::open(db).unwrap();
    let a = store.agency_by_name(agency).unwrap().unwrap();
    store.section(a.id, 2021, key).unwrap().map(|s| s.text).unwrap_or_default()
}

#[test]
fn a_folder_walk_never_lists_the_databases_own_files() {
    let dir = tempdir();
    let inbox = dir.path().join("收件箱");
    std::fs::create_dir(&inbox).unwrap();
    // The office keeps its database in the folder it imports from.
    let db = inbox.join("c.db");
    a_return(&inbox, "沂水县甲局", 1);
    let first = run_ok(db_cmd(&db).arg("import").arg(&inbox));
    assert!(text(&first).contains("共 1 个文件"), "{}", text(&first));
    let store = Store::open(&db).unwrap();
    for own in ["c.db", "c.db-wal", "c.db-shm"] {
        assert!(inbox.join(own).exists(), "{own} is there while the database is open");
    }
    assert!(inbox.join("backups").is_dir(), "the backup before the import");
    // Another name for the database itself (a link in a sub-folder) is known by its identity.
    std::fs::create_dir(inbox.join("另存")).unwrap();
    std::fs::hard_link(&db, inbox.join("另存").join("2021-沂水县乙局.xlsx")).unwrap();
    let listed = service::collect_files(std::slice::from_ref(&inbox), &db);
    assert_eq!(listed, vec![inbox.join("2021-沂水县甲局.xlsx")], "only the return");
    // The command line, run beside the open database, reads only the return (unchanged) too.
    let again = run_ok(db_cmd(&db).arg("import").arg(&inbox));
    assert!(text(&again).contains("共 1 个文件") && !text(&again).contains("c.db"), "{}", text(&again));
    drop(store);
}

#[test]
fn a_stray_descriptor_and_the_command_line_beside_lose_no_save() {
    let dir = tempdir();
    let db = dir.path().join("c.db");
    run_ok(db_cmd(&db).arg("import").arg(a_return(dir.path(), "沂水县甲局", 2)));
    // The app's connection, with a save.
    let app = Store::open(&db).unwrap();
    let a = app.agency_by_name("沂水县甲局").unwrap().unwrap();
    app.set_section(a.id, 2021, "五", SectionState::Draft, "第一次保存。").unwrap();
    // What a file dialog does in the app's process: open the database file and close it. That
    // drops every POSIX lock the process holds on it (SQLite's documented hazard).
    drop(std::fs::File::open(&db).unwrap());
    // The command line beside it opens, reads, and closes: it believes it is the last connection.
    run_ok(db_cmd(&db).args(["status", "--year", "2021"]));
    assert!(dir.path().join("c.db-wal").exists(), "the WAL is kept, not deleted under the app");
    // The app saves again; then its process ends without closing the connection (as a window
    // closed by the system, or a power cut): what is not in a file on disk is gone.
    app.set_section(a.id, 2021, "六", SectionState::Draft, "第二次保存。").unwrap();
    std::mem::forget(app);
    assert_eq!(section_text(&db, "沂水县甲局", "五"), "第一次保存。");
    assert_eq!(section_text(&db, "沂水县甲局", "六"), "第二次保存。", "the save after the CLI is in the file");
}

#[test]
fn a_commit_into_a_wal_that_is_not_on_disk_is_refused_and_the_next_connection_saves() {
    let dir = tempdir();
    let db = dir.path().join("c.db");
    run_ok(db_cmd(&db).arg("import").arg(a_return(dir.path(), "沂水县甲局", 3)));
    let app = Store::open(&db).unwrap();
    let a = app.agency_by_name("沂水县甲局").unwrap().unwrap();
    app.checkpoint().unwrap();
    // Another program deletes the WAL from under the app.
    std::fs::remove_file(dir.path().join("c.db-wal")).unwrap();
    let refused = app.set_section(a.id, 2021, "五", SectionState::Draft, "写进了被删除的文件？");
    assert!(refused.is_err(), "never a commit into an unlinked file");
    assert!(app.wal_lost(), "the app is told to open a new connection");
    drop(app);
    let app = Store::open(&db).unwrap();
    app.set_section(a.id, 2021, "五", SectionState::Draft, "新连接保存。").unwrap();
    drop(app);
    assert_eq!(section_text(&db, "沂水县甲局", "五"), "新连接保存。");
}

#[test]
fn the_db_file_alone_holds_the_work_at_rest_and_its_copy_is_one_file() {
    let dir = tempdir();
    let db = dir.path().join("c.db");
    let file = a_return(dir.path(), "沂水县甲局", 4);
    // The app's connection stays open (as the window does); an import runs beside it.
    let mut app = Store::open(&db).unwrap();
    service::import_files(&mut app, &[file], &Default::default(), |_, _, _| {});
    let a = app.agency_by_name("沂水县甲局").unwrap().unwrap();
    app.set_section(a.id, 2021, "五", SectionState::Draft, "改进措施。").unwrap();
    // What the app does when idle and at exit: the .db alone now holds it, copied while open.
    assert!(app.checkpoint().unwrap());
    assert_eq!(std::fs::metadata(dir.path().join("c.db-wal")).map(|m| m.len()).unwrap_or(0), 0);
    let usb = dir.path().join("U盘");
    std::fs::create_dir(&usb).unwrap();
    std::fs::copy(&db, usb.join("c.db")).unwrap();
    assert_eq!(section_text(&usb.join("c.db"), "沂水县甲局", "五"), "改进措施。");
    // 复制数据库…: one whole file, never onto the database itself.
    service::copy_database(&app, &usb.join("副本.db")).unwrap();
    assert!(!usb.join("副本.db-wal").exists());
    assert_eq!(section_text(&usb.join("副本.db"), "沂水县甲局", "五"), "改进措施。");
    let onto_itself = service::copy_database(&app, &db).unwrap_err().to_string();
    assert!(onto_itself.contains("不能复制到数据库自身"), "{onto_itself}");
    // The command line's own work is in the .db once it exits.
    drop(app);
    run_ok(db_cmd(&db).args(["agencies", "add", "沂水县乙局"]));
    // The last connection to close kept the WAL file (emptied): no program deletes it under another.
    let wal = std::fs::metadata(dir.path().join("c.db-wal")).expect("the WAL file is kept at close");
    assert_eq!(wal.len(), 0, "its commits are in the .db");
    std::fs::copy(&db, usb.join("c2.db")).unwrap();
    let copy = Store::open(&usb.join("c2.db")).unwrap();
    assert!(copy.agency_by_name("沂水县乙局").unwrap().is_some());
}

#[test]
fn another_countys_return_is_held_until_the_county_is_set_and_setting_it_names_the_others() {
    let dir = tempdir();
    let db = dir.path().join("c.db");
    // No county set: the first file's county is the roster's; another county's file is held.
    run_ok(db_cmd(&db).arg("import").arg(a_return(dir.path(), "沂水县甲局", 5)));
    let held = db_cmd(&db).arg("import").arg(a_return(dir.path(), "沂源县乙局", 6)).output().unwrap();
    let said = text(&held);
    assert!(said.contains("属于其他县暂缓 1 个") && said.contains("nianbao county set"), "{said}");
    let store = Store::open(&db).unwrap();
    assert!(store.agency_by_name("沂源县乙局").unwrap().is_none(), "nothing of it stored");
    drop(store);
    // An office that enrolled another county's agency by hand is told when it sets its county.
    run_ok(db_cmd(&db).args(["agencies", "add", "泗水县丙局"]));
    let set =
        text(&run_ok(db_cmd(&db).args(["county", "set", "--name", "沂水县", "--office", "沂水县人民政府办公室"])));
    assert!(set.contains("1 个单位属于其他县") && set.contains("泗水县丙局"), "{set}");
    let mut store = Store::open(&db).unwrap();
    service::retire_other_county(&mut store, "泗水县丙局").unwrap();
    let info = store.county_info().unwrap();
    let others = service::set_county(&mut store, &info).unwrap();
    assert!(others.is_empty(), "retired: no longer listed");
}

#[test]
fn a_parts_text_edited_by_the_office_is_checked_again_at_save() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("c.db")).unwrap();
    let mut ret = crate::rules::good();
    let total = ret.value("apply.new.total").unwrap();
    let says = |n: f64| format!("全年共收到政府信息公开申请{}件。", nianbao::text::fmt_num(n));
    let part = ret.document.as_mut().unwrap().sections.iter_mut().find(|s| s.key == "一（二）").unwrap();
    part.text = says(total + 21.0);
    let agency = store.import(&ret, None).unwrap().agency;
    let a = store.agency_by_name(&agency).unwrap().unwrap();
    let about_text = |store: &Store| {
        store
            .open_findings(a.id, 2021)
            .unwrap()
            .into_iter()
            .filter(|f| f.rule == nianbao::model::Rule::TextFigures)
            .count()
    };
    assert_eq!(about_text(&store), 1, "the imported text contradicts 表三");
    // The office corrects the sentence: the finding goes at once (总览 and the letter read it).
    let of = nianbao::model::ReportOf::Agency(agency.clone());
    service::save_section(&store, &of, 2021, "一（二）", SectionState::Draft, &says(total)).unwrap();
    assert_eq!(about_text(&store), 0, "the text the office keeps agrees");
    // And a wrong figure written by the office is found the same way.
    service::save_section(&store, &of, 2021, "一（二）", SectionState::Draft, &says(total + 5.0)).unwrap();
    let f = store.open_findings(a.id, 2021).unwrap().into_iter().find(|f| f.rule == nianbao::model::Rule::TextFigures);
    assert!(f.unwrap().message.contains(&nianbao::text::fmt_num(total + 5.0)));
    let _ = &mut store;
}
