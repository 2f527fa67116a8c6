//! Offices, exports that say where they come from, and roll-ups of counties into a city or
//! province database (issue 10).

catalogue! {
    office_already_named(name, code, asked) =>
        "此数据库属于{name}（{code}），不能改为 {asked}；未做任何改动",
        "this database belongs to {name} ({code}); it cannot become {asked}; nothing was changed";
    office_villages_of_another(asked, name, code) =>
        "此数据库的村社属于{name}（{code}），不能定为 {asked}；未做任何改动",
        "this database's villages belong to {name} ({code}), not {asked}; nothing was changed";
    office_not_a_code(text) => "“{text}”不是六位行政区划代码（如 320904）",
        "\"{text}\" is not a six-digit division code (such as 320904)";
    office_unnamed(code) => "行政区划登记中没有 {code}：请用 --office-name 写明单位名称",
        "the division registry does not name {code}: give the office's name with --office-name";
    office_rolled_up(name, code) =>
        "这些记录来自{name}（{code}）报送的导出，只读；{name}下次报送时更新",
        "these records came in {name}'s ({code}) export and are read-only; they change with its next export";
    office_none => "此数据库尚未登记所属单位：请运行 xingfu init --office 行政区划代码（如 320904）",
        "this database has no office yet: run xingfu init --office CODE (a division code such as 320904)";
    report_summary_title_city => "市级汇总表", "City summary";
    report_summary_title_province => "省级汇总表", "Province summary";
    report_office(name, code) => "单位：{name}（{code}）", "Office: {name} ({code})";
    /// The database's own records, in a summary of a city that holds its counties'.
    report_own_records => "本级", "own records";
    report_by_county => "按县（市、区）", "By county";
    report_col_county => "县（市、区）", "County";
    report_col_code => "代码", "Code";
    source_bad_value(key) => "“{key}”的值无法识别", "the value of {key} cannot be read";
    source_unknown_key(key, keys) => "来源表中没有“{key}”这一项（应为：{keys}），已忽略",
        "the source sheet has no key {key} (it has: {keys}); ignored";
    source_newer_format(found, known) =>
        "此文件由更新版本的模板写出（格式版本 {found}，本程序支持 {known}）：请升级幸福程序后再导入；未写入任何数据",
        "this file was written in a newer template (format version {found}; this program reads {known}): upgrade xingfu and import it again; nothing was written";
    source_none_for_rollup(office) =>
        "文件没有“来源”表，看不出是哪个县（市、区）报送的，{office}的数据库只接收所辖县（市、区）的完整导出：请该县用幸福程序重新导出（xingfu export）后报送；未写入任何数据",
        "the file has no source sheet, so it does not say which county sent it; {office}'s database takes only its counties' full exports: ask the county to export again with xingfu (xingfu export) and send that; nothing was written";
    source_no_office_for_rollup(office) =>
        "“来源”表没有单位编码，看不出是哪个县（市、区）报送的，{office}的数据库不能接收：请该县先用 xingfu init --office 登记单位后重新导出；未写入任何数据",
        "the source sheet has no office code, so it does not say which county sent it; {office}'s database cannot take it: the county names its office (xingfu init --office) and exports again; nothing was written";
    source_not_under(county, code, office) => "{county}（{code}）不属于{office}，不能汇总进此数据库；未写入任何数据",
        "{county} ({code}) does not report to {office}; it cannot be rolled up here; nothing was written";
    source_not_a_county(name, code) =>
        "这是{name}（{code}）的导出，不是县（市、区）的导出：市、省数据库只汇总县级导出；未写入任何数据",
        "this is the export of {name} ({code}), not of a county: a city or province database rolls up county exports only; nothing was written";
    source_other_office(name, code, office) =>
        "这是{name}（{code}）的导出，不能导入{office}的数据库：应汇总进所属市或省的数据库；未写入任何数据",
        "this is the export of {name} ({code}); it cannot go into {office}'s database: roll it up into its city's or province's database; nothing was written";
    source_same_county_twice(name, code, other) => "同一次导入中有{name}（{code}）的两份导出（另一份：{other}）：请只保留较新的一份；未写入任何数据",
        "this import holds two exports of {name} ({code}) (the other: {other}): keep only the newer one; nothing was written";
    source_files_without_source => "本次导入含多份导出，此文件不属于其中任何一份（没有“来源”）：请分开导入；未写入任何数据",
        "this import holds several exports and this file belongs to none of them (it has no source sheet): import it on its own; nothing was written";
    source_older_than_held(name, found, held) =>
        "{name}的这份导出（{found} 导出）比数据库中已有的一份（{held} 导出）旧，未导入；未写入任何数据",
        "this export of {name} (exported {found}) is older than the one the database holds (exported {held}); nothing was written";
    source_other_period(held, found) =>
        "数据库中各县导出的期间：{held}；此文件的期间：{found}。一个数据库只汇总同一期间的导出，请另建数据库（xingfu init --office）汇总该期间；未写入任何数据",
        "the database holds exports for {held} and this file is for {found}: a database rolls up one period; make another database (xingfu init --office) for that period; nothing was written";
    opening_differs(project, on, held) => "项目 {project} 在 {on} 的余额按数据库计算为 {held}，与期初余额不符",
        "the database computes the balance of project {project} on {on} as {held}, not this opening balance";
    before_opening(project, on) => "项目 {project} 的记录从 {on} 的期初余额开始，不能再导入此前的收支：请按时间顺序导入各期",
        "the records of project {project} begin with an opening balance on {on}; money moved before it cannot be imported: import the periods in order";
    still_referred(kind, code, by) => "新导出中已没有{kind} {code}，但仍有{by}引用它：导出不完整，请该县重新导出",
        "the new export no longer holds {kind} {code}, yet its {by} still refer to it: the export is incomplete; ask the county to export again";
    opening_twice => "同一项目的期初余额出现两次", "the same project has two opening balances";
    opening_without_period => "期初余额只属于按期间导出的文件（“来源”表须有期间起）",
        "opening balances belong to a period export only (its source sheet needs a period_from)";
    village_of_another(name, code) => "此村社编码属于{name}（{code}），不属于报送此导出的县",
        "this village code belongs to {name} ({code}), not to the county that sent this export";
    period_full => "完整数据（不分期间）", "the full data (no period)";
    period_between(from, to) => "{from} 至 {to}", "{from} to {to}";
    /// A database without an office, in a message that names the office.
    this_database => "本单位", "this office";
    source_two_sources(other) => "同一份导出中有两张“来源”表（另一张：{other}）；未写入任何数据",
        "one export holds two source sheets (the other: {other}); nothing was written";
    source_unnamed_rollup =>
        "此数据库尚未登记所属单位，不能同时导入多个单位的导出：汇总各县请先登记为市或省，如 xingfu init --office 320900；未写入任何数据",
        "this database has no office yet and cannot take several offices' exports: to roll up counties, name it a city or province first (xingfu init --office 320900); nothing was written";
    rollup_first(name, code, exported, period) => "{name}（{code}）：首次汇总，{exported} 导出，{period}",
        "{name} ({code}): rolled up for the first time, exported {exported}, {period}";
    rollup_replaced(name, code, exported, previous, period) =>
        "{name}（{code}）：以 {exported} 的导出替换 {previous} 的导出，{period}",
        "{name} ({code}): the export of {exported} replaces that of {previous}, {period}";
    rollup_same(name, code, exported) => "{name}（{code}）：数据库已有这份导出（{exported} 导出），没有变化",
        "{name} ({code}): the database already holds this export (exported {exported}); nothing changed";
    rollup_kind(sheet, inserted, updated, removed, unchanged) =>
        "  {sheet}：新增 {inserted}，更新 {updated}，删除 {removed}，未变 {unchanged}",
        "  {sheet}: {inserted} added, {updated} changed, {removed} removed, {unchanged} unchanged";
    rollup_openings(count) => "  期初余额：变动 {count} 项", "  opening balances: {count} changed";
    level_province => "省级", "province";
    level_city => "设区市", "city";
    level_county => "县（市、区）", "county";
    office_is(name, code, level) => "本数据库属于：{name}（{code}，{level}）", "this database belongs to {name} ({code}, {level})";
    office_rolls_up(name, code, level) => "本数据库属于：{name}（{code}，{level}），汇总所辖县（市、区）的导出",
        "this database belongs to {name} ({code}, {level}) and rolls up its counties' exports";
}
