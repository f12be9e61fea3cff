"""The CIN census from a return's records: as flat tables (for the difference) and as XML."""

import datetime as dt
from collections import defaultdict
from typing import Any
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from safeguard.returns.canonical import Canonical, canonical_rows
from safeguard.returns.cin.tables import MODULES, TABLES
from safeguard.returns.codelists.cin import GENDER
from safeguard.returns.models import (
    Assessment,
    ChildInNeedEpisode,
    ChildInNeedPlan,
    ProtectionPlan,
    ReturnChild,
    Section47Enquiry,
    StatutoryReturn,
)
from safeguard.returns.ssda903.reader import UPN_REASONS_MISSING

Row = dict[str, Any]


def _child(c: ReturnChild, year: int) -> Row:
    unknown = c.upn in UPN_REASONS_MISSING
    return {
        "LAchildID": c.child_ref,
        "UPN": None if unknown else c.upn or None,
        "UPNunknown": c.upn if unknown else None,
        "PersonBirthDate": None if c.unborn else c.date_of_birth,
        "ExpectedPersonBirthDate": c.date_of_birth if c.unborn else None,
        "Gender": GENDER.from_internal(c.sex, year=year),
        "PersonDeathDate": c.death_date,
        "Ethnicity": c.ethnicity,
        "Disabilities": tuple(c.disabilities),
    }


def _episode(e: ChildInNeedEpisode, ref: str) -> Row:
    return {
        "LAchildID": ref,
        "CINreferralDate": e.referral_date,
        "ReferralSource": e.referral_source,
        "PrimaryNeedCode": e.primary_need or None,
        "CINclosureDate": e.closure_date,
        "ReasonForClosure": e.closure_reason or None,
        "DateOfInitialCPC": e.initial_cpc_date,
        "ReferralNFA": e.referral_nfa,
    }


def _module(table: str, m: Any, within: Row) -> Row:
    if table == "assessments":
        values = [m.start, m.review_date, m.authorised, tuple(m.factors)]
    elif table == "cin_plans":
        values = [m.start, m.end]
    elif table == "section47":
        values = [m.start, m.icpc_target, m.icpc_date, m.icpc_not_required]
    else:
        dates = tuple(dt.date.fromisoformat(d) for d in m.review_dates)
        values = [
            m.start,
            m.end,
            m.initial_category,
            m.latest_category,
            m.previous_plans,
            dates,
        ]
    return within | dict(zip(TABLES[table].column_names[2:], values, strict=True))


_MODELS: dict[str, Any] = {
    "assessments": Assessment,
    "cin_plans": ChildInNeedPlan,
    "section47": Section47Enquiry,
    "cp_plans": ProtectionPlan,
}


def table_rows(statutory_return: StatutoryReturn) -> dict[str, list[Row]]:
    year = statutory_return.collection_year
    children = {
        c.pk: c
        for c in ReturnChild.objects.filter(statutory_return=statutory_return).order_by("child_ref")
    }
    rows: dict[str, list[Row]] = {name: [] for name in TABLES}
    rows["child"] = [_child(c, year) for c in children.values()]
    episodes = {}
    for e in ChildInNeedEpisode.objects.filter(child__statutory_return=statutory_return).order_by(
        "child__child_ref", "referral_date"
    ):
        episodes[e.pk] = _episode(e, children[e.child_id].child_ref)
        rows["cin_details"].append(episodes[e.pk])
    for table, model in _MODELS.items():
        for m in model.objects.filter(episode__child__statutory_return=statutory_return).order_by(
            "episode__child__child_ref", "episode__referral_date", "start"
        ):
            within = {k: episodes[m.episode_id][k] for k in ("LAchildID", "CINreferralDate")}
            rows[table].append(_module(table, m, within))
    return rows


def canonical_of(rows: dict[str, list[Row]]) -> Canonical:
    return {
        name: canonical_rows(TABLES[name].column_names, TABLES[name].key, rows.get(name, []))
        for name in TABLES
    }


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _fields(parent: Element, table: str, row: Row, year: int, skip: int) -> None:
    for f in TABLES[table].fields[skip:]:
        value = row[f.name]
        if f.kind in ("codes", "dates"):
            if not value:
                continue
            wrapper = {
                "Disabilities": "Disabilities",
                "AssessmentFactors": "FactorsIdentifiedAtAssessment",
                "CPPreviewDates": "Reviews",
            }[f.name]
            holder = SubElement(parent, wrapper)
            for v in value:
                SubElement(holder, f.element_in(year)).text = _text(v)
        elif value is not None:
            SubElement(parent, f.element_in(year)).text = _text(value)


def census_xml(rows: dict[str, list[Row]], *, year: int, lea: str, made: dt.datetime) -> bytes:
    """The census as the DfE's XML: modules in the schema's order, no namespace."""
    message = Element("Message")
    header = SubElement(message, "Header")
    details = SubElement(header, "CollectionDetails")
    for name, value in (("Collection", "CIN"), ("Year", str(year + 1))):
        SubElement(details, name).text = value
    SubElement(details, "ReferenceDate").text = dt.date(year + 1, 3, 31).isoformat()
    source = SubElement(header, "Source")
    for name, value in (
        ("SourceLevel", "L"),
        ("LEA", lea),
        ("SoftwareCode", "Safeguard"),
        ("Release", "1"),
        ("SerialNo", "1"),
        ("DateTime", made.strftime("%Y-%m-%dT%H:%M:%S")),
    ):
        SubElement(source, name).text = value
    children = SubElement(message, "Children")
    modules: dict[str, dict[tuple[str, Any], list[Row]]] = {t: defaultdict(list) for t in MODULES}
    for table in MODULES:
        for r in rows[table]:
            modules[table][(r["LAchildID"], r["CINreferralDate"])].append(r)
    episodes = defaultdict(list)
    for r in rows["cin_details"]:
        episodes[r["LAchildID"]].append(r)
    for c in rows["child"]:
        child = SubElement(children, "Child")
        identifiers = SubElement(child, "ChildIdentifiers")
        _fields(identifiers, "child", c | {"Ethnicity": None, "Disabilities": ()}, year, 0)
        characteristics = SubElement(child, "ChildCharacteristics")
        SubElement(characteristics, "Ethnicity").text = c["Ethnicity"]
        _fields(characteristics, "child", c, year, len(TABLES["child"].fields) - 1)
        for e in episodes[c["LAchildID"]]:
            _episode_xml(SubElement(child, "CINdetails"), e, modules, year)
    indent(message)
    return tostring(message, encoding="utf-8", xml_declaration=True)


def _episode_xml(
    element: Element, e: Row, modules: dict[str, dict[tuple[str, Any], list[Row]]], year: int
) -> None:
    key = (e["LAchildID"], e["CINreferralDate"])
    nfa = e["ReferralNFA"]
    _fields(element, "cin_details", e | {"LAchildID": None, "ReferralNFA": None}, year, 1)
    for table in ("assessments", "cin_plans", "section47"):
        for r in modules[table][key]:
            _fields(SubElement(element, MODULES[table]), table, r, year, 2)
    SubElement(element, "ReferralNFA").text = _text(nfa)
    for r in modules["cp_plans"][key]:
        _fields(SubElement(element, MODULES["cp_plans"]), "cp_plans", r, year, 2)
