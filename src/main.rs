//! `nianbao`: the engine's command line. Every command is a few lines over the library.

use clap::{Parser, Subcommand};
use nianbao::store::{AgencyKind, Store};
use nianbao::{checks, import, inspect, report};
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// 读取一份报表并输出其数据与问题，不保存任何内容
    Inspect {
        file: PathBuf,
        /// 按 FORMS.md 约定输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 导入报表文件或整个文件夹
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
    /// 撤销（不再要求报送，历史数据保留）
    Retire { name: String },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("{msg}");
            ExitCode::from(1)
        }
    }
}

fn open_store(db: &Option<PathBuf>) -> Result<Store, String> {
    let path = db.clone().unwrap_or_else(Store::default_path);
    Store::open(&path).map_err(|e| e.to_string())
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Inspect { file, json } => {
            let ret = import::read_file(&file).map_err(|e| e.to_string())?;
            let findings = checks::check(&ret);
            if json {
                println!("{}", serde_json::to_string_pretty(&inspect::to_json(&ret, &findings)).unwrap_or_default());
            } else {
                print_return(&ret, &findings);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Import { paths, year, agency } => {
            let mut store = open_store(&cli.db)?;
            let files = nianbao::import::batch::collect_files(&paths);
            let total = files.len();
            if total == 0 {
                return Err("没有找到可导入的 .xlsx 或 .xls 文件。".into());
            }
            // The state before the batch, should it need undoing.
            if let Err(e) = store.auto_backup("导入前") {
                eprintln!("注意：导入前备份没有成功（{e}），继续导入。");
            }
            let summary = nianbao::import::batch::import_files(
                &mut store,
                &files,
                &nianbao::import::batch::Overrides { year, agency },
                |i, path, outcome| {
                    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    match outcome {
                        Ok(done) => eprintln!(
                            "[{}/{}] {} → 已导入：{} {} 年（{}，{} 项数据{}{}）{}",
                            i + 1,
                            total,
                            name,
                            done.agency,
                            done.year,
                            done.format.id(),
                            done.figures,
                            if done.findings.is_empty() { String::new() } else { format!("，{} 个问题待核对", done.findings.len()) },
                            if done.replaced_earlier { "，替换了此前导入的版本（旧版保留为历史）" } else { "" },
                            if done.agency_added { "［新单位已加入名册］" } else { "" },
                        ),
                        Err(msg) => eprintln!("[{}/{}] {} → 未导入：{}", i + 1, total, name, msg),
                    }
                },
            );
            println!(
                "共 {} 个文件：导入 {} 个，拒收 {} 个，其中 {} 个有问题需核对。",
                total, summary.imported, summary.refused, summary.with_findings
            );
            Ok(if summary.refused > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
        }
        Command::Agencies { action } => {
            let mut store = open_store(&cli.db)?;
            match action.unwrap_or(AgencyAction::List { all: false }) {
                AgencyAction::List { all } => {
                    for a in store.agencies(all).map_err(|e| e.to_string())? {
                        println!("{}\t{}{}", a.name, a.kind.as_str(), if a.retired { "\t（已撤销）" } else { "" });
                    }
                }
                AgencyAction::Add { name, kind } => {
                    let kind = match kind {
                        Some(k) => AgencyKind::parse(&k).ok_or_else(|| format!("类别“{k}”无法识别，请写“部门”或“乡镇/街道”。"))?,
                        None => AgencyKind::guess(&name),
                    };
                    let a = store.add_agency(&name, kind).map_err(|e| e.to_string())?;
                    println!("名册中已有：{}（{}）", a.name, a.kind.as_str());
                }
                AgencyAction::Import { file } => {
                    let n = nianbao::import::roster::import_roster(&mut store, &file).map_err(|e| e.to_string())?;
                    println!("从“{}”读入 {} 个单位，新加入名册 {} 个。", file.display(), n.read, n.added);
                }
                AgencyAction::Rename { old, new } => {
                    store.rename_agency(&old, &new).map_err(|e| e.to_string())?;
                    println!("已把“{old}”更名为“{new}”。");
                }
                AgencyAction::Retire { name } => {
                    store.set_retired(&name, true).map_err(|e| e.to_string())?;
                    println!("已撤销“{name}”，它不再列入待报送名单，历史数据保留。");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Status { year } => {
            let store = open_store(&cli.db)?;
            let year = resolve_year(&store, year)?;
            let rows = store.status(year).map_err(|e| e.to_string())?;
            let sent = rows.iter().filter(|r| r.return_id.is_some()).count();
            let with_findings = rows.iter().filter(|r| r.findings > 0).count();
            println!("{year} 年：名册 {} 个单位，已报送 {sent} 个，未报送 {} 个，有问题 {with_findings} 个。", rows.len(), rows.len() - sent);
            for r in &rows {
                let state = match (&r.return_id, r.findings) {
                    (None, _) => "未报送".to_string(),
                    (Some(_), 0) => "已报送".to_string(),
                    (Some(_), n) => format!("已报送，{n} 个问题"),
                };
                println!("{}\t{}\t{}\t{}", r.agency.name, r.agency.kind.as_str(), state, r.file_name.clone().unwrap_or_default());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Findings { year, agency } => {
            let store = open_store(&cli.db)?;
            let year = resolve_year(&store, year)?;
            let mut n = 0;
            for r in store.current_returns(year).map_err(|e| e.to_string())? {
                if agency.as_deref().is_some_and(|a| a != r.agency) {
                    continue;
                }
                for f in store.findings(r.id).map_err(|e| e.to_string())? {
                    n += 1;
                    println!("{}\t{}\t{}", r.agency, checks::rule_name(&f.rule), f.message);
                }
            }
            if n == 0 {
                println!("{year} 年没有待核对的问题。");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Sections { year, agency } => {
            let store = open_store(&cli.db)?;
            let year = resolve_year(&store, year)?;
            let reports = match agency.as_deref() {
                Some(a) => vec![report::report(&store, nianbao::merge::agency_or_county(a), year).map_err(|e| e.to_string())?.0],
                None => {
                    let mut all = report::all_reports(&store, year).map_err(|e| e.to_string())?;
                    all.push(report::report(&store, None, year).map_err(|e| e.to_string())?.0);
                    all
                }
            };
            let detailed = agency.is_some();
            let mut open = 0;
            for r in &reports {
                let todo = r.to_write();
                open += todo.len();
                if detailed {
                    println!("{} {year} 年报告：", r.agency);
                    for s in &r.sections {
                        println!("  {}\t{}{}", s.title, s.state, if s.complete { "" } else { "　← 待完成" });
                        for f in &s.findings {
                            println!("      [{}] {}", f.rule, f.message);
                        }
                    }
                } else if todo.is_empty() {
                    println!("{}：全部完成", r.agency);
                } else {
                    let list: Vec<String> = todo.iter().map(|s| format!("{} {}", s.key, s.state)).collect();
                    println!("{}：{}", r.agency, list.join("、"));
                }
            }
            println!("{year} 年共 {} 份报告，待完成章节 {open} 个。", reports.len());
            Ok(ExitCode::SUCCESS)
        }
        Command::Section { action } => section(&cli.db, action),
        Command::County { year } => {
            let store = open_store(&cli.db)?;
            let year = resolve_year(&store, year)?;
            let c = nianbao::merge::county(&store, year).map_err(|e| e.to_string())?;
            println!("{year} 年全县汇总：计入 {} 个单位，未报送 {} 个，有问题 {} 个。", c.included.len(), c.missing.len(), c.with_findings.len());
            if !c.missing.is_empty() {
                println!("未报送：{}", c.missing.join("、"));
            }
            for (a, n) in &c.with_findings {
                println!("有问题：{a}（{n} 个，已计入合计，请核对）");
            }
            if !c.other_format.is_empty() {
                println!("使用了另一版格式（只合计两版共有的数据项）：{}", c.other_format.join("、"));
            }
            for f in c.totals.figures.iter().filter(|f| f.value != Some(0.0)) {
                let label = nianbao::forms::def(&f.id, c.format).map(|d| d.describe()).unwrap_or_default();
                println!("  {}\t{}\t{}", f.id, label, f.raw);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { what } => export(&cli.db, what),
        Command::Backup { out } => {
            let store = open_store(&cli.db)?;
            match out {
                Some(p) => {
                    store.backup_to(&p).map_err(|e| e.to_string())?;
                    println!("已备份到：{}", p.display());
                }
                None => {
                    let b = store.auto_backup("手动").map_err(|e| e.to_string())?;
                    println!("已备份到：{}", b.map(|b| b.path.display().to_string()).unwrap_or_default());
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Backups => {
            let db = cli.db.clone().unwrap_or_else(Store::default_path);
            let list = nianbao::store::backup::list(&db);
            if list.is_empty() {
                println!("还没有备份（{}）。", nianbao::store::backup::folder(&db).display());
            }
            for b in list {
                println!("{}\t{}\t{} KB\t{}", b.taken, b.reason, b.bytes / 1024, b.path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Restore { file } => {
            let db = cli.db.clone().unwrap_or_else(Store::default_path);
            nianbao::store::backup::restore(&db, &file).map_err(|e| e.to_string())?;
            Store::open_checked(&db).map_err(|e| e.to_string())?;
            println!("已从“{}”恢复数据库“{}”（原文件已另存在 backups 文件夹）。", file.display(), db.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Check => {
            let db = cli.db.clone().unwrap_or_else(Store::default_path);
            Store::open_checked(&db).map_err(|e| e.to_string())?;
            println!("数据库完好：{}", db.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { dir, count, year } => {
            let files = nianbao::generate::demo_county(&dir, count, year).map_err(|e| format!("无法写入“{}”（{e}）。", dir.display()))?;
            println!("已在“{}”生成 {} 份示范报表。", dir.display(), files.len());
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench { count, dir } => {
            let report = nianbao::bench::run(count, dir.as_deref()).map_err(|e| e.to_string())?;
            println!("{report}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn resolve_year(store: &Store, year: Option<i32>) -> Result<i32, String> {
    match year {
        Some(y) => Ok(y),
        None => store
            .years()
            .map_err(|e| e.to_string())?
            .first()
            .copied()
            .ok_or_else(|| "数据库里还没有任何报表，请先导入，或用 --year 指定年度。".to_string()),
    }
}

fn print_return(ret: &import::Return, findings: &[checks::Finding]) {
    println!(
        "{}　{} 年　{}　{} 项数据",
        ret.agency.as_deref().unwrap_or("（单位不明）"),
        ret.year.map(|y| y.to_string()).unwrap_or_else(|| "（年度不明）".into()),
        ret.format.name(),
        ret.figures.len()
    );
    println!(
        "找到的表格：{}",
        ret.tables.iter().map(|t| t.title()).collect::<Vec<_>>().join("、")
    );
    for f in &ret.figures {
        if f.value != Some(0.0) {
            let label = nianbao::forms::def(&f.id, ret.format).map(|d| d.describe()).unwrap_or_default();
            println!("  {}\t{}\t{}\t{}!{}", f.id, label, f.raw, f.sheet, f.cell);
        }
    }
    if findings.is_empty() {
        println!("没有发现问题。（未列出的数据项均为 0）");
    } else {
        println!("发现 {} 个问题：", findings.len());
        for f in findings {
            println!("  [{}] {}", f.rule, f.message);
        }
    }
}

fn section_key(s: &str) -> Result<&'static report::SectionDef, String> {
    match report::section_def(s) {
        Some(d) if d.table.is_none() => Ok(d),
        Some(d) => Err(format!("“{}”是表格，由报表数据生成，不需要撰写。", d.title)),
        None => Err(format!("章节“{s}”无法识别，请写 一、一（一）…一（五）、五 或 六。")),
    }
}

fn agency_id(store: &Store, name: &str) -> Result<i64, String> {
    match nianbao::merge::agency_or_county(name) {
        None => Ok(report::COUNTY_ID),
        Some(n) => Ok(store.agency_by_name(n).map_err(|e| e.to_string())?.ok_or_else(|| format!("名册里没有“{n}”。"))?.id),
    }
}

fn section(db: &Option<PathBuf>, action: SectionAction) -> Result<ExitCode, String> {
    let store = open_store(db)?;
    match action {
        SectionAction::Set { target, file, state } => {
            let year = resolve_year(&store, target.year)?;
            let def = section_key(&target.section)?;
            let id = agency_id(&store, &target.agency)?;
            let text = std::fs::read_to_string(&file).map_err(|e| format!("无法读取“{}”（{e}）。", file.display()))?;
            store.set_section(id, year, def.key, &state, text.trim()).map_err(|e| e.to_string())?;
            println!("已保存{} {year} 年报告“{}”（{state}，{} 字）。", target.agency, def.title, text.trim().chars().count());
        }
        SectionAction::Show { target } => {
            let year = resolve_year(&store, target.year)?;
            let def = section_key(&target.section)?;
            let (rep, ret) = report::report(&store, nianbao::merge::agency_or_county(&target.agency), year).map_err(|e| e.to_string())?;
            let s = rep.sections.iter().find(|s| s.key == def.key).expect("every section is listed");
            println!("{} {year} 年报告 {}（{}）", rep.agency, def.title, s.state);
            println!("{}", if s.text.is_empty() { "（尚无文字）" } else { &s.text });
            if let Some(g) = ret.as_ref().and_then(|r| report::writing::generated(def, r)) {
                println!("\n根据数据生成的句子：\n{g}");
            }
            for f in &s.findings {
                println!("\n[{}] {}", f.rule, f.message);
            }
        }
        SectionAction::Start { target, from, force } => {
            let year = resolve_year(&store, target.year)?;
            let def = section_key(&target.section)?;
            let id = agency_id(&store, &target.agency)?;
            if let Some((_, text, _)) = store.section(id, year, def.key).map_err(|e| e.to_string())? {
                if !text.trim().is_empty() && !force {
                    return Err(format!("“{}”已有文字；要覆盖请加 --force。", def.title));
                }
            }
            let text = match from.as_str() {
                "last-year" => {
                    let (_, last, _) = store
                        .section(id, year - 1, def.key)
                        .map_err(|e| e.to_string())?
                        .filter(|(_, t, _)| !t.trim().is_empty())
                        .ok_or_else(|| format!("{} 年报告的“{}”没有文字可沿用。", year - 1, def.title))?;
                    report::writing::from_last_year(&last, year)
                }
                "figures" => {
                    let (_, ret) = report::report(&store, nianbao::merge::agency_or_county(&target.agency), year).map_err(|e| e.to_string())?;
                    ret.as_ref()
                        .and_then(|r| report::writing::generated(def, r))
                        .ok_or_else(|| format!("“{}”没有可以根据数据生成的句子。", def.title))?
                }
                other => return Err(format!("--from 只能是 last-year 或 figures，不是“{other}”。")),
            };
            store.set_section(id, year, def.key, "草稿", &text).map_err(|e| e.to_string())?;
            println!("已起草“{}”（草稿，请修改后定稿）：\n{text}", def.title);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn export(db: &Option<PathBuf>, what: ExportWhat) -> Result<ExitCode, String> {
    use nianbao::export;
    let done = |p: &std::path::Path| println!("已保存：{}", p.display());
    match what {
        ExportWhat::Template { year, stats, out } => {
            export::tables::export_template(year, stats, &out).map_err(|e| e.to_string())?;
            done(&out);
        }
        ExportWhat::Summary { year, out } => {
            let store = open_store(db)?;
            let year = resolve_year(&store, year)?;
            export::summary::export_summary(&store, year, &out).map_err(|e| e.to_string())?;
            done(&out);
        }
        ExportWhat::Tables { target } | ExportWhat::Draft { target } if target.county && target.agency.is_some() => {
            return Err("--agency 与 --county 只能选一个。".into());
        }
        ExportWhat::Tables { target } => {
            let store = open_store(db)?;
            let year = resolve_year(&store, target.year)?;
            let (_, ret) = report::report(&store, target.agency.as_deref().and_then(nianbao::merge::agency_or_county), year).map_err(|e| e.to_string())?;
            let ret = ret.ok_or_else(|| format!("{} {year} 年还没有报表数据。", target.agency.as_deref().unwrap_or("全县")))?;
            export::tables::export_tables(&ret, &target.out).map_err(|e| e.to_string())?;
            done(&target.out);
        }
        ExportWhat::Draft { target } => {
            let store = open_store(db)?;
            let year = resolve_year(&store, target.year)?;
            let (rep, ret) = report::report(&store, target.agency.as_deref().and_then(nianbao::merge::agency_or_county), year).map_err(|e| e.to_string())?;
            export::draft::export_draft(&rep, ret.as_ref(), &target.out).map_err(|e| e.to_string())?;
            let todo = rep.to_write().len();
            done(&target.out);
            if todo > 0 {
                println!("报告稿中还有 {todo} 处待完成，已用【待撰写】标出。");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
