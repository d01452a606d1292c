//! Corrections by hand (table `figure_edits`): the office's change of one figure, kept with who,
//! when, why and the old value; re-checked at once; carried onto an agency's new version where the
//! agency's value is still the one corrected, else told as superseded.

use super::returns::{figure_data, figures_from_json, figures_to_json, Db};
use super::{Result, Store, StoreError};
use crate::model::{Finding, SourceKind};
use rusqlite::{params, TransactionBehavior};
use serde::Serialize;

/// A hand correction of one figure: what the file said, what the office made it, who, when, why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Correction {
    pub figure: String,
    pub old_value: Option<f64>,
    pub old_raw: String,
    pub new_value: Option<f64>,
    pub who: String,
    pub at: String,
    pub note: String,
}

/// A correction the office made that the agency's new file made moot: the agency changed the
/// figure itself, and its new value counts. Told to the worker, never dropped silently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Superseded {
    pub figure: String,
    /// The file's value the office had corrected.
    pub was: Option<f64>,
    /// The office's correction.
    pub corrected: Option<f64>,
    /// The agency's new value, which now counts.
    pub now: Option<f64>,
}

/// Each corrected figure once, in the order it was first corrected: its first correction (what
/// the file said) and its last (the office's last word, which counts).
pub fn corrections_by_figure(corrections: &[Correction]) -> Vec<(&Correction, &Correction)> {
    let mut pairs: Vec<(&Correction, &Correction)> = Vec::new();
    for c in corrections {
        match pairs.iter_mut().find(|(first, _)| first.figure == c.figure) {
            Some(pair) => pair.1 = c,
            None => pairs.push((c, c)),
        }
    }
    pairs
}

impl Store {
    /// Corrects one figure by hand: the old value is recorded with who, when and why, the return is
    /// re-checked at once (and next year's, whose carried-over figures depend on it).
    pub fn correct_figure(
        &mut self,
        return_id: i64,
        figure: &str,
        value: f64,
        who: &str,
        note: &str,
    ) -> Result<Vec<Finding>> {
        if !value.is_finite() || value.abs() > crate::text::MAX_FIGURE {
            return Err(StoreError::Invalid(format!("“{value}”不是有效数字。")));
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let store = Db(&tx);
        store.apply_correction(return_id, figure, value, who, note)?;
        let findings = store.recheck(return_id)?;
        let (agency_id, year, source): (i64, i32, SourceKind) =
            tx.query_row("SELECT agency_id, year, source FROM returns WHERE id = ?1", [return_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        if let Some(other) = store.current_of_other_kind(agency_id, year, source)? {
            store.recheck(other)?;
        }
        if let Some(next) = store.current_return_id(agency_id, year + 1)? {
            store.recheck(next)?;
        }
        tx.commit()?;
        Ok(findings)
    }
}

impl Db<'_> {
    /// Records a correction of one figure and writes the figure's new value into the return.
    pub(super) fn apply_correction(
        &self,
        return_id: i64,
        figure: &str,
        value: f64,
        who: &str,
        note: &str,
    ) -> Result<()> {
        let mut figures = figures_from_json(return_id, &figure_data(self.0, return_id)?)?;
        let Some(f) = figures.iter_mut().find(|f| f.id == figure) else {
            return Err(StoreError::NotFound(format!("这份报表没有数据项 {figure}。")));
        };
        self.0.execute(
            "INSERT INTO figure_edits (return_id, figure, old_value, old_raw, new_value, who, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![return_id, figure, f.value, f.raw, value, who, crate::text::one_line(note).trim()],
        )?;
        (f.value, f.raw) = (Some(value), crate::text::fmt_num(value));
        self.0.execute(
            "UPDATE returns SET figure_data = ?2 WHERE id = ?1",
            params![return_id, figures_to_json(&figures)],
        )?;
        Ok(())
    }

    /// The office's corrections of `from` carried onto its new version `to`: a figure the agency's
    /// new file still has at the value the office corrected keeps the correction; a figure the
    /// agency changed takes the agency's new value, and the correction is returned as superseded.
    pub(super) fn carry_corrections(&self, from: i64, to: i64) -> Result<(usize, Vec<Superseded>)> {
        let corrections = self.corrections(from)?;
        let new = self.load_return(to)?;
        let (mut kept, mut superseded) = (0, Vec::new());
        // What the file said before the office's first correction, and the office's last word.
        for (first, last) in corrections_by_figure(&corrections) {
            let figure = first.figure.as_str();
            let now = new.figure(figure);
            let unchanged =
                now.is_some_and(|f| f.value == first.old_value && (f.value.is_some() || f.raw == first.old_raw));
            match (unchanged, last.new_value) {
                (true, Some(v)) => {
                    let note = if last.note.is_empty() {
                        "沿用上一版本的更正".to_string()
                    } else {
                        last.note.clone()
                    };
                    self.apply_correction(to, figure, v, &last.who, &note)?;
                    kept += 1;
                }
                _ => superseded.push(Superseded {
                    figure: figure.to_string(),
                    was: first.old_value,
                    corrected: last.new_value,
                    now: now.and_then(|f| f.value),
                }),
            }
        }
        Ok((kept, superseded))
    }
}
