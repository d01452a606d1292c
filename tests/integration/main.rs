//! One integration-test binary (as ripgrep does): every module reads real files — the shared
//! samples, the committed fixtures, and returns the tests write with rust_xlsxwriter — and uses a
//! real SQLite database in a temporary folder.

mod architecture;
mod bad_files;
mod checks;
mod cli;
mod common;
mod county;
mod dashboard;
mod documents;
mod exports;
mod hardening;
mod hostile;
mod layout;
mod nothing_lost;
mod office;
mod portal_shapes;
mod published;
mod quirks;
mod real_pages;
mod registry;
mod report;
mod review;
mod review_season;
mod rules;
mod samples;
mod service_edges;
mod sources;
mod stats;
mod store;
mod trust;
