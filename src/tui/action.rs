//! Everything a key can do, by name (the names used in the keymap file).

use crate::domain::Lang;

macro_rules! actions {
    ($($variant:ident = $name:literal, $zh:literal, $en:literal;)+) => {
        /// An action of the console.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $($variant,)+
        }

        impl Action {
            /// Every action.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)+];

            /// The name in keymap files.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)+ }
            }

            /// What it does, for the help screen and the footer.
            pub fn describe(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Action::$variant, Lang::Zh) => $zh, (Action::$variant, Lang::En) => $en,)+
                }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                Action::ALL.iter().copied().find(|a| a.name() == name)
            }
        }
    };
}

actions! {
    Quit = "quit", "退出", "quit";
    ResetTraining = "reset_training", "重置培训数据", "reset training data";
    KeyCast = "keycast", "显示按键", "show keys";
    Card = "card", "村社卡片", "village card";
    WelcomeTraining = "welcome_training", "载入演示数据（培训沙盒）", "demo data in a training sandbox";
    Help = "help", "帮助", "help";
    PaneOverview = "pane_overview", "概览", "overview";
    PaneVillages = "pane_villages", "村社", "villages";
    PaneProjects = "pane_projects", "项目", "projects";
    PaneDonations = "pane_donations", "捐赠", "donations";
    PaneVolunteers = "pane_volunteers", "志愿者", "volunteers";
    PaneLog = "pane_log", "日志", "log";
    Undo = "undo", "撤销上一步", "undo";
    History = "history", "修改记录", "history";
    Revert = "revert", "撤销这组修改", "revert this change";
    SwitchOperator = "switch_operator", "切换操作员", "switch operator";
    NextPane = "next_pane", "下一栏", "next pane";
    PrevPane = "prev_pane", "上一栏", "previous pane";
    Import = "import", "导入", "import";
    Export = "export", "导出", "export";
    Backup = "backup", "备份数据库", "back up the database";
    Down = "down", "下移", "down";
    Up = "up", "上移", "up";
    PageDown = "page_down", "下一页", "page down";
    PageUp = "page_up", "上一页", "page up";
    First = "first", "首条", "first";
    Last = "last", "末条", "last";
    Open = "open", "打开", "open";
    Back = "back", "返回", "back";
    Search = "search", "搜索", "search";
    Filter = "filter", "筛选", "filter";
    Sort = "sort", "排序", "sort";
    New = "new", "新建", "new";
    Edit = "edit", "修改", "edit";
    Delete = "delete", "删除", "delete";
    Batch = "batch", "批量录入", "batch entry";
    NewDisbursement = "new_disbursement", "新建拨付", "new disbursement";
    NewShift = "new_shift", "新建排班", "new shift";
    Statement = "statement", "收支情况", "statement";
    DisclosuresDue = "disclosures_due", "待公示事项", "disclosures due";
    NewCarryOver = "new_carry_over", "新建结转", "new carry-over";
    RecordDisclosure = "record_disclosure", "登记公示", "record a disclosure";
    CloseProject = "close_project", "结项", "close the project";
    FocusShifts = "focus_shifts", "转到排班", "to shifts";
    FocusDisbursements = "focus_disbursements", "转到拨付", "to disbursements";
    FocusProjects = "focus_projects", "返回项目列表", "to projects";
    FocusVolunteers = "focus_volunteers", "转到志愿者", "to volunteers";
    MarkServed = "mark_served", "标记已完成", "mark served";
    MarkAbsent = "mark_absent", "标记缺勤", "mark absent";
    Donor = "donor", "捐赠人档案", "donor history";
    FindDonor = "find_donor", "查找捐赠人", "find a donor";
    ReplaceReceipt = "replace_receipt", "作废票据并换号", "void receipt, next number";
    NextReceipt = "next_receipt", "下一个票据号", "next receipt number";
    Certificate = "certificate", "志愿服务证明", "certificate";
    Save = "save", "保存", "save";
    Apply = "apply", "应用", "apply";
    NextField = "next_field", "下一项", "next field";
    PrevField = "prev_field", "上一项", "previous field";
    NextRow = "next_row", "下一行", "next row";
    PrevRow = "prev_row", "上一行", "previous row";
    DeleteRow = "delete_row", "删除本行", "delete row";
    ChoiceNext = "choice_next", "下一选项", "next choice";
    ChoicePrev = "choice_prev", "上一选项", "previous choice";
    Pick = "pick", "选择", "pick";
    Mark = "mark", "标记（可多选）", "mark (several)";
    Unmap = "unmap", "忽略此列", "ignore this column";
    WriteErrors = "write_errors", "写出带错误列的副本", "write the copy with errors";
    ImportUpdate = "import_update", "以更新方式重新导入", "import again, updating";
    Accept = "accept", "确定", "accept";
    Cancel = "cancel", "取消", "cancel";
    Yes = "yes", "是", "yes";
    No = "no", "否", "no";
}

impl Action {
    /// Actions that change data: they do not exist in read-only mode.
    /// True for an action that makes, changes or deletes records of the pane in front
    /// (not an import, a backup or a revert, which answer for their own records).
    pub fn changes_records(self) -> bool {
        self.writes()
            && !matches!(
                self,
                Action::Import
                    | Action::Backup
                    | Action::ResetTraining
                    | Action::Undo
                    | Action::Revert
                    | Action::SwitchOperator
            )
    }

    pub fn writes(self) -> bool {
        matches!(
            self,
            Action::New
                | Action::Edit
                | Action::Delete
                | Action::Batch
                | Action::NewDisbursement
                | Action::NewShift
                | Action::NewCarryOver
                | Action::RecordDisclosure
                | Action::CloseProject
                | Action::MarkServed
                | Action::MarkAbsent
                | Action::ReplaceReceipt
                | Action::NextReceipt
                | Action::Certificate
                | Action::Import
                | Action::Backup
                | Action::ResetTraining
                | Action::Undo
                | Action::Revert
                | Action::SwitchOperator
        )
    }
}
