//! Items (事项): entries of a responsibility list, with holder, legal basis and flags.

use crate::ids::{PlaceId, UnitId};
use crate::model::jurisdiction::Kinds;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// The six township lists of the Ningbo reform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ListKind {
    /// 权力事项
    Power,
    /// 属地管理事项
    Territorial,
    /// 行政执法事项
    Enforcement,
    /// 政务服务事项
    Service,
    /// 村社履职事项
    VillageDuty,
    /// 协助配合事项
    Assistance,
}

impl ListKind {
    pub const ALL: [ListKind; 6] = [
        ListKind::Power,
        ListKind::Territorial,
        ListKind::Enforcement,
        ListKind::Service,
        ListKind::VillageDuty,
        ListKind::Assistance,
    ];

    pub fn english(self) -> &'static str {
        match self {
            ListKind::Power => "power",
            ListKind::Territorial => "territorial",
            ListKind::Enforcement => "enforcement",
            ListKind::Service => "service",
            ListKind::VillageDuty => "village-duty",
            ListKind::Assistance => "assistance",
        }
    }

    /// The short Chinese name; the long form adds 事项.
    pub fn chinese(self) -> &'static str {
        match self {
            ListKind::Power => "权力",
            ListKind::Territorial => "属地管理",
            ListKind::Enforcement => "行政执法",
            ListKind::Service => "政务服务",
            ListKind::VillageDuty => "村社履职",
            ListKind::Assistance => "协助配合",
        }
    }

    /// Accepts the English name, the short Chinese name, or the Chinese name with 事项.
    pub fn from_name(name: &str) -> Option<ListKind> {
        let short = name.strip_suffix("事项").unwrap_or(name);
        ListKind::ALL
            .into_iter()
            .find(|l| l.english() == name || l.chinese() == short)
    }
}

/// The ten power types (职权类型, "9+X").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PowerType {
    Licensing,
    Penalty,
    Coercion,
    Levy,
    Benefit,
    Inspection,
    Certification,
    Reward,
    Adjudication,
    Other,
}

impl PowerType {
    pub const ALL: [PowerType; 10] = [
        PowerType::Licensing,
        PowerType::Penalty,
        PowerType::Coercion,
        PowerType::Levy,
        PowerType::Benefit,
        PowerType::Inspection,
        PowerType::Certification,
        PowerType::Reward,
        PowerType::Adjudication,
        PowerType::Other,
    ];

    pub fn english(self) -> &'static str {
        match self {
            PowerType::Licensing => "licensing",
            PowerType::Penalty => "penalty",
            PowerType::Coercion => "coercion",
            PowerType::Levy => "levy",
            PowerType::Benefit => "benefit",
            PowerType::Inspection => "inspection",
            PowerType::Certification => "certification",
            PowerType::Reward => "reward",
            PowerType::Adjudication => "adjudication",
            PowerType::Other => "other",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            PowerType::Licensing => "行政许可",
            PowerType::Penalty => "行政处罚",
            PowerType::Coercion => "行政强制",
            PowerType::Levy => "行政征收",
            PowerType::Benefit => "行政给付",
            PowerType::Inspection => "行政检查",
            PowerType::Certification => "行政确认",
            PowerType::Reward => "行政奖励",
            PowerType::Adjudication => "行政裁决",
            PowerType::Other => "其他行政权力",
        }
    }

    pub fn from_name(name: &str) -> Option<PowerType> {
        PowerType::ALL
            .into_iter()
            .find(|p| p.english() == name || p.chinese() == name)
    }
}

/// Who exercises an item by default (实施主体).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Holder {
    Unit(UnitId),
    /// `holder each township`: the township that contains the place.
    EachTownship,
    /// `holder each village`: the village or community that contains the place.
    EachVillage,
}

/// A legal basis (依据), kept as written; [`Basis::document`] and [`Basis::provision`] split it
/// where it can be. Only the text is stored (a province cites the same few laws half a million
/// times), and it is written as a plain string.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Basis {
    #[serde(deserialize_with = "crate::model::text::string")]
    pub text: String,
}

impl Basis {
    pub fn parse(text: &str) -> Basis {
        Basis {
            text: text.to_owned(),
        }
    }

    /// The title between 《 and 》 and what follows it, if the text has a title.
    fn split(&self) -> Option<(&str, &str)> {
        let open = self.text.find('《')?;
        let after_open = open + '《'.len_utf8();
        let rest = self.text.get(after_open..)?;
        let close = rest.find('》')?;
        let document = rest.get(..close)?;
        let provision = rest.get(close + '》'.len_utf8()..).unwrap_or("").trim();
        Some((document, provision))
    }

    /// The title between 《 and 》, if the text has one.
    pub fn document(&self) -> Option<&str> {
        self.split().map(|(document, _)| document)
    }

    /// What follows the title, e.g. `第二十六条`; `None` when nothing does.
    pub fn provision(&self) -> Option<&str> {
        self.split()
            .map(|(_, provision)| provision)
            .filter(|p| !p.is_empty())
    }
}

/// The main and cooperating responsibility of a territorial item (属地管理).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Territorial {
    /// The department that keeps the main responsibility (主体责任).
    pub primary: UnitId,
    /// The township's cooperation duties (配合责任): 发现, 劝阻, 报告 …
    pub township_duties: Vec<String>,
    /// Where the main responsibility is written: the `primary` clause, or the holder's name
    /// when the item has no `primary` clause ([`Span::DETACHED`] when built in code).
    pub primary_span: Span,
    /// Where each of `township_duties` is written, in the same order (empty when built in
    /// code). Like every span, these take no part in equality.
    pub duty_spans: Vec<Span>,
}

impl Territorial {
    /// The span of the `i`-th township duty, or `fallback` when it has none.
    pub fn duty_span(&self, i: usize, fallback: Span) -> Span {
        self.duty_spans.get(i).copied().unwrap_or(fallback)
    }
}

/// An entry of a responsibility list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// The code, unique in the rule set, e.g. `330205-CF-001`.
    #[serde(deserialize_with = "crate::model::text::string")]
    pub code: String,
    #[serde(deserialize_with = "crate::model::text::string")]
    pub name: String,
    pub list: ListKind,
    pub power_type: Option<PowerType>,
    pub holder: Holder,
    /// For a level holder, the kinds of township or village that hold it (`each 镇`: towns
    /// only; the item does not apply in a 街道); [`Kinds::ANY`] for `each township`.
    #[serde(default)]
    pub holder_kinds: Kinds,
    /// The region the item was declared in; `None` at the top level. An item held by a
    /// level (`each township`) applies inside this region only.
    pub region: Option<PlaceId>,
    pub basis: Box<[Basis]>,
    /// 限制人身自由 and the like: no delegation may move it.
    pub non_delegable: bool,
    /// Named parts a delegation may reserve (e.g. 没收较大数额财物).
    pub parts: Box<[String]>,
    pub territorial: Option<Box<Territorial>>,
    pub span: Span,
}

#[cfg(test)]
mod tests {
    use super::Basis;

    #[test]
    fn a_basis_splits_into_document_and_provision() {
        let both = Basis::parse("《城市建筑垃圾管理规定》第二十六条");
        assert_eq!(both.document(), Some("城市建筑垃圾管理规定"));
        assert_eq!(both.provision(), Some("第二十六条"));
        let title = Basis::parse("《浙江省综合行政执法条例》");
        assert_eq!(title.document(), Some("浙江省综合行政执法条例"));
        assert_eq!(title.provision(), None);
        for plain in ["县政府赋权决定", "《未闭合的书名", ""] {
            let basis = Basis::parse(plain);
            assert_eq!(
                (basis.document(), basis.provision()),
                (None, None),
                "{plain}"
            );
        }
    }

    #[test]
    fn a_basis_is_written_as_its_text() {
        let basis = Basis::parse("《规定》第1条");
        assert_eq!(serde_json::to_string(&basis).unwrap(), "\"《规定》第1条\"");
    }
}
