//! Where each agency stands in a year, decided once: its review state, whether it is overdue
//! against its own deadlines (by its kind), its open and dismissed findings, the parts it still has
//! to write; and where the county's own report stands against 《条例》第五十条. 总览, `status`,
//! 统计分析, the chase list, the county's notes and every export read this and nothing else, so no
//! two screens can disagree about an agency (`service::review::standing` is its entry point).

use super::{todo_counts, COUNTY_ID, SECTIONS};
use crate::model::{AgencyKind, ReviewState};
use crate::store::review::{overdue, state_of, CountyPublication, Deadlines};
use crate::store::{AgencyStatus, Result, Store};

/// One agency's standing in a year.
#[derive(Debug, Clone)]
pub struct Standing {
    /// The roster entry, its return and report document as the store has them.
    pub status: AgencyStatus,
    pub state: ReviewState,
    /// This agency's 报送截止 and 公开截止 (by its kind).
    pub report_by: String,
    pub publish_by: String,
    /// "逾期报送" or "逾期公开" against those dates; only for an agency asked to report this year.
    pub overdue: Option<&'static str>,
    /// Findings still open (not dismissed, rule on), and those the office did not take up.
    pub findings: usize,
    pub dismissed: usize,
    /// Parts of its report still to complete, and parts its report document brought.
    pub sections_todo: usize,
    pub sections_imported: usize,
    /// Its published page as checked against the accepted version, where recorded.
    pub publication: Option<crate::store::Publication>,
}

impl Standing {
    pub fn name(&self) -> &str {
        &self.status.agency.name
    }

    /// A return (the figures) came.
    pub fn sent(&self) -> bool {
        self.status.return_id.is_some()
    }

    /// The state in words, with what the publication check found: 已公开（与审核版本不一致）,
    /// 逾期公开 N 天.
    pub fn state_words(&self) -> String {
        let mut s = self.state.label().to_string();
        if let Some(p) = self.publication.as_ref().filter(|_| self.state == ReviewState::Published) {
            if !p.same() {
                s.push_str("（与审核版本不一致）");
            }
            if p.late_days > 0 {
                s.push_str(&format!("，逾期公开 {} 天", p.late_days));
            }
        }
        s
    }

    /// The overdue mark with its date: "逾期公开（公开截止 2022-01-31）".
    pub fn overdue_words(&self) -> Option<String> {
        self.overdue.map(|o| {
            let by = if o == "逾期报送" {
                ("报送截止", &self.report_by)
            } else {
                ("公开截止", &self.publish_by)
            };
            format!("{o}（{} {}）", by.0, by.1)
        })
    }
}

/// The county government's own report of a year: its parts still to write, its 公开截止 (3月31日 by
/// 第五十条 unless the office set an earlier one), and its publication where recorded.
#[derive(Debug, Clone)]
pub struct CountyStanding {
    pub sections_todo: usize,
    pub publish_by: String,
    pub published: Option<CountyPublication>,
    pub overdue: Option<&'static str>,
}

impl CountyStanding {
    /// Its state in words, as 总览's own row shows it.
    pub fn label(&self) -> String {
        match (&self.published, self.sections_todo) {
            (Some(p), _) => format!("已公开 {}", p.date).trim().to_string(),
            (None, 0) => "已写完待公开".to_string(),
            (None, n) => format!("撰写中（{n} 个部分待完成）"),
        }
    }
}

/// The year's standing: today's date, the deadlines, every agency asked to report (or that sent
/// something) and the county's own report.
#[derive(Debug, Clone)]
pub struct YearStanding {
    pub year: i32,
    /// Every year with returns, newest first (the year picker's).
    pub years: Vec<i32>,
    pub today: String,
    pub deadlines: Deadlines,
    pub agencies: Vec<Standing>,
    pub county: CountyStanding,
}

impl YearStanding {
    pub fn agency(&self, name: &str) -> Option<&Standing> {
        self.agencies.iter().find(|s| s.name() == name)
    }

    /// Only the agencies asked to report this year (the retired are left out).
    pub fn expected(&self) -> impl Iterator<Item = &Standing> {
        self.agencies.iter().filter(|s| s.status.expected)
    }
}

/// Today in the office's local time ("2025-01-20"), from SQLite's clock as the store keeps time.
pub fn today(store: &Store) -> Result<String> {
    Ok(store.connection().query_row("SELECT date('now', 'localtime')", [], |r| r.get(0))?)
}

/// Where every agency stands in a year on `today` (None: the office's today).
pub fn standing(store: &Store, year: i32, today: Option<&str>) -> Result<YearStanding> {
    let today = match today {
        Some(t) => t.to_string(),
        None => self::today(store)?,
    };
    let deadlines = store.deadlines(year)?;
    let states = store.review_states(year)?;
    let todo = todo_counts(store, year)?;
    let dismissed = store.dismissed_counts(year)?;
    let imported = store.imported_section_counts(year)?;
    let mut published = store.publications(year)?;
    let mut agencies = Vec::new();
    for s in store.status(year)? {
        if !s.expected && s.return_id.is_none() && s.document.is_none() {
            continue;
        }
        let id = s.agency.id;
        let state = state_of(&states, id, s.return_id.is_some() || s.document.is_some());
        let (report_by, publish_by) = deadlines.of(s.agency.kind);
        let late = overdue(state, (report_by, publish_by), &today).filter(|_| s.expected);
        agencies.push(Standing {
            report_by: report_by.to_string(),
            publish_by: publish_by.to_string(),
            overdue: late,
            state,
            findings: s.findings,
            dismissed: dismissed.get(&id).copied().unwrap_or(0),
            sections_todo: todo.get(&id).copied().unwrap_or(0),
            sections_imported: imported.get(&id).copied().unwrap_or(0),
            publication: published.remove(&id),
            status: s,
        });
    }
    let published = store.county_published(year)?;
    let county = CountyStanding {
        sections_todo: county_todo(store, year)?,
        overdue: (published.is_none() && today > deadlines.county_publish_by).then_some("逾期公开"),
        publish_by: deadlines.county_publish_by.clone(),
        published,
    };
    Ok(YearStanding { year, years: store.years()?, today, deadlines, agencies, county })
}

/// The county report's narrative parts not yet written (its tables are the county's sums).
fn county_todo(store: &Store, year: i32) -> Result<usize> {
    let narrative = SECTIONS.iter().filter(|d| d.table.is_none()).count();
    let written: i64 = store.connection().query_row(
        "SELECT count(*) FROM sections WHERE agency_id = ?1 AND year = ?2 AND state != ?3 AND trim(text) != ''",
        rusqlite::params![COUNTY_ID, year, crate::model::SectionState::Todo],
        |r| r.get(0),
    )?;
    Ok(narrative.saturating_sub(written as usize))
}

/// The number of agencies of each kind in each review state, and how many are overdue: the
/// progress chart's and the summary's counts.
pub fn counts_by_kind(y: &YearStanding, kind: AgencyKind) -> (Vec<i32>, i32) {
    let mut counts = vec![0; ReviewState::ALL.len()];
    let mut late = 0;
    for s in y.expected().filter(|s| s.status.agency.kind == kind) {
        counts[ReviewState::ALL.iter().position(|x| *x == s.state).unwrap_or(0)] += 1;
        late += i32::from(s.overdue.is_some());
    }
    (counts, late)
}
