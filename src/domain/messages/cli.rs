//! The lines the command line prints (`crate::cli`).

catalogue! {
    export_masked => "已按检查模式隐去电话号码（及个人姓名）：此文件供查阅，不能再导入",
        "phones (and private names) are hidden as in inspection mode: this file is for reading, not for importing again";
    card_which(text) => "有多个村社与“{text}”相符，请用村社编码：", "several villages match \"{text}\"; give the village code:";
    no_terminal => "控制台需要在终端（命令提示符窗口）中运行；脚本中请使用 xingfu 的子命令（如 import、export、report）",
        "the console needs a terminal; in a script, use xingfu's commands (import, export, report …)";
    training_reset_done(path) => "培训数据已重置：{path}", "training data reset: {path}";
    error_line(message) => "错误：{message}", "error: {message}";
    note_line(message) => "注意：{message}", "note: {message}";
    large_data_written(path, count) => "已生成大数据集：{path} ({count})", "large data set written to: {path} ({count})";
    database_exists(path, version) => "数据库已存在：{path}（数据版本 {version}，已是最新）",
        "database already exists: {path} (schema {version}, up to date)";
    database_created(path) => "已创建数据库：{path}", "created database: {path}";
    cleared_leftover(path) => "已清除中断的备份残留文件：{path}", "cleared what an interrupted backup left: {path}";
    backed_up(path) => "已备份到：{path}（已通过完整性检查）", "backed up to: {path} (integrity check passed)";
    backups_pruned(count) => "按保留规则删除了 {count} 个旧备份（保留最近 10 个及近 12 个月每月最新 1 个）",
        "removed {count} old backups (kept: the last 10 and the newest of each of the last 12 months)";
    kept_aside(path) => "原数据库已另存为：{path}", "the database it replaced was kept as: {path}";
    restored(from, to) => "已从备份恢复：{from} → {to}", "restored from the backup: {from} → {to}";
    demo_written(path) => "已生成演示数据：{path}", "demo data written to: {path}";
    demo_loaded(path) => "已载入演示数据：{path}", "demo data loaded into: {path}";
    card_written(path) => "已写出卡片：{path}", "card written to: {path}";

    check_ok => "正常", "ok";
    check_problems(count) => "{count} 处异常", "{count} problems";
    check_more(count) => "……另有 {count} 处", "… and {count} more";
    check_database(path, version) => "数据库：{path}（数据版本 {version}）", "database: {path} (schema {version})";
    label_integrity => "完整性检查：", "integrity check: ";
    label_foreign_keys => "外键检查：  ", "foreign keys:    ";
    label_totals => "汇总核对：  ", "running totals:  ";
    no_summary(message) => "无法汇总：{message}", "no summary: {message}";
    verdict_unreadable => "结论：数据库文件已损坏或不是数据库", "verdict: the file is damaged or not a database";
    verdict_healthy => "结论：健康", "verdict: healthy";
    verdict_problems => "结论：发现问题（请先备份，再联系技术支持）",
        "verdict: problems found (back up first, then ask for support)";
    verdict_damaged => "结论：数据库文件已损坏", "verdict: the database file is damaged";
    newest_good_backup(path) => "最新的完好备份：{path}", "the newest backup that passes the integrity check: {path}";
    restore_command(backup, db) => "请关闭所有幸福窗口后恢复：xingfu restore {backup} --db {db}",
        "close every xingfu window, then restore it: xingfu restore {backup} --db {db}";
    restore_keeps_damaged =>
        "（损坏的文件会保留为 <名称>-before-restore-<时间>.db；备份之后录入的数据需要重新录入或导入）",
        "(the damaged file is kept as <name>-before-restore-<time>.db; what was entered after the backup must be entered or imported again)";
    no_good_backup(dir) => "备份文件夹 {dir} 中没有完好的备份；请勿再写入此数据库，并联系技术支持",
        "no backup in {dir} passes the integrity check; do not write to this database and ask for support";
    summary_counts(villages, projects, donations, disbursements, volunteers, shifts) =>
        "村社 {villages}  项目 {projects}  捐赠 {donations}  拨付 {disbursements}  志愿者 {volunteers}  排班 {shifts}",
        "villages {villages}  projects {projects}  donations {donations}  disbursements {disbursements}  volunteers {volunteers}  shifts {shifts}";
    summary_counts_v2(carry_overs, disclosures) => "结转 {carry_overs} 条  公示记录 {disclosures} 条",
        "{carry_overs} carry-overs  {disclosures} disclosures";
    summary_raised(raised, public, matching) => "已筹 {raised}（公开募捐 {public}，配捐 {matching}）",
        "raised {raised} (public {public}, matching {matching})";
    summary_disbursed(disbursed, balance) => "已拨付 {disbursed}  结余 {balance}", "disbursed {disbursed}  balance {balance}";
    summary_hours(hours) => "志愿服务 {hours} 小时", "volunteer service {hours} hours";

    phase_reading => "读取", "reading";
    phase_checking => "检查", "checking";
    phase_writing => "写入", "writing";
    phase_backup => "备份", "backing up";
    checking_backup_integrity => "正在完整检查备份（integrity_check）并恢复……", "checking the backup in full (integrity_check) and restoring…";
    checking_integrity => "正在完整检查数据库（integrity_check）……", "checking the database in full (integrity_check)…";
    phase_indexing => "建立索引", "building indexes";
    phase_committing => "提交", "committing";
    phase_export => "导出", "export";
    warnings_heading => "警告：", "warnings:";
    errors_found(count) => "发现 {count} 处错误，未写入任何数据：", "{count} errors found; nothing was written:";
    error_copy_written(path) => "已写出带“错误”列的副本：{path}", "copy with an error column written to: {path}";
    error_copy_failed(path, why) => "错误副本写入失败：{path}：{why}", "cannot write the error copy: {path}: {why}";
    no_data_rows => "文件中没有数据行，未写入任何数据", "no data rows in the files; nothing was written";
    written_with_backup(path) => "已写入数据库；导入前的备份：{path}", "written; backup taken before the import: {path}";
    nothing_to_write => "所有记录均已在数据库中，无需写入", "every record is already in the database; nothing to write";
    dry_run_passed => "检查通过，未写入（--dry-run）", "all rows pass; nothing written (--dry-run)";
    exported_to(path) => "已导出到：{path}", "exported to: {path}";
    template_written(path) => "已生成空白模板：{path}", "blank template written to: {path}";

    nothing_matches(query) => "未找到：「{query}」", "nothing matches: \"{query}\"";
    village_heading(code, name, town, county, status) => "■ 村社 {code} {name}  {town} · {county}  {status}",
        "■ village {code} {name}  {town} · {county}  {status}";
    project_heading(code, title, village_code, village_name, category, status) =>
        "■ 项目 {code} {title}  {village_code} {village_name} · {category} · {status}",
        "■ project {code} {title}  {village_code} {village_name} · {category} · {status}";
    donor_heading(name) => "■ 捐赠人 {name}", "■ donor {name}";
    volunteer_heading(code, name, village_code, village_name, status) =>
        "■ 志愿者 {code} {name}  {village_code} {village_name}  {status}",
        "■ volunteer {code} {name}  {village_code} {village_name}  {status}";
    village_projects(count, figures) => "项目 {count} 个  {figures}", "{count} projects  {figures}";
    served_by(name, hours) => "{name} {hours}小时", "{name} {hours}h";
    /// `names` lists the volunteers with their hours.
    village_volunteers(count, hours, names) => "志愿者 {count} 人在册，服务 {hours} 小时：{names}",
        "{count} active volunteers, {hours} hours served: {names}";
    figures(target, raised, matching, disbursed, balance) =>
        "目标 {target}  已筹 {raised}（配捐 {matching}）  已拨付 {disbursed}  结余 {balance}",
        "target {target}  raised {raised} (matching {matching})  disbursed {disbursed}  balance {balance}";
    figures_with_percent(target, raised, percent, matching, disbursed, balance) =>
        "目标 {target}  已筹 {raised}（{percent}%，配捐 {matching}）  已拨付 {disbursed}  结余 {balance}",
        "target {target}  raised {raised} ({percent}%, matching {matching})  disbursed {disbursed}  balance {balance}";
    donor_totals(count, total, first, last) => "捐赠 {count} 笔，共 {total}（{first} 至 {last}）",
        "{count} donations, {total} in all ({first} to {last})";
    volunteer_served(hours, shifts) => "已服务 {hours} 小时，待服务排班 {shifts} 次",
        "{hours} hours served, {shifts} shifts scheduled";
    skills(skills) => "技能：{skills}", "skills: {skills}";
    latest_donations => "最近捐赠：", "latest donations:";
    matching_mark => "（配捐）", " (matching)";

    paths_database(path) => "数据库：    {path}", "database:        {path}";
    paths_data(path) => "数据文件夹：{path}", "data folder:     {path}";
    paths_backups(path) => "备份文件夹：{path}", "backups folder:  {path}";
    paths_config(path) => "配置文件：  {path}", "settings:        {path}";
    paths_keymap(path) => "按键设置：  {path}", "keys:            {path}";
    paths_presets(path) => "导入预设：  {path}", "import presets:  {path}";
    paths_training(path) => "培训文件夹：{path}", "training folder: {path}";
    paths_drawing(drawing, why) => "界面字符：  {drawing}（{why}）", "drawing set:     {drawing} ({why})";
    paths_missing => "（尚未创建）", " (not made yet)";
    paths_none => "（本系统没有配置文件夹）", "(this system has no configuration folder)";
    drawing_ascii => "ASCII 字符", "ASCII";
    drawing_unicode => "制表符", "box drawing";
    drawing_forced => "由命令行选项 --ascii / --unicode 指定", "chosen with --ascii or --unicode";
    drawing_configured => "config.toml 中的 drawing 设置", "the drawing setting in config.toml";
    drawing_windows_terminal => "Windows 终端", "Windows Terminal";
    drawing_terminal(name) => "终端程序 {name}", "the terminal program {name}";
    drawing_wide_code_page(code_page) => "旧式控制台，代码页 {code_page}：制表符会显示为双倍宽度",
        "the legacy console with code page {code_page} draws box characters two columns wide";
    drawing_utf8_code_page => "旧式控制台，代码页 65001：字体可能把制表符显示为双倍宽度",
        "the legacy console with code page 65001: its font may draw box characters two columns wide";
    drawing_narrow_code_page(code_page) => "控制台代码页 {code_page}", "console code page {code_page}";
    drawing_unknown_console => "无法读取控制台代码页", "the console did not say its code page";
    drawing_utf8_locale(locale) => "区域设置 {locale}", "locale {locale}";
    drawing_other_locale(locale) => "区域设置 {locale} 不是 UTF-8", "the locale {locale} is not UTF-8";
    drawing_not_recorded(path, why) => "未能把界面字符的选择记入 {path}：{why}", "could not record the drawing set in {path}: {why}";
    job_crashed(message) => "程序错误，操作已中止：{message}", "a program error stopped the job: {message}";
    press_enter_to_exit => "按回车键退出……", "Press Enter to exit…";
    console_crashed => "幸福控制台意外中止（程序错误）。已保存的数据不受影响。请把上面的信息告诉技术支持。",
        "the console stopped on a program error. What was saved is safe. Please pass the message above to support.";
}
