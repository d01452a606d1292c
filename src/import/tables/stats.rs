//! 统计表, the older indicator table, in every layout agencies use.
//!
//! The 统计表 is read in two steps. Here its rows are collected with what they say about
//! themselves (label, section number, the current year's value); which indicator each row is
//! depends on the year's indicator table (the national one or the office's own), so the rows are
//! placed once the year is known (`place_stats`).

use super::{is_note, read_value, Found, Located};
use crate::forms::indicators::{Indicator, IndicatorTable};
use crate::forms::Table;
use crate::import::grid::{Row, Sheet, Val};
use crate::model::UnplacedRow;
use crate::text::{leading_section, parse_number, CellNumber};

/// A row of a 统计表 as found: its label, the section number it carries (一、 in the label or in a
/// 序号 column), and the current year's value.
#[derive(Debug, Clone)]
pub struct StatsRow {
    pub label: String,
    pub number: Option<u32>,
    pub has_value: bool,
    pub has_unit: bool,
    pub located: Located,
}

/// Headers of the current year's value column.
pub(super) const VALUE_HEADERS: &[&str] =
    &["统计数", "数量", "统计数据", "数值", "本年", "本年度", "本年数", "本年度数", "本期数", "本年度数量"];
/// Headers of columns beside it that are not this year's figure: kept apart, never read as it.
const OTHER_VALUE_HEADERS: &[&str] = &["历年累计", "累计", "累计数", "上年", "上年数", "上年度", "上年同期", "去年"];

/// Without a 统计数 header, the value is the rightmost cell that reads as a number (or a written nothing).
fn rightmost_value_col(row: &Row) -> Option<u32> {
    row.cells
        .iter()
        .rev()
        .find(|c| match &c.val {
            Val::Text(_) => !is_unit(&c.norm) && parse_number(&c.norm) != CellNumber::Unreadable,
            _ => true,
        })
        .map(|c| c.col)
}

fn is_unit(norm: &str) -> bool {
    matches!(norm, "条" | "件" | "次" | "篇" | "个" | "人" | "万元" | "人次" | "元" | "项" | "家" | "期" | "场")
}

/// A 序号 cell that numbers a section ("一", "三、"); "（一）" and 1, 2 … number rows within one.
fn section_number(norm: &str) -> Option<u32> {
    let n = norm.trim_end_matches('.');
    if !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c)) {
        return leading_section(&format!("{n}."));
    }
    None
}

pub(super) fn read_stats(sheet: &Sheet, rows: &[Row], found: &mut Found) {
    let mut value_col: Option<u32> = None;
    let mut unit_col: Option<u32> = None;
    let mut seq_col: Option<u32> = None;
    let mut other_cols: Vec<u32> = Vec::new();
    let mut start = 0;
    for (i, row) in rows.iter().enumerate().take(8) {
        for c in &row.cells {
            let h = c.norm.trim_end_matches(|ch: char| ch == ')' || ch == '(' || ch.is_ascii_digit() || ch == '年');
            match c.norm.as_str() {
                n if VALUE_HEADERS.contains(&n) => value_col = Some(c.col),
                n if OTHER_VALUE_HEADERS.contains(&n) || OTHER_VALUE_HEADERS.iter().any(|o| n.starts_with(o)) => {
                    other_cols.push(c.col)
                }
                "单位" | "计量单位" => unit_col = Some(c.col),
                "序号" | "编号" => seq_col = Some(c.col),
                _ if h.ends_with("本年度") || h.ends_with("本年") => value_col = Some(c.col),
                _ => {}
            }
        }
        if value_col.is_some() {
            start = i + 1;
            break;
        }
    }
    let mut any = false;
    for row in &rows[start..] {
        let label_end = match (unit_col, value_col) {
            (Some(u), Some(v)) if u < v => u,
            (_, Some(v)) => v,
            _ => rightmost_value_col(row).unwrap_or(u32::MAX),
        };
        let label_end = other_cols.iter().copied().filter(|c| *c < label_end).min().unwrap_or(label_end);
        let label: String = row
            .cells
            .iter()
            .filter(|c| c.col < label_end && Some(c.col) != seq_col && !is_unit(&c.norm))
            .map(|c| c.norm.as_str())
            .collect();
        if label.is_empty() || is_note(&label) {
            continue;
        }
        let seq = seq_col.and_then(|c| row.get(c)).and_then(|c| section_number(&c.norm));
        let number = leading_section(&label).or(seq);
        let vcol = value_col.unwrap_or(label_end);
        let value = row.get(vcol);
        let has_value = value.is_some_and(|c| !matches!(&c.val, Val::Text(_)) || !c.norm.is_empty());
        let has_unit = row.cells.iter().any(|c| is_unit(&c.norm)) || unit_col.and_then(|u| row.get(u)).is_some();
        let (number_read, raw) = read_value(sheet, value);
        any |= has_value;
        found.stats_rows.push(StatsRow {
            label,
            number,
            has_value,
            has_unit,
            located: Located {
                id: String::new(),
                number: number_read,
                raw,
                sheet: sheet.name.clone(),
                row: row.row,
                col: vcol,
            },
        });
    }
    if any {
        found.saw(Table::Stats);
    }
}

/// The 统计表 rows placed on the year's indicator table: sections from their numbers, from
/// unnumbered heading rows' words, or from the order of the rows (an indicator already filled in
/// this section belongs to the next section that has it: 市/县/乡镇 under 网站, 查阅点, 接待人数).
/// Rows the table lacks but the national table has keep the national id (`not_in_table`); rows
/// that are no indicator at all, with a value, are returned as unplaced.
/// What placing a 统计表's rows came to.
#[derive(Debug, Default)]
pub struct PlacedStats {
    /// The rows placed on an indicator, as figures.
    pub placed: Vec<Located>,
    /// National indicators the year's table lacks, kept under their national id.
    pub not_in_table: Vec<String>,
    /// Rows with a value that are no indicator at all.
    pub unplaced: Vec<UnplacedRow>,
}

pub fn place_stats(rows: &[StatsRow], table: &IndicatorTable, national: &IndicatorTable) -> PlacedStats {
    let mut placed: Vec<Located> = Vec::new();
    let mut not_in_table = Vec::new();
    let mut unplaced = Vec::new();
    let mut taken = std::collections::HashSet::new();
    let mut section = 0u32;
    let mut national_section = 0u32;
    for r in rows {
        let heading = table.section_of_heading(r.number, &r.label);
        let national_heading =
            if std::ptr::eq(table, national) { heading } else { national.section_of_heading(r.number, &r.label) };
        if let Some(s) = national_heading {
            national_section = s;
        }
        let mut found: Option<&Indicator>;
        if let Some(s) = heading {
            section = s;
            found = table.match_row(&r.label, s, true).filter(|i| !taken.contains(&i.id));
            if found.is_none() && !r.has_value {
                continue; // A heading without a value of its own.
            }
        } else {
            found = table.match_row(&r.label, section, false).filter(|i| !taken.contains(&i.id));
            if found.is_none() {
                for s in table.sections_matching(&r.label, section) {
                    if let Some(i) = table.match_row(&r.label, s, false).filter(|i| !taken.contains(&i.id)) {
                        section = s;
                        found = Some(i);
                        break;
                    }
                }
            }
        }
        if let Some(i) = found {
            if r.has_value || r.has_unit {
                taken.insert(i.id.clone());
                placed.push(Located { id: i.id.clone(), ..r.located.clone() });
            }
            continue;
        }
        // Not in the year's table: an indicator of the national table is kept under its id.
        if !std::ptr::eq(table, national) && r.has_value {
            let n = match national_heading {
                Some(s) => national.match_row(&r.label, s, true),
                None => national.match_row(&r.label, national_section, false).or_else(|| {
                    national
                        .sections_matching(&r.label, national_section)
                        .first()
                        .and_then(|s| national.match_row(&r.label, *s, false))
                }),
            };
            if let Some(i) = n.filter(|i| !taken.contains(&i.id) && table.get(&i.id).is_none()) {
                taken.insert(i.id.clone());
                not_in_table.push(i.id.clone());
                placed.push(Located { id: i.id.clone(), ..r.located.clone() });
                continue;
            }
        }
        if r.has_value {
            unplaced.push(UnplacedRow {
                sheet: r.located.sheet.clone(),
                cell: crate::text::cell_ref(r.located.row, r.located.col),
                label: r.label.clone(),
                raw: r.located.raw.clone(),
            });
        }
    }
    PlacedStats { placed, not_in_table, unplaced }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_numbers_in_a_sequence_column() {
        assert_eq!(section_number("三"), Some(3));
        assert_eq!(section_number("七."), Some(7));
        assert_eq!(section_number("(一)"), None);
        assert_eq!(section_number("3"), None);
    }
}
