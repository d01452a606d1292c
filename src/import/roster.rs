//! The county's roster from a simple sheet: one agency a row, the name in a column of its own,
//! optionally a column saying 部门 or 乡镇/街道, and columns headed 联系人 and 电话. Header and
//! title rows are recognised and skipped. (Storing it is `service::import_roster`.)

use super::grid::{self, Val};
use super::{guard, ImportError};
use crate::model::AgencyKind;
use crate::text::norm;
use std::path::Path;

/// One agency of a roster sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterEntry {
    pub name: String,
    pub kind: AgencyKind,
    pub contact: String,
    pub phone: String,
}

const HEADER_WORDS: &[&str] =
    &["单位名称", "名称", "序号", "类别", "类型", "单位", "备注", "部门名称", "联系人", "电话", "联系电话"];

/// Reads the names (with their kind and contact) from a roster sheet.
pub fn read_roster(path: &Path) -> Result<Vec<RosterEntry>, ImportError> {
    let (name, bytes) = super::read_regular(path, guard::MAX_FILE_BYTES)?;
    let kind = guard::check(&name, &bytes)?;
    if kind.is_document() {
        return Err(ImportError::NotWorkbook { file: name, detail: "名册应是 Excel 工作簿".into() });
    }
    let g = grid::read(&name, &bytes, kind)?;
    let mut out: Vec<RosterEntry> = Vec::new();
    for sheet in &g.sheets {
        // Columns headed 联系人 and 电话, wherever the header row is.
        let mut contact_col = None;
        let mut phone_col = None;
        for row in &sheet.rows {
            for c in &row.cells {
                match c.norm.as_str() {
                    "联系人" | "联络人" | "联系人姓名" => contact_col = Some(c.col),
                    "电话" | "联系电话" | "手机" | "联系方式" => phone_col = Some(c.col),
                    _ => {}
                }
            }
            let texts: Vec<(u32, &str)> = row
                .cells
                .iter()
                .filter_map(|c| match &c.val {
                    Val::Text(t) => Some((c.col, t.trim())),
                    _ => None,
                })
                .collect();
            let Some(&(agency_col, agency)) =
                texts.iter().find(|(col, t)| Some(*col) != contact_col && is_agency_name(t))
            else {
                continue;
            };
            let kind = texts
                .iter()
                .filter(|(col, _)| *col != agency_col && Some(*col) != contact_col)
                .find_map(|(_, t)| AgencyKind::parse(t))
                .unwrap_or_else(|| AgencyKind::guess(agency));
            let at = |col: Option<u32>| -> String {
                col.and_then(|c| row.get(c))
                    .map(|c| match &c.val {
                        Val::Text(t) => t.trim().to_string(),
                        Val::Num(n) => crate::text::fmt_num(*n),
                        _ => String::new(),
                    })
                    .unwrap_or_default()
            };
            if !out.iter().any(|e| e.name == agency) {
                out.push(RosterEntry {
                    name: agency.to_string(),
                    kind,
                    contact: at(contact_col),
                    phone: at(phone_col),
                });
            }
        }
    }
    Ok(out)
}

fn is_agency_name(t: &str) -> bool {
    let n = norm(t);
    let chinese = n.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
    chinese >= 2
        && n.chars().count() <= 60
        && !HEADER_WORDS.contains(&n.as_str())
        && !n.contains("名册")
        && !n.contains("名单")
        && AgencyKind::parse(&n).is_none_or(|_| n.chars().count() > 5)
}
