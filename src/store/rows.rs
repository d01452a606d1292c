//! Each record the store reads, mapped from its row in one place: the columns a query selects for
//! it (`COLUMNS`, in order) and how they become the record (`from_row`). A query is its SQL around
//! `T::COLUMNS` and `rows::<T>`; no record is mapped twice.

use super::corrections::Correction;
use super::publications::Publication;
use super::review::{Letter, StateChange};
use super::sections::{SectionHistory, SectionOffer, SectionRow};
use super::Result;
use crate::model::Finding;
use rusqlite::{Params, Row, Statement};

pub(crate) trait FromRow: Sized {
    /// The columns the record is read from, in `from_row`'s order.
    const COLUMNS: &'static str;
    fn from_row(r: &Row) -> rusqlite::Result<Self>;
}

/// Every row a prepared statement gives, as records.
pub(crate) fn rows<T: FromRow>(st: &mut Statement, params: impl Params) -> Result<Vec<T>> {
    Ok(st.query_map(params, T::from_row)?.collect::<std::result::Result<_, _>>()?)
}

/// A JSON list of strings as the store keeps a finding's cells and places.
fn strings(r: &Row, i: usize) -> rusqlite::Result<Vec<String>> {
    Ok(serde_json::from_str(&r.get::<_, String>(i)?).unwrap_or_default())
}

impl FromRow for Finding {
    const COLUMNS: &'static str = "rule, cells, refs, message";
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(Finding { rule: r.get(0)?, cells: strings(r, 1)?, refs: strings(r, 2)?, message: r.get(3)? })
    }
}

impl FromRow for Correction {
    const COLUMNS: &'static str = "figure, old_value, old_raw, new_value, who, at, note";
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(Correction {
            figure: r.get(0)?,
            old_value: r.get(1)?,
            old_raw: r.get(2)?,
            new_value: r.get(3)?,
            who: r.get(4)?,
            at: r.get(5)?,
            note: r.get(6)?,
        })
    }
}

impl FromRow for StateChange {
    const COLUMNS: &'static str = "state, round, date, url, note, at";
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(StateChange {
            state: r.get(0)?,
            round: r.get(1)?,
            date: r.get(2)?,
            url: r.get(3)?,
            note: r.get(4)?,
            at: r.get(5)?,
        })
    }
}

impl FromRow for Letter {
    const COLUMNS: &'static str = "round, date, return_id, findings, at";
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(Letter { round: r.get(0)?, date: r.get(1)?, return_id: r.get(2)?, findings: r.get(3)?, at: r.get(4)? })
    }
}

impl FromRow for SectionRow {
    const COLUMNS: &'static str = "state, text, updated_at, source_file, source_place";
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(SectionRow {
            state: r.get(0)?,
            text: r.get(1)?,
            updated_at: r.get(2)?,
            source_file: r.get(3)?,
            source_place: r.get(4)?,
        })
    }
}

impl FromRow for SectionHistory {
    const COLUMNS: &'static str = "state, text, source_file, source_place, until";
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(SectionHistory {
            state: r.get(0)?,
            text: r.get(1)?,
            source_file: r.get(2)?,
            source_place: r.get(3)?,
            until: r.get(4)?,
        })
    }
}

impl FromRow for SectionOffer {
    const COLUMNS: &'static str = "section, text, source_file, source_place, offered_at";
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(SectionOffer {
            section: r.get(0)?,
            text: r.get(1)?,
            source_file: r.get(2)?,
            source_place: r.get(3)?,
            offered_at: r.get(4)?,
        })
    }
}

impl FromRow for Publication {
    const COLUMNS: &'static str =
        "url, date, date_source, late_days, compared_with, accepted, differences, sections, identity, page, at";
    fn from_row(r: &Row) -> rusqlite::Result<Self> {
        Ok(Publication {
            url: r.get(0)?,
            date: r.get(1)?,
            date_source: r.get(2)?,
            late_days: r.get(3)?,
            compared_with: r.get(4)?,
            accepted: r.get(5)?,
            differences: serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or_default(),
            sections_differ: strings(r, 7)?,
            identity: r.get(8)?,
            page: r.get(9)?,
            at: r.get(10)?,
        })
    }
}
