pub mod returns;
