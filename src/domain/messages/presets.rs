//! Files that are not the template, read through presets: what a preset may be, what a
//! bill's rows and summary say, the links of platform projects, and `xingfu presets`.

catalogue! {
    unit_yuan => "元", "yuan";
    unit_fen => "分", "fen";
    target_platform_project => "平台项目编号", "platform project id";
    target_platform_name => "平台项目名称", "platform project name";
    preset_syntax(error) => "预设文件格式不对：{error}", "the preset file is not valid: {error}";
    preset_bad_name(name) => "预设名称「{name}」不可用：只能用 1–40 个文字、字母、数字、- 或 _",
        "the preset name \"{name}\" cannot be used: 1–40 letters, digits, - or _";
    preset_unmapped(field) => "必填字段 {field} 没有对应的列", "the required field {field} is mapped to no column";
    preset_unknown_target(name, known) => "没有名为 {name} 的字段（可用：{known}）", "there is no field named {name} (known: {known})";
    preset_bad_channel(value, choices) => "捐赠渠道「{value}」不是可选值（{choices}）", "channel \"{value}\" is not one of {choices}";
    preset_bad_set(field, value) => "[[set]] 不能把 {field} 设为「{value}」", "[[set]] cannot set {field} to \"{value}\"";
    preset_no_column => "规则或核对项没有指明列（column、field、sum 或 sum_field）",
        "a rule or check names no column (column, field, sum or sum_field)";
    preset_no_test => "规则没有条件（is、contains、empty 或 negative），核对项没有内容（count、sum 或 sum_field）",
        "a rule has no test (is, contains, empty or negative), or a check nothing to check (count, sum or sum_field)";
    preset_state_twice(state) => "状态「{state}」列了两次", "the state \"{state}\" is listed twice";

    unknown_state(known) => "未知的状态，未导入任何数据（已知的状态：{known}）",
        "an unknown state; nothing was imported (known states: {known})";
    cannot_add_up => "不是金额或笔数，无法与汇总核对", "not an amount or a count; the summary cannot be checked";
    summary_missing => "文件缺少汇总行，可能不完整；请重新下载完整的账单",
        "the file has no summary rows and may be cut short: download the whole bill again";
    summary_mismatch(stated, counted, difference) =>
        "汇总为 {stated}，明细合计 {counted}，相差 {difference}；账单不完整或被改动过，未写入任何数据",
        "the summary says {stated}, the detail rows add up to {counted}: a difference of {difference}; the bill is incomplete or was changed, nothing was written";
    fen_with_decimals => "金额单位为分，不能有小数（单位是否应为元？）",
        "amounts are in fen and cannot have decimals (should the unit be yuan?)";
    not_an_amount => "不是金额", "not an amount";
    time_without_date => "只有时间，没有日期（是否选错了列？）", "a time without a date (is it the wrong column?)";
    date_not_in_form(form) => "日期不是预设的格式 {form}", "the date is not in the preset's form {form}";
    refund_without_gift => "退款行没有原订单号", "the refund names no paid order";
    refund_above_gift(paid_at) => "退款金额超过 {paid_at} 的原支付金额", "the refund is larger than the payment at {paid_at}";
    refunded_in_import_whole(paid_at) => "退款：{paid_at} 的捐赠已全额退款，该捐赠不导入",
        "refund: the gift at {paid_at} was refunded in full and is not imported";
    refunded_in_import_part(paid_at, left) => "退款：{paid_at} 的捐赠部分退款，按余下的 {left} 导入",
        "refund: the gift at {paid_at} was refunded in part and imports for what is left, {left}";
    refund_of_stored_gift(gift) => "退款：退的是数据库中已有的捐赠 {gift}；该捐赠未改动，请核对后在控制台中修改或删除",
        "refund: of a gift already in the database, {gift}; it is not changed: check it, then edit or delete it in the console";
    refund_of_unknown_gift(reference) => "退款：原捐赠 {reference} 不在本次导入中，也不在数据库中（可能在尚未导入的账单里）",
        "refund: the gift {reference} is neither in this import nor in the database (perhaps in a bill not yet imported)";
    stored_gift(reference, date, amount, project) => "{reference}（{date} {amount}，项目 {project}）",
        "{reference} ({date}, {amount}, project {project})";
    unlinked_id(id, name, rows) => "{id}「{name}」{rows} 行", "{id} \"{name}\" ({rows} rows)";
    unlinked_id_alone(id, rows) => "「{id}」{rows} 行", "\"{id}\" ({rows} rows)";
    and_more(count) => " 等，另有 {count} 个", " and {count} more";
    unlinked(ids) =>
        "这些平台项目还没有对应到本库的项目：{ids}；请用 xingfu presets link 平台项目编号 项目编号 关联，或用 --project 指定（控制台中会逐个询问）",
        "these platform projects are not linked to a project of this database: {ids}; link them with xingfu presets link ID PROJECT, or give --project (the console asks for each)";
    no_project => "预设没有平台项目列：请用 --project 指定这些捐赠的项目（控制台中会询问）",
        "the preset has no platform project column: give the project of these gifts with --project (the console asks)";
    not_the_preset(preset, missing) => "不是预设 {preset} 的文件：表头缺少 {missing}",
        "not a file of the preset {preset}: its header lacks {missing}";
    unmapped => "表头不是模板的，也没有预设能识别；请先建立映射：xingfu presets map 文件（控制台中按 i 导入时会出现映射步骤）",
        "the header is not the template's and no preset recognises it; map it first: xingfu presets map FILE (importing with i in the console shows the mapping step)";

    bill_read(file, title, preset, row) => "{file}：按预设「{title}」（{preset}）读取，表头在第 {row} 行",
        "{file}: read with the preset \"{title}\" ({preset}), header at row {row}";
    bill_rows(detail, gifts, gift_total, refunds, refund_total, skipped) =>
        "  明细 {detail} 行：捐赠 {gifts} 笔 {gift_total}，退款 {refunds} 笔 {refund_total}，跳过 {skipped} 行",
        "  {detail} detail rows: {gifts} gifts {gift_total}, {refunds} refunds {refund_total}, {skipped} rows left out";
    bill_figure_agrees(figure, stated, counted) => "  汇总「{figure}」{stated}，明细 {counted}：相符",
        "  summary \"{figure}\" {stated}, detail {counted}: they agree";
    bill_figure_differs(figure, stated, counted) => "  汇总「{figure}」{stated}，明细 {counted}：不符",
        "  summary \"{figure}\" {stated}, detail {counted}: they differ";
    bill_count_figure => "笔数", "number of rows";
    bill_no_summary => "  文件没有汇总行，未核对", "  the file has no summary rows; nothing to check against";

    preset_builtin_mark => "内置", "built-in";
    preset_user_mark => "自定义", "own";
    presets_heading(dir) => "预设（自定义预设在 {dir}）：", "presets (your own are in {dir}):";
    preset_not_found(name) => "没有名为 {name} 的预设（xingfu presets 列出全部）", "there is no preset named {name} (xingfu presets lists them)";
    preset_is_builtin(name) => "{name} 是内置预设，不能删除或覆盖", "{name} is a built-in preset and cannot be deleted or replaced";
    preset_exists(name) => "已有名为 {name} 的预设；换个名称，或加 --replace 覆盖", "a preset named {name} exists; choose another name, or add --replace";
    preset_saved(name, path) => "已保存预设 {name}：{path}", "preset {name} saved: {path}";
    preset_deleted(name) => "已删除预设 {name}", "preset {name} deleted";
    preset_exported(name, path) => "已导出预设 {name}：{path}", "preset {name} exported to: {path}";
    preset_file_problems(path) => "预设文件 {path} 有问题：", "the preset file {path} has problems:";
    preset_no_folder => "找不到配置文件夹，无法保存预设", "no configuration folder: presets cannot be saved";
    preset_invalid_skipped(path) => "（已跳过有问题的预设文件：{path}）", "(a preset file with problems was skipped: {path})";
    link_saved(id, project) => "已关联：平台项目 {id} → 项目 {project}", "linked: platform project {id} → project {project}";
    link_removed(id) => "已取消关联：平台项目 {id}", "unlinked: platform project {id}";
    link_not_found(id) => "平台项目 {id} 没有关联", "the platform project {id} is not linked";
    links_heading => "平台项目 → 本库项目：", "platform projects → projects of this database:";
    links_none => "还没有关联任何平台项目", "no platform project is linked yet";
    read_only_refused => "只读模式下不能修改数据或预设", "read-only mode changes neither data nor presets";

    map_heading(file, row) => "{file}：表头在第 {row} 行", "{file}: header at row {row}";
    map_column(letter, header, target, samples) => "  {letter} {header} → {target}    例：{samples}",
        "  {letter} {header} → {target}    e.g. {samples}";
    map_ignored => "（忽略）", "(ignored)";
    map_settings(unit, date, channel) => "单位 {unit}  日期格式 {date}  捐赠渠道 {channel}", "unit {unit}  date form {date}  channel {channel}";
    map_preview => "预览（前几行，按导入时的样子）：", "preview (the first rows, as they would import):";
    map_preview_row(row, reference, amount, date, donor, project) => "  第 {row} 行  {reference}  {amount}  {date}  {donor}  {project}",
        "  row {row}  {reference}  {amount}  {date}  {donor}  {project}";
    map_preview_skipped(row) => "  第 {row} 行  （跳过）", "  row {row}  (left out)";
    map_problems => "映射有问题，未保存：", "the mapping has problems; not saved:";
    map_save_hint(file) => "确认无误后加 --save 名称 保存为预设，再用 xingfu import --preset 名称 {file} 导入",
        "when it looks right, add --save NAME to keep it as a preset, then xingfu import --preset NAME {file}";
    map_no_rows => "文件中没有数据行", "the file has no rows";
    map_bad_map(text) => "--map 应写成 字段=列名（如 amount=金额）：{text}", "--map takes FIELD=COLUMN (such as amount=Amount): {text}";
    map_no_column(column) => "文件的表头中没有列「{column}」", "the file's header has no column \"{column}\"";
}
