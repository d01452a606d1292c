//! The county's roster from a simple sheet: one agency a row, the name in a column of its own,
//! optionally a column saying 部门 or 乡镇/街道. Header and title rows are recognised and skipped.

use super::grid::{self, Val};
use super::{guard, ImportError};
use crate::store::{AgencyKind, Store, StoreError};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    #[error(transparent)]
    File(#[from] ImportError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("“{0}”里没有找到单位名称。")]
    Empty(String),
}

pub struct RosterImport {
    pub read: usize,
    pub added: usize,
}

const HEADER_WORDS: &[&str] = &["单位名称", "名称", "序号", "类别", "类型", "单位", "备注", "部门名称"];

/// Reads the names (with their kind) from a roster sheet.
pub fn read_roster(path: &Path) -> Result<Vec<(String, AgencyKind)>, ImportError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let bytes = std::fs::read(path).map_err(|e| ImportError::Io { file: name.clone(), detail: e.to_string() })?;
    let kind = guard::check(&name, &bytes)?;
    let g = grid::read(&name, &bytes, kind)?;
    let mut out: Vec<(String, AgencyKind)> = Vec::new();
    for sheet in &g.sheets {
        for row in &sheet.rows {
            let texts: Vec<&str> = row
                .cells
                .iter()
                .filter_map(|c| match &c.val {
                    Val::Text(t) => Some(t.trim()),
                    _ => None,
                })
                .collect();
            let Some(agency) = texts.iter().find(|t| is_agency_name(t)) else { continue };
            let kind = texts
                .iter()
                .filter(|t| *t != agency)
                .find_map(|t| AgencyKind::parse(t))
                .unwrap_or_else(|| AgencyKind::guess(agency));
            if !out.iter().any(|(n, _)| n == agency) {
                out.push((agency.to_string(), kind));
            }
        }
    }
    Ok(out)
}

fn is_agency_name(t: &str) -> bool {
    let n = crate::text::norm(t);
    let chinese = n.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
    chinese >= 2
        && n.chars().count() <= 60
        && !HEADER_WORDS.contains(&n.as_str())
        && !n.contains("名册")
        && !n.contains("名单")
        && AgencyKind::parse(&n).is_none_or(|_| n.chars().count() > 5)
}

/// Adds every agency of a roster sheet that the roster does not have yet.
pub fn import_roster(store: &mut Store, path: &Path) -> Result<RosterImport, RosterError> {
    let names = read_roster(path)?;
    if names.is_empty() {
        return Err(RosterError::Empty(path.display().to_string()));
    }
    let mut added = 0;
    for (name, kind) in &names {
        if store.agency_by_name(name)?.is_none() {
            store.add_agency(name, *kind)?;
            added += 1;
        }
    }
    Ok(RosterImport { read: names.len(), added })
}
