//! The county's report written from the agencies': a part's sources side by side, what stands out in
//! them, and the sentences that count what the agencies said — over a county whose agencies wrote
//! their parts in the habits of the seeds (一是…二是…, （一）存在的问题, 下一步…).

use crate::common::cli as nianbao;
use crate::common::*;
use nianbao::forms::Format;
use nianbao::generate::Options;
use nianbao::model::{AgencyKind, ReportOf, SectionState};
use nianbao::report::sources::SourceState;
use nianbao::service::{self, sources};
use nianbao::store::Store;

const YEAR: i32 = 2021;

use SectionState::{Draft, Final};

/// What the agencies wrote, part by part: 一（一） with figures, a first and boilerplate (the 财政局
/// wrote none); 一（五） with training; 五 as the seeds write it; 六 with fees and proposals.
const PARTS: &[(&str, &str, SectionState, &str)] = &[
    ("示范县教育局", "一（一）", Final, "根据《中华人民共和国政府信息公开条例》要求，现将本单位2021年政府信息公开工作情况报告如下。全年主动公开政府信息1234条，办结率100%。"),
    ("示范县公安局", "一（一）", Draft, "首次开通政务新媒体账号，发布警情通报56期。"),
    ("示范县城关镇人民政府", "一（一）", Draft, "镇政府按照县里统一部署做好主动公开工作。"),
    ("示范县东关街道办事处", "一（一）", Final, "街道便民服务中心新开设政务公开专区，收取工本费5.2万元。"),
    ("示范县教育局", "一（五）", Draft, "组织政务公开业务培训2次。"),
    ("示范县城关镇人民政府", "一（五）", Draft, "开展政务公开培训，提升工作人员业务水平。"),
    ("示范县教育局", "五", Final, "（一）存在的问题。一是公开意识有待提高；二是信息更新不够及时。（二）改进措施。下一步，我们将加强业务培训。进一步完善信息发布审核制度。"),
    ("示范县公安局", "五", Draft, "2021年，我局政府信息公开工作取得一定成效，但也存在公开内容单一的问题。2022年，我局将持续加大公开力度。"),
    ("示范县教育局", "六", Draft, "本单位未收取信息处理费。办理人大代表建议3件、政协提案2件，均已按要求公开。"),
    ("示范县公安局", "六", Draft, "本年度未收取信息处理费。承办人大代表建议1件。"),
    ("示范县财政局", "六", Draft, "本机关没有收取信息处理费。"),
];

/// Five agencies: three 部门 (with returns) and two towns, each writing its parts.
fn county(dir: &std::path::Path) -> (Store, f64) {
    let mut store = Store::open(&dir.join("county.db")).unwrap();
    let figs = figures(Format::Gov2021, false, 71);
    for (name, kind) in [
        ("示范县教育局", AgencyKind::Department),
        ("示范县公安局", AgencyKind::Department),
        ("示范县财政局", AgencyKind::Department),
        ("示范县城关镇人民政府", AgencyKind::Township),
        ("示范县东关街道办事处", AgencyKind::Township),
    ] {
        store.add_agency(name, kind).unwrap();
        if kind == AgencyKind::Department {
            let p = write_return(dir, &format!("{YEAR}-{name}.xlsx"), &Options::new(Format::Gov2021), &figs);
            store.import(&nianbao::import::read(&p, &Default::default()).unwrap(), Some(&p)).unwrap();
        }
    }
    let write = |store: &Store, agency: &str, key: &str, state: SectionState, text: &str| {
        service::save_section(store, &ReportOf::Agency(agency.into()), YEAR, key, state, text).unwrap();
    };
    for (agency, key, state, text) in PARTS {
        write(&store, agency, key, *state, text);
    }
    // A figure the text quotes against the agency's tables.
    let new_total = figs["apply.new.total"];
    write(
        &store,
        "示范县财政局",
        "一（二）",
        SectionState::Draft,
        &format!("本年度共收到政府信息公开申请{}件。", new_total + 7.0),
    );
    write(
        &store,
        "示范县教育局",
        "一（二）",
        SectionState::Draft,
        &format!("本年度共收到政府信息公开申请{}件。", new_total),
    );
    (store, new_total)
}

#[test]
fn a_parts_sources_are_every_agencys_text_in_order_and_those_without_it() {
    let dir = tempdir();
    let (store, _) = county(dir.path());
    let src = sources::part_sources(&store, YEAR, "一（一）").unwrap();
    assert_eq!(src.title, "（一）主动公开");
    let who: Vec<(&str, AgencyKind, SourceState)> =
        src.sources.iter().map(|s| (s.agency.as_str(), s.kind, s.state)).collect();
    assert_eq!(
        who,
        [
            ("示范县教育局", AgencyKind::Department, SourceState::Final),
            ("示范县公安局", AgencyKind::Department, SourceState::Draft),
            ("示范县城关镇人民政府", AgencyKind::Township, SourceState::Draft),
            ("示范县东关街道办事处", AgencyKind::Township, SourceState::Final),
        ],
        "部门 first, then 乡镇（街道）, in roster order"
    );
    assert!(src.sources[1].text.starts_with("首次开通政务新媒体账号"));
    assert_eq!(src.without.iter().map(|s| s.agency.as_str()).collect::<Vec<_>>(), ["示范县财政局"]);
    assert!(sources::part_sources(&store, YEAR, "三").is_err(), "a table is not written from sources");
    // A part saved as a draft with no text is no source: the agency is among those without it.
    service::save_section(&store, &ReportOf::Agency("示范县财政局".into()), YEAR, "一（三）", Draft, "").unwrap();
    let three = sources::part_sources(&store, YEAR, "一（三）").unwrap();
    assert!(three.sources.iter().all(|s| s.agency != "示范县财政局"));
    assert!(three.without.iter().any(|s| s.agency == "示范县财政局"));
}

#[test]
fn what_stands_out_is_found_on_the_agencies_sentences_and_not_on_boilerplate() {
    let dir = tempdir();
    let (store, _) = county(dir.path());
    let work = sources::part_work(&store, YEAR, "一（一）").unwrap();
    let said = |list: &[nianbao::report::sources::Highlight]| {
        list.iter().map(|h| format!("{}：{}", h.agency, h.sentence)).collect::<Vec<_>>()
    };
    assert_eq!(
        said(&work.highlights.figures),
        [
            "示范县教育局：全年主动公开政府信息1234条，办结率100%。",
            "示范县公安局：首次开通政务新媒体账号，发布警情通报56期。",
            "示范县东关街道办事处：街道便民服务中心新开设政务公开专区，收取工本费5.2万元。",
        ]
    );
    assert_eq!(
        said(&work.highlights.new),
        [
            "示范县公安局：首次开通政务新媒体账号，发布警情通报56期。",
            "示范县东关街道办事处：街道便民服务中心新开设政务公开专区，收取工本费5.2万元。",
        ]
    );
    // The office's own word counts from then on.
    service::sources::add_new_words(&store, &["统一部署".to_string()]).unwrap();
    // A word added twice, a built-in word and an empty one are kept no second time.
    service::sources::add_new_words(&store, &[" 统一部署 ".to_string(), "首次".to_string(), " ".to_string()]).unwrap();
    assert_eq!(store.own_new_words().unwrap(), ["统一部署"]);
    let work = sources::part_work(&store, YEAR, "一（一）").unwrap();
    assert!(said(&work.highlights.new)
        .contains(&"示范县城关镇人民政府：镇政府按照县里统一部署做好主动公开工作。".to_string()));
}

#[test]
fn part_five_is_split_into_the_problems_and_the_improvements() {
    let dir = tempdir();
    let (store, _) = county(dir.path());
    let h = sources::part_work(&store, YEAR, "五").unwrap().highlights;
    let text = |l: &[nianbao::report::sources::Highlight]| l.iter().map(|x| x.sentence.clone()).collect::<Vec<_>>();
    assert_eq!(
        text(&h.problems),
        [
            "一是公开意识有待提高；",
            "二是信息更新不够及时。",
            "2021年，我局政府信息公开工作取得一定成效，但也存在公开内容单一的问题。"
        ]
    );
    assert_eq!(
        text(&h.improvements),
        ["下一步，我们将加强业务培训。", "进一步完善信息发布审核制度。", "2022年，我局将持续加大公开力度。"]
    );
}

#[test]
fn sentences_count_what_the_agencies_said_and_name_them() {
    let dir = tempdir();
    let (store, _) = county(dir.path());
    let one = sources::part_work(&store, YEAR, "一（五）").unwrap().counted;
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].sentence, "2个单位开展了政务公开培训。");
    assert_eq!(one[0].agencies, ["示范县教育局", "示范县城关镇人民政府"]);
    let six = sources::part_work(&store, YEAR, "六").unwrap().counted;
    let said: Vec<(&str, usize)> = six.iter().map(|c| (c.sentence.as_str(), c.agencies.len())).collect();
    assert_eq!(
        said,
        [("3个单位未收取信息处理费。", 3), ("2个单位报告了人大代表建议和政协提案办理结果公开情况，共6件。", 2)]
    );
    // Kept in the county's text, the county draft's annex names the agencies behind it.
    service::save_section(&store, &ReportOf::County, YEAR, "六", SectionState::Draft, "全县3个单位未收取信息处理费。")
        .unwrap();
    let kept = nianbao::report::sources::counted_kept(&store, YEAR).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].agencies, ["示范县教育局", "示范县公安局", "示范县财政局"]);
    let (rep, totals) = service::report_of(&store, &ReportOf::County, YEAR).unwrap();
    let path = dir.path().join("全县报告稿.docx");
    nianbao::export::draft::export_draft(&rep, totals.as_ref(), None, &path).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap().by_name("word/document.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(
        xml.contains("3个单位未收取信息处理费涉及的单位：示范县教育局、示范县公安局、示范县财政局"),
        "the annex names them"
    );
    assert!(!xml.contains("开展了政务公开培训涉及的单位"), "a count the county's text does not keep is not listed");
    // Two counts kept in two parts: both listed, each once.
    let five = "全县2个单位开展了政务公开培训。全县2个单位开展了政务公开培训。";
    service::save_section(&store, &ReportOf::County, YEAR, "一（五）", SectionState::Draft, five).unwrap();
    let kept: Vec<String> =
        nianbao::report::sources::counted_kept(&store, YEAR).unwrap().into_iter().map(|c| c.sentence).collect();
    assert_eq!(kept, ["2个单位开展了政务公开培训。", "3个单位未收取信息处理费。"]);
}

#[test]
fn a_quoted_figure_that_contradicts_the_agencys_tables_is_marked() {
    let dir = tempdir();
    let (store, total) = county(dir.path());
    let src = sources::part_sources(&store, YEAR, "一（二）").unwrap();
    let finance = src.sources.iter().find(|s| s.agency == "示范县财政局").unwrap();
    assert_eq!(finance.contradictions.len(), 1, "{:?}", finance.contradictions);
    assert!(finance.contradictions[0].contains(&nianbao::text::fmt_num(total)));
    let education = src.sources.iter().find(|s| s.agency == "示范县教育局").unwrap();
    assert!(education.contradictions.is_empty(), "the right figure is not marked");
}

#[test]
fn the_command_line_gives_the_sources_and_the_highlights() {
    let dir = tempdir();
    let (store, _) = county(dir.path());
    drop(store);
    let db = dir.path().join("county.db");
    let sources = |key: &str, how: &str| {
        let args = ["section", "sources", "--county", "--year", "2021", "--key", key, how];
        run_ok(nianbao().arg("--db").arg(&db).args(args)).stdout
    };
    let v: serde_json::Value = serde_json::from_slice(&sources("一（一）", "--json")).unwrap();
    assert_eq!(v["sources"].as_array().unwrap().len(), 4);
    assert_eq!(v["sources"][0]["agency"], "示范县教育局");
    assert_eq!(v["sources"][0]["state"], "final");
    assert_eq!(v["without"][0]["agency"], "示范县财政局");
    let out = sources("六", "--highlights");
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("【统计句】3个单位未收取信息处理费。（示范县教育局、示范县公安局、示范县财政局）"), "{text}");
}
