//! Files that platforms and banks send, through presets, into a real database: a WeChat
//! Pay trade bill (GBK, backticks, refunds, summary rows), the Tencent charity platform's
//! user orders (fen, RFC 3339, trans_state) and a bank statement (XLSX, title rows, a
//! totals row), written here from their documented columns and quirks. Counts and totals
//! are checked exactly; every bad input leaves the database as it was.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use xingfu::db::Store;
use xingfu::domain::*;
use xingfu::ops::import::{ImportOptions, ImportReport, With, import_with};
use xingfu::ops::presets::Presets;
use xingfu::template::adapt::Amount;
use xingfu::template::preset::Preset;

const WX_HEADER: &str = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
const WX_SUMMARY: &str = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

/// One detail row of a WeChat bill: every field with its backtick.
fn wx_row(time: &str, id: &str, state: &str, settle: &str, refund: &str, product: &str) -> String {
    let refund_no = if state == "REFUND" { format!("5030{}", &id[4..]) } else { "0".into() };
    let fields = [
        time,
        "wx2421b1c4370ec43b",
        "1900000109",
        "0",
        "",
        id,
        &format!("ZX{}", &id[id.len() - 6..]),
        "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "JSAPI",
        state,
        "CFT",
        "CNY",
        settle,
        "0.00",
        &refund_no,
        if state == "REFUND" { "R1" } else { "0" },
        refund,
        "0.00",
        if state == "REFUND" { "ORIGINAL" } else { "" },
        if state == "REFUND" { "SUCCESS" } else { "" },
        product,
        "",
        "0.00",
        "0.60%",
        settle,
        refund,
        "",
    ];
    fields.iter().map(|f| format!("`{f}")).collect::<Vec<_>>().join(",")
}

/// A whole bill: header, rows, the summary header and its row of figures.
fn wx_bill(rows: &[String], summary: [&str; 3]) -> String {
    let [count, settle, refund] = summary;
    let mut s = format!("{WX_HEADER}\r\n");
    for r in rows {
        s.push_str(r);
        s.push_str("\r\n");
    }
    s.push_str(&format!("{WX_SUMMARY}\r\n`{count},`{settle},`{refund},`0.00,`0.00,`{settle},`{refund}\r\n"));
    s
}

const ZX_EDU: &str = "众心村助学项目捐款";
const ZX_OLD: &str = "众心村助老餐桌捐款";

/// Day one: four payments, a refund in full of the second, a revoked order.
fn wx_day_one() -> String {
    wx_bill(
        &[
            wx_row("2024-05-10 09:01:02", "4200001111202405100000000001", "SUCCESS", "100.00", "0.00", ZX_EDU),
            wx_row("2024-05-10 09:15:40", "4200001111202405100000000002", "SUCCESS", "50.00", "0.00", ZX_EDU),
            wx_row("2024-05-10 10:20:00", "4200001111202405100000000003", "SUCCESS", "20.00", "0.00", ZX_OLD),
            wx_row("2024-05-10 23:59:59", "4200001111202405100000000004", "SUCCESS", "8.88", "0.00", ZX_OLD),
            wx_row("2024-05-10 12:00:00", "4200001111202405100000000002", "REFUND", "0.00", "50.00", ZX_EDU),
            wx_row("2024-05-10 13:00:00", "4200001111202405100000000005", "REVOKED", "5.00", "0.00", ZX_EDU),
        ],
        ["6", "183.88", "50.00"],
    )
}

/// Writes text as Excel on Chinese Windows saves it: GBK.
fn gbk(path: &Path, text: &str) {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    std::fs::write(path, bytes).unwrap();
}

fn with_builtins() -> With {
    With { presets: Presets::at(None).usable(), ..With::default() }
}

fn run(store: &mut Store, paths: &[PathBuf], with: &With) -> ImportReport {
    import_with(store, paths, with, ImportOptions::default(), &mut |_| {}).unwrap()
}

fn count(store: &Store) -> i64 {
    store.summary().unwrap().donations
}

fn raised(store: &Store, project: &str) -> Money {
    store.project_figures(project).unwrap().unwrap().raised
}

/// What a report's errors say, in Chinese.
fn errors(r: &ImportReport) -> Vec<String> {
    r.errors().map(|p| p.message(Lang::Zh)).collect()
}

fn link_wechat_products(store: &mut Store) {
    store.link_platform(ZX_EDU, "ZX-2024-01", Some(ZX_EDU)).unwrap();
    store.link_platform(ZX_OLD, "ZX-2024-02", Some(ZX_OLD)).unwrap();
}

#[test]
fn a_wechat_bill_in_gbk_imports_its_paid_orders_and_adds_up() {
    let db = seeded();
    let mut store = db.open();
    let bill = db.dir.path().join("微信账单 20240510.csv");
    gbk(&bill, &wx_day_one());
    let before = (count(&store), raised(&store, "ZX-2024-01"), raised(&store, "ZX-2024-02"));

    // First: the products are not linked to projects yet; both are named, nothing written.
    let r = run(&mut store, std::slice::from_ref(&bill), &with_builtins());
    assert!(!r.written);
    let names: Vec<&str> = r.unlinked.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(names, [ZX_EDU, ZX_OLD]);
    assert_eq!(r.unlinked.iter().map(|u| u.rows).sum::<u64>(), 3, "the refunded gift is not asked about");
    assert!(errors(&r).iter().any(|e| e.contains("还没有对应到本库的项目") && e.contains(ZX_EDU)), "{:?}", errors(&r));
    assert_eq!((count(&store), raised(&store, "ZX-2024-01")), (before.0, before.1));

    link_wechat_products(&mut store);
    let r = run(&mut store, std::slice::from_ref(&bill), &with_builtins());
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert!(r.written);
    let c = r.counts[&Kind::Donation];
    assert_eq!((c.read, c.inserted, c.unchanged), (3, 3, 0));
    assert_eq!(count(&store), before.0 + 3);
    assert_eq!(raised(&store, "ZX-2024-01"), before.1.checked_add(yuan("100")).unwrap());
    assert_eq!(raised(&store, "ZX-2024-02"), before.2.checked_add(yuan("28.88")).unwrap());
    let d = store.get::<Donation>("4200001111202405100000000004").unwrap().unwrap();
    assert_eq!(
        (d.amount, d.donated_on, d.channel, d.donor_name),
        (yuan("8.88"), date("2024-05-10"), Channel::Wechat, None)
    );
    assert!(store.get::<Donation>("4200001111202405100000000002").unwrap().is_none(), "refunded in full");
    assert!(store.get::<Donation>("4200001111202405100000000005").unwrap().is_none(), "revoked");

    // The bill against its summary: both are in the report.
    let b = &r.bills[0];
    assert_eq!((b.preset.as_str(), b.header_row, b.detail_rows), ("wechat-bill", 1, 6));
    assert_eq!((b.gifts, b.gift_fen, b.refunds, b.refund_fen, b.skipped), (3, 12_888, 1, 5_000, 1));
    let figures: Vec<(&str, Option<Amount>, Amount)> =
        b.figures.iter().map(|f| (f.label.as_str(), f.stated, f.counted)).collect();
    assert_eq!(
        figures,
        [
            ("总交易单数", Some(Amount::Rows(6)), Amount::Rows(6)),
            ("应结订单总金额", Some(Amount::Fen(18_388)), Amount::Fen(18_388)),
            ("退款总金额", Some(Amount::Fen(5_000)), Amount::Fen(5_000)),
        ]
    );
    // The refund in the same bill is reported with both rows, never dropped in silence.
    let w: Vec<String> = r.warnings().map(|p| p.message(Lang::Zh)).collect();
    assert!(w.iter().any(|m| m.contains("第 6 行") && m.contains("#3") && m.contains("全额退款")), "{w:?}");
    let lines = xingfu::ops::import::bill_lines(&r, Lang::Zh);
    assert!(lines.iter().any(|l| l.contains("「应结订单总金额」¥183.88，明细 ¥183.88：相符")), "{lines:?}");

    // Re-importing last week's bill adds nothing.
    let again = run(&mut store, std::slice::from_ref(&bill), &with_builtins());
    assert!(!again.written && again.nothing_to_do && !again.has_errors());
    assert_eq!(again.counts[&Kind::Donation].unchanged, 3);
    assert_eq!(count(&store), before.0 + 3);

    // The next day's bill refunds part of a gift already in the database: reported with
    // both rows; its new gift imports.
    let next = db.dir.path().join("微信账单 20240511.csv");
    let text = wx_bill(
        &[
            wx_row("2024-05-11 08:00:00", "4200001111202405110000000006", "SUCCESS", "30.00", "0.00", ZX_EDU),
            wx_row("2024-05-11 09:00:00", "4200001111202405100000000001", "REFUND", "0.00", "20.00", ZX_EDU),
        ],
        ["2", "30.00", "20.00"],
    );
    gbk(&next, &text);
    let r = run(&mut store, std::slice::from_ref(&next), &with_builtins());
    assert!(r.written, "{:?}", errors(&r));
    assert_eq!(r.counts[&Kind::Donation].inserted, 1);
    let w: Vec<String> = r.warnings().map(|p| p.message(Lang::Zh)).collect();
    assert!(
        w.iter().any(|m| m.contains("第 3 行")
            && m.contains("数据库中已有的捐赠 4200001111202405100000000001")
            && m.contains("¥100.00")),
        "{w:?}"
    );
    assert_eq!(store.get::<Donation>("4200001111202405100000000001").unwrap().unwrap().amount, yuan("100"));
}

#[test]
fn a_bill_whose_summary_disagrees_names_the_difference_and_writes_nothing() {
    let db = seeded();
    let mut store = db.open();
    link_wechat_products(&mut store);
    let before = count(&store);
    let bill = db.dir.path().join("账单.csv");
    // One payment row lost (say, deleted by hand in Excel): the summary still counts it.
    let text = wx_day_one().replace(
        &format!(
            "{}\r\n",
            wx_row("2024-05-10 10:20:00", "4200001111202405100000000003", "SUCCESS", "20.00", "0.00", ZX_OLD)
        ),
        "",
    );
    gbk(&bill, &text);
    let r = run(&mut store, std::slice::from_ref(&bill), &with_builtins());
    let e = errors(&r);
    assert!(e.iter().any(|m| m.contains("汇总为 6，明细合计 5，相差 1")), "{e:?}");
    assert!(e.iter().any(|m| m.contains("汇总为 ¥183.88，明细合计 ¥163.88，相差 ¥20.00")), "{e:?}");
    assert!(!r.written);
    assert_eq!(count(&store), before);
    // A bill cut short before its summary is refused too.
    let cut: String = wx_day_one().split("总交易单数").next().unwrap_or_default().to_string();
    gbk(&bill, &cut);
    let r = run(&mut store, std::slice::from_ref(&bill), &with_builtins());
    assert!(errors(&r).iter().any(|m| m.contains("缺少汇总行")), "{:?}", errors(&r));
    assert_eq!(count(&store), before);
}

const TENCENT_HEADER: &str = "transcode,pid,money,trans_time,trans_state,bt,bid,busi_code,appid,proj_name";

fn tencent(rows: &[&str]) -> String {
    let mut s = format!("{TENCENT_HEADER}\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

const T1: &str = "1465188602202405100000000001,237449,10000,2024-05-10T16:27:42+08:00,11,WXDM,100000224,7495,gy_cd8b1ahcvmfgjk48hem0,众心村助学";
const T2: &str = "1465188602202405110000000002,237449,2050,2024-05-11T01:02:03+08:00,11,WXDM,100000224,7496,gy_cd8b1ahcvmfgjk48hem0,众心村助学";
const T3: &str = "1465188602202405110000000003,237450,88800,2024-05-10T20:00:00Z,11,AXC,100000224,7497,gy_cd8b1ahcvmfgjk48hem0,长坍村道重建";

#[test]
fn tencent_orders_in_fen_with_rfc3339_times_import_once() {
    let db = seeded();
    let mut store = db.open();
    store.link_platform("237449", "ZX-2024-01", Some("众心村助学")).unwrap();
    store.link_platform("237450", "CT-2024-01", None).unwrap();
    let file = db.dir.path().join("orders.csv");
    std::fs::write(&file, tencent(&[T1, T2, T3])).unwrap();
    let before = (count(&store), raised(&store, "ZX-2024-01"));
    let r = run(&mut store, std::slice::from_ref(&file), &with_builtins());
    assert!(r.written, "{:?}", errors(&r));
    assert_eq!(r.bills[0].preset, "tencent-orders");
    assert_eq!((r.bills[0].gifts, r.bills[0].gift_fen), (3, 100_850));
    assert_eq!(count(&store), before.0 + 3);
    assert_eq!(raised(&store, "ZX-2024-01"), before.1.checked_add(yuan("120.50")).unwrap());
    assert_eq!(raised(&store, "CT-2024-01"), yuan("888"));
    // 20:00 UTC is the next morning in China.
    let d = store.get::<Donation>("1465188602202405110000000003").unwrap().unwrap();
    assert_eq!((d.donated_on, d.channel), (date("2024-05-11"), Channel::Online));
    let again = run(&mut store, std::slice::from_ref(&file), &with_builtins());
    assert!(again.nothing_to_do && !again.has_errors());
    assert_eq!(count(&store), before.0 + 3);
}

#[test]
fn bad_orders_are_each_named_and_nothing_is_written() {
    let db = seeded();
    let mut store = db.open();
    store.link_platform("237449", "ZX-2024-01", None).unwrap();
    store.link_platform("237450", "CT-2024-01", None).unwrap();
    let before = count(&store);
    let file = db.dir.path().join("orders.csv");
    let cases = [
        (T1.replace(",11,", ",12,"), "未知的状态"),
        (T1.replace(",10000,", ",10000.5,"), "金额单位为分，不能有小数"),
        (T1.replace("2024-05-10T16:27:42+08:00", "16:27:42"), "只有时间，没有日期"),
        (T1.replace("2024-05-10T16:27:42+08:00", "2024-05-10"), "日期不是预设的格式 RFC 3339"),
    ];
    for (bad, why) in cases {
        std::fs::write(&file, tencent(&[T2, &bad, T3])).unwrap();
        let r = run(&mut store, std::slice::from_ref(&file), &with_builtins());
        let e = errors(&r);
        assert!(e.iter().any(|m| m.contains("orders.csv 第 3 行") && m.contains(why)), "{why}: {e:?}");
        assert!(!r.written, "{why}");
        assert_eq!(count(&store), before, "{why}: nothing written");
    }
    // An unknown state says which ones are known.
    std::fs::write(&file, tencent(&[&T1.replace(",11,", ",12,")])).unwrap();
    let r = run(&mut store, std::slice::from_ref(&file), &with_builtins());
    assert!(errors(&r)[0].contains("「trans_state」列 值「12」") && errors(&r)[0].contains("11"), "{:?}", errors(&r));
}

/// A bank statement as a bank's web banking saves it: title rows, the header, three
/// payments in and one out (dates as date cells and as text, amounts as numbers and as
/// text), and the totals row.
fn bank_xlsx(path: &Path, income_total: f64) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("账户明细").unwrap();
    let bold = Format::new().set_bold();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    ws.merge_range(0, 0, 0, 8, "中国农业银行 账户交易明细", &bold).unwrap();
    ws.write(1, 0, "账号：6228480123456789012    户名：大丰区慈善总会").unwrap();
    ws.write(2, 0, "起止日期：2024-05-01 至 2024-05-31").unwrap();
    let header = ["交易日期", "交易时间", "收入金额", "支出金额", "余额", "对方户名", "对方账号", "摘要", "交易流水号"];
    for (c, h) in header.iter().enumerate() {
        ws.write_with_format(3, c as u16, *h, &bold).unwrap();
    }
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    ws.write_datetime_with_format(4, 0, d("2024-05-06"), &day).unwrap();
    ws.write(4, 1, "09:12:01").unwrap();
    ws.write(4, 2, 5000.0).unwrap();
    ws.write(4, 4, 105000.0).unwrap();
    ws.write(4, 5, "盐城某某建材有限公司").unwrap();
    ws.write(4, 6, "3209001234567").unwrap();
    ws.write(4, 7, "捐赠 众心村助学").unwrap();
    ws.write(4, 8, "B202405060001").unwrap();
    ws.write_datetime_with_format(5, 0, d("2024-05-08"), &day).unwrap();
    ws.write(5, 1, "14:00:00").unwrap();
    ws.write(5, 3, 1200.0).unwrap();
    ws.write(5, 4, 103800.0).unwrap();
    ws.write(5, 5, "西团镇中心小学").unwrap();
    ws.write(5, 7, "拨付助学金").unwrap();
    ws.write(5, 8, "B202405080002").unwrap();
    ws.write(6, 0, "20240512").unwrap();
    ws.write(6, 1, "10:00:00").unwrap();
    ws.write(6, 2, 300.0).unwrap();
    ws.write(6, 4, 104100.0).unwrap();
    ws.write(6, 5, "王建国").unwrap();
    ws.write(6, 7, "转账").unwrap();
    ws.write(6, 8, "B202405120003").unwrap();
    ws.write(7, 0, "2024-05-20").unwrap();
    ws.write(7, 2, "1,000.00").unwrap();
    ws.write(7, 4, 105100.0).unwrap();
    ws.write(7, 5, "大丰区慈善协会").unwrap();
    ws.write(7, 7, "配捐").unwrap();
    ws.write(7, 8, "B202405200004").unwrap();
    ws.write(8, 0, "合计").unwrap();
    ws.write(8, 2, income_total).unwrap();
    ws.write(8, 3, 1200.0).unwrap();
    ws.write(8, 7, "共 4 笔").unwrap();
    wb.save(path).unwrap();
}

#[test]
fn a_bank_statement_in_xlsx_imports_its_income_into_one_project() {
    let db = seeded();
    let mut store = db.open();
    let file = db.dir.path().join("农行流水 2024-05.xlsx");
    bank_xlsx(&file, 6300.0);
    let before = (count(&store), raised(&store, "ZX-2024-01"));
    let bank = Presets::at(None).find("bank").unwrap();

    // Without a project: the bank preset has no project column, so it is asked for.
    let with = With { preset: Some(bank.clone()), ..with_builtins() };
    let r = run(&mut store, std::slice::from_ref(&file), &with);
    assert!(errors(&r).iter().any(|m| m.contains("--project")), "{:?}", errors(&r));
    assert_eq!(r.no_project.len(), 1);
    assert_eq!(count(&store), before.0);

    let with = With { preset: Some(bank), project: Some("ZX-2024-01".into()), ..with_builtins() };
    let r = run(&mut store, std::slice::from_ref(&file), &with);
    assert!(r.written, "{:?}", errors(&r));
    let b = &r.bills[0];
    assert_eq!((b.header_row, b.detail_rows, b.gifts, b.gift_fen, b.skipped), (4, 4, 3, 630_000, 1));
    let stated: Vec<Option<Amount>> = b.figures.iter().map(|f| f.stated).collect();
    assert_eq!(stated, [Some(Amount::Fen(630_000)), Some(Amount::Rows(4))]);
    assert_eq!(count(&store), before.0 + 3);
    assert_eq!(raised(&store, "ZX-2024-01"), before.1.checked_add(yuan("6300")).unwrap());
    let company = store.get::<Donation>("B202405060001").unwrap().unwrap();
    assert_eq!(
        (company.donor_type, company.donated_on, company.channel, company.note.as_deref()),
        (DonorType::Company, date("2024-05-06"), Channel::Bank, Some("捐赠 众心村助学"))
    );
    assert_eq!(store.get::<Donation>("B202405120003").unwrap().unwrap().donated_on, date("2024-05-12"));
    assert_eq!(store.get::<Donation>("B202405200004").unwrap().unwrap().donor_type, DonorType::Organisation);
    assert!(store.get::<Donation>("B202405080002").unwrap().is_none(), "money paid out is no gift");
    // Recognised without naming the preset; a second time it adds nothing.
    let with = With { project: Some("ZX-2024-01".into()), ..with_builtins() };
    let again = run(&mut store, std::slice::from_ref(&file), &with);
    assert!(again.nothing_to_do && !again.has_errors(), "{:?}", errors(&again));

    // A totals row that disagrees with the income rows: refused, with the difference.
    let other = db.dir.path().join("流水-改过.xlsx");
    bank_xlsx(&other, 6400.0);
    let r = run(&mut store, std::slice::from_ref(&other), &with);
    assert!(errors(&r).iter().any(|m| m.contains("第 9 行") && m.contains("相差 ¥100.00")), "{:?}", errors(&r));
    assert_eq!(count(&store), before.0 + 3);
}

/// A WeChat personal bill, as the phone app exports it: title lines, then its own columns.
fn personal_bill(rows: &[&str]) -> String {
    let mut s = String::from(
        "微信支付账单明细,,,,,,,,,,\n微信昵称：[众心村委会],,,,,,,,,,\n起始时间：[2024-05-01 00:00:00] 终止时间：[2024-05-31 23:59:59],,,,,,,,,,\n\
         ----------------------微信支付账单明细列表--------------------,,,,,,,,,,\n\
         交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注\n",
    );
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

fn personal_preset() -> Preset {
    let text = r#"
name = "微信个人账单"
title = "微信个人账单（收款）"
date = "%Y-%m-%d %H:%M:%S"
channel = "微信"

[columns]
donation_ref = "交易单号"
amount = "金额(元)"
donated_on = "交易时间"
donor_name = "交易对方"

[state]
column = "收/支"
gift = ["收入"]
skip = ["支出", "/"]
"#;
    Preset::parse(text).unwrap()
}

#[test]
fn a_saved_preset_recognises_the_next_file() {
    let db = seeded();
    let mut store = db.open();
    let dir = db.dir.path().join("config/presets");
    let presets = Presets::at(Some(dir.clone()));
    presets.save(&personal_preset(), false).unwrap();
    assert!(dir.join("微信个人账单.toml").is_file());

    let june = db.dir.path().join("微信支付账单(20240601-20240630).csv");
    std::fs::write(
        &june,
        personal_bill(&[
            "2024-06-02 10:11:12,转账,李秀英,/,收入,¥200.00,/,已存入零钱,1000039901202406020000000001,/,/",
            "2024-06-03 08:00:00,商户消费,西团镇超市,办公用品,支出,¥35.50,零钱,支付成功,4200001111202406030000000009,/,/",
            "2024-06-05 18:30:00,二维码收款,陈志强,/,收入,¥66.60,/,已收钱,1000039901202406050000000002,/,/",
        ]),
    )
    .unwrap();
    let with = With { presets: presets.usable(), project: Some("ZX-2024-02".into()), ..With::default() };
    let before = raised(&store, "ZX-2024-02");
    let r = run(&mut store, std::slice::from_ref(&june), &with);
    assert!(r.written, "{:?}", errors(&r));
    assert_eq!(r.bills[0].preset, "微信个人账单");
    assert_eq!((r.bills[0].header_row, r.bills[0].gifts, r.bills[0].skipped), (5, 2, 1));
    assert_eq!(raised(&store, "ZX-2024-02"), before.checked_add(yuan("266.60")).unwrap());
    let d = store.get::<Donation>("1000039901202406020000000001").unwrap().unwrap();
    assert_eq!((d.donor_name.as_deref(), d.channel), (Some("李秀英"), Channel::Wechat));
}

#[test]
fn a_file_no_preset_knows_is_refused_and_named() {
    let db = seeded();
    let mut store = db.open();
    let before = count(&store);
    let file = db.dir.path().join("不知道.csv");
    std::fs::write(&file, "日期,金额,人\n2024-05-10,100,张三\n").unwrap();
    let r = run(&mut store, std::slice::from_ref(&file), &with_builtins());
    assert_eq!(r.unmapped, vec![file.clone()]);
    assert!(errors(&r)[0].contains("没有预设能识别"), "{:?}", errors(&r));
    assert_eq!(count(&store), before);
    // Named with a preset it is not: what its header lacks is said.
    let with = With { preset: Presets::at(None).find("wechat-bill").ok(), ..with_builtins() };
    let r = run(&mut store, std::slice::from_ref(&file), &with);
    assert!(errors(&r)[0].contains("不是预设 wechat-bill 的文件：表头缺少 微信订单号"), "{:?}", errors(&r));
    // And a template file still imports as the template with presets about.
    let template = db.dir.path().join("捐赠.csv");
    std::fs::write(&template, donations_csv(&["T0001,ZX-2024-01,张三,,,100,2024-05-10,,,,,"])).unwrap();
    let r = run(&mut store, std::slice::from_ref(&template), &with_builtins());
    assert!(r.written && r.bills.is_empty(), "{:?}", errors(&r));
}

#[test]
fn a_mapping_that_leaves_a_required_field_unmapped_is_refused_and_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let presets = Presets::at(Some(dir.path().join("presets")));
    let mut p = personal_preset();
    p.columns.remove("donated_on");
    let e = presets.save(&p, false).unwrap_err();
    assert!(e.message(Lang::Zh).contains("必填字段 donated_on 没有对应的列"), "{}", e.message(Lang::Zh));
    assert!(e.message(Lang::En).contains("the required field donated_on is mapped to no column"));
    assert!(!dir.path().join("presets").exists(), "nothing written");
    let file = dir.path().join("shared.toml");
    std::fs::write(&file, p.to_toml()).unwrap();
    assert!(presets.import(&file, false).is_err());
    assert!(!dir.path().join("presets").exists(), "nothing written");
}

#[test]
fn the_command_line_maps_saves_lists_links_and_read_only_writes_nothing() {
    let db = seeded();
    let config = db.dir.path().join("config");
    let run = |args: &[&str]| {
        let mut c = xingfu();
        c.env("XINGFU_CONFIG_DIR", &config).arg("--db").arg(&db.path).args(args);
        c.assert()
    };
    let file = db.dir.path().join("个人账单.csv");
    std::fs::write(
        &file,
        personal_bill(&[
            "2024-06-02 10:11:12,转账,李秀英,/,收入,¥200.00,/,已存入零钱,1000039901202406020000000001,/,/",
        ]),
    )
    .unwrap();
    let path = file.display().to_string();
    // Unmapping a required field: refused, named, nothing saved.
    let out = run(&["presets", "map", &path, "--map", "donated_on=", "--save", "个人"]).code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("必填字段 donated_on 没有对应的列"), "{text}");
    assert!(!config.join("presets").exists());
    // The preview shows the row as it would import; --save keeps it.
    let out = run(&["presets", "map", &path, "--channel", "微信", "--save", "个人"]).success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("第 6 行  1000039901202406020000000001  ¥200.00  2024-06-02  李秀英"), "{text}");
    assert!(config.join("presets/个人.toml").is_file());
    let out = run(&["presets"]).success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("个人"));
    // Read-only: no link, no import, no deletion.
    for args in [
        &["--read-only", "presets", "link", "237449", "ZX-2024-01"][..],
        &["--read-only", "import", &path, "--project", "ZX-2024-01"],
        &["--read-only", "presets", "delete", "个人"],
    ] {
        let out = run(args).code(1);
        assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("只读模式"), "{args:?}");
    }
    assert!(config.join("presets/个人.toml").is_file());
    assert!(db.open().platform_links().unwrap().is_empty());
    // Then for real: imported once, and again changes nothing.
    run(&["presets", "link", "237449", "ZX-2024-01"]).success();
    let out = run(&["import", &path, "--project", "ZX-2024-02"]).success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("按预设「个人」") && text.contains("新增 1"), "{text}");
    let out = run(&["import", &path, "--project", "ZX-2024-02"]).success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("未变 1"));
}
