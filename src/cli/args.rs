//! The command line, declared with clap.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::domain::Lang;

const AFTER_HELP: &str = "\
Examples / 示例:
  xingfu                                 open the console / 打开操作台
  xingfu init                            create an empty database / 新建空数据库
  xingfu --db 大丰区.db check            check a database / 检查数据库
  xingfu backup                          back up to backups/ beside the database / 备份
  xingfu restore backups/x-20261129-080509.db   put a backup back / 从备份恢复
  xingfu lookup 众心村                   find by any part of a name / 按名称查找
  xingfu lookup zxc                      find by pinyin initials / 按拼音首字母查找
  xingfu lookup 320904104209 --json      find by code, as JSON / 按编码查找，输出 JSON
  xingfu import 众心村.xlsx --dry-run     check a file without writing / 只检查不导入
  xingfu import 捐赠/ --errors 错误.xlsx  import a folder of CSV files / 导入文件夹
  xingfu export 众心村.xlsx --village 320904104209   one village's data / 导出一个村社
  xingfu template 模板.xlsx              the blank template / 空白模板
  xingfu demo --db 演示.db               load the demo data / 载入演示数据
  xingfu --training                      training sandbox / 培训模式
  xingfu --read-only --mask-names        inspection / 只读检查
  xingfu card 320904104209 --out 众心村.html   village card / 村社卡片
  xingfu receipt-book add --code 32010126 --first 00001001 --last 00001500   register receipts / 登记票据簿
  xingfu report receipts --from 2026-01-01   the receipt register / 票据登记簿
  xingfu letter --all --year 2026 --out 感谢信.html   thank-you letters / 感谢信
  xingfu certificate 4209V01 --from 2026-01-01 --to 2026-11-30 --out 证明.html   certificate / 志愿服务证明
  xingfu audit --since 2026-11-01 --operator 王芳   who changed what / 操作日志
  xingfu audit --record donation LR20261129-0001  one record's history / 某条记录的修改记录
  xingfu audit --seal                    the head hash for the paper ledger / 审计链封存值
  xingfu paths                           where the files are / 文件位置

Database / 数据库: --db PATH, else XINGFU_DB, else xingfu.db in the local data directory.
Operator / 操作员: --operator NAME, else XINGFU_OPERATOR, else the last one named in config.toml
(the console asks for a name the first time; other commands use the system user name).

Exit codes / 退出码:
  0  ok / 成功
  1  the input or data was rejected; nothing was written / 输入或数据被拒绝，未写入任何内容
  2  usage error / 用法错误
  3  the database could not be used / 数据库无法使用";

/// 幸福 xingfu: the console of the 幸福家园 village mutual-aid programme.
#[derive(Debug, Parser)]
#[command(name = "xingfu", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    /// Database file (default: xingfu.db in the local data directory) / 数据库文件
    #[arg(long, global = true, env = "XINGFU_DB", value_name = "PATH", value_parser = path_arg)]
    pub db: Option<PathBuf>,

    /// Operator name for the audit log; with `audit`, only that operator's changes / 操作员姓名
    #[arg(long, global = true, env = "XINGFU_OPERATOR", value_name = "NAME")]
    pub operator: Option<String>,

    /// True when `--operator` was typed on the command line (not taken from the
    /// environment): only then does it narrow `xingfu audit`.
    #[arg(skip)]
    pub operator_typed: bool,

    /// Language: zh (default) or en; else `lang` in config.toml / 界面语言
    #[arg(long, global = true, env = "XINGFU_LANG", value_enum)]
    pub lang: Option<LangArg>,

    /// Draw borders and markers in plain ASCII, and remember it (default: chosen from the console) / 使用 ASCII 边框并记住
    #[arg(long, global = true, conflicts_with = "unicode")]
    pub ascii: bool,

    /// Draw box-drawing borders and markers, and remember it / 使用制表符边框并记住
    #[arg(long, global = true)]
    pub unicode: bool,

    /// Training: a sandbox made from the demo data, never the real database / 培训模式
    #[arg(long)]
    pub training: bool,

    /// With --training: restore the sandbox to its initial state first / 重置培训数据
    #[arg(long, requires = "training")]
    pub reset: bool,

    /// Inspection: the database opened read-only, phones masked / 只读（检查）模式
    #[arg(long, global = true)]
    pub read_only: bool,

    /// Mask the names of individual donors / 隐藏个人捐赠人姓名
    #[arg(long, global = true)]
    pub mask_names: bool,

    /// Colour theme: default, or contrast for a projector / 配色（contrast 适合投影）
    #[arg(long, global = true, value_enum, default_value = "default")]
    pub theme: ThemeArg,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `--lang` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty database (or bring an existing one up to date) / 新建数据库
    ///
    /// With --office, the database belongs to that office: a county (320904 大丰区), a
    /// city (320900 盐城市) or a province (320000 江苏省). A city or province database
    /// rolls up its counties' exports.
    /// Example / 示例: xingfu --db 盐城市.db init --office 320900
    Init {
        /// The office's division code (GB/T 2260, six digits) / 所属单位的行政区划代码
        #[arg(long, value_name = "CODE")]
        office: Option<String>,
        /// The office's name, when the registry does not know the code / 单位名称（登记中没有该代码时）
        #[arg(long, value_name = "NAME", requires = "office")]
        office_name: Option<String>,
    },
    /// Check integrity, foreign keys and totals, and show counts / 检查数据库
    ///
    /// Exit code 0 only when the database is healthy; 1 when a check fails.
    /// Example / 示例: xingfu check
    Check,
    /// Back up the database online, verified / 备份数据库
    ///
    /// Example / 示例: xingfu backup 备份/2026-11-29.db
    Backup {
        /// Output file (default: backups/<name>-<time>.db beside the database) / 备份文件
        #[arg(value_parser = path_arg)]
        out: Option<PathBuf>,
    },
    /// Put a backup back in place of the database / 从备份恢复数据库
    ///
    /// The backup is verified first (integrity check, a xingfu database). The current
    /// database is kept beside it as <name>-before-restore-<time>.db. Refused while
    /// another program (another xingfu window) has the database open.
    /// Example / 示例: xingfu restore backups/xingfu-20261129-080509.db
    Restore {
        /// The backup file / 备份文件
        #[arg(value_parser = path_arg)]
        backup: PathBuf,
    },
    /// Import standard-template files (XLSX, CSV, folders, .zip of CSVs) as one unit / 导入
    ///
    /// Every row is checked against every rule first; any error and nothing is written
    /// (exit code 1). Otherwise a verified backup is made and everything is written in one
    /// transaction. Re-importing the same files changes nothing.
    /// A file whose header is not the template's is read through a preset: the one named
    /// with --preset, else the one that recognises its header (xingfu presets lists them).
    /// Example / 示例: xingfu import 众心村.xlsx 捐赠/ --errors 众心村-错误.xlsx
    /// Example / 示例: xingfu import --preset wechat-bill 微信账单.csv
    /// Example / 示例: xingfu import --preset bank --project ZX-2024-01 农行流水.xlsx
    Import {
        /// Files or folders / 文件或文件夹
        #[arg(required = true, value_parser = path_arg)]
        paths: Vec<PathBuf>,
        /// Read the files with this preset (wechat-bill, tencent-orders, bank, or your own) / 按此预设读取
        #[arg(long, value_name = "NAME")]
        preset: Option<String>,
        /// Every gift of the files read through a preset into this project / 全部捐赠计入此项目
        #[arg(long, value_name = "CODE")]
        project: Option<String>,
        /// Check only; write nothing / 只检查，不写入
        #[arg(long)]
        dry_run: bool,
        /// Replace records whose code exists with different content / 更新已有编号的记录
        #[arg(long)]
        update: bool,
        /// Write a copy of the input with an added 错误 column (.xlsx, or a folder of CSV) / 输出带“错误”列的副本
        #[arg(long, value_name = "OUT", value_parser = path_arg)]
        errors: Option<PathBuf>,
    },
    /// Export the database, or a village's or project's data, as template files / 导出
    ///
    /// OUT ending in .xlsx is a workbook; anything else is a folder of CSV files.
    /// Example / 示例: xingfu export 众心村.xlsx --village 320904104209
    Export {
        /// Output file (.xlsx) or folder (CSV) / 输出文件或文件夹
        #[arg(value_parser = path_arg)]
        out: PathBuf,
        /// Format (default: from OUT's extension) / 格式
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// CSV encoding (default utf8, with BOM) / CSV 编码
        #[arg(long, value_enum, default_value = "utf8")]
        encoding: EncodingArg,
        /// Only this village and everything of it (repeatable) / 只导出该村社
        #[arg(long = "village", value_name = "CODE")]
        villages: Vec<String>,
        /// Only this project and its records (repeatable) / 只导出该项目
        #[arg(long = "project", value_name = "CODE")]
        projects: Vec<String>,
        /// Donations, disbursements and shifts from this date / 起始日期
        #[arg(long, value_parser = parse_date_arg)]
        from: Option<chrono::NaiveDate>,
        /// ... up to this date / 截止日期
        #[arg(long, value_parser = parse_date_arg)]
        to: Option<chrono::NaiveDate>,
    },
    /// Write the blank standard template / 生成空白模板
    ///
    /// Example / 示例: xingfu template 幸福家园项目模板.xlsx
    Template {
        /// Output file (.xlsx) or folder (CSV) / 输出文件或文件夹
        #[arg(value_parser = path_arg)]
        out: PathBuf,
        /// Format (default: from OUT's extension) / 格式
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// CSV encoding / CSV 编码
        #[arg(long, value_enum, default_value = "utf8")]
        encoding: EncodingArg,
    },
    /// Load the demo data set of 大丰区 into a new, empty database / 载入演示数据
    ///
    /// Example / 示例: xingfu demo --db 培训.db
    Demo {
        /// Regenerate the demo files into DIR instead (developers) / 重新生成演示数据文件
        #[arg(long, value_name = "DIR", value_parser = path_arg)]
        generate: Option<PathBuf>,
        /// With --generate: a large data set of N donations (3,000 projects) for measuring / 生成大数据集
        #[arg(long, value_name = "N", requires = "generate")]
        scale: Option<u64>,
    },
    /// A village's card: projects, disbursements, volunteers; text, or HTML for A4 / 村社卡片
    ///
    /// Example / 示例: xingfu card 320904104209 --out 众心村.html
    Card {
        /// Village code / 村社编码
        code: String,
        /// Also write the card as HTML (prints on one A4 page) / 输出 HTML 文件
        #[arg(long, value_name = "FILE", value_parser = path_arg)]
        out: Option<PathBuf>,
    },
    /// Receipt books (票据簿): register a book, void a number, replace a donation's receipt / 票据簿
    #[command(subcommand)]
    ReceiptBook(ReceiptBookCommand),
    /// Thank-you letters for a year's gifts: one A4 page per donor, in one HTML file / 感谢信
    ///
    /// Example / 示例: xingfu letter --donor 王海燕 --year 2026 --out 感谢信.html
    Letter {
        /// A donor: #number, donor code, or name (repeatable) / 捐赠人（可重复）
        #[arg(long = "donor", value_name = "DONOR", required_unless_present = "all")]
        donors: Vec<String>,
        /// Every donor who gave in the year / 当年所有捐赠人
        #[arg(long, conflicts_with = "donors")]
        all: bool,
        /// The year of the gifts / 年度
        #[arg(long, value_parser = clap::value_parser!(i32).range(1990..=2100))]
        year: i32,
        /// The HTML file to write / 输出 HTML 文件
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The sender (default: the county's charity federation) / 落款单位
        #[arg(long, value_name = "NAME")]
        issuer: Option<String>,
    },
    /// A volunteer service certificate (志愿服务证明) for a period, with a recorded serial / 志愿服务证明
    ///
    /// Example / 示例: xingfu certificate 4209V01 --from 2026-01-01 --to 2026-11-30 --out 证明.html
    /// Check a copy / 核验: xingfu certificate --verify ZM2026-00001
    Certificate {
        /// Volunteer code or name / 志愿者编号或姓名
        #[arg(required_unless_present = "verify")]
        volunteer: Option<String>,
        /// First day of the service period / 服务起始日期
        #[arg(long, value_parser = parse_date_arg, required_unless_present = "verify")]
        from: Option<chrono::NaiveDate>,
        /// Last day / 服务截止日期
        #[arg(long, value_parser = parse_date_arg, required_unless_present = "verify")]
        to: Option<chrono::NaiveDate>,
        /// The HTML file to write / 输出 HTML 文件
        #[arg(long, value_name = "FILE", required_unless_present = "verify")]
        out: Option<PathBuf>,
        /// The issuing organisation (default: the county's charity federation) / 出具单位
        #[arg(long, value_name = "NAME")]
        issuer: Option<String>,
        /// Look up an issued certificate by its serial number instead / 按编号核验证明
        #[arg(long, value_name = "SERIAL", conflicts_with_all = ["volunteer", "from", "to", "out"])]
        verify: Option<String>,
    },
    /// Presets for files that are not the template: list, show, map, save, share, link / 预设
    ///
    /// Without a subcommand: the list.
    /// Example / 示例: xingfu presets show wechat-bill
    /// Example / 示例: xingfu presets map 流水.xlsx --map amount=贷方 --save 农商行
    /// Example / 示例: xingfu presets link 237449 ZX-2024-01
    Presets {
        #[command(subcommand)]
        action: Option<PresetsCommand>,
    },
    /// Statements, the disclosure calendar, notices, closing reports, the county summary; never writes / 报表
    #[command(subcommand)]
    Report(ReportCommand),
    /// The audit trail: who changed what and when, a record's history, the chain's seal; never writes / 操作日志
    ///
    /// Change-sets newest first, each with what it changed (fields from → to). With
    /// --operator NAME on the command line, only that operator's. --seal prints the head of
    /// the hash chain, short enough for a paper ledger; --sealed checks one written down
    /// earlier.
    /// Example / 示例: xingfu audit --since 2026-11-01 --operator 王芳
    Audit {
        /// Only changes from this day on / 起始日期
        #[arg(long, value_parser = parse_date_arg)]
        since: Option<chrono::NaiveDate>,
        /// One record's history: its kind and code / 某条记录的修改记录（类型 编号）
        #[arg(long, num_args = 2, value_names = ["KIND", "CODE"])]
        record: Option<Vec<String>>,
        /// Print the head of the hash chain to write down / 输出审计链封存值
        #[arg(long)]
        seal: bool,
        /// Check a seal written down earlier (#1234 a1b2 c3d4 e5f6 a7b8) / 核对封存值
        #[arg(long, value_name = "SEAL", conflicts_with = "seal")]
        sealed: Option<String>,
        /// At most this many change-sets / 最多显示条数
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
    /// Revert a change-set (see `xingfu audit` for their numbers), as a new logged change / 撤销一组修改
    ///
    /// An import's revert deletes its new records and gives back the old values of what it
    /// updated, after a verified backup. Refused, with nothing changed, when it no longer
    /// applies (a record changed since, money already disbursed …), naming why.
    /// Example / 示例: xingfu revert 12
    Revert {
        /// The change-set's number / 修改组编号
        id: i64,
    },
    /// Where the database, backups, settings and training sandbox are, and the drawing set / 文件位置
    ///
    /// Example / 示例: xingfu paths
    Paths,
    /// Find villages, projects, donors and volunteers; never writes / 查询
    ///
    /// By code, any part of a name, or pinyin initials (zxc finds 众心村).
    /// Example / 示例: xingfu lookup 众心
    Lookup {
        /// Code, part of a name, or pinyin initials / 编码、名称片段或拼音首字母
        query: String,
        /// Print the cards as JSON / 以 JSON 输出
        #[arg(long)]
        json: bool,
        /// At most this many hits of each kind / 每类最多显示条数
        #[arg(long, default_value_t = 5)]
        limit: i64,
    },
}

/// `xingfu receipt-book …`: the receipt register.
#[derive(Debug, Subcommand)]
pub enum ReceiptBookCommand {
    /// Register a book of receipts: its code and range of numbers / 登记票据簿
    ///
    /// Example / 示例: xingfu receipt-book add --code 32010126 --first 00001001 --last 00001500 --received 2026-03-02
    Add {
        /// 票据代码
        #[arg(long)]
        code: String,
        /// First number, as printed (00001001) / 起号
        #[arg(long)]
        first: String,
        /// Last number / 止号
        #[arg(long)]
        last: String,
        /// The day the book was received (default: today) / 领取日期
        #[arg(long, value_parser = parse_date_arg)]
        received: Option<chrono::NaiveDate>,
    },
    /// Void a blank (spoiled) number; it is never used again / 作废空白票据号码
    ///
    /// Example / 示例: xingfu receipt-book void 32010126 00001007 --reason 填写错误
    Void {
        /// 票据代码
        code: String,
        /// 票据号码
        number: String,
        /// Why / 作废原因
        #[arg(long)]
        reason: Option<String>,
    },
    /// Void a donation's receipt and give it the next free number / 作废捐赠的票据并换用下一个号码
    ///
    /// Example / 示例: xingfu receipt-book replace JZ20260312000101 --reason 抬头写错
    Replace {
        /// 捐赠流水号
        donation: String,
        /// Why / 作废原因
        #[arg(long)]
        reason: Option<String>,
    },
    /// Show the next free number / 显示下一个空号
    Next,
}

/// `xingfu report …`: each prints the report, and with `--out` also writes it as .xlsx,
/// .html (A4, to print) or .csv.
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Income and spending of a project, a village or the whole office for a period, by month / 收支情况表
    ///
    /// Example / 示例: xingfu report statement --project ZX-2021-02 --from 2026-07-01 --to 2026-09-30
    Statement {
        /// Project code / 项目编号
        #[arg(long, conflicts_with = "village")]
        project: Option<String>,
        /// Village code / 村社编码
        #[arg(long)]
        village: Option<String>,
        /// First day / 开始日期
        #[arg(long, value_parser = parse_date_arg)]
        from: chrono::NaiveDate,
        /// Last day / 结束日期
        #[arg(long, value_parser = parse_date_arg)]
        to: chrono::NaiveDate,
        /// Also write it to this file (.xlsx, .html or .csv) / 输出文件
        #[arg(long, value_name = "FILE", value_parser = path_arg)]
        out: Option<PathBuf>,
    },
    /// Disclosures overdue or falling due soon, most urgent first / 待公示事项
    ///
    /// Example / 示例: xingfu report due --within 30
    Due {
        /// Also list what falls due within this many days / 含今后若干天内到期的事项
        #[arg(long, default_value_t = 30)]
        within: u32,
        /// Only this project / 仅此项目
        #[arg(long)]
        project: Option<String>,
        /// Also write it to this file (.xlsx, .html or .csv) / 输出文件
        #[arg(long, value_name = "FILE", value_parser = path_arg)]
        out: Option<PathBuf>,
    },
    /// The public notice (公示) of a project for a period, for the village board / 收支公示
    ///
    /// Private donors and payees are masked, no phone appears.
    /// Example / 示例: xingfu report notice --project ZX-2021-02 --from 2026-07-01 --to 2026-09-30 --out 公示.html
    Notice {
        /// Project code / 项目编号
        #[arg(long)]
        project: String,
        /// First day / 开始日期
        #[arg(long, value_parser = parse_date_arg)]
        from: chrono::NaiveDate,
        /// Last day / 结束日期
        #[arg(long, value_parser = parse_date_arg)]
        to: chrono::NaiveDate,
        /// Write it to this file (.html or .xlsx) / 输出文件
        #[arg(long, value_name = "FILE", value_parser = path_arg)]
        out: Option<PathBuf>,
    },
    /// A project's final statement and the disclosures it still owes / 结项报告
    ///
    /// Example / 示例: xingfu report closing --project ZX-2021-02
    Closing {
        /// Project code / 项目编号
        #[arg(long)]
        project: String,
        /// Also write it to this file (.xlsx, .html or .csv) / 输出文件
        #[arg(long, value_name = "FILE", value_parser = path_arg)]
        out: Option<PathBuf>,
    },
    /// The receipt register: books with numbers used, voided, skipped and left; donations without a receipt / 票据登记簿
    ///
    /// Example / 示例: xingfu report receipts --from 2026-01-01 --to 2026-06-30 --out 票据.xlsx
    Receipts {
        /// Donations from this date / 起始日期
        #[arg(long, value_parser = parse_date_arg)]
        from: Option<chrono::NaiveDate>,
        /// ... up to this date / 截止日期
        #[arg(long, value_parser = parse_date_arg)]
        to: Option<chrono::NaiveDate>,
        /// Also write it to this file (.xlsx, .html or .csv) / 输出文件
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// By village and category for a period: the sheet an office sends to the city / 县级汇总表
    ///
    /// Example / 示例: xingfu report summary --from 2026-01-01 --to 2026-06-30 --out 汇总.xlsx
    Summary {
        /// First day / 开始日期
        #[arg(long, value_parser = parse_date_arg)]
        from: chrono::NaiveDate,
        /// Last day / 结束日期
        #[arg(long, value_parser = parse_date_arg)]
        to: chrono::NaiveDate,
        /// Also write it to this file (.xlsx, .html or .csv) / 输出文件
        #[arg(long, value_name = "FILE", value_parser = path_arg)]
        out: Option<PathBuf>,
    },
}

/// `xingfu presets …`
#[derive(Debug, Subcommand)]
pub enum PresetsCommand {
    /// The built-in presets and your own / 列出预设
    List,
    /// A preset's file / 显示预设文件
    Show { name: String },
    /// Delete one of your own presets / 删除自定义预设
    Delete { name: String },
    /// Write a preset's file, to share it with another office / 导出预设文件
    Export {
        name: String,
        /// Output file (.toml) / 输出文件
        #[arg(value_parser = path_arg)]
        out: PathBuf,
    },
    /// Take in a preset file from another office / 导入预设文件
    Import {
        #[arg(value_parser = path_arg)]
        file: PathBuf,
        /// Over one of yours of the same name / 覆盖同名预设
        #[arg(long)]
        replace: bool,
    },
    /// The mapping step: columns with samples, a guess of their fields, and a preview;
    /// --save keeps it as a preset / 映射列并预览，可保存为预设
    Map {
        #[arg(value_parser = path_arg)]
        file: PathBuf,
        /// FIELD=COLUMN (fields: donation_ref, amount, donated_on, donor_name, platform_project, note …); FIELD= unmaps / 字段=列名
        #[arg(long = "map", value_name = "FIELD=COLUMN")]
        maps: Vec<String>,
        /// Unit of the amounts: 元 (yuan) or 分 (fen) / 金额单位
        #[arg(long)]
        unit: Option<String>,
        /// Date form: auto, rfc3339, or a pattern such as %Y%m%d / 日期格式
        #[arg(long)]
        date: Option<String>,
        /// Channel of every row (微信, 银行转账, 网络平台 …) / 捐赠渠道
        #[arg(long)]
        channel: Option<String>,
        /// The column whose values say which rows are gifts / 状态列
        #[arg(long, value_name = "COLUMN")]
        state: Option<String>,
        /// A state that is a gift (repeatable) / 表示捐赠的状态值
        #[arg(long, value_name = "VALUE")]
        gift: Vec<String>,
        /// A state left out (repeatable) / 跳过的状态值
        #[arg(long, value_name = "VALUE")]
        skip: Vec<String>,
        /// A state that is a refund (repeatable) / 表示退款的状态值
        #[arg(long, value_name = "VALUE")]
        refund: Vec<String>,
        /// Save the mapping as a preset of this name / 保存为预设
        #[arg(long, value_name = "NAME")]
        save: Option<String>,
        /// With --save: over one of yours of the same name / 覆盖同名预设
        #[arg(long)]
        replace: bool,
    },
    /// Link a platform project id (pid, 商品名称) to a project of this database / 关联平台项目
    Link { id: String, project: String },
    /// Remove a link / 取消关联
    Unlink { id: String },
    /// The platform projects linked so far / 列出已关联的平台项目
    Links,
}

/// `--theme` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    Default,
    Contrast,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Xlsx,
    Csv,
}

/// `--encoding` values for CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    Utf8,
    Gb18030,
}

/// Parses the command line (without exiting: the caller says what went wrong), noting
/// whether `--operator` was typed (not taken from the environment).
pub fn try_parse() -> Result<Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let matches = Cli::command().try_get_matches()?;
    let mut cli = Cli::from_arg_matches(&matches)?;
    cli.operator_typed = operator_typed(&matches);
    Ok(cli)
}

fn operator_typed(matches: &clap::ArgMatches) -> bool {
    let here = matches.value_source("operator") == Some(clap::parser::ValueSource::CommandLine);
    here || matches.subcommand().is_some_and(|(_, sub)| operator_typed(sub))
}

/// A path argument, cleaned as the console cleans a typed one (quotes, `file:` addresses,
/// separators: see [`crate::ops::paths::clean`]).
/// A path argument, cleaned as a pasted or dragged path is; an empty one is refused (said
/// in both languages, as the language option may come after it) rather than taken as
/// the default file or the current folder.
fn path_arg(s: &str) -> Result<PathBuf, String> {
    let cleaned = crate::ops::paths::clean(s, crate::ops::paths::PathStyle::NATIVE);
    if cleaned.is_empty() {
        return Err("路径为空 / the path is empty".into());
    }
    Ok(PathBuf::from(cleaned))
}

fn parse_date_arg(s: &str) -> Result<chrono::NaiveDate, String> {
    // Said in both languages: the language option may come after the date.
    crate::domain::date::parse_date(s).map_err(|e| match e {
        crate::domain::date::DateError::OutOfRange => {
            format!("日期须在 1990 至 2100 年之间 / the year must be 1990–2100: {s}")
        }
        _ => format!("不是日期（如 2024-01-31）/ not a date (e.g. 2024-01-31): {s}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
