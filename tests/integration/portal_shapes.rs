//! Pages in the shapes county, district and city portals publish (written here, not copied): the
//! portal's own name glued before the title, a title that starts with its year, titles almost the
//! standard, headings run into their text, 一's topics as 一是…五是, as run-in leads, as bare label
//! lines or as three sub-parts of their own, and each wording of the 统计期限. The agency and year are
//! the report's own, every part is under its key, and a good report gets no finding of its shape.

use crate::common::{cli, figures, run_ok, tempdir};
use crate::documents::ret_with;
use crate::real_pages::{html_rows, table};
use nianbao::forms::{Format, Table};
use nianbao::import;
use nianbao::model::{Return, Rule};

const AGENCY: &str = "示范县教育局";
const TITLE: &str = "示范县教育局2024年政府信息公开工作年度报告";
const PERIOD: &str = "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。";

/// 一 as the standard writes it: its own words, then （一）…（五） titled.
fn standard_one() -> String {
    [
        "<p><strong>一、总体情况</strong></p><p>2024年，我局坚持以公开为常态、不公开为例外。</p>",
        "<p><strong>（一）主动公开</strong></p><p>全年主动公开政府信息215条。</p>",
        "<p><strong>（二）依申请公开</strong></p><p>全年收到申请并均按时答复。</p>",
        "<p><strong>（三）政府信息管理</strong></p><p>严格落实公文公开属性源头认定。</p>",
        "<p><strong>（四）政府信息公开平台建设</strong></p><p>网站专栏运行平稳。</p>",
        "<p><strong>（五）监督保障</strong></p><p>将政务公开纳入年度考核，开展业务培训。</p>",
    ]
    .concat()
}

/// A whole page: the portal's `head`, what it puts before the article (`shell`), the title as the
/// article prints it, the preamble, 一, and the rest of the report as a good one has it.
fn page(head_title: &str, shell: &str, title: &str, preamble: &str, one: &str) -> String {
    let figs = figures(Format::Gov2021, false, 61);
    let mut ret = ret_with(&figs, Format::Gov2021);
    ret.year = Some(2024);
    format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>{head_title}</title>
<meta name="ArticleTitle" content="{{TITLE_LINE}}"><meta name="SiteName" content="示范县人民政府"></head><body>
<div class="header">{shell}
<p>{preamble}</p>{one}
<p><strong>二、主动公开政府信息情况</strong></p>{}
<p><strong>三、收到和处理政府信息公开申请情况</strong></p>{}
<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>{}
<p><strong>五、存在的主要问题及改进情况</strong></p><p>一是政策解读形式较为单一；二是信息更新不够及时。下一步将于6月底前完成栏目整合，每月检查更新情况。</p>
<p><strong>六、其他需要报告的事项</strong></p><p>本机关未收取信息处理费。</p>
<p style="text-align:right">{AGENCY}</p><p style="text-align:right">2025年1月20日</p>
<div class="footer">主办：示范县人民政府办公室 网站标识码3713230001</div></body></html>"#,
        table(&html_rows(Table::Active, &ret)),
        table(&html_rows(Table::Apply, &ret)),
        table(&html_rows(Table::Review, &ret)),
    )
    .replace("{TITLE_LINE}", title)
}

/// The portal's header with its own name glued before the title in the text flow.
fn glued(logo: &str) -> String {
    format!(
        r#"<a class="logo" href="/"><img src="logo.png" alt="">{logo}</a><span class="tit">{{TITLE_LINE}}</span></div>"#
    )
}

fn read(name: &str, html: &str) -> Return {
    let dir = tempdir();
    let path = dir.path().join(format!("{name}.html"));
    std::fs::write(&path, html).unwrap();
    import::read(&path, &Default::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// No finding of a good report's shape: parts, title, period.
fn shape_findings(ret: &Return) -> Vec<String> {
    let shape = [Rule::ReportParts, Rule::ReportTitle, Rule::ReportingPeriod];
    nianbao::checks::check(ret).into_iter().filter(|f| shape.contains(&f.rule)).map(|f| f.message).collect()
}

const EVERY_PART: &[&str] = &["一", "一（一）", "一（二）", "一（三）", "一（四）", "一（五）", "五", "六"];

fn assert_good(name: &str, ret: &Return, agency: &str) {
    assert_parts(name, ret, agency, EVERY_PART);
}

fn assert_parts(name: &str, ret: &Return, agency: &str, parts: &[&str]) {
    assert_eq!((ret.agency.as_deref(), ret.year), (Some(agency), Some(2024)), "{name}");
    let doc = ret.document.as_ref().unwrap();
    for key in parts {
        assert!(doc.headings.iter().any(|h| h == key), "{name}: {key} missing from {:?}", doc.headings);
    }
    assert!(shape_findings(ret).is_empty(), "{name}: {:?}", shape_findings(ret));
}

#[test]
fn the_agency_is_the_reports_own_whatever_the_portal_glues_before_it() {
    let opening = format!("现将{TITLE}予以公布。{PERIOD}");
    let cases = [
        ("logo glued before the title", glued("示范县人民政府"), TITLE.to_string(), AGENCY),
        ("the agency's own name twice", glued(AGENCY), TITLE.to_string(), AGENCY),
        ("the year first", glued("示范县人民政府"), "2024年示范县教育局政府信息公开工作年度报告".into(), AGENCY),
        (
            "年度 before the name, 工作报告",
            glued("示范县人民政府"),
            "示范县民政局2024年度政府信息公开工作报告".into(),
            "示范县民政局",
        ),
        (
            "人民政府 before 政府信息公开",
            glued("某市人民政府"),
            "2024年示范镇人民政府信息公开工作年度报告".into(),
            "示范镇人民政府",
        ),
        ("年报", glued("示范县人民政府"), "示范县教育局2024年政府信息公开年报".into(), AGENCY),
        ("年度 first", glued("示范县人民政府"), "2024年度示范县教育局政府信息公开工作年度报告".into(), AGENCY),
        (
            "a street",
            glued("示范县人民政府"),
            "示范县城关街道办事处2024年度政府信息公开工作年度报告".into(),
            "示范县城关街道办事处",
        ),
    ];
    for (name, shell, title, agency) in cases {
        let html =
            page(&format!("{title}_示范县人民政府"), &shell, &title, &opening.replace(TITLE, &title), &standard_one());
        let html = html.replace(
            &format!("<p style=\"text-align:right\">{AGENCY}</p>"),
            &format!("<p style=\"text-align:right\">{agency}</p>"),
        );
        let ret = read(name, &html);
        assert_good(name, &ret, agency);
        assert!(ret.document.as_ref().unwrap().agency_candidates.is_empty(), "{name}: the sources agree");
    }
}

#[test]
fn sources_that_disagree_are_offered_not_guessed() {
    // The article's title and the 落款 name two agencies (a template left unchanged).
    let html = page(TITLE, &glued("示范县人民政府"), TITLE, PERIOD, &standard_one()).replace(
        &format!("<p style=\"text-align:right\">{AGENCY}</p>"),
        "<p style=\"text-align:right\">示范县卫生健康局</p>",
    );
    let ret = read("disagree", &html);
    assert_eq!(ret.agency.as_deref(), Some(AGENCY), "the title wins");
    assert_eq!(ret.document.as_ref().unwrap().agency_candidates, [AGENCY, "示范县卫生健康局"]);
    // `inspect --json` prints them.
    let dir = tempdir();
    let path = dir.path().join("disagree.html");
    std::fs::write(&path, &html).unwrap();
    let out = run_ok(cli().args(["inspect", "--json"]).arg(&path));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["agency_candidates"], serde_json::json!([AGENCY, "示范县卫生健康局"]));
}

#[test]
fn parts_in_every_shape_portals_print_them() {
    let shell = format!("{}</div>", "<h1>{TITLE_LINE}</h1>");
    let run_in = [
        "<p><strong>一、总体情况</strong>2024年，我局坚持以公开为常态、不公开为例外。</p>",
        "<p>（一）在主动公开方面，全年主动公开政府信息215条。</p>",
        "<p>（二）在依申请公开方面，全年收到申请并均按时答复。</p>",
        "<p>（三）在政府信息管理方面，严格落实公文公开属性源头认定。</p>",
        "<p>（四）在平台建设方面，网站专栏运行平稳。</p>",
        "<p>（五）在监督保障方面，将政务公开纳入年度考核。</p>",
    ]
    .concat();
    let enumerated = "<p><strong>一、总体情况</strong></p><p>2024年，我局坚持以公开为常态。一是主动公开方面，全年主动公开政府信息215条。二是依申请公开方面，全年收到申请并均按时答复。三是政府信息管理方面，严格落实公文公开属性源头认定。四是平台建设方面，网站专栏运行平稳。五是监督保障方面，将政务公开纳入年度考核。</p>";
    let leads = [
        "<p><strong>一、总体情况</strong></p><p>2024年，我局坚持以公开为常态。</p>",
        "<p>主动公开全面落实。依托门户网站主动公开政府信息215条。</p>",
        "<p>依申请公开规范办理。全年收到申请并均按时答复。</p>",
        "<p>政府信息管理持续加强。严格落实公文公开属性源头认定。</p>",
        "<p>公开平台建设不断完善。网站专栏运行平稳。</p>",
        "<p>监督保障有力有效。将政务公开纳入年度考核。</p>",
    ]
    .concat();
    let labels = [
        "<p><strong>一、总体情况</strong></p><p>2024年，我局坚持以公开为常态。</p>",
        "<p>政府信息主动公开情况：</p><p>一是全年主动公开政府信息215条。二是及时更新专栏。</p>",
        "<p>依申请公开情况：</p><p>全年收到申请并均按时答复。</p>",
        "<p>政府信息管理情况：</p><p>严格落实公文公开属性源头认定。</p>",
        "<p>平台建设情况：</p><p>网站专栏运行平稳。</p>",
        "<p>监督保障情况：</p><p>将政务公开纳入年度考核。</p>",
    ]
    .concat();
    let three = [
        "<p><strong>一、总体情况</strong></p>",
        "<p><strong>（一）概述</strong></p><p>2024年，我局坚持以公开为常态，严格落实公文公开属性源头认定，网站专栏运行平稳，将政务公开纳入考核监督。</p>",
        "<p><strong>（二）主动公开情况</strong></p><p>全年主动公开政府信息215条。</p>",
        "<p><strong>（三）依申请公开情况</strong></p><p>全年收到申请并均按时答复。</p>",
    ]
    .concat();
    for (name, one) in [
        ("run-in headings", run_in.as_str()),
        ("一是…五是", enumerated),
        ("run-in leads", &leads),
        ("label lines", &labels),
        ("three sub-parts", &three),
    ] {
        let ret = read(name, &page(TITLE, &shell, TITLE, PERIOD, one));
        // 一 of three sub-parts has no （三）…（五）: its overview covers them, no heading is missing.
        let parts = if name == "three sub-parts" { &EVERY_PART[..3] } else { EVERY_PART };
        assert_parts(name, &ret, AGENCY, parts);
        let doc = ret.document.as_ref().unwrap();
        let one_one = doc.section("一（一）").map(|s| s.text.clone()).unwrap_or_default();
        assert!(one_one.contains("215条"), "{name}: 主动公开 under 一（一）: {one_one:?}");
        let one_two = doc.section("一（二）").map(|s| s.text.clone()).unwrap_or_default();
        assert!(one_two.contains("按时答复"), "{name}: 依申请公开 under 一（二）: {one_two:?}");
    }
}

#[test]
fn every_wording_of_the_period_is_a_statement_of_it() {
    let shell = format!("{}</div>", "<h1>{TITLE_LINE}</h1>");
    for period in [
        "报告中所列数据统计期为2024年1月1日至2024年12月31日。",
        "本报告采用数据为2024年1月1日至2024年12月31日。",
        "本报告所列数据截止日期为2024年12月31日。",
        "本年度报告中使用数据统计期限为2024年1月1日至12月31日。",
    ] {
        let ret = read(period, &page(TITLE, &shell, TITLE, period, &standard_one()));
        assert_good(period, &ret, AGENCY);
    }
    // None at all: the finding.
    let ret = read("none", &page(TITLE, &shell, TITLE, "现将报告公布如下。", &standard_one()));
    let f: Vec<_> = nianbao::checks::check(&ret).into_iter().filter(|f| f.rule == Rule::ReportingPeriod).collect();
    assert_eq!(f.len(), 1, "{f:?}");
}
