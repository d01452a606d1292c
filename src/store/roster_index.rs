//! Matching a name from a file or a title to the roster without reading the whole roster for every
//! return: a province's roster has thousands of agencies and a batch imports thousands of returns.
//! Exact names go through SQLite's index; the looser matches ("商务局" for "泗水县商务局", or the
//! other way round) go through this in-memory index, rebuilt whenever another connection has
//! changed the database (PRAGMA data_version) or this one changed the roster other than by import.

use super::roster::{row_to_agency, AGENCY_COLS};
use super::Result;
use crate::model::Agency;
use crate::text::norm;
use rusqlite::{Connection, OptionalExtension};
use std::collections::{BTreeMap, HashMap};

pub(super) struct RosterIndex {
    data_version: i64,
    by_norm: HashMap<String, Agency>,
    /// Names the office assigned to an agency (`agency_aliases`), by their normalised form.
    aliases: HashMap<String, Agency>,
    /// The office's county (settings), for telling another county's names. Until the office sets
    /// it, the county the roster's names begin with (the most of them; else the first agency
    /// stored that names one): another county's returns are held, not counted, from the start.
    pub county: String,
    /// `county` is the roster's, not the office's setting.
    implied: bool,
    /// Normalised names written backwards: the names ending with a text are one range of keys.
    reversed: BTreeMap<String, String>,
}

fn reverse(s: &str) -> String {
    s.chars().rev().collect()
}

pub(super) fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
}

impl RosterIndex {
    pub fn build(conn: &Connection) -> Result<RosterIndex> {
        let county: Option<String> =
            conn.query_row("SELECT value FROM settings WHERE key = 'county.name'", [], |r| r.get(0)).optional()?;
        let mut idx = RosterIndex {
            data_version: data_version(conn)?,
            by_norm: HashMap::new(),
            aliases: HashMap::new(),
            implied: county.as_deref().is_none_or(str::is_empty),
            county: county.unwrap_or_default(),
            reversed: BTreeMap::new(),
        };
        let mut st = conn.prepare(&format!("SELECT {AGENCY_COLS} FROM agencies"))?;
        for a in st.query_map([], row_to_agency)? {
            idx.insert(a?);
        }
        let cols = AGENCY_COLS.split(", ").map(|c| format!("a.{c}")).collect::<Vec<_>>().join(", ");
        let mut st = conn
            .prepare(&format!("SELECT x.alias, {cols} FROM agency_aliases x JOIN agencies a ON a.id = x.agency_id"))?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, super::roster::row_to_agency_at(r, 1)?)))?;
        for row in rows {
            let (alias, a) = row?;
            idx.aliases.insert(alias, a);
        }
        if idx.implied {
            idx.county = idx.roster_county().unwrap_or_default();
        }
        Ok(idx)
    }

    pub fn is_current(&self, conn: &Connection) -> Result<bool> {
        Ok(self.data_version == data_version(conn)?)
    }

    /// Whether the county is only the roster's (the office has not set one).
    pub fn county_implied(&self) -> bool {
        self.implied
    }

    /// The county most of the roster's active names begin with.
    fn roster_county(&self) -> Option<String> {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for a in self.by_norm.values().filter(|a| !a.retired) {
            if let Some(p) = crate::text::leading_places(&a.name).into_iter().next() {
                *counts.entry(p).or_insert(0) += 1;
            }
        }
        counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(p, _)| p)
    }

    pub fn insert(&mut self, a: Agency) {
        if self.implied && self.county.is_empty() {
            self.county = crate::text::leading_places(&a.name).into_iter().next().unwrap_or_default();
        }
        let n = norm(&a.name);
        self.reversed.insert(reverse(&n), n.clone());
        self.by_norm.insert(n, a);
    }

    /// The roster entry the office assigned the name to.
    pub fn alias(&self, name: &str) -> Option<Agency> {
        self.aliases.get(&norm(name)).cloned()
    }

    /// The roster entry of the same name once normalised.
    pub fn find_exact(&self, name: &str) -> Option<Agency> {
        self.by_norm.get(&norm(name)).cloned()
    }

    /// The one roster entry the name refers to: the same name once normalised, or the only entry
    /// whose name ends with it, or that it ends with (names of three characters or more).
    pub fn find(&self, name: &str) -> Option<Agency> {
        let n = norm(name);
        if let Some(a) = self.by_norm.get(&n) {
            return Some(a.clone());
        }
        if n.chars().count() < 3 {
            return None;
        }
        let mut found: Vec<&str> = Vec::new();
        let rn = reverse(&n);
        for (k, v) in self.reversed.range(rn.clone()..) {
            if !k.starts_with(&rn) || found.len() > 1 {
                break;
            }
            found.push(v);
        }
        for (i, _) in n.char_indices().skip(1) {
            let suffix = &n[i..];
            if suffix.chars().count() >= 3 && self.by_norm.contains_key(suffix) && !found.contains(&suffix) {
                found.push(suffix);
            }
        }
        match found.as_slice() {
            [one] => self.by_norm.get(*one).cloned(),
            _ => None,
        }
    }
}
