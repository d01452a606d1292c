//! The model's enums as the database keeps them: by their code ("department", "draft"), never by
//! the words the office reads, and never read back as a default — a value the program does not know
//! is an error naming it (a database edited by hand, or written by a newer version).

use crate::model::{AgencyKind, SectionState};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

fn unknown(what: &str, value: &str) -> FromSqlError {
    FromSqlError::Other(format!("数据库中的{what}“{value}”无法识别").into())
}

impl ToSql for AgencyKind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.code()))
    }
}

impl FromSql for AgencyKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        AgencyKind::from_code(s).ok_or_else(|| unknown("单位类别", s))
    }
}

impl ToSql for SectionState {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.code()))
    }
}

impl FromSql for SectionState {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        SectionState::from_code(s).ok_or_else(|| unknown("章节状态", s))
    }
}
