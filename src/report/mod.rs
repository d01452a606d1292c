//! The report model: an agency's (or the county's) report for a year, its six sections as the
//! seeds have them, which of them are still to write, and help with writing them.

pub mod dashboard;
pub mod sources;
pub mod standing;
pub mod writing;

use crate::forms::Table;
use crate::model::{Finding, ReportOf, Return, Rule, SectionState};
use crate::store::{Result, Store, StoreError};
use serde::Serialize;

pub use crate::forms::sections::{section_def, SectionDef, SECTIONS};

/// Where a section stands.
#[derive(Debug, Clone, Serialize)]
pub struct SectionStatus {
    pub key: &'static str,
    pub title: &'static str,
    pub table: Option<Table>,
    /// The narrative section's state; None for a table section.
    pub state: Option<SectionState>,
    /// The state in words: 待撰写 / 草稿 / 已定稿, or for tables 未报送 / 缺表 / 有 N 个问题 / 已齐.
    pub state_label: String,
    pub text: String,
    /// The document the text came from ("" when the office wrote it) and where in it.
    pub source_file: String,
    pub source_place: String,
    pub complete: bool,
    /// Findings that keep a table section open, or where the text contradicts the figures.
    pub findings: Vec<Finding>,
}

/// The agency id the store uses for the county's own report.
pub const COUNTY_ID: i64 = 0;

/// Every section of a report, with its state. `ret` is the agency's current return (or the
/// county's totals) and `findings` its open findings.
pub fn sections(
    store: &Store,
    agency_id: i64,
    year: i32,
    ret: Option<&Return>,
    findings: &[Finding],
) -> Result<Vec<SectionStatus>> {
    let mut out = Vec::new();
    for d in SECTIONS {
        match d.table {
            Some(t) => {
                let open: Vec<Finding> = findings.iter().filter(|f| finding_table(f) == Some(t)).cloned().collect();
                let (state_label, complete) = match ret {
                    None => ("未报送".to_string(), false),
                    Some(r) if !r.has_table(t) => ("缺表".to_string(), false),
                    Some(_) if !open.is_empty() => (format!("有 {} 个问题", open.len()), false),
                    Some(_) => ("已齐".to_string(), true),
                };
                out.push(SectionStatus {
                    key: d.key,
                    title: d.title,
                    table: Some(t),
                    state: None,
                    state_label,
                    text: String::new(),
                    source_file: String::new(),
                    source_place: String::new(),
                    complete,
                    findings: open,
                });
            }
            None => {
                let row = store.section(agency_id, year, d.key)?;
                let state = row.as_ref().map(|r| r.state).unwrap_or(SectionState::Todo);
                let text = row.as_ref().map(|r| r.text.clone()).unwrap_or_default();
                let mut mismatches = match ret {
                    Some(r) => crate::checks::text_findings(d, &text, r),
                    None => Vec::new(),
                };
                // What the review of the agency's document said about this part (its text against
                // its figures, a part missing or out of order), shown where the part is written.
                let named = format!("“{}”", d.title);
                for f in findings.iter().filter(|f| f.rule.is_about_document() && f.message.contains(&named)) {
                    if !mismatches.iter().any(|m| m.message == f.message) {
                        mismatches.push(f.clone());
                    }
                }
                let complete = state != SectionState::Todo && !text.trim().is_empty();
                out.push(SectionStatus {
                    key: d.key,
                    title: d.title,
                    table: None,
                    state: Some(state),
                    state_label: state.label().to_string(),
                    text,
                    source_file: row.as_ref().map(|r| r.source_file.clone()).unwrap_or_default(),
                    source_place: row.as_ref().map(|r| r.source_place.clone()).unwrap_or_default(),
                    complete,
                    findings: mismatches,
                });
            }
        }
    }
    Ok(out)
}

/// What a finding is about, in the words the office groups findings by: 表二, 表三, 表四, 统计表, or
/// 报告文档 for a rule about the document's text, else 其他.
pub fn finding_about(f: &Finding) -> &'static str {
    match f.cells.first().and_then(|c| crate::forms::def_any(c)) {
        Some(d) => d.table.short(),
        _ if f.rule.is_about_publication() => "公开情况",
        None if f.rule.is_about_document() => "报告文档",
        None => "其他",
    }
}

/// The table a finding is about, from the figures it names (or the table it says is missing).
fn finding_table(f: &Finding) -> Option<Table> {
    // What the portal shows keeps no part of the report open: the report was accepted.
    if f.rule.is_about_publication() {
        return None;
    }
    if let Some(id) = f.cells.first() {
        return crate::forms::def_any(id).map(|d| d.table);
    }
    if f.rule == Rule::Missing {
        // "missing table" names no figure: it keeps every table section it mentions open.
        return [Table::Active, Table::Apply, Table::Review].into_iter().find(|t| f.message.contains(t.title()));
    }
    None
}

/// One agency's report for a year: the agency, its current return, its findings and sections.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyReport {
    pub agency_id: i64,
    /// The agency's name; for the county's report the county's own name once the office set it.
    pub agency: String,
    pub year: i32,
    pub return_id: Option<i64>,
    pub sections: Vec<SectionStatus>,
    /// For the county's report: who compiled it and from which agencies.
    pub compiled: Option<Compilation>,
    /// An agency's open findings (none for the county's report): its draft marks the tables they
    /// are on 【待核实】.
    pub findings: Vec<Finding>,
    /// The agency's own 落款 from its report document: (name, date as written).
    pub signed: Option<(String, String)>,
}

/// Who compiled the county's report and what its figures are made of.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Compilation {
    pub county: crate::store::CountyInfo,
    /// Agencies whose returns are summed, and how many are 部门 and 乡镇/街道.
    pub included: Vec<String>,
    pub departments: usize,
    pub townships: usize,
    /// Agencies of the roster with no return: not in the sums.
    pub missing: Vec<String>,
    /// Included agencies with open findings, and how many.
    pub with_findings: Vec<(String, usize)>,
    /// Included agencies that filed the optional 统计表.
    pub stats_filed: Vec<String>,
    /// The counted sentences ("3个单位未收取信息处理费。") the county's text keeps, with the
    /// agencies behind each: listed in the draft's annex.
    pub counted: Vec<sources::Counted>,
    /// The review: agencies whose reports passed (审核通过 or 已公开), those overdue, and the
    /// rules the office switched off for the year (said, so no one reads their absence as clean).
    pub accepted: Vec<String>,
    pub overdue: Vec<String>,
    /// Agencies whose published page differs from the accepted version or came late.
    pub published_issues: Vec<String>,
    pub rules_off: Vec<String>,
}

impl Compilation {
    /// The 统计表 is filed by some of the included agencies only: its sums are not the county's.
    pub fn stats_partial(&self) -> bool {
        !self.stats_filed.is_empty() && self.stats_filed.len() < self.included.len() + self.missing.len()
    }

    /// The office chose to leave a partial 统计表 out of the county's report.
    pub fn stats_left_out(&self) -> bool {
        self.stats_partial() && self.county.leave_out_partial_stats
    }

    /// "8 个单位合计，共 28 个单位": what a 统计表 sum is made of.
    pub fn stats_coverage(&self) -> String {
        format!("{} 个单位合计，共 {} 个单位", self.stats_filed.len(), self.included.len() + self.missing.len())
    }

    /// The note under a county table: what its figures are the sum of.
    pub fn table_note(&self, t: crate::forms::Table) -> String {
        let all = self.included.len() + self.missing.len();
        let mut s = if t == crate::forms::Table::Stats {
            format!("注：本表为 {}（报送统计表的单位见“纳入汇总的单位”）。", self.stats_coverage())
        } else {
            format!("注：本表为 {} 个单位合计，共 {all} 个单位。", self.included.len())
        };
        if t == crate::forms::Table::Stats {
            // Whoever sent no 统计表 is not in its sums: the agencies that sent none at all and
            // those whose return has no 统计表.
            let without: Vec<&str> = self
                .included
                .iter()
                .chain(&self.missing)
                .filter(|a| !self.stats_filed.contains(a))
                .map(String::as_str)
                .collect();
            if !without.is_empty() {
                s.push_str(&format!("未报送统计表、未计入合计 {} 个：{}。", without.len(), without.join("、")));
            }
        } else if !self.missing.is_empty() {
            s.push_str(&format!("未报送、未计入合计 {} 个：{}。", self.missing.len(), self.missing.join("、")));
        }
        if !self.with_findings.is_empty() {
            let names: Vec<&str> = self.with_findings.iter().map(|(a, _)| a.as_str()).collect();
            // The review's state is the office's, not the published report's: a note to remove.
            s.push_str(&format!(
                "【办公室备注，公开前删除：已计入合计但有问题待核实 {} 个：{}。】",
                names.len(),
                names.join("、")
            ));
        }
        s
    }

    /// Every agency of the county with what it counts for: (name, state, note), included first.
    pub fn rows(&self) -> Vec<(String, &'static str, String)> {
        let flagged: std::collections::HashMap<&str, usize> =
            self.with_findings.iter().map(|(a, n)| (a.as_str(), *n)).collect();
        let mut out: Vec<(String, &'static str, String)> = self
            .included
            .iter()
            .map(|a| match flagged.get(a.as_str()) {
                Some(n) => (a.clone(), "已计入，有问题", format!("{n} 个问题待核实")),
                None => (a.clone(), "已计入", String::new()),
            })
            .collect();
        out.extend(self.missing.iter().map(|a| (a.clone(), "未报送", "未计入合计".to_string())));
        out
    }
}

impl AgencyReport {
    pub fn to_write(&self) -> Vec<&SectionStatus> {
        self.sections.iter().filter(|s| !s.complete).collect()
    }
}

/// The report of an agency, or of the county.
pub fn report(store: &Store, of: &ReportOf, year: i32) -> Result<(AgencyReport, Option<Return>)> {
    match of.agency() {
        None => {
            let county = crate::merge::county(store, year)?;
            let open: Vec<Finding> = Vec::new();
            let mut secs = sections(store, COUNTY_ID, year, Some(&county.totals), &open)?;
            // The county's tables are complete when every agency has sent a clean return.
            for s in secs.iter_mut().filter(|s| s.table.is_some()) {
                if !county.missing.is_empty() || !county.with_findings.is_empty() {
                    s.complete = false;
                    s.state_label =
                        format!("未报送 {} 个，有问题 {} 个", county.missing.len(), county.with_findings.len());
                }
            }
            let info = store.county_info()?;
            let kinds: std::collections::HashMap<String, crate::model::AgencyKind> =
                store.status(year)?.into_iter().map(|s| (s.agency.name, s.agency.kind)).collect();
            let townships =
                county.included.iter().filter(|a| kinds.get(*a) == Some(&crate::model::AgencyKind::Township)).count();
            let name = if info.is_set() { info.name.clone() } else { ReportOf::COUNTY_LABEL.to_string() };
            let compiled = Compilation {
                county: info,
                departments: county.included.len() - townships,
                townships,
                included: county.included.clone(),
                missing: county.missing.clone(),
                with_findings: county.with_findings.clone(),
                stats_filed: county.stats_filed.clone(),
                counted: sources::counted_kept(store, year)?,
                ..review_of(store, year)?
            };
            Ok((
                AgencyReport {
                    agency_id: COUNTY_ID,
                    agency: name,
                    year,
                    return_id: None,
                    sections: secs,
                    compiled: Some(compiled),
                    findings: Vec::new(),
                    signed: None,
                },
                Some(county.totals),
            ))
        }
        Some(name) => {
            let a = store.agency_by_name(name)?.ok_or_else(|| StoreError::NotFound(format!("名册里没有“{name}”。")))?;
            let rid = store.db().current_return_id(a.id, year)?;
            let ret = rid.map(|id| store.db().load_return(id)).transpose()?;
            // The report document's findings keep its sections open too.
            let findings = store.open_findings(a.id, year)?;
            let secs = sections(store, a.id, year, ret.as_ref(), &findings)?;
            let signed = signature(store, a.id, year)?;
            Ok((
                AgencyReport {
                    agency_id: a.id,
                    agency: a.name,
                    year,
                    return_id: rid,
                    sections: secs,
                    compiled: None,
                    findings,
                    signed,
                },
                ret,
            ))
        }
    }
}

/// The review's part of the county's compilation, from the year's standing: who passed, who is
/// overdue, which rules are off. The office's notes, never the published text.
fn review_of(store: &Store, year: i32) -> Result<Compilation> {
    use crate::model::ReviewState;
    let y = standing::standing(store, year, None)?;
    let mut c = Compilation::default();
    for s in y.expected() {
        if matches!(s.state, ReviewState::Accepted | ReviewState::Published) {
            c.accepted.push(s.name().to_string());
        }
        if let Some(o) = s.overdue_words() {
            c.overdue.push(format!("{}（{o}）", s.name()));
        }
        if let Some(p) = &s.publication {
            if !p.same() || p.late_days > 0 {
                c.published_issues.push(format!("{}（{}）", s.name(), s.state_words()));
            }
        }
    }
    c.rules_off = store.rules_off(year)?.iter().map(|r| r.label().to_string()).collect();
    Ok(c)
}

/// The 落款 of an agency's current report document, where it signs one.
fn signature(store: &Store, agency_id: i64, year: i32) -> Result<Option<(String, String)>> {
    let Some(id) = store.db().current_document_id(agency_id, year)? else { return Ok(None) };
    let doc = store.db().load_return(id)?.document;
    Ok(doc.filter(|d| !d.signed_on.is_empty()).map(|d| (d.signed_by, d.signed_on)))
}

/// Every active agency's report for a year, for the office's list of what is still to write.
pub fn all_reports(store: &Store, year: i32) -> Result<Vec<AgencyReport>> {
    let mut out = Vec::new();
    for s in store.status(year)? {
        if !s.expected && s.return_id.is_none() {
            continue;
        }
        out.push(report(store, &ReportOf::Agency(s.agency.name.clone()), year)?.0);
    }
    Ok(out)
}

/// How many sections each agency still has to complete in a year, for every agency of the roster
/// at once: what 总览 shows. The same rules as [`sections`] (a narrative section is complete with
/// text and a state other than 待撰写; a table section with its table and no finding on it), in a
/// few queries instead of a report per agency, so a province's roster answers at once.
pub fn todo_counts(store: &Store, year: i32) -> Result<std::collections::HashMap<i64, usize>> {
    use std::collections::HashMap;
    let conn = store.connection();
    let narrative = SECTIONS.iter().filter(|d| d.table.is_none()).count();
    let mut written: HashMap<i64, usize> = HashMap::new();
    {
        let mut st = conn.prepare_cached(
            "SELECT agency_id, count(*) FROM sections WHERE year = ?1 AND state != ?2 AND trim(text) != '' GROUP BY agency_id",
        )?;
        for row in st.query_map(rusqlite::params![year, SectionState::Todo], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })? {
            let (a, n) = row?;
            written.insert(a, n as usize);
        }
    }
    // Per current return: the tables it has, and the tables its findings keep open.
    let mut tables_done: HashMap<i64, usize> = HashMap::new();
    {
        let mut st =
            conn.prepare_cached("SELECT r.id, r.agency_id, r.tables FROM figure_returns r WHERE r.year = ?1")?;
        let open_sql = format!(
            "SELECT {} FROM findings f WHERE return_id = ?1 AND {}",
            <Finding as crate::store::rows::FromRow>::COLUMNS,
            crate::store::review::open_condition("?2", "?3")
        );
        let mut open_st = conn.prepare_cached(&open_sql)?;
        let returns: Vec<(i64, i64, String)> =
            st.query_map([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<std::result::Result<_, _>>()?;
        for (rid, agency, tables) in returns {
            let mut open_tables = Vec::new();
            for f in crate::store::rows::rows::<Finding>(&mut open_st, rusqlite::params![rid, agency, year])? {
                if let Some(t) = finding_table(&f) {
                    open_tables.push(t);
                }
            }
            let done = SECTIONS
                .iter()
                .filter_map(|d| d.table)
                .filter(|t| tables.split(',').any(|c| Table::from_code(c) == Some(*t)) && !open_tables.contains(t))
                .count();
            tables_done.insert(agency, done);
        }
    }
    let table_sections = SECTIONS.len() - narrative;
    let mut out = HashMap::new();
    for s in store.status(year)? {
        let id = s.agency.id;
        let done = written.get(&id).copied().unwrap_or(0).min(narrative) + tables_done.get(&id).copied().unwrap_or(0);
        out.insert(id, narrative + table_sections - done);
    }
    Ok(out)
}
