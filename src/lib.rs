//! nianbao 年报工作台: the engine. Reads agencies' Excel returns and report documents of the
//! 政府信息公开工作年度报告, checks them, keeps them in SQLite, merges them into the county's report
//! and exports tables, summaries and drafts. No Tauri here: the desktop shell and the CLI are thin
//! layers over `service`.
//!
//! Data flows one way: `forms` (the registry) → `import` (guard → grid → located tables →
//! figures) → `checks` → `store` → `merge` → `report` → `export`. `model` holds the types they
//! share; `service` holds the operations the CLI and the app share.
#![warn(clippy::too_many_lines)]

#[macro_use]
mod coded;
pub mod forms;
pub mod model;
pub mod text;

pub mod import;

pub mod checks;

pub mod store;

pub mod merge;

pub mod report;

pub mod export;

pub mod service;

pub mod generate;
pub mod inspect;
pub mod memory;
