//! Keeping the office's work in the file it names. SQLite's WAL keeps recent commits in
//! nianbao.db-wal until a checkpoint copies them into nianbao.db; three things could lose them:
//!
//! - Another program (the command line beside the app) that believes it is the last connection
//!   deletes the WAL at close, while the app goes on writing into the unlinked file. That happens
//!   when the app's POSIX locks are gone (closing any descriptor of the file in the app's process
//!   drops them all: a file dialog sniffing the folder). Every connection keeps the WAL file when
//!   it closes (persistent WAL): the last one checkpoints it and truncates it, never unlinks it.
//! - A connection whose WAL was deleted or replaced anyway (an older program, a file manager): a
//!   commit into it would vanish. Each commit is checked first against the WAL on disk (the file
//!   this connection saw at open, by device and inode); a commit into another file is rolled back
//!   and said in one sentence, and [`Store::wal_lost`] tells the app to open a new connection.
//! - A .db copied to a USB stick while its work sits in the WAL: the work is checkpointed into the
//!   .db (TRUNCATE) after each import batch, when the app is idle, and at exit.

use super::{Result, Store};
use rusqlite::Connection;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// WAL larger than this is cut back after a checkpoint (and to nothing at the last close).
const WAL_SIZE_LIMIT: i64 = 16 * 1024 * 1024;

/// A file's device and inode, without opening it (how the database's own files are known, here
/// and in the service's folder walks).
pub fn identity(p: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = p;
        None
    }
}

/// Sets up a file connection's WAL as above; the flag is raised when a commit was refused because
/// the WAL on disk is not this connection's.
pub(super) fn guard(conn: &mut Connection, db: &Path) -> Result<Arc<AtomicBool>> {
    conn.pragma_update(None, "journal_size_limit", WAL_SIZE_LIMIT)?;
    persist_wal(conn);
    let lost = Arc::new(AtomicBool::new(false));
    // A read makes SQLite open (or create) the WAL: its identity now is the one this connection uses.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
    let wal = std::path::PathBuf::from(format!("{}-wal", db.display()));
    let Some(seen) = identity(&wal) else { return Ok(lost) };
    let flag = lost.clone();
    conn.commit_hook(Some(move || {
        // true turns the commit into a rollback.
        let gone = identity(&wal) != Some(seen);
        if gone {
            flag.store(true, Ordering::SeqCst);
        }
        gone
    }))?;
    Ok(lost)
}

/// SQLITE_FCNTL_PERSIST_WAL on: the WAL file is kept (truncated) when the connection closes.
fn persist_wal(conn: &Connection) {
    let mut on: std::ffi::c_int = 1;
    // SAFETY: the handle is this open connection's; the file control reads and writes one int
    // through the pointer for the main database, which lives for the call.
    unsafe {
        rusqlite::ffi::sqlite3_file_control(
            conn.handle(),
            c"main".as_ptr(),
            rusqlite::ffi::SQLITE_FCNTL_PERSIST_WAL,
            (&mut on as *mut std::ffi::c_int).cast(),
        );
    }
}

impl Store {
    /// Copies every commit into the .db file and empties the WAL, so the .db alone holds the
    /// work. Busy (a reader elsewhere holds an old snapshot) is not an error: the commits are
    /// safe in the WAL and the next checkpoint takes them.
    pub fn checkpoint(&self) -> Result<bool> {
        if self.path.as_os_str() == ":memory:" {
            return Ok(true);
        }
        let (busy, _, _): (i64, i64, i64) =
            self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(busy == 0)
    }

    /// A commit was refused because the WAL on disk is no longer this connection's: open a new one.
    pub fn wal_lost(&self) -> bool {
        self.wal_lost.load(Ordering::SeqCst)
    }
}
