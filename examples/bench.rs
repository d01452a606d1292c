//! The benchmark (`cargo run --release --example bench -- --count 300`), a tool over the library: generates a county of returns and measures, on the same files, the bare calamine
//! read, `inspect` (read + locate + checks) and import into a fresh database (read + checks + store),
//! with peak memory. It prints numbers; nothing here asserts a time.

use calamine::Reader;
use nianbao::forms::Format;
use nianbao::generate::{self, Options, Rng};
use nianbao::memory::{peak_rss_mb, rss_mb};
use nianbao::store::Store;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

// As the CLI and the app allocate: reading a return makes thousands of short-lived strings.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Distinct workbooks a generated county is made of.
const TEMPLATES: usize = 8;

/// Writes `count` generated returns into `dir`: a county's mix of formats and layouts.
fn generate_county(dir: &Path, count: usize, year: i32) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let mut files = Vec::with_capacity(count);
    let mut rng = Rng::new(year as u64);
    // A handful of distinct workbooks, each written under many agencies' names: generating is not
    // what is measured, and the reader sees each file afresh.
    let mut templates = Vec::new();
    for k in 0..TEMPLATES {
        let format = if year >= 2021 { Format::Gov2021 } else { Format::Gov2019 };
        let mut o = Options::new(format);
        o.stats = k % 2 == 0;
        o.one_sheet = k % 3 == 0;
        o.origin = ((k % 3) as u32, (k % 2) as u16);
        o.formulas = k % 4 == 1;
        let figures = generate::consistent_figures(format, o.stats, &mut rng);
        templates.push(generate::workbook(&o, &figures).map_err(|e| e.to_string())?);
    }
    for i in 0..count {
        let kind = if i % 5 == 0 { "镇人民政府" } else { "局" };
        let path = dir.join(format!("{year}-测试县第{:05}{kind}.xlsx", i + 1));
        std::fs::write(&path, &templates[i % templates.len()]).map_err(|e| e.to_string())?;
        files.push(path);
    }
    Ok(files)
}

/// Report documents beside workbooks: the same agencies' reports as Word files (each the draft this
/// program exports, with every section written), read and imported like the workbooks.
fn documents(
    out: &mut String,
    store: &mut Store,
    dir: &Path,
    files: &[PathBuf],
    count: usize,
    inspect: f64,
) -> Result<(), String> {
    use nianbao::model::{ReportOf, SectionState};
    // The workbooks repeat a handful of templates (file i is template i % TEMPLATES): the report of
    // each template's first agency, with every section written, is each agency's report of the same
    // figures under its own name, as an agency's Word report agrees with its Excel return.
    let mut drafts = Vec::new();
    for f in files.iter().take(TEMPLATES) {
        let first = nianbao::import::read(f, &Default::default()).map_err(|e| e.to_string())?;
        let of = ReportOf::Agency(first.agency.clone().unwrap_or_default());
        for d in nianbao::report::SECTIONS.iter().filter(|d| d.table.is_none()) {
            let text = format!("{}：本单位认真贯彻落实《中华人民共和国政府信息公开条例》，全年工作有序开展。", d.title);
            nianbao::service::save_section(store, &of, 2021, d.key, SectionState::Draft, &text)
                .map_err(|e| e.to_string())?;
        }
        drafts.push(nianbao::report::report(store, &of, 2021).map_err(|e| e.to_string())?);
    }
    let docs_dir = dir.join("documents");
    std::fs::create_dir_all(&docs_dir).map_err(|e| e.to_string())?;
    let mut docs = Vec::with_capacity(count);
    for (i, f) in files.iter().enumerate() {
        // Each agency's own report (its name in the title): the same file 300 times would be one
        // report stored once and 299 told unchanged.
        let (rep, ret) = &mut drafts[i % TEMPLATES];
        let (agency, _) = nianbao::import::from_file_name(&f.display().to_string());
        rep.agency = agency.unwrap_or_else(|| rep.agency.clone());
        let (bytes, _) = nianbao::export::draft::draft_docx(rep, ret.as_ref(), None).map_err(|e| e.to_string())?;
        let name = f.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let path = docs_dir.join(format!("{name}-年度报告.docx"));
        std::fs::write(&path, &bytes).map_err(|e| e.to_string())?;
        docs.push(path);
    }
    // The best of ROUNDS, as the workbooks' inspect it is compared with.
    let (secs, ok) = inspect_all(&docs);
    let xml = xml_bytes(&docs) as f64 / xml_bytes(files).max(1) as f64;
    let _ = writeln!(
        out,
        "Word 报告 inspect（读取+表格+章节+审核）：{secs:.3} s，{:.0} 份/秒，为同数量 Excel 报表 inspect 的 {:.2} 倍（目标 ≤ 1.5 倍）；成功 {ok} 份\n  \
         其 XML 为报表的 {xml:.1} 倍，每 KB XML 用时为报表的 {:.2} 倍",
        count as f64 / secs,
        secs / inspect,
        secs / inspect / xml
    );
    let t = Instant::now();
    let summary = nianbao::service::import_files(store, &docs, &Default::default(), |_, _, _| {});
    let import = t.elapsed().as_secs_f64();
    let _ = writeln!(
        out,
        "Word 报告导入（与各单位的 Excel 报表并存并逐项比对）：{import:.3} s，{:.0} 份/秒；导入 {}，未变化 {}，拒收 {}",
        count as f64 / import,
        summary.imported,
        summary.unchanged,
        summary.refused
    );
    xml_readers(out, &docs, import);
    Ok(())
}

/// The Word bodies read by our scanner and by quick-xml's reader, in one run, the best of ROUNDS
/// each, against the import of the reports beside the returns: whether the scanner earns its keep.
fn xml_readers(out: &mut String, docs: &[PathBuf], import: f64) {
    let bodies: Vec<Vec<u8>> = docs
        .iter()
        .filter_map(|f| {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(std::fs::read(f).ok()?)).ok()?;
            let mut body = Vec::new();
            std::io::Read::read_to_end(&mut zip.by_name("word/document.xml").ok()?, &mut body).ok()?;
            Some(body)
        })
        .collect();
    let best = |read: fn(&[u8]) -> usize| {
        (0..ROUNDS)
            .map(|_| {
                let t = Instant::now();
                let n: usize = bodies.iter().map(|b| read(b)).sum();
                (t.elapsed().as_secs_f64(), n)
            })
            .fold((f64::MAX, 0), |a, b| if b.0 < a.0 { b } else { a })
    };
    let (ours, n1) = best(nianbao::import::scanner_count);
    let (theirs, n2) = best(nianbao::import::quick_xml_count);
    let _ = writeln!(
        out,
        "Word 正文 XML（{} 份）：本程序的扫描器 {ours:.3} s（{n1} 个记号），quick-xml {theirs:.3} s（{n2} 个事件）；\
         省下 {:.3} s，为报告导入的 {:.0}%",
        bodies.len(),
        theirs - ours,
        (theirs - ours) / import.max(1e-9) * 100.0
    );
}

/// The XML the files hold once inflated (the parts a reader parses), in bytes.
fn xml_bytes(files: &[PathBuf]) -> u64 {
    let mut total = 0;
    for f in files {
        let Ok(bytes) = std::fs::read(f) else { continue };
        let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else { continue };
        for i in 0..zip.len() {
            if let Ok(e) = zip.by_index_raw(i) {
                if e.name().is_ok_and(|n| n.ends_with(".xml")) {
                    total += e.size();
                }
            }
        }
    }
    total
}

/// How many times each pass runs; the fastest run is the one reported.
const ROUNDS: usize = 5;

/// The wall time of the fastest of [`ROUNDS`] runs of `pass`, in seconds.
fn best_of(mut pass: impl FnMut()) -> f64 {
    best_timed(|| {
        let t = Instant::now();
        pass();
        t.elapsed().as_secs_f64()
    })
}

/// `inspect` of every file on one core (read, located, checked), the fastest of [`ROUNDS`] runs:
/// seconds, and how many files were read.
fn inspect_all(files: &[PathBuf]) -> (f64, usize) {
    let mut ok = 0;
    let secs = best_of(|| {
        ok = 0;
        for f in files {
            if let Ok(ret) = nianbao::import::read(f, &Default::default()) {
                let _ = nianbao::checks::check(&ret);
                ok += 1;
            }
        }
    });
    (secs, ok)
}

/// The fastest of [`ROUNDS`] runs of a pass that times its own part (after its setup).
fn best_timed(mut pass: impl FnMut() -> f64) -> f64 {
    (0..ROUNDS).map(|_| pass()).fold(f64::INFINITY, f64::min)
}

/// Each fifth of an import: files imported so far, that fifth's seconds, resident memory in MB.
type Slices = Vec<(usize, f64, f64)>;

/// One import of every file into a new, empty database (creating it is not part of the time):
/// seconds, the time and memory of each fifth of the files, and what was imported.
fn timed_import(db: &Path, files: &[PathBuf]) -> Result<(f64, Slices, nianbao::service::Summary), String> {
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
    let mut store = Store::open(db).map_err(|e| e.to_string())?;
    let step = (files.len() / 5).max(1);
    let t = Instant::now();
    let mut last = Instant::now();
    let mut slices = Vec::new();
    let summary = nianbao::service::import_files(&mut store, files, &Default::default(), |i, _, _| {
        if (i + 1) % step == 0 {
            slices.push((i + 1, last.elapsed().as_secs_f64(), rss_mb()));
            last = Instant::now();
        }
    });
    Ok((t.elapsed().as_secs_f64(), slices, summary))
}

/// The same files read by the openpyxl script an office would write (scripts/openpyxl_read.py),
/// run once by the machine's python3; left out, with the reason, where python3 or openpyxl is
/// missing. Its time includes starting Python, as running the script does.
fn openpyxl(out: &mut String, files: &[PathBuf], import: f64) {
    const SCRIPT: &str = include_str!("../scripts/openpyxl_read.py");
    let script = std::env::temp_dir().join(format!("nianbao-openpyxl-{}.py", std::process::id()));
    if std::fs::write(&script, SCRIPT).is_err() {
        return;
    }
    let t = Instant::now();
    let run = std::process::Command::new("python3").arg(&script).args(files).output();
    let secs = t.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&script);
    match run {
        Ok(o) if o.status.success() => {
            let cells = String::from_utf8_lossy(&o.stdout).trim().to_string();
            let _ = writeln!(
                out,
                "openpyxl 脚本（只读取，{cells} 个单元格）：{secs:.3} s，导入比它快 {:.1} 倍（目标 ≥ 20 倍）",
                secs / import
            );
        }
        Ok(o) => {
            let why = String::from_utf8_lossy(&o.stderr);
            let why = why.lines().last().unwrap_or("").to_string();
            let _ = writeln!(out, "openpyxl 脚本未运行成功（{why}），不做对比");
        }
        Err(e) => {
            let _ = writeln!(out, "没有 python3（{e}），不做 openpyxl 对比");
        }
    }
}

/// Reads every cell of every sheet with calamine and nothing else: the floor for any importer.
pub fn bare_read(files: &[PathBuf]) -> usize {
    let mut cells = 0;
    for f in files {
        if let Ok(mut wb) = calamine::open_workbook_auto(f) {
            for name in wb.sheet_names() {
                if let Ok(r) = wb.worksheet_range(&name) {
                    cells += r.used_cells().count();
                }
            }
        }
    }
    cells
}

#[expect(
    clippy::too_many_lines,
    reason = "one pass after another over the same files, in the order the report prints them, so the benchmark \
              reads top to bottom as its output does"
)]
fn run(count: usize, dir: Option<&Path>) -> Result<String, String> {
    let tmp = std::env::temp_dir().join(format!("nianbao-bench-{}", std::process::id()));
    let dir = dir.map(Path::to_path_buf).unwrap_or_else(|| tmp.clone());
    let mut out = String::new();
    let t = Instant::now();
    let files = generate_county(&dir.join("returns"), count, 2021)?;
    let _ = writeln!(out, "生成 {count} 份报表：{:.2} s（{}）", t.elapsed().as_secs_f64(), dir.display());

    // Warm the page cache so every pass reads from memory alike. Each pass below is timed as the
    // best of ROUNDS: a shared machine's neighbours slow single runs by up to half.
    bare_read(&files);
    let mut cells = 0;
    let db = dir.join("bench.db");
    // The bare read and the import, the two the target compares, take turns round by round: the
    // machine's load drifts over seconds, and each pair of runs then sees the same load.
    let (mut bares, mut imports) = (Vec::new(), Vec::new());
    let (mut samples, mut summary) = (Vec::new(), nianbao::service::Summary::default());
    for _ in 0..ROUNDS {
        let t = Instant::now();
        cells = bare_read(&files);
        bares.push(t.elapsed().as_secs_f64());
        let (secs, slices, s) = timed_import(&db, &files)?;
        // The slices shown are the fastest round's, as its total is.
        if imports.iter().all(|&i| secs < i) {
            samples = slices;
        }
        imports.push(secs);
        summary = s;
    }
    let bare = bares.iter().copied().fold(f64::INFINITY, f64::min);
    let import = imports.iter().copied().fold(f64::INFINITY, f64::min);
    let mut ratios: Vec<f64> = imports.iter().zip(&bares).map(|(i, b)| i / b).collect();
    ratios.sort_by(f64::total_cmp);
    let _ =
        writeln!(out, "calamine 直接读取（单核）：{bare:.3} s，{:.0} 份/秒（{cells} 个单元格）", count as f64 / bare);

    let (inspect, ok) = inspect_all(&files);
    let _ = writeln!(
        out,
        "inspect（单核读取+定位+校验）：{inspect:.3} s，{:.0} 份/秒，为直接读取的 {:.2} 倍，成功 {ok} 份",
        count as f64 / inspect,
        inspect / bare
    );

    // Where the time of one return goes, phase by phase, over the same files.
    let (mut t_grid, mut t_locate, mut t_check) = (0.0, 0.0, 0.0);
    for f in &files {
        let bytes = std::fs::read(f).map_err(|e| e.to_string())?;
        let t = Instant::now();
        let kind = nianbao::import::guard::check("x.xlsx", &bytes).map_err(|e| e.to_string())?;
        let grid = nianbao::import::grid::read("x.xlsx", &bytes, kind).map_err(|e| e.to_string())?;
        t_grid += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let _ = nianbao::import::tables::locate(&grid.sheets);
        t_locate += t.elapsed().as_secs_f64();
        let ret = nianbao::import::read_bytes(&f.display().to_string(), &bytes, &Default::default())
            .map_err(|e| e.to_string())?;
        let t = Instant::now();
        let _ = nianbao::checks::check(&ret);
        t_check += t.elapsed().as_secs_f64();
    }
    let _ = writeln!(out, "  其中：文件检查+读成网格 {t_grid:.3} s，定位表格 {t_locate:.3} s，校验 {t_check:.3} s");

    let mut store = Store::open(&db).map_err(|e| e.to_string())?;
    let step = (count / 5).max(1);
    let _ = writeln!(
        out,
        "导入新数据库（{} 核并行读取+校验，读完一段的线程按序入库）：{import:.3} s，{:.0} 份/秒，为单核直接读取的 {:.2} 倍（目标 ≤ 1 倍；{ROUNDS} 轮成对比较：{:.2}–{:.2} 倍，中位 {:.2} 倍）；导入 {}，拒收 {}",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        count as f64 / import,
        import / bare,
        ratios[0],
        ratios[ratios.len() - 1],
        ratios[ratios.len() / 2],
        summary.imported,
        summary.refused
    );
    for (n, secs, rss) in samples {
        let _ = writeln!(out, "  至第 {n:>6} 份：这一段 {step} 份用时 {secs:.3} s，常驻内存 {rss:.1} MB");
    }
    // What the app's 总览 asks for on every visit: the roster's status and each report's sections.
    let t = Instant::now();
    let status = store.status(2021).map_err(|e| e.to_string())?;
    let todo = nianbao::report::todo_counts(&store, 2021).map_err(|e| e.to_string())?;
    let _ = writeln!(
        out,
        "总览查询（{} 个单位的报送状态与待完成章节）：{:.3} s，待完成章节共 {}",
        status.len(),
        t.elapsed().as_secs_f64(),
        todo.values().sum::<usize>()
    );
    let t = Instant::now();
    let county = nianbao::merge::county(&store, 2021).map_err(|e| e.to_string())?;
    let _ = writeln!(out, "全县汇总（{} 个单位）：{:.3} s", county.included.len(), t.elapsed().as_secs_f64());
    openpyxl(&mut out, &files, import);
    documents(&mut out, &mut store, &dir, &files, count, inspect)?;
    let _ = writeln!(out, "峰值内存（VmHWM）：{:.1} MB", peak_rss_mb());
    if dir == tmp {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    Ok(out)
}

/// `--count N` (300 by default) and `--dir D` (kept there instead of a temporary folder).
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let count = value("--count").and_then(|c| c.parse().ok()).unwrap_or(300);
    let dir = value("--dir").map(PathBuf::from);
    match run(count, dir.as_deref()) {
        Ok(report) => {
            println!("{report}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("基准测试没有完成：{e}");
            std::process::ExitCode::FAILURE
        }
    }
}
