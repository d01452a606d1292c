//! The forms are the only registry: every figure id the code names — in the writing help, the
//! summary, the checks, the generator, the importer, the app — is an id of `forms`. A literal id
//! that drifts from the forms (a typo, a renamed row) fails here instead of silently reading zero.

use std::path::Path;

/// Every string literal of the form "table.row.column" in the Rust files under `dir`.
fn literal_ids(dir: &Path, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            literal_ids(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&p).unwrap();
            for piece in text.split('"').skip(1).step_by(2) {
                let parts: Vec<&str> = piece.split('.').collect();
                let is_id = parts.len() == 3
                    && matches!(parts[0], "active" | "apply" | "review" | "stats")
                    && parts[1..]
                        .iter()
                        .all(|x| !x.is_empty() && x.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
                if is_id {
                    out.push((p.display().to_string(), piece.to_string()));
                }
            }
        }
    }
}

#[test]
fn every_figure_id_the_code_names_is_a_form_id() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    literal_ids(&root.join("src"), &mut found);
    literal_ids(&root.join("src-tauri").join("src"), &mut found);
    assert!(found.len() > 50, "the scan finds the ids the code names ({} found)", found.len());
    let unknown: Vec<String> = found
        .iter()
        .filter(|(_, id)| nianbao::forms::def_any(id).is_none())
        .map(|(file, id)| format!("{file}: {id}"))
        .collect();
    assert!(unknown.is_empty(), "ids that are not in forms:\n{}", unknown.join("\n"));
    // The writing help, the summary and the checks all name ids (so the scan covers them).
    for part in ["report/writing.rs", "export/summary.rs", "checks/words.rs", "forms/mod.rs"] {
        assert!(found.iter().any(|(f, _)| f.ends_with(part)), "{part} names figure ids");
    }
}
