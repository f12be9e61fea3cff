"""Writing a return's rows as the children's journey: children, episodes, missing, health."""

import uuid
from typing import Any

from safeguard.partners.models import Agency
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
from safeguard.returns.services.linking import children_link

Rows = dict[str, list[dict[str, Any]]]
BATCH = 2000


def _flag(value: str | None) -> bool | None:
    return None if value is None else value == "1"


def _children(
    statutory_return: StatutoryReturn, agency: Agency, rows: Rows
) -> dict[str, ReturnChild]:
    links = children_link(agency=agency, header=rows["header"])
    uasc = {r["CHILD"]: r for r in rows.get("uasc", [])}
    children = {
        r["CHILD"]: ReturnChild(
            statutory_return=statutory_return,
            child_ref=r["CHILD"],
            person_id=links[r["CHILD"]].person_id,
            link_status=links[r["CHILD"]].status,
            sex=r["_sex"],
            date_of_birth=r["DOB"],
            ethnicity=r["ETHNIC"],
            upn=r["UPN"] or "",
            mother=_flag(r["MOTHER"]),
            mother_child_dob=r["MC_DOB"],
            was_uasc=r["CHILD"] in uasc,
            uasc_ceased=uasc[r["CHILD"]]["DUC"] if r["CHILD"] in uasc else None,
        )
        for r in rows["header"]
    }
    ReturnChild.objects.bulk_create(children.values(), batch_size=BATCH)
    return children


def journey_write(
    *, statutory_return: StatutoryReturn, agency: Agency, rows: Rows
) -> list[uuid.UUID]:
    """Writes the journey rows; returns the people they concern, for the access log."""
    children = _children(statutory_return, agency, rows)
    CareEpisode.objects.bulk_create(
        (
            CareEpisode(
                child=children[r["CHILD"]],
                start=r["DECOM"],
                end=r["DEC"],
                reason_new=r["RNE"],
                legal_status=r["LS"],
                category_of_need=r["CIN"],
                placement=r["PLACE"],
                placement_provider=r["PLACE_PROVIDER"] or "",
                reason_ceased=r["REC"] or "",
                reason_place_change=r["REASON_PLACE_CHANGE"] or "",
                home_postcode=r["HOME_POST"] or "",
                placement_postcode=r["PL_POST"] or "",
                urn=r["URN"] or "",
            )
            for r in rows.get("episodes", [])
        ),
        batch_size=BATCH,
    )
    MissingEpisode.objects.bulk_create(
        (
            MissingEpisode(
                child=children[r["CHILD"]],
                kind=r["MISSING"],
                start=r["MIS_START"],
                end=r["MIS_END"],
            )
            for r in rows.get("missing", [])
        ),
        batch_size=BATCH,
    )
    HealthOutcome.objects.bulk_create(
        (
            HealthOutcome(
                child=children[r["CHILD"]],
                sdq_score=r["SDQ_SCORE"],
                sdq_reason=r["SDQ_REASON"] or "",
                **{
                    field: _flag(r[field.upper()])
                    for field in (
                        "convicted",
                        "health_check",
                        "immunisations",
                        "teeth_check",
                        "health_assessment",
                        "substance_misuse",
                        "intervention_received",
                        "intervention_offered",
                    )
                },
            )
            for r in rows.get("oc2", [])
        ),
        batch_size=BATCH,
    )
    _later_tables(children, rows)
    return [c.person_id for c in children.values() if c.person_id is not None]


def _later_tables(children: dict[str, ReturnChild], rows: Rows) -> None:
    """Reviews, care leavers, adoption and previous permanence."""
    CareReview.objects.bulk_create(
        (
            CareReview(
                child=children[r["CHILD"]],
                held=r["REVIEW"],
                participation=r["REVIEW_CODE"] or "",
            )
            for r in rows.get("reviews", [])
        ),
        batch_size=BATCH,
    )
    CareLeaver.objects.bulk_create(
        CareLeaver(
            child=children[r["CHILD"]],
            in_touch=r["IN_TOUCH"],
            activity=r["ACTIV"] or "",
            accommodation=r["ACCOM"] or "",
        )
        for r in rows.get("oc3", [])
    )
    Adoption.objects.bulk_create(
        Adoption(
            child=children[r["CHILD"]],
            decided=r["DATE_INT"],
            matched=r["DATE_MATCH"],
            by_foster_carers=_flag(r["FOSTER_CARE"]),
            adopters=r["NB_ADOPTR"],
            adopters_sex=r["SEX_ADOPTR"],
            adopters_status=r["LS_ADOPTR"],
        )
        for r in rows.get("ad1", [])
    )
    PlacementForAdoption.objects.bulk_create(
        PlacementForAdoption(
            child=children[r["CHILD"]],
            placed=r["DATE_PLACED"],
            ceased=r["DATE_PLACED_CEASED"],
            reason_ceased=r["REASON_PLACED_CEASED"] or "",
        )
        for r in rows.get("placed_for_adoption", [])
    )
    PreviousPermanence.objects.bulk_create(
        PreviousPermanence(
            child=children[r["CHILD"]],
            option=r["PREV_PERM"] or "",
            local_authority=r["LA_PERM"] or "",
            date=r["DATE_PERM"] or "",
        )
        for r in rows.get("previous_permanence", [])
    )
