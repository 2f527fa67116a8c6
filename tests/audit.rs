//! The audit trail (issue 19) on real database files: every change carries its operator
//! and its change-set, batches and imports link their records, a revert undoes a
//! change-set (or is refused naming the conflict), and the hash chain shows an edit of
//! the log made behind xingfu's back.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use predicates::prelude::*;
use rusqlite::Connection;
use xingfu::db::{ChainBreak, DbError, OpenMode, Store};
use xingfu::domain::*;
use xingfu::ops::import::{ImportOptions, ImportReport, import};

fn import_files(store: &mut Store, paths: &[PathBuf], update: bool) -> ImportReport {
    let opts = ImportOptions { update, ..ImportOptions::default() };
    let report = import(store, paths, opts, &mut |_| {}).unwrap();
    assert!(!report.has_errors(), "{:?}", report.problems);
    report
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Three donations to ZX-2024-02 (seeded: ¥500 from 王建国), ¥600 in all.
fn three_donations(dir: &Path) -> PathBuf {
    write(
        dir,
        "捐赠 十一月.csv",
        &donations_csv(&[
            "D9001,ZX-2024-02,赵大,个人,,100,2024-11-01,银行转账,否,,,",
            "D9002,ZX-2024-02,钱二,个人,,200,2024-11-02,现金,否,,,",
            "D9003,ZX-2024-02,孙三,个人,,300,2024-11-03,现金,否,,,",
        ]),
    )
}

fn raw(db: &TempDb) -> Connection {
    Connection::open(&db.path).unwrap()
}

fn refusal(e: &DbError) -> String {
    e.message(Lang::Zh)
}

#[test]
fn the_operator_is_recorded() {
    let db = TempDb::new();
    let mut store = Store::open(&db.path, OpenMode::Create, "王芳").unwrap();
    store.insert(&registry_village(ZHONGXIN)).unwrap();
    let row = &store.audit_log(1).unwrap()[0];
    assert_eq!(row.operator, "王芳");
    let set = store.change_set(row.change_set.unwrap()).unwrap().unwrap();
    assert_eq!((set.operator.as_str(), set.kind), ("王芳", ChangeKind::Single));
    // Another takes over the same connection.
    store.set_operator("李明").unwrap();
    let mut v = store.get::<Village>(ZHONGXIN).unwrap().unwrap();
    v.population = Some(2130);
    store.update(ZHONGXIN, &v).unwrap();
    assert_eq!(store.audit_log(1).unwrap()[0].operator, "李明");
    // An empty name is refused, before and at a write.
    assert!(matches!(store.set_operator("  "), Err(DbError::NoOperator)));
    drop(store);
    let mut nobody = Store::open(&db.path, OpenMode::Existing, "").unwrap();
    let e = nobody.insert(&registry_village(CHANGTAN)).unwrap_err();
    assert!(matches!(e, DbError::NoOperator), "{e:?}");
    assert!(refusal(&e).contains("操作员姓名不能为空"));
    assert!(nobody.get::<Village>(CHANGTAN).unwrap().is_none(), "nothing written without a name");

    // The command line: --operator, else XINGFU_OPERATOR; an empty name is a usage error.
    let csv = three_donations(db.dir.path());
    seed_projects(&db);
    xingfu().arg("--db").arg(&db.path).args(["--operator", "赵会计", "import"]).arg(&csv).assert().success();
    let store = db.open();
    let last = &store.audit_log(1).unwrap()[0];
    assert_eq!((last.action.as_str(), last.operator.as_str()), ("import", "赵会计"));
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .args(["--operator", " ", "import"])
        .arg(&csv)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("操作员姓名不能为空"));
    xingfu()
        .env("XINGFU_OPERATOR", "")
        .arg("--db")
        .arg(&db.path)
        .args(["--lang", "en", "check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the operator's name is empty"));
}

/// The projects the donation files refer to (the seed), in a database that has none.
fn seed_projects(db: &TempDb) {
    let mut store = db.open();
    if store.get::<Project>("ZX-2024-02").unwrap().is_none() {
        if store.get::<Village>(ZHONGXIN).unwrap().is_none() {
            store.insert(&registry_village(ZHONGXIN)).unwrap();
        }
        store.insert(&project("ZX-2024-02", ZHONGXIN, "众心村助老餐桌", "200000")).unwrap();
    }
}

#[test]
fn batch_and_import_change_sets_link_their_records() {
    let db = seeded();
    let mut store = db.open();
    // An import: its records point to its change-set; one audit row, with the files' hashes.
    let csv = three_donations(db.dir.path());
    let report = import_files(&mut store, std::slice::from_ref(&csv), false);
    let set = report.change_set.expect("a committed import has a change-set");
    for code in ["D9001", "D9002", "D9003"] {
        assert_eq!(store.record_links(Kind::Donation, code).unwrap(), Some((Some(set), Some(set))), "{code}");
    }
    let rows = store.change_set_entries(set, 0, 100).unwrap();
    assert_eq!(rows.len(), 1, "a million new rows are one audit row");
    let detail: serde_json::Value = serde_json::from_str(rows[0].after.as_deref().unwrap()).unwrap();
    assert_eq!(detail["files"][0]["sha256"].as_str().map(str::len), Some(64));
    assert!(detail["files"][0]["path"].as_str().unwrap().ends_with("捐赠 十一月.csv"));
    assert_eq!(detail["counts"]["donations"]["inserted"], 3);
    let history =
        xingfu::ops::audit::record_history(&store, Kind::Donation, "D9002", Lang::Zh, Default::default(), 10).unwrap();
    assert_eq!(history.len(), 1);
    assert!(history[0].lines[0].contains(&format!("#{set}")) && history[0].lines[0].contains("导入"), "{history:?}");

    // An import that updates: each updated record points to it, with its old values kept.
    let changed = write(
        db.dir.path(),
        "捐赠 更正.csv",
        &donations_csv(&["D9002,ZX-2024-02,钱二,个人,,250,2024-11-02,现金,否,,,补录"]),
    );
    let update = import_files(&mut store, &[changed], true).change_set.unwrap();
    assert_eq!(store.record_links(Kind::Donation, "D9002").unwrap(), Some((Some(set), Some(update))));
    let rows = store.change_set_entries(update, 0, 100).unwrap();
    let actions: Vec<&str> = rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["update", "import"]);
    assert!(rows[0].before.as_deref().unwrap().contains("\"200.00\""), "{:?}", rows[0].before);
    let lines = xingfu::ops::audit::entry_lines(&rows[0], Lang::Zh, Default::default());
    assert!(lines.contains(&"  捐赠金额（元）：¥200.00 → ¥250.00".to_string()), "{lines:?}");

    // A batch entry: one change-set, a row per slip with its donor and amount.
    let slips =
        vec![donation("x", "ZX-2024-01", Some("周六"), "60", false), donation("x", "ZX-2024-01", None, "40", false)];
    let refs = xingfu::ops::batch::save_donations(&mut store, &slips, "20241115").unwrap();
    let batch = store.last_change_set().unwrap();
    assert_eq!(store.change_set(batch).unwrap().unwrap().kind, ChangeKind::Batch);
    for r in &refs {
        assert_eq!(store.record_links(Kind::Donation, r).unwrap(), Some((Some(batch), Some(batch))));
    }
    let rows = store.change_set_entries(batch, 0, 100).unwrap();
    assert_eq!(rows.iter().filter(|r| r.action == "insert").count(), 2);
    assert!(rows[0].after.as_deref().unwrap().contains("周六") && rows[0].after.as_deref().unwrap().contains("60.00"));
    let event = xingfu::ops::audit::entry_lines(rows.last().unwrap(), Lang::Zh, Default::default());
    assert_eq!(event, ["批量录入 2 笔捐赠，共 ¥100.00"]);
    assert!(store.verify_chain().unwrap().is_whole());
}

#[test]
fn undo_of_a_field_edit() {
    let db = seeded();
    let mut store = db.open();
    let before = store.get::<Donation>("D0005").unwrap().unwrap();
    store.update("D0005", &Donation { amount: yuan("5000"), note: Some("录错".into()), ..before.clone() }).unwrap();
    let edit = store.last_change_set().unwrap();
    let rows_before = store.audit_log(1000).unwrap().len();
    let revert = xingfu::ops::audit::revert(&mut store, edit).unwrap();
    assert_eq!(store.get::<Donation>("D0005").unwrap().unwrap(), before, "the old values are back");
    assert_eq!(store.project_figures("ZX-2024-02").unwrap().unwrap().raised, yuan("500"));
    // Nothing is erased: the edit stays, the revert is a change-set of its own.
    let log = store.audit_log(1000).unwrap();
    assert_eq!(log.len(), rows_before + 2, "the revert's row and its event");
    let set = store.change_set(revert).unwrap().unwrap();
    assert_eq!((set.kind, set.reverts), (ChangeKind::Revert, Some(edit)));
    assert_eq!(store.change_set(edit).unwrap().unwrap().reverted_by, Some(revert));
    // The record holds what its insert wrote: it is that change-set's again.
    let (made, last) = store.record_links(Kind::Donation, "D0005").unwrap().unwrap();
    assert_eq!(last, made);
    // The revert of the revert brings the edit back.
    xingfu::ops::audit::revert(&mut store, revert).unwrap();
    assert_eq!(store.get::<Donation>("D0005").unwrap().unwrap().amount, yuan("5000"));
    assert!(store.health().unwrap().is_healthy());
}

#[test]
fn revert_of_a_whole_import() {
    let db = seeded();
    let mut store = db.open();
    let before = store.project_figures("ZX-2024-02").unwrap().unwrap();
    // A workbook's worth: a new village, its project and donations, and an update of a
    // seeded donation, in one import.
    let dir = db.dir.path().join("众心村 十一月");
    std::fs::create_dir_all(&dir).unwrap();
    write(&dir, "村社.csv", "村社编码,村社名称,乡镇（街道）,县（市、区）\n320904104203,西团村委会,西团镇,大丰区\n");
    write(
        &dir,
        "项目.csv",
        "项目编号,村社编码,项目名称,项目类别,目标金额（元）,开始日期,结束日期,项目状态\n\
         XT-2024-01,320904104203,西团村助学,助学,10000,2024-03-01,,募集中\n",
    );
    write(
        &dir,
        "捐赠.csv",
        &donations_csv(&[
            "D9001,XT-2024-01,赵大,个人,,100,2024-11-01,银行转账,否,,,",
            "D9002,ZX-2024-02,钱二,个人,,200,2024-11-02,现金,否,,,",
            "D0005,ZX-2024-02,王建国,个人,,550,2024-05-10,网络平台,否,,,更正",
        ]),
    );
    let report = import_files(&mut store, std::slice::from_ref(&dir), true);
    let set = report.change_set.unwrap();
    assert_eq!(store.project_figures("ZX-2024-02").unwrap().unwrap().raised, yuan("750"));
    // Someone edits a record the import did not touch meanwhile: it stays.
    let mut v = store.get::<Village>(CHANGTAN).unwrap().unwrap();
    v.population = Some(999);
    store.update(CHANGTAN, &v).unwrap();
    let backups = xingfu::ops::backup::list_backups(&db.path).unwrap().len();

    let revert = xingfu::ops::audit::revert(&mut store, set).unwrap();
    for (kind, code) in [(Kind::Village, "320904104203"), (Kind::Project, "XT-2024-01"), (Kind::Donation, "D9001")] {
        assert!(store.record_links(kind, code).unwrap().is_none(), "{code} is gone");
    }
    assert!(store.get::<Donation>("D9002").unwrap().is_none());
    assert_eq!(store.get::<Donation>("D0005").unwrap().unwrap().amount, yuan("500"), "the update is undone");
    assert_eq!(store.project_figures("ZX-2024-02").unwrap().unwrap(), before);
    assert_eq!(store.get::<Village>(CHANGTAN).unwrap().unwrap().population, Some(999));
    assert!(store.health().unwrap().is_healthy(), "running totals agree with the rows");
    // A verified backup was taken first; the revert's row counts what it deleted in bulk.
    assert_eq!(xingfu::ops::backup::list_backups(&db.path).unwrap().len(), backups + 1);
    let event = store.change_set_entries(revert, 0, 100).unwrap().pop().unwrap();
    let lines = xingfu::ops::audit::entry_lines(&event, Lang::Zh, Default::default());
    assert_eq!(lines[0], format!("撤销 #{set}：恢复旧值 1、批量删除 4"));
    assert!(lines.iter().any(|l| l.contains("捐赠：批量删除 2 条")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("村社：批量删除 1 条")), "{lines:?}");
    // The import's revert cannot itself be reverted: its records are not in the log.
    let e = xingfu::ops::audit::revert(&mut store, revert).unwrap_err();
    assert!(e.message(Lang::Zh).contains("请重新导入原文件"), "{}", e.message(Lang::Zh));
}

#[test]
fn a_refused_revert_names_the_conflict() {
    let db = seeded();
    let mut store = db.open();
    let csv = three_donations(db.dir.path());
    let set = import_files(&mut store, &[csv], false).change_set.unwrap();

    // A disbursement paid from the imported money: the donations cannot go.
    store.insert(&disbursement("B9001", "ZX-2024-02", "1000")).unwrap();
    let before = std::fs::read(&db.path).unwrap().len();
    let e = xingfu::ops::audit::revert(&mut store, set).unwrap_err();
    let said = e.message(Lang::Zh);
    assert!(said.starts_with(&format!("不能撤销第 {set} 组修改：撤销后")), "{said}");
    assert!(said.contains("ZX-2024-02") && said.contains("之后的拨付或结转依赖这些款项"), "{said}");
    assert!(said.ends_with("未做任何改动"), "{said}");
    assert!(store.get::<Donation>("D9003").unwrap().is_some(), "nothing was changed");
    assert_eq!(store.change_set(set).unwrap().unwrap().reverted_by, None);
    assert!(std::fs::read(&db.path).unwrap().len() >= before);
    store.delete::<Disbursement>("B9001").unwrap();

    // A record changed again since: named, with who changed it and when.
    let d = store.get::<Donation>("D9002").unwrap().unwrap();
    store.update("D9002", &Donation { note: Some("已核对".into()), ..d }).unwrap();
    let by = store.last_change_set().unwrap();
    let e = xingfu::ops::audit::revert(&mut store, set).unwrap_err();
    let said = e.message(Lang::En);
    assert!(said.contains(&format!("donation D9002 was changed again since (change-set #{by}, 测试员")), "{said}");

    // A single insert whose record was deleted since; a delete whose record exists again.
    store.insert(&volunteer("V009", "周小红", ZHONGXIN)).unwrap();
    let insert = store.last_change_set().unwrap();
    store.delete::<Volunteer>("V009").unwrap();
    let delete = store.last_change_set().unwrap();
    let e = xingfu::ops::audit::revert(&mut store, insert).unwrap_err();
    assert!(refusal_of(e).contains("志愿者 V009 已不存在"));
    store.insert(&volunteer("V009", "周小红", ZHONGXIN)).unwrap();
    let e = xingfu::ops::audit::revert(&mut store, delete).unwrap_err();
    assert!(refusal_of(e).contains("志愿者 V009 已被重新录入"));

    // Edited and the edit undone: the record is the import's again, and the import reverts.
    let d = store.get::<Donation>("D9002").unwrap().unwrap();
    let undone = xingfu::ops::audit::revert(&mut store, by).unwrap();
    assert_eq!(store.get::<Donation>("D9002").unwrap().unwrap().note, None);
    assert_eq!(store.record_links(Kind::Donation, "D9002").unwrap(), Some((Some(set), Some(set))));
    assert!(d.note.is_some() && undone > by);
    xingfu::ops::audit::revert(&mut store, set).unwrap();
    assert!(store.get::<Donation>("D9002").unwrap().is_none());

    // Reverted once, not twice; a change-set that does not exist; read-only refuses.
    let mut v = store.get::<Village>(CHANGTAN).unwrap().unwrap();
    v.note = Some("x".into());
    store.update(CHANGTAN, &v).unwrap();
    let edit = store.last_change_set().unwrap();
    let revert = xingfu::ops::audit::revert(&mut store, edit).unwrap();
    let e = xingfu::ops::audit::revert(&mut store, edit).unwrap_err();
    assert!(refusal_of(e).contains(&format!("它已由第 {revert} 组修改撤销")));
    assert!(refusal_of(xingfu::ops::audit::revert(&mut store, 99_999).unwrap_err()).contains("没有第 99999 组修改"));
    drop(store);
    let mut inspector = Store::open(&db.path, OpenMode::ReadOnly, "检查组").unwrap();
    assert!(matches!(inspector.revert(revert, None), Err(DbError::ReadOnly)));
}

fn refusal_of(e: xingfu::ops::OpsError) -> String {
    e.message(Lang::Zh)
}

#[test]
fn the_chain_detects_an_update_of_the_audit_table_made_with_sqlite3() {
    let db = seeded();
    let mut store = db.open();
    import_files(&mut store, &[three_donations(db.dir.path())], false);
    let check = store.verify_chain().unwrap();
    assert!(check.is_whole() && check.rows > 15, "{check:?}");
    drop(store);
    xingfu().arg("--db").arg(&db.path).arg("check").assert().success().stdout(predicate::str::contains("审计链"));

    // Someone edits who made row 3, outside xingfu (with the sqlite3 tool when installed).
    let sql = "UPDATE audit SET operator = '张三' WHERE id = 3";
    let tool = std::process::Command::new("sqlite3").arg(&db.path).arg(sql).status();
    if !tool.is_ok_and(|s| s.success()) {
        raw(&db).execute(sql, []).unwrap();
    }
    let store = db.open();
    assert_eq!(store.verify_chain().unwrap().broken, Some((3, ChainBreak::Edited)));
    drop(store);
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("第 3 条被改动过"))
        .stdout(predicate::str::contains("结论：发现问题"));
    xingfu().arg("--db").arg(&db.path).args(["audit", "--seal"]).assert().code(1);
    raw(&db).execute("UPDATE audit SET operator = '测试员' WHERE id = 3", []).unwrap();
    assert!(db.open().verify_chain().unwrap().is_whole(), "put back as it was, it holds again");

    // A row removed; a change-set's header edited.
    raw(&db).execute("DELETE FROM audit WHERE id = 5", []).unwrap();
    assert_eq!(db.open().verify_chain().unwrap().broken, Some((6, ChainBreak::Missing { after: 4 })));
    let db2 = seeded();
    raw(&db2).execute("UPDATE change_sets SET at = '2020-01-01T00:00:00+08:00' WHERE id = 2", []).unwrap();
    assert_eq!(db2.open().verify_chain().unwrap().broken, Some((2, ChainBreak::Edited)));

    // The whole log rewritten with fresh hashes holds together: only the seal shows it.
    let db3 = seeded();
    let sealed = db3.open().seal().unwrap().unwrap().short();
    {
        let c = raw(&db3);
        c.execute("UPDATE audit SET operator = '张三' WHERE id = 3", []).unwrap();
        c.execute("UPDATE audit SET hash = NULL", []).unwrap();
    }
    rehash(&db3);
    assert!(db3.open().verify_chain().unwrap().is_whole());
    xingfu()
        .arg("--db")
        .arg(&db3.path)
        .args(["audit", "--sealed", &sealed])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("与封存值不符"));
    // Rehashed without any edit, the chain is what xingfu wrote: the format is as documented.
    let db4 = seeded();
    let sealed = db4.open().seal().unwrap().unwrap();
    raw(&db4).execute("UPDATE audit SET hash = NULL", []).unwrap();
    rehash(&db4);
    assert_eq!(db4.open().seal().unwrap().unwrap(), sealed);
}

/// Hashes every row again, following the format documented in `db::chain` (what
/// someone who rewrites the whole log can do): written here from the documentation, so it
/// also checks that the documentation is right.
fn rehash(db: &TempDb) {
    use sha2::{Digest, Sha256};
    let c = raw(db);
    let mut stmt = c
        .prepare(
            "SELECT a.id, a.at, a.operator, a.action, a.kind, a.code, a.before, a.after, a.change_set, \
                    c.id, c.at, c.operator, c.kind, c.reverts \
             FROM audit a LEFT JOIN change_sets c ON c.id = a.change_set ORDER BY a.id",
        )
        .unwrap();
    let rows: Vec<(i64, Vec<Option<String>>)> = stmt
        .query_map([], |r| {
            let mut fields = Vec::new();
            for i in 0..14 {
                fields.push(match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => None,
                    rusqlite::types::ValueRef::Integer(n) => Some(n.to_string()),
                    v => Some(v.as_str().unwrap().to_string()),
                });
            }
            Ok((r.get(0)?, fields))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut prev = "0".repeat(64);
    for (id, fields) in rows {
        let mut h = Sha256::new();
        h.update(b"xingfu-audit-1");
        h.update(prev.as_bytes());
        for f in &fields {
            match f {
                None => h.update([0u8]),
                Some(t) => {
                    h.update([1u8]);
                    h.update((t.len() as u32).to_be_bytes());
                    h.update(t.as_bytes());
                }
            }
        }
        prev = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        c.execute("UPDATE audit SET hash = ?1 WHERE id = ?2", rusqlite::params![prev, id]).unwrap();
    }
}

#[test]
fn a_seal_matches_until_the_log_is_changed() {
    let db = seeded();
    let out = xingfu().arg("--db").arg(&db.path).args(["audit", "--seal"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let seal = text.lines().next().unwrap().split('：').nth(1).unwrap().split('（').next().unwrap().to_string();
    assert!(seal.starts_with('#') && seal.split(' ').count() == 5, "{seal}");
    // More changes later: the sealed row is unchanged, so the seal still matches.
    db.open().insert(&volunteer("V010", "吴芳", ZHONGXIN)).unwrap();
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .args(["audit", "--sealed", &seal])
        .assert()
        .success()
        .stdout(predicate::str::contains("与封存值相符"));
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .args(["audit", "--sealed", "一二三"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("无法识别封存值"));
}

#[test]
fn migration_starts_the_chain_and_says_so() {
    let db = TempDb::new();
    {
        let mut c = raw(&db);
        xingfu::db::schema::migrate_to(&mut c, 6).unwrap();
        c.execute_batch(
            "INSERT INTO villages(code, name, town, county, status, search_key) VALUES ('320904104209', '众心村委会', '西团镇', '大丰区', 'pilot', '');
             INSERT INTO audit(at, operator, action, kind, code, after) VALUES
                 ('2024-01-01T09:00:00+08:00', 'unknown', 'insert', 'villages', '320904104209', '{\"village_code\":\"320904104209\"}'),
                 ('2024-01-02T09:00:00+08:00', 'unknown', 'import', 'import', NULL, '{\"files\":[]}');",
        )
        .unwrap();
    }
    let store = Store::open(&db.path, OpenMode::Existing, "王芳").unwrap();
    let check = store.verify_chain().unwrap();
    assert!(check.is_whole());
    assert_eq!(check.rows, 3);
    let (start, _, earlier) = check.started.clone().unwrap();
    assert_eq!((start, earlier), (3, 2));
    let marker = &store.audit_log(1).unwrap()[0];
    assert_eq!((marker.action.as_str(), marker.operator.as_str()), ("chain_start", "王芳"));
    // The earlier rows, one change-set each, in the log.
    let q = xingfu::db::ListQuery { descending: true, ..Default::default() };
    let sets = store.change_sets_page(&q, 0, 10).unwrap();
    let kinds: Vec<ChangeKind> = sets.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [ChangeKind::Migration, ChangeKind::Import, ChangeKind::Single]);
    // An earlier import cannot be reverted: its records were never linked to it.
    drop(store);
    let mut store = db.open();
    let e = store.revert(2, None).unwrap_err();
    assert!(e.message(Lang::En).contains("made before records were linked"), "{}", e.message(Lang::En));
    drop(store);
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("审计链自第 3 条起"))
        .stdout(predicate::str::contains("此前 2 条于升级时加上散列"));
}

#[test]
fn two_consoles_on_one_file_keep_one_chain() {
    let db = seeded();
    let path = db.path.clone();
    let writers: Vec<_> = ["甲", "乙"]
        .into_iter()
        .map(|who| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path, OpenMode::Existing, who).unwrap();
                for i in 0..25 {
                    let code = format!("V-{who}-{i}");
                    store.insert(&volunteer(&code, "某某", ZHONGXIN)).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let store = db.open();
    let check = store.verify_chain().unwrap();
    assert!(check.is_whole(), "{check:?}");
    let ids: Vec<i64> = store.audit_log(1000).unwrap().iter().map(|r| r.id).collect();
    assert!(ids.windows(2).all(|w| w[0] == w[1] + 1), "one chain without gaps");
}

#[test]
fn the_audit_command_prints_the_log_a_record_and_filters() {
    let db = seeded();
    {
        let mut store = Store::open(&db.path, OpenMode::Existing, "王芳").unwrap();
        let d = store.get::<Donation>("D0001").unwrap().unwrap();
        store.update("D0001", &Donation { amount: yuan("1200"), ..d }).unwrap();
    }
    let run = |args: &[&str]| {
        let out = xingfu().arg("--db").arg(&db.path).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let all = run(&["audit", "--limit", "3"]);
    assert!(
        all.contains("王芳  单条")
            && all.contains("  修改捐赠 D0001")
            && all.contains("捐赠金额（元）：¥1,000.00 → ¥1,200.00"),
        "{all}"
    );
    // --operator typed on the command line narrows; XINGFU_OPERATOR (the environment) does not.
    let mine = run(&["audit", "--operator", "王芳"]);
    assert_eq!(mine.matches('#').count(), 1, "{mine}");
    assert!(run(&["audit"]).matches('#').count() > 10);
    assert!(run(&["audit", "--since", "2099-01-01"]).contains("没有符合条件的修改记录"));
    let record = run(&["--lang", "en", "audit", "--record", "donation", "D0001"]);
    assert!(
        record.contains("changed donation D0001") && record.contains("new donation D0001 (王建国 ¥1,000.00"),
        "{record}"
    );
    assert!(
        !record.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) && !"王芳测试员建国".contains(c)),
        "{record}"
    );
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .args(["audit", "--record", "捐款", "D0001"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("不认识的记录类型"));
    // An inspector's copy masks phones and private names as the screen does.
    let masked = run(&["--read-only", "--mask-names", "audit", "--record", "捐赠", "D0001"]);
    assert!(!masked.contains("王建国"), "{masked}");
    // `xingfu revert N`: the edit undone, as the operator named; refused when it no longer applies.
    let edit = db.open().last_change_set_of_log();
    let said = run(&["--operator", "李明", "revert", &edit.to_string()]);
    assert!(said.contains(&format!("已撤销第 {edit} 组修改")), "{said}");
    let store = db.open();
    assert_eq!(store.get::<Donation>("D0001").unwrap().unwrap().amount, yuan("1000"));
    assert_eq!(store.audit_log(1).unwrap()[0].operator, "李明");
    drop(store);
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .args(["revert", &edit.to_string()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("它已由第"));
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .args(["--read-only", "revert", "1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("只读"));
}

trait LastOfLog {
    fn last_change_set_of_log(&self) -> i64;
}

impl LastOfLog for Store {
    /// The newest change-set of the log.
    fn last_change_set_of_log(&self) -> i64 {
        self.audit_log(1).unwrap()[0].change_set.unwrap()
    }
}

#[test]
fn a_platform_link_is_reverted_like_any_change() {
    let db = seeded();
    let mut store = db.open();
    store.link_platform("pid-1001", "ZX-2024-01", Some("众心助学")).unwrap();
    let first = store.last_change_set().unwrap();
    store.link_platform("pid-1001", "ZX-2024-02", None).unwrap();
    let second = store.last_change_set().unwrap();
    let row = store.change_set_entries(second, 0, 10).unwrap().pop().unwrap();
    let said = xingfu::ops::audit::entry_lines(&row, Lang::Zh, Default::default());
    assert_eq!(said, ["平台项目 pid-1001 关联到项目 ZX-2024-02"]);
    // The first link was changed since: refused; the second goes back to the first.
    let e = xingfu::ops::audit::revert(&mut store, first).unwrap_err();
    assert!(e.message(Lang::Zh).contains("平台项目 pid-1001 的关联之后又被修改"), "{}", e.message(Lang::Zh));
    xingfu::ops::audit::revert(&mut store, second).unwrap();
    let links = store.platform_links().unwrap();
    assert_eq!(links[0].project_code, "ZX-2024-01");
    xingfu::ops::audit::revert(&mut store, first).unwrap();
    assert!(store.platform_links().unwrap().is_empty());
    assert!(store.verify_chain().unwrap().is_whole());
}
