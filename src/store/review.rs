//! The review season as the store keeps it: each agency's review state of a year (a history, the
//! newest row the state), the office's disposition of each finding (by the finding's key, so it
//! survives a re-import that finds the same thing and lapses when the figures change), the 审核意见
//! letters sent (numbered per agency and year, with the version they answered), the year's
//! deadlines, and the rules the office switched off for a year. Every count of open findings (the
//! status, 总览, the letters, the chase list, the county's notes) leaves out dismissed findings and
//! switched-off rules, in SQL, so no screen counts otherwise.

use super::rows::{rows, FromRow};
use super::{Result, Store, StoreError};
use crate::model::{AgencyKind, Disposition, Finding, Return, ReviewState, Rule};
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

/// A finding's identity across versions: its rule, its cells and the values those cells hold
/// (where it is about no figure, the numbers its message quotes). The same finding found again
/// has the same key however its sentence is worded; a changed value gives another, so the office's
/// disposition lapses exactly when what it judged changed.
pub fn finding_key(f: &Finding, ret: &Return) -> String {
    let values: Vec<String> = f
        .cells
        .iter()
        .filter_map(|c| ret.figure(c))
        .map(|x| x.value.map(crate::text::fmt_num).unwrap_or_else(|| x.raw.trim().to_string()))
        .collect();
    let values = if values.is_empty() { numbers_in(&f.message).join(",") } else { values.join(",") };
    format!("{}|{}|{values}", f.rule.code(), serde_json::to_string(&f.cells).unwrap_or_default())
}

/// The runs of digits of a sentence ("收到 57 件，表中 36 件" → ["57", "36"]).
fn numbers_in(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in s.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || (c == '.' && !run.is_empty()) {
            run.push(c);
        } else if !run.is_empty() {
            out.push(std::mem::take(&mut run).trim_end_matches('.').to_string());
        }
    }
    out
}

/// A stored finding as migration 8 reads it.
struct Stored {
    id: i64,
    return_id: i64,
    agency_id: i64,
    year: i32,
    rule: String,
    cells: String,
    message: String,
    old: String,
}

/// Migration 8: every stored finding's key recomputed by [`finding_key`] from its return, and each
/// disposition moved from the old key (which held the message's wording) to the new one.
pub(super) fn rekey_findings(tx: &rusqlite::Transaction) -> Result<()> {
    let rows: Vec<Stored> = tx
        .prepare(
            "SELECT f.id, f.return_id, x.agency_id, x.year, f.rule, f.cells, f.message, f.fkey
             FROM findings f JOIN returns x ON x.id = f.return_id ORDER BY f.return_id",
        )?
        .query_map([], |r| {
            Ok(Stored {
                id: r.get(0)?,
                return_id: r.get(1)?,
                agency_id: r.get(2)?,
                year: r.get(3)?,
                rule: r.get(4)?,
                cells: r.get(5)?,
                message: r.get(6)?,
                old: r.get(7)?,
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    let store = super::returns::Db(tx);
    let mut loaded: Option<(i64, Return)> = None;
    for Stored { id, return_id, agency_id, year, rule, cells, message, old } in rows {
        if loaded.as_ref().map(|(i, _)| *i) != Some(return_id) {
            loaded = Some((return_id, store.load_return(return_id)?));
        }
        let ret = &loaded.as_ref().expect("loaded above").1;
        let Some(rule) = Rule::from_code(&rule) else { continue };
        let f = Finding { rule, cells: serde_json::from_str(&cells).unwrap_or_default(), refs: Vec::new(), message };
        let key = finding_key(&f, ret);
        tx.execute("UPDATE findings SET fkey = ?1 WHERE id = ?2", params![key, id])?;
        tx.execute(
            "UPDATE OR IGNORE finding_dispositions SET fkey = ?1 WHERE agency_id = ?2 AND year = ?3 AND fkey = ?4",
            params![key, agency_id, year, old],
        )?;
    }
    Ok(())
}

/// The SQL condition that a finding `f` (of agency `a`, year `y`) is open: not dismissed, its rule
/// not switched off for the year.
pub(crate) const OPEN: &str = "NOT EXISTS (SELECT 1 FROM finding_dispositions d
        WHERE d.agency_id = {a} AND d.year = {y} AND d.fkey = f.fkey AND d.disposition = 'dismissed')
    AND f.rule NOT IN (SELECT rule FROM rules_off WHERE year = {y})";

/// [`OPEN`] with its agency and year expressions filled in.
pub(crate) fn open_condition(agency: &str, year: &str) -> String {
    OPEN.replace("{a}", agency).replace("{y}", year)
}

/// One change of an agency's review state, as kept.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StateChange {
    pub state: ReviewState,
    /// The letter's round, for 已退回修改.
    pub round: i64,
    /// The date the office gave (the letter's, the publication's).
    pub date: String,
    /// Where the report is published, for 已公开.
    pub url: String,
    pub note: String,
    /// When the change was recorded.
    pub at: String,
}

/// A finding as the office disposes of it: its id, its agency, and the disposition if any.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FindingRow {
    pub id: i64,
    pub agency: String,
    pub year: i32,
    pub rule: Rule,
    pub cells: Vec<String>,
    pub refs: Vec<String>,
    pub message: String,
    pub disposition: Option<Disposition>,
    pub reason: String,
}

/// A 审核意见 letter sent.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Letter {
    pub round: i64,
    pub date: String,
    /// The version of the report the letter answered.
    pub return_id: Option<i64>,
    pub findings: i64,
    pub at: String,
}

/// A year's deadlines. 《条例》第四十九条: the county's departments send their report to the office
/// and publish it by 1月31日 of the next year; 第五十条: the county government publishes its own by
/// 3月31日. 乡镇/街道 are not named there: the office sets their dates (by default the
/// departments'). The office may set earlier dates of its own (报送 1月15日, to review before
/// publication); never later than the law's.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Deadlines {
    /// Departments' 报送截止, "2022-01-31".
    pub report_by: String,
    /// Departments' 公开截止, "2022-01-31".
    pub publish_by: String,
    /// 乡镇/街道's 报送截止 and 公开截止.
    pub township_report_by: String,
    pub township_publish_by: String,
    /// The county government's own report's 公开截止, "2022-03-31".
    pub county_publish_by: String,
}

/// Which deadline of a year: the settings key of each, and the law's date where the law sets one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    Report,
    Publish,
    TownshipReport,
    TownshipPublish,
    CountyPublish,
}

impl DeadlineKind {
    pub const ALL: [DeadlineKind; 5] =
        [Self::Report, Self::Publish, Self::TownshipReport, Self::TownshipPublish, Self::CountyPublish];

    /// Its code (the settings key's part, and what the app sends).
    pub fn key(self) -> &'static str {
        match self {
            Self::Report => "report",
            Self::Publish => "publish",
            Self::TownshipReport => "township_report",
            Self::TownshipPublish => "township_publish",
            Self::CountyPublish => "county_publish",
        }
    }

    pub fn from_key(key: &str) -> Option<DeadlineKind> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Where its date comes from, in the office's words.
    pub fn basis(self) -> &'static str {
        match self {
            Self::Report | Self::Publish => "《条例》第四十九条：次年 1 月 31 日前",
            Self::TownshipReport | Self::TownshipPublish => "本办设定，默认同部门",
            Self::CountyPublish => "《条例》第五十条：次年 3 月 31 日前",
        }
    }

    /// The law's latest date for a year's reports (townships: as the departments').
    pub fn statutory(self, year: i32) -> String {
        match self {
            Self::CountyPublish => format!("{}-03-31", year + 1),
            _ => format!("{}-01-31", year + 1),
        }
    }

    /// What it is called in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            Self::Report => "部门报送截止",
            Self::Publish => "部门公开截止",
            Self::TownshipReport => "乡镇/街道报送截止",
            Self::TownshipPublish => "乡镇/街道公开截止",
            Self::CountyPublish => "全县政府年报公开截止",
        }
    }
}

impl Deadlines {
    /// An agency's 报送截止 and 公开截止 by its kind.
    pub fn of(&self, kind: AgencyKind) -> (&str, &str) {
        match kind {
            AgencyKind::Department => (&self.report_by, &self.publish_by),
            AgencyKind::Township => (&self.township_report_by, &self.township_publish_by),
        }
    }
}

/// The county's own report's publication of a year, where the office recorded it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CountyPublication {
    pub date: String,
    pub url: String,
    pub at: String,
}

impl Store {
    /// An agency's review state of a year: the newest recorded, else 已报送待审 once a return or
    /// report came, else 未报送.
    pub fn review_state(&self, agency_id: i64, year: i32) -> Result<ReviewState> {
        if let Some(s) = self.review_history(agency_id, year)?.pop() {
            return Ok(s.state);
        }
        let any: i64 = self.conn.query_row(
            "SELECT count(*) FROM returns WHERE agency_id = ?1 AND year = ?2 AND current = 1",
            params![agency_id, year],
            |r| r.get(0),
        )?;
        Ok(if any > 0 { ReviewState::Submitted } else { ReviewState::Missing })
    }

    /// Every change of an agency's review state of a year, oldest first.
    pub fn review_history(&self, agency_id: i64, year: i32) -> Result<Vec<StateChange>> {
        let sql = format!(
            "SELECT {} FROM review_states WHERE agency_id = ?1 AND year = ?2 ORDER BY id",
            StateChange::COLUMNS
        );
        rows(&mut *self.conn.prepare_cached(&sql)?, params![agency_id, year])
    }

    /// Records a change of an agency's review state (未报送 is not a state one sets: it is the
    /// state of no return).
    pub fn set_review_state(&self, agency_id: i64, year: i32, change: &StateChange) -> Result<()> {
        if change.state == ReviewState::Missing {
            return Err(StoreError::Invalid("“未报送”不能手工设置：它是没有收到报表的状态。".into()));
        }
        // 审核通过 keeps which versions were current: what is published is checked against them,
        // whatever comes in later.
        let (ret, doc) = if change.state == ReviewState::Accepted {
            (self.db().current_return_id(agency_id, year)?, self.db().current_document_id(agency_id, year)?)
        } else {
            (None, None)
        };
        self.conn.execute(
            "INSERT INTO review_states (agency_id, year, state, round, date, url, note, return_id, document_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![agency_id, year, change.state, change.round, change.date, change.url, change.note, ret, doc],
        )?;
        Ok(())
    }

    /// The versions (return, report document) current when the report was last accepted.
    pub fn accepted_versions(&self, agency_id: i64, year: i32) -> Result<Option<(Option<i64>, Option<i64>)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT return_id, document_id FROM review_states WHERE agency_id = ?1 AND year = ?2
                   AND state = 'accepted' ORDER BY id DESC LIMIT 1",
                params![agency_id, year],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// The newest recorded state of every agency that has one, for a year.
    pub fn review_states(&self, year: i32) -> Result<HashMap<i64, ReviewState>> {
        let mut st = self.conn.prepare_cached(
            "SELECT agency_id, state FROM review_states s WHERE year = ?1
               AND id = (SELECT max(id) FROM review_states t WHERE t.agency_id = s.agency_id AND t.year = s.year)",
        )?;
        let rows = st.query_map([year], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, ReviewState>(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Every finding of the versions that count in a year, with its id and disposition; switched-off
    /// rules left out.
    pub fn finding_rows(&self, year: i32, agency: Option<&str>) -> Result<Vec<FindingRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT f.id, a.name, x.year, f.rule, f.cells, f.refs, f.message, d.disposition, d.reason
             FROM findings f JOIN returns x ON x.id = f.return_id AND x.current = 1
             JOIN agencies a ON a.id = x.agency_id
             LEFT JOIN finding_dispositions d ON d.agency_id = x.agency_id AND d.year = x.year AND d.fkey = f.fkey
             WHERE x.year = ?1 AND (?2 IS NULL OR a.name = ?2)
               AND f.rule NOT IN (SELECT rule FROM rules_off WHERE year = ?1)
             ORDER BY a.kind, a.id, f.id",
        )?;
        let rows = st.query_map(params![year, agency], |r| {
            Ok(FindingRow {
                id: r.get(0)?,
                agency: r.get(1)?,
                year: r.get(2)?,
                rule: r.get(3)?,
                cells: serde_json::from_str(&r.get::<_, String>(4)?).unwrap_or_default(),
                refs: serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or_default(),
                message: r.get(6)?,
                disposition: r.get(7)?,
                reason: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Records the office's disposition of a finding (by its id); a dismissal needs its reason.
    /// Returns the agency's name and the year.
    pub fn dispose(&self, finding_id: i64, d: Disposition, reason: &str) -> Result<(String, i32)> {
        if d == Disposition::Dismissed && reason.trim().is_empty() {
            return Err(StoreError::Invalid("不予采纳须写明理由（如“说明已在报告中解释”）。".into()));
        }
        let (agency_id, name, year, fkey): (i64, String, i32, String) = self
            .conn
            .query_row(
                "SELECT x.agency_id, a.name, x.year, f.fkey FROM findings f JOIN returns x ON x.id = f.return_id
                 JOIN agencies a ON a.id = x.agency_id WHERE f.id = ?1",
                [finding_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("没有编号为 {finding_id} 的问题（见 findings --json）。")))?;
        self.conn.execute(
            "INSERT INTO finding_dispositions (agency_id, year, fkey, disposition, reason) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (agency_id, year, fkey) DO UPDATE SET disposition = excluded.disposition,
                 reason = excluded.reason, at = datetime('now', 'localtime')",
            params![agency_id, year, fkey, d, reason.trim()],
        )?;
        Ok((name, year))
    }

    /// Records a 审核意见 letter sent to an agency; its round (1 for the first of the year).
    pub fn record_letter(&self, agency_id: i64, year: i32, date: &str, findings: usize) -> Result<i64> {
        let return_id = self.db().current_return_id(agency_id, year)?;
        let round: i64 = self.conn.query_row(
            "SELECT coalesce(max(round), 0) + 1 FROM review_letters WHERE agency_id = ?1 AND year = ?2",
            params![agency_id, year],
            |r| r.get(0),
        )?;
        self.conn.execute(
            "INSERT INTO review_letters (agency_id, year, round, date, return_id, findings) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![agency_id, year, round, date, return_id, findings as i64],
        )?;
        Ok(round)
    }

    /// The letters sent to an agency for a year, oldest first.
    pub fn letters(&self, agency_id: i64, year: i32) -> Result<Vec<Letter>> {
        let sql =
            format!("SELECT {} FROM review_letters WHERE agency_id = ?1 AND year = ?2 ORDER BY round", Letter::COLUMNS);
        rows(&mut *self.conn.prepare_cached(&sql)?, params![agency_id, year])
    }

    /// The year's deadlines (see [`Deadlines`]): the office's own where set, else the law's.
    pub fn deadlines(&self, year: i32) -> Result<Deadlines> {
        // The office's date where set, else `default` (the law's; for townships, the departments').
        let get = |k: DeadlineKind, default: String| -> Result<String> {
            Ok(self.setting(&format!("deadline:{year}:{}", k.key()))?.filter(|v| !v.is_empty()).unwrap_or(default))
        };
        let report_by = get(DeadlineKind::Report, DeadlineKind::Report.statutory(year))?;
        let publish_by = get(DeadlineKind::Publish, DeadlineKind::Publish.statutory(year))?;
        Ok(Deadlines {
            township_report_by: get(DeadlineKind::TownshipReport, report_by.clone())?,
            township_publish_by: get(DeadlineKind::TownshipPublish, publish_by.clone())?,
            county_publish_by: get(DeadlineKind::CountyPublish, DeadlineKind::CountyPublish.statutory(year))?,
            report_by,
            publish_by,
        })
    }

    /// Sets the office's own date of one deadline of a year ("2022-01-20"); an empty one goes back
    /// to the law's (townships': the departments'). A date later than the law's is refused.
    pub fn set_deadline(&self, year: i32, kind: DeadlineKind, date: &str) -> Result<()> {
        let v = date.trim();
        if !v.is_empty() && !is_iso_date(v) {
            return Err(StoreError::Invalid(format!("日期“{v}”无法识别，请写成 2022-01-20。")));
        }
        let law = kind.statutory(year);
        if v > law.as_str() {
            let why = if kind == DeadlineKind::CountyPublish {
                "《条例》第五十条"
            } else {
                "《条例》第四十九条"
            };
            return Err(StoreError::Invalid(format!(
                "{}“{v}”晚于{why}规定的 {law}：只能设定在此之前（或留空按规定日期）。",
                kind.label()
            )));
        }
        self.set_setting(&format!("deadline:{year}:{}", kind.key()), v)
    }

    /// Records that the county government's own report of a year is published (date and address).
    pub fn set_county_published(&self, year: i32, date: &str, url: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO county_publications (year, date, url) VALUES (?1, ?2, ?3)
             ON CONFLICT (year) DO UPDATE SET date = excluded.date, url = excluded.url, at = datetime('now', 'localtime')",
            params![year, date, url],
        )?;
        Ok(())
    }

    /// The county's own report's publication of a year, if recorded.
    pub fn county_published(&self, year: i32) -> Result<Option<CountyPublication>> {
        Ok(self
            .conn
            .query_row("SELECT date, url, at FROM county_publications WHERE year = ?1", [year], |r| {
                Ok(CountyPublication { date: r.get(0)?, url: r.get(1)?, at: r.get(2)? })
            })
            .optional()?)
    }

    /// How many findings of each agency's counting versions the office did not take up, for a year.
    pub fn dismissed_counts(&self, year: i32) -> Result<HashMap<i64, usize>> {
        let mut st = self.conn.prepare_cached(
            "SELECT x.agency_id, count(*) FROM findings f JOIN returns x ON x.id = f.return_id AND x.current = 1
             JOIN finding_dispositions d ON d.agency_id = x.agency_id AND d.year = x.year AND d.fkey = f.fkey
             WHERE x.year = ?1 AND d.disposition = 'dismissed'
               AND f.rule NOT IN (SELECT rule FROM rules_off WHERE year = ?1)
             GROUP BY x.agency_id",
        )?;
        let rows = st.query_map([year], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as usize)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The rules the office switched off for a year.
    pub fn rules_off(&self, year: i32) -> Result<Vec<Rule>> {
        let mut st = self.conn.prepare_cached("SELECT rule FROM rules_off WHERE year = ?1 ORDER BY rule")?;
        let rows = st.query_map([year], |r| r.get::<_, Rule>(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Switches a rule off (or on again) for a year: its findings leave every count of that year.
    pub fn set_rule_off(&self, year: i32, rule: Rule, off: bool) -> Result<()> {
        if off {
            self.conn.execute("INSERT OR IGNORE INTO rules_off (year, rule) VALUES (?1, ?2)", params![year, rule])?;
        } else {
            self.conn.execute("DELETE FROM rules_off WHERE year = ?1 AND rule = ?2", params![year, rule])?;
        }
        Ok(())
    }
}

/// "2022-01-31": a date as the deadlines keep it.
pub fn is_iso_date(s: &str) -> bool {
    let p: Vec<&str> = s.split('-').collect();
    matches!(p.as_slice(), [y, m, d] if y.len() == 4 && y.parse::<u32>().is_ok()
        && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        && d.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)))
}

/// After a new version of an agency's report is stored: where the office had sent the report back
/// (已退回修改), it is now 已重报待复核, in the same transaction.
pub(super) fn on_new_version(conn: &rusqlite::Connection, agency_id: i64, year: i32, file: &str) -> Result<()> {
    let last: Option<(ReviewState, i64)> = conn
        .query_row(
            "SELECT state, round FROM review_states WHERE agency_id = ?1 AND year = ?2 ORDER BY id DESC LIMIT 1",
            params![agency_id, year],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((ReviewState::Returned, round)) = last {
        conn.execute(
            "INSERT INTO review_states (agency_id, year, state, round, note) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![agency_id, year, ReviewState::Resubmitted, round, format!("导入修改后的“{file}”")],
        )?;
    }
    Ok(())
}

/// Whether a report in `state` is overdue on `today` against its own 报送截止 and 公开截止: nothing
/// came by 报送截止 (逾期报送), or not published by 公开截止 (逾期公开).
pub fn overdue(state: ReviewState, (report_by, publish_by): (&str, &str), today: &str) -> Option<&'static str> {
    match state {
        ReviewState::Missing if today > report_by => Some("逾期报送"),
        ReviewState::Published | ReviewState::Missing => None,
        _ if today > publish_by => Some("逾期公开"),
        _ => None,
    }
}

/// An agency's state: the newest recorded, else by whether anything came.
pub fn state_of(states: &HashMap<i64, ReviewState>, agency_id: i64, sent: bool) -> ReviewState {
    match states.get(&agency_id) {
        Some(s) => *s,
        None if sent => ReviewState::Submitted,
        None => ReviewState::Missing,
    }
}

/// How alike a part must be to the agency's own of last year (or another agency's) to be said:
/// the office's setting for the year, else 80%.
pub(super) fn copied_threshold_of(conn: &rusqlite::Connection, year: i32) -> Result<f64> {
    let v = super::Db(conn).setting(&format!("copied:{year}"))?;
    Ok(v.and_then(|v| v.parse::<u32>().ok()).map(|p| p as f64 / 100.0).unwrap_or(crate::checks::document::COPIED))
}

/// The sentences the county prescribes for a year's reports (the office's list, one a line).
pub(super) fn prescribed_of(conn: &rusqlite::Connection, year: i32) -> Result<Vec<String>> {
    let v = super::Db(conn).setting(&format!("prescribed:{year}"))?;
    Ok(v.unwrap_or_default().lines().map(str::to_string).filter(|l| !l.trim().is_empty()).collect())
}

/// The office's length limits of a year: (part key, most characters).
pub(super) fn length_limits_of(conn: &rusqlite::Connection, year: i32) -> Result<Vec<(String, u32)>> {
    let prefix = format!("length:{year}:");
    let mut st = conn.prepare_cached("SELECT key, value FROM settings WHERE key LIKE ?1 || '%' ORDER BY key")?;
    let rows = st.query_map([&prefix], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (k, v) = row?;
        if let (Some(key), Ok(n)) = (k.strip_prefix(&prefix), v.parse::<u32>()) {
            out.push((key.to_string(), n));
        }
    }
    Ok(out)
}

impl Store {
    /// The likeness at which a part is said to be copied, for a year (80% unless the office set one).
    pub fn copied_threshold(&self, year: i32) -> Result<f64> {
        copied_threshold_of(&self.conn, year)
    }

    /// Sets (or, with none, goes back to 80%) the likeness in percent at which a year's parts are
    /// said to be copied; the year's reports are checked again at once.
    pub fn set_copied_threshold(&mut self, year: i32, percent: Option<u32>) -> Result<()> {
        if percent.is_some_and(|p| !(50..=100).contains(&p)) {
            return Err(StoreError::Invalid("相似度阈值请写 50 到 100 之间的百分数（如 85）。".into()));
        }
        self.set_setting(&format!("copied:{year}"), &percent.map(|p| p.to_string()).unwrap_or_default())?;
        self.recheck_documents(year)
    }

    /// The sentences the county prescribes for a year's reports, left out when texts are compared.
    pub fn prescribed(&self, year: i32) -> Result<Vec<String>> {
        prescribed_of(&self.conn, year)
    }

    /// Sets the year's prescribed sentences (none: the list cleared); the year's reports are checked
    /// again at once.
    pub fn set_prescribed(&mut self, year: i32, sentences: &[String]) -> Result<()> {
        let lines: Vec<String> = sentences
            .iter()
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| s.chars().count() >= 6)
            .collect();
        if lines.len() < sentences.iter().filter(|s| !s.trim().is_empty()).count() {
            return Err(StoreError::Invalid("规定表述请写完整的句子（至少 6 个字）。".into()));
        }
        self.set_setting(&format!("prescribed:{year}"), &lines.join("\n"))?;
        self.recheck_documents(year)
    }

    /// Every current report document of a year checked again (after the office changed what the
    /// document rules weigh: a length limit, the copied-text threshold).
    fn recheck_documents(&mut self, year: i32) -> Result<()> {
        let ids: Vec<i64> = self
            .conn
            .prepare("SELECT id FROM returns WHERE year = ?1 AND current = 1 AND document IS NOT NULL")?
            .query_map([year], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        for id in ids {
            self.recheck_return(id)?;
        }
        Ok(())
    }

    /// The office's length limits of a year (none by default).
    pub fn length_limits(&self, year: i32) -> Result<Vec<(String, u32)>> {
        length_limits_of(&self.conn, year)
    }

    /// Sets (or, with none, removes) the limit of a part for a year; the year's reports are checked
    /// again at once.
    pub fn set_length_limit(&mut self, year: i32, key: &str, max: Option<u32>) -> Result<()> {
        self.set_setting(&format!("length:{year}:{key}"), &max.map(|m| m.to_string()).unwrap_or_default())?;
        self.recheck_documents(year)
    }
}
