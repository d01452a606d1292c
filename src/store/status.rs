//! Where the year stands in the store: every agency with the version that counts, and the sums
//! of every figure over the versions that count.

use super::returns::{unreadable, StoredValue};
use super::roster::{row_to_agency_at, AGENCY_COLS};
use super::{Result, Store};
use crate::forms::{Format, Table};
use crate::model::Agency;
use serde::Serialize;

/// One agency's line in the year's status.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyStatus {
    pub agency: Agency,
    /// The return whose figures count (the workbook, or the document when no workbook came).
    pub return_id: Option<i64>,
    pub file_name: Option<String>,
    pub imported_at: Option<String>,
    pub format: Option<Format>,
    /// Open findings of the return and of the agency's report document.
    pub findings: usize,
    /// The agency's current report document, if one was imported.
    pub document: Option<String>,
    /// The tables the return that counts holds (the 统计表 is filed by some agencies only).
    pub tables: Vec<Table>,
    /// The agency is asked to report this year: in the roster, or retired only from a later year.
    pub expected: bool,
}

/// One figure summed over the returns that count in a year.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureSum {
    pub id: String,
    pub sum: f64,
    /// How many of those returns have a readable value for it.
    pub returns: i64,
}

impl Store {
    /// Every active agency of the roster with its return of the year, if any, and its findings
    /// (those of its return and of its report document).
    pub fn status(&self, year: i32) -> Result<Vec<AgencyStatus>> {
        let sql = format!(
            "SELECT {cols}, r.id, r.file_name, r.imported_at, r.format,
                    (SELECT count(*) FROM findings f JOIN returns x ON x.id = f.return_id
                      WHERE x.agency_id = a.id AND x.year = ?1 AND x.current = 1 AND {open}),
                    (SELECT d.file_name FROM returns d WHERE d.agency_id = a.id AND d.year = ?1
                      AND d.current = 1 AND d.source != 'workbook'),
                    r.tables,
                    a.retired = 0 OR ?1 < a.retired_from
             FROM agencies a LEFT JOIN figure_returns r ON r.agency_id = a.id AND r.year = ?1
             WHERE a.retired = 0 OR r.id IS NOT NULL OR ?1 < a.retired_from
             ORDER BY a.kind, a.id",
            cols = AGENCY_COLS.split(", ").map(|c| format!("a.{c}")).collect::<Vec<_>>().join(", "),
            open = super::review::open_condition("a.id", "?1")
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map([year], |r| {
            Ok(AgencyStatus {
                agency: row_to_agency_at(r, 0)?,
                return_id: r.get(6)?,
                file_name: r.get(7)?,
                imported_at: r.get(8)?,
                format: r.get(9)?,
                findings: r.get::<_, i64>(10)? as usize,
                document: r.get(11)?,
                tables: r
                    .get::<_, Option<String>>(12)?
                    .map(|t| t.split(',').filter_map(Table::from_code).collect())
                    .unwrap_or_default(),
                expected: r.get::<_, Option<bool>>(13)?.unwrap_or(false),
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Sums of every figure over the returns that count in a year.
    /// Every figure is summed under its id on the year's form: a return on the other form has its
    /// figures mapped once, by `forms::on_form` (2019's （六）其他处理 → （六）3.其他, 本年新制作数量 →
    /// 本年制发件数), so no figure of it is lost from the county's sums.
    pub fn figure_sums(&self, year: i32) -> Result<Vec<FigureSum>> {
        // Summed here rather than with GROUP BY: a province's year has millions of figures, and a
        // hash map over them is several times quicker than SQLite sorting them by id.
        let to = Format::for_year(year);
        let mut st = self.conn.prepare_cached("SELECT id, figure_data, format FROM figure_returns WHERE year = ?1")?;
        let mut sums: std::collections::HashMap<String, (f64, i64)> = std::collections::HashMap::new();
        let mut rows = st.query([year])?;
        while let Some(row) = rows.next()? {
            let return_id: i64 = row.get(0)?;
            let text = row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            let values: Vec<StoredValue> = serde_json::from_str(text).map_err(|e| unreadable(return_id, e))?;
            let from: Format = row.get(2)?;
            for StoredValue(id, value, ..) in values {
                let id = if from == to { id } else { std::borrow::Cow::Owned(crate::forms::on_form(&id, from, to)) };
                let e = match sums.get_mut(id.as_ref()) {
                    Some(e) => e,
                    None => sums.entry(id.into_owned()).or_insert((0.0, 0)),
                };
                if let Some(v) = value {
                    e.0 += v;
                    e.1 += 1;
                }
            }
        }
        Ok(sums.into_iter().map(|(id, (sum, returns))| FigureSum { id, sum, returns }).collect())
    }
}
