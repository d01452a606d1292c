//! nianbao 年报工作台: the engine. Reads agencies' Excel returns of the 政府信息公开工作年度报告,
//! checks them, keeps them in SQLite, merges them into the county's report and exports tables,
//! summaries and drafts. No Tauri here: the desktop shell and the CLI are thin layers over this.

pub mod checks;
pub mod forms;
pub mod import;
pub mod inspect;
pub mod store;
pub mod text;
pub mod bench;
pub mod export;
pub mod generate;
pub mod merge;
pub mod report;
