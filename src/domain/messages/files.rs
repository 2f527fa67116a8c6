//! Problems found in files being read (`crate::template::Issue` and `Problem`).

catalogue! {
    closed_with_balance(project, balance) => "项目 {project} 已结项或关闭，但导入后仍有余额 {balance}（请结转或拨付）",
        "project {project} is completed or closed but holds {balance} after the import (carry it over or disburse it)";
    gift_after_end => "捐赠日期晚于项目的结束日期（结项后到账的捐赠）",
        "the donation is dated after the project's end date (a gift that arrived late)";
    unreadable(why) => "无法读取文件：{why}", "cannot read the file: {why}";
    unknown_encoding => "无法识别文件编码（应为 UTF-8 或 GB18030/GBK）",
        "the file's encoding is not recognised (UTF-8 or GB18030/GBK expected)";
    /// `sheets` lists the template's sheets.
    unknown_sheet(sheets) => "表头不属于模板中的任何一张表（{sheets}）",
        "the header row is not that of any template sheet ({sheets})";
    missing_column => "缺少必填列", "a required column is missing";
    duplicate_column => "该列重复出现", "this column appears twice";
    repeated_code(first) => "编号与本次导入的 {first} 重复", "the same code already appears at {first} in this import";
    /// `fields` lists the columns that differ.
    conflict(fields) => "数据库中已有该编号的记录，内容不同（{fields}）；如需更新：命令行加 --update，控制台按 u",
        "a record with this code exists with different content ({fields}); to replace it: --update on the command line, u in the console";
    refers_to_rejected => "引用的记录在本次导入中有错误", "refers to a record of this import that has errors";
    unknown_column => "模板中没有此列，已忽略", "not a template column; ignored";
    no_template_sheets => "工作簿中没有模板中的工作表", "the workbook has none of the template's sheets";
    too_many_rows => "行数超过 XLSX 单表上限 1,048,576 行，请改用 CSV 导出",
        "more rows than an XLSX sheet holds (1,048,576): export CSV instead";
    extra_cells(cells, header) =>
        "此行有 {cells} 个单元格，而表头只有 {header} 列；多出的内容不会被导入（可能是文字中含有未加引号的逗号）",
        "this row has {cells} cells where the header has {header}; the extra cells would be lost (likely an unquoted comma in a text)";
    cell_without_header => "此单元格有内容，但所在列没有表头，内容不会被导入",
        "this cell has a value but its column has no header; the value would be lost";
    beyond_sheet_limits => "单元格超出 XLSX 工作表的范围（最多 1,048,576 行、16,384 列），文件已损坏",
        "a cell beyond what an XLSX sheet can hold (1,048,576 rows, 16,384 columns): the file is damaged";
    too_wide(columns, max) => "表头延伸到第 {columns} 列，超过上限 {max} 列，不像模板文件",
        "the header row reaches column {columns}, beyond the limit of {max}; not a template file";
    formula_without_value => "公式没有计算结果，请在表格软件中重新计算并保存",
        "the formula has no computed value: recalculate and save the file in the spreadsheet program";
    empty_file => "文件只有表头，没有数据行；其他文件照常导入（如发错了文件，请换成正确的文件再导入）",
        "the file has a header and no rows; the other files are imported as usual (if it is the wrong file, import the right one)";
    changed_while_importing => "导入过程中文件被修改，未写入任何数据；请关闭编辑该文件的程序后重新导入",
        "the file changed while it was being imported; nothing was written: close the program editing it and import again";
    hidden_sheet => "这是一张隐藏的工作表，其中的行仍会导入；如不应导入，请删除该表",
        "this sheet is hidden; its rows are imported too (delete the sheet if they should not be)";
    format_chars_removed(count) =>
        "删除了 {count} 个不可见的格式字符（如改变文字方向的双向控制符、零宽字符）；备注和简介中不保留这类字符",
        "{count} invisible format characters (such as bidi controls that reverse text, or zero-width characters) were removed; notes and descriptions do not keep them";
    at_sheet(sheet) => "「{sheet}」表", " sheet {sheet}";
    at_row(row) => " 第 {row} 行", " row {row}";
    at_column(column) => " 「{column}」列", " column {column}";
    at_value(value) => " 值「{value}」", " value \"{value}\"";
}
