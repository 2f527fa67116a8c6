//! Import speed: a generated standard-template data set with N donations (default
//! 1,000,000; `XINGFU_BENCH_DONATIONS` to change) imported into an empty database with all
//! validation on. Prints rows per second.
//!
//! Run: `cargo bench --bench import`

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use xingfu::db::{OpenMode, Store};
use xingfu::ops::import::{ImportOptions, import};

const SURNAMES: &[char] = &['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡'];
const GIVEN: &[char] = &['建', '国', '秀', '英', '志', '强', '明', '华', '丽', '娟', '伟', '芳', '军', '平', '海'];

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Writes 村社.csv (the real registry of 大丰区), 项目.csv (10 per village) and 捐赠.csv.
pub fn generate(dir: &Path, donations: u64) -> std::io::Result<()> {
    let registry = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/registry/divisions-320904-dafeng.csv"),
    )?;
    let villages: Vec<Vec<&str>> = registry.lines().skip(1).map(|l| l.split(',').collect()).collect();
    let mut v = std::io::BufWriter::new(std::fs::File::create(dir.join("村社.csv"))?);
    writeln!(v, "村社编码,村社名称,乡镇（街道）,县（市、区）,设区市")?;
    for f in &villages {
        writeln!(v, "{},{},{},{},{}", f[0], f[1], f[3], f[5], f[6])?;
    }
    let mut p = std::io::BufWriter::new(std::fs::File::create(dir.join("项目.csv"))?);
    writeln!(p, "项目编号,村社编码,项目名称,项目类别,目标金额（元）,开始日期")?;
    let mut projects = Vec::new();
    for f in &villages {
        for i in 0..10 {
            let code = format!("{}-{i:02}", f[0]);
            writeln!(p, "{code},{},{}助学项目{i},助学,500000,2021-01-01", f[0], f[1])?;
            projects.push(code);
        }
    }
    let mut d = std::io::BufWriter::new(std::fs::File::create(dir.join("捐赠.csv"))?);
    writeln!(d, "捐赠流水号,项目编号,捐赠人,捐赠人类型,捐赠金额（元）,捐赠日期,捐赠渠道,配捐")?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..donations {
        let project = &projects[rng.below(projects.len() as u64) as usize];
        let name: String = [
            SURNAMES[rng.below(SURNAMES.len() as u64) as usize],
            GIVEN[rng.below(GIVEN.len() as u64) as usize],
            GIVEN[rng.below(GIVEN.len() as u64) as usize],
        ]
        .iter()
        .collect();
        let fen = 100 + rng.below(100_000);
        let (y, m, day) = (2021 + rng.below(6), 1 + rng.below(12), 1 + rng.below(28));
        let matching = if rng.below(10) == 0 { "是" } else { "否" };
        writeln!(
            d,
            "TX{i:09},{project},{name},个人,{}.{:02},{y}-{m:02}-{day:02},网络平台,{matching}",
            fen / 100,
            fen % 100
        )?;
    }
    d.flush()
}

fn main() {
    let n: u64 = std::env::var("XINGFU_BENCH_DONATIONS").ok().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let t = Instant::now();
    generate(dir.path(), n).expect("generate");
    println!("generated {n} donations in {:.2?}", t.elapsed());
    let db = dir.path().join("bench.db");
    let mut store = Store::open(&db, OpenMode::Create, "bench").expect("open");
    let files: Vec<_> = ["村社.csv", "项目.csv", "捐赠.csv"].iter().map(|f| dir.path().join(f)).collect();
    let t = Instant::now();
    let mut phases: Vec<(&str, f64)> = Vec::new();
    let mut last = "";
    let report = import(&mut store, &files, ImportOptions::default(), &mut |p| {
        let name = match p {
            xingfu::ops::import::Progress::Reading { .. } => "reading",
            xingfu::ops::import::Progress::Checking { .. } => "checking",
            xingfu::ops::import::Progress::Writing { .. } => "writing",
        };
        if name != last {
            phases.push((name, t.elapsed().as_secs_f64()));
            last = name;
        }
    })
    .expect("import");
    let secs = t.elapsed().as_secs_f64();
    assert!(!report.has_errors() && report.written);
    let rows: u64 = report.counts.values().map(|c| c.read).sum();
    for (name, at) in &phases {
        println!("  {name} from {at:.2} s");
    }
    println!(
        "import: {rows} rows in {secs:.2} s = {:.0} rows/s (donations file {} MB)",
        rows as f64 / secs,
        std::fs::metadata(dir.path().join("捐赠.csv")).map(|m| m.len() / 1_000_000).unwrap_or(0)
    );
}
