//! The machine-readable output of one return, exactly as FORMS.md fixes it: agency, year, format,
//! cells (every id the return fills, in the forms' order) and findings (rule, cells, message).

use crate::model::{Finding, Return};
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
    let mut out = json!({
        "agency": ret.agency,
        "year": ret.year,
        "format": ret.format.code(),
        "cells": cells,
        "findings": findings.iter().map(|f| json!({"rule": f.rule.code(), "cells": f.cells, "message": f.message})).collect::<Vec<_>>(),
    });
    // A report document adds its sections, keyed as the report model names them (FORMS.md).
    if let Some(doc) = &ret.document {
        let sections: Map<String, Value> = doc.sections.iter().map(|s| (s.key.clone(), json!(s.text))).collect();
        if let Value::Object(m) = &mut out {
            let findings = m.remove("findings").unwrap_or_default();
            m.insert("sections".into(), Value::Object(sections));
            // Where the report's own sources name other agencies: every name, the one taken first.
            if !doc.agency_candidates.is_empty() {
                m.insert("agency_candidates".into(), json!(doc.agency_candidates));
            }
            m.insert("findings".into(), findings);
        }
    }
    out
}
