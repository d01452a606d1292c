//! Names the office assigned to a roster entry (泗水县商务局 → 示范县商务局, chosen at an import or
//! with `agencies alias`): remembered, so every later import — the app's and the command line's —
//! maps the same name the same way. One row a name, kept by its normalised form; matching reads them
//! through the roster index (roster_index.rs), with the roster's own names.

use super::{Result, Store, StoreError};
use crate::model::Agency;
use crate::text::norm;
use rusqlite::params;

/// An alias and the roster entry it maps to.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Alias {
    pub alias: String,
    pub agency: String,
}

impl Store {
    /// Remembers that `name` (as files write it) is the roster's `agency`.
    pub fn add_alias(&mut self, name: &str, agency: &str) -> Result<Agency> {
        let key = norm(&crate::text::strip_invisible(name));
        if key.is_empty() {
            return Err(StoreError::Invalid("别名不能为空。".into()));
        }
        let target =
            self.agency_by_name(agency)?.ok_or_else(|| StoreError::NotFound(format!("名册里没有“{agency}”。")))?;
        if norm(&target.name) == key {
            return Ok(target);
        }
        self.conn.execute(
            "INSERT INTO agency_aliases (alias, agency_id) VALUES (?1, ?2)
             ON CONFLICT(alias) DO UPDATE SET agency_id = excluded.agency_id",
            params![key, target.id],
        )?;
        self.roster = None;
        Ok(target)
    }

    /// Every alias, by the agency it maps to.
    pub fn aliases(&self) -> Result<Vec<Alias>> {
        let mut st = self.conn.prepare_cached(
            "SELECT x.alias, a.name FROM agency_aliases x JOIN agencies a ON a.id = x.agency_id ORDER BY a.id, x.alias",
        )?;
        let rows = st.query_map([], |r| Ok(Alias { alias: r.get(0)?, agency: r.get(1)? }))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
