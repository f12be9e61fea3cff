"""Rows of each SSDA903 table from a return's records: for export, and for the difference."""

from collections.abc import Iterator
from typing import Any

from safeguard.returns.canonical import Canonical, as_text, canonical_rows
from safeguard.returns.codelists.ssda903 import SEX
from safeguard.returns.models import (
    Adoption,
    CareEpisode,
    CareLeaver,
    CareReview,
    HealthOutcome,
    MissingEpisode,
    PlacementForAdoption,
    PreviousPermanence,
    ReturnChild,
    StatutoryReturn,
)
from safeguard.returns.ssda903.tables import TABLES

Row = dict[str, Any]


def _flag(value: bool | None) -> str | None:
    return None if value is None else ("1" if value else "0")


def _header(child: ReturnChild, year: int) -> Row:
    return {
        "CHILD": child.child_ref,
        "SEX": SEX.from_internal(child.sex, year=year),
        "DOB": child.date_of_birth,
        "ETHNIC": child.ethnicity,
        "UPN": child.upn or None,
        "MOTHER": _flag(child.mother),
        "MC_DOB": child.mother_child_dob,
    }


def _episode(e: CareEpisode, ref: str) -> Row:
    return {
        "CHILD": ref,
        "DECOM": e.start,
        "RNE": e.reason_new,
        "LS": e.legal_status,
        "CIN": e.category_of_need,
        "PLACE": e.placement,
        "PLACE_PROVIDER": e.placement_provider or None,
        "DEC": e.end,
        "REC": e.reason_ceased or None,
        "REASON_PLACE_CHANGE": e.reason_place_change or None,
        "HOME_POST": e.home_postcode or None,
        "PL_POST": e.placement_postcode or None,
        "URN": e.urn or None,
    }


def _health(h: HealthOutcome, child: ReturnChild) -> Row:
    return {
        "CHILD": child.child_ref,
        "DOB": child.date_of_birth,
        "SDQ_SCORE": h.sdq_score,
        "SDQ_REASON": h.sdq_reason or None,
        "CONVICTED": _flag(h.convicted),
        "HEALTH_CHECK": _flag(h.health_check),
        "IMMUNISATIONS": _flag(h.immunisations),
        "TEETH_CHECK": _flag(h.teeth_check),
        "HEALTH_ASSESSMENT": _flag(h.health_assessment),
        "SUBSTANCE_MISUSE": _flag(h.substance_misuse),
        "INTERVENTION_RECEIVED": _flag(h.intervention_received),
        "INTERVENTION_OFFERED": _flag(h.intervention_offered),
    }


def table_rows(statutory_return: StatutoryReturn) -> dict[str, list[Row]]:
    year = statutory_return.collection_year
    children = {
        c.pk: c
        for c in ReturnChild.objects.filter(statutory_return=statutory_return).order_by("child_ref")
    }
    rows: dict[str, list[Row]] = {name: [] for name in TABLES}
    for child in children.values():
        header = _header(child, year)
        rows["header"].append(header)
        if child.was_uasc:
            rows["uasc"].append(
                {k: header[k] for k in ("CHILD", "SEX", "DOB")} | {"DUC": child.uasc_ceased}
            )
    for e in _in_return(CareEpisode, statutory_return).order_by("child__child_ref", "start"):
        rows["episodes"].append(_episode(e, children[e.child_id].child_ref))
    for m in _in_return(MissingEpisode, statutory_return).order_by("child__child_ref", "start"):
        child = children[m.child_id]
        rows["missing"].append(
            {
                "CHILD": child.child_ref,
                "DOB": child.date_of_birth,
                "MISSING": m.kind,
                "MIS_START": m.start,
                "MIS_END": m.end,
            }
        )
    for h in _in_return(HealthOutcome, statutory_return).order_by("child__child_ref"):
        rows["oc2"].append(_health(h, children[h.child_id]))
    _later_tables(statutory_return, children, rows)
    return rows


def _later_tables(
    statutory_return: StatutoryReturn, children: dict[int, ReturnChild], rows: dict[str, list[Row]]
) -> None:
    def lead(child_id: int) -> Row:
        child = children[child_id]
        return {"CHILD": child.child_ref, "DOB": child.date_of_birth}

    order = ("child__child_ref",)
    for r in _in_return(CareReview, statutory_return).order_by(*order, "held"):
        rows["reviews"].append(
            lead(r.child_id) | {"REVIEW": r.held, "REVIEW_CODE": r.participation or None}
        )
    for c in _in_return(CareLeaver, statutory_return).order_by(*order):
        rows["oc3"].append(
            lead(c.child_id)
            | {
                "IN_TOUCH": c.in_touch,
                "ACTIV": c.activity or None,
                "ACCOM": c.accommodation or None,
            }
        )
    for a in _in_return(Adoption, statutory_return).order_by(*order):
        rows["ad1"].append(
            lead(a.child_id)
            | {
                "DATE_INT": a.decided,
                "DATE_MATCH": a.matched,
                "FOSTER_CARE": _flag(a.by_foster_carers),
                "NB_ADOPTR": a.adopters,
                "SEX_ADOPTR": a.adopters_sex,
                "LS_ADOPTR": a.adopters_status,
            }
        )
    for p in _in_return(PlacementForAdoption, statutory_return).order_by(*order, "placed"):
        rows["placed_for_adoption"].append(
            lead(p.child_id)
            | {
                "DATE_PLACED": p.placed,
                "DATE_PLACED_CEASED": p.ceased,
                "REASON_PLACED_CEASED": p.reason_ceased or None,
            }
        )
    for q in _in_return(PreviousPermanence, statutory_return).order_by(*order):
        rows["previous_permanence"].append(
            lead(q.child_id)
            | {
                "PREV_PERM": q.option or None,
                "LA_PERM": q.local_authority or None,
                "DATE_PERM": q.date or None,
            }
        )


def _in_return(model: Any, statutory_return: StatutoryReturn) -> Any:
    return model.objects.filter(child__statutory_return=statutory_return)


def canonical_of(rows: dict[str, list[Row]]) -> Canonical:
    return {
        name: canonical_rows(TABLES[name].column_names, TABLES[name].key, rows.get(name, []))
        for name in TABLES
    }


def iter_csv_lines(rows: list[Row], columns: tuple[str, ...]) -> Iterator[list[str]]:
    yield list(columns)
    for r in rows:
        yield [as_text(r[c]) for c in columns]
