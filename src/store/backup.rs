//! Rolling backups of the office's database, made with SQLite's online backup API (a consistent
//! copy even while the app is open), and the way back from one. A backup is taken before every
//! import batch and once a day when the app starts; the newest are kept.

use super::{Result, Store, StoreError};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// How many backups are kept; older ones are deleted after a new one is made.
pub const KEEP: usize = 30;

#[derive(Debug, Clone, Serialize)]
pub struct Backup {
    pub path: PathBuf,
    /// "20220105-093012"
    pub taken: String,
    /// Why it was taken: 导入前, 每日, 手动, 恢复前.
    pub reason: String,
    pub bytes: u64,
    /// Whether the copy passed SQLite's integrity check when it was taken (recorded in its name:
    /// a copy that failed is named "…-未通过检查.db"; copies from before checks were recorded
    /// count as good, as they were restorable then).
    pub good: bool,
    /// What it was taken before, in words ("12 个文件：2021-示范县教育局.xlsx、…"), when said.
    pub note: String,
    /// The agencies of the roster and the current returns the database held then, when recorded.
    pub agencies: Option<i64>,
    pub returns: Option<i64>,
}

/// What is recorded beside a backup (`NAME.db.json`): so the worker picks the right one to restore.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
struct Sidecar {
    note: String,
    agencies: i64,
    returns: i64,
    /// The database it was taken from (its file name): databases side by side share the backups
    /// folder, and one's backup is never offered to restore the other.
    #[serde(default)]
    source: String,
}

/// The name a database's backups record as their source.
fn source_of(db: &Path) -> String {
    db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn sidecar_path(backup: &Path) -> PathBuf {
    let mut p = backup.as_os_str().to_owned();
    p.push(".json");
    PathBuf::from(p)
}

/// The mark in a backup's name for a copy that failed its integrity check.
const FAILED_MARK: &str = "-未通过检查";

impl Backup {
    /// "2022-01-05 09:30:12" from "20220105-093012".
    pub fn taken_label(&self) -> String {
        let t = &self.taken;
        if t.len() == 15 && t.is_char_boundary(8) {
            format!("{}-{}-{} {}:{}:{}", &t[0..4], &t[4..6], &t[6..8], &t[9..11], &t[11..13], &t[13..15])
        } else {
            t.clone()
        }
    }
}

/// The backups in the order to offer them: those that passed their check first, newest first, then
/// any that failed (kept for the technician, never offered as the way back).
pub fn offered(db: &Path) -> Vec<Backup> {
    let (good, failed): (Vec<_>, Vec<_>) = list(db).into_iter().partition(|b| b.good);
    good.into_iter().chain(failed).collect()
}

/// The newest backup that passed its check: the one to offer first.
pub fn newest_good(db: &Path) -> Option<Backup> {
    list(db).into_iter().find(|b| b.good)
}

/// The folder beside the database where its backups live.
pub fn folder(db: &Path) -> PathBuf {
    db.parent().map(Path::to_path_buf).unwrap_or_default().join("backups")
}

/// The backups of a database, newest first.
pub fn list(db: &Path) -> Vec<Backup> {
    let Ok(entries) = std::fs::read_dir(folder(db)) else { return Vec::new() };
    let mut out: Vec<Backup> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix("nianbao-")?.strip_suffix(".db")?;
            let (rest, good) = match rest.strip_suffix(FAILED_MARK) {
                Some(r) => (r, false),
                None => (rest, true),
            };
            let (taken, reason) = rest.split_at(rest.find('-').map(|i| (i + 7).min(rest.len()))?);
            let side: Option<Sidecar> =
                std::fs::read(sidecar_path(&e.path())).ok().and_then(|b| serde_json::from_slice(&b).ok());
            // Another database's backup (its sidecar says whose) is not this one's to offer;
            // one from before sources were recorded says nothing and is kept.
            if side.as_ref().is_some_and(|s| !s.source.is_empty() && s.source != source_of(db)) {
                return None;
            }
            Some(Backup {
                path: e.path(),
                taken: taken.to_string(),
                reason: reason.trim_start_matches('-').to_string(),
                bytes: e.metadata().map(|m| m.len()).unwrap_or(0),
                good,
                note: side.as_ref().map(|s| s.note.clone()).unwrap_or_default(),
                agencies: side.as_ref().map(|s| s.agencies),
                returns: side.as_ref().map(|s| s.returns),
            })
        })
        .collect();
    out.sort_by(|a, b| b.taken.cmp(&a.taken).then(b.path.cmp(&a.path)));
    out
}

/// Checks a database file without changing it: "ok", or what SQLite found wrong.
pub fn check_file(path: &Path) -> std::result::Result<(), String> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| e.to_string())?;
    let answer: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|e| e.to_string())?;
    if answer == "ok" {
        Ok(())
    } else {
        Err(answer)
    }
}

impl Store {
    /// Copies the database to `dest` with the online backup API.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::Open { path: dest.display().to_string(), detail: e.to_string() })?;
        }
        // Its own temporary name: two programs backing up in the same second never share it.
        static TMP: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = TMP.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = dest.with_extension(format!("db.{}-{n}.part", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        {
            let mut out = Connection::open(&tmp)?;
            {
                let backup = rusqlite::backup::Backup::new(self.connection(), &mut out)?;
                backup.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
            }
            // A backup is one plain file: no write-ahead log beside it.
            out.pragma_update(None, "journal_mode", "DELETE")?;
        }
        std::fs::rename(&tmp, dest)
            .map_err(|e| StoreError::Open { path: dest.display().to_string(), detail: e.to_string() })?;
        Ok(())
    }

    /// Takes a rolling backup beside the database and prunes the oldest beyond [`KEEP`].
    pub fn auto_backup(&self, reason: &str) -> Result<Option<Backup>> {
        self.auto_backup_noting(reason, "")
    }

    /// A backup before an import of `files`: its note names how many and the first of them.
    pub fn backup_before_import(&self, files: &[PathBuf]) -> Result<Option<Backup>> {
        let name = |f: &PathBuf| f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let names: Vec<String> = files.iter().take(3).map(name).collect();
        let more = if files.len() > 3 { "等" } else { "" };
        self.auto_backup_noting("导入前", &format!("{} 个文件：{}{more}", files.len(), names.join("、")))
    }

    /// [`Store::auto_backup`] with a note of what it was taken before, recorded beside it with the
    /// database's counts at that moment.
    pub fn auto_backup_noting(&self, reason: &str, note: &str) -> Result<Option<Backup>> {
        if self.path().as_os_str() == ":memory:" {
            return Ok(None);
        }
        let stamp: String =
            self.connection().query_row("SELECT strftime('%Y%m%d-%H%M%S', 'now', 'localtime')", [], |r| r.get(0))?;
        let dir = folder(self.path());
        let mut dest = dir.join(format!("nianbao-{stamp}-{reason}.db"));
        let mut n = 1;
        while dest.exists() {
            n += 1;
            dest = dir.join(format!("nianbao-{stamp}-{reason}{n}.db"));
        }
        self.backup_to(&dest)?;
        // The copy is checked as it is kept: a database damaged since it was opened gives a copy
        // marked as failed, never one that passes for good.
        if check_file(&dest).is_err() {
            let failed = dest.with_file_name(format!(
                "{}{FAILED_MARK}.db",
                dest.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
            ));
            if std::fs::rename(&dest, &failed).is_ok() {
                dest = failed;
            }
        }
        let (agencies, returns): (i64, i64) = self.connection().query_row(
            "SELECT (SELECT count(*) FROM agencies), (SELECT count(*) FROM returns WHERE current = 1)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let side = Sidecar { note: crate::text::one_line(note), agencies, returns, source: source_of(self.path()) };
        // Only words for the worker: a backup without them is still whole.
        let _ = std::fs::write(sidecar_path(&dest), serde_json::to_vec(&side).unwrap_or_default());
        prune(self.path());
        Ok(list(self.path()).into_iter().find(|b| b.path == dest))
    }

    /// A daily backup, when none was taken today.
    pub fn daily_backup(&self) -> Result<Option<Backup>> {
        let today: String =
            self.connection().query_row("SELECT strftime('%Y%m%d', 'now', 'localtime')", [], |r| r.get(0))?;
        if list(self.path()).iter().any(|b| b.taken.starts_with(&today)) {
            return Ok(None);
        }
        self.auto_backup("每日")
    }
}

/// Deletes the oldest backups beyond [`KEEP`], never the newest good one (after 30 imports into a
/// database that went bad, the last good copy is still there).
fn prune(db: &Path) {
    let all = list(db);
    let newest_good = all.iter().find(|b| b.good).map(|b| b.path.clone());
    for old in all.into_iter().skip(KEEP) {
        if Some(&old.path) != newest_good.as_ref() {
            let _ = std::fs::remove_file(sidecar_path(&old.path));
            let _ = std::fs::remove_file(old.path);
        }
    }
}

/// Brings a backup back as the database at `db` (with the app closed): the backup is checked
/// first, the current file (perhaps the damaged one) is put aside in the backups folder, then the
/// backup's copy is renamed into place and the old write-ahead log removed.
pub fn restore(db: &Path, from: &Path) -> Result<()> {
    check_file(from)
        .map_err(|e| StoreError::Invalid(format!("备份文件“{}”无法使用（{e}），没有恢复。", from.display())))?;
    let io = |e: std::io::Error| StoreError::Open { path: db.display().to_string(), detail: e.to_string() };
    let dir = folder(db);
    std::fs::create_dir_all(&dir).map_err(io)?;
    if db.exists() {
        let n = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
        std::fs::copy(db, dir.join(format!("nianbao-恢复前-{n}.db.old"))).map_err(io)?;
    }
    let tmp = db.with_extension("db.restoring");
    std::fs::copy(from, &tmp).map_err(io)?;
    std::fs::File::open(&tmp).and_then(|f| f.sync_all()).map_err(io)?;
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
    std::fs::rename(&tmp, db).map_err(io)?;
    Ok(())
}
