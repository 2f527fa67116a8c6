//! Receipts, donors, thank-you letters and volunteer certificates (issue 13): their rules,
//! the command line's lines, the console's lines and the printed pages.

catalogue! {
    // ----- rules -----
    id_number_invalid => "不是有效的18位居民身份证号码（出生日期或校验位不符）",
        "not a valid 18-digit resident identity number (its birth date or check character is wrong)";
    receipt_number_invalid => "票据号码只能由数字组成，最多 20 位", "a receipt number is digits only, at most 20";
    receipt_range_backwards => "票据簿的止号小于起号", "the receipt book's last number is below its first";
    receipt_overlap(book) => "号段与已登记的票据簿 {book} 重叠", "the range overlaps the registered receipt book {book}";
    receipt_outside_books(code, number) => "票据 {code} 第 {number} 号不在任何已登记的票据簿内（先用 xingfu receipt-book add 登记票据簿）",
        "receipt {code} number {number} is in no registered receipt book (register the book first: xingfu receipt-book add)";
    receipt_voided(code, number) => "票据 {code} 第 {number} 号已作废，不能再使用", "receipt {code} number {number} was voided and is never used again";
    receipt_in_use(code, number, donation) => "票据 {code} 第 {number} 号已用于捐赠 {donation}；要作废它，请在该捐赠上按作废键换号（或 xingfu receipt-book replace {donation}）",
        "receipt {code} number {number} is held by donation {donation}; to void it, use the void key on that donation (or xingfu receipt-book replace {donation})";
    receipt_already_voided(code, number) => "票据 {code} 第 {number} 号已经作废过", "receipt {code} number {number} is already voided";
    receipts_exhausted => "所有票据簿的号码都已用完或作废，请登记新的票据簿", "every receipt book is used up or voided: register a new book";
    no_receipt_books => "尚未登记票据簿（xingfu receipt-book add）", "no receipt book is registered (xingfu receipt-book add)";

    // ----- import warnings -----
    ambiguous_donor(others) => "该捐赠人没有电话和捐赠人编号，另有 {others} 位同名捐赠人有电话或编号：无法确认是否同一人，已单独记录、未合并",
        "this donor has no phone and no donor code, and {others} other donors of the same name have one: they cannot be told apart, so this one is kept apart, not merged";
    receipts_without_books(rows) => "本单位尚未登记票据簿，{rows} 行的票据号码无法核对（登记票据簿后再导入的号码须在簿内）",
        "no receipt book is registered, so the receipt numbers of {rows} rows cannot be checked (once books are registered, imported numbers must be in one)";

    // ----- receipt register (report and check) -----
    receipts_title => "票据登记簿", "Receipt register";
    receipts_books_heading => "票据簿", "Receipt books";
    receipts_missing_heading(count) => "未开票据的捐赠（{count} 笔）", "Donations without a receipt ({count})";
    receipts_voided_heading(count) => "作废的号码（{count} 个）", "Voided numbers ({count})";
    receipts_outside_heading(count) => "不在票据簿内的票据（{count} 张）", "Receipts in no book ({count})";
    receipts_col_code => "票据代码", "Receipt code";
    receipts_col_range => "号段", "Numbers";
    receipts_col_received => "领取日期", "Received";
    receipts_col_used => "已用", "Used";
    receipts_col_voided => "作废", "Voided";
    receipts_col_gaps => "跳号", "Skipped";
    receipts_col_left => "剩余", "Left";
    receipts_col_next => "下一个号码", "Next number";
    receipts_col_number => "票据号码", "Number";
    receipts_col_reason => "作废原因", "Reason voided";
    receipts_col_ref => "捐赠流水号", "Donation";
    receipts_none_left => "已用完", "used up";
    receipts_none => "无", "none";
    receipts_no_books => "尚未登记票据簿。", "No receipt book is registered.";
    receipts_period(from, to) => "捐赠日期：{from} 至 {to}", "Donations dated {from} to {to}";
    receipts_all_time => "全部捐赠", "All donations";
    receipts_listed_first(count) => "每节最多列出 {count} 笔（用 --from/--to 缩小范围）", "Each section lists at most {count} donations (narrow it with --from/--to)";
    /// A book that does not add up, for `xingfu check`.
    check_receipts_gap(book, count, first) => "票据簿 {book}：{count} 个号码既未使用也未作废（第一个：{first}）",
        "receipt book {book}: {count} numbers neither used nor voided (the first: {first})";
    check_receipts_overlap(a, b) => "票据簿 {a} 与 {b} 号段重叠", "receipt books {a} and {b} overlap";
    check_receipts_void_used(code, number, donation) => "票据 {code} 第 {number} 号已作废，却仍被捐赠 {donation} 使用",
        "receipt {code} number {number} is voided but donation {donation} holds it";
    check_receipts_outside(count) => "{count} 张捐赠的票据不在任何票据簿内", "{count} donations hold receipts in no book";
    label_receipts => "票据登记：", "Receipt register: ";

    // ----- command line -----
    receipt_book_added(book, size) => "已登记票据簿 {book}（{size} 个号码）", "Receipt book {book} registered ({size} numbers)";
    receipt_voided_done(code, number) => "已作废票据 {code} 第 {number} 号", "Receipt {code} number {number} voided";
    receipt_replaced(old, new, donation) => "捐赠 {donation}：票据 {old} 已作废，改用 {new}",
        "Donation {donation}: receipt {old} voided, now {new}";
    receipt_next(code, number) => "下一个空号：{code} {number}", "Next free number: {code} {number}";
    receipt_no_receipt(donation) => "捐赠 {donation} 没有票据号码", "Donation {donation} holds no receipt number";
    receipt_void_reason_default => "作废", "voided";
    letter_written(count, path) => "已写出 {count} 封感谢信：{path}", "{count} thank-you letters written: {path}";
    letter_no_gifts(year) => "所选捐赠人在 {year} 年没有捐赠，未写出感谢信", "the donors chosen gave nothing in {year}: no letter written";
    letter_which(query) => "“{query}”对应多位捐赠人，请用编号（#编号）指定：", "“{query}” matches several donors; name one by its number (#number):";
    letter_no_donor(query) => "找不到捐赠人“{query}”", "no donor “{query}”";
    certificate_written(serial, path) => "已出具志愿服务证明 {serial}：{path}", "Volunteer certificate {serial} written: {path}";
    certificate_no_hours(name, from, to) => "{name} 在 {from} 至 {to} 没有已完成的服务时长，不能出具证明",
        "{name} has no served hours from {from} to {to}: no certificate can be issued";
    certificate_read_only => "只读模式下不能出具证明（每份证明都要登记编号）", "a certificate cannot be issued read-only (each one's serial number is recorded)";
    certificate_verified(serial, volunteer, period, hours, issuer, date) => "证明 {serial} 有效：{volunteer}，{period}，{hours} 小时，{issuer} 于 {date} 出具",
        "certificate {serial} is genuine: {volunteer}, {period}, {hours} hours, issued by {issuer} on {date}";
    certificate_not_found(serial) => "没有编号为 {serial} 的证明", "no certificate has the serial number {serial}";
    certificate_which(query) => "“{query}”对应多名志愿者，请用编号指定：", "“{query}” matches several volunteers; name one by code:";
    papers_out_not_html(path) => "输出文件须为 .html：{path}", "the output file must end in .html: {path}";

    // ----- thank-you letter -----
    letter_title => "感谢信", "Thank-you letter";
    letter_dear(name) => "尊敬的{name}：", "Dear {name},";
    letter_body(year, count, total) => "感谢您在 {year} 年通过幸福家园村社互助项目捐赠 {count} 笔，共计 {total} 元。您的善款已用于以下项目：",
        "Thank you for your {count} gifts in {year} to the Xingfu Jiayuan village mutual-aid programme, {total} yuan in all. They went to these projects:";
    letter_closing => "您的爱心正在改变乡亲们的生活。我们将按规定公开善款的使用情况，欢迎您随时监督。衷心感谢您的支持！",
        "Your kindness is changing lives in our villages. We publish how every gift is used, and welcome your scrutiny. Thank you for your support.";
    letter_col_project => "项目", "Project";
    letter_col_village => "村社", "Village";
    letter_col_gifts => "笔数", "Gifts";
    letter_col_date => "日期", "Date";
    letter_col_receipt => "票据", "Receipt";
    letter_gifts_heading => "捐赠明细", "Your gifts";
    letter_other_projects(count) => "其他 {count} 个项目", "{count} other projects";

    // ----- volunteer certificate -----
    certificate_title => "志愿服务证明", "Certificate of volunteer service";
    certificate_serial(serial) => "证明编号：{serial}", "Serial number: {serial}";
    certificate_name => "姓名", "Name";
    certificate_id => "身份证件号码", "ID number";
    certificate_gender => "性别", "Gender";
    certificate_org => "志愿服务组织", "Volunteer organisation";
    certificate_period => "服务时间", "Service period";
    certificate_hours => "服务时长", "Hours served";
    certificate_activities => "主要服务内容", "Main activities";
    certificate_period_value(from, to) => "{from} 至 {to}", "{from} to {to}";
    certificate_hours_value(hours, shifts) => "{hours} 小时（已完成服务 {shifts} 次）", "{hours} hours ({shifts} served shifts)";
    certificate_body(name, from, to, hours) => "兹证明 {name} 于 {from} 至 {to} 参加志愿服务，累计服务时长 {hours} 小时。",
        "This certifies that {name} served as a volunteer from {from} to {to}, {hours} hours in all.";
    certificate_rules => "本证明依据《志愿服务记录与证明出具办法》出具，服务时长仅计已完成的服务。",
        "Issued under the Measures for Recording and Certifying Volunteer Service; only served shifts count.";
    certificate_issuer => "出具单位", "Issued by";
    certificate_date => "出具日期", "Date";
    certificate_seal => "（盖章）", "(seal)";
    certificate_check(serial) => "核验：凭证明编号 {serial} 向出具单位查询", "To verify, quote serial {serial} to the issuer";
    certificate_org_of(village) => "{village}幸福家园志愿服务队", "{village} Xingfu Jiayuan volunteer team";
    certificate_activity_line(activity, count, hours) => "{activity}（{count} 次，{hours} 小时）", "{activity} ({count} times, {hours} hours)";

    // ----- console -----
    donor_view_title(name) => "捐赠人 {name}", "Donor {name}";
    donor_view_kind => "类型", "Type";
    donor_view_phone => "电话", "Phone";
    donor_view_code => "捐赠人编号", "Donor code";
    donor_view_totals(count, total) => "共 {count} 笔，{total} 元", "{count} gifts, {total} yuan";
    donor_view_by_year => "按年", "By year";
    donor_view_year(year, count, total) => "{year}年 {count}笔 {total}元", "{year}: {count} gifts, {total}";
    donor_view_by_project => "按项目", "By project";
    donor_view_gifts => "捐赠记录", "Gifts";
    donor_view_receipts(count) => "已开票据 {count} 张", "{count} receipts";
    donor_view_same_name(count) => "另有 {count} 位同名捐赠人", "other donors of the same name: {count}";
    donor_view_anonymous => "匿名捐赠没有捐赠人记录", "an anonymous gift has no donor record";
    donor_view_none => "找不到捐赠人", "no donor found";
    volunteer_hours_by_year => "服务时长（按年）", "Hours by year";
    volunteer_hours_by_project => "按项目", "By project";
    volunteer_hours_none => "尚无已完成的服务", "no served shifts yet";
    volunteer_no_project => "（无项目）", "(no project)";
    certificate_prompt => "出具志愿服务证明：起止日期和输出文件", "Certificate: period and output file";
    certificate_from => "起", "From";
    certificate_to => "止", "To";
    certificate_out => "保存到", "Save to";
    /// The start of a certificate's file name.
    certificate_file => "志愿服务证明", "certificate";
    receipt_filled(code, number) => "已填入下一个空号：{code} {number}", "Next free number filled in: {code} {number}";
}
