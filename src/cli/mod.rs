pub mod returns;
pub mod sources;
