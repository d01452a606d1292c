//! Findings (table `findings`): what the checks found in each stored version, with the document
//! beside the workbook and last year's return; found again whenever what they check changed.

use super::returns::Db;
use super::rows::{rows, FromRow};
use super::{Result, Store};
use crate::checks;
use crate::model::{Finding, Return, SourceKind};
use rusqlite::params;

impl Store {
    /// Every open finding of an agency's year: those of the return that counts, then those of its
    /// current report document (when that is another file).
    pub fn open_findings(&self, agency_id: i64, year: i32) -> Result<Vec<Finding>> {
        let figures = self.db().current_return_id(agency_id, year)?;
        let document = self.db().current_document_id(agency_id, year)?.filter(|d| Some(*d) != figures);
        // Dismissed findings and switched-off rules are not open.
        let sql = format!(
            "SELECT {} FROM findings f WHERE f.return_id = ?1 AND {} ORDER BY id",
            Finding::COLUMNS,
            super::review::open_condition("?2", "?3")
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut out = Vec::new();
        for id in [figures, document].into_iter().flatten() {
            out.extend(rows::<Finding>(&mut st, params![id, agency_id, year])?);
        }
        Ok(out)
    }

    /// Runs every check on a stored return again (after the office changed what they check).
    pub(super) fn recheck_return(&mut self, return_id: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        Db(&tx).recheck(return_id)?;
        tx.commit()?;
        Ok(())
    }
}

impl Db<'_> {
    /// Re-checks an agency's current returns of a year and next year's, after which is current changed.
    pub(super) fn recheck_around(&self, agency_id: i64, year: i32) -> Result<()> {
        for kind in [SourceKind::Workbook, SourceKind::Word] {
            if let Some(id) = self.current_of_kind(agency_id, year, kind)? {
                self.recheck(id)?;
            }
        }
        if let Some(next) = self.current_return_id(agency_id, year + 1)? {
            self.recheck(next)?;
        }
        Ok(())
    }

    /// A return's findings beyond its own: last year's carried figures for the return that counts,
    /// and for a document beside a workbook, every difference between the two (its table rules
    /// are then the workbook's business and not repeated).
    pub(super) fn complete_findings(
        &self,
        return_id: i64,
        ret: &Return,
        agency_id: i64,
        year: i32,
        own: Vec<Finding>,
    ) -> Result<Vec<Finding>> {
        let mut findings = own;
        // A report document against the agency's own report of last year, and the other agencies'
        // of the year, each without the sentences the county prescribes.
        if let Some(doc) = &ret.document {
            let prescribed = super::review::prescribed_of(self.0, year)?;
            let threshold = super::review::copied_threshold_of(self.0, year)?;
            let own = checks::document::without_prescribed(doc, &prescribed);
            if let Some(last) = self.current_document_id(agency_id, year - 1)? {
                if let Some(last_doc) = self.load_return(last)?.document {
                    let last_own = checks::document::without_prescribed(&last_doc, &prescribed);
                    findings.extend(checks::document::copied_text(&own, &last_own, year - 1, threshold));
                    let own_name = ret.agency.as_deref().unwrap_or("");
                    findings.extend(checks::five_followed_up(doc, &last_doc, year - 1, own_name));
                }
            }
            // Against the other agencies' reports of the year stored before it, and the office's limits.
            let others: Vec<_> = self
                .other_documents(agency_id, year, doc)?
                .into_iter()
                .map(|(name, d)| {
                    let d = checks::document::without_prescribed(&d, &prescribed).into_owned();
                    (name, d)
                })
                .collect();
            findings.extend(checks::document::same_text(&own, &others, threshold));
            findings.extend(checks::document::length(doc, &super::review::length_limits_of(self.0, year)?));
        }
        if ret.source.is_document() {
            if let Some(wb) = self.current_workbook_id(agency_id, year)?.filter(|id| *id != return_id) {
                let workbook = self.load_return(wb)?;
                findings.retain(|f| f.rule.is_about_document());
                findings.extend(checks::compare(&workbook, ret));
                return Ok(findings);
            }
        }
        if self.current_return_id(agency_id, year)? == Some(return_id) {
            if let Some(last_id) = self.current_return_id(agency_id, year - 1)? {
                findings.extend(checks::check_carried(ret, &self.load_return(last_id)?));
            }
            // What the agency published, checked against the accepted version: with the version
            // whose figures count.
            findings.extend(self.publication_findings(agency_id, year)?);
        }
        Ok(findings)
    }

    /// Other agencies' texts of the same parts of a year, as their reports brought them or the office
    /// wrote them (the `sections` table, no document read), each of a length that could be alike:
    /// (name, one document holding those parts).
    pub(super) fn other_documents(
        &self,
        agency_id: i64,
        year: i32,
        doc: &crate::model::Document,
    ) -> Result<Vec<(String, crate::model::Document)>> {
        let mut st = self.0.prepare_cached(
            "SELECT a.name, s.text FROM sections s JOIN agencies a ON a.id = s.agency_id
             WHERE s.year = ?1 AND s.section = ?2 AND s.agency_id != ?3 AND length(s.text) BETWEEN ?4 AND ?5",
        )?;
        let mut by_agency: std::collections::BTreeMap<String, crate::model::Document> = Default::default();
        for part in doc.sections.iter().filter(|s| s.text.chars().count() >= 80) {
            let n = part.text.chars().count() as i64;
            let rows = st.query_map(params![year, part.key, agency_id, n * 6 / 10, n * 17 / 10], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (name, text) = row?;
                let section = crate::model::DocSection { key: part.key.clone(), text, place: String::new() };
                by_agency.entry(name).or_default().sections.push(section);
            }
        }
        Ok(by_agency.into_iter().collect())
    }

    pub(super) fn insert_findings(&self, return_id: i64, ret: &Return, findings: &[Finding]) -> Result<()> {
        let mut st = self.0.prepare_cached(
            "INSERT INTO findings (return_id, rule, cells, refs, message, fkey) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for f in findings {
            let cells = serde_json::to_string(&f.cells).unwrap_or_default();
            st.execute(params![
                return_id,
                f.rule.code(),
                cells,
                serde_json::to_string(&f.refs).unwrap_or_default(),
                f.message,
                super::review::finding_key(f, ret),
            ])?;
        }
        Ok(())
    }

    /// Runs every check on a stored return again and replaces its findings.
    /// [`Self::recheck`] for the store's other files.
    pub(super) fn recheck_stored(&self, return_id: i64) -> Result<Vec<Finding>> {
        self.recheck(return_id)
    }

    pub(super) fn recheck(&self, return_id: i64) -> Result<Vec<Finding>> {
        let mut ret = self.load_return(return_id)?;
        let (agency_id, year): (i64, i32) =
            self.0.query_row("SELECT agency_id, year FROM returns WHERE id = ?1", [return_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        // The report's parts as the office keeps them now (its edits included): a finding about a
        // part's text is about the text the office has, not the one first imported.
        if let Some(doc) = ret.document.as_mut() {
            for s in super::sections::rows_of(self.0, agency_id, year)? {
                match doc.sections.iter_mut().find(|d| d.key == s.key) {
                    Some(d) => d.text = s.text,
                    None if !s.text.trim().is_empty() => {
                        doc.sections.push(crate::model::DocSection { key: s.key, text: s.text, place: String::new() })
                    }
                    None => {}
                }
            }
        }
        let findings = self.complete_findings(return_id, &ret, agency_id, year, checks::check(&ret))?;
        self.0.execute("DELETE FROM findings WHERE return_id = ?1", [return_id])?;
        self.insert_findings(return_id, &ret, &findings)?;
        Ok(findings)
    }
}
