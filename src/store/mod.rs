//! The office's database (SQLite, bundled): the roster, every return with its figures and where each
//! came from, findings, hand corrections and report sections. Importing a return is one transaction.

pub mod backup;
mod migrations;
mod roster_index;

use roster_index::RosterIndex;

use crate::checks::{self, Finding};
use crate::forms::{Format, Table};
use crate::import::{Figure, Return};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another program (the app, or the command line) is writing the same database right now.
    #[error("数据库正被另一个程序（年报工作台或命令行）使用，请等它完成后再试。")]
    Busy,
    #[error("数据库文件“{path}”无法打开（{detail}）。")]
    Open { path: String, detail: String },
    #[error("数据库文件是更新版本的年报工作台建立的（版本 {found}，本程序只认识到 {known}），请升级程序。")]
    TooNew { found: i64, known: i64 },
    /// The database file fails SQLite's integrity check: it is not opened, and the way back is named.
    #[error("数据库文件“{path}”已损坏（{detail}），为保护数据没有打开。{way_back}")]
    Corrupt { path: String, detail: String, way_back: String },
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error("数据库操作失败（{0}）。")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The two kinds of agency in a county's roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AgencyKind {
    #[serde(rename = "部门")]
    Department,
    #[serde(rename = "乡镇/街道")]
    Township,
}

impl AgencyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::Department => "部门",
            AgencyKind::Township => "乡镇/街道",
        }
    }
    pub fn parse(s: &str) -> Option<AgencyKind> {
        let s = crate::text::norm(s);
        if s.contains("乡") || s.contains("镇") || s.contains("街道") {
            Some(AgencyKind::Township)
        } else if s.contains("部门") || s == "单位" || s == "机关" {
            Some(AgencyKind::Department)
        } else {
            None
        }
    }
    /// The kind an agency's name suggests: 悦庄镇人民政府 and 城关街道办事处 are 乡镇/街道.
    pub fn guess(name: &str) -> AgencyKind {
        let n = crate::text::norm(name);
        let town = n.ends_with("镇") || n.ends_with("乡") || n.contains("镇人民政府") || n.contains("乡人民政府") || n.contains("街道");
        if town {
            AgencyKind::Township
        } else {
            AgencyKind::Department
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Agency {
    pub id: i64,
    pub name: String,
    pub kind: AgencyKind,
    pub retired: bool,
}

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
}

/// What an import did.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    pub return_id: i64,
    pub agency: String,
    pub agency_added: bool,
    pub year: i32,
    pub format: Format,
    pub figures: usize,
    /// True when an earlier return of this agency and year was kept as history.
    pub replaced_earlier: bool,
    pub findings: Vec<Finding>,
}

/// One agency's line in the year's status.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyStatus {
    pub agency: Agency,
    pub return_id: Option<i64>,
    pub file_name: Option<String>,
    pub imported_at: Option<String>,
    pub format: Option<Format>,
    pub findings: usize,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Built on the first import; dropped when this connection changes the roster otherwise.
    roster: Option<RosterIndex>,
}

impl Store {
    /// The database in the user's data folder (~/.local/share/nianbao on Linux).
    pub fn default_path() -> PathBuf {
        dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("nianbao").join("nianbao.db")
    }

    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| StoreError::Open { path: path.display().to_string(), detail: e.to_string() })?;
            }
        }
        let conn = Connection::open(path)
            .map_err(|e| StoreError::Open { path: path.display().to_string(), detail: e.to_string() })?;
        Self::setup(conn, path.to_path_buf())
    }

    /// Opens the database after checking it (the app does this at start): a damaged file is not
    /// opened blindly, and the error names the newest backup and how to bring it back.
    pub fn open_checked(path: &Path) -> Result<Store> {
        if path.exists() {
            if let Err(detail) = backup::check_file(path) {
                let way_back = match backup::list(path).first() {
                    Some(b) => format!(
                        "最近的备份是“{}”（{}），可在命令行运行 nianbao restore \"{}\" 恢复。",
                        b.path.display(),
                        b.taken,
                        b.path.display()
                    ),
                    None => "没有找到备份；请把该文件交给技术人员处理，不要删除。".to_string(),
                };
                return Err(StoreError::Corrupt { path: path.display().to_string(), detail, way_back });
            }
        }
        Self::open(path)
    }

    /// A database in memory, for inspection and tests that need no file.
    pub fn open_in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    fn setup(conn: Connection, path: PathBuf) -> Result<Store> {
        // WAL: readers (the app's screens) never wait for a writer; NORMAL is safe with WAL and keeps
        // a commit from costing an fsync. busy_timeout lets a second writer wait its turn briefly.
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // A batch of returns writes a few MB: checkpoint (and fsync) every ~16 MB rather than 4.
        conn.pragma_update(None, "wal_autocheckpoint", 4000)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn, path, roster: None };
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn migrate(&mut self) -> Result<()> {
        let known = migrations::MIGRATIONS.len() as i64;
        let version: i64 = self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > known {
            return Err(StoreError::TooNew { found: version, known });
        }
        if version == known {
            return Ok(());
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for (i, sql) in migrations::MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    // ------------------------------------------------------------------ roster

    pub fn agencies(&self, include_retired: bool) -> Result<Vec<Agency>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, name, kind, retired FROM agencies WHERE retired = 0 OR ?1 ORDER BY kind, id",
        )?;
        let rows = st.query_map([include_retired], row_to_agency)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn agency_by_name(&self, name: &str) -> Result<Option<Agency>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, name, kind, retired FROM agencies WHERE name = ?1")?
            .query_row([name], row_to_agency)
            .optional()?)
    }

    pub fn agency_by_id(&self, id: i64) -> Result<Option<Agency>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, name, kind, retired FROM agencies WHERE id = ?1")?
            .query_row([id], row_to_agency)
            .optional()?)
    }

    /// Adds an agency to the roster; an existing one with that name is returned as it is.
    pub fn add_agency(&mut self, name: &str, kind: AgencyKind) -> Result<Agency> {
        let cleaned: String = name.chars().filter(|c| !c.is_control()).collect();
        let name = cleaned.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(StoreError::Invalid("单位名称不能为空，也不能超过 100 个字。".into()));
        }
        if let Some(a) = self.agency_by_name(name)? {
            return Ok(a);
        }
        self.conn.execute("INSERT INTO agencies (name, kind) VALUES (?1, ?2)", params![name, kind.as_str()])?;
        self.roster = None;
        Ok(Agency { id: self.conn.last_insert_rowid(), name: name.to_string(), kind, retired: false })
    }

    pub fn rename_agency(&mut self, old: &str, new: &str) -> Result<()> {
        let cleaned: String = new.chars().filter(|c| !c.is_control()).collect();
        let new = cleaned.trim();
        if new.chars().count() > 100 {
            return Err(StoreError::Invalid("单位名称不能超过 100 个字。".into()));
        }
        if new.is_empty() {
            return Err(StoreError::Invalid("新名称不能为空。".into()));
        }
        if self.agency_by_name(new)?.is_some() {
            return Err(StoreError::Invalid(format!("名册里已有“{new}”。")));
        }
        self.roster = None;
        let n = self.conn.execute("UPDATE agencies SET name = ?2 WHERE name = ?1", params![old, new])?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("名册里没有“{old}”。")));
        }
        Ok(())
    }

    pub fn set_retired(&mut self, name: &str, retired: bool) -> Result<()> {
        self.update_agency(name, "UPDATE agencies SET retired = ?2 WHERE name = ?1", &retired)
    }

    pub fn set_kind(&mut self, name: &str, kind: AgencyKind) -> Result<()> {
        self.update_agency(name, "UPDATE agencies SET kind = ?2 WHERE name = ?1", &kind.as_str())
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
        if let Some(a) = self.agency_by_name(name)? {
            return Ok(Some(a));
        }
        Ok(self.roster_index()?.find(name))
    }

    fn roster_index(&mut self) -> Result<&mut RosterIndex> {
        let stale = match &self.roster {
            Some(idx) => !idx.is_current(&self.conn)?,
            None => true,
        };
        if stale {
            self.roster = Some(RosterIndex::build(&self.conn)?);
        }
        Ok(self.roster.as_mut().expect("built above"))
    }

    // ------------------------------------------------------------------ returns

    /// Stores a return read by the importer: one transaction, all of it or none. The agency is
    /// matched to the roster (and added when new); an earlier return of the same agency and year
    /// is kept as history and this one becomes current. Checks run here, with last year's return
    /// from the store, and next year's return is re-checked against this one.
    pub fn import(&mut self, ret: &Return, file_path: Option<&Path>) -> Result<Imported> {
        let findings = checks::check(ret);
        self.import_checked(ret, file_path, findings)
    }

    /// [`Store::import`] with the return's own findings already worked out (a batch checks each
    /// return on its reading thread, so the storing thread only stores).
    pub fn import_checked(&mut self, ret: &Return, file_path: Option<&Path>, own_findings: Vec<Finding>) -> Result<Imported> {
        let agency_name: String = ret
            .agency
            .as_deref()
            .map(|a| a.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_string())
            .filter(|a| !a.is_empty() && a.chars().count() <= 100)
            .ok_or_else(|| StoreError::Invalid(format!("“{}”没有可用的单位名称。", ret.file)))?;
        let year = ret.year.ok_or_else(|| StoreError::Invalid(format!("“{}”没有年度。", ret.file)))?;
        let matched = self.match_agency(&agency_name)?;
        // Taken out while the transaction runs; put back only if it commits.
        let mut index = self.roster.take();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (agency, added) = match matched {
            Some(a) => (a, false),
            None => {
                let kind = AgencyKind::guess(&agency_name);
                tx.execute("INSERT INTO agencies (name, kind) VALUES (?1, ?2)", params![agency_name, kind.as_str()])?;
                let a = Agency { id: tx.last_insert_rowid(), name: agency_name.clone(), kind, retired: false };
                if let Some(idx) = index.as_mut() {
                    idx.insert(a.clone());
                }
                (a, true)
            }
        };
        let replaced = tx.execute(
            "UPDATE returns SET current = 0 WHERE agency_id = ?1 AND year = ?2 AND current = 1",
            params![agency.id, year],
        )? > 0;
        let tables = ret.tables.iter().map(|t| table_code(*t)).collect::<Vec<_>>().join(",");
        tx.prepare_cached(
            "INSERT INTO returns (agency_id, year, format, tables, file_name, file_path) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            agency.id,
            year,
            ret.format.id(),
            tables,
            ret.file,
            file_path.map(|p| p.display().to_string())
        ])?;
        let return_id = tx.last_insert_rowid();
        insert_figures(&tx, return_id, &ret.figures)?;
        let mut findings = own_findings;
        let store = StoreRef(&tx);
        if let Some(last_id) = store.current_return_id(agency.id, year - 1)? {
            let last = store.load_return(last_id)?;
            findings.extend(checks::check_carried(ret, &last));
        }
        store.insert_findings(return_id, &findings)?;
        if let Some(next_id) = store.current_return_id(agency.id, year + 1)? {
            store.recheck(next_id)?;
        }
        tx.commit()?;
        self.roster = index;
        Ok(Imported {
            return_id,
            agency: agency.name,
            agency_added: added,
            year,
            format: ret.format,
            figures: ret.figures.len(),
            replaced_earlier: replaced,
            findings,
        })
    }

    pub fn current_return_id(&self, agency_id: i64, year: i32) -> Result<Option<i64>> {
        StoreRef(&self.conn).current_return_id(agency_id, year)
    }

    /// A stored return with its figures, as the importer produced it.
    pub fn load_return(&self, return_id: i64) -> Result<Return> {
        StoreRef(&self.conn).load_return(return_id)
    }

    pub fn findings(&self, return_id: i64) -> Result<Vec<Finding>> {
        StoreRef(&self.conn).findings(return_id)
    }

    /// Every return of an agency and year, the current one first, then history newest first.
    pub fn history(&self, agency_id: i64, year: i32) -> Result<Vec<StoredReturn>> {
        self.returns_where("r.agency_id = ?1 AND r.year = ?2", params![agency_id, year])
    }

    /// The current returns of a year.
    pub fn current_returns(&self, year: i32) -> Result<Vec<StoredReturn>> {
        self.returns_where("r.year = ?1 AND r.current = 1", params![year])
    }

    fn returns_where(&self, cond: &str, p: impl rusqlite::Params) -> Result<Vec<StoredReturn>> {
        let sql = format!(
            "SELECT r.id, r.agency_id, a.name, r.year, r.format, r.file_name, r.imported_at, r.current,
                    (SELECT count(*) FROM findings f WHERE f.return_id = r.id)
             FROM returns r JOIN agencies a ON a.id = r.agency_id WHERE {cond}
             ORDER BY r.current DESC, r.id DESC"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(p, |r| {
            Ok(StoredReturn {
                id: r.get(0)?,
                agency_id: r.get(1)?,
                agency: r.get(2)?,
                year: r.get(3)?,
                format: Format::from_id(&r.get::<_, String>(4)?).unwrap_or(Format::Gov2021),
                file_name: r.get(5)?,
                imported_at: r.get(6)?,
                current: r.get(7)?,
                findings: r.get::<_, i64>(8)? as usize,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The years that have returns, newest first.
    pub fn years(&self) -> Result<Vec<i32>> {
        let mut st = self.conn.prepare_cached("SELECT DISTINCT year FROM returns ORDER BY year DESC")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Every active agency of the roster with its return of the year, if any, and its findings.
    pub fn status(&self, year: i32) -> Result<Vec<AgencyStatus>> {
        let mut st = self.conn.prepare_cached(
            "SELECT a.id, a.name, a.kind, a.retired, r.id, r.file_name, r.imported_at, r.format,
                    (SELECT count(*) FROM findings f WHERE f.return_id = r.id)
             FROM agencies a LEFT JOIN returns r ON r.agency_id = a.id AND r.year = ?1 AND r.current = 1
             WHERE a.retired = 0 OR r.id IS NOT NULL
             ORDER BY a.kind, a.id",
        )?;
        let rows = st.query_map([year], |r| {
            Ok(AgencyStatus {
                agency: row_to_agency(r)?,
                return_id: r.get(4)?,
                file_name: r.get(5)?,
                imported_at: r.get(6)?,
                format: r.get::<_, Option<String>>(7)?.and_then(|f| Format::from_id(&f)),
                findings: r.get::<_, i64>(8)? as usize,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// A report section's state and text; agency 0 is the county's own report.
    pub fn section(&self, agency_id: i64, year: i32, key: &str) -> Result<Option<(String, String, String)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT state, text, updated_at FROM sections WHERE agency_id = ?1 AND year = ?2 AND section = ?3")?
            .query_row(params![agency_id, year, key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?)
    }

    /// Sets a section's text and state (待撰写 / 草稿 / 已定稿).
    pub fn set_section(&self, agency_id: i64, year: i32, key: &str, state: &str, text: &str) -> Result<()> {
        if !matches!(state, "待撰写" | "草稿" | "已定稿") {
            return Err(StoreError::Invalid(format!("状态“{state}”无法识别，请写“待撰写”“草稿”或“已定稿”。")));
        }
        self.conn.execute(
            "INSERT INTO sections (agency_id, year, section, state, text) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (agency_id, year, section) DO UPDATE SET state = ?4, text = ?5, updated_at = datetime('now', 'localtime')",
            params![agency_id, year, key, state, text],
        )?;
        Ok(())
    }

    /// Sums of every figure over the current returns of a year: (figure, sum, how many returns
    /// have a readable value for it).
    pub fn figure_sums(&self, year: i32) -> Result<Vec<(String, f64, i64)>> {
        // Summed here rather than with GROUP BY: a province's year has millions of figures, and a
        // hash map over them is several times quicker than SQLite sorting them by id.
        let mut st = self.conn.prepare_cached(
            "SELECT f.figure, f.value FROM returns r JOIN figures f ON f.return_id = r.id
             WHERE r.year = ?1 AND r.current = 1",
        )?;
        let mut sums: std::collections::HashMap<String, (f64, i64)> = std::collections::HashMap::new();
        let mut rows = st.query([year])?;
        while let Some(row) = rows.next()? {
            let value: Option<f64> = row.get(1)?;
            let id = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            let e = match sums.get_mut(id) {
                Some(e) => e,
                None => sums.entry(id.to_string()).or_insert((0.0, 0)),
            };
            if let Some(v) = value {
                e.0 += v;
                e.1 += 1;
            }
        }
        Ok(sums.into_iter().map(|(id, (v, n))| (id, v, n)).collect())
    }

    /// The hand corrections of a return, oldest first: (figure, old raw, new value, who, when).
    pub fn edits(&self, return_id: i64) -> Result<Vec<(String, String, Option<f64>, String, String)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT figure, old_raw, new_value, who, at FROM figure_edits WHERE return_id = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([return_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Corrects one figure by hand: the old value is recorded with who and when, the return is
    /// re-checked at once (and next year's, whose carried-over figures depend on it).
    pub fn correct_figure(&mut self, return_id: i64, figure: &str, value: f64, who: &str) -> Result<Vec<Finding>> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old: Option<(Option<f64>, String)> = tx
            .query_row(
                "SELECT value, raw FROM figures WHERE return_id = ?1 AND figure = ?2",
                params![return_id, figure],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((old_value, old_raw)) = old else {
            return Err(StoreError::NotFound(format!("这份报表没有数据项 {figure}。")));
        };
        tx.execute(
            "INSERT INTO figure_edits (return_id, figure, old_value, old_raw, new_value, who) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![return_id, figure, old_value, old_raw, value, who],
        )?;
        tx.execute(
            "UPDATE figures SET value = ?3, raw = ?4 WHERE return_id = ?1 AND figure = ?2",
            params![return_id, figure, value, crate::text::fmt_num(value)],
        )?;
        let store = StoreRef(&tx);
        let findings = store.recheck(return_id)?;
        let (agency_id, year): (i64, i32) =
            tx.query_row("SELECT agency_id, year FROM returns WHERE id = ?1", [return_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if let Some(next) = store.current_return_id(agency_id, year + 1)? {
            store.recheck(next)?;
        }
        tx.commit()?;
        Ok(findings)
    }
}

/// Read and re-check helpers that work inside or outside a transaction.
struct StoreRef<'a>(&'a Connection);

impl StoreRef<'_> {
    fn current_return_id(&self, agency_id: i64, year: i32) -> Result<Option<i64>> {
        Ok(self
            .0
            .prepare_cached("SELECT id FROM returns WHERE agency_id = ?1 AND year = ?2 AND current = 1")?
            .query_row(params![agency_id, year], |r| r.get(0))
            .optional()?)
    }

    fn load_return(&self, return_id: i64) -> Result<Return> {
        let (agency, year, format, tables, file): (String, i32, String, String, String) = self
            .0
            .prepare_cached(
                "SELECT a.name, r.year, r.format, r.tables, r.file_name FROM returns r JOIN agencies a ON a.id = r.agency_id WHERE r.id = ?1",
            )?
            .query_row([return_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("没有编号为 {return_id} 的报表。")))?;
        let format = Format::from_id(&format).unwrap_or(Format::for_year(year));
        let mut st = self.0.prepare_cached("SELECT figure, value, raw, sheet, cell FROM figures WHERE return_id = ?1")?;
        let mut figures: Vec<Figure> = st
            .query_map([return_id], |r| {
                Ok(Figure { id: r.get(0)?, value: r.get(1)?, raw: r.get(2)?, sheet: r.get(3)?, cell: r.get(4)? })
            })?
            .collect::<std::result::Result<_, _>>()?;
        figures.sort_by_cached_key(|f| crate::forms::order(&f.id, format));
        Ok(Return {
            file,
            agency: Some(agency),
            year: Some(year),
            format,
            tables: tables.split(',').filter_map(table_from_code).collect(),
            figures,
        })
    }

    fn findings(&self, return_id: i64) -> Result<Vec<Finding>> {
        let mut st = self.0.prepare_cached("SELECT rule, cells, refs, message FROM findings WHERE return_id = ?1 ORDER BY id")?;
        let rows = st.query_map([return_id], |r| {
            let cells: String = r.get(1)?;
            let refs: String = r.get(2)?;
            Ok(Finding {
                rule: r.get(0)?,
                cells: serde_json::from_str(&cells).unwrap_or_default(),
                refs: serde_json::from_str(&refs).unwrap_or_default(),
                message: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    fn insert_findings(&self, return_id: i64, findings: &[Finding]) -> Result<()> {
        let mut st =
            self.0.prepare_cached("INSERT INTO findings (return_id, rule, cells, refs, message) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for f in findings {
            st.execute(params![
                return_id,
                f.rule,
                serde_json::to_string(&f.cells).unwrap_or_default(),
                serde_json::to_string(&f.refs).unwrap_or_default(),
                f.message
            ])?;
        }
        Ok(())
    }

    /// Runs every check on a stored return again and replaces its findings.
    fn recheck(&self, return_id: i64) -> Result<Vec<Finding>> {
        let ret = self.load_return(return_id)?;
        let mut findings = checks::check(&ret);
        let agency_id: i64 = self.0.query_row("SELECT agency_id FROM returns WHERE id = ?1", [return_id], |r| r.get(0))?;
        if let Some(last) = self.current_return_id(agency_id, ret.year.unwrap_or(0) - 1)? {
            findings.extend(checks::check_carried(&ret, &self.load_return(last)?));
        }
        self.0.execute("DELETE FROM findings WHERE return_id = ?1", [return_id])?;
        self.insert_findings(return_id, &findings)?;
        Ok(findings)
    }
}

/// Inserts a return's figures, a hundred rows a statement: one statement per row costs as much
/// as the rest of an import.
fn insert_figures(conn: &Connection, return_id: i64, figures: &[Figure]) -> Result<()> {
    for chunk in figures.chunks(100) {
        let mut sql = String::from("INSERT INTO figures (return_id, figure, value, raw, sheet, cell) VALUES ");
        for i in 0..chunk.len() {
            sql.push_str(if i == 0 { "(?,?,?,?,?,?)" } else { ",(?,?,?,?,?,?)" });
        }
        let mut st = conn.prepare_cached(&sql)?;
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(chunk.len() * 6);
        for f in chunk {
            values.extend_from_slice(&[&return_id as &dyn rusqlite::ToSql, &f.id, &f.value, &f.raw, &f.sheet, &f.cell]);
        }
        st.execute(values.as_slice())?;
    }
    Ok(())
}

fn row_to_agency(r: &rusqlite::Row) -> rusqlite::Result<Agency> {
    Ok(Agency {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: if r.get::<_, String>(2)? == "部门" { AgencyKind::Department } else { AgencyKind::Township },
        retired: r.get(3)?,
    })
}

fn table_code(t: Table) -> &'static str {
    match t {
        Table::Active => "active",
        Table::Apply => "apply",
        Table::Review => "review",
        Table::Stats => "stats",
    }
}

fn table_from_code(s: &str) -> Option<Table> {
    match s {
        "active" => Some(Table::Active),
        "apply" => Some(Table::Apply),
        "review" => Some(Table::Review),
        "stats" => Some(Table::Stats),
        _ => None,
    }
}
