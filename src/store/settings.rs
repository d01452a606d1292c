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
}

impl CountyInfo {
    pub fn is_set(&self) -> bool {
        !self.name.trim().is_empty()
    }
}

const FIELDS: &[&str] = &["county.name", "county.office", "county.address", "county.phone", "county.website"];

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
        Ok(CountyInfo { name, office, address, phone, website })
    }

    pub fn set_county_info(&mut self, info: &CountyInfo) -> Result<()> {
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
        for (key, value) in FIELDS.iter().zip(values) {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
                params![key, value],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
