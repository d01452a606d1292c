//! What each agency published (table `publications`): the page checked against the version the
//! office accepted — its address, its date and where the date came from, the days it was late,
//! and what differs (figures, parts, agency or year). Its findings (`published differs`,
//! `published late`) are made from it whenever the agency's year is checked.

use super::returns::Db;
use super::rows::FromRow;
use super::{Result, Store};
use crate::model::{Finding, Rule};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

/// A figure the published page gives otherwise than the accepted version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureDiff {
    pub figure: String,
    /// The figure in the form's words.
    pub label: String,
    pub accepted: String,
    pub published: String,
}

/// An agency's publication of a year, as checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Publication {
    pub url: String,
    /// "2022-01-28" ("" when neither the office nor the page gives one).
    pub date: String,
    /// Where the date came from: 办公室填写, 发布日期, 发布时间, PubDate, 成文日期.
    pub date_source: String,
    /// Days after 公开截止 (0 when on time).
    pub late_days: i64,
    /// The version the page was compared with, and whether it was the one accepted (else the
    /// version current when checked: nothing was accepted yet).
    pub compared_with: Option<i64>,
    pub accepted: bool,
    pub differences: Vec<FigureDiff>,
    /// Keys of the parts whose text differs.
    pub sections_differ: Vec<String>,
    /// The page's agency or year where they are not the report's ("" when they are).
    pub identity: String,
    /// The saved page that was checked ("" when only the address was recorded).
    pub page: String,
    pub at: String,
}

impl Publication {
    /// The page is the accepted report: no figure, part, agency or year differs.
    pub fn same(&self) -> bool {
        self.differences.is_empty() && self.sections_differ.is_empty() && self.identity.is_empty()
    }

    /// What differs, counted in words ("2 项数据、1 个部分"); none when the page is the accepted report.
    pub fn what_differs(&self) -> Option<String> {
        (!self.same()).then(|| format!("{} 项数据、{} 个部分", self.differences.len(), self.sections_differ.len()))
    }
}

impl Store {
    /// Records an agency's publication of a year (the newest check replaces the one before).
    pub fn set_publication(&self, agency_id: i64, year: i32, p: &Publication) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO publications (agency_id, year, url, date, date_source, late_days,
                compared_with, accepted, differences, sections, identity, page)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                agency_id,
                year,
                p.url,
                p.date,
                p.date_source,
                p.late_days,
                p.compared_with,
                p.accepted,
                serde_json::to_string(&p.differences).unwrap_or_default(),
                serde_json::to_string(&p.sections_differ).unwrap_or_default(),
                p.identity,
                p.page
            ],
        )?;
        Ok(())
    }

    /// An agency's publication of a year, if recorded.
    pub fn publication(&self, agency_id: i64, year: i32) -> Result<Option<Publication>> {
        publication_of(&Db(&self.conn), agency_id, year)
    }

    /// Every recorded publication of a year, by agency id.
    pub fn publications(&self, year: i32) -> Result<std::collections::HashMap<i64, Publication>> {
        let sql = format!("SELECT {}, agency_id FROM publications WHERE year = ?1", Publication::COLUMNS);
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map([year], |r| Ok((r.get::<_, i64>(11)?, Publication::from_row(r)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

fn publication_of(store: &Db, agency_id: i64, year: i32) -> Result<Option<Publication>> {
    let sql = format!("SELECT {} FROM publications WHERE agency_id = ?1 AND year = ?2", Publication::COLUMNS);
    Ok(store.0.prepare_cached(&sql)?.query_row(params![agency_id, year], Publication::from_row).optional()?)
}

impl Db<'_> {
    /// The findings an agency's publication of a year gives: what differs from the accepted
    /// version, and the days late.
    pub(super) fn publication_findings(&self, agency_id: i64, year: i32) -> Result<Vec<Finding>> {
        let Some(p) = publication_of(self, agency_id, year)? else { return Ok(Vec::new()) };
        let mut out = Vec::new();
        let against = if p.accepted { "审核通过的版本" } else { "当前版本（尚未记录审核通过）" };
        if !p.same() {
            let mut what: Vec<String> = p
                .differences
                .iter()
                .take(8)
                .map(|d| format!("{}：审核时 {}，公开的是 {}", d.label, d.accepted, d.published))
                .collect();
            if p.differences.len() > 8 {
                what.push(format!("等 {} 项数据", p.differences.len()));
            }
            let parts: Vec<&str> = p
                .sections_differ
                .iter()
                .filter_map(|k| crate::forms::sections::section_def(k).map(|d| d.title))
                .collect();
            if !parts.is_empty() {
                what.push(format!("文字有改动的部分：{}", parts.join("、")));
            }
            if !p.identity.is_empty() {
                what.push(p.identity.clone());
            }
            out.push(Finding {
                rule: Rule::PublishedDiffers,
                cells: p.differences.iter().map(|d| d.figure.clone()).collect(),
                refs: Vec::new(),
                message: format!("公开的页面（{}）与{against}不一致：{}。", p.url, what.join("；")),
            });
        }
        if p.late_days > 0 {
            out.push(Finding {
                rule: Rule::PublishedLate,
                cells: Vec::new(),
                refs: Vec::new(),
                message: format!("于 {}（{}）公开，晚于公开截止 {} 天。", p.date, p.date_source, p.late_days),
            });
        }
        Ok(out)
    }
}
