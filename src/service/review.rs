//! The review season as the office runs it, for both front ends: each agency's state of the year
//! with its overdue mark, moving a report through the states, disposing of findings, the year's
//! deadlines and switched-off rules, and what changed since the last 审核意见 letter.

use super::Error;
use crate::model::{Disposition, ErrorCode, ReviewState, Rule};
pub use crate::store::review::{overdue, state_of};
pub use crate::store::review::{Deadlines, FindingRow, Letter, StateChange};
use crate::store::Queries;
use crate::store::Store;

type Result<T> = std::result::Result<T, Error>;

/// An agency's place in the year's review, as 总览 and `status` show it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AgencyReview {
    pub agency: String,
    pub state: ReviewState,
    /// "逾期报送" (nothing by 报送截止), "逾期公开" (not published by 公开截止), or none.
    pub overdue: Option<&'static str>,
    pub findings: usize,
}

/// Today in the office's local time ("2025-01-20"), from SQLite's clock as the store keeps time.
pub fn today(store: &Store) -> Result<String> {
    Ok(store
        .connection()
        .query_row("SELECT date('now', 'localtime')", [], |r| r.get(0))
        .map_err(crate::store::StoreError::from)?)
}

/// Every agency asked to report in a year with its review state and overdue mark, overdue first.
pub fn overview(store: &Store, year: i32, today: &str) -> Result<Vec<AgencyReview>> {
    let deadlines = store.deadlines(year)?;
    let states = store.review_states(year)?;
    let mut out: Vec<AgencyReview> = store
        .status(year)?
        .into_iter()
        .filter(|s| s.expected || s.return_id.is_some())
        .map(|s| {
            let state = state_of(&states, s.agency.id, s.return_id.is_some() || s.document.is_some());
            AgencyReview {
                overdue: overdue(state, &deadlines, today),
                agency: s.agency.name,
                state,
                findings: s.findings,
            }
        })
        .collect();
    out.sort_by_key(|r| r.overdue.is_none());
    Ok(out)
}

/// What the office gives when it moves a report on.
#[derive(Debug, Clone, Default)]
pub struct Move {
    pub date: Option<String>,
    pub url: Option<String>,
    pub note: Option<String>,
}

/// Moves an agency's report of a year to `state` (the office's step: 审核通过, 已公开 with its
/// address, or back to 已退回修改 by hand), kept with when and a note.
pub fn set_state(store: &Store, agency: &str, year: i32, state: ReviewState, m: &Move) -> Result<StateChange> {
    let a = super::returns::agency(store, agency)?;
    let date = m.date.as_deref().map(str::trim).unwrap_or("");
    if !date.is_empty() && !crate::store::review::is_iso_date(date) {
        return Err(Error::Said(ErrorCode::Invalid, format!("日期“{date}”无法识别，请写成 2022-01-20。")));
    }
    let url = m.url.as_deref().map(str::trim).unwrap_or("");
    if state == ReviewState::Published && url.is_empty() {
        return Err(Error::Said(ErrorCode::Invalid, "“已公开”须写明公开的网址（--url）。".into()));
    }
    let round = store.letters(a.id, year)?.len() as i64;
    let change = StateChange {
        state,
        round,
        date: date.to_string(),
        url: url.to_string(),
        note: crate::text::one_line(m.note.as_deref().unwrap_or("")),
        at: String::new(),
    };
    store.set_review_state(a.id, year, &change)?;
    Ok(change)
}

/// The findings of a year (of one agency or all) with their ids and dispositions.
pub fn findings(store: &Store, year: i32, agency: Option<&str>) -> Result<Vec<FindingRow>> {
    Ok(store.finding_rows(year, agency)?)
}

/// Records the office's disposition of a finding.
pub fn dispose(store: &Store, id: i64, d: Disposition, reason: &str) -> Result<(String, i32)> {
    Ok(store.dispose(id, d, reason)?)
}

/// A figure that changed between two versions of a report.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FigureChange {
    pub id: String,
    pub label: String,
    pub before: String,
    pub after: String,
}

/// What changed since the last 审核意见 letter: the figures (old → new), the report's parts whose
/// text changed, and the findings of the letter's version that the new version no longer has.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SinceLetter {
    pub letter: Option<Letter>,
    pub figures: Vec<FigureChange>,
    pub sections: Vec<String>,
    pub resolved: Vec<String>,
    /// The version now counting is the one the letter answered: nothing came back yet.
    pub same_version: bool,
}

/// What changed in an agency's report since the last letter of the year.
pub fn since_letter(store: &Store, agency: &str, year: i32) -> Result<SinceLetter> {
    let a = super::returns::agency(store, agency)?;
    let Some(letter) = store.letters(a.id, year)?.pop() else { return Ok(SinceLetter::default()) };
    let now = store.current_return_id(a.id, year)?;
    let mut out = SinceLetter { letter: Some(letter.clone()), ..Default::default() };
    let (Some(then_id), Some(now_id)) = (letter.return_id, now) else { return Ok(out) };
    if then_id == now_id {
        out.same_version = true;
        return Ok(out);
    }
    let (then, now) = (store.load_return(then_id)?, store.load_return(now_id)?);
    let shown = |f: Option<&crate::model::Figure>| match f {
        Some(f) => f.value.map(crate::text::fmt_num).unwrap_or_else(|| f.raw.clone()),
        None => "（无）".to_string(),
    };
    let mut ids: Vec<&str> = then.figures.iter().chain(&now.figures).map(|f| f.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    for id in ids {
        let (b, n) = (then.figure(id), now.figure(id));
        if b.map(|f| (f.value, &f.raw)) != n.map(|f| (f.value, &f.raw)) && shown(b) != shown(n) {
            let label = super::describe_figure(id, Some(now.format));
            out.figures.push(FigureChange { id: id.to_string(), label, before: shown(b), after: shown(n) });
        }
    }
    if let (Some(d0), Some(d1)) = (&then.document, &now.document) {
        for s in &d1.sections {
            if d0.section(&s.key).map(|x| x.text.as_str()) != Some(s.text.as_str()) {
                out.sections.push(s.key.clone());
            }
        }
    }
    let now_findings: Vec<String> = store.findings(now_id)?.iter().map(crate::store::review::finding_key).collect();
    out.resolved = store
        .findings(then_id)?
        .into_iter()
        .filter(|f| !now_findings.contains(&crate::store::review::finding_key(f)))
        .map(|f| f.message)
        .collect();
    Ok(out)
}

/// The year's deadlines, set when given (an empty one goes back to the law's).
pub fn deadlines(store: &Store, year: i32, set: Option<(&str, &str)>) -> Result<Deadlines> {
    if let Some((report_by, publish_by)) = set {
        store.set_deadlines(year, report_by, publish_by)?;
    }
    Ok(store.deadlines(year)?)
}

/// Switches a rule off or on for a year; the rules off afterwards.
pub fn rule_off(store: &Store, year: i32, rule: &str, off: bool) -> Result<Vec<Rule>> {
    let r =
        Rule::from_code(rule).or_else(|| Rule::ALL.iter().copied().find(|r| r.label() == rule)).ok_or_else(|| {
            Error::Said(ErrorCode::Invalid, format!("审核规则“{rule}”无法识别（见 FORMS.md 的规则代码）。"))
        })?;
    store.set_rule_off(year, r, off)?;
    Ok(store.rules_off(year)?)
}

/// Sets (or removes) the office's length limit of a part for a year.
pub fn length_limit(store: &mut Store, year: i32, part: &str, max: Option<u32>) -> Result<()> {
    let def = super::narrative_section(part)?;
    Ok(store.set_length_limit(year, def.key, max)?)
}
