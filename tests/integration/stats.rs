//! The 统计表 family: the variants provinces and cities hand out and agencies retype, each read by
//! what its rows mean (every figure asserted); rows that are no indicator reported with their cell;
//! and an office's own indicator table defined, its template filled and imported, its parts
//! checked, its indicators summed for the county and shown in the summary and the tables.

use crate::common::{assert_figures, cli, figures, run_ok, tempdir};
use nianbao::forms::indicators::{Indicator, IndicatorSection, IndicatorTable};
use nianbao::forms::Format;
use nianbao::model::Rule;
use nianbao::store::Store;
use rust_xlsxwriter::Workbook;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How a variant writes the table.
#[derive(Clone, Copy, Default)]
struct Variant {
    /// Labels without 一、（一）1. numbering.
    strip_numbers: bool,
    /// A 序号 column carries the numbering instead (一 … 七 on section rows).
    seq_column: bool,
    /// The value column's header.
    value_header: &'static str,
    /// A 历年累计 column right of the value, holding other numbers.
    cumulative: bool,
    /// The unit written into the label ("（条）") rather than a column of its own.
    unit_in_label: bool,
    /// No section heading rows without values: sections only from the order of the rows.
    no_headings: bool,
    /// The label column's header ("项目", "指标"); "" for the usual ones.
    label_header: &'static str,
    /// The agency in brackets after the title, as some cities print it.
    agency_after_title: bool,
}

const CHINESE: [&str; 8] = ["", "一", "二", "三", "四", "五", "六", "七"];

fn strip(label: &str) -> String {
    let t = label.trim_start_matches(|c: char| "一二三四五六七八九十、（）()1234567890.．".contains(c));
    t.trim_start_matches("其中：").to_string()
}

/// A 统计表 workbook in the variant's layout with `values`; the title names agency and year.
fn write_variant(dir: &Path, name: &str, v: Variant, values: &BTreeMap<String, f64>) -> PathBuf {
    let table = IndicatorTable::national();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let title = if v.agency_after_title {
        "2021年度政府信息公开情况统计表（示范县统计局）"
    } else {
        "示范县统计局2021年政府信息公开情况统计表"
    };
    ws.write_string(0, 0, title).unwrap();
    let mut headers: Vec<&str> = Vec::new();
    if v.seq_column {
        headers.push("序号");
    }
    headers.push(match (v.label_header, v.seq_column) {
        ("", true) => "指标名称",
        ("", false) => "统计指标",
        (h, _) => h,
    });
    if !v.unit_in_label {
        headers.push("计量单位");
    }
    headers.push(v.value_header);
    if v.cumulative {
        headers.push("历年累计");
    }
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let mut r = 3u32;
    let mut last_section = 0;
    for ind in &table.indicators {
        let first_in_section = ind.section != last_section;
        last_section = ind.section;
        let sec = &table.sections[ind.section as usize - 1];
        // Pure heading rows (一、主动公开情况): sections whose heading has no value of its own.
        if first_in_section && !ind.heading && !v.no_headings {
            let mut c = 0u16;
            if v.seq_column {
                ws.write_string(r, 0, CHINESE[ind.section as usize]).unwrap();
                c = 1;
            }
            let title = if v.strip_numbers || v.seq_column { strip(&sec.title) } else { sec.title.clone() };
            ws.write_string(r, c, &title).unwrap();
            r += 1;
        }
        let mut c = 0u16;
        let mut label = if v.strip_numbers || v.seq_column { strip(&ind.label) } else { ind.label.clone() };
        if ind.heading {
            label = if v.strip_numbers || v.seq_column { strip(&sec.title) } else { sec.title.clone() };
        }
        if ind.id.ends_with("_leaders") || ind.id == "stats.active.normative" {
            label = format!("其中：{}", label.trim_start_matches("其中："));
        }
        if v.unit_in_label {
            label = format!("{label}（{}）", ind.unit);
        }
        if v.seq_column {
            if ind.heading {
                ws.write_string(r, 0, CHINESE[ind.section as usize]).unwrap();
            }
            c = 1;
        }
        ws.write_string(r, c, &label).unwrap();
        c += 1;
        if !v.unit_in_label {
            ws.write_string(r, c, &ind.unit).unwrap();
            c += 1;
        }
        ws.write_number(r, c, values[&ind.id]).unwrap();
        if v.cumulative {
            ws.write_number(r, c + 1, values[&ind.id] * 10.0 + 7.0).unwrap();
        }
        r += 1;
    }
    let path = dir.join(name);
    wb.save(&path).unwrap();
    path
}

fn stats_values(seed: u64) -> BTreeMap<String, f64> {
    figures(Format::Gov2021, true, seed).into_iter().filter(|(id, _)| id.starts_with("stats.")).collect()
}

#[test]
fn every_variant_of_the_statistics_table_reads_every_figure() {
    let dir = tempdir();
    let base = Variant { value_header: "统计数", ..Default::default() };
    let variants = [
        ("national", base),
        ("numbering stripped", Variant { strip_numbers: true, ..base }),
        ("序号 column, 数量", Variant { seq_column: true, value_header: "数量", ..base }),
        ("本年", Variant { value_header: "本年", ..base }),
        ("数值", Variant { value_header: "数值", strip_numbers: true, ..base }),
        ("本年度 beside 历年累计", Variant { seq_column: true, value_header: "本年度", cumulative: true, ..base }),
        ("units in labels", Variant { unit_in_label: true, strip_numbers: true, ..base }),
        ("sections only by order", Variant { strip_numbers: true, no_headings: true, ..base }),
        (
            "项目/数值, plain section rows, units in labels, agency after the title",
            Variant {
                label_header: "项目",
                value_header: "数值",
                strip_numbers: true,
                unit_in_label: true,
                agency_after_title: true,
                ..base
            },
        ),
        (
            "指标/数量 with a 序号 column and the agency after the title",
            Variant {
                label_header: "指标", value_header: "数量", seq_column: true, agency_after_title: true, ..base
            },
        ),
        (
            "项目/本年 beside 历年累计, units in labels",
            Variant { label_header: "项目", value_header: "本年", unit_in_label: true, cumulative: true, ..base },
        ),
        (
            "all at once",
            Variant {
                strip_numbers: true,
                no_headings: true,
                unit_in_label: true,
                cumulative: true,
                value_header: "本年度",
                ..base
            },
        ),
    ];
    for (i, (what, v)) in variants.iter().enumerate() {
        let want = stats_values(500 + i as u64);
        let path = write_variant(dir.path(), &format!("v{i}.xlsx"), *v, &want);
        let ret = nianbao::import::read(&path, &Default::default()).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(ret.agency.as_deref(), Some("示范县统计局"), "{what}");
        assert_figures(&ret, &want);
        assert!(ret.unplaced.is_empty(), "{what}: {:?}", ret.unplaced);
        let findings = nianbao::checks::check(&ret);
        assert!(findings.iter().all(|f| f.rule != Rule::Unplaced && f.rule != Rule::Parts), "{what}: {findings:?}");
    }
}

#[test]
fn rows_that_are_no_indicator_are_reported_with_their_cell() {
    let dir = tempdir();
    let want = stats_values(77);
    let path = write_variant(dir.path(), "x.xlsx", Variant { value_header: "数量", ..Default::default() }, &want);
    // Two rows the national table has no indicator for, typed at the end of the table.
    let mut wb = calamine::open_workbook_auto(&path).unwrap();
    use calamine::Reader;
    let rows = wb.worksheet_range_at(0).unwrap().unwrap().height() as u32;
    let mut out = Workbook::new();
    let ws = out.add_worksheet();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    for (r, row) in range.rows().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell {
                calamine::Data::Float(x) => ws.write_number(r as u32, c as u16, *x).unwrap(),
                calamine::Data::Empty => ws,
                other => ws.write_string(r as u32, c as u16, other.to_string()).unwrap(),
            };
        }
    }
    ws.write_string(rows, 0, "政务新媒体账号数").unwrap();
    ws.write_string(rows, 1, "个").unwrap();
    ws.write_number(rows, 2, 12).unwrap();
    ws.write_string(rows + 1, 0, "依申请公开办结率").unwrap();
    ws.write_string(rows + 1, 1, "%").unwrap();
    ws.write_number(rows + 1, 2, 98.5).unwrap();
    let path = dir.path().join("extra.xlsx");
    out.save(&path).unwrap();
    let ret = nianbao::import::read(&path, &Default::default()).unwrap();
    assert_figures(&ret, &want);
    let findings = nianbao::checks::check(&ret);
    let unplaced: Vec<_> = findings.iter().filter(|f| f.rule == Rule::Unplaced).collect();
    assert_eq!(unplaced.len(), 2, "{findings:?}");
    assert_eq!(unplaced[0].refs, vec![format!("Sheet1!C{}", rows + 1)]);
    assert!(unplaced[0].message.contains("政务新媒体账号数") && unplaced[0].message.contains("12"));
    assert!(unplaced[1].message.contains("依申请公开办结率") && unplaced[1].message.contains("98.5"));
}

/// The city's table: the national one without 政府公报, plus a section of its own.
fn city_table() -> IndicatorTable {
    let mut t = IndicatorTable::national();
    t.indicators.retain(|i| i.id != "stats.channel.gazette");
    t.sections.push(IndicatorSection {
        title: "八、政务新媒体情况".into(), words: vec!["政务新媒体情况".into()]
    });
    let ind = |id: &str, label: &str, words: &[&str], unit: &str, part_of: Option<&str>, sum: bool| Indicator {
        id: id.into(),
        label: label.into(),
        words: words.iter().map(|w| w.to_string()).collect(),
        except: vec![],
        unit: unit.into(),
        section: 8,
        decimals: false,
        part_of: part_of.map(str::to_string),
        sum_of_parts: sum,
        heading: false,
        before: None,
    };
    // 微博 and 微信 accounts are 其中 of all accounts (there are others): never above it.
    t.indicators.push(ind("stats.x.accounts", "（一）政务新媒体账号数", &["账号数"], "个", None, false));
    t.indicators.push(ind(
        "stats.x.weibo_accounts",
        "1.政务微博账号数",
        &["微博账号"],
        "个",
        Some("stats.x.accounts"),
        false,
    ));
    t.indicators.push(ind(
        "stats.x.wechat_accounts",
        "2.政务微信公众号数",
        &["微信公众号"],
        "个",
        Some("stats.x.accounts"),
        false,
    ));
    t.indicators.push(ind("stats.x.posts", "（二）政务新媒体发布信息数", &["发布信息数"], "条", None, false));
    t
}

#[test]
fn an_offices_own_indicator_table_runs_through_template_import_checks_sums_and_exports() {
    let dir = tempdir();
    let db = dir.path().join("t.db");
    // Defined from the CLI: the national table exported, edited as the city asks, imported back.
    let def = dir.path().join("指标表.xlsx");
    run_ok(cli().arg("--db").arg(&db).args(["indicators", "export", "--year", "2022", "--out"]).arg(&def));
    let national = nianbao::forms::indicators::IndicatorTable::national();
    assert_eq!(nianbao::import::indicators::read_definition(&def).unwrap(), national);
    let city = city_table();
    std::fs::write(&def, nianbao::export::indicators::definition_workbook(&city).unwrap()).unwrap();
    let out = run_ok(cli().arg("--db").arg(&db).args(["indicators", "import", "--year", "2022", "--file"]).arg(&def));
    assert!(String::from_utf8_lossy(&out.stdout).contains("39 个指标"), "{}", String::from_utf8_lossy(&out.stdout));
    let mut store = Store::open(&db).unwrap();
    assert_eq!(store.indicator_table(2023).unwrap(), (city.clone(), Some(2022)), "2022's table governs 2023");
    assert_eq!(store.indicator_table(2021).unwrap().1, None, "2021 keeps the national table");

    // The template follows it; two agencies fill it, one with a part above its whole.
    let mut sums: BTreeMap<String, f64> = BTreeMap::new();
    let mut files = Vec::new();
    for (i, name) in ["示范县文旅局", "示范县卫健局"].iter().enumerate() {
        let mut figs = figures(Format::Gov2021, true, 900 + i as u64);
        figs.remove("stats.channel.gazette");
        figs.insert("stats.x.weibo_accounts".into(), 3.0 + i as f64);
        figs.insert("stats.x.wechat_accounts".into(), 2.0);
        figs.insert("stats.x.accounts".into(), if i == 1 { 3.0 } else { 6.0 });
        // The second agency's count of posts has a fraction: the city's indicator counts whole posts.
        figs.insert("stats.x.posts".into(), 120.0 * (i + 1) as f64 + 0.5 * i as f64);
        for (k, v) in &figs {
            *sums.entry(k.clone()).or_default() += v;
        }
        let bytes = nianbao::export::tables::template_for(2022, true, Some((name, &figs)), &city, "").unwrap();
        let p = dir.path().join(format!("2022-{name}.xlsx"));
        std::fs::write(&p, bytes).unwrap();
        files.push(p);
    }
    let s = nianbao::service::import_files(&mut store, &files, &Default::default(), |_, _, _| {});
    assert_eq!(s.imported, 2);
    for (i, name) in ["示范县文旅局", "示范县卫健局"].iter().enumerate() {
        let a = store.agency_by_name(name).unwrap().unwrap();
        let rid = store.db().current_return_id(a.id, 2022).unwrap().unwrap();
        let ret = store.db().load_return(rid).unwrap();
        assert_eq!(ret.value("stats.x.posts"), Some(120.0 * (i + 1) as f64 + 0.5 * i as f64));
        let findings = store.db().findings(rid).unwrap();
        let parts: Vec<_> = findings.iter().filter(|f| f.rule == Rule::Parts).collect();
        if i == 0 {
            assert!(findings.is_empty(), "the first fills the city's table clean: {findings:?}");
        } else {
            assert_eq!(parts.len(), 1, "{findings:?}");
            let whole: Vec<_> = findings.iter().filter(|f| f.rule == Rule::Whole).collect();
            assert_eq!(whole.len(), 1, "{findings:?}");
            assert_eq!(whole[0].cells, ["stats.x.posts"]);
            assert!(
                parts[0]
                    .message
                    .contains("统计表“1.政务微博账号数” 为 4，大于它所属的统计表“（一）政务新媒体账号数” 3"),
                "{}",
                parts[0].message
            );
        }
    }
    // The county sums the city's indicators; the summary and the tables show them.
    let county = nianbao::merge::county(&store, 2022).unwrap();
    assert_eq!(county.totals.value("stats.x.posts"), Some(360.5));
    assert_eq!(county.totals.value("stats.x.accounts"), Some(9.0));
    assert_eq!(county.totals.value("stats.x.weibo_accounts"), Some(7.0));
    assert_eq!(county.totals.value("stats.channel.gazette"), None);
    let tables = dir.path().join("county.xlsx");
    nianbao::export::tables::export_tables(&county.totals, None, &tables).unwrap();
    let book = store.indicator_book().unwrap();
    let back =
        nianbao::import::read(&tables, &nianbao::import::ReadOptions { indicators: Some(&book), table_year: None })
            .unwrap();
    assert_eq!(back.value("stats.x.posts"), Some(360.5));
    assert_eq!(back.value("stats.x.weibo_accounts"), Some(sums["stats.x.weibo_accounts"]));
    let summary = dir.path().join("summary.xlsx");
    nianbao::export::summary::export_summary(&store, 2022, &summary).unwrap();
    let mut wb = calamine::open_workbook_auto(&summary).unwrap();
    use calamine::Reader;
    let sheet = wb.worksheet_range("统计表").unwrap();
    let header: Vec<String> = sheet.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    let col = header.iter().position(|h| h.contains("政务新媒体发布信息数")).expect("the city's indicator is a column");
    // A partial sum says so: of how many agencies that filed the 统计表.
    let total_row = sheet.rows().find(|r| r.iter().any(|c| c.to_string().starts_with("全县合计（"))).unwrap();
    assert!(total_row[0].to_string().contains("个单位报送统计表"), "{}", total_row[0]);
    assert_eq!(total_row[col].to_string(), "360.5");
    // A return on the national table in a year of the city's: 政府公报 kept and said.
    let mut figs = figures(Format::Gov2021, true, 950);
    figs.insert("stats.x.posts".into(), 1.0);
    let bytes = nianbao::export::tables::template_workbook(2022, true, Some(("示范县水务局", &figs))).unwrap();
    let p = dir.path().join("2022-示范县水务局.xlsx");
    std::fs::write(&p, bytes).unwrap();
    nianbao::service::import_files(&mut store, &[p], &Default::default(), |_, _, _| {});
    let a = store.agency_by_name("示范县水务局").unwrap().unwrap();
    let rid = store.db().current_return_id(a.id, 2022).unwrap().unwrap();
    assert_eq!(
        store.db().load_return(rid).unwrap().value("stats.channel.gazette"),
        figs.get("stats.channel.gazette").copied()
    );
    let findings = store.db().findings(rid).unwrap();
    assert!(
        findings.iter().any(|f| f.rule == Rule::NotInTable && f.cells == vec!["stats.channel.gazette".to_string()]),
        "{findings:?}"
    );
}

#[test]
fn an_indicator_added_at_the_end_is_kept_within_its_section() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let mut t = IndicatorTable::national();
    let mut extra = t.indicators[0].clone();
    extra.id = "stats.x.new_media".into();
    extra.label = "（三）政务新媒体发布信息数".into();
    extra.words = vec!["政务新媒体".into()];
    extra.except = vec![];
    t.indicators.push(extra);
    store.set_indicator_table(2021, &t).unwrap();
    let (saved, from) = store.indicator_table(2021).unwrap();
    assert_eq!(from, Some(2021));
    let at = saved.order("stats.x.new_media");
    assert_eq!(saved.indicators[at - 1].id, "stats.channel.other", "after section 一's last indicator");
    assert_eq!(saved.indicators[at + 1].id, "stats.response.hotspots");
}

#[test]
fn indicators_are_added_and_removed_from_the_command_line() {
    let dir = tempdir();
    let db = dir.path().join("t.db");
    let run = |args: &[&str]| {
        let out = cli().arg("--db").arg(&db).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let said = run(&[
        "indicators",
        "add",
        "--year",
        "2022",
        "--section",
        "2",
        "--label",
        "4.政务新媒体回应数",
        "--unit",
        "次",
    ]);
    assert!(said.contains("已添加指标 stats.x.1，2022 年起生效"), "{said}");
    let shown = run(&["indicators", "show", "--year", "2023"]);
    assert!(
        shown.contains("本地区自定指标表（2022 年起）") && shown.contains("stats.x.1\t4.政务新媒体回应数\t次"),
        "{shown}"
    );
    let store = Store::open(&db).unwrap();
    assert_eq!(store.indicator_table(2022).unwrap().0.get("stats.x.1").unwrap().words, vec!["政务新媒体回应数"]);
    drop(store);
    run(&["indicators", "remove", "--year", "2022", "--id", "stats.x.1"]);
    assert!(!run(&["indicators", "show", "--year", "2022"]).contains("stats.x.1"));
    let out = cli()
        .arg("--db")
        .arg(&db)
        .args(["indicators", "remove", "--year", "2022", "--id", "stats.x.9"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("2022 年的指标表里没有“stats.x.9”"));
}
