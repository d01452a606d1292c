//! The roster: the county's agencies, their kind, contact person and telephone.

use super::{Result, Store, StoreError};
use crate::model::{Agency, AgencyKind, MatchKind};
use rusqlite::{params, OptionalExtension};

/// The columns [`row_to_agency`] reads, in its order.
pub(super) const AGENCY_COLS: &str = "id, name, kind, retired, contact, phone";

pub(super) fn row_to_agency(r: &rusqlite::Row) -> rusqlite::Result<Agency> {
    row_to_agency_at(r, 0)
}

/// An agency from six columns starting at `at` (a join puts it after other columns).
pub(super) fn row_to_agency_at(r: &rusqlite::Row, at: usize) -> rusqlite::Result<Agency> {
    Ok(Agency {
        id: r.get(at)?,
        name: r.get(at + 1)?,
        kind: r.get(at + 2)?,
        retired: r.get(at + 3)?,
        contact: r.get(at + 4)?,
        phone: r.get(at + 5)?,
    })
}

/// How a name was found in the roster: the entry (none for a new name or another county's) and how.
#[derive(Debug, Clone)]
pub struct AgencyMatch {
    pub agency: Option<Agency>,
    pub kind: MatchKind,
    /// The other county, city or district the name begins with, for [`MatchKind::OtherCounty`].
    pub place: Option<String>,
}

/// A name as the roster keeps it: no control or bidirectional characters, trimmed, 1–100 chars.
fn clean_agency_name(name: &str) -> Result<String> {
    // Stored composed (NFC), so a name typed decomposed is the same agency.
    let cleaned = crate::text::nfc(&crate::text::strip_invisible(name)).into_owned();
    let name = cleaned.trim();
    if name.is_empty() {
        return Err(StoreError::Invalid("单位名称不能为空。".into()));
    }
    if name.chars().count() > 100 {
        return Err(StoreError::Invalid("单位名称不能超过 100 个字。".into()));
    }
    Ok(name.to_string())
}

impl Store {
    pub fn agencies(&self, include_retired: bool) -> Result<Vec<Agency>> {
        let sql = format!("SELECT {AGENCY_COLS} FROM agencies WHERE retired = 0 OR ?1 ORDER BY kind, id");
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map([include_retired], row_to_agency)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn agency_by_name(&self, name: &str) -> Result<Option<Agency>> {
        let sql = format!("SELECT {AGENCY_COLS} FROM agencies WHERE name = ?1");
        let name = crate::text::nfc(name.trim());
        Ok(self.conn.prepare_cached(&sql)?.query_row([name.as_ref()], row_to_agency).optional()?)
    }

    pub fn agency_by_id(&self, id: i64) -> Result<Option<Agency>> {
        let sql = format!("SELECT {AGENCY_COLS} FROM agencies WHERE id = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], row_to_agency).optional()?)
    }

    /// Adds an agency to the roster. Returns it and whether it was added (false: it was there).
    pub fn add_agency(&mut self, name: &str, kind: AgencyKind) -> Result<(Agency, bool)> {
        let name = clean_agency_name(name)?;
        if let Some(a) = self.agency_by_name(&name)? {
            return Ok((a, false));
        }
        self.conn.execute("INSERT INTO agencies (name, kind) VALUES (?1, ?2)", params![name, kind])?;
        self.roster = None;
        let a = Agency {
            id: self.conn.last_insert_rowid(),
            name,
            kind,
            retired: false,
            contact: String::new(),
            phone: String::new(),
        };
        Ok((a, true))
    }

    pub fn rename_agency(&mut self, old: &str, new: &str) -> Result<()> {
        let new = clean_agency_name(new)?;
        if self.agency_by_name(&new)?.is_some() {
            return Err(StoreError::Invalid(format!("名册里已有“{new}”。")));
        }
        self.update_agency(old, "UPDATE agencies SET name = ?2 WHERE name = ?1", &new)
    }

    /// Retires an agency (it is no longer asked to report) or brings it back; retiring this way
    /// keeps every year it reported counting. See [`Store::retire_from`].
    pub fn set_retired(&mut self, name: &str, retired: bool) -> Result<()> {
        self.update_agency(
            name,
            "UPDATE agencies SET retired = ?2, retired_from = CASE WHEN ?2 THEN retired_from END WHERE name = ?1",
            &retired,
        )
    }

    /// Retires an agency from `year` on: it is no longer asked to report, and whatever it sent for
    /// `year` or later no longer counts (a merged or abolished agency); the returns it sent for
    /// earlier years still count in those years.
    pub fn retire_from(&mut self, name: &str, year: i32) -> Result<()> {
        self.update_agency(name, "UPDATE agencies SET retired = 1, retired_from = ?2 WHERE name = ?1", &year)
    }

    /// The year from which an agency no longer reports, when it was retired from a year.
    pub fn retired_from(&self, agency_id: i64) -> Result<Option<i32>> {
        Ok(self
            .conn
            .prepare_cached("SELECT retired_from FROM agencies WHERE id = ?1")?
            .query_row([agency_id], |r| r.get(0))
            .optional()?
            .flatten())
    }

    pub fn set_kind(&mut self, name: &str, kind: AgencyKind) -> Result<()> {
        self.update_agency(name, "UPDATE agencies SET kind = ?2 WHERE name = ?1", &kind)
    }

    /// Sets the contact person and telephone the chase list prints.
    pub fn set_contact(&mut self, name: &str, contact: &str, phone: &str) -> Result<()> {
        let contact = crate::text::strip_invisible(contact).trim().to_string();
        let phone = crate::text::strip_invisible(phone).trim().to_string();
        if contact.chars().count() > 50 || phone.chars().count() > 50 {
            return Err(StoreError::Invalid("联系人和电话各不能超过 50 个字。".into()));
        }
        self.roster = None;
        let n = self
            .conn
            .execute("UPDATE agencies SET contact = ?2, phone = ?3 WHERE name = ?1", params![name, contact, phone])?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("名册里没有“{name}”。")));
        }
        Ok(())
    }

    fn update_agency(&mut self, name: &str, sql: &str, value: &dyn rusqlite::ToSql) -> Result<()> {
        self.roster = None;
        if self.conn.execute(sql, params![name, value])? == 0 {
            return Err(StoreError::NotFound(format!("名册里没有“{name}”。")));
        }
        Ok(())
    }

    /// The roster entry a name from a file or title refers to: the same name, or the one roster
    /// name that contains it or that it contains ("商务局" and "泗水县商务局").
    pub fn match_agency(&mut self, name: &str) -> Result<Option<Agency>> {
        Ok(self.match_name(name)?.agency)
    }

    /// How a name from a file or title is found in the roster, in this order: the roster's own
    /// name; a name the office assigned (an alias); a name of another county, city or district than
    /// the office's own (held, matched to nothing); the one close roster name; else a new agency.
    pub fn match_name(&mut self, name: &str) -> Result<AgencyMatch> {
        // Through the in-memory index (roster, aliases, the county's name; rebuilt whenever the
        // database changed): matching is asked for every file of a batch.
        let found = |agency: Agency, kind| Ok(AgencyMatch { agency: Some(agency), kind, place: None });
        let index = self.roster_index()?;
        if let Some(a) = index.find_exact(name) {
            return found(a, MatchKind::Exact);
        }
        if let Some(a) = index.alias(name) {
            return found(a, MatchKind::Alias);
        }
        if let Some(place) = crate::text::other_place(name, &index.county) {
            return Ok(AgencyMatch { agency: None, kind: MatchKind::OtherCounty, place: Some(place) });
        }
        match index.find(name) {
            Some(a) => found(a, MatchKind::Close),
            None => Ok(AgencyMatch { agency: None, kind: MatchKind::New, place: None }),
        }
    }

    pub(super) fn roster_index(&mut self) -> Result<&mut super::RosterIndex> {
        let stale = match &self.roster {
            Some(idx) => !idx.is_current(&self.conn)?,
            None => true,
        };
        if stale {
            self.roster = Some(super::RosterIndex::build(&self.conn)?);
        }
        Ok(self.roster.as_mut().expect("built above"))
    }
}
