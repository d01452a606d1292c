//! The office's own 统计表 indicator tables, one per year from which it applies (a table saved
//! for 2022 also governs 2023 until another is saved). Without any, the national table applies.

use super::{Result, Store, StoreError};
use crate::forms::indicators::{IndicatorBook, IndicatorTable};
use rusqlite::{params, Connection, OptionalExtension};

/// The table a year follows, as saved (None: the national one).
pub(super) fn table_at(conn: &Connection, year: i32) -> Result<Option<IndicatorTable>> {
    let json: Option<String> = conn
        .prepare_cached("SELECT definition FROM indicator_tables WHERE year <= ?1 ORDER BY year DESC LIMIT 1")?
        .query_row([year], |r| r.get(0))
        .optional()?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

impl Store {
    /// The indicator table a year follows, and the year it was saved for (None: national).
    pub fn indicator_table(&self, year: i32) -> Result<(IndicatorTable, Option<i32>)> {
        let from: Option<i32> = self
            .conn
            .prepare_cached("SELECT year FROM indicator_tables WHERE year <= ?1 ORDER BY year DESC LIMIT 1")?
            .query_row([year], |r| r.get(0))
            .optional()?;
        Ok(match table_at(&self.conn, year)? {
            Some(t) => (t, from),
            None => (IndicatorTable::national(), None),
        })
    }

    /// Every saved table, for the importer to place each return's 统计表 on its year's.
    pub fn indicator_book(&self) -> Result<IndicatorBook> {
        let mut st = self.conn.prepare_cached("SELECT year, definition FROM indicator_tables ORDER BY year")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?)))?;
        let mut v = Vec::new();
        for row in rows {
            let (y, json) = row?;
            if let Ok(t) = serde_json::from_str(&json) {
                v.push((y, t));
            }
        }
        Ok(IndicatorBook::new(v))
    }

    /// Saves the office's table for a year (and the years after, until the next saved one).
    pub fn set_indicator_table(&mut self, year: i32, table: &IndicatorTable) -> Result<()> {
        if let Some(p) = table.problem() {
            return Err(StoreError::Invalid(p));
        }
        // Kept grouped by section, in the order given within each: the table prints and reads so.
        let mut table = table.clone();
        table.indicators.sort_by_key(|i| i.section);
        let json = serde_json::to_string(&table).map_err(|e| StoreError::Invalid(e.to_string()))?;
        self.conn.execute(
            "INSERT INTO indicator_tables (year, definition) VALUES (?1, ?2)
             ON CONFLICT (year) DO UPDATE SET definition = ?2, saved_at = datetime('now', 'localtime')",
            params![year, json],
        )?;
        Ok(())
    }

    /// Goes back to the national table from a year on (the saved table of that year removed).
    pub fn clear_indicator_table(&mut self, year: i32) -> Result<bool> {
        Ok(self.conn.execute("DELETE FROM indicator_tables WHERE year = ?1", [year])? > 0)
    }
}
