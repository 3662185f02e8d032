//! The syntax tree of one rule file, with spans. It mirrors what was written: names stay
//! strings, keywords are gone (both languages give the same tree), comments sit in a side table.

use quanze_core::Span;

/// A name or other word as written, with its span. A qualified name keeps its `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub span: Span,
}

/// A comment and where it stands, kept for the formatter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub text: String,
    pub span: Span,
}

/// One parsed file.
#[derive(Clone, Debug, Default)]
pub struct File {
    pub decls: Vec<Decl>,
    pub comments: Vec<Comment>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decl {
    Place(PlaceDecl),
    Unit(UnitDecl),
    Route(RouteDecl),
    Item(ItemDecl),
    Delegation(DelegationDecl),
    Topic(TopicDecl),
    Scenario(ScenarioDecl),
    Ladder(LadderDecl),
    Accept(AcceptDecl),
    Org(OrgDecl),
    Test(TestDecl),
}

/// `region 江北区 county { … }` or `township 慈城镇 class 一般 { … }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceDecl {
    pub name: Word,
    /// The level, as its English keyword (`county`, `township` …), at the word's span.
    pub level: Word,
    /// The level word exactly as written (`街道`, `乡镇`, `township` …): it may name a kind.
    pub written_level: String,
    pub class: Option<Word>,
    pub tags: Vec<Word>,
    pub children: Vec<Decl>,
    pub span: Span,
}

/// `department X [at P]` or `unit X kind K [of PARENT] [at SEAT]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitDecl {
    pub name: Word,
    /// `None` for `department`, which fixes the kind.
    pub kind: Option<Word>,
    pub parent: Option<Word>,
    pub seat: Option<Word>,
    pub span: Span,
}

/// `route UNIT KEY to OFFICE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteDecl {
    pub unit: Word,
    pub key: Word,
    pub to: Word,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HolderSyntax {
    /// `each township` / `每个 街道`: the span of the clause and the level word as written.
    EachTownship(Span, Word),
    EachVillage(Span, Word),
    Named(Word),
}

/// `item CODE "NAME" { … }` or `territorial CODE "NAME" { … }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemDecl {
    pub territorial: bool,
    pub code: Word,
    pub name: Option<Word>,
    pub list: Option<Word>,
    pub power_type: Option<Word>,
    pub holder: Option<HolderSyntax>,
    pub basis: Vec<Word>,
    pub flags: Vec<Word>,
    pub parts: Vec<Word>,
    pub primary: Option<Word>,
    /// The whole `primary UNIT` clause, keyword included.
    pub primary_clause: Option<Span>,
    pub township_duties: Option<Vec<Word>>,
    /// Clauses given twice: (the clause's keyword span) for a diagnostic.
    pub repeated: Vec<Span>,
    pub span: Span,
}

impl ItemDecl {
    /// A declaration with its head read and no clause yet.
    pub fn new(territorial: bool, code: Word, name: Option<Word>, span: Span) -> ItemDecl {
        ItemDecl {
            territorial,
            code,
            name,
            list: None,
            power_type: None,
            holder: None,
            basis: Vec::new(),
            flags: Vec::new(),
            parts: Vec::new(),
            primary: None,
            primary_clause: None,
            township_duties: None,
            repeated: Vec::new(),
            span,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DelegationKind {
    Grant,
    Entrust,
    Statutory,
    Revoke,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetSyntax {
    /// A township (named) or a county (all its townships).
    Named(Word),
    /// `COUNTY class C` / `COUNTY C 乡镇` / `COUNTY 特大 街道` / `COUNTY 街道`; the county is the
    /// holder's when omitted; the township word, when written, may name a kind (街道, 镇, 乡).
    Class {
        county: Option<Word>,
        class: Option<Word>,
        kind: Option<Word>,
        span: Span,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DelegationDecl {
    pub kind: DelegationKind,
    pub items: Vec<Word>,
    pub from: Option<Vec<TargetSyntax>>,
    pub to: Option<Vec<TargetSyntax>>,
    pub since: Option<Word>,
    pub until: Option<Word>,
    pub basis: Option<Word>,
    pub instrument: Option<Word>,
    pub reserve: Vec<Word>,
    pub repeated: Vec<Span>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactDecl {
    pub name: Word,
    pub values: Vec<Word>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicDecl {
    pub name: Word,
    /// `at REGION`: the region the topic serves (else the region block it is declared in).
    pub region: Option<Word>,
    pub facts: Vec<FactDecl>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    Eq { fact: Word, value: Word },
    Ne { fact: Word, value: Word },
    In { fact: Word, values: Vec<Word> },
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoleSyntax {
    Lead(Span),
    HandlerOf(Word),
    Named(Word),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepSyntax {
    pub action: Word,
    pub actor: Option<RoleSyntax>,
    pub limit: Option<Word>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioDecl {
    pub id: Word,
    pub name: Option<Word>,
    pub topic: Option<Word>,
    pub overrides: Vec<Word>,
    pub otherwise: bool,
    pub when: Option<Expr>,
    pub lead: Option<RoleSyntax>,
    pub assist: Vec<RoleSyntax>,
    pub township_duties: Vec<Word>,
    pub flow: Vec<StepSyntax>,
    pub repeated: Vec<Span>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CloseSyntax {
    Grid,
    Village,
    Township,
    Department,
    Named(Word),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelDecl {
    pub severity: Word,
    pub closes: Option<CloseSyntax>,
    pub by: Option<RoleSyntax>,
    pub review: Option<RoleSyntax>,
    pub within: Option<Word>,
    pub next: Option<Word>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LadderDecl {
    pub name: Word,
    pub region: Option<Word>,
    pub levels: Vec<LevelDecl>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SelectorSyntax {
    All,
    List(Word),
    Items(Vec<Word>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcceptDecl {
    pub points: Vec<Word>,
    pub items: Option<SelectorSyntax>,
    pub from: Vec<Word>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrgDecl {
    OfficeLimit {
        limits: Vec<(Word, Word)>,
        region: Option<Word>,
        span: Span,
    },
    ApprovedDuties {
        duties: Vec<Word>,
        region: Option<Word>,
        span: Span,
    },
    RequiredOffices {
        offices: Vec<Word>,
        region: Option<Word>,
        span: Span,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryKind {
    Who,
    Can,
    Scenario,
    Escalate,
    Duties,
    Accept,
}

/// A test's query: its kind, its positional arguments and its keyword clauses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuerySyntax {
    pub kind: QueryKind,
    pub args: Vec<Word>,
    pub at: Option<Word>,
    pub on: Option<Word>,
    pub part: Option<Word>,
    pub facts: Vec<(Word, Word)>,
    pub level: Option<Word>,
    pub item: Option<Word>,
    pub topic: Option<Word>,
    pub resident: Option<Word>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExpectSyntax {
    /// `expect allow`, `expect deny` …: the flag's English name.
    Flag(&'static str, Span),
    /// `expect lead X`, `expect assist [X, Y]` …
    Word {
        word: Word,
        args: Vec<Word>,
        span: Span,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestDecl {
    pub name: Word,
    pub query: QuerySyntax,
    pub expects: Vec<ExpectSyntax>,
    pub span: Span,
}
