//! The command line, shaped as ripgrep's: `args` defines every flag once, `commands/` holds one
//! file per family of commands, each a few lines over `nianbao::service`; this module gives them
//! the context (the database, opened once, and the year a command is about) and the error type
//! that keeps each failure's code, so the exit status says its class (see `ErrorCode::exit_status`).

/// Prints a line to stdout, control characters from files escaped (a file name or a cell with ESC or
/// BEL must not drive the terminal); a closed pipe (`nianbao … | head`) ends the command quietly.
macro_rules! say {
    ($($arg:tt)*) => {{
        let line = format!($($arg)*);
        let mut out = std::io::stdout().lock();
        if std::io::Write::write_fmt(&mut out, format_args!("{}\n", nianbao::service::terminal_safe(&line, true))).is_err() {
            std::process::exit(0);
        }
    }};
}

pub mod args;
mod commands;

use args::{AgencyAction, Cli, Command};
use commands::*;
use nianbao::model::{Coded, ErrorCode};
use nianbao::service::{self, Store};
use std::path::PathBuf;
use std::process::ExitCode;

/// Why a command failed: its code (for the exit status) and one Chinese sentence.
#[derive(Debug)]
pub struct CliError {
    pub code: ErrorCode,
    pub message: String,
}

/// Each layer's error keeps its code (`#[from]` as the service's own error does).
macro_rules! from_coded {
    ($($t:ty),*) => {$(
        impl From<$t> for CliError {
            fn from(e: $t) -> Self {
                CliError { code: e.code(), message: e.to_string() }
            }
        }
    )*};
}
from_coded!(service::Error, service::StoreError, service::ImportError, service::RosterError);

/// A sentence of the command line's own: a flag the user gave that names nothing (bad input).
impl From<String> for CliError {
    fn from(message: String) -> Self {
        CliError { code: ErrorCode::Invalid, message }
    }
}

impl From<&str> for CliError {
    fn from(e: &str) -> Self {
        CliError::from(e.to_string())
    }
}

/// A command's result: its exit status, or the failure.
pub type Out = Result<ExitCode, CliError>;

/// What every command may need: the database it works on, opened when asked.
pub struct Ctx {
    db: Option<PathBuf>,
}

impl Ctx {
    /// The database file: `--db`, else the user's data folder.
    pub fn path(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(Store::default_path)
    }

    pub fn store(&self) -> Result<Store, CliError> {
        Ok(Store::open(&self.path())?)
    }

    /// The store and the year a command is about: the one given, else the newest with returns.
    pub fn store_and_year(&self, year: Option<i32>) -> Result<(Store, i32), CliError> {
        let store = self.store()?;
        let year = service::resolve_year(&store, year)?;
        Ok((store, year))
    }
}

/// Prints a line to stderr in one write, made terminal-safe as [`say!`] does.
pub fn tell(line: &str) {
    let line = format!("{}\n", service::terminal_safe(line, true));
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Out {
    let cx = &Ctx { db: cli.db };
    match cli.command {
        Command::Inspect { file, json } => inspect::inspect(&file, json),
        Command::Import { paths, year, agency } => import::import(cx, &paths, year, agency),
        Command::Agencies { action } => agencies::agencies(cx, action.unwrap_or(AgencyAction::List { all: false })),
        Command::Status { year } => status::status(cx, year),
        Command::Findings { year, agency, json } => review::findings(cx, year, agency, json),
        Command::Finding { action } => review::finding(cx, action),
        Command::Review { action } => review::review(cx, action),
        Command::Stats { year, years, json } => stats::stats(cx, year, years, json),
        Command::Sections { year, agency } => status::sections(cx, year, agency),
        Command::Section { action } => section::section(cx, action),
        Command::County { action: Some(action), .. } => county::county_info(cx, action),
        Command::County { year, action: None } => status::county(cx, year),
        Command::Indicators { action } => county::indicators(cx, action),
        Command::Export { what } => export::export(cx, what),
        Command::Backup { out } => backup::backup(cx, out),
        Command::Backups => backup::backups(cx),
        Command::Restore { file } => backup::restore(cx, &file),
        Command::Check => backup::check(cx),
        Command::Correct { target, figure, value, note } => returns::correct(cx, target, &figure, value, note),
        Command::Figures { target, json } => returns::figures(cx, target, json),
        Command::Returns { action } => returns::returns(cx, action),
        Command::Demo { dir, count, year } => inspect::demo(&dir, count, year),
    }
}
