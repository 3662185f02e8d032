//! The keywords the formatter writes, in each language, and the fixed value words it may
//! translate. The canonical form of a keyword in a language is the first form the grammar
//! lists for it (docs/LANGUAGE.md has the table); `tests/tests/fmt.rs` checks that every form
//! here is one the grammar accepts.

use crate::lower::values::{EXPECT_WORDS, NON_DELEGABLE};
use quanze_core::{DurationUnit, ListKind, PowerType, TownshipClass, UnitKind};

/// The language keywords are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

/// Every keyword the formatter writes: (English, Chinese), the first form of each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kw {
    Region,
    Province,
    City,
    County,
    Township,
    Village,
    Grid,
    MicroGrid,
    Class,
    Tags,
    Department,
    Unit,
    Kind,
    Of,
    At,
    Route,
    To,
    Item,
    Territorial,
    List,
    Type,
    Holder,
    Each,
    Basis,
    Flags,
    Parts,
    Primary,
    Boundary,
    Grant,
    Entrust,
    Statutory,
    Revoke,
    From,
    Since,
    Until,
    Instrument,
    Reserve,
    Topic,
    Fact,
    Scenario,
    OnTopic,
    Overrides,
    Otherwise,
    When,
    Lead,
    Assist,
    Flow,
    Handler,
    And,
    Or,
    Not,
    In,
    Ladder,
    Level,
    Closes,
    By,
    Review,
    Within,
    Next,
    Accept,
    Items,
    All,
    OfficeLimit,
    Approved,
    Required,
    Test,
    Who,
    Can,
    Escalate,
    Duties,
    OnDate,
    Part,
    With,
    Resident,
    Expect,
    Allow,
    Deny,
    NoMatch,
    Ambiguous,
    Conflict,
    Error,
}

impl Kw {
    /// The canonical (English, Chinese) forms.
    pub fn forms(self) -> (&'static str, &'static str) {
        use Kw::*;
        match self {
            Region => ("region", "区域"),
            Province => ("province", "省"),
            City => ("city", "市"),
            County => ("county", "县"),
            Township => ("township", "乡镇"),
            Village => ("village", "村"),
            Grid => ("grid", "网格"),
            MicroGrid => ("micro-grid", "微网格"),
            Class => ("class", "类别"),
            Tags => ("tags", "标签"),
            Department => ("department", "部门"),
            Unit => ("unit", "单位"),
            Kind => ("kind", "种类"),
            Of => ("of", "隶属"),
            At => ("at", "在"),
            Route => ("route", "分派"),
            To => ("to", "给"),
            Item => ("item", "事项"),
            Territorial => ("territorial", "属地事项"),
            List => ("list", "清单"),
            Type => ("type", "类型"),
            Holder => ("holder", "实施主体"),
            Each => ("each", "每个"),
            Basis => ("basis", "依据"),
            Flags => ("flags", "标记"),
            Parts => ("parts", "部分"),
            Primary => ("primary", "主责"),
            Boundary => ("boundary", "属地"),
            Grant => ("grant", "赋权"),
            Entrust => ("entrust", "委托"),
            Statutory => ("statutory", "授权"),
            Revoke => ("revoke", "收回"),
            From => ("from", "由"),
            Since => ("since", "自"),
            Until => ("until", "至"),
            Instrument => ("instrument", "委托书"),
            Reserve => ("reserve", "保留"),
            Topic => ("topic", "主题"),
            Fact => ("fact", "要素"),
            Scenario => ("scenario", "场景"),
            OnTopic => ("on", "属于"),
            Overrides => ("overrides", "优先于"),
            Otherwise => ("otherwise", "其他"),
            When => ("when", "当"),
            Lead => ("lead", "牵头"),
            Assist => ("assist", "协同"),
            Flow => ("flow", "流程"),
            Handler => ("handler", "承办"),
            And => ("and", "且"),
            Or => ("or", "或"),
            Not => ("not", "非"),
            In => ("in", "属于"),
            Ladder => ("ladder", "分级处置"),
            Level => ("level", "级别"),
            Closes => ("closes", "办结"),
            By => ("by", "经由"),
            Review => ("review", "审核"),
            Within => ("within", "时限"),
            Next => ("next", "转至"),
            Accept => ("accept", "受理"),
            Items => ("items", "事项"),
            All => ("all", "全部"),
            OfficeLimit => ("office-limit", "机构限额"),
            Approved => ("approved-duties", "准入职责"),
            Required => ("required-offices", "必设机构"),
            Test => ("test", "测试"),
            Who => ("who", "谁办"),
            Can => ("can", "能否"),
            Escalate => ("escalate", "逐级上报"),
            Duties => ("duties", "履职清单"),
            OnDate => ("on", "于"),
            Part => ("part", "部分"),
            With => ("with", "情形"),
            Resident => ("resident", "居民"),
            Expect => ("expect", "期望"),
            Allow => ("allow", "允许"),
            Deny => ("deny", "拒绝"),
            NoMatch => ("no-match", "无匹配"),
            Ambiguous => ("ambiguous", "歧义"),
            Conflict => ("conflict", "冲突"),
            Error => ("error", "错误"),
        }
    }

    pub fn text(self, lang: Lang) -> &'static str {
        let (en, zh) = self.forms();
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// Every keyword form the grammar accepts, in English and in Chinese (synonyms included).
pub const ENGLISH_FORMS: &[&str] = &[
    "region",
    "province",
    "city",
    "county",
    "township",
    "village",
    "grid",
    "micro-grid",
    "class",
    "tags",
    "department",
    "unit",
    "kind",
    "of",
    "at",
    "route",
    "to",
    "item",
    "power",
    "territorial",
    "list",
    "type",
    "holder",
    "each",
    "basis",
    "flags",
    "parts",
    "primary",
    "boundary",
    "grant",
    "entrust",
    "statutory",
    "revoke",
    "from",
    "since",
    "until",
    "instrument",
    "reserve",
    "topic",
    "fact",
    "scenario",
    "on",
    "overrides",
    "otherwise",
    "when",
    "lead",
    "assist",
    "flow",
    "handler",
    "and",
    "or",
    "not",
    "in",
    "ladder",
    "level",
    "closes",
    "by",
    "review",
    "within",
    "next",
    "accept",
    "items",
    "all",
    "office-limit",
    "approved-duties",
    "required-offices",
    "test",
    "who",
    "can",
    "escalate",
    "duties",
    "part",
    "with",
    "resident",
    "expect",
    "allow",
    "deny",
    "no-match",
    "ambiguous",
    "conflict",
    "error",
];

/// The Chinese forms, synonyms included.
pub const CHINESE_FORMS: &[&str] = &[
    "区域",
    "省",
    "市",
    "县",
    "区",
    "乡镇",
    "街道",
    "镇",
    "乡",
    "村",
    "社区",
    "网格",
    "微网格",
    "类别",
    "标签",
    "部门",
    "单位",
    "种类",
    "隶属",
    "在",
    "驻",
    "分派",
    "给",
    "事项",
    "属地事项",
    "属地管理",
    "清单",
    "类型",
    "实施主体",
    "每个",
    "依据",
    "标记",
    "部分",
    "主责",
    "属地",
    "赋权",
    "交由",
    "下放",
    "委托",
    "授权",
    "收回",
    "由",
    "来自",
    "自",
    "至",
    "委托书",
    "保留",
    "主题",
    "要素",
    "场景",
    "属于",
    "优先于",
    "其他",
    "当",
    "牵头",
    "协同",
    "流程",
    "承办",
    "且",
    "并且",
    "或",
    "或者",
    "非",
    "分级处置",
    "级别",
    "办结",
    "经由",
    "审核",
    "时限",
    "转至",
    "受理",
    "全部",
    "机构限额",
    "准入职责",
    "必设机构",
    "测试",
    "谁办",
    "能否",
    "逐级上报",
    "履职清单",
    "于",
    "情形",
    "居民",
    "期望",
    "允许",
    "拒绝",
    "无匹配",
    "歧义",
    "冲突",
    "错误",
];

/// Whether a word is a keyword in either language.
pub fn is_keyword(word: &str) -> bool {
    ENGLISH_FORMS.contains(&word) || CHINESE_FORMS.contains(&word)
}

/// The Chinese synonyms of a place level, which carry meaning for a reader (街道 is an urban
/// subdistrict, 镇 a town): kept as written when the output stays Chinese.
pub fn level_synonyms(level: &str) -> &'static [&'static str] {
    match level {
        "county" => &["县", "区"],
        "township" => &["乡镇", "街道", "镇", "乡"],
        "village" => &["村", "社区"],
        _ => &[],
    }
}

/// The keyword language most of a file's keywords are written in (English on a tie).
pub fn dominant(code_words: impl Iterator<Item = String>) -> Lang {
    let (mut en, mut zh) = (0usize, 0usize);
    for word in code_words {
        if ENGLISH_FORMS.contains(&word.as_str()) {
            en += 1;
        } else if CHINESE_FORMS.contains(&word.as_str()) {
            zh += 1;
        }
    }
    if zh > en {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// The kinds of fixed value words, each with its own table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    UnitKind,
    List,
    PowerType,
    /// A route key: a list or a power type.
    RouteKey,
    Class,
    Flag,
    ExpectWord,
}

/// A fixed value word in `lang`, when the word is one the tables know; otherwise `None`.
pub fn translate_value(kind: ValueKind, word: &str, lang: Lang) -> Option<String> {
    let pick = |en: &str, zh: &str| match lang {
        Lang::En => en.to_owned(),
        Lang::Zh => zh.to_owned(),
    };
    match kind {
        ValueKind::UnitKind => UnitKind::from_name(word).map(|k| pick(k.english(), k.chinese())),
        ValueKind::List => ListKind::from_name(word).map(|k| pick(k.english(), k.chinese())),
        ValueKind::PowerType => PowerType::from_name(word).map(|k| pick(k.english(), k.chinese())),
        ValueKind::RouteKey => translate_value(ValueKind::PowerType, word, lang)
            .or_else(|| translate_value(ValueKind::List, word, lang)),
        ValueKind::Class => TownshipClass::from_name(word).map(|k| pick(k.english(), k.chinese())),
        ValueKind::Flag => NON_DELEGABLE
            .contains(&word)
            .then(|| pick("non-delegable", "不得下放")),
        ValueKind::ExpectWord => {
            let (_, english) = EXPECT_WORDS.iter().find(|(w, _)| *w == word)?;
            match lang {
                Lang::En => Some((*english).to_owned()),
                Lang::Zh => EXPECT_WORDS
                    .iter()
                    .find(|(w, e)| e == english && w != english)
                    .map(|(w, _)| (*w).to_owned()),
            }
        }
    }
}

/// A time limit with its unit in `lang`: `30min` ↔ `30分钟`, `4wd` ↔ `4工作日`.
pub fn translate_duration(text: &str, lang: Lang) -> Option<String> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let unit = DurationUnit::from_suffix(text.get(digits.len()..)?)?;
    let suffix = match lang {
        Lang::En => unit.suffix(),
        Lang::Zh => match unit {
            DurationUnit::Minutes => "分钟",
            DurationUnit::Hours => "小时",
            DurationUnit::Days => "天",
            DurationUnit::WorkingHours => "工作小时",
            DurationUnit::WorkingDays => "工作日",
        },
    };
    Some(format!("{digits}{suffix}"))
}
