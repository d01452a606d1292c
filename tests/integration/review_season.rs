//! The review season exactly right: deadlines by the 条例 per kind and for the county's own report,
//! one standing read by every screen and export, exporting that records nothing and sending that
//! is explicit, letters that name each of their cells once, dispositions keyed by values (through
//! the migration too), parts left 待撰写 counted as to write, and a county annex without review state.

use crate::common::{cli, docx_paragraphs, figures, run_ok, tempdir, write_return};
use nianbao::forms::Format;
use nianbao::generate::Options;
use nianbao::model::{AgencyKind, Disposition, ReviewState, Rule, SectionState};
use nianbao::report::standing::standing;
use nianbao::service::review::{self, DeadlineKind};
use nianbao::store::Store;
use std::path::Path;

fn db_cmd(db: &Path) -> std::process::Command {
    let mut c = cli();
    c.arg("--db").arg(db);
    c
}

fn text(out: std::process::Output) -> String {
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn deadlines_are_the_regulations_and_the_office_may_only_set_them_earlier() {
    let dir = tempdir();
    let db = dir.path().join("c.db");
    let shown = text(run_ok(db_cmd(&db).args(["review", "deadlines", "--year", "2021"])));
    assert!(shown.contains("部门：报送截止 2022-01-31，公开截止 2022-01-31"), "{shown}");
    assert!(shown.contains("乡镇/街道：报送截止 2022-01-31，公开截止 2022-01-31"), "{shown}");
    assert!(shown.contains("全县政府年报：公开截止 2022-03-31"), "{shown}");
    // Later than the law: refused in one sentence naming the article, nothing kept.
    let late =
        db_cmd(&db).args(["review", "deadlines", "--year", "2021", "--publish-by", "2022-03-31"]).output().unwrap();
    assert_eq!(late.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&late.stderr).contains("第四十九条"));
    let county_late = db_cmd(&db)
        .args(["review", "deadlines", "--year", "2021", "--county-publish-by", "2022-04-01"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&county_late.stderr).contains("第五十条"));
    // Earlier: the office's own, the townships following the departments unless set apart.
    let set = text(run_ok(db_cmd(&db).args(["review", "deadlines", "--year", "2021", "--report-by", "2022-01-15"])));
    assert!(set.contains("部门：报送截止 2022-01-15，公开截止 2022-01-31"), "{set}");
    assert!(set.contains("乡镇/街道：报送截止 2022-01-15"), "{set}");
    let t = run_ok(db_cmd(&db).args(["review", "deadlines", "--year", "2021", "--township-publish-by", "2022-01-20"]));
    assert!(text(t).contains("乡镇/街道：报送截止 2022-01-15，公开截止 2022-01-20"));
    let store = Store::open(&db).unwrap();
    let d = store.deadlines(2021).unwrap();
    assert_eq!(d.of(AgencyKind::Department), ("2022-01-15", "2022-01-31"));
    assert_eq!(d.of(AgencyKind::Township), ("2022-01-15", "2022-01-20"));
    // Emptied: back to the law's.
    review::deadlines(&store, 2021, &[(DeadlineKind::Report, String::new())]).unwrap();
    assert_eq!(store.deadlines(2021).unwrap().report_by, "2022-01-31");
    // As the app sees and sets them: one a row, with the law's date and its basis.
    let rows = review::deadline_rows(&store, 2021, Some(("publish", "2022-01-25"))).unwrap();
    let publish = rows.iter().find(|r| r.kind == "publish").unwrap();
    assert_eq!((publish.date.as_str(), publish.law.as_str()), ("2022-01-25", "2022-01-31"));
    assert!(publish.basis.contains("第四十九条"));
    let county = rows.iter().find(|r| r.kind == "county_publish").unwrap();
    assert_eq!((county.date.as_str(), county.basis), ("2022-03-31", "《条例》第五十条：次年 3 月 31 日前"));
    let late = review::deadline_rows(&store, 2021, Some(("county_publish", "2022-04-30"))).unwrap_err();
    assert!(late.to_string().contains("第五十条"), "{late}");
    assert!(review::deadline_rows(&store, 2021, Some(("no such", ""))).is_err());
}

#[test]
fn one_standing_says_who_is_overdue_by_kind_and_the_countys_own_report() {
    let dir = tempdir();
    let store = crate::common::yishui(dir.path(), &["沂水县迟报局"]);
    // 1 February: a department that sent but has not published is 逾期公开 (第四十九条), not on 31 January.
    let jan31 = standing(&store, 2021, Some("2022-01-31")).unwrap();
    assert!(jan31.agencies.iter().all(|s| s.overdue.is_none()), "nothing is late on the day itself");
    let feb1 = standing(&store, 2021, Some("2022-02-01")).unwrap();
    let dept = feb1.expected().find(|s| s.sent() && s.status.agency.kind == AgencyKind::Department).unwrap();
    assert_eq!(dept.overdue, Some("逾期公开"));
    assert_eq!(dept.overdue_words().unwrap(), "逾期公开（公开截止 2022-01-31）");
    assert_eq!(feb1.agency("沂水县迟报局").unwrap().overdue, Some("逾期报送"));
    // Townships by the office's own date.
    store.set_deadline(2021, DeadlineKind::TownshipPublish, "2022-01-20").unwrap();
    let jan25 = standing(&store, 2021, Some("2022-01-25")).unwrap();
    for s in jan25.expected().filter(|s| s.sent()) {
        let want = (s.status.agency.kind == AgencyKind::Township).then_some("逾期公开");
        assert_eq!(s.overdue, want, "{}", s.name());
    }
    // The county's own report: due 3月31日, overdue after unless recorded published.
    let apr1 = standing(&store, 2021, Some("2022-04-01")).unwrap();
    assert_eq!((apr1.county.publish_by.as_str(), apr1.county.overdue), ("2022-03-31", Some("逾期公开")));
    review::set_state(
        &store,
        "全县",
        2021,
        ReviewState::Published,
        &review::Move {
            date: Some("2022-03-30".into()),
            url: Some("http://x.gov.cn/2021".into()),
            note: None,
            page: None,
        },
    )
    .unwrap();
    let apr1 = standing(&store, 2021, Some("2022-04-01")).unwrap();
    assert_eq!(apr1.county.overdue, None);
    assert_eq!(apr1.county.label(), "已公开 2022-03-30");
    // Today is the office's real date: a year whose deadlines are still ahead has nobody overdue.
    let ahead = review::standing(&store, 2090).unwrap();
    assert!(ahead.today.starts_with("20") && ahead.today.len() == 10, "{}", ahead.today);
    assert!(ahead.expected().count() > 0 && ahead.expected().all(|s| s.overdue.is_none()));
    assert_eq!(ahead.county.overdue, None);
    // The chase list, the dashboard and the standing agree on who is overdue and how many.
    let now = review::standing(&store, 2021).unwrap();
    let chase: Vec<String> = nianbao::export::office::chase_rows(&store, 2021)
        .unwrap()
        .into_iter()
        .filter(|r| r.overdue)
        .map(|r| r.agency)
        .collect();
    let late: Vec<String> = now.expected().filter(|s| s.overdue.is_some()).map(|s| s.name().to_string()).collect();
    assert_eq!(chase.len(), late.len());
    assert!(late.iter().all(|a| chase.contains(a)));
    let d = nianbao::report::dashboard::dashboard(&store, 2021, 2021..=2021, &now.today).unwrap();
    let counted: i32 = d.progress.iter().map(|p| p.counts.iter().sum::<i32>()).sum();
    assert_eq!(counted as usize, now.expected().count());
    assert_eq!(d.progress.iter().map(|p| p.overdue).sum::<i32>() as usize, late.len());
}

/// A return with a 行合计 and a 列合计 error, imported into `db`.
fn flagged(dir: &Path, db: &Path) -> std::path::PathBuf {
    let mut figs = figures(Format::Gov2021, false, 60);
    *figs.get_mut("apply.new.natural").unwrap() += 1.0;
    *figs.get_mut("review.reconsideration.upheld").unwrap() += 1.0;
    let file = write_return(dir, "2021-丁局.xlsx", &Options::new(Format::Gov2021), &figs);
    run_ok(db_cmd(db).arg("import").arg(&file));
    file
}

#[test]
fn exporting_records_nothing_and_sending_a_letter_is_the_office_s_act() {
    let dir = tempdir();
    let db = dir.path().join("c.db");
    flagged(dir.path(), &db);
    let show = || text(run_ok(db_cmd(&db).args(["review", "show", "--agency", "丁局", "--year", "2021"])));
    let status = || text(run_ok(db_cmd(&db).args(["status", "--year", "2021"])));
    let (show0, status0) = (show(), status());
    for n in 0..2 {
        run_ok(db_cmd(&db).args(["export", "all", "--year", "2021", "--dir"]).arg(dir.path().join(format!("all{n}"))));
    }
    let letter = dir.path().join("意见.docx");
    let export_letter = || {
        run_ok(db_cmd(&db).args(["export", "feedback", "--agency", "丁局", "--year", "2021", "--out"]).arg(&letter));
        docx_paragraphs(&letter)
    };
    let first = export_letter();
    assert_eq!((show(), status()), (show0.clone(), status0.clone()), "exporting changed nothing");
    assert!(first.iter().any(|p| p.contains("审核意见")) && !first.iter().any(|p| p.contains("第2次")));
    // Sent: round 1 recorded, 已退回修改.
    let sent = text(run_ok(db_cmd(&db).args([
        "review",
        "send",
        "--agency",
        "丁局",
        "--year",
        "2021",
        "--date",
        "2022-01-10",
    ])));
    assert!(sent.contains("第 1 次审核意见") && sent.contains("已退回修改"), "{sent}");
    let store = Store::open(&db).unwrap();
    let a = store.agency_by_name("丁局").unwrap().unwrap();
    let last = store.review_history(a.id, 2021).unwrap().pop().unwrap();
    assert_eq!((last.state, last.round), (ReviewState::Returned, 1));
    // The sent round exported again: the same round and words (its date kept); sending it again refused.
    let again = export_letter();
    let undated = |v: &[String]| -> Vec<String> {
        v.iter().filter(|p| !p.contains("成文日期") && !p.contains("2022年1月10日")).cloned().collect()
    };
    assert_eq!(undated(&again), undated(&first), "the same round, the same words");
    assert!(again.iter().any(|p| p.contains("2022年1月10日")), "the sent date: {again:?}");
    assert_eq!(export_letter(), again);
    let twice = db_cmd(&db).args(["review", "send", "--agency", "丁局", "--year", "2021"]).output().unwrap();
    assert_eq!(twice.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&twice.stderr).contains("第 1 次审核意见已于2022-01-10发出"));
    assert_eq!(store.letters(a.id, 2021).unwrap().len(), 1);
}

/// "工作表“X” Y 单元格" → "X!Y", every one a paragraph names.
fn cells_named(p: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = p;
    while let Some(i) = rest.find("工作表“") {
        let after = &rest[i + "工作表“".len()..];
        let (sheet, tail) = after.split_once('”').unwrap();
        let cell: String = tail.trim_start().chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        out.push(format!("{sheet}!{cell}"));
        rest = tail;
    }
    out
}

#[test]
fn a_letter_names_exactly_its_findings_cells_each_once() {
    let dir = tempdir();
    let db = dir.path().join("c.db");
    flagged(dir.path(), &db);
    let letter = dir.path().join("意见.docx");
    run_ok(db_cmd(&db).args(["export", "feedback", "--agency", "丁局", "--year", "2021", "--out"]).arg(&letter));
    let store = Store::open(&db).unwrap();
    let a = store.agency_by_name("丁局").unwrap().unwrap();
    let findings = store.open_findings(a.id, 2021).unwrap();
    assert!(findings.iter().any(|f| f.rule == Rule::RowTotal) && findings.iter().any(|f| f.rule == Rule::ReviewTotal));
    let paragraphs = docx_paragraphs(&letter);
    let items: Vec<&String> = paragraphs.iter().filter(|p| p.contains('．') && p.contains('：')).collect();
    assert_eq!(items.len(), findings.len(), "{items:?}");
    for (p, f) in items.iter().zip(&findings) {
        assert!(
            p.starts_with(&format!("{}．{}：", items.iter().position(|x| x == p).unwrap() + 1, f.rule.label())),
            "{p}"
        );
        assert!(!p.contains('!'), "no raw sheet!cell left: {p}");
        let named = cells_named(p);
        assert!(!named.is_empty(), "{p}");
        let mut seen = std::collections::HashSet::new();
        for c in &named {
            assert!(f.refs.contains(c), "{c} is not a cell of this finding ({:?}): {p}", f.refs);
            assert!(seen.insert(c.clone()), "{c} named twice: {p}");
        }
        // The cell that is off is the one named first.
        assert_eq!(named[0], f.refs[0], "{p}");
    }
}

#[test]
fn rules_are_listed_with_their_codes_and_help_sends_no_one_to_a_file_they_lack() {
    let dir = tempdir();
    let db = dir.path().join("c.db");
    let list = text(run_ok(db_cmd(&db).args(["review", "rule", "--list", "--year", "2021"])));
    for r in Rule::ALL {
        assert!(list.contains(&format!("{}\t{}\t启用", r.code(), r.label())), "{r:?}: {list}");
    }
    assert!(list.contains("copied text"));
    run_ok(db_cmd(&db).args(["review", "rule", "--year", "2021", "--rule", "copied text", "--off"]));
    let list = text(run_ok(db_cmd(&db).args(["review", "rule", "--list", "--year", "2021"])));
    assert!(list.contains(&format!("copied text\t{}\t停用", Rule::CopiedText.label())));
    for sub in [
        &["review", "rule", "--help"][..],
        &["review", "deadlines", "--help"],
        &["review", "set", "--help"],
        &["--help"],
    ] {
        let help = text(run_ok(db_cmd(&db).args(sub)));
        assert!(!help.contains("FORMS.md"), "{sub:?}: {help}");
    }
    // Every flag of the review commands says what it is for: words on its line or the next.
    for sub in ["set", "send", "show", "deadlines", "length", "rule"] {
        let help = text(run_ok(db_cmd(&db).args(["review", sub, "--help"])));
        let lines: Vec<&str> = help.lines().map(str::trim).collect();
        for (i, line) in lines.iter().enumerate().filter(|(_, l)| l.starts_with("--") && !l.starts_with("--help")) {
            let words = line.split_whitespace().filter(|w| !w.starts_with("--") && !w.starts_with('<')).count();
            let next = lines.get(i + 1).copied().unwrap_or("");
            assert!(words > 0 || (!next.is_empty() && !next.starts_with("--")), "review {sub}: {line}");
        }
    }
}

#[test]
fn a_reworded_finding_keeps_its_disposition_and_a_changed_value_lapses_it() {
    let dir = tempdir();
    let db = dir.path().join("c.db");
    flagged(dir.path(), &db);
    let mut store = Store::open(&db).unwrap();
    let a = store.agency_by_name("丁局").unwrap().unwrap();
    let id = store.db().current_return_id(a.id, 2021).unwrap().unwrap();
    let ret = store.db().load_return(id).unwrap();
    let f = store.db().findings(id).unwrap().into_iter().find(|f| f.rule == Rule::ReviewTotal).unwrap();
    let key = nianbao::store::review::finding_key;
    let reworded = nianbao::model::Finding { message: format!("（新的说法）{}", f.message), ..f.clone() };
    assert_eq!(key(&f, &ret), key(&reworded, &ret), "the wording is not the finding");
    let mut changed = ret.clone();
    let cell = changed.figures.iter_mut().find(|x| x.id == f.cells[0]).unwrap();
    cell.value = Some(cell.value.unwrap() + 1.0);
    assert_ne!(key(&f, &ret), key(&f, &changed), "a changed value is another finding");
    // A database of the previous version (keys holding the message) upgraded: the dismissal stays.
    let row = review::findings(&store, 2021, Some("丁局"))
        .unwrap()
        .into_iter()
        .find(|r| r.rule == Rule::ReviewTotal)
        .unwrap();
    review::dispose(&store, row.id, Disposition::Dismissed, "已在报告中说明").unwrap();
    let open = store.open_findings(a.id, 2021).unwrap().len();
    store
        .connection()
        .execute_batch(
            "UPDATE finding_dispositions SET fkey = (SELECT f.rule || '|' || f.cells || '|' || f.message FROM findings f WHERE f.fkey = finding_dispositions.fkey LIMIT 1);
             UPDATE findings SET fkey = rule || '|' || cells || '|' || message;
             DROP TABLE county_publications; DROP TABLE publications;
             ALTER TABLE review_states DROP COLUMN return_id; ALTER TABLE review_states DROP COLUMN document_id;
             PRAGMA user_version = 7;",
        )
        .unwrap();
    drop(store);
    store = Store::open(&db).unwrap();
    assert_eq!(store.open_findings(a.id, 2021).unwrap().len(), open, "still dismissed after the upgrade");
    let rows = review::findings(&store, 2021, Some("丁局")).unwrap();
    assert_eq!(rows.iter().find(|r| r.rule == Rule::ReviewTotal).unwrap().disposition, Some(Disposition::Dismissed));
    let _ = &mut store;
}

#[test]
fn a_part_left_to_write_counts_as_to_write_whatever_text_it_holds() {
    let dir = tempdir();
    let store = crate::common::yishui(dir.path(), &[]);
    let s = review::standing(&store, 2021).unwrap();
    let a = s.expected().next().unwrap();
    let before = a.sections_todo;
    let id = a.status.agency.id;
    store.set_section(id, 2021, "五", SectionState::Todo, "存在的问题：一是……").unwrap();
    assert_eq!(review::standing(&store, 2021).unwrap().agency(a.name()).unwrap().sections_todo, before.max(1));
    store.set_section(id, 2021, "五", SectionState::Draft, "存在的问题：一是……").unwrap();
    let after = review::standing(&store, 2021).unwrap().agency(a.name()).unwrap().sections_todo;
    assert_eq!(after + 1, before.max(1), "a draft with text is written");
}

#[test]
fn the_county_annex_says_who_is_included_and_keeps_review_state_in_the_office_s_note() {
    let dir = tempdir();
    let store = crate::common::yishui(dir.path(), &["沂水县未报送局"]);
    let (rep, ret) = nianbao::service::report_of(&store, &nianbao::model::ReportOf::County, 2021).unwrap();
    let path = dir.path().join("全县.docx");
    nianbao::export::draft::export_draft(&rep, ret.as_ref(), None, &path).unwrap();
    let paragraphs = docx_paragraphs(&path);
    let annex = paragraphs.iter().position(|p| p.contains("纳入汇总的单位") && !p.contains('：')).unwrap();
    let after = &paragraphs[annex..];
    assert!(after.iter().any(|p| p.starts_with("纳入汇总（12 个）")));
    assert!(after.iter().any(|p| p.contains("未报送、未计入合计（1 个）：沂水县未报送局")));
    // Outside the office's 【】 notes, no word of the review's state.
    for p in &paragraphs {
        let mut public = String::new();
        for (i, piece) in p.split("【办公室备注，公开前删除：").enumerate() {
            public.push_str(if i == 0 { piece } else { piece.split_once('】').map_or("", |(_, rest)| rest) });
        }
        for word in ["审核通过", "有问题待核实", "逾期报送", "逾期公开", "未启用的审核规则"] {
            assert!(!public.contains(word), "{word} outside the office's note: {p}");
        }
    }
    assert!(after.iter().any(|p| p.starts_with("【办公室备注") && p.contains("审核通过 0 个")));
}

#[test]
fn the_standings_edges_the_day_itself_kinds_and_the_countys_parts() {
    let dir = tempdir();
    let store = crate::common::yishui(dir.path(), &["沂水县迟报局"]);
    // The county's own report is late from the day after 3月31日, not on it.
    assert_eq!(standing(&store, 2021, Some("2022-03-31")).unwrap().county.overdue, None);
    assert_eq!(standing(&store, 2021, Some("2022-04-01")).unwrap().county.overdue, Some("逾期公开"));
    // Its parts to write: all six narrative parts, one fewer once one is written.
    let narrative = nianbao::report::SECTIONS.iter().filter(|d| d.table.is_none()).count();
    assert_eq!(review::standing(&store, 2021).unwrap().county.sections_todo, narrative);
    let of = nianbao::model::ReportOf::County;
    nianbao::service::save_section(&store, &of, 2021, "五", SectionState::Draft, "全县存在的问题……").unwrap();
    let y = review::standing(&store, 2021).unwrap();
    assert_eq!(y.county.sections_todo, narrative - 1);
    assert_eq!(y.county.label(), format!("撰写中（{} 个部分待完成）", narrative - 1));
    // Counted by kind and by state: 10 departments and the one that sent nothing, 2 towns.
    let (dept, late) = nianbao::service::review::counts_by_kind(&y, AgencyKind::Department);
    let (town, _) = nianbao::service::review::counts_by_kind(&y, AgencyKind::Township);
    let at = |s: ReviewState| ReviewState::ALL.iter().position(|x| *x == s).unwrap();
    assert_eq!((dept.iter().sum::<i32>(), town.iter().sum::<i32>()), (11, 2));
    assert_eq!((dept[at(ReviewState::Missing)], dept[at(ReviewState::Submitted)]), (1, 10));
    assert_eq!(town[at(ReviewState::Submitted)], 2);
    assert_eq!(late, 11, "in 2026 every department of 2021 is late");
    // 统计分析 counts with the office's real today: a year still ahead has nobody overdue.
    let ahead = nianbao::service::stats(&store, 2090, Some((2089, 2090))).unwrap();
    assert_eq!(ahead.progress.iter().map(|p| p.overdue).sum::<i32>(), 0);
    let now = nianbao::service::stats(&store, 2021, None).unwrap();
    assert_eq!(now.progress.iter().map(|p| p.overdue).sum::<i32>(), 13);
    // The county's publication needs a date that reads as one.
    let bad = review::set_state(
        &store,
        "全县",
        2021,
        ReviewState::Published,
        &review::Move { date: Some("三月".into()), url: Some("http://x.gov.cn".into()), note: None, page: None },
    );
    assert!(bad.unwrap_err().to_string().contains("日期“三月”无法识别"));
    let undated = review::Move { date: None, url: Some("http://x.gov.cn".into()), note: None, page: None };
    review::set_state(&store, "全县", 2021, ReviewState::Published, &undated).unwrap();
    assert!(review::set_state(&store, "全县", 2021, ReviewState::Accepted, &undated).is_err(), "only 已公开");
    // An agency's step with a date that reads as none is refused; one that reads is kept.
    let agency = y.expected().find(|s| s.sent()).unwrap().name().to_string();
    let dated = |d: &str| review::Move { date: Some(d.into()), ..Default::default() };
    let e = review::set_state(&store, &agency, 2021, ReviewState::Accepted, &dated("一月")).unwrap_err();
    assert!(e.to_string().contains("日期“一月”无法识别"), "{e}");
    let kept = review::set_state(&store, &agency, 2021, ReviewState::Accepted, &dated("2022-01-20")).unwrap();
    assert_eq!((kept.state, kept.date.as_str()), (ReviewState::Accepted, "2022-01-20"));
}

#[test]
fn what_changed_since_the_letter_and_the_next_letters_round() {
    let dir = tempdir();
    let store = Store::open(&dir.path().join("c.db")).unwrap();
    let mut first = crate::rules::good();
    // Two findings: 表四's total and 表三's row total.
    for (id, by) in [("review.reconsideration.upheld", 1.0), ("apply.new.natural", 1.0)] {
        let f = first.figures.iter_mut().find(|f| f.id == id).unwrap();
        f.value = Some(f.value.unwrap() + by);
        f.raw = nianbao::text::fmt_num(f.value.unwrap());
    }
    let agency = {
        let mut s = Store::open(&dir.path().join("c.db")).unwrap();
        s.import(&first, None).unwrap().agency
    };
    let rules_of = |store: &Store| {
        let a = store.agency_by_name(&agency).unwrap().unwrap();
        store.open_findings(a.id, 2021).unwrap().iter().map(|f| f.rule).collect::<Vec<_>>()
    };
    assert!(rules_of(&store).contains(&Rule::ReviewTotal) && rules_of(&store).contains(&Rule::RowTotal));
    assert_eq!(review::next_letter(&store, &agency, 2021).unwrap(), (1, false));
    review::send(&store, &agency, 2021, Some("2022-01-10")).unwrap();
    assert_eq!(review::next_letter(&store, &agency, 2021).unwrap(), (1, true), "round 1 is sent");
    let a = store.agency_by_name(&agency).unwrap().unwrap();
    let h = review::history(&store, &a, 2021).unwrap();
    assert_eq!(h.iter().map(|c| (c.state, c.round)).collect::<Vec<_>>(), [(ReviewState::Returned, 1)]);
    // The agency's new version: 表四 put right, one part of the text rewritten, 表三's row left.
    let mut second = first.clone();
    let f = second.figures.iter_mut().find(|f| f.id == "review.reconsideration.upheld").unwrap();
    f.value = Some(f.value.unwrap() - 1.0);
    f.raw = nianbao::text::fmt_num(f.value.unwrap());
    let five = second.document.as_mut().unwrap().sections.iter_mut().find(|s| s.key == "五").unwrap();
    five.text.push_str("下一年度将建立月度检查制度。");
    Store::open(&dir.path().join("c.db")).unwrap().import(&second, None).unwrap();
    let since = review::since_letter(&store, &agency, 2021).unwrap();
    assert!(!since.same_version);
    assert_eq!(since.figures.len(), 1, "{:?}", since.figures);
    assert_eq!(since.figures[0].id, "review.reconsideration.upheld");
    assert_eq!(since.sections, vec!["五".to_string()], "only the part rewritten");
    assert_eq!(since.resolved.len(), 1, "{:?}", since.resolved);
    assert!(since.resolved[0].starts_with("表四"), "the finding put right: {:?}", since.resolved);
    assert_eq!(review::next_letter(&store, &agency, 2021).unwrap(), (2, false), "the next round, not yet sent");
}

#[test]
fn a_letter_with_nothing_to_correct_leaves_the_report_where_it_was() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("c.db")).unwrap();
    let agency = store.import(&crate::rules::good(), None).unwrap().agency;
    let a = store.agency_by_name(&agency).unwrap().unwrap();
    assert!(store.open_findings(a.id, 2021).unwrap().is_empty(), "a good report");
    let l = review::send(&store, &agency, 2021, None).unwrap();
    assert_eq!((l.round, l.findings), (1, 0));
    assert_eq!(store.review_state(a.id, 2021).unwrap(), ReviewState::Submitted, "nothing sent back");
    // Accepted: a newer version coming in afterwards is said, the accepted one still the yardstick.
    review::set_state(&store, &agency, 2021, ReviewState::Accepted, &review::Move::default()).unwrap();
    assert!(!review::show(&store, &agency, 2021).unwrap().newer_than_accepted);
    let mut newer = crate::rules::good();
    newer.document.as_mut().unwrap().sections.iter_mut().find(|s| s.key == "五").unwrap().text.push_str("补充一句。");
    store.import(&newer, None).unwrap();
    let shown = review::show(&store, &agency, 2021).unwrap();
    assert!(shown.newer_than_accepted && shown.state == ReviewState::Accepted, "{shown:?}");
    // A rule named in Chinese is found as by its code.
    let off = review::rule_off(&store, 2021, Rule::TextFigures.label(), true).unwrap();
    assert_eq!(off, vec![Rule::TextFigures]);
    assert!(review::rule_off(&store, 2021, "没有这条规则", true)
        .unwrap_err()
        .to_string()
        .contains("review rule --list"));
}
