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
}
