//! 五、存在的主要问题及改进情况 judged as evaluators judge it: what fell short, and what will be done
//! about it — by what the sentences say, not by which words they use — and last year's problems
//! followed up.

use super::likeness::likeness;
use crate::model::{Document, Finding, Return, Rule};
use crate::text::norm;

/// 五、存在的主要问题及改进情况 as evaluators judge it: a problem stated (a sentence naming what fell
/// short) and a measure with substance (what, by when or how). Boilerplate — "还存在一些问题和不足"
/// and "将进一步做好政府信息公开工作" — states neither, whatever words it uses.
pub(super) fn part_five(ret: &Return, doc: &Document, out: &mut Vec<Finding>) {
    if !doc.headings.iter().any(|h| h == "五") {
        return; // a missing part is the "report parts" rule's
    }
    let text = doc.section("五").map(|s| norm(&s.text)).unwrap_or_default();
    let bare = text.trim_end_matches(['.', '。']);
    if matches!(bare, "" | "无" | "暂无" | "没有" | "无其他" | "不存在") {
        out.push(Finding::about(
            Rule::PartFive,
            "“五、存在的主要问题及改进情况”没有内容或只写了“无”，请如实写明存在的主要问题和改进措施。".into(),
        ));
        return;
    }
    let own_name = ret.agency.as_deref().unwrap_or("");
    let (problems, measures) = five_says(&text, own_name);
    let lacking = match (problems, measures) {
        (true, true) => return,
        (false, true) => "存在的具体问题（哪方面、什么不足）",
        (true, false) => "有内容的改进措施（做什么、何时或怎样做）",
        (false, false) => "存在的具体问题和有内容的改进措施",
    };
    out.push(Finding::about(
        Rule::PartFive,
        format!("“五、存在的主要问题及改进情况”只有套话，没有写明{lacking}，请补充。"),
    ));
}

/// The sentences of a part five, 一是…二是… each one of its own.
fn five_sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['。', '；', ';', ':', '：', '\n']).flat_map(split_enumerated).filter(|s| !s.trim().is_empty())
}

/// "一是…二是…" cut before each 是-item.
fn split_enumerated(s: &str) -> Vec<&str> {
    let mut cuts = vec![0];
    for n in ["二是", "三是", "四是", "五是", "六是"] {
        if let Some(i) = s.find(n) {
            cuts.push(i);
        }
    }
    cuts.sort_unstable();
    cuts.push(s.len());
    cuts.windows(2).map(|w| &s[w[0]..w[1]]).collect()
}

/// Words that say something fell short.
const SHORTFALL: &[&str] = &[
    "不足",
    "不够",
    "有待",
    "欠缺",
    "不规范",
    "不及时",
    "滞后",
    "单一",
    "薄弱",
    "短板",
    "差距",
    "较少",
    "不高",
    "偏低",
    "不到位",
    "不全面",
    "不完善",
    "仍需",
    "还需",
    "需要进一步",
    "碎片化",
    "不方便",
    "不适应",
    "不强",
    "不深",
    "不细",
    "没有形成",
    "未能",
    "没能",
    "无专职",
    "缺乏",
    "缺少",
    "问题",
];

/// Words that announce what will be done.
const MEASURE: &[&str] = &[
    "将",
    "下一步",
    "下一年度",
    "今后",
    "改进",
    "整改",
    "加强",
    "完善",
    "提升",
    "提高",
    "建立",
    "健全",
    "强化",
    "推进",
    "拟",
    "计划",
    "坚持",
    "确保",
];

/// The stock of boilerplate: what remains of a sentence without these (and the agency's name) is
/// what it says of its own.
const STOCK: &[&str] = &[
    "政府信息公开",
    "政务公开",
    "信息公开",
    "公开",
    "工作",
    "存在",
    "一些",
    "一定",
    "问题",
    "不足",
    "差距",
    "方面",
    "还",
    "仍",
    "但",
    "与",
    "上级",
    "要求",
    "人民群众",
    "群众",
    "公众",
    "社会",
    "期待",
    "期盼",
    "期望",
    "相比",
    "等",
    "的",
    "和",
    "了",
    "有",
    "主要",
    "表现",
    "在",
    "中",
    "我局",
    "我镇",
    "我乡",
    "我办",
    "我委",
    "我单位",
    "本单位",
    "本机关",
    "我们",
    "虽然",
    "取得",
    "成效",
    "成绩",
    "明显",
    "进展",
    "总体",
    "上看",
    "离",
    "距离",
    "着",
    "之处",
    "地方",
    "尚",
    "较",
    "新形势",
    "形势",
    "是",
    "年度",
    "年",
    "有待",
    "进一步",
    "不够",
    "将",
    "下一步",
    "下一年度",
    "今后",
    "继续",
    "不断",
    "切实",
    "认真",
    "全面",
    "做好",
    "做实",
    "加强",
    "提高",
    "提升",
    "水平",
    "质量",
    "改进",
    "完善",
    "推进",
    "推动",
    "努力",
    "力争",
    "确保",
    "坚持",
    "深入",
    "扎实",
    "持续",
    "更好",
    "更加",
    "好",
    "抓好",
    "针对",
    "上述",
    "这些",
    "以下",
    "如下",
    "具体",
    "做法",
    "措施",
    "改进措施",
    "整改",
    "一是",
    "二是",
    "三是",
    "四是",
    "五是",
    "还需",
    "仍需",
    "为此",
    "同时",
    "发展",
    "需要",
    "满足",
    "知情权",
    "参与权",
    "监督权",
    "各项",
    "任务",
    "完成",
    "高效",
    "顺利",
    "作用",
    "重视",
    "程度",
    "力度",
    "加大",
    "常态化",
    "制度化",
    "标准化",
    "全县",
    "全镇",
    "全局",
    "本",
    "我",
    "对",
    "把",
    "以",
    "为",
    "从",
    "向",
    "要",
];

/// What a sentence says of its own, in Han characters, once the stock words and the agency's own
/// name are taken out.
fn own_substance(sentence: &str, own_name: &str) -> usize {
    let mut rest = sentence.to_string();
    if own_name.chars().count() >= 2 {
        rest = rest.replace(own_name, "");
    }
    // The longest stock words first, so a long phrase is not cut into leftovers by its parts.
    let mut stock: Vec<&str> = STOCK.to_vec();
    stock.sort_by_key(|w| std::cmp::Reverse(w.len()));
    for w in stock {
        rest = rest.replace(w, "");
    }
    rest.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count()
}

/// A sentence naming what fell short: a shortfall word, and something of its own besides the stock.
fn is_problem(s: &str, own_name: &str) -> bool {
    SHORTFALL.iter().any(|w| s.contains(w)) && own_substance(s, own_name) >= 2
}

/// What is to be done, by when or how: a measure once a measure has been announced.
fn is_measure_item(s: &str, own_name: &str) -> bool {
    const WHEN_OR_HOW: &[&str] = &[
        "年内", "年底", "月底", "季度", "月前", "底前", "每月", "每季", "定期", "通过", "采取", "组织", "制定", "开展",
    ];
    WHEN_OR_HOW.iter().any(|w| s.contains(w)) || own_substance(s, own_name) >= 2
}

/// A measure with substance on its own: a measure word, and what is to be done, by when or how.
fn is_measure(s: &str, own_name: &str) -> bool {
    MEASURE.iter().any(|w| s.contains(w)) && is_measure_item(s, own_name)
}

/// Whether a part five names a problem and a measure with substance. Items under a lead are read
/// as the lead says: after "主要表现为：" the items are problems, after "下一步将做好以下工作：" measures,
/// whatever words each item uses.
fn five_says(text: &str, own_name: &str) -> (bool, bool) {
    let (mut problems, mut measures) = (false, false);
    let mut lead: Option<bool> = None; // Some(true): measures announced; Some(false): problems
    for s in five_sentences(text) {
        let measure_word = MEASURE.iter().any(|w| s.contains(w));
        problems |=
            is_problem(s, own_name) || (lead == Some(false) && !measure_word && own_substance(s, own_name) >= 2);
        measures |= is_measure(s, own_name) || (lead == Some(true) && is_measure_item(s, own_name));
        if measure_word {
            lead = Some(true);
        } else if SHORTFALL.iter().any(|w| s.contains(w)) {
            lead = Some(false);
        }
    }
    (problems, measures)
}

/// Last year's report named problems in 五; this year's 五 says nothing of what became of them (no
/// word of last year, or of the problems' own words). Where last year is stored.
pub fn five_followed_up(this: &Document, last: &Document, last_year: i32, own_name: &str) -> Option<Finding> {
    let this_five = norm(&this.section("五")?.text);
    let last_five = norm(&last.section("五")?.text);
    let named: Vec<&str> = five_sentences(&last_five).filter(|s| is_problem(s, own_name)).collect();
    let first = named.first()?;
    let mentions_last =
        ["上年", "上一年", "去年", "以往", &format!("{last_year}年")].iter().any(|w| this_five.contains(*w));
    // The same problem taken up again in this year's words counts as following it up.
    let taken_up = named.iter().any(|p| five_sentences(&this_five).any(|s| likeness(p, s) >= 0.6));
    if mentions_last || taken_up {
        return None;
    }
    let quoted: String = first.trim_start_matches(|c: char| "一二三四五是,，".contains(c)).chars().take(40).collect();
    Some(Finding::about(
        Rule::PartFive,
        format!("{last_year} 年报告“五”提出的问题（如“{quoted}”）本年没有说明改进情况，请写明上年问题的整改情况。"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Boilerplate names no problem and no measure, whatever words it uses; a concrete sentence,
    /// however short, does. The sentences are real reports' (the seeds) and their stock variants.
    #[test]
    fn part_five_sentences_judged_by_what_they_say() {
        let name = "示范县教育局";
        for s in [
            "政府信息公开工作还存在一些问题和不足",
            "但与上级要求和群众期待相比还有一定差距",
            "示范县教育局政府信息公开工作仍存在不足之处",
            "总体上看，我单位政府信息公开工作取得了一定成效，但还存在一些不足",
        ] {
            assert!(!is_problem(&norm(s), name), "boilerplate taken for a problem: {s}");
        }
        for s in [
            "信息更新还不够及时",
            "公开意识还需加强",
            "重大政策解读方式单一",
            "无专职信息公开员",
            "公开资料管理存档不够规范",
            "已公开的信息存在碎片化现象",
        ] {
            assert!(is_problem(&norm(s), name), "a problem not seen: {s}");
        }
        for s in [
            "下一步将进一步做好政府信息公开工作",
            "我局将继续加强政府信息公开工作，不断提升工作水平",
            "今后将认真做好各项工作",
        ] {
            assert!(!is_measure(&norm(s), name), "boilerplate taken for a measure: {s}");
        }
        for s in ["下一步将加强培训", "将于6月底前完成网站栏目整合", "二是建立有效的监督机制"]
        {
            assert!(is_measure(&norm(s), name), "a measure not seen: {s}");
        }
        // Items read as their lead says.
        let items = "存在的问题主要表现为：一是临时性集中公开较多；二是无专职人员。下一步将做好以下工作：一是定期组织开展检查。";
        assert_eq!(five_says(&norm(items), name), (true, true));
        let empty = "还存在一些问题和不足。下一步将进一步做好政府信息公开工作。";
        assert_eq!(five_says(&norm(empty), name), (false, false));
        // Items with no word of their own that they fell short: problems because their lead says so.
        let led = "主要问题如下：一是临时性集中公开较多；二是专栏内容更新慢。";
        assert!(five_says(&norm(led), name).0);
        // A measure under a problems' lead is a measure, not a problem.
        assert_eq!(five_says(&norm("主要问题如下：下一步将加强培训。"), name), (false, true));
        // The agency's own name is no substance: "示范县教育局" left in would read as a problem named.
        assert!(!is_problem(&norm("示范县教育局存在不足"), name));
        assert!(is_problem(&norm("示范县教育局存在不足"), ""), "without the name to take out, it reads as one");
    }
}
