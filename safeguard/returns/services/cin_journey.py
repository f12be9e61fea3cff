"""Writing a CIN census as the children's journey: referrals, assessments, s47s and plans."""

import uuid
from typing import Any

from safeguard.partners.models import Agency
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
from safeguard.returns.services.linking import children_link

Rows = dict[str, list[dict[str, Any]]]
BATCH = 2000


def _for_linking(child: dict[str, Any], year: int) -> dict[str, Any]:
    """A census child in the shape the linker reads (the SSDA903 header's)."""
    return {
        "CHILD": child["LAchildID"],
        "UPN": child["UPN"],
        "DOB": child["PersonBirthDate"] or child["ExpectedPersonBirthDate"],
        "ETHNIC": child["Ethnicity"],
        "_sex": GENDER.to_internal(child["Gender"], year=year),
    }


def _children(
    statutory_return: StatutoryReturn, agency: Agency, rows: Rows
) -> dict[str, ReturnChild]:
    year = statutory_return.collection_year
    header = [_for_linking(c, year) for c in rows["child"]]
    links = children_link(agency=agency, header=header)
    children = {
        h["CHILD"]: ReturnChild(
            statutory_return=statutory_return,
            child_ref=h["CHILD"],
            person_id=links[h["CHILD"]].person_id,
            link_status=links[h["CHILD"]].status,
            sex=h["_sex"],
            date_of_birth=h["DOB"],
            unborn=c["PersonBirthDate"] is None,
            death_date=c["PersonDeathDate"],
            ethnicity=c["Ethnicity"],
            upn=c["UPN"] or c["UPNunknown"] or "",
            disabilities=list(c["Disabilities"]),
        )
        for h, c in zip(header, rows["child"], strict=True)
    }
    ReturnChild.objects.bulk_create(children.values(), batch_size=BATCH)
    return children


def _iso(dates: tuple[Any, ...]) -> list[str]:
    return [d.isoformat() for d in dates]


def cin_journey_write(
    *, statutory_return: StatutoryReturn, agency: Agency, rows: Rows
) -> list[uuid.UUID]:
    """Writes the census's journey; returns the people it concerns, for the access log."""
    children = _children(statutory_return, agency, rows)
    episodes = {
        (r["LAchildID"], r["CINreferralDate"]): ChildInNeedEpisode(
            child=children[r["LAchildID"]],
            referral_date=r["CINreferralDate"],
            referral_source=r["ReferralSource"],
            primary_need=r["PrimaryNeedCode"] or "",
            closure_date=r["CINclosureDate"],
            closure_reason=r["ReasonForClosure"] or "",
            initial_cpc_date=r["DateOfInitialCPC"],
            referral_nfa=r["ReferralNFA"],
        )
        for r in rows["cin_details"]
    }
    ChildInNeedEpisode.objects.bulk_create(episodes.values(), batch_size=BATCH)

    def of(r: dict[str, Any]) -> ChildInNeedEpisode:
        return episodes[(r["LAchildID"], r["CINreferralDate"])]

    Assessment.objects.bulk_create(
        (
            Assessment(
                episode=of(r),
                start=r["AssessmentActualStartDate"],
                review_date=r["AssessmentInternalReviewDate"],
                authorised=r["AssessmentAuthorisationDate"],
                factors=list(r["AssessmentFactors"]),
            )
            for r in rows["assessments"]
        ),
        batch_size=BATCH,
    )
    ChildInNeedPlan.objects.bulk_create(
        (
            ChildInNeedPlan(episode=of(r), start=r["CINPlanStartDate"], end=r["CINPlanEndDate"])
            for r in rows["cin_plans"]
        ),
        batch_size=BATCH,
    )
    Section47Enquiry.objects.bulk_create(
        (
            Section47Enquiry(
                episode=of(r),
                start=r["S47ActualStartDate"],
                icpc_target=r["InitialCPCtarget"],
                icpc_date=r["DateOfInitialCPC"],
                icpc_not_required=r["ICPCnotRequired"],
            )
            for r in rows["section47"]
        ),
        batch_size=BATCH,
    )
    ProtectionPlan.objects.bulk_create(
        (
            ProtectionPlan(
                episode=of(r),
                start=r["CPPstartDate"],
                end=r["CPPendDate"],
                initial_category=r["InitialCategoryOfAbuse"],
                latest_category=r["LatestCategoryOfAbuse"],
                previous_plans=r["NumberOfPreviousCPP"],
                review_dates=_iso(r["CPPreviewDates"]),
            )
            for r in rows["cp_plans"]
        ),
        batch_size=BATCH,
    )
    return [c.person_id for c in children.values() if c.person_id is not None]
