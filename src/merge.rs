//! The county's figures: sums over every agency's current return of a year, figure by figure.
//! The merge says which agencies are in, which are missing, and which have open findings: summing
//! never hides a finding.

use crate::forms::{self, Format, Table};
use crate::model::{Figure, ReportOf, Return, SourceKind};
use crate::store::{Result, Store};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct County {
    pub year: i32,
    pub format: Format,
    /// The county's figures as a return (agency "全县"), in the forms' order, ready for every export.
    pub totals: Return,
    /// Agencies whose current return is summed.
    pub included: Vec<String>,
    /// Agencies of the roster with no return for the year.
    pub missing: Vec<String>,
    /// Included agencies with open findings, and how many.
    pub with_findings: Vec<(String, usize)>,
    /// Included agencies that filed the other format: only the figures both formats share are summed.
    pub other_format: Vec<String>,
    /// Included agencies that filed the optional 统计表: its sums are theirs only.
    pub stats_filed: Vec<String>,
}

pub fn county(store: &Store, year: i32) -> Result<County> {
    let format = Format::for_year(year);
    let status = store.status(year)?;
    let mut included = Vec::new();
    let mut missing = Vec::new();
    let mut with_findings = Vec::new();
    let mut other_format = Vec::new();
    let mut stats_filed = Vec::new();
    for s in &status {
        match s.return_id {
            None if s.expected => missing.push(s.agency.name.clone()),
            None => {}
            Some(_) => {
                included.push(s.agency.name.clone());
                if s.findings > 0 {
                    with_findings.push((s.agency.name.clone(), s.findings));
                }
                if s.tables.contains(&Table::Stats) {
                    stats_filed.push(s.agency.name.clone());
                }
                if s.format.is_some_and(|f| f != format) {
                    other_format.push(s.agency.name.clone());
                }
            }
        }
    }
    let sums = store.figure_sums(year)?;
    // The 统计表 is summed on the year's indicator table: the office's own indicators too, and
    // national ones an agency filed that the table lacks (kept, as the returns keep them).
    let (table, saved_for) = store.indicator_table(year)?;
    let is_stats = |id: &str| id.starts_with("stats.");
    let mut figures: Vec<Figure> = sums
        .into_iter()
        .filter(|s| s.returns > 0 && (is_stats(&s.id) || forms::def(&s.id, format).is_some()))
        .map(|s| Figure {
            raw: crate::text::fmt_num(s.sum),
            id: s.id,
            value: Some(s.sum),
            sheet: String::new(),
            cell: String::new(),
        })
        .collect();
    figures.sort_by_cached_key(|f| crate::forms::figure_order(&f.id, format, &table));
    let mut tables: Vec<Table> = Vec::new();
    for t in [Table::Active, Table::Apply, Table::Review] {
        if figures.iter().any(|f| forms::def(&f.id, format).is_some_and(|d| d.table == t)) {
            tables.push(t);
        }
    }
    if figures.iter().any(|f| is_stats(&f.id)) {
        tables.push(Table::Stats);
    }
    let totals = Return {
        file: String::new(),
        agency: Some(ReportOf::COUNTY_LABEL.to_string()),
        year: Some(year),
        format,
        tables,
        figures,
        source: SourceKind::Workbook,
        document: None,
        indicators: saved_for.map(|_| std::sync::Arc::new(table.clone())),
        unplaced: Vec::new(),
        not_in_table: Vec::new(),
    };
    Ok(County { year, format, totals, included, missing, with_findings, other_format, stats_filed })
}
