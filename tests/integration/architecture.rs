//! The shape the code keeps: the front ends (the command line, the desktop shell) reach the engine
//! only through `service` and `model`; every enum the program stores or sends round-trips through
//! its code, its label, the database and TypeScript.

use nianbao::model::{AgencyKind, ErrorCode, Format, MatchKind, Rule, SectionState, SourceKind, Table};
use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every engine module a file names: `nianbao::store::…`, and each name in `use nianbao::{a, b}`.
fn engine_modules(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("nianbao::") {
        let rest = &text[i + "nianbao::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            out.extend(inner.split(',').map(|s| s.trim().split("::").next().unwrap_or("").to_string()));
        } else {
            out.push(rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect());
        }
    }
    out.retain(|m| !m.is_empty());
    out
}

#[test]
fn the_front_ends_reach_the_engine_only_through_service_and_model() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("src/main.rs")];
    sources(&root.join("src/cli"), &mut files);
    sources(&root.join("src-tauri/src"), &mut files);
    assert!(files.len() >= 10, "{files:?}");
    let mut reached = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for m in engine_modules(&text) {
            if m != "service" && m != "model" {
                reached.push(format!("{}: nianbao::{m}", f.strip_prefix(root).unwrap().display()));
            }
        }
    }
    assert!(reached.is_empty(), "the front ends must go through nianbao::service:\n{}", reached.join("\n"));
    // The check itself sees a reach past the service.
    assert_eq!(
        engine_modules("use nianbao::{service, store::Store};\nnianbao::export::x()"),
        ["service", "store", "export"]
    );
}

/// The store queries a file makes itself: `store.method(` calls, where `store` is a handle it was
/// given (passing the handle on, `&store`, is not a query). Test modules are left out.
fn store_queries(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    // A call broken over lines ("store\n    .review_history(") is one call.
    let mut joined = String::with_capacity(code.len());
    let mut pending = String::new();
    for c in code.chars() {
        if c.is_whitespace() {
            pending.push(c);
        } else {
            if c != '.' {
                joined.push_str(&pending);
            }
            pending.clear();
            joined.push(c);
        }
    }
    let code = joined.as_str();
    let mut out = Vec::new();
    for (i, _) in code.match_indices("store.") {
        let before = code[..i].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let method: String =
            code[i + "store.".len()..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if code[i + "store.".len() + method.len()..].starts_with('(') {
            out.push(method);
        }
    }
    out
}

#[test]
fn the_shells_map_decides_nothing_and_queries_no_store() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = std::fs::read_to_string(root.join("src-tauri/src/map.rs")).unwrap();
    let queries = store_queries(&map);
    assert!(queries.is_empty(), "map.rs queries the store itself (a decision for service/): {queries:?}");
    // The check itself sees a query, and not a handle passed on.
    let sample = "let x = store.open_findings(a, y)?; f(&store, 1); my_store.x(); store\n    .years()?;";
    assert_eq!(store_queries(sample), ["open_findings", "years"]);
    // Every query is on `store::Db`: no file of the shell takes one out.
    for entry in std::fs::read_dir(root.join("src-tauri/src")).unwrap() {
        let path = entry.unwrap().path();
        let code = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(!code.contains(".db()"), "{} queries the store through Db (a decision for service/)", path.display());
    }
}

/// Each variant: its code names it back, its label is its own, serde writes its code, and the
/// TypeScript binding (where the app receives it) lists the code.
fn round_trip<T>(
    all: &[T],
    code: fn(&T) -> &'static str,
    label: fn(&T) -> &'static str,
    from: fn(&str) -> Option<T>,
    ts: Option<&str>,
) where
    T: PartialEq + std::fmt::Debug + serde::Serialize,
{
    let binding = ts.map(|name| {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings").join(format!("{name}.ts"));
        std::fs::read_to_string(&p).unwrap_or_else(|_| panic!("{} missing", p.display()))
    });
    let mut labels = std::collections::HashSet::new();
    for v in all {
        assert_eq!(from(code(v)).as_ref(), Some(v));
        assert!(!label(v).is_empty() && labels.insert(label(v)), "{v:?}: label “{}” empty or shared", label(v));
        assert_eq!(serde_json::to_value(v).unwrap(), serde_json::json!(code(v)));
        if let Some(b) = &binding {
            assert!(b.contains(&format!("\"{}\"", code(v))), "{v:?}: “{}” not in the TypeScript binding", code(v));
        }
    }
    assert_eq!(from("no such code"), None, "an unknown code is none, never a default");
}

#[test]
fn every_enum_round_trips_through_code_label_json_and_typescript() {
    round_trip(Rule::ALL, |v| v.code(), |v| v.label(), Rule::from_code, Some("Rule"));
    round_trip(Format::ALL, |v| v.code(), |v| v.label(), Format::from_code, Some("Format"));
    round_trip(Table::ALL, |v| v.code(), |v| v.label(), Table::from_code, None);
    round_trip(SourceKind::ALL, |v| v.code(), |v| v.label(), SourceKind::from_code, Some("SourceKind"));
    round_trip(AgencyKind::ALL, |v| v.code(), |v| v.label(), AgencyKind::from_code, Some("AgencyKind"));
    round_trip(SectionState::ALL, |v| v.code(), |v| v.label(), SectionState::from_code, Some("SectionState"));
    round_trip(MatchKind::ALL, |v| v.code(), |v| v.label(), MatchKind::from_code, Some("MatchKind"));
    round_trip(ErrorCode::ALL, |v| v.code(), |v| v.label(), ErrorCode::from_code, Some("ErrorCode"));
}

/// The enums the database keeps are written as their codes and read back; a value the program
/// does not know is an error naming it, never a default.
#[test]
fn stored_enums_round_trip_through_sqlite_and_refuse_what_they_do_not_know() {
    let db = rusqlite::Connection::open_in_memory().unwrap();
    fn through<T: rusqlite::ToSql + rusqlite::types::FromSql + PartialEq + std::fmt::Debug>(
        db: &rusqlite::Connection,
        all: &[T],
    ) {
        for v in all {
            let back: T = db.query_row("SELECT ?1", [v], |r| r.get(0)).unwrap();
            assert_eq!(&back, v);
        }
        let unknown = db.query_row("SELECT 'no such code'", [], |r| r.get::<_, T>(0));
        let e = unknown.expect_err("an unknown stored value is an error").to_string();
        assert!(e.contains("无法识别") && e.contains("no such code"), "{e}");
    }
    through(&db, AgencyKind::ALL);
    through(&db, SectionState::ALL);
    through(&db, SourceKind::ALL);
    through(&db, Format::ALL);
    through(&db, Rule::ALL);
}

#[test]
fn each_failure_class_has_its_exit_status() {
    let statuses: std::collections::BTreeSet<u8> = ErrorCode::ALL.iter().map(|c| c.exit_status()).collect();
    assert_eq!(statuses.into_iter().collect::<Vec<_>>(), [1, 3, 4, 5, 70]);
    let dir = crate::common::tempdir();
    // Not found: an agency the roster lacks.
    let db = dir.path().join("c.db");
    let out = crate::common::cli()
        .arg("--db")
        .arg(&db)
        .args(["figures", "--agency", "没有的局", "--year", "2021"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    // Bad input: a file that is no return.
    let f = dir.path().join("2021-某局.xlsx");
    std::fs::write(&f, b"not a workbook").unwrap();
    let out = crate::common::cli().arg("inspect").arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    // The database cannot be used: a file that is no database.
    let bad = dir.path().join("bad.db");
    std::fs::write(&bad, vec![7u8; 8192]).unwrap();
    let out = crate::common::cli().arg("--db").arg(&bad).arg("status").output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A module's place: `import` is split into its readers (import/grid, import/odf …), every other
/// stage is one node. A file's module path comes from where it lies.
fn node_of(path: &[String]) -> String {
    match path {
        [first, second, ..] if first == "import" => format!("import/{second}"),
        [first, ..] => first.clone(),
        [] => String::new(),
    }
}

/// The modules a file names through `crate::…` and `super::…` paths, as nodes.
fn references(module: &[String], is_mod_rs: bool, text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let ident = |s: &str| s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>();
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        let first = ident(rest);
        let second = rest.get(first.len() + 2..).map(ident).unwrap_or_default();
        out.push(node_of(&[first, second]));
    }
    // super:: is the parent of a file's module (a mod.rs is its folder's module).
    let _ = is_mod_rs;
    for (i, _) in code.match_indices("super::") {
        if code[..i].ends_with("super::") {
            continue;
        }
        let mut up = 1;
        let mut rest = &code[i + "super::".len()..];
        while let Some(r) = rest.strip_prefix("super::") {
            up += 1;
            rest = r;
        }
        let base_len = module.len().saturating_sub(up);
        let mut path: Vec<String> = module[..base_len].to_vec();
        path.push(ident(rest));
        out.push(node_of(&path));
    }
    out
}

#[test]
fn no_module_reaches_back_to_one_that_reaches_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut edges: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> = Default::default();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        let mut module: Vec<String> = rel.with_extension("").iter().map(|c| c.to_string_lossy().into_owned()).collect();
        let is_mod_rs = module.last().is_some_and(|m| m == "mod");
        if is_mod_rs || module.last().is_some_and(|m| m == "lib" || m == "main") {
            module.pop();
        }
        let from = node_of(&module);
        if from.is_empty() || from == "cli" || from == "main" {
            continue;
        }
        for to in references(&module, is_mod_rs, &std::fs::read_to_string(f).unwrap()) {
            // A module and its own parts, and the shared vocabulary every stage reads, are no edge.
            let shared = ["model", "forms", "text", "coded", "memory", "import"].contains(&to.as_str());
            if to != from && !to.is_empty() && !shared {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    // Every pair that reaches each other, directly or through others.
    let reach = |a: &str| {
        let mut seen = std::collections::BTreeSet::new();
        let mut todo = vec![a.to_string()];
        while let Some(n) = todo.pop() {
            for m in edges.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    todo.push(m.clone());
                }
            }
        }
        seen
    };
    let mut cycles = Vec::new();
    for a in edges.keys() {
        if reach(a).contains(a) {
            cycles.push(a.clone());
        }
    }
    assert!(edges.len() > 10 && edges["service"].contains("store"), "{edges:#?}");
    assert!(cycles.is_empty(), "modules in a cycle: {cycles:?}\nedges: {edges:#?}");
    // The check itself sees an edge through super:: and crate::.
    let m = vec!["import".to_string(), "document".to_string(), "odt".to_string()];
    assert_eq!(
        references(&m, false, "use super::docx; use crate::import::odf::Text; crate::store::X"),
        ["import/odf", "store", "import/document"]
    );
}

#[test]
fn no_source_file_is_over_800_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    sources(&root.join("src-tauri/src"), &mut files);
    let long: Vec<String> = files
        .iter()
        .map(|f| (f, std::fs::read_to_string(f).unwrap().lines().count()))
        .filter(|(_, n)| *n > 800)
        .map(|(f, n)| format!("{}: {n}", f.strip_prefix(root).unwrap().display()))
        .collect();
    assert!(files.len() > 50 && long.is_empty(), "split by what they keep or do: {long:?}");
}
