"""Annex A from Safeguard's records, as at the end of a collection year (31 March).

List 1 (contacts) comes from the MASH's notifications; lists 3 to 8 from the year's current CIN
census and SSDA903 return. The windows are the six months before the date (twelve for counts),
as section 6.1 of the reference gives them.
"""

import datetime as dt
import io
import itertools
import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils import timezone
from openpyxl import Workbook

from safeguard.core.csv_export import safe_cell
from safeguard.mash.models import NotificationChild
from safeguard.people.models import AgencyIdentifier, Allocation
from safeguard.people.presenters import age
from safeguard.returns.annex_a.lists import ABSENT_EPISODES, LISTS, MISSING_EPISODES
from safeguard.returns.codelists import annex_a as labels
from safeguard.returns.codelists.cin import SOURCE_OF_AGENCY_KIND, UNKNOWN_SOURCE
from safeguard.returns.codelists.years import months_before, year_end
from safeguard.returns.models import (
    CareEpisode,
    ChildInNeedEpisode,
    MissingEpisode,
    ProtectionPlan,
    ReturnChild,
    ReturnKind,
    Section47Enquiry,
    StatutoryReturn,
)
from safeguard.returns.services.linking import CHILD_ID_SCHEME

Row = dict[str, Any]


class _Children:
    """The leading columns of a child, and who the child is allocated to."""

    def __init__(self, as_at: dt.date, person_ids: Iterable[uuid.UUID]) -> None:
        self.as_at = as_at
        self.workers: dict[uuid.UUID, tuple[str, str]] = {}
        allocations = Allocation.objects.filter(
            person_id__in=set(person_ids), ended_on__isnull=True
        ).select_related("worker__team")
        for a in allocations:
            team = a.worker.team.name if a.worker.team else ""
            self.workers[a.person_id] = (team, a.worker.full_name)

    def lead(self, ref: str, sex: str, ethnicity: str, born: dt.date | None) -> Row:
        return {
            "Child Unique ID": ref,
            "Gender": labels.GENDER.get(sex, labels.GENDER["U"]),
            "Ethnicity": labels.ETHNICITY.get(ethnicity, ""),
            "Date of Birth": born,
            # An unborn child (an expected date after the list's date) has no age yet.
            "Age of Child (Years)": age(born, today=self.as_at)
            if born and born <= self.as_at
            else None,
        }

    def of(self, child: ReturnChild) -> Row:
        row = self.lead(child.child_ref, child.sex, child.ethnicity, child.date_of_birth)
        team, worker = ("", "")
        if child.person_id is not None:
            team, worker = self.workers.get(child.person_id, ("", ""))
        disabled = [d for d in child.disabilities if d != "NONE"]
        return row | {
            "Allocated Team": team,
            "Allocated Worker": worker,
            "Does the Child have a Disability": labels.YES_NO[bool(disabled)]
            if child.disabilities
            else "",
        }


def _contacts(start: dt.date, end: dt.date) -> list[Row]:
    rows = (
        NotificationChild.objects.filter(
            notification__received_at__date__gte=start, notification__received_at__date__lte=end
        )
        .select_related("person", "notification__source_agency")
        .order_by("notification__received_at", "pk")
    )
    found = list(rows)
    refs = dict(
        AgencyIdentifier.objects.filter(
            scheme=CHILD_ID_SCHEME, person_id__in={r.person_id for r in found if r.person_id}
        ).values_list("person_id", "value")
    )
    children = _Children(end, [])
    out = []
    for r in found:
        person = r.person
        # The council's identifier where it has one; else Safeguard's own, which it never reuses.
        ref = f"SGN{r.pk}"
        if person is not None:
            ref = refs.get(person.pk) or f"SG{person.pk.hex[:10]}"
        received = timezone.localtime(r.notification.received_at).date()
        source = SOURCE_OF_AGENCY_KIND.get(r.notification.source_agency.kind, UNKNOWN_SOURCE)
        row = children.lead(
            ref,
            (person.sex if person else r.sex) or "U",
            (person.ethnicity if person else "") or "",
            (person.date_of_birth if person else None) or r.date_of_birth,
        )
        row["Date of Contact"] = received
        row["Contact Source"] = labels.referral_source(source, year=end.year - 1)
        out.append(row)
    return out


def _current(kind: str, year: int) -> StatutoryReturn | None:
    return StatutoryReturn.objects.filter(kind=kind, collection_year=year, is_current=True).first()


def _need_lists(census: StatutoryReturn, start: dt.date, end: dt.date) -> dict[int, list[Row]]:
    year_ago = months_before(end, 12)
    children = {c.pk: c for c in ReturnChild.objects.filter(statutory_return=census)}
    lead = _Children(end, [c.person_id for c in children.values() if c.person_id])
    episodes = list(
        ChildInNeedEpisode.objects.filter(child__statutory_return=census).prefetch_related(
            "assessments", "section47s", "protection_plans", "cin_plans"
        )
    )
    referrals: dict[int, list[dt.date]] = defaultdict(list)
    s47s: dict[int, list[Section47Enquiry]] = defaultdict(list)
    for e in episodes:
        referrals[e.child_id].append(e.referral_date)
        s47s[e.child_id] += list(e.section47s.all())
    lists: dict[int, list[Row]] = {3: [], 4: [], 5: [], 6: [], 7: []}
    for e in sorted(episodes, key=lambda e: (children[e.child_id].child_ref, e.referral_date)):
        child = lead.of(children[e.child_id])
        plans = list(e.protection_plans.all())
        if start <= e.referral_date <= end:
            lists[3].append(
                child
                | {
                    "Date of Referral": e.referral_date,
                    "Referral Source": labels.referral_source(
                        e.referral_source, year=census.collection_year
                    ),
                    "Referral NFA?": labels.YES_NO[e.referral_nfa],
                    "Number of Referrals in Last 12 Months": sum(
                        1 for d in referrals[e.child_id] if year_ago < d <= e.referral_date
                    ),
                }
            )
        for a in e.assessments.all():
            if start <= a.start <= end or (a.authorised and start <= a.authorised <= end):
                support = bool(plans or list(e.cin_plans.all()) or list(e.section47s.all()))
                lists[4].append(
                    child
                    | {
                        "Continuous Assessment Start Date": a.start,
                        "Continuous Assessment Date of Authorisation": a.authorised,
                        "Was the child assessed as requiring LA children's social care support?": (
                            labels.YES_NO[support] if a.authorised else ""
                        ),
                    }
                )
        for s in e.section47s.all():
            if start <= s.start <= end:
                earlier = [x for x in s47s[e.child_id] if year_ago < x.start <= s.start]
                lists[5].append(child | _s47(s, plans, earlier))
        if e.closure_date is None or e.closure_date >= start:
            lists[6].append(child | _need(e, plans))
        for p in plans:
            if p.end is None or p.end >= start:
                lists[7].append(child | _plan(p))
    return lists


def _s47(s: Section47Enquiry, plans: list[ProtectionPlan], earlier: list[Section47Enquiry]) -> Row:
    return {
        "Strategy discussion initiating Section 47 Enquiry Start Date": s.start,
        "Was an Initial Child Protection Conference deemed unnecessary?": labels.YES_NO[
            s.icpc_not_required
        ],
        "Date of Initial Child Protection Conference": s.icpc_date,
        "Did the Initial Child Protection Conference Result in a Child Protection Plan": (
            labels.YES_NO[any(p.start == s.icpc_date for p in plans)] if s.icpc_date else ""
        ),
        "Number of Section 47 Enquiries in the last 12 months": len(earlier),
        "Number of ICPCs in the last 12 months": sum(1 for x in earlier if x.icpc_date),
    }


def _need(e: ChildInNeedEpisode, plans: list[ProtectionPlan]) -> Row:
    if e.closure_date:
        status = "closed"
    elif any(p.end is None for p in plans):
        status = "cp"
    elif any(c.end is None for c in e.cin_plans.all()):
        status = "cin"
    else:
        status = "assessment"
    return {
        "CIN Start Date": e.referral_date,
        "Primary Need Code": e.primary_need,
        "CIN Closure Date": e.closure_date,
        "Reason for Closure": e.closure_reason,
        "Case Status": labels.CASE_STATUS[status],
    }


def _plan(p: ProtectionPlan) -> Row:
    reviews = sorted(p.review_dates)
    return {
        "Child Protection Plan Start Date": p.start,
        "Initial Category of Abuse": labels.category(p.initial_category),
        "Latest Category of Abuse": labels.category(p.latest_category),
        "Date of latest review conference": dt.date.fromisoformat(reviews[-1]) if reviews else None,
        "Child Protection Plan End Date": p.end,
        "Number of Previous Child Protection Plans": p.previous_plans,
    }


def _care_list(care: StatutoryReturn, start: dt.date, end: dt.date) -> list[Row]:
    year_ago = months_before(end, 12)
    children = {c.pk: c for c in ReturnChild.objects.filter(statutory_return=care)}
    lead = _Children(end, [c.person_id for c in children.values() if c.person_id])
    episodes: dict[int, list[CareEpisode]] = defaultdict(list)
    for e in CareEpisode.objects.filter(child__statutory_return=care).order_by("start"):
        episodes[e.child_id].append(e)
    missing: dict[tuple[int, str], int] = defaultdict(int)
    for m in MissingEpisode.objects.filter(child__statutory_return=care, start__gt=year_ago):
        missing[(m.child_id, m.kind)] += 1
    rows = []
    for child_id, eps in sorted(episodes.items(), key=lambda kv: children[kv[0]].child_ref):
        last = eps[-1]
        if last.end is not None and last.end < start:
            continue
        child = children[child_id]
        began = eps[0].start
        for previous, e in itertools.pairwise(eps):
            if previous.end != e.start:
                began = e.start  # a new period of care
        ceased = last.end if last.reason_ceased and last.reason_ceased != "X1" else None
        rows.append(
            lead.of(child)
            | {
                "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": (
                    labels.YES_NO[child.was_uasc]
                ),
                "Date Started to be Looked After": began,
                "Child's Category of Need": last.category_of_need,
                "Start date of current legal status": _status_start(eps),
                "Child's Legal Status": labels.LEGAL_STATUS.get(last.legal_status, ""),
                "Number of Placements in the Last 12 months": sum(
                    1 for e in eps if e.end is None or e.end > year_ago
                ),
                "Date Ceased to be Looked After": ceased,
                "Reason Ceased to be Looked After": labels.REASON_CEASED_LABELS.get(
                    last.reason_ceased, ""
                )
                if ceased
                else "",
                "Start Date of Most Recent Placement": last.start,
                "Placement Type": labels.PLACEMENT.get(last.placement, ""),
                "Placement Provider": labels.PLACEMENT_PROVIDER.get(last.placement_provider, ""),
                "Placement postcode": last.placement_postcode,
                "URN of Placement": last.urn,
                MISSING_EPISODES: missing[(child_id, "M")],
                ABSENT_EPISODES: missing[(child_id, "A")],
            }
        )
    return rows


def _status_start(eps: list[CareEpisode]) -> dt.date:
    began = eps[-1].start
    for e in reversed(eps[:-1]):
        if e.legal_status != eps[-1].legal_status:
            break
        began = e.start
    return began


def annex_a_rows(*, collection_year: int) -> dict[int, list[Row]]:
    """Each list's rows, as at 31 March of the collection year."""
    end = year_end(collection_year)
    start = months_before(end, 6) + dt.timedelta(days=1)
    rows: dict[int, list[Row]] = {n: [] for n in LISTS}
    rows[1] = _contacts(start, end)
    census = _current(ReturnKind.CIN, collection_year)
    if census:
        rows |= _need_lists(census, start, end)
    care = _current(ReturnKind.SSDA903, collection_year)
    if care:
        rows[8] = _care_list(care, start, end)
    return rows


def people_in(*, collection_year: int) -> Q:
    """The people the workbook names, for the access log (as a filter on Person)."""
    end = year_end(collection_year)
    start = months_before(end, 6) + dt.timedelta(days=1)
    contacts = NotificationChild.objects.filter(
        notification__received_at__date__gte=start, notification__received_at__date__lte=end
    ).values("person_id")
    journey = ReturnChild.objects.filter(
        statutory_return__collection_year=collection_year, statutory_return__is_current=True
    ).values("person_id")
    return Q(pk__in=contacts) | Q(pk__in=journey)


def annex_a_workbook(rows: dict[int, list[Row]]) -> bytes:
    """The workbook in Ofsted's layout: a sheet per list, headers in the first row. Text that
    a spreadsheet could take for a formula is written as text."""
    book = Workbook()
    book.remove(book.active)
    for number, spec in LISTS.items():
        sheet = book.create_sheet(spec.sheet)
        sheet.append(list(spec.columns))
        for row in rows.get(number, []):
            sheet.append([_cell(row.get(column)) for column in spec.columns])
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return safe_cell(value)
    return value
