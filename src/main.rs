//! `nianbao`: the engine's command line. Every command is a few lines over the library.
#![warn(clippy::too_many_lines)]

use clap::{Parser, Subcommand};
use nianbao::model::{AgencyKind, Finding, MatchKind, ReportOf, Return, SectionState};
use nianbao::service::{self, StartFrom};
use nianbao::store::Store;
use nianbao::{export, inspect, report};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "nianbao", version, about = "年报工作台：政府信息公开工作年度报告的导入、校验、汇总与导出")]
struct Cli {
    /// 数据库文件（默认在用户数据目录 nianbao/nianbao.db）
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
        target: cli::returns::AgencyYear,
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
        target: cli::returns::AgencyYear,
        #[arg(long)]
        json: bool,
    },
    /// 某单位某年度的报表版本：列出、撤销误导入的版本、恢复
    Returns {
        #[command(subcommand)]
        action: cli::returns::ReturnsAction,
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
    /// 性能测试：生成一个县的报表并测量读取与导入速度
    Bench {
        /// 生成的报表数
        #[arg(long, default_value_t = 300)]
        count: usize,
        /// 放生成文件的文件夹（默认临时文件夹）
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

#[derive(clap::Args, Clone)]
struct SectionTarget {
    /// 单位名称（“全县”为全县报告）
    #[arg(long, default_value = "全县")]
    agency: String,
    #[arg(long)]
    year: Option<i32>,
    /// 章节：一、一（一）…一（五）、五、六，也可写 1.2、5
    #[arg(long)]
    section: String,
}

#[derive(Subcommand)]
enum SectionAction {
    /// 用文件中的文字设置章节内容
    Set {
        #[command(flatten)]
        target: SectionTarget,
        /// UTF-8 文本文件
        #[arg(long)]
        file: PathBuf,
        /// 草稿 或 已定稿
        #[arg(long, default_value = "草稿")]
        state: String,
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
        #[arg(long, default_value = "last-year")]
        from: String,
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
struct ExportTarget {
    /// 单位名称；不写则为全县
    #[arg(long)]
    agency: Option<String>,
    /// 全县（与不写 --agency 相同）
    #[arg(long)]
    county: bool,
    #[arg(long)]
    year: Option<i32>,
    /// 保存到的文件
    #[arg(long)]
    out: PathBuf,
}

#[derive(Subcommand)]
enum ExportWhat {
    /// 汇总表：各单位主要数据、问题清单、进度
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
        /// 保存到的文件夹
        #[arg(long)]
        dir: PathBuf,
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
enum CountyAction {
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
enum IndicatorAction {
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
enum AgencyAction {
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
    /// 从表格导入名册（第一列单位名称，可有一列类别）
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

/// Why a command failed: one Chinese sentence, whatever stage it came from.
#[derive(Debug)]
struct CliError(String);

macro_rules! cli_error_from {
    ($($t:ty),*) => {$(
        impl From<$t> for CliError {
            fn from(e: $t) -> Self {
                CliError(e.to_string())
            }
        }
    )*};
}
cli_error_from!(
    nianbao::store::StoreError,
    nianbao::import::ImportError,
    nianbao::export::ExportError,
    nianbao::service::RosterError,
    String
);

impl From<&str> for CliError {
    fn from(e: &str) -> Self {
        CliError(e.to_string())
    }
}

/// A command's result: its exit status, or the sentence saying why it failed.
type Out = Result<ExitCode, CliError>;

/// Prints a line to stdout, control characters from files escaped (a file name or a cell with ESC or
/// BEL must not drive the terminal); a closed pipe (`nianbao … | head`) ends the command quietly.
macro_rules! say {
    ($($arg:tt)*) => {{
        let line = format!($($arg)*);
        let mut out = std::io::stdout().lock();
        if std::io::Write::write_fmt(&mut out, format_args!("{}\n", nianbao::text::terminal_safe(&line, true))).is_err() {
            std::process::exit(0);
        }
    }};
}

mod cli;

/// Prints a line to stderr in one write, made terminal-safe as [`say!`] does.
fn tell(line: &str) {
    let line = format!("{}\n", nianbao::text::terminal_safe(line, true));
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(code) => code,
        Err(CliError(msg)) => {
            tell(&msg);
            ExitCode::from(1)
        }
    };
    // The tests bound memory per process: this process's peak, when they ask for it.
    if std::env::var_os("NIANBAO_PEAK_MEMORY").is_some() {
        eprintln!("峰值内存 {:.1} MB", nianbao::bench::peak_rss_mb());
    }
    code
}

fn db_path(db: &Option<PathBuf>) -> PathBuf {
    db.clone().unwrap_or_else(Store::default_path)
}

fn open_store(db: &Option<PathBuf>) -> Result<Store, CliError> {
    Ok(Store::open(&db_path(db))?)
}

fn run(cli: Cli) -> Out {
    let db = &cli.db;
    match cli.command {
        Command::Inspect { file, json } => cmd_inspect(&file, json),
        Command::Import { paths, year, agency } => cmd_import(db, &paths, year, agency),
        Command::Agencies { action } => cmd_agencies(db, action.unwrap_or(AgencyAction::List { all: false })),
        Command::Status { year } => cmd_status(db, year),
        Command::Findings { year, agency } => cmd_findings(db, year, agency),
        Command::Sections { year, agency } => cmd_sections(db, year, agency),
        Command::Section { action } => cmd_section(db, action),
        Command::County { action: Some(action), .. } => cmd_county_info(db, action),
        Command::Indicators { action } => cmd_indicators(db, action),
        Command::County { year, action: None } => cmd_county(db, year),
        Command::Export { what } => cmd_export(db, what),
        Command::Backup { out } => cmd_backup(db, out),
        Command::Backups => cmd_backups(db),
        Command::Restore { file } => cmd_restore(db, &file),
        Command::Check => cmd_check(db),
        Command::Correct { target, figure, value, note } => cli::returns::cmd_correct(db, target, &figure, value, note),
        Command::Figures { target, json } => cli::returns::cmd_figures(db, target, json),
        Command::Returns { action } => cli::returns::cmd_returns(db, action),
        Command::Demo { dir, count, year } => cmd_demo(&dir, count, year),
        Command::Bench { count, dir } => cmd_bench(count, dir.as_deref()),
    }
}

fn cmd_inspect(file: &Path, json: bool) -> Out {
    let (ret, findings) = service::inspect(file)?;
    if json {
        say!("{}", serde_json::to_string_pretty(&inspect::to_json(&ret, &findings)).unwrap_or_default());
    } else {
        print_return(&ret, &findings);
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_import(db: &Option<PathBuf>, paths: &[PathBuf], year: Option<i32>, agency: Option<String>) -> Out {
    let mut store = open_store(db)?;
    let files = service::collect_files(paths);
    let total = files.len();
    if total == 0 {
        return Err("没有找到可导入的 .xlsx、.xls、.docx 或 .html 文件。".into());
    }
    // The state before the batch, should it need undoing.
    if let Err(e) = store.backup_before_import(&files) {
        tell(&format!("注意：导入前备份没有成功（{e}），继续导入。"));
    }
    // Files of another county, listed again at the end (the progress callback runs on a reader).
    let held = std::sync::Mutex::new(Vec::<String>::new());
    let summary = service::import_files(
        &mut store,
        &files,
        &service::Overrides { year, agency, ..Default::default() },
        |i, path, outcome| {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let name = nianbao::text::terminal_safe(&name, false);
            // One write a line (stderr is unbuffered: eprintln! writes each piece of the format).
            tell(&match outcome {
                Ok(done) if done.unchanged => format!(
                    "[{}/{}] {} → 未变化：{} {} 年（与已导入的版本相同，未重复导入）",
                    i + 1,
                    total,
                    name,
                    done.agency,
                    done.year
                ),
                Ok(done) => format!("[{}/{}] {} → 已导入：{}", i + 1, total, name, describe_import(done)),
                Err(r) if r.code == service::HELD => {
                    format!("[{}/{}] {} → 属于其他县：{}", i + 1, total, name, r.message)
                }
                Err(r) => format!("[{}/{}] {} → 未导入：{}", i + 1, total, name, r.message),
            });
            if outcome.as_ref().is_err_and(|r| r.code == service::HELD) {
                held.lock().map(|mut h| h.push(name.into_owned())).ok();
            }
        },
    );
    let mut line = format!("共 {} 个文件：导入 {} 个", total, summary.imported);
    if summary.unchanged > 0 {
        line.push_str(&format!("，未变化 {} 个", summary.unchanged));
    }
    if summary.held > 0 {
        line.push_str(&format!("，属于其他县暂缓 {} 个", summary.held));
    }
    line.push_str(&format!("，拒收 {} 个，其中 {} 个有问题需核对。", summary.refused, summary.with_findings));
    say!("{line}");
    let held = held.into_inner().unwrap_or_default();
    if !held.is_empty() {
        say!("以下文件的单位属于其他县，未导入也不计入汇总（如确属本县，请用 agencies alias 指定单位后重新导入）：");
        for name in held {
            say!("  {name}");
        }
    }
    Ok(if summary.refused > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn describe_import(done: &nianbao::store::Imported) -> String {
    let mut s = format!(
        "{} {} 年（{}，{}，{} 项数据",
        done.agency,
        done.year,
        done.source.label(),
        done.format.label(),
        done.figures
    );
    if done.source.is_document() {
        s.push_str(&service::said::sections(done.sections_taken, done.sections_offered));
    }
    if !done.findings.is_empty() {
        s.push_str(&format!("，{} 个问题待核对", done.findings.len()));
    }
    s.push('）');
    match done.matched {
        MatchKind::Close => s.push_str(&format!("，文件中写作“{}”，按相近名称对应", done.file_agency)),
        MatchKind::Alias => s.push_str(&format!("，文件中写作“{}”，按别名对应", done.file_agency)),
        _ => {}
    }
    if done.replaced_earlier {
        s.push_str("，替换了此前导入的版本（旧版保留为历史）");
    }
    if done.corrections_kept > 0 {
        s.push_str(&format!("，保留了办公室的 {} 处更正", done.corrections_kept));
    }
    for x in &done.superseded {
        s.push_str(&service::said::superseded(x));
    }
    if done.agency_added {
        s.push_str("［新单位已加入名册］");
    }
    s
}

fn cmd_agencies(db: &Option<PathBuf>, action: AgencyAction) -> Out {
    let mut store = open_store(db)?;
    match action {
        AgencyAction::List { all } => {
            for a in store.agencies(all)? {
                say!("{}\t{}{}", a.name, a.kind.label(), if a.retired { "\t（已撤销）" } else { "" });
            }
        }
        AgencyAction::Add { name, kind } => {
            let kind = match kind {
                Some(k) => {
                    AgencyKind::parse(&k).ok_or_else(|| format!("类别“{k}”无法识别，请写“部门”或“乡镇/街道”。"))?
                }
                None => AgencyKind::guess(&name),
            };
            let (a, added) = store.add_agency(&name, kind)?;
            say!("{}：{}（{}）", if added { "已加入名册" } else { "名册中已有" }, a.name, a.kind.label());
        }
        AgencyAction::Import { file } => {
            let n = service::import_roster(&mut store, &file)?;
            say!("从“{}”读入 {} 个单位，新加入名册 {} 个。", file.display(), n.read, n.added);
        }
        AgencyAction::Rename { old, new } => {
            store.rename_agency(&old, &new)?;
            say!("已把“{old}”更名为“{new}”。");
        }
        AgencyAction::Retire { name, from_year: None } => {
            store.set_retired(&name, true)?;
            say!("已撤销“{name}”，它不再列入待报送名单，历史数据保留。");
        }
        AgencyAction::Retire { name, from_year: Some(y) } => {
            store.retire_from(&name, y)?;
            say!("已撤销“{name}”：自 {y} 年起不再要求报送，也不计入汇总；{} 年及以前的报表仍计入当年汇总。", y - 1);
        }
        AgencyAction::Alias { name, agency } => {
            drop(store);
            return cli::returns::cmd_alias(db, &name, &agency);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_status(db: &Option<PathBuf>, year: Option<i32>) -> Out {
    let store = open_store(db)?;
    let year = service::resolve_year(&store, year)?;
    let rows = store.status(year)?;
    let sent = rows.iter().filter(|r| r.return_id.is_some()).count();
    let with_findings = rows.iter().filter(|r| r.findings > 0).count();
    let documents = rows.iter().filter(|r| r.document.is_some()).count();
    say!(
        "{year} 年：名册 {} 个单位，已报送 {sent} 个，未报送 {} 个，有问题 {with_findings} 个，已交报告文档 {documents} 个。",
        rows.len(),
        rows.len() - sent
    );
    for r in &rows {
        let state = match (&r.return_id, r.findings) {
            (None, _) => "未报送".to_string(),
            (Some(_), 0) => "已报送".to_string(),
            (Some(_), n) => format!("已报送，{n} 个问题"),
        };
        say!("{}\t{}\t{}\t{}", r.agency.name, r.agency.kind.label(), state, r.file_name.clone().unwrap_or_default());
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_findings(db: &Option<PathBuf>, year: Option<i32>, agency: Option<String>) -> Out {
    let store = open_store(db)?;
    let year = service::resolve_year(&store, year)?;
    let mut n = 0;
    for s in store.status(year)? {
        if agency.as_deref().is_some_and(|a| a != s.agency.name) {
            continue;
        }
        for f in store.open_findings(s.agency.id, year)? {
            n += 1;
            say!("{}\t{}\t{}", s.agency.name, f.rule.label(), f.message);
        }
    }
    if n == 0 {
        say!("{year} 年没有待核对的问题。");
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_sections(db: &Option<PathBuf>, year: Option<i32>, agency: Option<String>) -> Out {
    let store = open_store(db)?;
    let year = service::resolve_year(&store, year)?;
    let reports = match agency.as_deref() {
        Some(a) => vec![report::report(&store, &ReportOf::parse(Some(a)), year)?.0],
        None => {
            let mut all = report::all_reports(&store, year)?;
            all.push(report::report(&store, &ReportOf::County, year)?.0);
            all
        }
    };
    let mut open = 0;
    let mut imported = 0;
    for r in &reports {
        let todo = r.to_write();
        open += todo.len();
        imported += r.sections.iter().filter(|s| !s.source_file.is_empty()).count();
        if agency.is_some() {
            say!("{} {year} 年报告：", r.agency);
            for s in &r.sections {
                let from = if s.source_file.is_empty() {
                    String::new()
                } else {
                    format!("　（导入自“{}”{}）", s.source_file, s.source_place)
                };
                say!("  {}\t{}{}{}", s.title, s.state_label, if s.complete { "" } else { "　← 待完成" }, from);
                for f in &s.findings {
                    say!("      [{}] {}", f.rule.label(), f.message);
                }
            }
        } else if todo.is_empty() {
            say!("{}：全部完成", r.agency);
        } else {
            let list: Vec<String> = todo.iter().map(|s| format!("{} {}", s.key, s.state_label)).collect();
            say!("{}：{}", r.agency, list.join("、"));
        }
    }
    say!("{year} 年共 {} 份报告，待完成章节 {open} 个，其中来自报告文档的章节 {imported} 个。", reports.len());
    Ok(ExitCode::SUCCESS)
}

fn cmd_section(db: &Option<PathBuf>, action: SectionAction) -> Out {
    let store = open_store(db)?;
    match action {
        SectionAction::Sources { year, key, json, highlights, .. } => {
            drop(store);
            return cli::sources::cmd_sources(db, year, &key, json, highlights);
        }
        SectionAction::Words { add } => {
            drop(store);
            return cli::sources::cmd_words(db, &add);
        }
        SectionAction::Set { target, file, state } => {
            let year = service::resolve_year(&store, target.year)?;
            let state = SectionState::parse(&state)
                .ok_or_else(|| format!("状态“{state}”无法识别，请写“待撰写”“草稿”或“已定稿”。"))?;
            // A section's text is at most a few pages: a megabyte is far more than any.
            let (name, bytes) = nianbao::import::read_regular(&file, 1 << 20)?;
            let text = String::from_utf8(bytes).map_err(|_| format!("“{name}”不是 UTF-8 文本文件。"))?;
            let of = ReportOf::parse(Some(&target.agency));
            let def = service::save_section(&store, &of, year, &target.section, state, &text)?;
            say!(
                "已保存{} {year} 年报告“{}”（{}，{} 字）。",
                of.label(),
                def.title,
                state.label(),
                text.trim().chars().count()
            );
        }
        SectionAction::Show { target } => {
            let year = service::resolve_year(&store, target.year)?;
            let def = service::narrative_section(&target.section)?;
            let of = ReportOf::parse(Some(&target.agency));
            let (rep, ret) = report::report(&store, &of, year)?;
            let s = rep.sections.iter().find(|s| s.key == def.key).ok_or("章节不存在。")?;
            say!("{} {year} 年报告 {}（{}）", rep.agency, def.title, s.state_label);
            say!("{}", if s.text.is_empty() { "（尚无文字）" } else { &s.text });
            if !s.source_file.is_empty() {
                say!("\n来源：“{}”{}", s.source_file, s.source_place);
            }
            if let Some(g) = ret.as_ref().and_then(|r| report::writing::generated(def, r, rep.compiled.as_ref())) {
                say!("\n根据数据生成的句子：\n{g}");
            }
            for f in &s.findings {
                say!("\n[{}] {}", f.rule.label(), f.message);
            }
        }
        SectionAction::Start { target, from, force } => {
            let year = service::resolve_year(&store, target.year)?;
            let from = match from.as_str() {
                "last-year" => StartFrom::LastYear,
                "figures" => StartFrom::Figures,
                other => return Err(format!("--from 只能是 last-year 或 figures，不是“{other}”。").into()),
            };
            let of = ReportOf::parse(Some(&target.agency));
            let text = service::start_section(&store, &of, year, &target.section, from, force)?;
            let def = service::narrative_section(&target.section)?;
            say!("已起草“{}”（草稿，请修改后定稿）：\n{text}", def.title);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_county(db: &Option<PathBuf>, year: Option<i32>) -> Out {
    let store = open_store(db)?;
    let year = service::resolve_year(&store, year)?;
    let c = nianbao::merge::county(&store, year)?;
    say!(
        "{year} 年全县汇总：计入 {} 个单位，未报送 {} 个，有问题 {} 个。",
        c.included.len(),
        c.missing.len(),
        c.with_findings.len()
    );
    if !c.missing.is_empty() {
        say!("未报送：{}", c.missing.join("、"));
    }
    for (a, n) in &c.with_findings {
        say!("有问题：{a}（{n} 个，已计入合计，请核对）");
    }
    if !c.other_format.is_empty() {
        say!("使用了另一版格式（只合计两版共有的数据项）：{}", c.other_format.join("、"));
    }
    for f in c.totals.figures.iter().filter(|f| f.value != Some(0.0)) {
        let label = nianbao::forms::def(&f.id, c.format).map(|d| d.describe()).unwrap_or_default();
        say!("  {}\t{}\t{}", f.id, label, f.raw);
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_county_info(db: &Option<PathBuf>, action: CountyAction) -> Out {
    let mut store = open_store(db)?;
    if let CountyAction::Set { name, office, address, phone, website, leave_out_partial_stats } = action {
        let info = nianbao::store::CountyInfo { name, office, address, phone, website, leave_out_partial_stats };
        store.set_county_info(&info)?;
        say!("已保存本县信息。");
    }
    let c = store.county_info()?;
    if !c.is_set() {
        say!("还没有设置本县信息：请运行 nianbao county set --name 某某县 --office 某某县人民政府办公室。");
    } else {
        say!("{}\t{}\t{}\t{}\t{}", c.name, c.office, c.address, c.phone, c.website);
        if c.leave_out_partial_stats {
            say!("只有部分单位报送统计表时，全县报告不列统计表。");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_indicators(db: &Option<PathBuf>, action: IndicatorAction) -> Out {
    let mut store = open_store(db)?;
    let describe = |from: Option<i32>| match from {
        Some(y) => format!("本地区自定指标表（{y} 年起）"),
        None => "全国通用指标表".to_string(),
    };
    match action {
        IndicatorAction::Show { year } => {
            let year = service::resolve_year(&store, year)?;
            let (t, from) = store.indicator_table(year)?;
            say!("{year} 年统计表：{}，{} 个栏目，{} 个指标", describe(from), t.sections.len(), t.indicators.len());
            for (k, s) in t.sections.iter().enumerate() {
                say!("{}", s.title);
                for i in t.indicators.iter().filter(|i| i.section as usize == k + 1) {
                    let whole = i.part_of.as_deref().map(|p| format!("　属于 {p}")).unwrap_or_default();
                    say!("  {}	{}	{}{whole}", i.id, i.label, i.unit);
                }
            }
        }
        IndicatorAction::Export { year, out } => {
            let year = service::resolve_year(&store, year)?;
            let (t, _) = store.indicator_table(year)?;
            nianbao::export::indicators::export_definition(&t, &out)?;
            say!(
                "已保存：{}（{} 个指标）。在 Excel 或 WPS 中修改后，用 nianbao indicators import 导入。",
                out.display(),
                t.indicators.len()
            );
        }
        IndicatorAction::Import { year, file } => {
            let t = nianbao::import::indicators::read_definition(&file)?;
            store.set_indicator_table(year, &t)?;
            say!("已导入指标表：{} 个栏目、{} 个指标，{year} 年起生效。", t.sections.len(), t.indicators.len());
        }
        IndicatorAction::Add { year, section, label, words, unit, part_of, decimals } => {
            let new = nianbao::forms::indicators::NewIndicator { section, label, words, unit, decimals, part_of };
            let id = service::add_indicator(&mut store, year, &new)?;
            say!("已添加指标 {id}，{year} 年起生效。");
        }
        IndicatorAction::Remove { year, id } => {
            service::remove_indicator(&mut store, year, &id)?;
            say!("已删除指标 {id}，{year} 年起生效。");
        }
        IndicatorAction::Clear { year } => {
            if store.clear_indicator_table(year)? {
                let (_, from) = store.indicator_table(year)?;
                say!("已删除 {year} 年起生效的指标表；{year} 年改用{}。", describe(from));
            } else {
                say!("{year} 年没有单独设置的指标表。");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_backup(db: &Option<PathBuf>, out: Option<PathBuf>) -> Out {
    let store = open_store(db)?;
    match out {
        Some(p) => {
            store.backup_to(&p)?;
            say!("已备份到：{}", p.display());
        }
        None => {
            let b = store.auto_backup("手动")?;
            say!("已备份到：{}", b.map(|b| b.path.display().to_string()).unwrap_or_default());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_backups(db: &Option<PathBuf>) -> Out {
    let db = db_path(db);
    let list = nianbao::store::backup::offered(&db);
    if list.is_empty() {
        say!("还没有备份（{}）。", nianbao::store::backup::folder(&db).display());
    }
    // Good copies first, newest first; a copy that failed its check last, marked.
    for b in &list {
        let state = if b.good { "完好" } else { "未通过检查" };
        let then = match (b.agencies, b.returns) {
            (Some(a), Some(r)) => format!("当时 {a} 个单位、{r} 份报表"),
            _ => String::new(),
        };
        say!("{}\t{}\t{}\t{} KB\t{}\t{}\t{}", b.taken, b.reason, state, b.bytes / 1024, b.note, then, b.path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_restore(db: &Option<PathBuf>, file: &Path) -> Out {
    let db = db_path(db);
    service::restore(&db, file)?;
    say!("已从“{}”恢复数据库“{}”（原文件已另存在 backups 文件夹）。", file.display(), db.display());
    Ok(ExitCode::SUCCESS)
}

fn cmd_check(db: &Option<PathBuf>) -> Out {
    let db = db_path(db);
    Store::open_checked(&db)?;
    say!("数据库完好：{}", db.display());
    Ok(ExitCode::SUCCESS)
}

fn cmd_demo(dir: &Path, count: usize, year: i32) -> Out {
    let files = nianbao::generate::demo_county(dir, count, year)
        .map_err(|e| format!("无法写入“{}”（{e}）。", dir.display()))?;
    say!("已在“{}”生成 {} 份示范报表。", dir.display(), files.len());
    Ok(ExitCode::SUCCESS)
}

fn cmd_bench(count: usize, dir: Option<&Path>) -> Out {
    let report = nianbao::bench::run(count, dir).map_err(|e| e.to_string())?;
    say!("{report}");
    Ok(ExitCode::SUCCESS)
}

fn print_return(ret: &Return, findings: &[Finding]) {
    say!(
        "{}　{} 年　{}　{}　{} 项数据",
        ret.agency.as_deref().unwrap_or("（单位不明）"),
        ret.year.map(|y| y.to_string()).unwrap_or_else(|| "（年度不明）".into()),
        ret.source.label(),
        ret.format.name(),
        ret.figures.len()
    );
    say!("找到的表格：{}", ret.tables.iter().map(|t| t.title()).collect::<Vec<_>>().join("、"));
    if let Some(doc) = &ret.document {
        say!("标题：{}", doc.title);
        for s in &doc.sections {
            let title = report::section_def(&s.key).map(|d| d.title).unwrap_or("");
            say!("  {}（{}，{} 字）", title, s.place, s.text.chars().count());
        }
    }
    for f in &ret.figures {
        if f.value != Some(0.0) {
            let label = nianbao::forms::def(&f.id, ret.format).map(|d| d.describe()).unwrap_or_default();
            say!("  {}\t{}\t{}\t{}!{}", f.id, label, f.raw, f.sheet, f.cell);
        }
    }
    if findings.is_empty() {
        say!("没有发现问题。（未列出的数据项均为 0）");
    } else {
        say!("发现 {} 个问题：", findings.len());
        for f in findings {
            say!("  [{}] {}", f.rule.label(), f.message);
        }
    }
}

/// `export feedback`: one agency's review letter, or every agency's that sent a return.
fn export_feedback(
    db: &Option<PathBuf>,
    agency: Option<String>,
    all: bool,
    year: Option<i32>,
    out: Option<PathBuf>,
    dir: Option<PathBuf>,
) -> Out {
    let store = open_store(db)?;
    let year = service::resolve_year(&store, year)?;
    match (agency, all, out, dir) {
        (Some(a), false, Some(out), _) => {
            export::office::export_feedback(&store, &a, year, &out)?;
            say!("已保存：{}", out.display());
        }
        (None, true, _, Some(dir)) => {
            let rows = export::office::chase_rows(&store, year)?;
            let mut n = 0;
            for r in rows.iter().filter(|r| r.sent) {
                let p = dir.join(format!("{year}-{}-审核意见.docx", export::office::file_part(&r.agency)));
                export::office::export_feedback(&store, &r.agency, year, &p)?;
                n += 1;
            }
            say!("已在“{}”保存 {n} 份审核意见。", dir.display());
        }
        _ => return Err("请写 --agency 单位 --out 文件，或 --all --dir 文件夹。".into()),
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_export(db: &Option<PathBuf>, what: ExportWhat) -> Out {
    let done = |p: &Path| say!("已保存：{}", p.display());
    match what {
        ExportWhat::Template { year, stats, out } => {
            // The 统计表 the office's indicator table for the year asks for.
            let table = open_store(db)?.indicator_table(year)?.0;
            export::tables::export_template(year, stats, &table, &out)?;
            done(&out);
        }
        ExportWhat::Summary { year, out } => {
            let store = open_store(db)?;
            let year = service::resolve_year(&store, year)?;
            export::summary::export_summary(&store, year, &out)?;
            done(&out);
        }
        ExportWhat::Tables { target } | ExportWhat::Draft { target } if target.county && target.agency.is_some() => {
            return Err("--agency 与 --county 只能选一个。".into());
        }
        ExportWhat::Tables { target } => {
            let store = open_store(db)?;
            let year = service::resolve_year(&store, target.year)?;
            let of = ReportOf::parse(target.agency.as_deref());
            let (rep, ret) = report::report(&store, &of, year)?;
            let ret = ret.ok_or_else(|| format!("{} {year} 年还没有报表数据。", of.label()))?;
            export::tables::export_tables(&ret, rep.compiled.as_ref(), &target.out)?;
            done(&target.out);
        }
        ExportWhat::All { year, dir } => {
            let store = open_store(db)?;
            let year = service::resolve_year(&store, year)?;
            let done = export::office::export_all(&store, year, &dir, |i, n, file| tell(&format!("[{i}/{n}] {file}")))?;
            for (path, e) in &done.failed {
                say!("未能保存：{}（{e}）", path.display());
            }
            say!("已在“{}”保存 {} 个文件，{} 个未能保存。", dir.display(), done.written.len(), done.failed.len());
            if !done.failed.is_empty() {
                return Ok(ExitCode::from(2));
            }
        }
        ExportWhat::Feedback { agency, all, year, out, dir } => {
            return export_feedback(db, agency, all, year, out, dir)
        }
        ExportWhat::Chase { year, out } => {
            let store = open_store(db)?;
            let year = service::resolve_year(&store, year)?;
            export::office::export_chase(&store, year, &out)?;
            let n = export::office::chase_rows(&store, year)?.len();
            done(&out);
            say!("催报清单列出 {n} 个单位。");
        }
        ExportWhat::Draft { target } => {
            let store = open_store(db)?;
            let year = service::resolve_year(&store, target.year)?;
            let (rep, ret) = report::report(&store, &ReportOf::parse(target.agency.as_deref()), year)?;
            let markers = export::draft::export_draft(&rep, ret.as_ref(), &target.out)?;
            done(&target.out);
            if markers > 0 {
                say!("报告稿中还有 {markers} 处待完成，已用【待撰写】或【待核实】标出。");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
