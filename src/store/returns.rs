//! Returns: every workbook and report document of an agency and year, the current one and the
//! history, their figures with where each came from, and their findings.

use super::corrections::{Correction, Superseded};
use super::rows::{rows, FromRow};
use super::{Result, Store, StoreError};
use crate::checks;
use crate::model::{Agency, AgencyKind, Figure, Finding, Format, Return, SourceKind, Table};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use std::path::Path;

/// A stored return, without its figures.
#[derive(Debug, Clone, Serialize)]
pub struct StoredReturn {
    pub id: i64,
    pub agency_id: i64,
    pub agency: String,
    pub year: i32,
    pub format: Format,
    pub file_name: String,
    pub imported_at: String,
    pub current: bool,
    pub findings: usize,
    pub source: SourceKind,
}

/// What an import did.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    pub return_id: i64,
    pub agency: String,
    pub agency_added: bool,
    pub year: i32,
    pub format: Format,
    pub source: SourceKind,
    pub figures: usize,
    /// True when an earlier return of this agency and year was kept as history.
    pub replaced_earlier: bool,
    /// The file holds what the current return of its kind already holds: nothing was stored.
    pub unchanged: bool,
    /// How the agency the file names was found in the roster.
    pub matched: crate::model::MatchKind,
    /// The agency as the file names it.
    pub file_agency: String,
    /// The office's corrections of the earlier version carried onto this one (the agency's file
    /// still had the value the office corrected).
    pub corrections_kept: usize,
    /// Corrections the agency's new file made moot, with the values.
    pub superseded: Vec<Superseded>,
    pub findings: Vec<Finding>,
    /// Sections a document brought that became the report's current text.
    pub sections_taken: usize,
    /// Sections a document brought for text the office had edited or settled: kept aside to choose.
    pub sections_offered: usize,
}

impl Store {
    /// Stores a return read by the importer: one transaction, all of it or none. The agency is
    /// matched to the roster (and added when new); an earlier return of the same agency and year
    /// is kept as history and this one becomes current. Checks run here, with last year's return
    /// from the store, and next year's return is re-checked against this one.
    pub fn import(&mut self, ret: &Return, file_path: Option<&Path>) -> Result<Imported> {
        let findings = checks::check(ret);
        self.import_checked(ret, file_path, findings)
    }

    /// [`Store::import`] with the return's own findings already worked out (a batch checks each
    /// return on its reading thread, so the storing thread only stores). A report document is kept
    /// beside the agency's workbook (each has its current version); its sections go to the report.
    pub fn import_checked(
        &mut self,
        ret: &Return,
        file_path: Option<&Path>,
        own_findings: Vec<Finding>,
    ) -> Result<Imported> {
        self.import_encoded(ret, &Encoded::of(ret), file_path, own_findings)
    }

    /// [`Store::import_checked`] with the return already encoded for storing ([`Encoded::of`], on
    /// the thread that read it).
    pub fn import_encoded(
        &mut self,
        ret: &Return,
        encoded: &Encoded,
        file_path: Option<&Path>,
        own_findings: Vec<Finding>,
    ) -> Result<Imported> {
        let (agency_name, year, matched) = self.agency_and_year(ret)?;
        // Taken out while the transaction runs; put back only if it commits.
        let mut index = self.roster.take();
        let tx = Unit::begin(&self.conn, self.in_batch)?;
        let (agency, added) = match matched.agency {
            Some(a) => (a, false),
            None => (add_agency(&tx, &agency_name, index.as_mut())?, true),
        };
        let store = Db(tx.conn);
        let earlier = store.current_of_kind(agency.id, year, ret.source)?;
        let mut done = Imported {
            return_id: 0,
            agency: agency.name.clone(),
            agency_added: added,
            year,
            format: ret.format,
            source: ret.source,
            figures: ret.figures.len(),
            replaced_earlier: false,
            unchanged: false,
            matched: matched.kind,
            file_agency: agency_name,
            findings: Vec::new(),
            sections_taken: 0,
            sections_offered: 0,
            corrections_kept: 0,
            superseded: Vec::new(),
        };
        // The same file again (or one with the same figures and sections): nothing replaced, the
        // office's corrections and sections untouched.
        if let Some(earlier) = earlier {
            if store.content_hash(earlier)? == encoded.hash {
                drop(tx);
                self.roster = index;
                done.return_id = earlier;
                done.unchanged = true;
                done.findings = self.db().findings(earlier)?;
                return Ok(done);
            }
        }
        let (return_id, replaced) = store.insert_return(agency.id, year, ret, encoded, file_path)?;
        (done.return_id, done.replaced_earlier) = (return_id, replaced);
        let mut findings = store.complete_findings(return_id, ret, agency.id, year, own_findings)?;
        store.insert_findings(return_id, ret, &findings)?;
        if let Some(earlier) = earlier {
            let (kept, superseded) = store.carry_corrections(earlier, return_id)?;
            if kept > 0 {
                findings = store.recheck(return_id)?;
            }
            (done.corrections_kept, done.superseded) = (kept, superseded);
        }
        if let Some(doc) = &ret.document {
            (done.sections_taken, done.sections_offered) =
                super::sections::take_document(tx.conn, agency.id, year, &ret.file, doc)?;
        }
        // The other kind's current version is compared with this one; next year's carried figures
        // depend on this year's.
        if let Some(other) = store.current_of_other_kind(agency.id, year, ret.source)? {
            store.recheck(other)?;
        }
        if let Some(next_id) = store.current_return_id(agency.id, year + 1)? {
            store.recheck(next_id)?;
        }
        // A new version after the office sent it back is the corrected report: 已重报待复核.
        super::review::on_new_version(tx.conn, agency.id, year, &ret.file)?;
        tx.commit()?;
        self.roster = index;
        done.findings = findings;
        Ok(done)
    }

    /// The agency a return names (as the roster matches it) and its year; a file of another county
    /// is held here, before anything is written.
    fn agency_and_year(&mut self, ret: &Return) -> Result<(String, i32, super::AgencyMatch)> {
        let agency_name: String = ret
            .agency
            .as_deref()
            .map(|a| crate::text::nfc(&crate::text::one_line(a)).into_owned())
            .filter(|a| !a.is_empty() && a.chars().count() <= 100)
            .ok_or_else(|| StoreError::Invalid(format!("“{}”没有可用的单位名称。", ret.file)))?;
        let year = ret.year.ok_or_else(|| StoreError::Invalid(format!("“{}”没有年度。", ret.file)))?;
        let matched = self.match_name(&agency_name)?;
        if let (crate::model::MatchKind::OtherCounty, Some(place)) = (matched.kind, &matched.place) {
            let index = self.roster_index()?;
            let county = if index.county_implied() {
                format!(
                    "尚未设置本县名称，名册中的单位属于{}；请先用“全县汇总”或 nianbao county set 设置本县",
                    index.county
                )
            } else {
                index.county.clone()
            };
            return Err(StoreError::OtherCounty {
                file: ret.file.clone(),
                name: agency_name,
                place: place.clone(),
                county,
            });
        }
        Ok((agency_name, year, matched))
    }

    /// Opens a batch: the imports that follow are stored in one transaction, each return a
    /// savepoint in it (a return that fails leaves the others), until [`Store::commit_batch`].
    /// One commit for many returns is what makes a county's batch quick; nothing of the batch is
    /// in the database before that commit, so a batch should be a few dozen returns.
    pub fn begin_batch(&mut self) -> Result<()> {
        if !self.in_batch {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.in_batch = true;
        }
        Ok(())
    }

    /// Commits the open batch. When the commit fails, nothing of the batch is stored.
    pub fn commit_batch(&mut self) -> Result<()> {
        if !std::mem::take(&mut self.in_batch) {
            return Ok(());
        }
        self.conn.execute_batch("COMMIT").map_err(|e| {
            let _ = self.conn.execute_batch("ROLLBACK");
            // The roster index may hold agencies the rollback took away.
            self.roster = None;
            StoreError::from(e)
        })
    }

    /// Every return of an agency and year, the current ones first, then history newest first.
    pub fn history(&self, agency_id: i64, year: i32) -> Result<Vec<StoredReturn>> {
        self.returns_where("returns r", "r.agency_id = ?1 AND r.year = ?2", params![agency_id, year])
    }

    /// The returns whose figures count in a year, one an agency.
    pub fn current_returns(&self, year: i32) -> Result<Vec<StoredReturn>> {
        self.returns_where("figure_returns r", "r.year = ?1", params![year])
    }

    fn returns_where(&self, from: &str, cond: &str, p: impl rusqlite::Params) -> Result<Vec<StoredReturn>> {
        let sql = format!(
            "SELECT r.id, r.agency_id, a.name, r.year, r.format, r.file_name, r.imported_at, r.current,
                    (SELECT count(*) FROM findings f WHERE f.return_id = r.id), r.source
             FROM {from} JOIN agencies a ON a.id = r.agency_id WHERE {cond}
             ORDER BY r.current DESC, r.id DESC"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(p, |r| {
            Ok(StoredReturn {
                id: r.get(0)?,
                agency_id: r.get(1)?,
                agency: r.get(2)?,
                year: r.get(3)?,
                format: r.get(4)?,
                file_name: r.get(5)?,
                imported_at: r.get(6)?,
                current: r.get(7)?,
                findings: r.get::<_, i64>(8)? as usize,
                source: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Takes an agency's current return (or, with `document`, its current report document) of a
    /// year out of the count: it stays in history, marked removed, and the version before it, if
    /// any, becomes current again. The county's sums, 总览 and exports follow at once.
    pub fn remove_current(&mut self, agency_id: i64, year: i32, document: bool) -> Result<StoredReturn> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let store = Db(&tx);
        let kind = if document { SourceKind::Word } else { SourceKind::Workbook };
        let id = store.current_of_kind(agency_id, year, kind)?.ok_or_else(|| {
            StoreError::NotFound(format!("{year} 年没有可撤销的{}。", if document { "报告文档" } else { "报表" }))
        })?;
        tx.execute("UPDATE returns SET current = 0, removed_at = strftime('%Y-%m-%d %H:%M:%f', 'now', 'localtime') WHERE id = ?1", [id])?;
        let previous: Option<i64> = tx
            .query_row(
                "SELECT id FROM returns WHERE agency_id = ?1 AND year = ?2 AND (source = 'workbook') = ?3
                   AND removed_at IS NULL AND id != ?4 ORDER BY id DESC LIMIT 1",
                params![agency_id, year, !document, id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(p) = previous {
            tx.execute("UPDATE returns SET current = 1 WHERE id = ?1", [p])?;
        }
        store.recheck_around(agency_id, year)?;
        tx.commit()?;
        self.stored_return(id)
    }

    /// Brings a removed (or any earlier) return back as the current one of its kind.
    pub fn restore_return(&mut self, return_id: i64) -> Result<StoredReturn> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let store = Db(&tx);
        let (agency_id, year, workbook): (i64, i32, bool) = tx
            .query_row("SELECT agency_id, year, source = 'workbook' FROM returns WHERE id = ?1", [return_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("编号为 {return_id} 的报表不存在。")))?;
        tx.execute(
            "UPDATE returns SET current = 0 WHERE agency_id = ?1 AND year = ?2 AND (source = 'workbook') = ?3 AND current = 1",
            params![agency_id, year, workbook],
        )?;
        tx.execute("UPDATE returns SET current = 1, removed_at = NULL WHERE id = ?1", [return_id])?;
        store.recheck_around(agency_id, year)?;
        tx.commit()?;
        self.stored_return(return_id)
    }

    /// One stored return, without its figures.
    pub fn stored_return(&self, id: i64) -> Result<StoredReturn> {
        self.returns_where("returns r", "r.id = ?1", [id])?
            .pop()
            .ok_or_else(|| StoreError::NotFound(format!("编号为 {id} 的报表不存在。")))
    }

    /// Whether the agency's current version of the kind `ret` is holds what `ret` holds.
    pub fn holds_same(&self, agency_id: i64, year: i32, ret: &Return) -> Result<bool> {
        let store = Db(&self.conn);
        match store.current_of_kind(agency_id, year, ret.source)? {
            Some(id) => Ok(store.content_hash(id)? == Encoded::of(ret).hash),
            None => Ok(false),
        }
    }

    /// When the office removed a return, if it did.
    pub fn removed_at(&self, return_id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT removed_at FROM returns WHERE id = ?1")?
            .query_row([return_id], |r| r.get(0))
            .optional()?
            .flatten())
    }
}

/// Adds the agency a return names to the roster (its kind guessed from its name), and to the
/// in-memory index when there is one.
fn add_agency(conn: &Connection, name: &str, index: Option<&mut super::RosterIndex>) -> Result<Agency> {
    let kind = AgencyKind::guess(name);
    conn.prepare_cached("INSERT INTO agencies (name, kind) VALUES (?1, ?2)")?.execute(params![name, kind])?;
    let a = Agency {
        id: conn.last_insert_rowid(),
        name: name.to_string(),
        kind,
        retired: false,
        contact: String::new(),
        phone: String::new(),
    };
    if let Some(idx) = index {
        idx.insert(a.clone());
    }
    Ok(a)
}

/// One id a query over (agency, year) gives, if any.
pub(super) fn one_id(conn: &Connection, sql: &str, agency_id: i64, year: i32) -> Result<Option<i64>> {
    Ok(conn.prepare_cached(sql)?.query_row(params![agency_id, year], |r| r.get(0)).optional()?)
}

pub(super) fn figure_data(conn: &Connection, return_id: i64) -> Result<String> {
    Ok(conn.prepare_cached("SELECT figure_data FROM returns WHERE id = ?1")?.query_row([return_id], |r| r.get(0))?)
}

/// The database as it stands or inside a transaction (a transaction is a connection): every query
/// is written once, on this type, in its table's file — the [`Store`] hands one out with
/// [`Store::db`], an import or a correction makes one over its transaction.
#[derive(Clone, Copy)]
pub struct Db<'a>(pub(super) &'a Connection);

impl Db<'_> {
    /// The return whose figures count for an agency and year.
    pub fn current_return_id(&self, agency_id: i64, year: i32) -> Result<Option<i64>> {
        one_id(self.0, "SELECT id FROM figure_returns WHERE agency_id = ?1 AND year = ?2", agency_id, year)
    }

    /// The agency's current report document for a year.
    pub fn current_document_id(&self, agency_id: i64, year: i32) -> Result<Option<i64>> {
        one_id(
            self.0,
            "SELECT id FROM returns WHERE agency_id = ?1 AND year = ?2 AND current = 1 AND source != 'workbook'",
            agency_id,
            year,
        )
    }

    /// A stored return with its figures, as the importer produced it.
    pub fn load_return(&self, return_id: i64) -> Result<Return> {
        type Head = (String, i32, Format, String, String, SourceKind, Option<String>);
        let (agency, year, format, tables, file, source, document): Head = self
            .0
            .prepare_cached(
                "SELECT a.name, r.year, r.format, r.tables, r.file_name, r.source, r.document
                 FROM returns r JOIN agencies a ON a.id = r.agency_id WHERE r.id = ?1",
            )?
            .query_row([return_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("没有编号为 {return_id} 的报表。")))?;
        let mut figures = figures_from_json(return_id, &figure_data(self.0, return_id)?)?;
        let indicators = super::indicators::table_at(self.0, year)?.map(std::sync::Arc::new);
        let table = indicators.as_deref().unwrap_or_else(|| crate::forms::indicators::national());
        figures.sort_by_cached_key(|f| crate::forms::figure_order(&f.id, format, table));
        Ok(Return {
            file,
            agency: Some(agency),
            year: Some(year),
            format,
            tables: tables.split(',').filter_map(Table::from_code).collect(),
            figures,
            source,
            document: document.and_then(|d| crate::model::Document::from_json(&d)),
            indicators,
            unplaced: Vec::new(),
            not_in_table: Vec::new(),
        })
    }

    pub fn findings(&self, return_id: i64) -> Result<Vec<Finding>> {
        let sql = format!("SELECT {} FROM findings WHERE return_id = ?1 ORDER BY id", Finding::COLUMNS);
        rows(&mut *self.0.prepare_cached(&sql)?, [return_id])
    }

    /// The hand corrections of a return, oldest first.
    pub fn corrections(&self, return_id: i64) -> Result<Vec<Correction>> {
        let sql = format!("SELECT {} FROM figure_edits WHERE return_id = ?1 ORDER BY id", Correction::COLUMNS);
        rows(&mut *self.0.prepare_cached(&sql)?, [return_id])
    }

    pub(super) fn current_workbook_id(&self, agency_id: i64, year: i32) -> Result<Option<i64>> {
        one_id(
            self.0,
            "SELECT id FROM returns WHERE agency_id = ?1 AND year = ?2 AND current = 1 AND source = 'workbook'",
            agency_id,
            year,
        )
    }

    /// The current version of the kind `source` is (a workbook, or a report document).
    pub fn current_of_kind(&self, agency_id: i64, year: i32, source: SourceKind) -> Result<Option<i64>> {
        if source.is_document() {
            self.current_document_id(agency_id, year)
        } else {
            self.current_workbook_id(agency_id, year)
        }
    }

    /// What a stored return's file said, as a hash: stored since migration 5, worked out for an
    /// older return from its figures with the office's corrections taken back.
    pub(super) fn content_hash(&self, return_id: i64) -> Result<String> {
        let stored: Option<String> = self
            .0
            .prepare_cached("SELECT content_hash FROM returns WHERE id = ?1")?
            .query_row([return_id], |r| r.get(0))?;
        if let Some(h) = stored {
            return Ok(h);
        }
        let mut ret = self.load_return(return_id)?;
        for c in self.corrections(return_id)?.into_iter().rev() {
            if let Some(f) = ret.figures.iter_mut().find(|f| f.id == c.figure) {
                (f.value, f.raw) = (c.old_value, c.old_raw);
            }
        }
        Ok(Encoded::of(&ret).hash)
    }

    /// The current document when `source` is a workbook, the current workbook when it is a document.
    pub(super) fn current_of_other_kind(&self, agency_id: i64, year: i32, source: SourceKind) -> Result<Option<i64>> {
        if source.is_document() {
            self.current_workbook_id(agency_id, year)
        } else {
            self.current_document_id(agency_id, year)
        }
    }

    /// Inserts the return (its earlier version of the same kind becomes history) and its figures.
    pub(super) fn insert_return(
        &self,
        agency_id: i64,
        year: i32,
        ret: &Return,
        encoded: &Encoded,
        file_path: Option<&Path>,
    ) -> Result<(i64, bool)> {
        let workbook = !ret.source.is_document();
        let replaced = self
            .0
            .prepare_cached(
                "UPDATE returns SET current = 0 WHERE agency_id = ?1 AND year = ?2 AND current = 1 AND (source = 'workbook') = ?3",
            )?
            .execute(params![agency_id, year, workbook])?
            > 0;
        let tables = ret.tables.iter().map(|t| t.code()).collect::<Vec<_>>().join(",");
        self.0
            .prepare_cached(
                "INSERT INTO returns (agency_id, year, format, tables, file_name, file_path, source, document, figure_data, content_hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                agency_id,
                year,
                ret.format.code(),
                tables,
                ret.file,
                file_path.map(|p| p.display().to_string()),
                ret.source.code(),
                encoded.document,
                encoded.figure_data,
                encoded.hash
            ])?;
        Ok((self.0.last_insert_rowid(), replaced))
    }
}

/// A return as the store keeps it — its figures and its document as JSON — worked out by the
/// thread that read it: encoding is half of what storing a return costs, and a batch stores one
/// return at a time but reads on every core.
pub struct Encoded {
    figure_data: String,
    document: Option<String>,
    /// What the file says, as one hash: its format, tables, figures and document (not its name or
    /// path: the same return saved again under another name is the same return).
    hash: String,
}

impl Encoded {
    pub fn of(ret: &Return) -> Encoded {
        let figure_data = figures_to_json(&ret.figures);
        let document = ret.document.as_ref().map(|d| serde_json::to_string(d).unwrap_or_default());
        let tables = ret.tables.iter().map(|t| t.code()).collect::<Vec<_>>().join(",");
        let parts = [ret.format.code(), &tables, &figure_data, document.as_deref().unwrap_or("")];
        Encoded { hash: content_hash(&parts), figure_data, document }
    }
}

/// Two FNV-1a hashes (64 bits each, different offsets) over the parts, each part's length first so
/// no two different sequences of parts give the same stream: stable across versions and machines.
fn content_hash(parts: &[&str]) -> String {
    let mut h = [0xcbf2_9ce4_8422_2325u64, 0x6c62_272e_07bb_0142u64];
    for part in parts {
        for b in (part.len() as u64).to_le_bytes().iter().chain(part.as_bytes()) {
            for x in h.iter_mut() {
                *x = (*x ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    format!("{:016x}{:016x}", h[0], h[1])
}

/// The unit one import is stored in: its own transaction, or, inside a batch, a savepoint. Rolled
/// back when dropped without [`Unit::commit`].
struct Unit<'c> {
    conn: &'c Connection,
    savepoint: bool,
    done: bool,
}

impl<'c> Unit<'c> {
    fn begin(conn: &'c Connection, in_batch: bool) -> Result<Unit<'c>> {
        // Cached: a batch opens and releases a savepoint for every return it stores.
        conn.prepare_cached(if in_batch { "SAVEPOINT one_return" } else { "BEGIN IMMEDIATE" })?.execute([])?;
        Ok(Unit { conn, savepoint: in_batch, done: false })
    }

    fn commit(mut self) -> Result<()> {
        self.done = true;
        self.conn.prepare_cached(if self.savepoint { "RELEASE one_return" } else { "COMMIT" })?.execute([])?;
        Ok(())
    }
}

impl std::ops::Deref for Unit<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for Unit<'_> {
    fn drop(&mut self) {
        if !self.done {
            let undo = if self.savepoint { "ROLLBACK TO one_return; RELEASE one_return" } else { "ROLLBACK" };
            let _ = self.conn.execute_batch(undo);
        }
    }
}

/// A return's figures as stored with it (migration 4): `[[id, value, raw, sheet, cell], …]`.
pub(super) fn figures_to_json(figures: &[Figure]) -> String {
    let rows: Vec<_> = figures.iter().map(|f| (&f.id, f.value, &f.raw, &f.sheet, &f.cell)).collect();
    serde_json::to_string(&rows).expect("strings and numbers always serialise")
}

pub(super) fn figures_from_json(return_id: i64, text: &str) -> Result<Vec<Figure>> {
    let rows: Vec<(String, Option<f64>, String, String, String)> =
        serde_json::from_str(text).map_err(|e| unreadable(return_id, e))?;
    Ok(rows.into_iter().map(|(id, value, raw, sheet, cell)| Figure { id, value, raw, sheet, cell }).collect())
}

/// A return's stored figures that cannot be read back (a database edited by hand, say).
pub(super) fn unreadable(return_id: i64, e: serde_json::Error) -> StoreError {
    StoreError::Invalid(format!("编号为 {return_id} 的报表所存数据无法读取：{e}"))
}

/// One stored figure's id and value, borrowed from the stored text where it can be: a year's sums
/// read every figure of every return and need nothing else.
#[derive(serde::Deserialize)]
pub(super) struct StoredValue<'a>(
    #[serde(borrow)] pub(super) std::borrow::Cow<'a, str>,
    pub(super) Option<f64>,
    pub(super) serde::de::IgnoredAny,
    pub(super) serde::de::IgnoredAny,
    pub(super) serde::de::IgnoredAny,
);
