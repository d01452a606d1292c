//! 表四, 政府信息公开行政复议、行政诉讼情况: groups and result columns by their labels.

use super::Found;
use crate::forms::{self, Table};
use crate::import::grid::{Row, Sheet};
use crate::text::strip_numbering;

fn review_col(norm: &str) -> Option<&'static str> {
    match strip_numbering(norm) {
        "结果维持" | "维持" => Some("upheld"),
        "结果纠正" | "纠正" => Some("corrected"),
        "其他结果" | "其他" => Some("other"),
        "尚未审结" | "未审结" => Some("pending"),
        "总计" | "合计" | "小计" => Some("total"),
        _ => None,
    }
}

fn review_group(norm: &str) -> Option<&'static str> {
    if norm.contains("直接起诉") {
        Some("litigation_direct")
    } else if norm.contains("复议后起诉") {
        Some("litigation_after")
    } else if norm.contains("行政复议") || norm == "复议" {
        Some("reconsideration")
    } else {
        None
    }
}

pub(super) fn read_review(sheet: &Sheet, rows: &[Row], found: &mut Found) {
    // Column labels, each with the group found above it (the nearest text at or left of its column).
    let mut labels: Vec<(String, u32, u32)> = Vec::new(); // (id, row, col)
    for (i, row) in rows.iter().enumerate() {
        if row.has_number() {
            break;
        }
        for c in &row.cells {
            let Some(col) = review_col(&c.norm) else { continue };
            let group = rows[..i].iter().rev().find_map(|up| {
                up.cells.iter().rev().filter(|u| u.col <= c.col && review_col(&u.norm).is_none()).find_map(|u| {
                    if u.norm.is_empty() {
                        None
                    } else {
                        Some(review_group(&u.norm))
                    }
                })
            });
            if let Some(Some(g)) = group {
                labels.push((forms::figure_id("review", g, col), row.row, c.col));
            }
        }
    }
    if labels.is_empty() {
        return;
    }
    found.saw(Table::Review);
    let header_end = labels.iter().map(|l| l.1).max().unwrap_or(0);
    let value_row = rows
        .iter()
        .find(|r| r.row > header_end && labels.iter().any(|(_, _, c)| r.get(*c).is_some()))
        .map(|r| r.row)
        .unwrap_or(header_end + 1);
    for (id, _, col) in labels {
        found.add(sheet, id, value_row, col);
    }
}
