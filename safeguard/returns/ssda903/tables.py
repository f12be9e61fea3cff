"""The SSDA903 tables this version imports, column by column (domain reference, section 4.1)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "ref", "date", "code", "int", "upn" or "text"
    required: bool = True
    codelist: str = ""
    low: int = 0
    high: int = 0
    max_length: int = 0


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"


CHILD = Column("CHILD", "ref", max_length=10)
DOB = Column("DOB", "date")


def _code(name: str, codelist: str, required: bool = True) -> Column:
    return Column(name, "code", required=required, codelist=codelist)


def _flag(name: str) -> Column:
    return _code(name, "yes_no", required=False)


def _text(name: str, max_length: int) -> Column:
    return Column(name, "text", required=False, max_length=max_length)


HEADER = Table(
    "header",
    (
        CHILD,
        _code("SEX", "sex"),
        DOB,
        _code("ETHNIC", "ethnic"),
        Column("UPN", "upn", required=False),
        _flag("MOTHER"),
        Column("MC_DOB", "date", required=False),
    ),
    key=("CHILD",),
)

EPISODES = Table(
    "episodes",
    (
        CHILD,
        Column("DECOM", "date"),
        _code("RNE", "rne"),
        _code("LS", "legal_status"),
        _code("CIN", "cin_need"),
        _code("PLACE", "placement"),
        _code("PLACE_PROVIDER", "placement_provider", required=False),
        Column("DEC", "date", required=False),
        _code("REC", "reason_ceased", required=False),
        _code("REASON_PLACE_CHANGE", "reason_place_change", required=False),
        _text("HOME_POST", 8),
        _text("PL_POST", 8),
        _text("URN", 8),
    ),
    key=("CHILD", "DECOM"),
)

UASC = Table(
    "uasc",
    (CHILD, _code("SEX", "sex"), DOB, Column("DUC", "date", required=False)),
    key=("CHILD",),
)

MISSING = Table(
    "missing",
    (
        CHILD,
        DOB,
        _code("MISSING", "missing"),
        Column("MIS_START", "date"),
        Column("MIS_END", "date", required=False),
    ),
    key=("CHILD", "MIS_START"),
)

OC2 = Table(
    "oc2",
    (
        CHILD,
        DOB,
        Column("SDQ_SCORE", "int", required=False, low=0, high=40),
        _code("SDQ_REASON", "sdq_reason", required=False),
        _flag("CONVICTED"),
        _flag("HEALTH_CHECK"),
        _flag("IMMUNISATIONS"),
        _flag("TEETH_CHECK"),
        _flag("HEALTH_ASSESSMENT"),
        _flag("SUBSTANCE_MISUSE"),
        _flag("INTERVENTION_RECEIVED"),
        _flag("INTERVENTION_OFFERED"),
    ),
    key=("CHILD",),
)

REVIEWS = Table(
    "reviews",
    (CHILD, DOB, Column("REVIEW", "date"), _code("REVIEW_CODE", "review_code", required=False)),
    key=("CHILD", "REVIEW"),
)

OC3 = Table(
    "oc3",
    (
        CHILD,
        DOB,
        _code("IN_TOUCH", "in_touch"),
        _code("ACTIV", "activity", required=False),
        _code("ACCOM", "accommodation", required=False),
    ),
    key=("CHILD",),
)

AD1 = Table(
    "ad1",
    (
        CHILD,
        DOB,
        Column("DATE_INT", "date"),
        Column("DATE_MATCH", "date"),
        _flag("FOSTER_CARE"),
        _code("NB_ADOPTR", "adopters"),
        _code("SEX_ADOPTR", "adopters_sex"),
        _code("LS_ADOPTR", "adopters_status"),
    ),
    key=("CHILD",),
)

PLACED_FOR_ADOPTION = Table(
    "placed_for_adoption",
    (
        CHILD,
        DOB,
        Column("DATE_PLACED", "date"),
        Column("DATE_PLACED_CEASED", "date", required=False),
        _code("REASON_PLACED_CEASED", "reason_placed_ceased", required=False),
    ),
    key=("CHILD", "DATE_PLACED"),
)

# DATE_PERM may be partly known ("zz/05/2010"), so it is text, as the return gives it.
PREVIOUS_PERMANENCE = Table(
    "previous_permanence",
    (
        CHILD,
        DOB,
        _code("PREV_PERM", "previous_permanence", required=False),
        _text("LA_PERM", 10),
        _text("DATE_PERM", 10),
    ),
    key=("CHILD",),
)

TABLES = {
    t.name: t
    for t in (
        HEADER,
        EPISODES,
        UASC,
        MISSING,
        OC2,
        REVIEWS,
        OC3,
        AD1,
        PLACED_FOR_ADOPTION,
        PREVIOUS_PERMANENCE,
    )
}
