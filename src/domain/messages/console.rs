//! The console's table of the catalogue: every label, title and status of the screen.
//! Its entries are values of one enum, [`Msg`], because the console passes them around as
//! data (a pane's title, a prompt's question) before it draws them.

use crate::domain::Lang;

macro_rules! catalogue {
    ($($name:ident => $zh:literal, $en:literal;)+) => {
        /// A message of the console.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg {
            $($name,)+
        }

        pub(super) const ENTRIES: &[super::Entry] = &[
            $(super::Entry { name: stringify!($name), zh: $zh, en: $en },)+
        ];

        impl Msg {
            /// The text in the operator's language.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$name, Lang::Zh) => $zh,
                      (Msg::$name, Lang::En) => $en,)+
                }
            }
        }
    };
}

catalogue! {
    AppName => "幸福家园", "Happy Homeland";
    Overview => "概览", "Overview";
    Villages => "村社", "Villages";
    Projects => "项目", "Projects";
    Donations => "捐赠", "Donations";
    Volunteers => "志愿者", "Volunteers";
    Shifts => "排班", "Shifts";
    Disbursements => "拨付", "Disbursements";
    AllVillages => "全部村社", "All villages";
    AllProjects => "全部项目", "All projects";
    AllDonations => "全部捐赠", "All donations";
    AllVolunteers => "全部志愿者", "All volunteers";
    TooSmall => "窗口太小：至少需要 80×24", "Window too small: at least 80×24 needed";
    TooSmallNow => "当前", "now";
    TooSmallKeys => "放大窗口后继续；q 退出（表单有未保存的输入时不退出）", "Enlarge the window to go on; q quits (not while a form holds input)";
    Code => "编码", "Code";
    Name => "名称", "Name";
    Town => "乡镇", "Town";
    Status => "状态", "Status";
    ProjectCount => "项目", "Proj.";
    Raised => "已筹", "Raised";
    Matching => "配捐", "Matching";
    Target => "目标", "Target";
    Disbursed => "已拨付", "Disbursed";
    Balance => "结余", "Balance";
    Progress => "进度", "Progress";
    Title => "项目名称", "Title";
    Category => "类别", "Category";
    Date => "日期", "Date";
    Donor => "捐赠人", "Donor";
    Amount => "金额", "Amount";
    Channel => "渠道", "Channel";
    Ref => "流水号", "Ref";
    Project => "项目", "Project";
    Village => "村社", "Village";
    Served => "时长", "Hours";
    Hours => "小时", "h";
    Activity => "服务内容", "Activity";
    Payee => "收款方", "Payee";
    Purpose => "用途", "Purpose";
    DonorsCount => "捐赠人", "Donors";
    VolunteersCount => "志愿者", "Volunteers";
    ServedHours => "服务时长", "Hours served";
    PerMonth => "近 12 个月每月捐赠", "Donations per month, last 12 months";
    ByStatus => "项目状态", "Projects by status";
    Attention => "需要关注", "Needs attention";
    PastEnd => "已过结束日期仍在募集", "past its end date, still fundraising";
    LargeBalance => "结余较多未拨付", "large balance not disbursed";
    Nothing => "（无）", "(none)";
    Listed => "列表", "listed";
    Anonymous => "匿名", "anonymous";
    Count => "笔", "";
    Total => "合计", "total";
    Search => "搜索", "Search";
    SearchHint => "编码、名称或拼音首字母", "code, name or pinyin initials";
    Matches => "条匹配", "matches";
    SortedBy => "排序", "sorted by";
    FilterTitle => "筛选", "Filter";
    FilterAll => "全部", "all";
    From => "起", "from";
    To => "止", "to";
    HelpTitle => "帮助（按任意键关闭）", "Help (any key closes)";
    Saved => "已保存", "Saved";
    Deleted => "已删除", "Deleted";
    ChangedByOther => "未保存：此记录在您打开后已被他人保存", "Not saved: someone else saved this record after you opened it";
    ChangedTaken => "他人修改、您未改动的项，已填入表单：", "Changed by them and not by you, now filled into the form:";
    ChangedBoth => "您和他人都修改了的项，表单保留您的值：", "Changed by both of you; the form keeps yours:";
    SaveAgainToOverwrite => "按 Esc 或 Enter 回到表单，核对后按 Ctrl-S 保存", "Esc or Enter returns to the form; check it, then Ctrl-S saves it";
    NewRecord => "新建", "New";
    EditRecord => "修改", "Edit";
    Required => "必填", "required";
    FilterHint => "Enter/Ctrl-S 应用 · Tab 下一项 · ←→ 切换选项 · Esc 取消", "Enter/Ctrl-S apply · Tab next · ←→ choices · Esc cancel";
    FormHint => "Ctrl-S 保存 · Tab/Enter 下一项 · ←→ 切换选项 · F2 选择 · Esc 取消", "Ctrl-S save · Tab/Enter next · ←→ choices · F2 pick · Esc cancel";
    FixErrors => "请先改正标红的项目", "Correct the fields marked in red first";
    ConfirmDelete => "确定删除", "Delete";
    Confirm => "请确认", "Please confirm";
    YesNo => "（y 确定 / n 取消）", "(y yes / n no)";
    CannotDelete => "不能删除", "Cannot delete";
    UnsavedQuit => "有尚未保存的输入，确定退出程序？", "Some input is not saved. Quit anyway?";
    UnsavedClose => "表单尚未保存，确定放弃？", "The form is not saved. Discard it?";
    NothingSelected => "请先选择一条记录", "Select a record first";
    PickTitle => "选择", "Pick";
    MappingTitle => "映射列（表头不是模板的，也没有预设能识别）", "Map the columns (neither the template nor a known preset)";
    MappingHeaderRow => "表头：第", "header: row";
    MappingColumns => "列 → 字段", "column → field";
    MappingIgnored => "（忽略）", "(ignored)";
    MappingState => "状态列", "state column";
    MappingUnit => "金额单位", "amounts in";
    MappingDate => "日期格式", "date form";
    MappingChannel => "捐赠渠道", "channel";
    MappingNone => "（按列或默认）", "(from a column, or the default)";
    MappingStateValue => "状态", "state";
    MappingGift => "捐赠，导入", "a gift: import";
    MappingSkip => "跳过", "left out";
    MappingRefund => "退款", "a refund";
    MappingName => "预设名称", "preset name";
    MappingPreview => "预览（按导入时的样子）", "preview (as it would import)";
    MappingSkipped => "（跳过）", "(left out)";
    LinksTitle => "这些平台项目属于本库的哪个项目？", "Which project is each platform project?";
    LinksHeader => "平台项目编号 · 名称 · 行数", "platform project id · name · rows";
    LinksUnanswered => "还有平台项目没有选择项目（Enter 选择）", "some platform projects have no project yet (Enter picks one)";
    LinksNotChosen => "未选择", "not chosen";
    WholeFile => "整份文件（预设没有项目列）", "the whole file (its preset has no project column)";
    BatchTitle => "批量录入捐赠", "Batch donation entry";
    BatchProject => "项目", "Project";
    BatchExpectedCount => "应录笔数", "Expected count";
    BatchExpectedTotal => "应录金额", "Expected total";
    BatchEntered => "已录", "Entered";
    BatchMismatch => "与应录不符", "does not match the expected";
    BatchMatches => "与应录相符", "matches the expected";
    BatchHint => "Tab 下一项 · Enter 下一张 · ←→ 选项 · Ctrl-S 保存全部 · Ctrl-D 删本行 · F2 选项目 · Esc 放弃", "Tab next · Enter next slip · ←→ choices · Ctrl-S save all · Ctrl-D delete row · F2 project · Esc discard";
    BatchSaved => "已保存批量捐赠", "Batch saved";
    BatchEmpty => "没有可保存的行", "No rows to save";
    BatchConfirmMismatch => "笔数或金额与应录不符，仍要保存？", "Count or total differ from the expected. Save anyway?";
    ImportPrompt => "导入文件或文件夹（可用空格分隔多个）：", "Import files or folders (separate with spaces):";
    ExportPrompt => "导出到（.xlsx 或文件夹）：", "Export to (.xlsx or a folder):";
    Working => "正在处理", "Working";
    PhaseReading => "读取文件", "reading files";
    PhaseChecking => "逐行检查", "checking rows";
    PhaseWriting => "写入（请勿关闭）", "writing (do not close)";
    PhaseBackup => "导入前备份（请勿关闭）", "backing up before the import (do not close)";
    PhaseIndexing => "建立索引（请勿关闭）", "building indexes (do not close)";
    PhaseCommitting => "提交（请勿关闭）", "committing (do not close)";
    JobRunningQuit => "后台任务尚未完成。现在退出将放弃本次导入或导出，数据库保持原样。确定退出？", "A job is still running. Quitting now abandons this import or export and leaves the database as it was. Quit anyway?";
    ImportDone => "导入完成", "Import finished";
    ImportFailed => "导入未写入：发现错误", "Import not written: errors found";
    ExportDone => "导出完成", "Export finished";
    JobFailed => "操作失败", "Failed";
    Busy => "后台任务进行中，请稍候", "A job is running; please wait";
    ReadOnly => "只读 READ-ONLY", "READ-ONLY";
    Training => "培训模式 TRAINING", "TRAINING";
    TrainingReset => "已恢复培训数据", "Training data restored";
    ConfirmReset => "恢复培训数据到初始状态？所有练习中的修改将丢失", "Restore the training data to its initial state? All practice changes are lost";
    NotTraining => "只有培训模式可以重置数据", "Only training mode can reset its data";
    BackupReadOnly => "只读模式下不备份（请用 xingfu backup 命令）", "No backups in read-only mode (use xingfu backup)";
    BackedUp => "已备份到：", "Backed up to: ";
    KeysTitle => "按键", "Keys";
    WelcomeTitle => "欢迎使用幸福家园", "Welcome to xingfu";
    WelcomeEmpty => "数据库还是空的。您可以：", "The database is empty. You can:";
    CardTitle => "村社卡片", "Village card";
    AllData => "全部", "all";
    StatementTitle => "收支情况（本年）", "Statement (this year)";
    ProjectClosed => "项目已结项", "The project is closed";
    ProjectAlreadyClosed => "项目已结项或关闭", "The project is already completed or closed";
    DisclosuresDue => "待公示", "Disclosures due";
    NothingDue => "没有待公示的事项", "Nothing to disclose";
    StartEntering => "开始录入（先新建村社）", "Start entering data (add a village first)";
    Phone => "电话", "Phone";
    MarkedServed => "已标记为已完成", "Marked served";
    MarkedAbsent => "已标记为缺勤", "Marked absent";
    NoShift => "请先在右侧选择一条排班", "Select a shift on the right first";
    Welcome => "数据库是空的：按 i 导入模板文件，或按 n 新建村社", "The database is empty: press i to import template files, or n to add a village";
    County => "县（市、区）", "County";
    ByCounty => "各县（市、区）", "By county";
    DonationCount => "捐赠笔数", "Gifts";
    OwnRecords => "本级", "Own";
    OfficePrompt => "本数据库所属单位的行政区划代码（如 320904）：", "This database's office, as its division code (e.g. 320904):";
    MoreCounties => "另有", "more:";
    Log => "日志", "Log";
    LogDetail => "修改详情", "Change-set";
    Number => "编号", "No.";
    When => "时间", "When";
    Operator => "操作员", "Operator";
    ChangeKindCol => "类型", "Kind";
    What => "内容", "What";
    HistoryTitle => "修改记录", "History";
    HistoryHint => "↑↓ 选择 · r 撤销所选的一组修改 · Esc 关闭", "↑↓ select · r reverts the selected change · Esc closes";
    OperatorTitle => "操作员", "Operator";
    OperatorFirst => "请输入您的姓名：每一处修改都会记下是谁做的", "Your name, please: every change records who made it";
    OperatorSwitch => "切换操作员：输入姓名，或用 ↑↓ 选择", "Switch operator: type a name, or choose one with ↑↓";
    OperatorHint => "Enter 确定 · ↑↓ 选择已有姓名 · Esc 取消", "Enter accepts · ↑↓ choose a known name · Esc cancels";
    OperatorNeeded => "请先输入姓名（Ctrl-C 退出）", "Type a name first (Ctrl-C quits)";
    NothingToUndo => "本次没有您可撤销的修改", "Nothing of yours to undo in this session";
    CannotRevert => "不能撤销", "Cannot revert";
    NotAChangeSet => "请先选择一组修改", "Select a change-set first";
}
