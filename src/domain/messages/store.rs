//! What can go wrong with the database and the files beside it (`crate::db::DbError`).

catalogue! {
    op_create_folder => "无法创建文件夹", "cannot create the folder";
    op_read_folder => "无法读取文件夹", "cannot read the folder";
    op_create_file => "无法创建文件", "cannot create the file";
    op_write_file => "无法写入文件", "cannot write the file";
    op_rename_file => "无法重命名文件", "cannot rename the file";
    op_copy_file => "无法复制文件", "cannot copy the file";
    op_remove_file => "无法删除文件", "cannot remove the file";
    io_permission_denied => "没有写入权限（文件或文件夹只读）", "permission denied (read-only file or folder)";
    io_read_only_disk => "磁盘只读", "the disk is read-only";
    io_disk_full => "磁盘已满", "the disk is full";
    io_not_a_folder => "路径中有同名的普通文件，不是文件夹", "a file stands where a folder should be";
    io_already_exists => "已存在同名文件", "a file of that name already exists";
    io_not_found => "文件或文件夹不存在", "not found";
    io_is_a_folder => "这是一个文件夹，不是文件", "this is a folder, not a file";
    io_folder_not_empty => "文件夹不是空的", "the folder is not empty";
    io_bad_name => "文件名无效", "not a valid file name";
    io_other => "系统未能完成文件操作", "the system could not do it";
    /// The reason with the system's error number.
    io_with_code(reason, code) => "{reason}（系统错误 {code}）", "{reason} (os error {code})";
    /// `op` is one of the `op_…` messages, `reason` what the system said.
    file_failed(op, path, reason) => "{op} {path}：{reason}", "{op} {path}: {reason}";
    not_sqlite(path) => "{path} 不是 SQLite 数据库文件，未做任何改动", "{path} is not an SQLite database; it was not touched";
    foreign_database(path) => "{path} 是其他程序的数据库，不是幸福家园数据库，未做任何改动",
        "{path} belongs to another program, not xingfu; it was not touched";
    too_new(path, found, known) =>
        "{path} 由更新版本的幸福程序写入（数据版本 {found}，本程序支持 {known}），请升级程序；未做任何改动",
        "{path} was written by a newer xingfu (schema {found}; this program knows {known}): upgrade xingfu; it was not touched";
    needs_upgrade(path, found) => "{path} 的数据版本 {found} 需要升级：请先以非只读方式打开一次",
        "{path}: schema {found} needs upgrading; open it once without read-only";
    missing_database(path) => "数据库 {path} 不存在（可先运行 xingfu init 创建）",
        "database {path} does not exist (create it with xingfu init)";
    exists(path) => "{path} 已存在，不会覆盖", "{path} already exists; it is not overwritten";
    read_only => "数据库以只读方式打开，不能修改", "the database is open read-only";
    /// `kind` is the sheet (`捐赠` / `donations`), `header` the column.
    rejected(kind, code, header, reason) => "{kind} {code}：{header}：{reason}", "{kind} {code}: {header}: {reason}";
    /// `fields` is a list of the columns that were changed.
    changed_by_other(kind, code, fields) => "{kind} {code} 在您打开后已被他人修改并保存（{fields}），本次未保存",
        "{kind} {code} was changed and saved by someone else after you opened it ({fields}); not saved";
    record_not_found(kind, code) => "{kind} {code} 不存在", "{kind} {code} not found";
    sqlite_disk_full => "磁盘已满，未写入任何数据。请清理磁盘空间后重试",
        "the disk is full; nothing was written. Free some space and try again";
    sqlite_error(error) => "数据库错误：{error}", "database error: {error}";
    file_error(error) => "文件错误：{error}", "file error: {error}";
    journal_replaced(path) =>
        "日志文件 {path} 已被其他程序删除或替换；为保护数据，此窗口不再写入，请关闭并重新打开幸福程序",
        "the journal file {path} was deleted or replaced by another program; to protect the data this window will not write: close and reopen xingfu";
    unwritable_file => "文件是只读的（请检查文件属性或权限）", "the file is read-only (check its permissions)";
    unwritable_folder => "所在文件夹只读，无法在其中创建日志文件（请检查文件夹权限）",
        "its folder is read-only, so the journal files cannot be created (check the folder's permissions)";
    unwritable_sqlite(reason) => "SQLite 拒绝写入：{reason}", "SQLite refused to write: {reason}";
    /// `why` is one of the `unwritable_…` messages.
    not_writable(path, why) => "数据库无法写入：{path}：{why}；未做任何改动",
        "the database cannot be written: {path}: {why}; nothing was changed";
    disk_full(path) => "磁盘已满，无法写入 {path}；未写入任何数据。请清理磁盘空间后重试",
        "the disk is full: {path} cannot be written; nothing was written. Free some space and try again";
    busy(path) => "另一个程序正在写入此数据库（可能是另一次导入），请稍后再试：{path}；未做任何改动",
        "another program is writing this database (perhaps another import); try again later: {path}; nothing was changed";
    bad_backup(path, reason) => "{path} 不是可用的幸福家园备份：{reason}；未做任何改动",
        "{path} is not a usable xingfu backup: {reason}; nothing was changed";
    database_in_use(path) =>
        "数据库 {path} 正被其他程序（如另一个幸福窗口）使用，请先关闭它们再恢复；未做任何改动",
        "the database {path} is open in another program (another xingfu window?): close it first; nothing was changed";
    backup_unfinished(path) => "备份未能一次完成：{path}；请重试", "the backup did not finish: {path}; try again";
    backup_damaged(path, verdict) => "备份 {path} 未通过完整性检查：{verdict}",
        "the backup {path} failed its integrity check: {verdict}";
    audit_unwritable(error) => "无法写入操作记录：{error}", "cannot write the audit log entry: {error}";
    bulk_without_project(project) => "批量写入的捐赠找不到所属项目 {project}（程序错误）",
        "a donation of a bulk write has no project {project} (a bug)";
    migration_mismatch(version, table, check) => "升级到数据版本 {version} 时发现 {table} 表没有 {check} 约束",
        "schema {version}: the {table} table has no {check} check";
    operator_empty => "操作员姓名不能为空：请用 --operator 姓名 或 XINGFU_OPERATOR 指定，或在操作台中输入",
        "the operator's name is empty: give one with --operator NAME or XINGFU_OPERATOR, or type it in the console";
    change_set_not_found(id) => "没有第 {id} 组修改", "there is no change-set #{id}";
    /// `reason` is one of the `revert_…` messages.
    revert_refused(id, reason) => "不能撤销第 {id} 组修改：{reason}；未做任何改动",
        "change-set #{id} cannot be reverted: {reason}; nothing was changed";
    revert_already(by) => "它已由第 {by} 组修改撤销", "it was already reverted by change-set #{by}";
    revert_changed_since(kind, code, by, operator, at) => "{kind} {code} 之后又被修改（第 {by} 组，{operator}，{at}）",
        "{kind} {code} was changed again since (change-set #{by}, {operator}, {at})";
    revert_changed(kind, code) => "{kind} {code} 之后又被修改", "{kind} {code} was changed again since";
    revert_gone(kind, code) => "{kind} {code} 已不存在（之后被删除）", "{kind} {code} no longer exists (deleted since)";
    revert_recreated(kind, code) => "{kind} {code} 已被重新录入", "{kind} {code} exists again";
    /// `rule` is the broken rule's own message.
    revert_breaks(kind, code, rule) => "{kind} {code}：{rule}", "{kind} {code}: {rule}";
    revert_breaks_money(rule) => "撤销后{rule}（之后的拨付或结转依赖这些款项）",
        "afterwards {rule} (later disbursements or carry-overs depend on this money)";
    revert_legacy => "这组修改早于记录与修改组关联的版本，其记录无法找回",
        "it was made before records were linked to their change-sets";
    revert_of_import => "它撤销的是一次导入，删除的记录没有逐条记入日志：请重新导入原文件",
        "it reverted an import, whose records were not logged one by one: import the files again";
    revert_migration => "升级记录不能撤销", "a migration cannot be reverted";
    revert_register => "票据簿登记、作废号码和志愿服务证明不能撤销：发出过的号码和证明编号必须留在登记簿上（号码用错请作废后换号）",
        "receipt books, voided numbers and certificates cannot be reverted: every number and serial given out stays in the register (void a wrong number and give the next one)";
    revert_rollup => "汇总各县导出的导入不能撤销：该县的下一次导出会整体替换它的数据；要回到导入前，请从导入前的备份恢复",
        "an import of counties' exports cannot be reverted: the county's next export replaces its data as one unit; to go back, restore the backup taken before the import";
    revert_link_changed(id) => "平台项目 {id} 的关联之后又被修改", "the link of platform project {id} was changed again since";
}
