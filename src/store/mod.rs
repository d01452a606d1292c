//! The office's database (SQLite, bundled), split by what it keeps: the roster (`roster.rs`),
//! returns with their figures, provenance and findings (`returns.rs`), report sections with their
//! history (`sections.rs`), and the county's own identity (`settings.rs`). Importing a return is
//! one transaction.

mod aliases;
pub mod backup;
mod codes;
mod corrections;
mod findings;
mod indicators;
mod migrations;
mod publications;
mod returns;
pub mod review;
mod roster;
mod roster_index;
pub(crate) mod rows;
mod sections;
mod settings;
mod status;
mod wal;

pub use aliases::Alias;
pub use corrections::{corrections_by_figure, Correction, Superseded};
pub use publications::{FigureDiff, Publication};
pub use returns::{Db, Encoded, Imported, StoredReturn};
pub use roster::AgencyMatch;
pub use sections::{SectionHistory, SectionOffer, SectionRow};
pub use settings::CountyInfo;
pub use status::{AgencyStatus, FigureSum};
pub use wal::identity as file_identity;

use crate::model::ErrorCode;
use roster_index::RosterIndex;

use rusqlite::{Connection, TransactionBehavior};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another program (the app, or the command line) is writing the same database right now.
    #[error("数据库正被另一个程序（年报工作台或命令行）使用，请等它完成后再试。")]
    Busy,
    /// The folder cannot be created or the file cannot be opened (a read-only disk, no permission).
    #[error("数据库文件“{path}”无法打开（{detail}）。")]
    Open { path: String, detail: String },
    /// Made by a newer version of the program: opening it could lose what that version keeps.
    #[error("数据库文件是更新版本的年报工作台建立的（版本 {found}，本程序只认识到 {known}），请升级程序。")]
    TooNew { found: i64, known: i64 },
    /// The database file fails SQLite's integrity check: it is not opened, and the way back is named.
    #[error("数据库文件“{path}”已损坏（{detail}），为保护数据没有打开。{way_back}")]
    Corrupt { path: String, detail: String, way_back: String },
    /// An agency, return or backup the user named is not there.
    #[error("{0}")]
    NotFound(String),
    /// A value the user gave cannot be kept (an empty name, an unknown state).
    #[error("{0}")]
    Invalid(String),
    /// A file whose agency is of another county, city or district: held, nothing stored, until
    /// the office assigns it to a roster entry.
    #[error("“{file}”的单位“{name}”属于其他县（{place}，本县为{county}），已暂缓导入，不计入汇总；如确属本县单位，请在导入时指定名册中的单位（命令行：nianbao agencies alias --name \"{name}\" --agency 单位）。")]
    OtherCounty { file: String, name: String, place: String, county: String },
    /// Anything else SQLite reports (a full disk, a damaged page found while working).
    #[error("数据库操作失败（{0}）。")]
    Sqlite(rusqlite::Error),
}

impl crate::model::Coded for StoreError {
    fn code(&self) -> ErrorCode {
        StoreError::code(self)
    }
}

impl StoreError {
    /// A short stable code for the UI and scripts.
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::Busy => ErrorCode::Busy,
            StoreError::Open { .. } => ErrorCode::DbOpen,
            StoreError::TooNew { .. } => ErrorCode::DbTooNew,
            StoreError::Corrupt { .. } => ErrorCode::DbCorrupt,
            StoreError::NotFound(_) => ErrorCode::NotFound,
            StoreError::Invalid(_) => ErrorCode::Invalid,
            StoreError::OtherCounty { .. } => ErrorCode::OtherCounty,
            StoreError::Sqlite(_) => ErrorCode::Store,
        }
    }
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

/// The one sentence for a damaged database: what is wrong in plain words, the newest backup that
/// passed its check, and the command that restores it.
pub fn corrupt(path: &Path, problems: usize) -> StoreError {
    let detail = format!("完整性检查发现 {problems} 处问题");
    let way_back = match backup::newest_good(path) {
        Some(b) => format!(
            "最近一份完好的备份是 {}（{}），可运行 nianbao restore \"{}\" 恢复。",
            b.taken_label(),
            b.reason,
            b.path.display()
        ),
        None => "没有找到完好的备份；请把该文件交给技术人员处理，不要删除。".to_string(),
    };
    StoreError::Corrupt { path: path.display().to_string(), detail, way_back }
}

/// A file SQLite cannot read as a database at all (a text file, a damaged header).
fn not_a_database(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt) => corrupt(path, 1),
        _ => StoreError::from(e),
    }
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Built on the first import; dropped when this connection changes the roster otherwise.
    roster: Option<RosterIndex>,
    /// A batch of imports is open ([`Store::begin_batch`]): each return is a savepoint inside it.
    in_batch: bool,
    /// A commit was refused: the WAL on disk is not this connection's (`wal.rs`).
    wal_lost: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Store {
    /// The database as it stands, for the queries written once on [`Db`].
    pub fn db(&self) -> Db<'_> {
        Db(&self.conn)
    }

    /// The database in the user's data folder (~/.local/share/nianbao on Linux).
    pub fn default_path() -> PathBuf {
        dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("nianbao").join("nianbao.db")
    }

    /// Opens (or creates) the database at `path`. An existing file is checked first, once per
    /// process (SQLite's quick check): a damaged database is never written to — the next import's
    /// backup would copy the damage and rotate the good backups out — and the error names the
    /// newest good backup and the command that brings it back.
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

    /// [`Store::open`]: kept for the app's start and `check`, which say so in their names.
    pub fn open_checked(path: &Path) -> Result<Store> {
        Self::open(path)
    }

    /// The integrity check of a database file, once per process for the file as it is: a file
    /// changed since it passed (by another program, or damaged) is checked again.
    fn check_once(conn: &Connection, path: &Path) -> Result<()> {
        type Seen = (PathBuf, u64, Option<std::time::SystemTime>);
        static CHECKED: std::sync::Mutex<Vec<Seen>> = std::sync::Mutex::new(Vec::new());
        let meta = std::fs::metadata(path).ok();
        let key: Seen = (
            path.canonicalize().unwrap_or_else(|_| path.to_path_buf()),
            meta.as_ref().map_or(0, |m| m.len()),
            meta.and_then(|m| m.modified().ok()),
        );
        if CHECKED.lock().map(|c| c.contains(&key)).unwrap_or(false) {
            return Ok(());
        }
        // A file too damaged to be checked at all is as damaged as one that fails the check.
        let problems: Vec<String> = match conn.prepare("PRAGMA quick_check") {
            Ok(mut st) => match st.query_map([], |r| r.get::<_, String>(0)) {
                Ok(rows) => rows.collect::<std::result::Result<_, _>>().unwrap_or_else(|e| vec![e.to_string()]),
                Err(e) => vec![e.to_string()],
            },
            Err(e) => vec![e.to_string()],
        };
        if problems.len() == 1 && problems[0] == "ok" {
            if let Ok(mut c) = CHECKED.lock() {
                c.push(key);
            }
            return Ok(());
        }
        Err(corrupt(path, problems.len()))
    }

    /// A database in memory, for inspection and tests that need no file.
    pub fn open_in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    fn setup(mut conn: Connection, path: PathBuf) -> Result<Store> {
        // busy_timeout lets a second writer wait its turn briefly.
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // Nothing that changes the file comes before its version is known: a database of a newer
        // version is left byte for byte as it was (switching it to WAL rewrites its header).
        let known = migrations::MIGRATIONS.len() as i64;
        let version: i64 =
            conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| not_a_database(&path, e))?;
        if version > known {
            return Err(StoreError::TooNew { found: version, known });
        }
        let exists = path.as_os_str() != ":memory:" && std::fs::metadata(&path).is_ok_and(|m| m.len() > 0);
        if exists {
            Self::check_once(&conn, &path)?;
        }
        // WAL: readers (the app's screens) never wait for a writer; NORMAL is safe with WAL and keeps
        // a commit from costing an fsync.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // A batch of returns writes a few MB: checkpoint (and fsync) every ~16 MB rather than 4.
        conn.pragma_update(None, "wal_autocheckpoint", 4000)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Storing one return runs some twenty distinct statements; rusqlite keeps 16 prepared by
        // default, so a batch would parse some of them again for every return.
        conn.set_prepared_statement_cache_capacity(64);
        let wal_lost = if path.as_os_str() == ":memory:" { Default::default() } else { wal::guard(&mut conn, &path)? };
        let mut store = Store { conn, path, roster: None, in_batch: false, wal_lost };
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
        if version == known {
            return Ok(());
        }
        // A database from an earlier version is copied as it was before it changes shape (reason
        // 升级前, beside the other backups), so the way back is there if the new version is not.
        if version > 0 {
            self.auto_backup("升级前")?;
        }
        // The schema is made under the write lock, and the version read again inside it: several
        // first opens at once (four imports started together on a new database) wait for each other,
        // and only the first creates the tables.
        // Migrations that rebuild a table (to change its constraints) copy rows between tables the
        // others refer to: foreign keys are checked once at the end instead (the pragma has no effect
        // inside a transaction, so it is set around it).
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        for (i, sql) in migrations::MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            for (_, step) in migrations::RUST_STEPS.iter().filter(|(n, _)| *n == i + 1) {
                step(&tx)?;
            }
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if broken > 0 {
            return Err(StoreError::Invalid(format!(
                "数据库升级后有 {broken} 处引用不一致，已放弃升级（数据库未改动）。"
            )));
        }
        tx.commit()?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // A fresh database has nothing to compact.
        if version > 0 && migrations::COMPACT_AFTER.iter().any(|m| *m as i64 > version) {
            self.conn.execute_batch("VACUUM")?;
        }
        Ok(())
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// The years that have returns, newest first.
    pub fn years(&self) -> Result<Vec<i32>> {
        let mut st = self.conn.prepare_cached("SELECT DISTINCT year FROM returns ORDER BY year DESC")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AgencyKind, SectionState};

    /// A database of version 5 keeps the office's words (部门, 已定稿); opened, it keeps codes, reads
    /// them back as the enums, and a value nobody knows is an error, never a default.
    #[test]
    fn labels_become_codes_and_an_unknown_value_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v5.db");
        {
            let conn = Connection::open(&path).unwrap();
            for (i, sql) in migrations::MIGRATIONS[..5].iter().enumerate() {
                conn.execute_batch(sql).unwrap();
                conn.pragma_update(None, "user_version", (i + 1) as i64).unwrap();
            }
            conn.execute_batch(
                "INSERT INTO agencies (id, name, kind) VALUES (1, '示范县商务局', '部门'), (2, '示范县城关镇人民政府', '乡镇/街道');
                 INSERT INTO returns (id, agency_id, year, format, tables, file_name, current) VALUES (7, 2, 2021, 'gov2021', 'active', 'x.xlsx', 1);
                 INSERT INTO agency_aliases (alias, agency_id) VALUES ('泗水县商务局', 1);
                 INSERT INTO sections (agency_id, year, section, state, text) VALUES (1, 2021, '五', '已定稿', '甲'), (2, 2021, '六', '待撰写', '');
                 INSERT INTO section_history (agency_id, year, section, state, text, source_file, source_place) VALUES (1, 2021, '五', '草稿', '旧', '', '');",
            )
            .unwrap();
        }
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), migrations::MIGRATIONS.len() as i64);
        let kinds: Vec<(String, AgencyKind)> =
            store.agencies(true).unwrap().into_iter().map(|a| (a.name, a.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("示范县商务局".to_string(), AgencyKind::Department),
                ("示范县城关镇人民政府".to_string(), AgencyKind::Township)
            ]
        );
        assert_eq!(store.section(1, 2021, "五").unwrap().unwrap().state, SectionState::Final);
        assert_eq!(store.section(2, 2021, "六").unwrap().unwrap().state, SectionState::Todo);
        assert_eq!(store.section_history(1, 2021, "五").unwrap()[0].state, SectionState::Draft);
        let stored: String = store.conn.query_row("SELECT group_concat(kind) FROM agencies", [], |r| r.get(0)).unwrap();
        assert_eq!(stored, "department,township");
        // The rows that refer to the agencies still do; the views answer again.
        assert_eq!(store.match_name("泗水县商务局").unwrap().agency.unwrap().name, "示范县商务局");
        assert_eq!(store.current_returns(2021).unwrap().len(), 1);
        let fk: i64 = store.conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 0);
        // A value no version wrote: an error naming it, not a default.
        store.conn.execute("UPDATE section_history SET state = '审核中'", []).unwrap();
        let e = store.section_history(1, 2021, "五").expect_err("unknown state");
        assert!(e.to_string().contains("审核中"), "{e}");
        assert!(
            store.conn.execute("UPDATE agencies SET kind = '部门' WHERE id = 1", []).is_err(),
            "the schema holds codes only"
        );
    }

    /// A database from before migration 4 (figures one row each) opens with every figure moved into
    /// its return, as typed, still readable as rows through the view `figures`.
    #[test]
    fn figures_move_into_their_return_when_an_older_database_opens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2023年的数据库.db");
        {
            let conn = Connection::open(&path).unwrap();
            for (i, sql) in migrations::MIGRATIONS[..3].iter().enumerate() {
                conn.execute_batch(sql).unwrap();
                conn.pragma_update(None, "user_version", (i + 1) as i64).unwrap();
            }
            conn.execute_batch(
                "INSERT INTO agencies (id, name, kind) VALUES (1, '泗水县商务局', '部门'), (2, '泗水县民政局', '部门');
                 INSERT INTO returns (id, agency_id, year, format, tables, file_name, current) VALUES
                     (7, 1, 2021, 'gov2021', 'active,apply', '商务局.xlsx', 1),
                     (8, 2, 2021, 'gov2021', 'active', '民政局.xlsx', 0),
                     (9, 2, 2021, 'gov2021', 'active', '民政局（空）.xlsx', 1);
                 INSERT INTO figures VALUES
                     (7, 'active.normative.issued', 3.0, '3', '年报表格', 'B5'),
                     (7, 'apply.new.natural', NULL, '约3件', '表三', 'D8'),
                     (7, 'active.fees.amount', 26.4, '26.4', '年报表格', 'B15'),
                     (8, 'active.normative.issued', 5.0, '5', 'Sheet1', 'C5');",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), migrations::MIGRATIONS.len() as i64);
        let mut figures = store.db().load_return(7).unwrap().figures;
        figures.sort_by(|a, b| a.id.cmp(&b.id));
        let rows: Vec<_> = figures
            .iter()
            .map(|f| (f.id.as_str(), f.value, f.raw.as_str(), f.sheet.as_str(), f.cell.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("active.fees.amount", Some(26.4), "26.4", "年报表格", "B15"),
                ("active.normative.issued", Some(3.0), "3", "年报表格", "B5"),
                ("apply.new.natural", None, "约3件", "表三", "D8"),
            ]
        );
        assert!(store.db().load_return(9).unwrap().figures.is_empty(), "a return without figures has none");
        // The view still answers the questions the table did.
        let (n, raw): (i64, String) = store
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM figures), raw FROM figures WHERE return_id = 8 AND figure = 'active.normative.issued'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((n, raw.as_str()), (4, "5"));
        // Sums count only the current returns: 3 from 商务局, nothing from 民政局's earlier return.
        let sums = store.figure_sums(2021).unwrap();
        let sum = |id: &str| sums.iter().find(|s| s.id == id).map(|s| (s.sum, s.returns));
        assert_eq!(sum("active.normative.issued"), Some((3.0, 1)), "{sums:?}");
        assert_eq!(sum("apply.new.natural"), Some((0.0, 0)), "{sums:?}");
        let integrity: String = store.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok");
        // The space the figure rows took is given back once.
        let free: i64 = store.conn.query_row("PRAGMA freelist_count", [], |r| r.get(0)).unwrap();
        assert_eq!(free, 0);
        // The database as it was is kept among the backups, still at version 3 with its rows.
        let before = backup::list(&path);
        assert_eq!(before.iter().map(|b| b.reason.as_str()).collect::<Vec<_>>(), ["升级前"]);
        let old = Connection::open(&before[0].path).unwrap();
        let (version, rows): (i64, i64) = old
            .query_row("SELECT (SELECT user_version FROM pragma_user_version), count(*) FROM figures", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((version, rows), (3, 4));
        drop(store);
        assert_eq!(backup::list(&path).len(), 1, "opening it again changes nothing more");
        Store::open(&path).unwrap();
        assert_eq!(backup::list(&path).len(), 1);
    }
}
