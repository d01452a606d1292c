use nianbao::forms::Format;
use nianbao::generate::{self, Options, Rng};
/// Store queries (a trait: the store and an import's transaction answer them alike).
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// ../shared beside the checkout (CI clones the repo with shared/ beside it).
pub fn shared() -> PathBuf {
    std::env::var_os("NIANBAO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("shared"))
}

pub fn samples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(shared().join("samples"))
        .expect("../shared/samples must exist")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx" || e == "xls"))
        .collect();
    v.sort();
    v
}

/// The shared samples come from two counties (泗水县, 沂源县): a roster that lists both agencies
/// takes both in, as an office that enrolled them would.
pub fn enroll_samples(store: &mut nianbao::store::Store) {
    for (name, kind) in [
        ("泗水县商务局", nianbao::model::AgencyKind::Department),
        ("沂源县悦庄镇人民政府", nianbao::model::AgencyKind::Township),
    ] {
        if store.agency_by_name(name).unwrap().is_none() {
            store.add_agency(name, kind).unwrap();
        }
    }
}

/// Sets the office's county (its office named after it).
pub fn set_county(store: &mut nianbao::store::Store, name: &str) {
    store
        .set_county_info(&nianbao::store::CountyInfo {
            name: name.into(),
            office: format!("{name}人民政府办公室"),
            ..Default::default()
        })
        .unwrap();
}

/// [`enroll_samples`] through the command line, for tests that drive `nianbao` on `db`.
pub fn enroll_samples_cli(db: &Path) {
    for (name, kind) in [("泗水县商务局", "部门"), ("沂源县悦庄镇人民政府", "乡镇")] {
        run_ok(cli().arg("--db").arg(db).args(["agencies", "add", name, "--kind", kind]));
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures").join(name)
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Expected figures of a sample or fixture: NAME.expected.json beside it.
pub struct Expected {
    pub agency: String,
    pub year: i32,
    pub format: String,
    pub cells: serde_json::Map<String, serde_json::Value>,
}

pub fn expected_for(path: &Path) -> Expected {
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let json_path = path.with_file_name(format!("{stem}.expected.json"));
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    Expected {
        agency: v["agency"].as_str().unwrap().to_string(),
        year: v["year"].as_i64().unwrap() as i32,
        format: v["format"].as_str().unwrap().to_string(),
        cells: v["cells"].as_object().unwrap().clone(),
    }
}

/// Consistent figures for a generated return, seeded.
pub fn figures(format: Format, stats: bool, seed: u64) -> BTreeMap<String, f64> {
    generate::consistent_figures(format, stats, &mut Rng::new(seed))
}

/// Writes a generated return to `dir/name` and returns its path.
pub fn write_return(dir: &Path, name: &str, o: &Options, figures: &BTreeMap<String, f64>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, generate::workbook(o, figures).unwrap()).unwrap();
    path
}

/// Asserts that a read return holds exactly `want`, figure by figure.
pub fn assert_figures(ret: &nianbao::model::Return, want: &BTreeMap<String, f64>) {
    let mut missing = Vec::new();
    for (id, v) in want {
        match ret.value(id) {
            Some(x) if (x - v).abs() < 1e-9 => {}
            other => missing.push(format!("{id}: want {v}, got {other:?}")),
        }
    }
    assert!(missing.is_empty(), "{} figures wrong in {}:\n{}", missing.len(), ret.file, missing.join("\n"));
    assert_eq!(ret.figures.len(), want.len(), "figure count in {}", ret.file);
}

/// The command line, as the office runs it: the one way the tests start it.
pub fn cli() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
}

/// Requires a finished command to have succeeded, showing what it said on stderr when it did not.
pub fn assert_ran(out: &std::process::Output) {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Runs a command to the end and requires it to succeed; its output, for what it printed.
pub fn run_ok(cmd: &mut std::process::Command) -> std::process::Output {
    let out = cmd.output().expect("the command runs");
    assert_ran(&out);
    out
}

/// Runs `nianbao inspect FILE` in a process of its own and returns its stderr and its peak memory
/// in MB: memory bounds are measured per process, not over the whole test binary.
pub fn inspect_peak_mb(path: &Path) -> (String, f64) {
    let out = cli().env("NIANBAO_PEAK_MEMORY", "1").arg("inspect").arg(path).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let peak = err
        .lines()
        .find_map(|l| l.strip_prefix("峰值内存 ")?.strip_suffix(" MB")?.parse::<f64>().ok())
        .unwrap_or_else(|| panic!("no peak memory line in: {err}"));
    (err, peak)
}

/// 沂水县 with its office and contacts set, the 12 agencies of the demo county imported, and
/// `unsent` agencies in the roster that sent nothing.
pub fn yishui(dir: &Path, unsent: &[&str]) -> nianbao::store::Store {
    let files = generate::demo_county(&dir.join("in"), 12, 2021).unwrap();
    let mut store = nianbao::store::Store::open(&dir.join("county.db")).unwrap();
    // The demo files name their agencies 示范县…: imported before the county is set as 沂水县, as an
    // office that sets up its county afterwards (set first, or with 沂水县's agencies already in the
    // roster, they would be held as another county's).
    nianbao::service::import_files(&mut store, &files, &Default::default(), |_, _, _| {});
    for a in unsent {
        store.add_agency(a, nianbao::model::AgencyKind::Department).unwrap();
    }
    store
        .set_county_info(&nianbao::store::CountyInfo {
            name: "沂水县".into(),
            office: "沂水县人民政府办公室".into(),
            address: "沂水县正阳路1号".into(),
            phone: "0539-2251234".into(),
            website: "www.yishui.gov.cn".into(),
            leave_out_partial_stats: false,
        })
        .unwrap();
    store
}

/// Every part of a zip file we wrote (.xlsx, .docx) by name, as text.
pub fn zip_parts(path: &Path) -> BTreeMap<String, String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        out.insert(f.name().unwrap().to_string(), s);
    }
    out
}

/// The text of each paragraph of a .docx we wrote, in order (tags dropped, entities of the five
/// XML escapes undone).
pub fn docx_paragraphs(path: &Path) -> Vec<String> {
    use std::io::Read;
    let mut xml = String::new();
    zip::ZipArchive::new(std::fs::File::open(path).unwrap())
        .unwrap()
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml.split("</w:p>")
        .map(|p| {
            let mut text = String::new();
            let mut in_tag = false;
            for c in p.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
        })
        .filter(|t| !t.trim().is_empty())
        .collect()
}
