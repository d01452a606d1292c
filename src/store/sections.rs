//! Report sections: the narrative text of each agency's (and the county's) report, where it came
//! from (the office, or a document and its place), every earlier text, and the text a document
//! brought for a section the office had already edited or settled, waiting for the office's choice.

use super::rows::{rows, FromRow};
use super::{Result, Store, StoreError};
use crate::model::{Document, SectionState};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// A section's current text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SectionRow {
    pub state: SectionState,
    pub text: String,
    pub updated_at: String,
    /// The document the text came from, or "" when the office wrote or edited it.
    pub source_file: String,
    /// Where in that document ("第 12–18 段").
    pub source_place: String,
}

/// A text the section had before.
#[derive(Debug, Clone, Serialize)]
pub struct SectionHistory {
    pub state: SectionState,
    pub text: String,
    pub source_file: String,
    pub source_place: String,
    /// When it stopped being the current text.
    pub until: String,
}

/// Text a document brought for a section whose current text the office wrote or settled.
#[derive(Debug, Clone, Serialize)]
pub struct SectionOffer {
    pub section: String,
    pub text: String,
    pub source_file: String,
    pub source_place: String,
    pub offered_at: String,
}

/// A part's key and the text the office keeps for it now.
pub(super) struct KeptText {
    pub key: String,
    pub text: String,
}

/// Every part of a report the sections table holds for an agency's year.
pub(super) fn rows_of(conn: &Connection, agency_id: i64, year: i32) -> Result<Vec<KeptText>> {
    let mut st = conn.prepare_cached("SELECT section, text FROM sections WHERE agency_id = ?1 AND year = ?2")?;
    let rows = st.query_map(params![agency_id, year], |r| Ok(KeptText { key: r.get(0)?, text: r.get(1)? }))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

fn current(conn: &Connection, agency_id: i64, year: i32, key: &str) -> Result<Option<SectionRow>> {
    let sql =
        format!("SELECT {} FROM sections WHERE agency_id = ?1 AND year = ?2 AND section = ?3", SectionRow::COLUMNS);
    Ok(conn.prepare_cached(&sql)?.query_row(params![agency_id, year, key], SectionRow::from_row).optional()?)
}

/// Makes `text` the section's current text; a different earlier text goes to the history.
fn replace(
    conn: &Connection,
    agency_id: i64,
    year: i32,
    key: &str,
    state: SectionState,
    text: &str,
    source: (&str, &str),
) -> Result<()> {
    if let Some(old) = current(conn, agency_id, year, key)? {
        if old.text != text && !old.text.trim().is_empty() {
            conn.prepare_cached(
                "INSERT INTO section_history (agency_id, year, section, state, text, source_file, source_place)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                agency_id,
                year,
                key,
                old.state,
                old.text,
                old.source_file,
                old.source_place
            ])?;
        }
    }
    conn.prepare_cached(
        "INSERT INTO sections (agency_id, year, section, state, text, source_file, source_place) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (agency_id, year, section) DO UPDATE SET state = ?4, text = ?5, source_file = ?6, source_place = ?7,
             updated_at = datetime('now', 'localtime')",
    )?
    .execute(params![agency_id, year, key, state, text, source.0, source.1])?;
    Ok(())
}

/// Stores the sections a document brought, inside the import's transaction. A section that is
/// empty, still to write, or holds an earlier document's text unchanged takes the new text as a
/// 草稿; one the office wrote, edited or settled keeps its text and the document's is offered.
/// Returns (taken, offered).
pub(super) fn take_document(
    conn: &Connection,
    agency_id: i64,
    year: i32,
    file: &str,
    doc: &Document,
) -> Result<(usize, usize)> {
    let (mut taken, mut offered) = (0, 0);
    for s in &doc.sections {
        let text = crate::text::strip_invisible(&s.text);
        let existing = current(conn, agency_id, year, &s.key)?;
        let office_owns = existing.as_ref().is_some_and(|e| {
            !e.text.trim().is_empty()
                && e.state != SectionState::Todo
                && (e.source_file.is_empty() || e.state == SectionState::Final)
        });
        // The same text again (spaces, line breaks and full-width forms aside): nothing to take and
        // nothing to offer, and an offer of an earlier import is moot.
        if existing.as_ref().is_some_and(|e| crate::text::norm(&e.text) == crate::text::norm(&text)) {
            conn.prepare_cached("DELETE FROM section_offers WHERE agency_id = ?1 AND year = ?2 AND section = ?3")?
                .execute(params![agency_id, year, s.key])?;
            continue;
        }
        if office_owns {
            conn.prepare_cached(
                "INSERT INTO section_offers (agency_id, year, section, text, source_file, source_place) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (agency_id, year, section) DO UPDATE SET text = ?4, source_file = ?5, source_place = ?6,
                     offered_at = datetime('now', 'localtime')",
            )?
            .execute(params![agency_id, year, s.key, text, file, s.place])?;
            offered += 1;
        } else {
            replace(conn, agency_id, year, &s.key, SectionState::Draft, &text, (file, &s.place))?;
            taken += 1;
        }
    }
    Ok((taken, offered))
}

impl Store {
    /// A report section's current text; agency 0 is the county's own report.
    pub fn section(&self, agency_id: i64, year: i32, key: &str) -> Result<Option<SectionRow>> {
        current(&self.conn, agency_id, year, key)
    }

    /// The office sets a section's text and state; the earlier text goes to the history.
    pub fn set_section(&self, agency_id: i64, year: i32, key: &str, state: SectionState, text: &str) -> Result<()> {
        if text.chars().count() > 200_000 {
            return Err(StoreError::Invalid("一个章节的文字不能超过 20 万字。".into()));
        }
        let text = crate::text::strip_invisible(text);
        // Settling or re-stating a document's text unchanged keeps where it came from.
        let source = match current(&self.conn, agency_id, year, key)? {
            Some(old) if old.text == text => (old.source_file, old.source_place),
            _ => (String::new(), String::new()),
        };
        replace(&self.conn, agency_id, year, key, state, &text, (&source.0, &source.1))
    }

    /// The agency's versions that count in a year checked again (after the office changed a part's
    /// text: its findings are about the text the office keeps now).
    pub fn recheck_year(&self, agency_id: i64, year: i32) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        let store = super::returns::Db(&tx);
        let figures = store.current_return_id(agency_id, year)?;
        let document = store.current_document_id(agency_id, year)?;
        for id in figures.into_iter().chain(document.filter(|d| Some(*d) != figures)) {
            store.recheck_stored(id)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Every earlier text of a section, newest first.
    pub fn section_history(&self, agency_id: i64, year: i32, key: &str) -> Result<Vec<SectionHistory>> {
        let sql = format!(
            "SELECT {} FROM section_history WHERE agency_id = ?1 AND year = ?2 AND section = ?3 ORDER BY id DESC",
            SectionHistory::COLUMNS
        );
        rows(&mut *self.conn.prepare_cached(&sql)?, params![agency_id, year, key])
    }

    /// Texts documents brought that wait for the office's choice, for an agency and year.
    pub fn section_offers(&self, agency_id: i64, year: i32) -> Result<Vec<SectionOffer>> {
        let sql = format!(
            "SELECT {} FROM section_offers WHERE agency_id = ?1 AND year = ?2 ORDER BY section",
            SectionOffer::COLUMNS
        );
        rows(&mut *self.conn.prepare_cached(&sql)?, params![agency_id, year])
    }

    /// The office's choice on an offered text: take it (the current text goes to the history) or
    /// keep its own (the offer is dropped).
    pub fn resolve_offer(&mut self, agency_id: i64, year: i32, key: &str, take: bool) -> Result<()> {
        let tx = self.conn.transaction()?;
        let offer: Option<(String, String, String)> = tx
            .query_row(
                "SELECT text, source_file, source_place FROM section_offers WHERE agency_id = ?1 AND year = ?2 AND section = ?3",
                params![agency_id, year, key],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((text, file, place)) = offer else {
            return Err(StoreError::NotFound("这一章节没有待选择的导入文字。".into()));
        };
        if take {
            replace(&tx, agency_id, year, key, SectionState::Draft, &text, (&file, &place))?;
        }
        tx.execute(
            "DELETE FROM section_offers WHERE agency_id = ?1 AND year = ?2 AND section = ?3",
            params![agency_id, year, key],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// How many sections of a year came from documents and are still as imported: 总览 and
    /// `sections` count what the documents brought.
    pub fn imported_section_counts(&self, year: i32) -> Result<std::collections::HashMap<i64, usize>> {
        let mut st = self.conn.prepare_cached(
            "SELECT agency_id, count(*) FROM sections WHERE year = ?1 AND source_file != '' GROUP BY agency_id",
        )?;
        let rows = st.query_map([year], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as usize)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
