//! The machine-readable output of one return, exactly as FORMS.md fixes it: agency, year, format,
//! cells (every id the return fills, in the forms' order) and findings (rule, cells, message).

use crate::checks::{self, Finding};
use crate::import::Return;
use serde_json::{json, Map, Value};

/// The `inspect` JSON of a return read from a file; `findings` are those of [`checks::check`].
pub fn to_json(ret: &Return, findings: &[Finding]) -> Value {
    let mut cells = Map::new();
    for f in &ret.figures {
        let v = match f.value {
            Some(x) if x.fract() == 0.0 && x.abs() < 9e15 => json!(x as i64),
            Some(x) => json!(x),
            None => Value::Null,
        };
        cells.insert(f.id.clone(), v);
    }
    json!({
        "agency": ret.agency,
        "year": ret.year,
        "format": ret.format.id(),
        "cells": cells,
        "findings": findings.iter().map(|f| json!({"rule": f.rule, "cells": f.cells, "message": f.message})).collect::<Vec<_>>(),
    })
}

/// Reads and checks one file for `inspect`: nothing is stored.
pub fn inspect_file(path: &std::path::Path) -> Result<Value, crate::import::ImportError> {
    let ret = crate::import::read_file(path)?;
    let findings = checks::check(&ret);
    Ok(to_json(&ret, &findings))
}
