//! The review season: the checks evaluators make (each both ways), the office's dispositions
//! surviving an identical re-import and lapsing on a changed figure, a report's states through a
//! full round (import, letter, corrected file, 审核通过, 已公开), the changes since the letter,
//! overdue agencies first, and a rule switched off for a year.

use crate::common::{cli, figures, run_ok, tempdir, write_return};
use nianbao::export::sheet::CellOut;
use nianbao::forms::Format;
use nianbao::generate::Options;
use nianbao::model::{Disposition, ReviewState, Rule};
use nianbao::service;
use nianbao::store::Store;
use std::path::Path;

fn rules(ret: &nianbao::model::Return, rule: Rule) -> Vec<nianbao::model::Finding> {
    nianbao::checks::check(ret).into_iter().filter(|f| f.rule == rule).collect()
}

#[test]
fn blank_and_slash_cells_are_said_once_a_table_and_a_filled_return_is_silent() {
    let dir = tempdir();
    let figs = figures(Format::Gov2021, false, 31);
    let good = write_return(dir.path(), "2021-甲局.xlsx", &Options::new(Format::Gov2021), &figs);
    let ret = nianbao::import::read(&good, &Default::default()).unwrap();
    assert!(rules(&ret, Rule::BlankCell).is_empty(), "every cell filled");
    let mut zeros = figs.clone();
    for (id, v) in zeros.iter_mut() {
        if id.starts_with("apply.reject_") || id.starts_with("review.litigation_after.") {
            *v = 0.0;
        }
    }
    let o = Options {
        value: |id, v| {
            if v == 0.0 && id.starts_with("apply.reject_") {
                CellOut::Blank
            } else if v == 0.0 && id.starts_with("review.litigation_after.") {
                CellOut::Text("/".into())
            } else {
                CellOut::Number(v)
            }
        },
        ..Options::new(Format::Gov2021)
    };
    let bad = write_return(dir.path(), "2021-乙局.xlsx", &o, &zeros);
    let ret = nianbao::import::read(&bad, &Default::default()).unwrap();
    let f = rules(&ret, Rule::BlankCell);
    assert_eq!(f.len(), 2, "once for 表三, once for 表四: {f:?}");
    assert!(f[0].message.starts_with("表三有 ") && f[0].cells.iter().all(|c| c.starts_with("apply.reject_")));
    assert!(f[1].message.starts_with("表四有 ") && f[1].refs.iter().all(|r| r.contains('!')));
    assert_eq!(ret.value("review.litigation_after.total"), Some(0.0), "read as 0, as the office means");
    // Eight cells are named; of more, the first eight and how many.
    assert!(f[0].cells.len() > 8 && f[0].message.contains(&format!("等 {} 个", f[0].cells.len())), "{}", f[0].message);
    let mut eight = ret.clone();
    eight.figures.iter_mut().filter(|x| x.id.starts_with("apply.reject_")).skip(8).for_each(|x| x.raw = "0".into());
    let f = rules(&eight, Rule::BlankCell);
    assert!(f[0].cells.len() == 8 && !f[0].message.contains('等'), "{}", f[0].message);
}

#[test]
fn part_five_and_outdated_basis_both_ways() {
    let good = crate::rules::good();
    assert!(rules(&good, Rule::PartFive).is_empty() && rules(&good, Rule::OutdatedBasis).is_empty());
    let with_five = |t: &str| {
        let mut r = good.clone();
        r.document.as_mut().unwrap().sections.iter_mut().find(|s| s.key == "五").unwrap().text = t.into();
        r
    };
    for (text, says) in [
        ("无。", "只写了“无”"),
        ("暂无", "只写了“无”"),
        ("人员力量不足。", "有内容的改进措施"),
        ("下一步将加强培训。", "存在的具体问题"),
        // Boilerplate with every word a word list looked for: neither a problem nor a measure.
        ("工作中还存在一些问题和不足，下一步将进一步做好政府信息公开工作。", "存在的具体问题和有内容的改进措施"),
    ] {
        let f = rules(&with_five(text), Rule::PartFive);
        assert!(f.len() == 1 && f[0].message.contains(says), "{text}: {f:?}");
    }
    // A concrete 五 ("一是…二是…，下一年度将…") is what evaluators want: no finding.
    let concrete = "一是政策解读形式单一；二是信息更新不够及时。下一年度将于6月底前完成栏目整合，每月检查更新情况。";
    assert!(rules(&with_five(concrete), Rule::PartFive).is_empty());
    // A report without 五 at all: that is the "report parts" rule's finding, not this one's.
    let mut no_five = with_five("无。");
    no_five.document.as_mut().unwrap().headings.retain(|h| h != "五");
    assert!(rules(&no_five, Rule::PartFive).is_empty());
    let mut old = good.clone();
    old.document.as_mut().unwrap().preamble.push_str("本报告依据国办公开办函〔2019〕60号编制。");
    assert_eq!(rules(&old, Rule::OutdatedBasis).len(), 1);
    // A county's own document of the same number is not the national format.
    let mut own = good.clone();
    own.document
        .as_mut()
        .unwrap()
        .preamble
        .push_str("按照《示范县政务公开工作要点》（示政办发〔2019〕60号）要求编制。");
    assert!(rules(&own, Rule::OutdatedBasis).is_empty(), "示政办发〔2019〕60号 is the county's own");
    // The repealed 2007 条例 is an outdated basis in any year.
    let mut repealed = good.clone();
    repealed
        .document
        .as_mut()
        .unwrap()
        .preamble
        .push_str("根据《中华人民共和国政府信息公开条例》（国务院令第492号）编制。");
    let f = rules(&repealed, Rule::OutdatedBasis);
    assert!(f.len() == 1 && f[0].message.contains("国务院令第492号"), "{f:?}");
    old.year = Some(2020);
    assert!(rules(&old, Rule::OutdatedBasis).is_empty(), "2020's reports were written on it");
}

fn store_with(dir: &Path) -> Store {
    Store::open(&dir.join("c.db")).unwrap()
}

#[test]
fn valid_counts_carry_from_last_year_or_are_said() {
    let dir = tempdir();
    let mut store = store_with(dir.path());
    let mut y1 = figures(Format::Gov2021, false, 40);
    y1.insert("active.rules.valid".into(), 10.0);
    let mut y2 = figures(Format::Gov2021, false, 41);
    y2.insert("active.rules.issued".into(), 3.0);
    y2.insert("active.rules.repealed".into(), 1.0);
    y2.insert("active.rules.valid".into(), 12.0);
    y2.insert(
        "active.normative.valid".into(),
        y1["active.normative.valid"] + y2["active.normative.issued"] - y2["active.normative.repealed"],
    );
    let o = Options::new(Format::Gov2021);
    let f1 = write_return(dir.path(), "2021-丙局.xlsx", &o, &y1);
    let f2 = write_return(dir.path(), "2022-丙局.xlsx", &o, &y2);
    service::import_files(&mut store, &[f1, f2], &Default::default(), |_, _, _| {});
    let a = store.agency_by_name("丙局").unwrap().unwrap();
    let of = |store: &Store| {
        store
            .open_findings(a.id, 2022)
            .unwrap()
            .into_iter()
            .filter(|f| f.rule == Rule::ValidCarried)
            .collect::<Vec<_>>()
    };
    assert!(of(&store).is_empty(), "10 + 3 − 1 = 12");
    y2.insert("active.rules.valid".into(), 13.0);
    let f2 = write_return(dir.path(), "2022-丙局.xlsx", &o, &y2);
    service::import_files(&mut store, &[f2], &Default::default(), |_, _, _| {});
    let f = of(&store);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].message.contains("= 12 件") && f[0].cells[0] == "active.rules.valid", "{}", f[0].message);
    assert!(
        !f[0].message.contains("应为") && f[0].message.contains("请核对或在报告中说明"),
        "a question: {}",
        f[0].message
    );
}

#[test]
fn a_part_copied_from_last_years_report_is_said_and_new_text_is_not() {
    let dir = tempdir();
    let mut store = store_with(dir.path());
    let figs = figures(Format::Gov2021, false, 50);
    let page = |year: i32, one: &str| {
        crate::documents::portal_page(&figs, "utf-8")
            .replace("2021年，我局认真贯彻落实《中华人民共和国政府信息公开条例》。", one)
            .replace("2021", &year.to_string())
    };
    let same = "全年我局坚持以公开为常态、不公开为例外，围绕中心工作扎实推进政务公开，健全工作机制，规范发布流程，信息公开的及时性和准确性明显提高。";
    for (year, one) in [(2021, same), (2022, same)] {
        let p = dir.path().join(format!("{year}-泗水县商务局.html"));
        std::fs::write(&p, page(year, one)).unwrap();
        service::import_files(&mut store, &[p], &Default::default(), |_, _, _| {});
    }
    let a = store.agency_by_name("泗水县商务局").unwrap().unwrap();
    let copied: Vec<_> =
        store.open_findings(a.id, 2022).unwrap().into_iter().filter(|f| f.rule == Rule::CopiedText).collect();
    assert!(
        copied.iter().any(|f| f.message.contains("“一、总体情况”") && f.message.contains("相同的句子")),
        "{copied:?}"
    );
    // Last year's text rewritten: this year's part is its own.
    let p = dir.path().join("2022-泗水县商务局.html");
    std::fs::write(&p, page(2022, "本年度我局聚焦营商环境，新建政策解读专栏，开展政府开放日活动三次，回应群众关切二十余条，公开质量显著提升，群众满意度进一步提高。")).unwrap();
    service::import_files(&mut store, &[p], &Default::default(), |_, _, _| {});
    let copied: Vec<_> = store
        .open_findings(a.id, 2022)
        .unwrap()
        .into_iter()
        .filter(|f| f.rule == Rule::CopiedText && f.message.contains("总体情况"))
        .collect();
    assert!(copied.is_empty(), "{copied:?}");
    // Last year's template with every figure changed is last year's text: the figures are masked
    // (unmasked, these six-digit figures would make it only some 60% alike).
    let template = |n: u32, answered: &str| {
        format!(
            "全年主动公开政府信息{}条，其中政策文件{}件，政策解读{}篇，回应关切{}次，收到申请{}件，{answered}，信息公开的及时性和准确性明显提高。",
            n,
            n + 7,
            n + 13,
            n * 2,
            n + 3
        )
    };
    let write = |store: &mut Store, year: i32, text: &str| {
        let p = dir.path().join(format!("{year}-泗水县商务局.html"));
        std::fs::write(&p, page(year, text)).unwrap();
        service::import_files(store, &[p], &Default::default(), |_, _, _| {});
    };
    write(&mut store, 2021, &template(123_456, "均按期答复"));
    write(&mut store, 2022, &template(398_765, "均按期答复"));
    let in_one = |store: &Store| {
        store
            .open_findings(a.id, 2022)
            .unwrap()
            .into_iter()
            .filter(|f| f.rule == Rule::CopiedText && f.message.contains("总体情况"))
            .count()
    };
    assert_eq!(in_one(&store), 1, "the same template with other figures is copied");
    // The office's threshold for the year: at 100% only the same text is said, at once.
    write(&mut store, 2022, &template(398_765, "全部依法按期作出答复"));
    assert_eq!(in_one(&store), 1, "a few words changed: still over 80% alike");
    let db = dir.path().join("c.db");
    run_ok(db_cmd(&db).args(["review", "copied", "--year", "2022", "--percent", "100"]));
    assert_eq!(in_one(&store), 0, "at 100% only word for word");
    run_ok(db_cmd(&db).args(["review", "copied", "--year", "2022", "--percent", "0"]));
    assert_eq!(store.copied_threshold(2022).unwrap(), 0.8, "0 goes back to 80%");
    assert_eq!(in_one(&store), 1);
    let bad = db_cmd(&db).args(["review", "copied", "--year", "2022", "--percent", "30"]).output().unwrap();
    assert!(String::from_utf8_lossy(&bad.stderr).contains("50 到 100"));
}

/// Sentences the county prescribes are copied by nature: once the office lists them, a part that
/// is the prescribed sentence plus the agency's own words is judged by its own words.
#[test]
fn prescribed_sentences_are_left_out_of_the_comparison() {
    let dir = tempdir();
    let db = dir.path().join("c.db");
    let mut store = store_with(dir.path());
    let figs = figures(Format::Gov2021, false, 50);
    let fixed = "按照县政府办公室统一部署，本机关严格执行政府信息公开保密审查制度，所有公开信息均经过保密审查，未发生泄密事件，未收取信息处理费。";
    for (year, own) in [(2021, "全年开展业务培训两次。"), (2022, "新建政策解读专栏一个。")] {
        let page = crate::documents::portal_page(&figs, "utf-8")
            .replace("本机关未收取信息处理费。", &format!("{fixed}{own}"))
            .replace("2021", &year.to_string());
        let p = dir.path().join(format!("{year}-泗水县商务局.html"));
        std::fs::write(&p, page).unwrap();
        service::import_files(&mut store, &[p], &Default::default(), |_, _, _| {});
    }
    let a = store.agency_by_name("泗水县商务局").unwrap().unwrap();
    let six = |store: &Store| {
        let f = store.open_findings(a.id, 2022).unwrap();
        f.into_iter().filter(|f| f.rule == Rule::CopiedText && f.message.contains("六、")).count()
    };
    assert_eq!(six(&store), 1, "the prescribed sentence makes 六 look copied");
    let out = run_ok(db_cmd(&db).args(["review", "copied", "--year", "2022", "--prescribed", fixed]));
    let out = String::from_utf8_lossy(&out.stdout);
    assert!(out.contains("规定表述 1（比较时不计）"), "{out}");
    assert_eq!(six(&store), 0, "judged by the agency's own words, at once");
    assert_eq!(store.prescribed(2022).unwrap(), [fixed]);
    run_ok(db_cmd(&db).args(["review", "copied", "--year", "2022", "--clear-prescribed"]));
    assert_eq!(six(&store), 1);
}

/// Last year's 五 named problems: this year's says what became of them, or is asked to.
#[test]
fn last_years_problems_are_followed_up() {
    let dir = tempdir();
    let mut store = store_with(dir.path());
    let figs = figures(Format::Gov2021, false, 50);
    let write = |store: &mut Store, year: i32, five: &str| {
        let page = crate::documents::portal_page(&figs, "utf-8")
            .replace("一是公开意识还需加强。</p><p>二是专栏更新不够及时。", five)
            .replace("2021", &year.to_string());
        let p = dir.path().join(format!("{year}-泗水县商务局.html"));
        std::fs::write(&p, page).unwrap();
        service::import_files(store, &[p], &Default::default(), |_, _, _| {});
    };
    write(&mut store, 2021, "一是政策解读形式单一；二是信息更新不够及时。下一步将于6月底前完成栏目整合。");
    write(&mut store, 2022, "一是依申请公开答复文书不够规范。下一年度将每季度组织业务培训。");
    let a = store.agency_by_name("泗水县商务局").unwrap().unwrap();
    let asked = |store: &Store| -> Vec<String> {
        let f = store.open_findings(a.id, 2022).unwrap();
        f.into_iter().filter(|f| f.rule == Rule::PartFive).map(|f| f.message).collect()
    };
    let f = asked(&store);
    assert!(f.len() == 1 && f[0].contains("2021 年报告“五”提出的问题（如“政策解读形式单一”）"), "{f:?}");
    write(
        &mut store,
        2022,
        "上年提出的政策解读形式单一问题，已通过新建解读专栏整改。一是答复文书不够规范。下一年度将每季度组织业务培训。",
    );
    assert!(asked(&store).is_empty(), "{:?}", asked(&store));
}

fn db_cmd(db: &Path) -> std::process::Command {
    let mut c = cli();
    c.arg("--db").arg(db);
    c
}

#[test]
fn a_round_of_the_review_with_dispositions_that_survive_and_lapse() {
    let dir = tempdir();
    let db = dir.path().join("c.db");
    let o = Options::new(Format::Gov2021);
    let mut figs = figures(Format::Gov2021, false, 60);
    // Two things wrong: 表四's total, and 表三's row total (which the office will not dismiss).
    *figs.get_mut("review.reconsideration.upheld").unwrap() += 1.0;
    *figs.get_mut("apply.new.natural").unwrap() += 1.0;
    let file = write_return(dir.path(), "2021-丁局.xlsx", &o, &figs);
    run_ok(db_cmd(&db).arg("import").arg(&file));
    let store = Store::open(&db).unwrap();
    let a = store.agency_by_name("丁局").unwrap().unwrap();
    assert_eq!(store.review_state(a.id, 2021).unwrap(), ReviewState::Submitted);
    // The findings with their ids; one dismissed with a reason.
    let out = run_ok(db_cmd(&db).args(["findings", "--year", "2021", "--json"]));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let review = rows.as_array().unwrap().iter().find(|f| f["rule"] == "review total").expect("the 表四 finding");
    let id = review["id"].as_i64().unwrap();
    assert!(review["disposition"].is_null() && review["cells"].as_array().is_some_and(|c| !c.is_empty()), "{review}");
    let before = store.open_findings(a.id, 2021).unwrap().len();
    run_ok(db_cmd(&db).args(["finding", "dismiss", "--id", &id.to_string(), "--reason", "说明已在报告中解释"]));
    assert_eq!(store.open_findings(a.id, 2021).unwrap().len(), before - 1, "dismissed: not open");
    let status = String::from_utf8(run_ok(db_cmd(&db).args(["status", "--year", "2021"])).stdout).unwrap();
    assert!(before >= 2 && status.contains(&format!("已报送，{} 个问题", before - 1)), "{status}");
    // Re-imported as it is: the same finding, still dismissed.
    run_ok(db_cmd(&db).arg("import").arg(&file));
    assert_eq!(store.open_findings(a.id, 2021).unwrap().len(), before - 1);
    // The letter lists only what is open, and is the first round: 已退回修改.
    let letter = dir.path().join("审核意见.docx");
    run_ok(
        db_cmd(&db)
            .args(["export", "feedback", "--agency", "丁局", "--year", "2021", "--date", "2022-01-10", "--out"])
            .arg(&letter),
    );
    assert!(store.review_history(a.id, 2021).unwrap().is_empty(), "exporting the letter records nothing");
    run_ok(db_cmd(&db).args(["review", "send", "--agency", "丁局", "--year", "2021", "--date", "2022-01-10"]));
    let history = store.review_history(a.id, 2021).unwrap();
    assert_eq!((history.last().unwrap().state, history.last().unwrap().round), (ReviewState::Returned, 1));
    // Not 已公开 straight from 已退回修改: the agency sends again and the office accepts it first.
    let url = "http://www.example.gov.cn/nb/2021.html";
    let jump = db_cmd(&db)
        .args(["review", "set", "--agency", "丁局", "--year", "2021", "--state", "published", "--url", url])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&jump.stderr).contains("已退回修改"), "{jump:?}");
    // A changed figure: the finding is another one (new values); the dismissal lapses.
    *figs.get_mut("review.reconsideration.upheld").unwrap() += 1.0;
    let file = write_return(dir.path(), "2021-丁局.xlsx", &o, &figs);
    run_ok(db_cmd(&db).arg("import").arg(&file));
    let open = store.open_findings(a.id, 2021).unwrap();
    assert!(open.iter().any(|f| f.rule == Rule::ReviewTotal), "the changed figure's finding is open again");
    assert_eq!(store.review_state(a.id, 2021).unwrap(), ReviewState::Resubmitted, "the corrected file moved it on");
    // What changed since the letter.
    let shown =
        String::from_utf8(run_ok(db_cmd(&db).args(["review", "show", "--agency", "丁局", "--year", "2021"])).stdout)
            .unwrap();
    assert!(shown.contains("第 1 次审核意见") && shown.contains("数据 ") && shown.contains("→"), "{shown}");
    // 审核通过 is refused while problems are open; each is then answered (here: not taken up).
    let early = db_cmd(&db)
        .args(["review", "set", "--agency", "丁局", "--year", "2021", "--state", "accepted"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&early.stderr).contains("个问题未处理"), "{early:?}");
    for f in store.open_findings(a.id, 2021).unwrap() {
        let row = store.finding_rows(2021, Some("丁局")).unwrap().into_iter().find(|r| r.message == f.message).unwrap();
        run_ok(db_cmd(&db).args(["finding", "dismiss", "--id", &row.id.to_string(), "--reason", "已在报告中说明"]));
    }
    // 审核通过, then 已公开 with its address; the whole history kept.
    run_ok(db_cmd(&db).args([
        "review",
        "set",
        "--agency",
        "丁局",
        "--year",
        "2021",
        "--state",
        "accepted",
        "--note",
        "复核通过",
    ]));
    let no_url = db_cmd(&db)
        .args(["review", "set", "--agency", "丁局", "--year", "2021", "--state", "published"])
        .output()
        .unwrap();
    assert_eq!(no_url.status.code(), Some(1), "已公开 needs its address");
    let not_url = db_cmd(&db)
        .args(["review", "set", "--agency", "丁局", "--year", "2021", "--state", "published", "--url", "abc"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&not_url.stderr).contains("不是网址"), "{not_url:?}");
    let no_host = db_cmd(&db)
        .args(["review", "set", "--agency", "丁局", "--year", "2021", "--state", "published", "--url", "http://abc"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&no_host.stderr).contains("不是网址"), "a host without a dot: {no_host:?}");
    run_ok(db_cmd(&db).args([
        "review",
        "set",
        "--agency",
        "丁局",
        "--year",
        "2021",
        "--state",
        "published",
        "--url",
        "http://www.example.gov.cn/nb/2021.html",
        "--date",
        "2022-01-28",
    ]));
    let states: Vec<ReviewState> = store.review_history(a.id, 2021).unwrap().iter().map(|c| c.state).collect();
    assert_eq!(states.last(), Some(&ReviewState::Published));
    assert!(states.contains(&ReviewState::Accepted));
    let rows: serde_json::Value =
        serde_json::from_slice(&run_ok(db_cmd(&db).args(["findings", "--year", "2021", "--json"])).stdout).unwrap();
    assert!(rows
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["disposition"].is_null() || f["disposition"] == Disposition::Dismissed.code()));
}

#[test]
fn overdue_agencies_come_first_and_a_rule_switched_off_leaves_every_count() {
    let dir = tempdir();
    let mut store = crate::common::yishui(dir.path(), &["沂水县迟报局"]);
    // The office's own deadline, already past.
    store.set_deadline(2021, nianbao::service::review::DeadlineKind::Report, "2022-01-10").unwrap();
    let rows = nianbao::export::office::chase_rows(&store, 2021).unwrap();
    assert_eq!(rows[0].agency, "沂水县迟报局");
    assert!(rows[0].overdue && rows[0].state.contains("逾期报送"), "{:?}", rows[0]);
    let (rep, _) = service::report(&store, &nianbao::model::ReportOf::County, 2021).unwrap();
    let overdue = &rep.compiled.as_ref().unwrap().overdue;
    assert!(overdue.iter().any(|o| o.starts_with("沂水县迟报局（逾期报送")), "{overdue:?}");
    // A rule off for the year: its findings leave the counts and the annex says so.
    let before: usize = store.status(2021).unwrap().iter().map(|s| s.findings).sum();
    let n_rule: usize = store
        .status(2021)
        .unwrap()
        .iter()
        .map(|s| store.open_findings(s.agency.id, 2021).unwrap().iter().filter(|f| f.rule == Rule::RowTotal).count())
        .sum();
    assert!(n_rule > 0, "the demo has a 行合计 finding");
    store.set_rule_off(2021, Rule::RowTotal, true).unwrap();
    let after: usize = store.status(2021).unwrap().iter().map(|s| s.findings).sum();
    assert_eq!(after, before - n_rule);
    let (rep, _) = service::report(&store, &nianbao::model::ReportOf::County, 2021).unwrap();
    assert_eq!(rep.compiled.unwrap().rules_off, vec![Rule::RowTotal.label().to_string()]);
    store.set_rule_off(2021, Rule::RowTotal, false).unwrap();
    let _ = &mut store;
}

#[test]
fn the_same_text_as_another_agency_and_a_part_over_its_limit_are_said() {
    let dir = tempdir();
    let db = dir.path().join("c.db");
    let mut store = store_with(dir.path());
    let figs = figures(Format::Gov2021, false, 70);
    let shared = "全年我单位坚持以公开为常态、不公开为例外，围绕中心工作扎实推进政务公开，健全工作机制，规范发布流程，加强队伍建设，开展业务培训，信息公开的及时性和准确性明显提高，群众满意度持续提升。";
    let page = |agency: &str, one: &str| {
        crate::documents::portal_page(&figs, "utf-8")
            .replace("2021年，我局认真贯彻落实《中华人民共和国政府信息公开条例》。", one)
            .replace("泗水县商务局", agency)
    };
    for (agency, one) in [("泗水县商务局", shared), ("泗水县粮食局", shared), ("泗水县林业局", "本年度我局聚焦林业改革，公开造林绿化、森林防火等重点信息，开展政策解读三次，回应关切十余条，公开工作稳步推进，形成了较为完善的工作机制，群众满意度不断提高。")] {
        let p = dir.path().join(format!("2021-{agency}.html"));
        std::fs::write(&p, page(agency, one)).unwrap();
        service::import_files(&mut store, &[p], &Default::default(), |_, _, _| {});
    }
    let of = |store: &Store, a: &str, rule: Rule| {
        let id = store.agency_by_name(a).unwrap().unwrap().id;
        store.open_findings(id, 2021).unwrap().into_iter().filter(|f| f.rule == rule).collect::<Vec<_>>()
    };
    let same = of(&store, "泗水县粮食局", Rule::SameText);
    assert!(same.iter().any(|f| f.message.contains("泗水县商务局") && f.message.contains("总体情况")), "{same:?}");
    assert!(of(&store, "泗水县林业局", Rule::SameText).is_empty(), "its own words");
    // A limit of 60 characters for 一: over it is said, at once; removed, it is gone.
    drop(store);
    run_ok(db_cmd(&db).args(["review", "length", "--year", "2021", "--part", "一", "--max", "60"]));
    let store = Store::open(&db).unwrap();
    let long = of(&store, "泗水县林业局", Rule::Length);
    assert!(long.len() == 1 && long[0].message.contains("超过本年规定的 60 字"), "{long:?}");
    run_ok(db_cmd(&db).args(["review", "length", "--year", "2021", "--part", "一"]));
    assert!(of(&store, "泗水县林业局", Rule::Length).is_empty());
    // The part named by its words, and counted whole (一 with its （一）…（五）): a limit the
    // overview alone keeps to is exceeded by the whole part.
    let whole_limit = "75";
    run_ok(db_cmd(&db).args(["review", "length", "--year", "2021", "--part", "总体情况", "--max", whole_limit]));
    let long = of(&store, "泗水县林业局", Rule::Length);
    assert!(long.len() == 1 && long[0].message.contains("“一、总体情况”"), "{long:?}");
    let n: usize =
        long[0].message.split("有 ").nth(1).and_then(|r| r.split(' ').next()).and_then(|x| x.parse().ok()).unwrap();
    assert!(n > 75 + 60, "the sub-parts counted too: {n}");
    // A part named by its one-character key is that part: 五, not （五）监督保障 whose title holds 五.
    run_ok(db_cmd(&db).args(["review", "length", "--year", "2021", "--part", "五", "--max", "300"]));
    assert!(store.length_limits(2021).unwrap().contains(&("五".to_string(), 300)));
}
