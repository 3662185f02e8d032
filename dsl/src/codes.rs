//! The stable codes of the rule language's diagnostics. Codes never change meaning once
//! released; docs/LANGUAGE.md lists them.

/// The text does not follow the grammar.
pub const SYNTAX: &str = "Q0001";
/// Brackets or regions nested deeper than the language allows.
pub const TOO_DEEP: &str = "Q0002";
/// A file could not be read, is too large, or lies outside the rule-set directory.
pub const FILE: &str = "Q0003";
/// A `}` with no block open, or a block never closed.
pub const UNBALANCED: &str = "Q0004";
/// A name that no declaration has.
pub const UNKNOWN_NAME: &str = "Q0101";
/// Two declarations of the same name in the same scope.
pub const DUPLICATE: &str = "Q0102";
/// An unqualified name with several candidates at the same distance.
pub const AMBIGUOUS: &str = "Q0103";
/// A name of the wrong kind here (a county where a township is needed …).
pub const WRONG_KIND: &str = "Q0104";
/// A word the language does not know in this place (a list, a power type, a class …).
pub const UNKNOWN_WORD: &str = "Q0105";
/// A township or village of unknown kind in a rule set that selects by kind (a warning).
pub const UNKNOWN_KIND: &str = "Q0106";
/// A date that is not a day of the calendar.
pub const INVALID_DATE: &str = "Q0201";
/// An interval whose end is not after its start.
pub const EMPTY_INTERVAL: &str = "Q0202";
/// A required clause is missing.
pub const MISSING_CLAUSE: &str = "Q0203";
/// A clause given twice.
pub const REPEATED_CLAUSE: &str = "Q0204";
/// A value out of range (a zero office limit, a number too large …).
pub const INVALID_VALUE: &str = "Q0205";

/// Every code with a one-line summary, in code order.
pub const ALL: &[(&str, &str)] = &[
    (SYNTAX, "syntax error"),
    (TOO_DEEP, "nesting too deep"),
    (FILE, "file cannot be read"),
    (UNBALANCED, "unbalanced braces"),
    (UNKNOWN_NAME, "unknown name"),
    (DUPLICATE, "duplicate declaration"),
    (AMBIGUOUS, "ambiguous name"),
    (WRONG_KIND, "name of the wrong kind"),
    (UNKNOWN_WORD, "unknown word"),
    (UNKNOWN_KIND, "township or village of unknown kind"),
    (INVALID_DATE, "invalid date"),
    (EMPTY_INTERVAL, "empty or inverted interval"),
    (MISSING_CLAUSE, "missing clause"),
    (REPEATED_CLAUSE, "repeated clause"),
    (INVALID_VALUE, "invalid value"),
];
