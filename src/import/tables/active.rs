//! 表二, 主动公开政府信息情况: the kinds of information and their count columns.

use super::{row_label, Found};
use crate::forms::{self, Table};
use crate::import::grid::{Row, Sheet};
use crate::text::Hay;

fn active_col(s: Hay) -> Option<&'static str> {
    if s.has("采购项目") {
        Some("items")
    } else if s.has("金额") {
        Some("amount")
    } else if s.has("上一年项目") || s.has("上年项目") {
        Some("prev_items")
    } else if s.has_any(&["增/减", "增减", "增加/减少", "增(减)"]) {
        Some("change")
    } else if s.has("处理决定") {
        Some("decisions")
    } else if s.has("新制作") {
        Some("made")
    } else if s.has("新公开") {
        Some("published")
    } else if s.has("对外公开总数") {
        Some("total_public")
    } else if s.has_any(&["制发", "制作件数", "制作数"]) {
        Some("issued")
    } else if s.has("废止") {
        Some("repealed")
    } else if s.has("现行有效") {
        Some("valid")
    } else {
        None
    }
}

fn active_entity(label: &str) -> Option<&'static str> {
    let label = Hay::new(label);
    if label.has("规范性文件") {
        Some("normative")
    } else if label.has("规章") {
        Some("rules")
    } else if label.has("行政许可") {
        Some("license")
    } else if label.has("对外管理服务") {
        Some("other_services")
    } else if label.has("行政处罚") {
        Some("penalty")
    } else if label.has("行政强制") {
        Some("coercion")
    } else if label.has("收费") {
        Some("fees")
    } else if label.has("采购") {
        Some("procurement")
    } else {
        None
    }
}

pub(super) fn read_active(sheet: &Sheet, rows: &[Row], found: &mut Found) {
    let mut header: Vec<(&'static str, u32)> = Vec::new();
    for row in rows {
        let cols: Vec<(&'static str, u32)> =
            row.cells.iter().filter_map(|c| active_col(c.hay()).map(|k| (k, c.col))).collect();
        if !row.has_number() && !cols.is_empty() && active_entity_row(row, &cols).is_none() {
            header = cols;
            for (k, _) in &header {
                match *k {
                    "issued" | "repealed" | "valid" => found.votes_2021 += 1,
                    "made" | "published" | "total_public" | "prev_items" | "change" | "items" => found.votes_2019 += 1,
                    _ => {}
                }
            }
            continue;
        }
        if header.is_empty() {
            continue;
        }
        let Some(entity) = active_entity_row(row, &header) else { continue };
        found.saw(Table::Active);
        let mut seen = Vec::new();
        for (k, col) in &header {
            if seen.contains(k) {
                continue; // a merged header repeated across columns: the leftmost holds the value
            }
            seen.push(k);
            // A column this entity's row does not have (no form's id) is passed over by `add`.
            found.add(sheet, forms::figure_id("active", entity, k), row.row, *col);
        }
    }
}

fn active_entity_row(row: &Row, header: &[(&'static str, u32)]) -> Option<&'static str> {
    let first = header.iter().map(|(_, c)| *c).min().unwrap_or(u32::MAX);
    let (all, _) = row_label(row, first);
    if all.contains("信息内容") {
        return None;
    }
    active_entity(&all)
}
