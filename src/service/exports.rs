//! Every export both front ends offer, one function each over the store: the app and the command
//! line write the same files and say the same sentence when there is nothing to write.

use super::Error;
use crate::export::{self, office};
use crate::model::{ErrorCode, ReportOf};
use crate::store::Store;
use std::path::Path;

pub use crate::export::office::AllExported;

type Result<T> = std::result::Result<T, Error>;

/// The 成文日期 the office typed, as the documents print it; a date that reads as none is said.
fn date_of(typed: Option<&str>) -> Result<Option<String>> {
    match typed.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => export::draft::document_date(t).map(Some).ok_or_else(|| {
            Error::Said(ErrorCode::Invalid, format!("成文日期“{t}”无法识别，请写成 2025-01-20 或 2025年1月20日。"))
        }),
    }
}

/// The blank return the agencies fill in, with the 统计表 of the year's indicator table when asked.
pub fn template(store: &Store, year: i32, stats: bool, out: &Path) -> Result<()> {
    let (table, _) = store.indicator_table(year)?;
    let county = store.county_info()?;
    let name = if county.is_set() { county.name.as_str() } else { "" };
    Ok(export::tables::export_template(year, stats, &table, name, out)?)
}

/// The summary workbook of a year: every agency's main figures, the findings, the progress.
pub fn summary(store: &Store, year: i32, out: &Path) -> Result<()> {
    Ok(export::summary::export_summary(store, year, out)?)
}

/// The standard tables of an agency's or the county's report.
pub fn tables(store: &Store, of: &ReportOf, year: i32, out: &Path) -> Result<()> {
    let (rep, ret) = crate::report::report(store, of, year)?;
    let ret = ret.ok_or_else(|| Error::Said(ErrorCode::NoData, format!("{} {year} 年还没有报表数据。", of.label())))?;
    match &rep.compiled {
        Some(c) => Ok(export::tables::export_tables(&ret, Some(c), out)?),
        // An agency's tables show where its open findings are.
        None => Ok(export::tables::export_tables_marked(&ret, &rep.findings, out)?),
    }
}

/// The Word draft of an agency's or the county's report; how many places are marked 【待撰写】
/// or 【待核实】 in it.
pub fn draft(store: &Store, of: &ReportOf, year: i32, date: Option<&str>, out: &Path) -> Result<usize> {
    let date = date_of(date)?;
    let (rep, ret) = crate::report::report(store, of, year)?;
    Ok(export::draft::export_draft(&rep, ret.as_ref(), date.as_deref(), out)?)
}

/// Everything of a year into one folder; `progress(done, total, file)` after each file.
pub fn all(
    store: &Store,
    year: i32,
    dir: &Path,
    date: Option<&str>,
    progress: impl FnMut(usize, usize, &str),
) -> Result<AllExported> {
    let date = date_of(date)?;
    Ok(office::export_all(store, year, dir, date.as_deref(), progress)?)
}

/// One agency's 审核意见 letter; `date` its 成文日期 (none: marked to fill in).
pub fn feedback(store: &Store, agency: &str, year: i32, date: Option<&str>, out: &Path) -> Result<()> {
    let date = date_of(date)?;
    Ok(office::export_feedback(store, agency, year, date.as_deref(), out)?)
}

/// Every agency's letter that sent a return, into a folder; how many were written.
pub fn feedback_all(store: &Store, year: i32, date: Option<&str>, dir: &Path) -> Result<usize> {
    let date = date_of(date)?;
    let date = date.as_deref();
    let mut n = 0;
    for r in office::chase_rows(store, year)?.iter().filter(|r| r.sent) {
        let p = dir.join(format!("{year}-{}-审核意见.docx", office::file_part(&r.agency)));
        office::export_feedback(store, &r.agency, year, date, &p)?;
        n += 1;
    }
    Ok(n)
}

/// The chase list (催报清单); how many agencies it lists.
pub fn chase(store: &Store, year: i32, out: &Path) -> Result<usize> {
    office::export_chase(store, year, out)?;
    Ok(office::chase_rows(store, year)?.len())
}

/// The year's 统计表 indicator table as a workbook to edit in Excel or WPS; how many indicators.
pub fn indicator_table(store: &Store, year: i32, out: &Path) -> Result<usize> {
    let (table, _) = store.indicator_table(year)?;
    export::indicators::export_definition(&table, out)?;
    Ok(table.indicators.len())
}

/// An edited indicator-table workbook read back and kept from `year` on.
pub fn import_indicator_table(
    store: &mut Store,
    year: i32,
    file: &Path,
) -> Result<crate::forms::indicators::IndicatorTable> {
    let table = crate::import::indicators::read_definition(file).map_err(|m| Error::Said(ErrorCode::Indicators, m))?;
    store.set_indicator_table(year, &table)?;
    Ok(table)
}

/// The 年度简报 of a year: one page for the office's leaders, with the screen's charts as PNG
/// pictures where the app gives them.
pub fn brief(store: &Store, year: i32, pictures: &[Vec<u8>], out: &Path) -> Result<()> {
    let d = super::stats(store, year, Some((year - 1, year)))?;
    let info = store.county_info()?;
    let county = if info.is_set() { info.name.clone() } else { crate::model::ReportOf::COUNTY_LABEL.to_string() };
    let date = export::draft::document_date(&super::review::today(store)?).unwrap_or_default();
    Ok(export::brief::export_brief(&d, &county, &info.office, &date, pictures, out)?)
}
