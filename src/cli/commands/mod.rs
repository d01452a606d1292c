//! One file per family of commands; each command opens what it needs through the context and calls
//! one operation of `nianbao::service`.

pub mod agencies;
pub mod backup;
pub mod county;
pub mod export;
pub mod import;
pub mod inspect;
pub mod returns;
pub mod review;
pub mod section;
pub mod sources;
pub mod stats;
pub mod status;
