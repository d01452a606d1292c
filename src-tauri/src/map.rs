//! Engine values → what the screens show. Plain mapping; every decision stays in the engine.

use crate::dto::*;
use nianbao::model::{Agency, AgencyKind, Disposition, Finding, ReportOf, Return, SectionState, Table};
use nianbao::service::Refusal;
use nianbao::service::{table_layout as layout, LayoutContent as Content};
use nianbao::service::{Imported, Store};

type Result<T> = std::result::Result<T, nianbao::service::Error>;
use std::path::Path;

pub fn finding(f: &Finding) -> FindingDto {
    FindingDto {
        rule: f.rule,
        rule_name: f.rule.label().into(),
        about: nianbao::service::finding_about(f).into(),
        cells: f.cells.clone(),
        refs: f.refs.clone(),
        message: f.message.clone(),
        id: None,
        disposition: None,
        disposition_label: String::new(),
        reason: String::new(),
    }
}

/// A stored finding with its id and the office's disposition.
fn finding_row(f: &nianbao::service::review::FindingRow) -> FindingDto {
    let plain = Finding { rule: f.rule, cells: f.cells.clone(), refs: f.refs.clone(), message: f.message.clone() };
    FindingDto {
        id: Some(f.id as i32),
        disposition: f.disposition,
        disposition_label: f.disposition.map(|d| d.label().to_string()).unwrap_or_default(),
        reason: f.reason.clone(),
        ..finding(&plain)
    }
}

/// An agency's report in the review, as its screen shows it: its standing and its history.
pub fn review(store: &Store, agency: &Agency, year: i32) -> Result<ReviewDto> {
    let y = nianbao::service::review::standing(store, year)?;
    let standing = y.agency(&agency.name);
    let state = standing.map(|s| s.state).unwrap_or(nianbao::model::ReviewState::Missing);
    let since = nianbao::service::review::since_letter(store, &agency.name, year)?;
    let (next_round, next_sent) = nianbao::service::review::next_letter(store, &agency.name, year)?;
    let mut changes: Vec<String> =
        since.figures.iter().map(|f| format!("{}：{} → {}", f.label, f.before, f.after)).collect();
    changes.extend(since.sections.iter().map(|k| {
        let title = nianbao::service::section_def(k).map(|d| d.title).unwrap_or("");
        format!("{title}的文字有改动")
    }));
    Ok(ReviewDto {
        state,
        label: state.label().into(),
        overdue: standing.and_then(|s| s.overdue_words()),
        history: nianbao::service::review::history(store, agency, year)?
            .into_iter()
            .map(|c| StateDto {
                state: c.state,
                label: c.state.label().into(),
                round: c.round as i32,
                date: c.date,
                url: c.url,
                note: c.note,
                at: c.at,
            })
            .collect(),
        round: since.letter.as_ref().map(|l| l.round as i32).unwrap_or(0),
        changes,
        resolved: since.resolved,
        awaiting: since.same_version,
        next_round: next_round as i32,
        next_sent,
    })
}

/// A folder of published pages as 总览 lists it.
pub fn published(r: &nianbao::service::publish::FolderChecked) -> PublishedDto {
    PublishedDto {
        checked: r
            .checked
            .iter()
            .map(|c| {
                let p = &c.publication;
                PageCheckDto {
                    agency: c.agency.clone(),
                    file: c.file.clone(),
                    date: p.date.clone(),
                    date_source: p.date_source.clone(),
                    late_days: p.late_days as i32,
                    result: p.what_differs().map_or("与审核版本一致".into(), |w| format!("{w}与审核版本不一致")),
                    same: p.same(),
                }
            })
            .collect(),
        unseen: r.unseen.clone(),
        refused: r.refused.iter().map(|(f, why)| format!("{f}：{why}")).collect(),
    }
}

pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        county_label: ReportOf::COUNTY_LABEL.into(),
        section_states: SectionState::ALL.iter().map(|s| StateOption { state: *s, label: s.label().into() }).collect(),
        agency_kinds: AgencyKind::ALL.iter().map(|k| KindOption { kind: *k, label: k.label().into() }).collect(),
        terms: nianbao::model::TERMS.iter().map(|t| (t.key.to_string(), t.word.to_string())).collect(),
    }
}

pub fn agency_row(a: &Agency) -> AgencyRow {
    AgencyRow {
        id: a.id as i32,
        name: a.name.clone(),
        kind: a.kind,
        kind_label: a.kind.label().into(),
        retired: a.retired,
        sent: false,
        file: None,
        imported_at: None,
        format: None,
        format_label: None,
        document: None,
        contact: a.contact.clone(),
        phone: a.phone.clone(),
        findings: 0,
        sections_todo: 0,
        sections_imported: 0,
        review: nianbao::model::ReviewState::Missing,
        review_label: nianbao::model::ReviewState::Missing.label().into(),
        overdue: None,
    }
}

pub fn overview(store: &Store, year: Option<i32>, db: &Path) -> Result<Overview> {
    let year = match year {
        Some(y) => y,
        None => nianbao::service::working_year(store)?,
    };
    let y = nianbao::service::review::standing(store, year)?;
    let agencies: Vec<AgencyRow> = y
        .agencies
        .iter()
        .map(|s| {
            let mut row = agency_row(&s.status.agency);
            row.sent = s.sent();
            row.file = s.status.file_name.clone();
            row.imported_at = s.status.imported_at.clone();
            row.format = s.status.format;
            row.format_label = s.status.format.map(|f| f.label().to_string());
            row.document = s.status.document.clone();
            row.sections_imported = s.sections_imported as i32;
            row.findings = s.findings as i32;
            row.sections_todo = s.sections_todo as i32;
            row.review = s.state;
            row.review_label = s.state_words();
            row.overdue = s.overdue_words();
            row
        })
        .collect();
    Ok(Overview {
        year,
        years: y.years.clone(),
        sent: agencies.iter().filter(|a| a.sent).count() as i32,
        missing: agencies.iter().filter(|a| !a.sent).count() as i32,
        with_findings: agencies.iter().filter(|a| a.findings > 0).count() as i32,
        sections_todo: agencies.iter().map(|a| a.sections_todo).sum(),
        overdue: agencies.iter().filter(|a| a.overdue.is_some()).count() as i32,
        county_state: y.county.label(),
        county_publish_by: y.county.publish_by.clone(),
        county_overdue: y.county.overdue.map(str::to_string),
        agencies,
        database: db.display().to_string(),
    })
}

/// Every file's preview, read on every core, in the order of `paths`; each is also shown to `seen`
/// as soon as it is read.
pub fn previews(
    store: &mut Store,
    paths: &[std::path::PathBuf],
    book: &nianbao::service::IndicatorBook,
    reads: &nianbao::service::ReadCache,
    mut seen: impl FnMut(&Preview),
) -> Vec<Preview> {
    let mut all = Vec::with_capacity(paths.len());
    nianbao::service::returns::preview_each(store, paths, book, reads, |i, read| {
        let p = preview_of(&paths[i], read);
        seen(&p);
        all.push((i, p));
    });
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, p)| p).collect()
}

pub fn preview(store: &mut Store, path: &Path, book: &nianbao::service::IndicatorBook) -> Preview {
    preview_of(path, nianbao::service::returns::preview(store, path, book))
}

fn preview_of(
    path: &Path,
    read: std::result::Result<nianbao::service::returns::Preview, nianbao::service::ImportError>,
) -> Preview {
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let shown = path.display().to_string();
    match read {
        Ok(p) => {
            let ret = &p.ret;
            Preview {
                path: shown,
                file,
                agency: ret.agency.clone(),
                year: ret.year,
                format: Some(ret.format),
                format_label: Some(ret.format.label().into()),
                source: Some(ret.source),
                source_label: ret.source.label().into(),
                tables: ret.tables.iter().map(|t| t.short().to_string()).collect(),
                figures: ret.figures.len() as i32,
                sections: ret
                    .document
                    .iter()
                    .flat_map(|d| d.sections.iter())
                    .filter_map(|s| nianbao::service::section_def(&s.key).map(|d| d.title.to_string()))
                    .collect(),
                findings: p.findings.iter().map(finding).collect(),
                error: None,
                matched: p.matched.as_ref().map(|m| m.kind),
                matched_label: p.matched.as_ref().map(|m| m.kind.label().to_string()),
                matched_agency: p.matched.as_ref().and_then(|m| m.agency.as_ref()).map(|a| a.name.clone()),
                place: p.matched.as_ref().and_then(|m| m.place.clone()),
                unchanged: p.unchanged,
                corrections: p.corrections as i32,
                agency_candidates: ret.document.as_ref().map(|d| d.agency_candidates.clone()).unwrap_or_default(),
            }
        }
        Err(e) => Preview {
            path: shown,
            file,
            agency: None,
            year: None,
            format: None,
            format_label: None,
            source: None,
            source_label: String::new(),
            tables: vec![],
            figures: 0,
            sections: vec![],
            findings: vec![],
            error: Some(AppError::from(e)),
            matched: None,
            matched_label: None,
            matched_agency: None,
            place: None,
            unchanged: false,
            corrections: 0,
            agency_candidates: vec![],
        },
    }
}

pub fn progress(i: usize, total: i32, path: &Path, outcome: &std::result::Result<Imported, Refusal>) -> ImportProgress {
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match outcome {
        Ok(done) if done.unchanged => ImportProgress {
            index: i as i32,
            total,
            file,
            ok: true,
            unchanged: true,
            code: None,
            message: format!("未变化：{} {} 年与已导入的版本相同，未重复导入", done.agency, done.year),
            findings: 0,
        },
        Ok(done) => ImportProgress {
            index: i as i32,
            total,
            file,
            ok: true,
            unchanged: false,
            code: None,
            message: imported_message(done),
            findings: done.findings.len() as i32,
        },
        Err(r) => ImportProgress {
            index: i as i32,
            total,
            file,
            ok: false,
            unchanged: false,
            code: Some(r.code),
            message: r.message.clone(),
            findings: 0,
        },
    }
}

/// What an import did, in one line: the agency and year, what was read, what of the office's work
/// was kept or made moot.
fn imported_message(done: &Imported) -> String {
    let mut s = format!("已导入：{} {} 年，{}，{} 项数据", done.agency, done.year, done.source.label(), done.figures);
    if done.source.is_document() {
        s.push_str(&nianbao::service::said::sections(
            done.sections_taken,
            done.sections_offered,
            done.replaced_earlier,
        ));
    }
    if done.replaced_earlier {
        s.push_str("，替换了此前的版本（旧版保留）");
    }
    if done.corrections_kept > 0 {
        s.push_str(&format!("，保留了办公室的 {} 处更正", done.corrections_kept));
    }
    for x in &done.superseded {
        s.push_str(&nianbao::service::said::superseded(x));
    }
    s
}

/// A table in the official layout with the return's figures (flagged where a finding names them),
/// each corrected figure with what the file holds beside it (`corrected`: figure id → the file's
/// text, from the first correction's old value).
pub fn table(t: Table, ret: &Return, findings: &[Finding], corrected: &[(String, String)]) -> TableDto {
    // The 统计表 as the year's indicator table has it (the office's own indicators included).
    let lay =
        if t == Table::Stats { layout::stats_layout(ret.indicator_table()) } else { layout::layout(t, ret.format) };
    let cells = lay
        .cells
        .iter()
        .map(|c| {
            let (kind, text, figure) = match &c.content {
                Content::Header(s) => ("header", s.clone(), None),
                Content::Label(s) => ("label", s.clone(), None),
                Content::Unit(s) => ("unit", s.clone(), None),
                Content::Figure(id) => {
                    let f = ret.figure(id);
                    let dto = FigureDto {
                        id: id.clone(),
                        value: f.and_then(|f| f.value),
                        raw: f.map(|f| f.raw.clone()).unwrap_or_default(),
                        sheet: f.map(|f| f.sheet.clone()).unwrap_or_default(),
                        cell: f.map(|f| f.cell.clone()).unwrap_or_default(),
                        flagged: findings.iter().any(|x| x.cells.iter().any(|c| c == id)),
                        label: ret.describe(id),
                        file_raw: corrected.iter().find(|(f, _)| f == id).map(|(_, raw)| raw.clone()),
                    };
                    let text = dto.value.map(nianbao::service::fmt_num).unwrap_or_else(|| dto.raw.clone());
                    ("figure", text, Some(dto))
                }
            };
            TableCellDto {
                row: c.row as i32,
                col: c.col as i32,
                rows: c.rows as i32,
                cols: c.cols as i32,
                kind: kind.into(),
                text,
                figure,
            }
        })
        .collect();
    TableDto {
        key: t.short().into(),
        title: t.title().into(),
        width: lay.width as i32,
        height: lay.height as i32,
        cells,
    }
}

pub fn agency_detail(store: &Store, name: &str, year: i32) -> Result<AgencyDetail> {
    let d = nianbao::service::returns::detail(store, name, year)?;
    let v = &d.versions;
    let (a, current) = (&v.agency, v.figures.as_ref());
    let document_file = v.document.as_ref().map(|h| h.file_name.clone());
    let (tables, findings, dismissed, edits) = match &d.figures {
        Some(ret) => {
            let tables = ret.tables.iter().map(|t| table(*t, ret, &d.open, &d.file_text)).collect();
            let edits = d.corrections.iter().map(edit).collect();
            let rows = &d.rows;
            let open = rows.iter().filter(|f| f.disposition != Some(Disposition::Dismissed)).map(finding_row).collect();
            let dismissed =
                rows.iter().filter(|f| f.disposition == Some(Disposition::Dismissed)).map(finding_row).collect();
            (tables, open, dismissed, edits)
        }
        None => (vec![], vec![], vec![], vec![]),
    };
    Ok(AgencyDetail {
        agency: a.name.clone(),
        kind: a.kind,
        kind_label: a.kind.label().into(),
        year,
        return_id: current.map(|h| h.id as i32),
        file: current.map(|h| h.file_name.clone()),
        imported_at: current.map(|h| h.imported_at.clone()),
        format: current.map(|h| h.format),
        format_label: current.map(|h| h.format.label().into()),
        document: document_file,
        tables,
        findings,
        dismissed,
        review: review(store, a, year)?,
        history: v
            .all
            .iter()
            .map(|(h, removed_at)| HistoryDto {
                return_id: h.id as i32,
                file: h.file_name.clone(),
                imported_at: h.imported_at.clone(),
                current: h.current,
                findings: h.findings as i32,
                document: h.source.is_document(),
                removed_at: removed_at.clone(),
            })
            .collect(),
        edits,
        edits_elsewhere: d
            .elsewhere
            .iter()
            .map(|e| EditElsewhereDto {
                edit: edit(&e.correction),
                file: e.file.clone(),
                imported_at: e.imported_at.clone(),
                now: e.now.clone(),
            })
            .collect(),
    })
}

fn edit(c: &nianbao::service::Correction) -> EditDto {
    EditDto {
        label: nianbao::service::describe_figure(&c.figure, None),
        figure: c.figure.clone(),
        old_raw: c.old_raw.clone(),
        new_value: c.new_value,
        who: c.who.clone(),
        at: c.at.clone(),
        note: c.note.clone(),
    }
}

pub fn report(store: &Store, of: &ReportOf, year: i32) -> Result<ReportDto> {
    let (rep, ret) = nianbao::service::report(store, of, year)?;
    let mut sections = Vec::new();
    for s in &rep.sections {
        let def = nianbao::service::section_def(s.key).expect("every section has a definition");
        let work = match s.table {
            None => Some(nianbao::service::section_work(
                store,
                rep.agency_id,
                year,
                def,
                ret.as_ref(),
                rep.compiled.as_ref(),
            )?),
            Some(_) => None,
        };
        sections.push(SectionDto {
            key: s.key.into(),
            title: s.title.into(),
            level: def.level as i32,
            is_table: s.table.is_some(),
            state: s.state,
            state_label: s.state_label.clone(),
            text: s.text.clone(),
            source_file: s.source_file.clone(),
            source_place: s.source_place.clone(),
            history: work
                .as_ref()
                .map(|w| {
                    w.history
                        .iter()
                        .map(|h| SectionHistoryDto {
                            state_label: h.state.label().into(),
                            text: h.text.clone(),
                            source_file: h.source_file.clone(),
                            until: h.until.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            offer: work.as_ref().and_then(|w| w.offer.as_ref()).map(|o| SectionOfferDto {
                text: o.text.clone(),
                source_file: o.source_file.clone(),
                source_place: o.source_place.clone(),
                offered_at: o.offered_at.clone(),
            }),
            complete: s.complete,
            findings: s.findings.iter().map(finding).collect(),
            generated: work.as_ref().and_then(|w| w.generated.clone()),
            last_year: work.and_then(|w| w.last_year),
        });
    }
    Ok(ReportDto { of: of.clone(), agency: rep.agency, year, sections })
}

pub fn county(store: &Store, year: i32) -> Result<CountyDto> {
    let c = nianbao::service::county(store, year)?;
    Ok(CountyDto {
        year,
        format: c.format,
        tables: c.totals.tables.iter().map(|t| table(*t, &c.totals, &[], &[])).collect(),
        included: c.included,
        missing: c.missing,
        with_findings: c.with_findings.into_iter().map(|(agency, n)| AgencyCount { agency, count: n as i32 }).collect(),
        other_format: c.other_format,
    })
}

pub fn indicators(store: &Store, year: i32) -> Result<IndicatorsDto> {
    let (table, from_year) = nianbao::service::indicator_table(store, year)?;
    Ok(IndicatorsDto { year, from_year, table })
}

pub fn backup(b: &nianbao::service::Backup) -> BackupDto {
    BackupDto {
        path: b.path.display().to_string(),
        taken: b.taken.clone(),
        reason: b.reason.clone(),
        kb: (b.bytes / 1024) as i32,
        good: b.good,
        note: b.note.clone(),
        agencies: b.agencies.map(|n| n as i32),
        returns: b.returns.map(|n| n as i32),
    }
}

pub fn part_sources(store: &Store, year: i32, key: &str) -> Result<PartSourcesDto> {
    use nianbao::service::{Highlight, Source};
    let work = nianbao::service::sources::part_work(store, year, key)?;
    let source = |s: &Source| SourceDto {
        agency: s.agency.clone(),
        kind: s.kind,
        kind_label: s.kind.label().into(),
        state: s.state.code().into(),
        state_label: s.state.label().into(),
        text: s.text.clone(),
        file: s.file.clone(),
        place: s.place.clone(),
        contradictions: s.contradictions.clone(),
    };
    let hl = |l: &[Highlight]| {
        l.iter().map(|h| HighlightDto { agency: h.agency.clone(), sentence: h.sentence.clone() }).collect()
    };
    Ok(PartSourcesDto {
        key: work.sources.key.into(),
        title: work.sources.title.into(),
        year,
        sources: work.sources.sources.iter().map(source).collect(),
        without: work.sources.without.iter().map(source).collect(),
        figures: hl(&work.highlights.figures),
        new: hl(&work.highlights.new),
        problems: hl(&work.highlights.problems),
        improvements: hl(&work.highlights.improvements),
        counted: work.counted.into_iter().map(|c| CountedDto { sentence: c.sentence, agencies: c.agencies }).collect(),
        new_words: nianbao::service::sources::new_words(store)?,
    })
}

pub fn deadline(d: nianbao::service::review::DeadlineRow) -> DeadlineDto {
    DeadlineDto { kind: d.kind.into(), label: d.label.into(), date: d.date, law: d.law, basis: d.basis.into() }
}

#[cfg(test)]
mod tests {
    //! The handlers' mapping on a real store filled with the shared samples, without a desktop.
    use super::*;

    #[test]
    fn an_indicator_added_and_removed_through_the_service() {
        // The command's input is the engine's own type: exported for the front end like the DTOs.
        use ts_rs::TS;
        nianbao::service::NewIndicator::export_all(&ts_rs::Config::from_env()).unwrap();
        let (_dir, mut store) = store();
        let new = nianbao::service::NewIndicator {
            section: 1,
            label: "（三）政务新媒体发布信息数".into(),
            unit: "条".into(),
            ..Default::default()
        };
        let id = nianbao::service::add_indicator(&mut store, 2021, &new).unwrap();
        let dto = indicators(&store, 2021).unwrap();
        assert_eq!(dto.from_year, Some(2021));
        assert_eq!(dto.table.get(&id).unwrap().words, vec!["政务新媒体发布信息数".to_string()]);
        assert_eq!(dto.table.indicators[dto.table.order(&id) - 1].id, "stats.channel.other");
        nianbao::service::remove_indicator(&mut store, 2021, &id).unwrap();
        assert!(indicators(&store, 2021).unwrap().table.get(&id).is_none());
        assert!(nianbao::service::remove_indicator(&mut store, 2021, "stats.x.99").is_err());
    }

    /// One word for one thing: no screen, script or engine source spells a thing with a word the
    /// vocabulary retired (model::TERMS names them and the word to say instead).
    #[test]
    fn the_ui_and_the_engine_use_one_word_for_one_thing() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for dir in ["ui/src", "src", "src-tauri/src"] {
            collect_sources(&root.join(dir), &mut files);
        }
        assert!(files.len() > 40, "{} source files", files.len());
        let mut found = Vec::new();
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            for t in nianbao::model::TERMS {
                for w in t.not {
                    // The vocabulary itself names them.
                    if text.contains(w) && !f.ends_with("model.rs") {
                        found.push(format!("{}: “{w}” (say “{}”)", f.display(), t.word));
                    }
                }
            }
        }
        assert!(found.is_empty(), "{found:#?}");
        let v = vocabulary();
        assert_eq!(v.terms["sections_todo"], "待完成章节");
        let overview = std::fs::read_to_string(root.join("ui/src/views/OverviewView.vue")).unwrap();
        assert!(overview.contains("待完成章节"));
    }

    /// Every command the front end calls (ui/src/api.ts) is registered with the shell, and every
    /// registered command is called: a renamed or forgotten command fails here, not in the office.
    #[test]
    fn the_front_ends_commands_are_the_shells_handlers() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let api = std::fs::read_to_string(root.join("../ui/src/api.ts")).unwrap();
        let lib = std::fs::read_to_string(root.join("src/lib.rs")).unwrap();
        let mut called: Vec<String> = api
            .split("invoke<")
            .skip(1)
            .filter_map(|rest| rest.split_once(">('").map(|(_, r)| r.split('\'').next().unwrap_or("").to_string()))
            .collect();
        called.sort();
        called.dedup();
        let handlers = lib.split("generate_handler![").nth(1).and_then(|r| r.split(']').next()).unwrap_or("");
        let mut registered: Vec<String> =
            handlers.split(',').map(|h| h.trim().to_string()).filter(|h| !h.is_empty()).collect();
        registered.sort();
        assert!(called.len() > 30, "{called:?}");
        assert_eq!(called, registered);
    }

    fn collect_sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() && !p.ends_with("bindings") {
                collect_sources(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs" || x == "vue" || x == "ts") {
                out.push(p);
            }
        }
    }

    fn store() -> (tempfile_dir::Dir, Store) {
        let dir = tempfile_dir::Dir::new();
        let mut store = Store::open(&dir.0.join("t.db")).unwrap();
        // The samples come from two counties: the roster lists both agencies, so neither is held.
        for (name, kind) in [("泗水县商务局", AgencyKind::Department), ("沂源县悦庄镇人民政府", AgencyKind::Township)]
        {
            store.add_agency(name, kind).unwrap();
        }
        let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/samples");
        for e in std::fs::read_dir(samples).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "xlsx") {
                nianbao::service::import_files(&mut store, &[p], &Default::default(), |_, _, _| {});
            }
        }
        (dir, store)
    }

    /// A temporary folder removed on drop (no extra dependency for one use).
    mod tempfile_dir {
        pub struct Dir(pub std::path::PathBuf);
        impl Dir {
            pub fn new() -> Dir {
                let p = std::env::temp_dir().join(format!(
                    "nianbao-app-test-{}-{:?}",
                    std::process::id(),
                    std::thread::current().id()
                ));
                std::fs::create_dir_all(&p).unwrap();
                Dir(p)
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    #[test]
    fn overview_detail_report_and_county() {
        let (dir, store) = store();
        let o = overview(&store, None, &dir.0).unwrap();
        assert_eq!((o.year, o.years.clone(), o.sent, o.missing), (2021, vec![2021, 2020], 1, 1));
        let row = o.agencies.iter().find(|a| a.name == "泗水县商务局").unwrap();
        assert_eq!((row.sent, row.findings, row.sections_todo), (true, 0, 8));

        let d = agency_detail(&store, "泗水县商务局", 2021).unwrap();
        assert_eq!(d.tables.len(), 4);
        let apply = d.tables.iter().find(|t| t.key == "表三").unwrap();
        let f = apply.cells.iter().find_map(|c| c.figure.as_ref().filter(|f| f.id == "apply.open.total")).unwrap();
        assert_eq!((f.sheet.as_str(), f.cell.as_str(), f.value), ("依申请公开", "J6", Some(0.0)));
        let stats = d.tables.iter().find(|t| t.key == "统计表").unwrap();
        assert!(stats
            .cells
            .iter()
            .any(|c| c.figure.as_ref().is_some_and(|f| f.id == "stats.active.total" && f.value == Some(42.0))));

        let r = report(&store, &ReportOf::Agency("泗水县商务局".into()), 2021).unwrap();
        let apply_text = r.sections.iter().find(|s| s.key == "一（二）").unwrap();
        assert_eq!(
            apply_text.generated.as_deref(),
            Some("本年度未收到政府信息公开申请，无上年结转的政府信息公开申请。")
        );

        let c = county(&store, 2021).unwrap();
        assert_eq!(c.included, vec!["泗水县商务局".to_string()]);
        assert_eq!(c.missing, vec!["沂源县悦庄镇人民政府".to_string()]);

        let mut store = store;
        let p = preview(
            &mut store,
            Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml").as_path(),
            &Default::default(),
        );
        assert_eq!(p.error.unwrap().code, nianbao::model::ErrorCode::NotWorkbook);
        // A sample already stored is previewed as unchanged, its agency found as named.
        let sample =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/samples/2021-泗水县商务局.xlsx");
        let p = preview(&mut store, &sample, &Default::default());
        assert_eq!((p.matched, p.unchanged), (Some(nianbao::model::MatchKind::Exact), true), "{:?}", p.error);
    }
}
