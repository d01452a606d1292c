//! The review season as the office runs it, for both front ends: each agency's state of the year
//! with its overdue mark, moving a report through the states, disposing of findings, the year's
//! deadlines and switched-off rules, and what changed since the last 审核意见 letter.

use super::Error;
use crate::model::{Agency, Disposition, ErrorCode, ReviewState, Rule};
pub use crate::report::standing::{counts_by_kind, CountyStanding, Standing, YearStanding};
pub use crate::store::review::{CountyPublication, DeadlineKind, Deadlines, FindingRow, Letter, StateChange};

use crate::store::Store;
pub use crate::store::{FigureDiff, Publication};

type Result<T> = std::result::Result<T, Error>;

/// Today in the office's local time ("2025-01-20"), from SQLite's clock as the store keeps time.
pub fn today(store: &Store) -> Result<String> {
    Ok(crate::report::standing::today(store)?)
}

/// Where every agency stands in a year, and the county's own report: the one place that decides
/// (state, overdue against the agency's own deadlines, open and dismissed findings, parts to
/// write). Every screen, `status`, the chase list and the exports read it.
pub fn standing(store: &Store, year: i32) -> Result<YearStanding> {
    Ok(crate::report::standing::standing(store, year, None)?)
}

/// What the office gives when it moves a report on.
#[derive(Debug, Clone, Default)]
pub struct Move {
    pub date: Option<String>,
    pub url: Option<String>,
    pub note: Option<String>,
    /// For 已公开: the page saved from the portal, checked against the accepted version.
    pub page: Option<std::path::PathBuf>,
}

/// Moves an agency's report of a year to `state` (the office's step: 审核通过, 已公开 with its
/// address, or back to 已退回修改 by hand), kept with when and a note.
pub fn set_state(store: &Store, agency: &str, year: i32, state: ReviewState, m: &Move) -> Result<StateChange> {
    if crate::model::ReportOf::parse(Some(agency)) == crate::model::ReportOf::County {
        return set_county_state(store, year, state, m);
    }
    let a = super::returns::agency(store, agency)?;
    step_allowed(store, &a, year, state, m)?;
    if state == ReviewState::Published {
        // 已公开 is checked: the page against the accepted version, the date against 公开截止.
        let given = super::publish::Published {
            page: m.page.clone(),
            url: m.url.clone().unwrap_or_default(),
            date: m.date.clone(),
        };
        super::publish::check(store, &a, year, &given)?;
        return Ok(store.review_history(a.id, year)?.pop().expect("just recorded"));
    }
    let date = typed_date(m.date.as_deref(), "2022-01-20")?;
    let url = m.url.as_deref().map(str::trim).unwrap_or("");
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

/// Whether the office may take this step now, one sentence where not: no 审核通过 while problems
/// are open (each corrected, or not taken up with a reason, first), no 已公开 straight from
/// 已退回修改 (the agency sends again and the office accepts it first), and a 公开网址 that is an
/// address. (已公开 records a fact — the page is up — and is not held back by open problems: the
/// publication check says what differs.)
fn step_allowed(store: &Store, a: &crate::model::Agency, year: i32, state: ReviewState, m: &Move) -> Result<()> {
    let refuse = |s: String| Err(Error::Said(ErrorCode::Invalid, s));
    if state == ReviewState::Accepted {
        let open = store.open_findings(a.id, year)?.len();
        if open > 0 {
            return refuse(format!(
                "{} {year} 年还有 {open} 个问题未处理（更正、说明或不予采纳后再试），不能记为“{}”。",
                a.name,
                state.label()
            ));
        }
    }
    if state == ReviewState::Published && store.review_state(a.id, year)? == ReviewState::Returned {
        return refuse(format!("{} {year} 年的报告已退回修改：单位重报并审核通过后，才能记为“已公开”。", a.name));
    }
    check_url(m.url.as_deref())
}

/// A 公开网址 as typed: none, or an address a browser opens (http:// or https://, a host with a dot).
fn check_url(url: Option<&str>) -> Result<()> {
    let url = url.map(str::trim).unwrap_or("");
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let host = rest.map(|r| r.split('/').next().unwrap_or(""));
    if url.is_empty() || host.is_some_and(|h| h.contains('.') && !h.contains(char::is_whitespace)) {
        return Ok(());
    }
    Err(Error::Said(
        ErrorCode::Invalid,
        format!(
            "公开网址“{url}”不是网址，请从浏览器地址栏复制（如 http://www.example.gov.cn/art/2022/1/20/art_1.html）。"
        ),
    ))
}

/// A date the office typed for a review step, trimmed ("" for none); one that reads as no date is
/// refused in one sentence with an example.
fn typed_date<'a>(typed: Option<&'a str>, example: &str) -> Result<&'a str> {
    let date = typed.map(str::trim).unwrap_or("");
    if !date.is_empty() && !crate::store::review::is_iso_date(date) {
        return Err(Error::Said(ErrorCode::Invalid, format!("日期“{date}”无法识别，请写成 {example}。")));
    }
    Ok(date)
}

/// The county government's own report: only its publication is recorded (第五十条).
fn set_county_state(store: &Store, year: i32, state: ReviewState, m: &Move) -> Result<StateChange> {
    if state != ReviewState::Published {
        return Err(Error::Said(
            ErrorCode::Invalid,
            "全县政府年报只记录“已公开”（--state published --url …）。".into(),
        ));
    }
    let url = m.url.as_deref().unwrap_or("").trim();
    if url.is_empty() {
        return Err(Error::Said(ErrorCode::Invalid, "“已公开”须写明公开的网址（--url）。".into()));
    }
    check_url(Some(url))?;
    let date = typed_date(m.date.as_deref(), "2022-03-20")?;
    store.set_county_published(year, date, url)?;
    Ok(StateChange { state, round: 0, date: date.into(), url: url.into(), note: String::new(), at: String::new() })
}

/// The office sends an agency its 审核意见 letter: the round (the one its letter shows) is
/// recorded with the date and the version it answered and, where it lists findings, the report
/// goes to 已退回修改. Exporting a letter records nothing; sending the same round twice is refused.
pub fn send(store: &Store, agency: &str, year: i32, date: Option<&str>) -> Result<Letter> {
    let a = super::returns::agency(store, agency)?;
    let date = typed_date(date, "2022-01-20")?;
    if store.db().current_return_id(a.id, year)?.is_none() {
        return Err(Error::Said(ErrorCode::NoData, format!("{agency} {year} 年还没有报表或报告，没有审核意见可发。")));
    }
    let (round, _) = crate::export::office::letter_round(store, a.id, year)?;
    if store.letters(a.id, year)?.iter().any(|l| l.round == round) {
        return Err(Error::Said(
            ErrorCode::Invalid,
            format!("第 {round} 次审核意见已于{}发出；单位重报后才有下一次。", letter_day(store, a.id, year, round)?),
        ));
    }
    let open = store.open_findings(a.id, year)?.len();
    store.record_letter(a.id, year, date, open)?;
    if open > 0 {
        let change = StateChange {
            state: ReviewState::Returned,
            round,
            date: date.to_string(),
            url: String::new(),
            note: format!("第 {round} 次审核意见，{open} 个问题"),
            at: String::new(),
        };
        store.set_review_state(a.id, year, &change)?;
    }
    Ok(store.letters(a.id, year)?.pop().expect("just recorded"))
}

/// An agency's review of a year as `review show --json` gives it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Shown {
    pub agency: String,
    pub year: i32,
    pub state: ReviewState,
    pub history: Vec<StateChange>,
    pub letters: Vec<Letter>,
    /// The published page as checked (null when none was recorded).
    pub published: Option<crate::store::Publication>,
    /// A newer version came in after 审核通过 (the accepted one is still what publication is checked against).
    pub newer_than_accepted: bool,
}

/// Everything of an agency's review of a year.
pub fn show(store: &Store, agency: &str, year: i32) -> Result<Shown> {
    let a = super::returns::agency(store, agency)?;
    let accepted = store.accepted_versions(a.id, year)?;
    let current = (store.db().current_return_id(a.id, year)?, store.db().current_document_id(a.id, year)?);
    Ok(Shown {
        state: store.review_state(a.id, year)?,
        history: store.review_history(a.id, year)?,
        letters: store.letters(a.id, year)?,
        published: store.publication(a.id, year)?,
        newer_than_accepted: accepted.is_some_and(|v| v != current),
        agency: a.name,
        year,
    })
}

/// Every change of an agency's review state of a year, oldest first.
pub fn history(store: &Store, agency: &Agency, year: i32) -> Result<Vec<StateChange>> {
    Ok(store.review_history(agency.id, year)?)
}

/// The round the agency's letter exported now would be, and whether that round was sent.
pub fn next_letter(store: &Store, agency: &str, year: i32) -> Result<(i64, bool)> {
    let a = super::returns::agency(store, agency)?;
    let (round, _) = crate::export::office::letter_round(store, a.id, year)?;
    Ok((round, store.letters(a.id, year)?.iter().any(|l| l.round == round)))
}

fn letter_day(store: &Store, agency_id: i64, year: i32, round: i64) -> Result<String> {
    let l = store.letters(agency_id, year)?.into_iter().find(|l| l.round == round);
    Ok(l.map(|l| if l.date.is_empty() { l.at } else { l.date }).unwrap_or_default())
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
    let now = store.db().current_return_id(a.id, year)?;
    let mut out = SinceLetter { letter: Some(letter.clone()), ..Default::default() };
    let (Some(then_id), Some(now_id)) = (letter.return_id, now) else { return Ok(out) };
    if then_id == now_id {
        out.same_version = true;
        return Ok(out);
    }
    let (then, now) = (store.db().load_return(then_id)?, store.db().load_return(now_id)?);
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
    let key = crate::store::review::finding_key;
    let now_findings: Vec<String> = store.db().findings(now_id)?.iter().map(|f| key(f, &now)).collect();
    out.resolved = store
        .db()
        .findings(then_id)?
        .into_iter()
        .filter(|f| !now_findings.contains(&key(f, &then)))
        .map(|f| f.message)
        .collect();
    Ok(out)
}

/// The year's deadlines, each given one set first (an empty one goes back to the law's).
pub fn deadlines(store: &Store, year: i32, set: &[(DeadlineKind, String)]) -> Result<Deadlines> {
    for (kind, date) in set {
        store.set_deadline(year, *kind, date)?;
    }
    Ok(store.deadlines(year)?)
}

/// One deadline of a year as the app shows it: what it is, its date, the law's latest, and where
/// the date comes from.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DeadlineRow {
    pub kind: &'static str,
    pub label: &'static str,
    pub date: String,
    pub law: String,
    pub basis: &'static str,
}

/// The year's deadlines, one a row, the one given (by its code) set first: an empty date goes back
/// to the law's, a later one than the law's is refused naming the article.
pub fn deadline_rows(store: &Store, year: i32, set: Option<(&str, &str)>) -> Result<Vec<DeadlineRow>> {
    let given = match set {
        Some((code, date)) => {
            let kind = DeadlineKind::from_key(code)
                .ok_or_else(|| Error::Said(ErrorCode::Invalid, format!("没有名为“{code}”的截止日期。")))?;
            vec![(kind, date.trim().to_string())]
        }
        None => Vec::new(),
    };
    let d = deadlines(store, year, &given)?;
    let date = |k: DeadlineKind| match k {
        DeadlineKind::Report => d.report_by.clone(),
        DeadlineKind::Publish => d.publish_by.clone(),
        DeadlineKind::TownshipReport => d.township_report_by.clone(),
        DeadlineKind::TownshipPublish => d.township_publish_by.clone(),
        DeadlineKind::CountyPublish => d.county_publish_by.clone(),
    };
    Ok(DeadlineKind::ALL
        .into_iter()
        .map(|k| DeadlineRow {
            kind: k.key(),
            label: k.label(),
            date: date(k),
            law: k.statutory(year),
            basis: k.basis(),
        })
        .collect())
}

/// A rule named by its code or its Chinese name.
pub fn rule_named(rule: &str) -> Result<Rule> {
    let rule = rule.trim();
    Rule::from_code(rule).or_else(|| Rule::ALL.iter().copied().find(|r| r.label() == rule)).ok_or_else(|| {
        Error::Said(
            ErrorCode::Invalid,
            format!("审核规则“{rule}”无法识别（nianbao review rule --list 列出全部规则）。"),
        )
    })
}

/// Switches a rule off or on for a year; the rules off afterwards.
pub fn rule_off(store: &Store, year: i32, rule: &str, off: bool) -> Result<Vec<Rule>> {
    let r = rule_named(rule)?;
    store.set_rule_off(year, r, off)?;
    Ok(store.rules_off(year)?)
}

/// Every rule with whether it is on for a year: (rule, on).
pub fn rules(store: &Store, year: i32) -> Result<Vec<(Rule, bool)>> {
    let off = store.rules_off(year)?;
    Ok(Rule::ALL.iter().map(|r| (*r, !off.contains(r))).collect())
}

/// Sets (or, with none, goes back to 80%) the likeness at which a year's parts are said to be copied.
pub fn copied_threshold(store: &mut Store, year: i32, percent: Option<u32>) -> Result<()> {
    Ok(store.set_copied_threshold(year, percent)?)
}

/// The sentences the county prescribes for a year (`add`ed to the list, or the list `clear`ed
/// first), left out when a part is compared with last year's or another agency's: the list as kept.
pub fn prescribed(store: &mut Store, year: i32, add: &[String], clear: bool) -> Result<Vec<String>> {
    if clear || !add.is_empty() {
        let mut list = if clear { Vec::new() } else { store.prescribed(year)? };
        list.extend(add.iter().filter(|s| !list.contains(s)).cloned().collect::<Vec<_>>());
        store.set_prescribed(year, &list)?;
    }
    Ok(store.prescribed(year)?)
}

/// Sets (or removes) the office's length limit of a part for a year.
pub fn length_limit(store: &mut Store, year: i32, part: &str, max: Option<u32>) -> Result<()> {
    // A part by its key (一, 一（一）, 五) or by its title's words (总体情况, 存在的主要问题).
    let part = part.trim();
    let key = crate::report::SECTIONS
        .iter()
        .find(|d| d.key == part || (part.chars().count() >= 2 && d.title.contains(part)))
        .map(|d| d.key)
        .unwrap_or(part);
    let def = super::narrative_section(key)?;
    Ok(store.set_length_limit(year, def.key, max)?)
}
