//! Importing a batch of files: every file read, located, checked and encoded for storing on every
//! core, and stored in the order given, so the same batch always gives the same database.
//!
//! There is no writer thread. A writer thread beside one reader per core is a third thread on a
//! two-core office machine: woken for every file a reader finishes, it preempts the readers,
//! empties their caches, and frees each return on a thread other than the one that built it. All
//! of that measured as the readers' own work taking a third longer. Instead, whichever reader
//! completes a run of files in order stores the run (one transaction, each file its own
//! savepoint) and goes back to reading; the others read on meanwhile.

use super::{read, Overrides};
use crate::checks;
use crate::import::ImportError;
use crate::model::ErrorCode;
use crate::model::{Finding, Return};
use crate::store::{Encoded, Imported, Store, StoreError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Stored as a new return or a new version.
    pub imported: usize,
    /// Already stored with the same content: skipped, nothing replaced.
    pub unchanged: usize,
    /// Of another county: held, nothing stored, until the office assigns them.
    pub held: usize,
    /// Refused with a sentence (not a return, damaged, …).
    pub refused: usize,
    /// Agencies whose imported returns have findings (an agency's workbook and report counted once).
    pub with_findings: usize,
    /// Those agencies' names.
    flagged: std::collections::BTreeSet<String>,
}

/// Why a file of a batch was not stored: the reader's refusal or the store's, with its code.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub code: ErrorCode,
    pub message: String,
}

impl From<ImportError> for Refusal {
    fn from(e: ImportError) -> Self {
        Refusal { code: e.code(), message: e.to_string() }
    }
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        Refusal { code: e.code(), message: e.to_string() }
    }
}

/// The code of a file held because it is of another county.
pub const HELD: ErrorCode = ErrorCode::OtherCounty;

/// What became of one file of a batch.
pub type Outcome = std::result::Result<Imported, Refusal>;

/// Imports every file with the overrides; see [`import_with`].
pub fn import_files(
    store: &mut Store,
    files: &[PathBuf],
    o: &Overrides,
    progress: impl FnMut(usize, &Path, &Outcome) + Send,
) -> Summary {
    // Each return's 统计表 is placed on its year's indicator table, as the office defined it.
    let o = Overrides { indicators: store.indicator_book().unwrap_or_default(), ..o.clone() };
    import_with(store, files, |p| read(p, &o), progress)
}

/// Imports every file, each read by `read`; `progress(index, path, outcome)` is called after each
/// one, in order, once it is committed. Readers stay at most a window of files (eight per core)
/// ahead of the last file stored, so memory stays flat however many files there are.
pub fn import_with(
    store: &mut Store,
    files: &[PathBuf],
    read: impl Fn(&Path) -> std::result::Result<Return, ImportError> + Sync,
    progress: impl FnMut(usize, &Path, &Outcome) + Send,
) -> Summary {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    let batch = Batch {
        files,
        window: cores * 8,
        queue: Mutex::new(Queue::default()),
        moved: Condvar::new(),
        writer: Mutex::new(Writer { store, progress, summary: Summary::default() }),
    };
    let readers = cores.min(files.len()).max(1);
    std::thread::scope(|scope| {
        for _ in 1..readers {
            scope.spawn(|| batch.read_all(&read));
        }
        // This thread is a reader too.
        batch.read_all(&read);
    });
    let summary = batch.writer.into_inner().unwrap_or_else(|e| e.into_inner()).summary;
    // The batch into the .db file itself: copied elsewhere now, the file holds it (wal.rs).
    let _ = store.checkpoint();
    summary
}

/// A file read, checked and encoded, or why it could not be read.
type Read = std::result::Result<(Return, Vec<Finding>, Encoded), ImportError>;

#[derive(Default)]
struct Queue {
    /// The next file to hand to a reader.
    next: usize,
    /// How many files are stored (committed, progress told): files `0..stored`.
    stored: usize,
    /// Files read and not yet stored, by index.
    ready: BTreeMap<usize, Read>,
    /// A reader is storing a run; only it touches the writer.
    writing: bool,
    /// Readers waiting for the window to move on.
    waiting: usize,
}

impl Queue {
    /// How many files from `stored` on are ready in order.
    fn run(&self) -> usize {
        (self.stored..).take_while(|i| self.ready.contains_key(i)).count()
    }
}

struct Writer<'s, P> {
    store: &'s mut Store,
    progress: P,
    summary: Summary,
}

struct Batch<'a, 's, P> {
    files: &'a [PathBuf],
    window: usize,
    queue: Mutex<Queue>,
    /// Told whenever `stored` moves, or a writer stops.
    moved: Condvar,
    /// Locked only by the reader that set `writing`, so never waited for.
    writer: Mutex<Writer<'s, P>>,
}

impl<P: FnMut(usize, &Path, &Outcome) + Send> Batch<'_, '_, P> {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// One reader: takes the next file, reads it without any lock held, hands it in, and stores
    /// the run in order when it is worth a transaction.
    fn read_all(&self, read: &(impl Fn(&Path) -> std::result::Result<Return, ImportError> + Sync)) {
        let mut q = self.lock();
        loop {
            let i = q.next;
            if i >= self.files.len() {
                // Nothing left to read; what is ready is stored by whoever completes it.
                if !q.writing && q.run() > 0 {
                    q = self.write(q);
                    continue;
                }
                return;
            }
            q.next += 1;
            while i >= q.stored + self.window {
                if !q.writing && q.run() > 0 {
                    q = self.write(q);
                } else {
                    q.waiting += 1;
                    q = self.moved.wait(q).unwrap_or_else(|e| e.into_inner());
                    q.waiting -= 1;
                }
            }
            drop(q);
            let got = read_checked(read, &self.files[i]);
            q = self.lock();
            q.ready.insert(i, got);
            if !q.writing && self.worth_writing(&q) {
                q = self.write(q);
            }
        }
    }

    fn worth_writing(&self, q: &Queue) -> bool {
        worth_writing(q.run(), q.stored, self.files.len(), q.waiting, self.window)
    }

    /// Stores runs of ready files until none is worth a transaction. Called with the queue
    /// locked and `writing` unset; the queue is unlocked while storing.
    fn write<'q>(&'q self, mut q: MutexGuard<'q, Queue>) -> MutexGuard<'q, Queue> {
        q.writing = true;
        loop {
            let first = q.stored;
            let run: Vec<Read> = (first..first + q.run()).filter_map(|i| q.ready.remove(&i)).collect();
            drop(q);
            let stored = run.len();
            {
                let mut w = self.writer.lock().unwrap_or_else(|e| e.into_inner());
                w.store_run(&self.files[first..first + stored], run, first);
            }
            q = self.lock();
            q.stored += stored;
            self.moved.notify_all();
            if !self.worth_writing(&q) {
                break;
            }
        }
        q.writing = false;
        self.moved.notify_all();
        q
    }
}

impl<P: FnMut(usize, &Path, &Outcome)> Writer<'_, P> {
    /// Stores files `first..` in one transaction, each its own savepoint, so one refused return
    /// leaves the others and a commit is paid once for several; progress is told only once they
    /// are committed.
    fn store_run(&mut self, files: &[PathBuf], run: Vec<Read>, first: usize) {
        let batch = self.store.begin_batch().map_err(Refusal::from);
        let mut outcomes: Vec<Outcome> = run
            .into_iter()
            .zip(files)
            .map(|(got, path)| match &batch {
                Ok(()) => got.map_err(Refusal::from).and_then(|(ret, findings, encoded)| {
                    self.store.import_encoded(&ret, &encoded, Some(path), findings).map_err(Refusal::from)
                }),
                Err(refusal) => Err(refusal.clone()),
            })
            .collect();
        if let Err(e) = self.store.commit_batch() {
            let refusal = Refusal::from(e);
            for o in outcomes.iter_mut().filter(|o| o.is_ok()) {
                *o = Err(refusal.clone());
            }
        }
        for (n, outcome) in outcomes.iter().enumerate() {
            match outcome {
                Ok(done) if done.unchanged => self.summary.unchanged += 1,
                Ok(done) => {
                    self.summary.imported += 1;
                    if !done.findings.is_empty() {
                        self.summary.flagged.insert(done.agency.clone());
                        self.summary.with_findings = self.summary.flagged.len();
                    }
                }
                Err(r) if r.code == HELD => self.summary.held += 1,
                Err(_) => self.summary.refused += 1,
            }
            (self.progress)(first + n, &files[n], outcome);
        }
    }
}

/// Whether `run` files ready in order after the `stored` ones (of `total`) make a transaction now:
/// half a `window` does (the pages a return touches besides its own, indexes and the roster, are
/// then written once for several returns), the last files of the batch do, and any run does while
/// a reader is `waiting` for the window to move on.
fn worth_writing(run: usize, stored: usize, total: usize, waiting: usize, window: usize) -> bool {
    run > 0 && (run >= window / 2 || stored + run == total || waiting > 0)
}

/// Reads, checks and encodes one file. A panic (a bug, not the file's fault: the readers catch
/// the workbook crates' own) refuses that file with a sentence instead of leaving the other
/// readers waiting for it for ever.
fn read_checked(read: &impl Fn(&Path) -> std::result::Result<Return, ImportError>, path: &Path) -> Read {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read(path).map(|ret| {
            let findings = checks::check(&ret);
            let encoded = Encoded::of(&ret);
            (ret, findings, encoded)
        })
    }))
    .unwrap_or_else(|_| {
        Err(ImportError::Io {
            file: path.display().to_string(),
            detail: "读取时程序内部出错，请把这个文件发给软件维护人员".into(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::worth_writing;

    /// When a transaction is written: what decides how many returns share one commit (the
    /// import benchmark measures what it saves), never whether a file is stored.
    #[test]
    fn a_transaction_takes_half_a_window_the_last_files_or_any_run_a_reader_waits_for() {
        let (total, window) = (100, 16);
        // (run, stored, waiting) → worth writing
        let cases = [
            ((0, 0, 0), false),
            ((0, 100, 0), false), // nothing ready, even at the end
            ((0, 40, 2), false),  // nothing ready, even with readers waiting
            ((7, 0, 0), false),   // under half a window
            ((8, 0, 0), true),    // half a window
            ((9, 30, 0), true),
            ((3, 96, 0), false), // not yet the last files
            ((3, 97, 0), true),  // the last files of the batch
            ((1, 20, 1), true),  // a reader waits
            ((1, 20, 0), false),
        ];
        for ((run, stored, waiting), worth) in cases {
            assert_eq!(
                worth_writing(run, stored, total, waiting, window),
                worth,
                "{run} ready after {stored}, {waiting} waiting"
            );
        }
    }
}
