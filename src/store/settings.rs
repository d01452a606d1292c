//! The county's own identity, set once by the office: its name, the compiling office, address,
//! telephone and portal. The county report is titled and signed with these.

use super::{Result, Store, StoreError};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export_to = "../../ui/src/bindings/"))]
pub struct CountyInfo {
    /// 沂水县
    pub name: String,
    /// 沂水县人民政府办公室
    pub office: String,
    pub address: String,
    pub phone: String,
    pub website: String,
    /// Leave the 统计表 out of the county's report while only some agencies have filed it (rather
    /// than show it as "N 个单位合计，共 M 个单位").
    #[serde(default)]
    pub leave_out_partial_stats: bool,
}

impl CountyInfo {
    pub fn is_set(&self) -> bool {
        !self.name.trim().is_empty()
    }
}

const FIELDS: &[&str] = &["county.name", "county.office", "county.address", "county.phone", "county.website"];
/// What the county report does with a 统计表 only some agencies filed: "show" (labelled) or "leave_out".
const PARTIAL_STATS: &str = "county.partial_stats";
const LEAVE_OUT: &str = "leave_out";

impl Store {
    /// The county's identity; empty fields where the office has not set it yet.
    pub fn county_info(&self) -> Result<CountyInfo> {
        let mut v = Vec::new();
        for key in FIELDS {
            let value: Option<String> = self
                .conn
                .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
                .query_row([key], |r| r.get(0))
                .optional()?;
            v.push(value.unwrap_or_default());
        }
        let [name, office, address, phone, website]: [String; 5] = v.try_into().expect("five fields");
        let leave_out: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([PARTIAL_STATS], |r| r.get(0))
            .optional()?;
        let leave_out_partial_stats = leave_out.as_deref() == Some(LEAVE_OUT);
        Ok(CountyInfo { name, office, address, phone, website, leave_out_partial_stats })
    }

    pub fn set_county_info(&mut self, info: &CountyInfo) -> Result<()> {
        // The roster index holds the county's name for telling another county's files.
        self.roster = None;
        let clean = crate::text::one_line;
        let name = clean(&info.name);
        if name.is_empty() || name.chars().count() > 40 {
            return Err(StoreError::Invalid("县（市、区）名称不能为空，也不能超过 40 个字。".into()));
        }
        let values = [name, clean(&info.office), clean(&info.address), clean(&info.phone), clean(&info.website)];
        if values.iter().any(|v| v.chars().count() > 200) {
            return Err(StoreError::Invalid("每一项不能超过 200 个字。".into()));
        }
        let tx = self.conn.transaction()?;
        let partial = if info.leave_out_partial_stats { LEAVE_OUT } else { "show" }.to_string();
        for (key, value) in FIELDS.iter().chain([&PARTIAL_STATS]).zip(values.into_iter().chain([partial])) {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
                params![key, value],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

impl super::Db<'_> {
    /// One setting's value, None where never set.
    pub(super) fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .0
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }
}

impl Store {
    /// One setting's value, None where never set.
    pub(super) fn setting(&self, key: &str) -> Result<Option<String>> {
        self.db().setting(key)
    }

    /// Keeps one setting; an empty value removes it.
    pub(super) fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        if value.is_empty() {
            self.conn.execute("DELETE FROM settings WHERE key = ?1", [key])?;
        } else {
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
        }
        Ok(())
    }
}

/// The office's own words that mark something new in an agency's text, beside the built-in ones.
const NEW_WORDS: &str = "sources.new_words";

impl Store {
    /// The words the office added to those that mark something new (one list, in its order).
    pub fn own_new_words(&self) -> Result<Vec<String>> {
        let v: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([NEW_WORDS], |r| r.get(0))
            .optional()?;
        Ok(v.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
    }

    /// Keeps the office's words that mark something new.
    pub fn set_own_new_words(&self, words: &[String]) -> Result<()> {
        let clean: Vec<String> = words
            .iter()
            .map(|w| crate::text::one_line(w).trim().to_string())
            .filter(|w| !w.is_empty() && w.chars().count() <= 20)
            .collect();
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![NEW_WORDS, serde_json::to_string(&clean).unwrap_or_default()],
        )?;
        Ok(())
    }
}
