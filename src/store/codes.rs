//! The model's enums as the database keeps them: by their code ("department", "draft"), never by
//! the words the office reads, and never read back as a default — a value the program does not know
//! is an error naming it (a database edited by hand, or written by a newer version).

use crate::model::{AgencyKind, Disposition, Format, ReviewState, Rule, SectionState, SourceKind};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

fn unknown(what: &str, value: &str) -> FromSqlError {
    FromSqlError::Other(format!("数据库中的{what}“{value}”无法识别").into())
}

/// An enum kept by its code: written as `code()`, read back through `from_code`, an unknown value
/// an error naming `what`.
macro_rules! by_code {
    ($t:ty, $what:literal) => {
        impl ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.code()))
            }
        }

        impl FromSql for $t {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let s = value.as_str()?;
                <$t>::from_code(s).ok_or_else(|| unknown($what, s))
            }
        }
    };
}

by_code!(AgencyKind, "单位类别");
by_code!(SectionState, "章节状态");
by_code!(SourceKind, "文件来源");
by_code!(Format, "表格格式");
by_code!(Rule, "审核规则");
by_code!(ReviewState, "审核状态");
by_code!(Disposition, "处理意见");
