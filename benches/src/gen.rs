//! The synthetic province: a deterministic plan of counties, townships, departments, items,
//! delegations, territorial duties, a scenario topic and an escalation ladder per county.
//!
//! [`Province::generate`] draws the plan from a seed; `text.rs` writes it as `.qz` files (one per
//! county plus shared files) and `queries.rs` draws benchmark queries from it. The same seed
//! always gives the same plan and byte-identical files.
//!
//! Per county, 10% of the items of every department are delegated: half to a class of townships,
//! half to a list of three named townships; since dates fall in 2020–2024, 20% carry an until
//! date; grants cite a basis decision, entrustments an instrument. Coercive measures and items
//! flagged non-delegable are never delegated, so `quanze check` finds nothing to report.

use crate::rng::Rng;
use time::{Date, Duration, Month};

/// The four sizes of the issue (#7) and of `BENCHMARKS.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Size {
    S,
    M,
    L,
    XL,
}

/// How many of each thing a size has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    pub counties: usize,
    pub townships: usize,
    pub departments: usize,
    pub items_per_department: usize,
}

impl Size {
    pub const ALL: [Size; 4] = [Size::S, Size::M, Size::L, Size::XL];

    pub fn shape(self) -> Shape {
        let (counties, townships, departments, items_per_department) = match self {
            Size::S => (3, 10, 20, 50),
            Size::M => (11, 15, 30, 200),
            Size::L => (90, 15, 30, 200),
            Size::XL => (2_800, 14, 30, 200),
        };
        Shape {
            counties,
            townships,
            departments,
            items_per_department,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Size::S => "S",
            Size::M => "M",
            Size::L => "L",
            Size::XL => "XL",
        }
    }

    pub fn from_name(name: &str) -> Option<Size> {
        Size::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(name))
    }
}

/// County departments, in the order the generator assigns them (the first twenty make S).
pub const DEPARTMENTS: [&str; 30] = [
    "综合行政执法局",
    "住房和城乡建设局",
    "交通运输局",
    "生态环境分局",
    "自然资源和规划分局",
    "农业农村局",
    "水利局",
    "市场监督管理局",
    "应急管理局",
    "卫生健康局",
    "教育局",
    "民政局",
    "人力资源和社会保障局",
    "文化和旅游局",
    "商务局",
    "财政局",
    "退役军人事务局",
    "医疗保障局",
    "林业局",
    "统计局",
    "发展和改革局",
    "经济和信息化局",
    "科学技术局",
    "民族宗教事务局",
    "城市管理局",
    "体育局",
    "粮食和物资储备局",
    "气象局",
    "档案局",
    "人民防空办公室",
];

/// The township classes, in the language's words.
pub const CLASSES: [&str; 3] = ["一般", "较大", "特大"];

/// The cooperation duties townships carry (all on each county's approved list).
pub const DUTIES: [&str; 4] = ["发现", "劝阻", "报告", "现场管控"];

/// The values of the two facts of every county's topic.
pub const PLACES: [&str; 4] = ["道路", "河道", "农田", "工地"];
pub const STAGES: [&str; 3] = ["产生", "运输", "消纳"];

/// Which of the six lists an item is on, with its power type (both as written in rule files).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kind {
    pub list: &'static str,
    pub power_type: &'static str,
}

const KINDS: [Kind; 9] = [
    Kind {
        list: "行政执法",
        power_type: "行政处罚",
    },
    Kind {
        list: "行政执法",
        power_type: "行政处罚",
    },
    Kind {
        list: "行政执法",
        power_type: "行政检查",
    },
    Kind {
        list: "行政执法",
        power_type: "行政强制",
    },
    Kind {
        list: "权力",
        power_type: "行政许可",
    },
    Kind {
        list: "权力",
        power_type: "行政确认",
    },
    Kind {
        list: "权力",
        power_type: "行政给付",
    },
    Kind {
        list: "政务服务",
        power_type: "行政许可",
    },
    Kind {
        list: "政务服务",
        power_type: "其他行政权力",
    },
];

impl Kind {
    pub fn delegable(self) -> bool {
        self.power_type != "行政强制"
    }

    pub fn penalty(self) -> bool {
        self.power_type == "行政处罚"
    }
}

#[derive(Clone, Debug)]
pub struct Township {
    pub name: String,
    /// Index into [`CLASSES`].
    pub class: usize,
    pub villages: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct GenItem {
    pub code: String,
    /// Index into the county's departments.
    pub department: usize,
    pub kind: Kind,
    pub non_delegable: bool,
    /// Penalties that are delegated name parts a grant may reserve.
    pub parts: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Grant,
    Entrust,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Every township of the county with this class (index into [`CLASSES`]).
    Class(usize),
    /// Named townships (indices into the county's townships).
    Townships(Vec<usize>),
}

#[derive(Clone, Debug)]
pub struct GenDelegation {
    /// Index into the county's items.
    pub item: usize,
    pub mode: Mode,
    pub target: Target,
    pub since: Date,
    pub until: Option<Date>,
    pub reserve: bool,
    /// The basis decision of a grant or the instrument of an entrustment.
    pub document: String,
}

#[derive(Clone, Debug)]
pub struct GenRevocation {
    pub item: usize,
    pub township: usize,
    pub since: Date,
}

#[derive(Clone, Debug)]
pub struct County {
    pub index: usize,
    pub name: String,
    pub departments: Vec<&'static str>,
    pub townships: Vec<Township>,
    pub items: Vec<GenItem>,
    pub delegations: Vec<GenDelegation>,
    pub revocations: Vec<GenRevocation>,
    /// Territorial item codes with the index of their primary department.
    pub territorial: Vec<(String, usize)>,
    pub topic: String,
}

/// The whole plan.
#[derive(Clone, Debug)]
pub struct Province {
    pub size: Size,
    pub seed: u64,
    pub counties: Vec<County>,
    /// Items held by each township, declared once at the top level.
    pub shared_items: Vec<String>,
}

/// How many items every township holds itself (the shared file).
pub const SHARED_ITEMS: usize = 20;

/// 2020-01-01, the first possible since date.
pub fn epoch() -> Date {
    Date::from_calendar_date(2020, Month::January, 1).unwrap_or(Date::MIN)
}

/// Days from 2020-01-01 to 2024-12-31.
const SINCE_SPAN_DAYS: usize = 1_827;

impl Province {
    pub fn generate(size: Size, seed: u64) -> Province {
        let shape = size.shape();
        let root = Rng::new(seed);
        let counties = (0..shape.counties)
            .map(|c| county(c, &shape, &mut root.fork(c as u64 + 1)))
            .collect();
        let shared_items = (1..=SHARED_ITEMS).map(|i| format!("GX-{i:03}")).collect();
        Province {
            size,
            seed,
            counties,
            shared_items,
        }
    }

    /// The number of items declared (county items, territorial items and shared items).
    pub fn item_count(&self) -> usize {
        self.shared_items.len()
            + self
                .counties
                .iter()
                .map(|c| c.items.len() + c.territorial.len())
                .sum::<usize>()
    }

    /// The number of delegation statements (a statement to three townships counts once).
    pub fn delegation_count(&self) -> usize {
        self.counties.iter().map(|c| c.delegations.len()).sum()
    }
}

fn county(index: usize, shape: &Shape, rng: &mut Rng) -> County {
    let number = index + 1;
    let name = format!("县{number:04}");
    let departments: Vec<&'static str> = DEPARTMENTS
        .iter()
        .copied()
        .take(shape.departments)
        .collect();
    // Classes cycle so that every county has townships of every class.
    let townships = (0..shape.townships)
        .map(|t| Township {
            name: format!("镇{number:04}-{:02}", t + 1),
            class: t % CLASSES.len(),
            villages: (1..=2)
                .map(|v| format!("村{number:04}-{:02}-{v}", t + 1))
                .collect(),
        })
        .collect::<Vec<_>>();
    let delegated_per_department = shape.items_per_department / 10;
    let mut items = Vec::with_capacity(shape.departments * shape.items_per_department);
    let mut delegations = Vec::new();
    let mut revocations = Vec::new();
    for department in 0..shape.departments {
        let chosen = choose(rng, shape.items_per_department, delegated_per_department);
        for i in 0..shape.items_per_department {
            let delegated = chosen.contains(&i);
            let mut kind = *rng.pick(&KINDS).unwrap_or(&KINDS[0]);
            if delegated && !kind.delegable() {
                kind = KINDS[0];
            }
            let item = items.len();
            items.push(GenItem {
                code: format!("X{number:04}-{:02}-{:04}", department + 1, i + 1),
                department,
                kind,
                non_delegable: !delegated && rng.percent(1),
                parts: delegated && kind.penalty(),
            });
            if delegated {
                let (d, r) = delegation(item, kind, &name, delegations.len(), townships.len(), rng);
                delegations.push(d);
                revocations.extend(r);
            }
        }
    }
    let territorial = (0..shape.departments)
        .map(|d| (format!("X{number:04}-SD-{:02}", d + 1), d))
        .collect();
    County {
        index,
        name,
        departments,
        townships,
        items,
        delegations,
        revocations,
        territorial,
        topic: format!("主题{number:04}"),
    }
}

/// `k` distinct numbers below `n`, in increasing order.
fn choose(rng: &mut Rng, n: usize, k: usize) -> Vec<usize> {
    let mut all: Vec<usize> = (0..n).collect();
    for i in 0..k.min(n) {
        let j = i + rng.below(n - i);
        all.swap(i, j);
    }
    all.truncate(k.min(n));
    all.sort_unstable();
    all
}

fn delegation(
    item: usize,
    kind: Kind,
    county: &str,
    serial: usize,
    townships: usize,
    rng: &mut Rng,
) -> (GenDelegation, Option<GenRevocation>) {
    let since = epoch() + Duration::days(rng.below(SINCE_SPAN_DAYS) as i64);
    let until = rng
        .percent(20)
        .then(|| since + Duration::days(365 + rng.below(3 * 365) as i64));
    let target = if serial & 1 == 0 {
        Target::Class(rng.below(CLASSES.len()))
    } else {
        Target::Townships(choose(rng, townships, 3))
    };
    let mode = if rng.percent(50) {
        Mode::Grant
    } else {
        Mode::Entrust
    };
    let year = since.year();
    let document = match mode {
        Mode::Grant => format!("{county}人民政府赋权决定〔{year}〕{}号", serial + 1),
        Mode::Entrust => format!("{county}委托书〔{year}〕{}号", serial + 1),
    };
    // One named-township delegation in ten is later revoked from its first township.
    let revocation = match &target {
        Target::Townships(list) if rng.percent(10) => list.first().map(|t| GenRevocation {
            item,
            township: *t,
            since: since + Duration::days(180 + rng.below(365) as i64),
        }),
        _ => None,
    };
    let reserve = mode == Mode::Grant && kind.penalty() && rng.percent(50);
    (
        GenDelegation {
            item,
            mode,
            target,
            since,
            until,
            reserve,
            document,
        },
        revocation,
    )
}
