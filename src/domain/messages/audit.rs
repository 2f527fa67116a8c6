//! The audit trail as people read it: change-sets, what each row changed, the hash chain
//! and its seal, the operators (`crate::ops::audit`, `xingfu audit`, the console's 日志).

catalogue! {
    set_reverted_by(by) => "（已由 #{by} 撤销）", " (reverted by #{by})";
    set_reverts(id) => "撤销 #{id}", "reverts #{id}";
    entry_insert(kind, code, what) => "新增{kind} {code}（{what}）", "new {kind} {code} ({what})";
    entry_update(kind, code) => "修改{kind} {code}", "changed {kind} {code}";
    entry_delete(kind, code, what) => "删除{kind} {code}（{what}）", "deleted {kind} {code} ({what})";
    /// One field of an update: `金额：100.00 → 200.00`.
    entry_field(field, before, after) => "  {field}：{before} → {after}", "  {field}: {before} → {after}";
    entry_empty => "（空）", "(empty)";
    /// `names` are the files' names, as a list.
    event_import(names) => "导入 {names}", "imported {names}";
    event_import_file(name, hash) => "  {name}  散列 SHA-256 {hash}…", "  {name}  SHA-256 {hash}…";
    event_import_counts(sheet, inserted, updated) => "  {sheet}：新增 {inserted}，更新 {updated}",
        "  {sheet}: {inserted} new, {updated} updated";
    event_batch(count, total) => "批量录入 {count} 笔捐赠，共 {total}", "batch entry of {count} donations, {total} in all";
    event_batch_refs(refs) => "批量录入捐赠：{refs}", "batch entry of donations: {refs}";
    event_demo => "载入演示数据", "demo data loaded";
    event_link(id, project) => "平台项目 {id} 关联到项目 {project}", "platform project {id} linked to project {project}";
    event_unlink(id, project) => "平台项目 {id} 取消关联（原为项目 {project}）", "platform project {id} unlinked (was project {project})";
    /// `done` lists what was done (`revert_deleted` …).
    event_revert(id, done) => "撤销 #{id}：{done}", "reverted #{id}: {done}";
    revert_deleted(count) => "删除 {count}", "{count} deleted";
    revert_restored(count) => "恢复旧值 {count}", "{count} restored";
    revert_reinserted(count) => "重新录入 {count}", "{count} entered again";
    revert_bulk(count) => "批量删除 {count}", "{count} deleted in bulk";
    event_revert_bulk(sheet, count) => "  {sheet}：批量删除 {count} 条（导入时新增）", "  {sheet}: {count} deleted in bulk (new in the import)";
    event_backup(path) => "  撤销前的备份：{path}", "  backup taken before: {path}";
    event_chain_start(rows) => "审计链自此开始：此前的 {rows} 条记录在升级时加上散列（升级前的改动无从证明）",
        "the hash chain starts here: the {rows} rows before it were hashed at the upgrade (nothing proves what happened to them before)";
    event_receipt_book(code, first, last) => "登记票据簿：票据代码 {code}，号码 {first}–{last}",
        "receipt book registered: code {code}, numbers {first}–{last}";
    event_receipt_void(code, number, reason) => "作废票据：{code} {number}（{reason}）",
        "receipt voided: {code} {number} ({reason})";
    event_certificate(serial, volunteer, hours) => "出具志愿服务证明 {serial}：志愿者 {volunteer}，{hours} 小时",
        "volunteer certificate {serial} issued: volunteer {volunteer}, {hours} hours";
    /// Any other event, with its detail as stored.
    event_other(action, detail) => "{action}：{detail}", "{action}: {detail}";
    history_created(id, at, operator, kind) => "#{id}  {at}  {operator}  {kind}：新增此记录",
        "#{id}  {at}  {operator}  {kind}: created this record";
    history_none => "此记录没有修改记录", "this record has no history";
    set_more_rows(count) => "……另有 {count} 条", "… and {count} more";
    chain_ok(rows) => "正常（{rows} 条）", "whole ({rows} rows)";
    chain_started(id, at, rows) => "审计链自第 {id} 条起（{at} 升级时开始；此前 {rows} 条于升级时加上散列）",
        "the chain starts at row {id} (the upgrade of {at}; the {rows} rows before it were hashed then)";
    chain_edited(id) => "第 {id} 条被改动过（内容、所属修改组或散列与审计链不符），此后各条无法证明",
        "row {id} was changed (its content, its change-set or its hash does not match the chain); nothing after it can be proven";
    chain_missing(id, after) => "第 {after} 条之后、第 {id} 条之前的记录被删除", "rows between {after} and {id} were removed";
    chain_unhashed(id) => "第 {id} 条没有散列（不是由幸福程序写入）", "row {id} has no hash (not written by xingfu)";
    label_chain => "审计链：    ", "audit chain:     ";
    seal_line(seal, at) => "审计链末条封存值：{seal}（{at}）", "head of the audit chain: {seal} ({at})";
    seal_hint => "请把封存值抄在纸质台账上或报送上级：日后可用 xingfu audit --sealed \"封存值\" 核对",
        "write it in the paper ledger or send it on: check it later with xingfu audit --sealed \"SEAL\"";
    seal_empty => "审计记录为空，没有可封存的值", "the audit log is empty: nothing to seal";
    seal_broken => "审计链已断，不能封存：请先运行 xingfu check", "the audit chain is broken; not sealed: run xingfu check";
    sealed_matches(id) => "与封存值相符：第 {id} 条及其之前的记录未被改动", "the seal matches: row {id} and every row before it are unchanged";
    sealed_differs(id) => "与封存值不符：第 {id} 条或其之前的记录被改动过（或审计链被整体重写）",
        "the seal does not match: row {id} or a row before it was changed (or the whole chain rewritten)";
    sealed_missing(id) => "第 {id} 条已不存在：封存后的记录被删除", "row {id} no longer exists: rows sealed were removed";
    sealed_unreadable(text) => "无法识别封存值“{text}”（应如 #1234 a1b2 c3d4 e5f6 a7b8）",
        "not a seal: \"{text}\" (it looks like #1234 a1b2 c3d4 e5f6 a7b8)";
    audit_nothing => "没有符合条件的修改记录", "no change-sets match";
    /// `kind` is a record kind (sheet) name.
    unknown_record_kind(kind) => "不认识的记录类型“{kind}”（如 捐赠、donation、村社、village）",
        "unknown record kind \"{kind}\" (e.g. donation, village, or the sheet's Chinese name)";
    operator_training(name) => "{name}（培训）", "{name} (training)";
    operator_read_only => "只读", "read-only";
    operator_label(name) => "操作员：{name}", "operator: {name}";
}
