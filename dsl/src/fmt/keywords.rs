//! The keywords of the grammar with every form ([`KEYWORDS`]), the ones the formatter writes in
//! each language ([`Kw`]), and the fixed value words it may translate. The canonical form of a
//! keyword in a language is the first form the grammar lists for it (docs/LANGUAGE.md has the
//! table). A test below holds [`KEYWORDS`] equal to `grammar.pest`; `tests/tests/docs.rs`
//! holds the language reference equal to both.

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
    NeedsFacts,
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
            NeedsFacts => ("needs-facts", "缺少要素"),
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

/// Every keyword of the grammar with all its forms, English and Chinese, synonyms included:
/// one row per `kw_…` rule of `grammar.pest`, named without the `kw_` prefix, forms in the
/// grammar's order (so the first ASCII form and the first other form are the canonical ones).
/// The grammar is what the parser runs; this table is its copy for the formatter and for
/// did-you-mean help, and a test holds the two equal (docs/LANGUAGE.md is held to the grammar
/// too).
pub const KEYWORDS: &[(&str, &[&str])] = &[
    ("region", &["region", "区域"]),
    ("province", &["province", "省"]),
    ("city", &["city", "市"]),
    ("county", &["county", "县", "区"]),
    ("township", &["township", "乡镇", "街道", "镇", "乡"]),
    ("village", &["village", "村", "社区"]),
    ("grid", &["grid", "网格"]),
    ("microgrid", &["micro-grid", "微网格"]),
    ("class", &["class", "类别"]),
    ("tags", &["tags", "标签"]),
    ("department", &["department", "部门"]),
    ("unit", &["unit", "单位"]),
    ("kind", &["kind", "种类"]),
    ("of", &["of", "隶属"]),
    ("at", &["at", "在", "驻"]),
    ("route", &["route", "分派"]),
    ("to", &["to", "给"]),
    ("item", &["item", "power", "事项"]),
    ("territorial", &["territorial", "属地事项", "属地管理"]),
    ("list", &["list", "清单"]),
    ("type", &["type", "类型"]),
    ("holder", &["holder", "实施主体"]),
    ("each", &["each", "每个"]),
    ("basis", &["basis", "依据"]),
    ("flags", &["flags", "标记"]),
    ("parts", &["parts", "部分"]),
    ("primary", &["primary", "主责"]),
    ("boundary", &["boundary", "属地"]),
    ("grant", &["grant", "赋权", "交由", "下放"]),
    ("entrust", &["entrust", "委托"]),
    ("statutory", &["statutory", "授权"]),
    ("revoke", &["revoke", "收回"]),
    ("from", &["from", "由", "来自"]),
    ("since", &["since", "自"]),
    ("until", &["until", "至"]),
    ("instrument", &["instrument", "委托书"]),
    ("reserve", &["reserve", "保留"]),
    ("topic", &["topic", "主题"]),
    ("fact", &["fact", "要素"]),
    ("scenario", &["scenario", "场景"]),
    ("on_topic", &["on", "属于"]),
    ("overrides", &["overrides", "优先于"]),
    ("otherwise", &["otherwise", "其他"]),
    ("when", &["when", "当"]),
    ("lead", &["lead", "牵头"]),
    ("assist", &["assist", "协同"]),
    ("flow", &["flow", "流程"]),
    ("handler", &["handler", "承办"]),
    ("and", &["and", "且", "并且"]),
    ("or", &["or", "或", "或者"]),
    ("not", &["not", "非"]),
    ("in", &["in", "属于"]),
    ("ladder", &["ladder", "分级处置"]),
    ("level", &["level", "级别"]),
    ("closes", &["closes", "办结"]),
    ("by", &["by", "经由"]),
    ("review", &["review", "审核"]),
    ("within", &["within", "时限"]),
    ("next", &["next", "转至"]),
    ("accept", &["accept", "受理"]),
    ("items", &["items", "事项"]),
    ("all", &["all", "全部"]),
    ("office_limit", &["office-limit", "机构限额"]),
    ("approved", &["approved-duties", "准入职责"]),
    ("required", &["required-offices", "必设机构"]),
    ("test", &["test", "测试"]),
    ("who", &["who", "谁办"]),
    ("can", &["can", "能否"]),
    ("escalate", &["escalate", "逐级上报"]),
    ("duties", &["duties", "履职清单"]),
    ("on_date", &["on", "于"]),
    ("part", &["part", "部分"]),
    ("with", &["with", "情形"]),
    ("resident", &["resident", "居民"]),
    ("expect", &["expect", "期望"]),
    ("allow", &["allow", "允许"]),
    ("deny", &["deny", "拒绝"]),
    ("no_match", &["no-match", "无匹配"]),
    ("needs_facts", &["needs-facts", "缺少要素"]),
    ("ambiguous", &["ambiguous", "歧义"]),
    ("conflict", &["conflict", "冲突"]),
    ("error", &["error", "错误"]),
];

/// Whether a keyword form is English (the English forms are ASCII, the Chinese ones are not).
fn is_english(form: &str) -> bool {
    form.is_ascii()
}

/// Every keyword form, English and Chinese.
pub fn all_forms() -> impl Iterator<Item = &'static str> {
    KEYWORDS.iter().flat_map(|(_, forms)| forms.iter().copied())
}

/// Whether a word is a keyword in either language.
pub fn is_keyword(word: &str) -> bool {
    all_forms().any(|form| form == word)
}

/// The keyword forms nearest to `word` when it is not a keyword itself but close to one (a
/// typing slip: `属地事居` for `属地事项`, `sinse` for `since`).
pub fn nearest_keywords(word: &str) -> Vec<&'static str> {
    if is_keyword(word) {
        return Vec::new();
    }
    nearest_words(word, all_forms())
}

/// The fixed words nearest to `word`, for a slip in typing one: at most one character off for
/// a word of two to four characters, two for a longer one, nothing for a single character (one
/// character off is then another word entirely); the nearest only, at most three. Stricter
/// than the suggestions for names, which also accept a name that contains the word: a fixed
/// word such as `镇` is contained in many names.
pub fn nearest_words(
    word: &str,
    candidates: impl Iterator<Item = &'static str>,
) -> Vec<&'static str> {
    let len = word.chars().count();
    let limit = match len {
        0 | 1 => return Vec::new(),
        2..=4 => 1,
        _ => 2,
    };
    let mut scored: Vec<(usize, &'static str)> = candidates
        .filter(|form| *form != word)
        .map(|form| (strsim::levenshtein(word, form), form))
        .filter(|(d, _)| *d <= limit)
        .collect();
    scored.sort();
    scored.dedup();
    let best = scored.first().map_or(0, |(d, _)| *d);
    scored
        .into_iter()
        .take_while(|(d, _)| *d == best)
        .take(3)
        .map(|(_, form)| form)
        .collect()
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
        if is_keyword(&word) {
            if is_english(&word) {
                en += 1;
            } else {
                zh += 1;
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The `kw_…` rules of the grammar: (name without `kw_`, forms in order).
    fn grammar_keywords() -> Vec<(String, Vec<String>)> {
        include_str!("../grammar.pest")
            .lines()
            .filter_map(|line| {
                let rest = line.strip_prefix("kw_")?;
                let name = rest.split_whitespace().next()?.to_owned();
                let forms = line.split('"').skip(1).step_by(2).map(str::to_owned);
                Some((name, forms.collect()))
            })
            .collect()
    }

    #[test]
    fn the_keyword_table_is_the_grammars() {
        let table: Vec<(String, Vec<String>)> = KEYWORDS
            .iter()
            .map(|(name, forms)| {
                let forms = forms.iter().map(|f| (*f).to_owned()).collect();
                ((*name).to_owned(), forms)
            })
            .collect();
        let grammar = grammar_keywords();
        assert!(grammar.len() > 80, "{} keyword rules", grammar.len());
        assert_eq!(table, grammar);
    }

    #[test]
    fn every_keyword_has_an_english_and_a_chinese_form() {
        for (name, forms) in KEYWORDS {
            assert!(forms.iter().any(|f| is_english(f)), "{name}");
            assert!(forms.iter().any(|f| !is_english(f)), "{name}");
        }
    }

    #[test]
    fn a_word_one_slip_from_a_keyword_finds_it() {
        assert_eq!(nearest_keywords("属地事居"), ["属地事项"]);
        assert_eq!(nearest_keywords("sinse"), ["since"]);
        assert_eq!(nearest_keywords("teritorial"), ["territorial"]);
        // Keywords, single characters and names far from every keyword find nothing.
        for word in [
            "属地事项",
            "since",
            "镇",
            "慈城镇",
            "住建局",
            "330205-CF-001",
        ] {
            assert_eq!(nearest_keywords(word), Vec::<&str>::new(), "{word}");
        }
    }
}
