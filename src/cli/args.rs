//! Every flag and subcommand of the command line, defined once (clap's derive). The commands that
//! act on them are in `commands/`, one file per family.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "nianbao", version, about = "年报工作台：政府信息公开工作年度报告的导入、校验、汇总与导出")]
pub struct Cli {
    /// 数据库文件（默认在用户数据目录 nianbao/nianbao.db）
    #[arg(long, global = true)]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// 读取一份报表或年度报告文档（.docx/.html）并输出其数据、章节与问题，不保存任何内容
    Inspect {
        file: PathBuf,
        /// 按 FORMS.md 约定输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 导入报表、年度报告文档（.docx/.html）或整个文件夹
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 文件名和标题都看不出年度时使用的年度
        #[arg(long)]
        year: Option<i32>,
        /// 文件名和标题都看不出单位时使用的单位
        #[arg(long)]
        agency: Option<String>,
    },
    /// 单位名册
    Agencies {
        #[command(subcommand)]
        action: Option<AgencyAction>,
    },
    /// 某年度各单位的报送情况
    Status {
        #[arg(long)]
        year: Option<i32>,
    },
    /// 列出某年度（或某单位）报表中的问题
    Findings {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        agency: Option<String>,
        /// 每个问题的编号、规则、单元格、说明与处理意见（JSON）
        #[arg(long)]
        json: bool,
    },
    /// 处理一个问题：confirm 已核实（确有问题），dismiss 不予采纳（须写理由）
    Finding {
        #[command(subcommand)]
        action: FindingAction,
    },
    /// 统计分析：审核进度、问题分布、全县主要数据的历年变化和风险指标（--json 输出全部数据）
    Stats {
        #[arg(long)]
        year: Option<i32>,
        /// 历年数据的范围，如 2019-2023（默认从最早的年度到 --year）
        #[arg(long)]
        years: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 审核流程：各单位报告的状态、截止日期、启用的规则、自上次审核意见以来的变化
    Review {
        #[command(subcommand)]
        action: ReviewAction,
    },
    /// 各单位年度报告还有哪些章节待完成
    Sections {
        #[arg(long)]
        year: Option<i32>,
        /// 只看某单位（“全县”为全县报告）
        #[arg(long)]
        agency: Option<String>,
    },
    /// 撰写某一章节
    Section {
        #[command(subcommand)]
        action: SectionAction,
    },
    /// 全县汇总：合计数、已报送与未报送单位
    County {
        #[arg(long)]
        year: Option<i32>,
        #[command(subcommand)]
        action: Option<CountyAction>,
    },
    /// 统计表指标表：查看、导出为 Excel 修改、导入本地区自定的指标表（按年度生效）
    Indicators {
        #[command(subcommand)]
        action: IndicatorAction,
    },
    /// 导出 Excel 表格与 Word 报告稿
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// 立即备份数据库（默认放在数据库旁的 backups 文件夹）
    Backup {
        /// 备份到指定文件
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 列出已有的备份
    Backups,
    /// 从备份恢复数据库（先检查备份，再把当前数据库另存一份）
    Restore { file: PathBuf },
    /// 检查数据库是否完好
    Check,
    /// 手工更正某单位某年度报表中的一项数据（记录原值、时间与说明，重新导入时保留）
    Correct {
        #[command(flatten)]
        target: AgencyYear,
        /// 数据项编号（见 figures）
        #[arg(long)]
        figure: String,
        #[arg(long, allow_hyphen_values = true)]
        value: f64,
        /// 更正说明
        #[arg(long)]
        note: Option<String>,
    },
    /// 某单位某年度当前计入汇总的数据（已应用更正）及更正记录
    Figures {
        #[command(flatten)]
        target: AgencyYear,
        #[arg(long)]
        json: bool,
    },
    /// 某单位某年度的报表版本：列出、撤销误导入的版本、恢复
    Returns {
        #[command(subcommand)]
        action: ReturnsAction,
    },
    /// 生成一个示范县的报表（培训和演示用，其中两份有常见错误）
    Demo {
        #[arg(long)]
        dir: PathBuf,
        #[arg(long, default_value_t = 12)]
        count: usize,
        #[arg(long, default_value_t = 2021)]
        year: i32,
    },
}

#[derive(clap::Args, Clone)]
pub struct SectionTarget {
    /// 单位名称（“全县”为全县报告）
    #[arg(long, default_value = "全县")]
    pub agency: String,
    #[arg(long)]
    pub year: Option<i32>,
    /// 章节：一、一（一）…一（五）、五、六，也可写 1.2、5
    #[arg(long)]
    pub section: String,
}

#[derive(Subcommand)]
pub enum SectionAction {
    /// 用文件中的文字设置章节内容
    Set {
        #[command(flatten)]
        target: SectionTarget,
        /// UTF-8 文本文件
        #[arg(long)]
        file: PathBuf,
        /// 状态：draft 草稿、final 已定稿（或写中文）
        #[arg(long, value_enum, default_value = "draft")]
        state: nianbao::model::SectionState,
    },
    /// 显示章节内容、状态、根据数据生成的句子及文字与数据不符之处
    Show {
        #[command(flatten)]
        target: SectionTarget,
    },
    /// 起草章节：沿用上一年的文字（--from last-year）或根据数据生成句子（--from figures）
    Start {
        #[command(flatten)]
        target: SectionTarget,
        /// 从哪里起草：last-year 上一年的文字，figures 根据数据生成
        #[arg(long, value_enum, default_value = "last-year")]
        from: nianbao::service::StartFrom,
        /// 已有文字时也覆盖
        #[arg(long)]
        force: bool,
    },
    /// 全县报告某一部分的素材：各单位同一部分的原文（--highlights：有数据的句子、新做法、问题与改进、统计句）
    Sources {
        /// 全县报告（目前只有全县报告从各单位的文字汇编）
        #[arg(long)]
        county: bool,
        #[arg(long)]
        year: Option<i32>,
        /// 部分：一、一（一）…一（五）、五、六
        #[arg(long)]
        key: String,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        highlights: bool,
    },
    /// 标记“新做法”的词：列出，或用 --add 增加本地常用的词
    Words {
        #[arg(long)]
        add: Vec<String>,
    },
}

#[derive(clap::Args, Clone)]
pub struct ExportTarget {
    /// 单位名称；不写则为全县
    #[arg(long)]
    pub agency: Option<String>,
    /// 全县（与不写 --agency 相同）
    #[arg(long)]
    pub county: bool,
    #[arg(long)]
    pub year: Option<i32>,
    /// 保存到的文件
    #[arg(long)]
    pub out: PathBuf,
    /// 成文日期（如 2025-01-20），印在落款下；不写则标【待填写：成文日期】
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(Subcommand)]
pub enum ExportWhat {
    /// 汇总表：各单位主要数据、问题清单、手工更正记录、进度
    Summary {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        out: PathBuf,
    },
    /// 标准表格（表二、表三、表四及统计表）
    Tables {
        #[command(flatten)]
        target: ExportTarget,
    },
    /// 发给各单位填写的空白报表模板
    Template {
        #[arg(long)]
        year: i32,
        /// 同时附统计表
        #[arg(long)]
        stats: bool,
        #[arg(long)]
        out: PathBuf,
    },
    /// Word 年度报告稿
    Draft {
        #[command(flatten)]
        target: ExportTarget,
    },
    /// 一次导出全部：各单位的标准表格和报告稿、全县表格和报告稿、汇总表、催报清单
    All {
        #[arg(long)]
        year: Option<i32>,
        /// 保存到的文件夹（不存在时新建）
        #[arg(long)]
        dir: PathBuf,
        /// 报告稿和审核意见的成文日期（如 2025-01-20）
        #[arg(long)]
        date: Option<String>,
    },
    /// 审核意见（Word）：某单位的问题逐条列出，连同待完成的章节，可发回该单位
    Feedback {
        /// 单位名称
        #[arg(long)]
        agency: Option<String>,
        /// 所有有问题或有待完成章节的单位（每个单位一个文件，放在 --dir 中）
        #[arg(long)]
        all: bool,
        #[arg(long)]
        year: Option<i32>,
        /// 保存到的文件（单个单位）
        #[arg(long)]
        out: Option<PathBuf>,
        /// 保存到的文件夹（--all）
        #[arg(long)]
        dir: Option<PathBuf>,
        /// 成文日期（如 2025-01-20）
        #[arg(long)]
        date: Option<String>,
    },
    /// 年度简报（Word，一页）：全县主要数据与上年对比、审核进度、风险指标（图表请在应用的“统计分析”中导出）
    Brief {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        out: PathBuf,
    },
    /// 催报清单：未报送、有问题或有章节待完成的单位，连同联系人和电话
    Chase {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum CountyAction {
    /// 设置本县（市、区）的名称、编制报告的办公室和联系方式（全县报告的标题和前言使用）
    Set {
        /// 如 沂水县
        #[arg(long)]
        name: String,
        /// 如 沂水县人民政府办公室
        #[arg(long)]
        office: String,
        #[arg(long, default_value = "")]
        address: String,
        #[arg(long, default_value = "")]
        phone: String,
        #[arg(long, default_value = "")]
        website: String,
        /// 只有部分单位报送统计表时，全县报告不列统计表（默认列出并注明“N 个单位合计，共 M 个单位”）
        #[arg(long)]
        leave_out_partial_stats: bool,
    },
    /// 显示已设置的本县信息
    Show,
}

#[derive(Subcommand)]
pub enum IndicatorAction {
    /// 列出某年度使用的统计表指标
    Show {
        #[arg(long)]
        year: Option<i32>,
    },
    /// 把某年度的指标表导出为 Excel，供按本地区要求修改
    Export {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        out: PathBuf,
    },
    /// 导入修改后的指标表，从该年度起生效（直到下一个设置了指标表的年度）
    Import {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        file: PathBuf,
    },
    /// 在某年度的指标表中添加一个指标（从该年度起生效）
    Add {
        #[arg(long)]
        year: i32,
        /// 所在栏目的序号（1 为“一、主动公开情况”）
        #[arg(long)]
        section: u32,
        /// 指标名称，如“（三）政务新媒体发布信息数”
        #[arg(long)]
        label: String,
        /// 识别词，用、或逗号分隔（默认取指标名称去掉序号）
        #[arg(long, default_value = "")]
        words: String,
        #[arg(long, default_value = "个")]
        unit: String,
        /// 所属总数的指标代码（该指标不得超过它）
        #[arg(long)]
        part_of: Option<String>,
        /// 允许小数（如万元）
        #[arg(long)]
        decimals: bool,
    },
    /// 从某年度的指标表中删除一个指标（从该年度起生效）
    Remove {
        #[arg(long)]
        year: i32,
        /// 指标代码，见 nianbao indicators show
        #[arg(long)]
        id: String,
    },
    /// 删除某年度起生效的自定指标表（恢复使用前一个或全国通用的指标表）
    Clear {
        #[arg(long)]
        year: i32,
    },
}

#[derive(Subcommand)]
pub enum AgencyAction {
    /// 列出名册
    List {
        /// 包括已撤销的单位
        #[arg(long)]
        all: bool,
    },
    /// 添加单位
    Add {
        name: String,
        /// 部门 或 乡镇/街道（默认按名称判断）
        #[arg(long)]
        kind: Option<String>,
    },
    /// 从表格导入名册：单位名称一列，可有“类别”“联系人”“电话”（或“联系电话”）列，催报清单的联系人和电话即取自这两列
    Import { file: PathBuf },
    /// 更名
    Rename { old: String, new: String },
    /// 撤销（不再要求报送，历史数据保留）；--from-year 起该单位的报表不再计入汇总，此前各年仍计入
    Retire {
        name: String,
        #[arg(long)]
        from_year: Option<i32>,
    },
    /// 记住文件中的名称对应名册中的哪个单位（以后导入都按此对应）
    Alias {
        /// 文件中的单位名称
        #[arg(long)]
        name: String,
        /// 名册中的单位
        #[arg(long)]
        agency: String,
    },
}

/// Which agency and year a command is about.
#[derive(clap::Args)]
pub struct AgencyYear {
    /// 单位名称（名册中的名称）
    #[arg(long)]
    pub agency: String,
    /// 年度（默认最近有报表的年度）
    #[arg(long)]
    pub year: Option<i32>,
}

#[derive(Subcommand)]
pub enum ReturnsAction {
    /// 列出某单位某年度的全部版本（当前版本、历史版本、已撤销的版本）
    List {
        #[command(flatten)]
        target: AgencyYear,
    },
    /// 撤销误导入的当前版本：它留在历史中可恢复，上一个版本（如有）恢复为当前版本
    Remove {
        #[command(flatten)]
        target: AgencyYear,
        /// 撤销的是报告文档（Word/网页），不是 Excel 报表
        #[arg(long)]
        document: bool,
    },
    /// 恢复最近撤销的版本（或 --id 指定的版本）为当前版本
    Restore {
        #[command(flatten)]
        target: AgencyYear,
        #[arg(long)]
        document: bool,
        /// 版本编号（见 returns list）
        #[arg(long)]
        id: Option<i64>,
    },
}

#[derive(Subcommand)]
pub enum FindingAction {
    /// 已核实（确有问题）
    Confirm {
        /// 问题编号（见 findings --json）
        #[arg(long)]
        id: i64,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// 不予采纳：不再计入问题数、审核意见和全县说明
    Dismiss {
        #[arg(long)]
        id: i64,
        /// 理由，如“说明已在报告中解释”
        #[arg(long)]
        reason: String,
    },
}

#[derive(Subcommand)]
pub enum ReviewAction {
    /// 设置某单位报告的审核状态：submitted 已报送待审、returned 已退回修改、resubmitted 已重报待复核、
    /// accepted 审核通过、published 已公开（须 --url）；--agency 全县 记录全县政府年报的公开
    Set {
        /// 单位名称（名册中的名称或别名），或“全县”
        #[arg(long)]
        agency: String,
        /// 年度（不写则为最近导入的年度）
        #[arg(long)]
        year: Option<i32>,
        /// 状态：submitted、returned、resubmitted、accepted、published，或中文名称
        #[arg(long, value_enum)]
        state: nianbao::model::ReviewState,
        /// 日期（如 2022-01-20）
        #[arg(long)]
        date: Option<String>,
        /// 公开的网址
        #[arg(long)]
        url: Option<String>,
        /// 备注
        #[arg(long)]
        note: Option<String>,
        /// 已公开时：从网站保存的页面（或其 .docx），与审核通过的版本逐项核对
        #[arg(long)]
        page: Option<PathBuf>,
    },
    /// 核对一个文件夹中保存的各单位已公开页面：与审核通过的版本逐项比对、按公开截止算逾期天数，
    /// 名册中没有页面的单位列为“未见公开”
    Published {
        /// 年度（不写则为最近导入的年度）
        #[arg(long)]
        year: Option<i32>,
        /// 保存页面的文件夹
        #[arg(long)]
        dir: PathBuf,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 记录已向某单位发出审核意见：记下第几次、日期和所针对的版本，有问题时状态改为“已退回修改”
    /// （导出审核意见不记录任何东西）
    Send {
        /// 单位名称
        #[arg(long)]
        agency: String,
        /// 年度（不写则为最近导入的年度）
        #[arg(long)]
        year: Option<i32>,
        /// 发出日期（如 2022-01-20）
        #[arg(long)]
        date: Option<String>,
    },
    /// 某单位的审核经过：状态变化、审核意见的轮次，以及自上次审核意见以来的变化
    Show {
        /// 单位名称
        #[arg(long)]
        agency: String,
        /// 年度（不写则为最近导入的年度）
        #[arg(long)]
        year: Option<i32>,
        /// 输出 JSON（含 published：已公开页面的核对结果）
        #[arg(long)]
        json: bool,
    },
    /// 截止日期：不写日期则显示。按《条例》第四十九条，部门次年 1 月 31 日前报送并公开；第五十条，
    /// 全县政府年报次年 3 月 31 日前公开；乡镇/街道由本办设定（默认同部门）。只能设得更早，空值恢复默认
    Deadlines {
        /// 年度（不写则为最近导入的年度）
        #[arg(long)]
        year: Option<i32>,
        /// 部门报送截止（如 2022-01-15）
        #[arg(long)]
        report_by: Option<String>,
        /// 部门公开截止
        #[arg(long)]
        publish_by: Option<String>,
        /// 乡镇/街道报送截止
        #[arg(long)]
        township_report_by: Option<String>,
        /// 乡镇/街道公开截止
        #[arg(long)]
        township_publish_by: Option<String>,
        /// 全县政府年报公开截止
        #[arg(long)]
        county_publish_by: Option<String>,
    },
    /// 某年度某一部分的字数上限（如 总体情况 ≤ 1000 字）；不写 --max 则取消；不写 --part 则列出
    Length {
        /// 年度
        #[arg(long)]
        year: i32,
        /// 部分：一、一（一）…一（五）、五、六
        #[arg(long)]
        part: Option<String>,
        /// 最多字数
        #[arg(long)]
        max: Option<u32>,
    },
    /// 照搬与雷同的相似度阈值与本县规定表述：不写 --percent 则显示；写 0 恢复默认 80%（比较时数字与规定表述不计，只比各单位自己的文字）
    Copied {
        /// 年度
        #[arg(long)]
        year: i32,
        /// 相似度（百分数，50–100）
        #[arg(long)]
        percent: Option<u32>,
        /// 本县规定各单位都要写的句子（如六中的固定表述）：比较时不计；可写多次
        #[arg(long)]
        prescribed: Vec<String>,
        /// 清空本年度的规定表述
        #[arg(long)]
        clear_prescribed: bool,
    },
    /// 审核规则：--list 列出全部规则（代码、中文名称、是否启用）；--rule 加 --off 停用、--on 恢复
    Rule {
        /// 年度（不写则为最近导入的年度）
        #[arg(long)]
        year: Option<i32>,
        /// 规则代码或中文名称（见 --list）
        #[arg(long)]
        rule: Option<String>,
        /// 停用
        #[arg(long)]
        off: bool,
        /// 恢复
        #[arg(long)]
        on: bool,
        /// 列出全部规则
        #[arg(long)]
        list: bool,
    },
}
