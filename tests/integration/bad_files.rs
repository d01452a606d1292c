//! Bad input: one clear Chinese sentence naming the file, nothing stored, no panic.

use crate::common::*;
use nianbao::import::{self, ImportError};
use nianbao::store::Store;
use std::path::Path;

fn refused(path: &std::path::Path) -> ImportError {
    import::read(path, &Default::default()).expect_err("must be refused")
}

fn assert_sentence(e: &ImportError, file: &str) {
    let msg = e.to_string();
    assert!(msg.contains(file), "names the file: {msg}");
    assert!(msg.ends_with('。'), "one sentence: {msg}");
    assert_eq!(msg.matches('。').count(), 1, "one sentence: {msg}");
    assert!(msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "Chinese: {msg}");
}

#[test]
fn every_kind_of_bad_file_is_refused_with_a_clear_sentence() {
    let dir = tempdir();
    let d = dir.path();
    let good = std::fs::read(shared().join("samples").join("2021-泗水县商务局.xlsx")).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("2021-空文件局.xlsx", vec![], "empty"),
        ("2021-截断局.xlsx", good[..good.len() / 2].to_vec(), "damaged"),
        ("2021-只剩开头局.xlsx", good[..200].to_vec(), "damaged"),
        ("2021-逗号分隔局.xlsx", "单位,自然人\n商务局,3\n".as_bytes().to_vec(), "not_workbook"),
        ("2021-网页局.xls", b"<html><body>table</body></html>".to_vec(), "not_workbook"),
        ("2021-图片局.xlsx", vec![0x89, b'P', b'N', b'G', 0, 1, 2, 3, 0xff, 0xfe, 0, 0], "not_workbook"),
        ("2021-文档局.xlsx", docx_bytes(), "not_workbook"),
        ("2021-空白表局.xlsx", workbook_without_tables(), "no_table"),
    ];
    for (name, bytes, code) in cases {
        let p = d.join(name);
        std::fs::write(&p, &bytes).unwrap();
        let e = refused(&p);
        assert_eq!(e.code().code(), code, "{name}: {e}");
        assert_sentence(&e, name);
    }
    let e = refused(&fixture("2021-设了密码的局.xlsx"));
    assert_eq!(e.code(), nianbao::model::ErrorCode::Encrypted);
    assert_sentence(&e, "2021-设了密码的局.xlsx");
    let e = refused(&d.join("不存在.xlsx"));
    assert_eq!(e.code(), nianbao::model::ErrorCode::Io);
}

fn docx_bytes() -> Vec<u8> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    z.start_file("[Content_Types].xml", zip::write::SimpleFileOptions::default()).unwrap();
    z.write_all(b"<Types/>").unwrap();
    z.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    z.write_all("<w:document>自然人</w:document>".as_bytes()).unwrap();
    z.finish().unwrap().into_inner()
}

fn workbook_without_tables() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 0, "2021年工作总结").unwrap();
    ws.write(1, 0, "全年完成各项任务").unwrap();
    ws.write(1, 1, 42).unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn zip_bomb_is_refused_at_once_without_inflating() {
    let p = fixture("2021-压缩炸弹.xlsx");
    let e = refused(&p);
    assert_eq!(e.code(), nianbao::model::ErrorCode::Bomb, "{e}");
    assert_sentence(&e, "2021-压缩炸弹.xlsx");
    // The file is ~150 KB and declares 150 MB: the process reading it stays near the file's size.
    let (err, peak) = crate::common::inspect_peak_mb(&p);
    assert!(err.contains("压缩炸弹") && peak < 60.0, "peak {peak} MB: {err}");
}

#[test]
fn a_refused_file_stores_nothing_and_the_batch_goes_on() {
    let dir = tempdir();
    let db = dir.path().join("t.db");
    let mut store = Store::open(&db).unwrap();
    let bad = dir.path().join("2021-坏文件局.xlsx");
    std::fs::write(&bad, b"not a workbook at all").unwrap();
    let files = vec![bad, fixture("2021-压缩炸弹.xlsx"), shared().join("samples").join("2021-泗水县商务局.xlsx")];
    let mut messages = Vec::new();
    let s = nianbao::service::import_files(&mut store, &files, &Default::default(), |_, _, r| {
        if let Err(m) = r {
            messages.push(m.clone());
        }
    });
    assert_eq!((s.imported, s.refused), (1, 2));
    assert_eq!(messages.len(), 2);
    let returns: i64 = store.connection().query_row("SELECT count(*) FROM returns", [], |r| r.get(0)).unwrap();
    let agencies: i64 = store.connection().query_row("SELECT count(*) FROM agencies", [], |r| r.get(0)).unwrap();
    assert_eq!((returns, agencies), (1, 1), "only the good file left a trace");
}

#[test]
fn random_bytes_never_panic() {
    // A small in-test fuzz: mangled copies of a real return, each read without a panic.
    let good = std::fs::read(shared().join("samples").join("2021-泗水县商务局.xlsx")).unwrap();
    let mut rng = nianbao::generate::Rng::new(99);
    for i in 0..300 {
        let mut b = good.clone();
        for _ in 0..(1 + rng.next_u64() % 20) {
            let at = (rng.next_u64() as usize) % b.len();
            b[at] = rng.next_u64() as u8;
        }
        if i % 3 == 0 {
            b.truncate((rng.next_u64() as usize) % b.len());
        }
        let _ = import::read_bytes("2021-变形局.xlsx", &b, &Default::default());
    }
}

#[test]
fn inputs_the_fuzzer_found_are_refused_quickly() {
    // Each of these once made the reader take memory until the machine ran out (a compound file
    // whose sector chain loops): now refused at once, in a sentence, with little memory.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures").join("fuzz");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let r = import::read(&p, &Default::default());
        let (_, peak) = crate::common::inspect_peak_mb(&p);
        assert!(peak < 200.0, "{}: peak {peak} MB", p.display());
        if let Err(e) = r {
            assert_sentence(&e, &p.file_name().unwrap().to_string_lossy());
        }
        n += 1;
    }
    assert!(n >= 2);
}
