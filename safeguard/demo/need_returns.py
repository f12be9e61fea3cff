"""The council's CIN census returns for the demo borough, written as its case system writes them.

Referrals come from the MASH: each decision to refer a child to children's social care (for
assessment, or a strategy discussion) starts a child in need episode. Assessments, section 47
enquiries, conferences and plans follow at plausible timescales. Each year's census is written
as XML and imported through the same path an analyst uses; only the calibration data knows the
targets (the privately fostered children of each year).
"""

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from django.utils import timezone
from tqdm import tqdm

from safeguard.core.actors import Actor
from safeguard.core.calendar import is_working_day, working_days_after
from safeguard.demo import calibration as cal
from safeguard.mash.models import NotificationChild, NotificationConcern
from safeguard.mash.models.choices import Outcome
from safeguard.partners.models import Agency, User
from safeguard.people.models import AgencyIdentifier
from safeguard.returns.codelists.cin import (
    ASSESSMENT_FACTOR,
    PRIVATELY_FOSTERED,
    SOURCE_OF_AGENCY_KIND,
    UNKNOWN_SOURCE,
)
from safeguard.returns.codelists.years import year_end, year_start
from safeguard.returns.services.imports import ReturnFile, return_import
from safeguard.returns.services.linking import CHILD_ID_SCHEME

Row = dict[str, Any]

# Factors whose codes split after 2020: the earlier single code.
EARLIER_FACTOR = {"18B": "18A", "18C": "18A", "19B": "19A", "19C": "19A", "24A": "20"}
CATEGORY_OF_FACTOR = {"16A": "NEG", "17A": "EMO", "18A": "PHY", "18C": "PHY", "19A": "SAB"}


@dataclass
class Child:
    person_id: Any
    ref: str
    born: dt.date
    sex: str
    ethnicity: str
    upn: str
    disabilities: list[str]


@dataclass
class Episode:
    child: Child
    referral: dt.date
    source: str
    strategy: bool
    factors: list[str]
    need: str = "N1"
    closure: dt.date | None = None
    reason: str = ""
    assessment: tuple[dt.date, dt.date] | None = None
    cin_plan: tuple[dt.date, dt.date] | None = None
    s47: tuple[dt.date, dt.date, dt.date | None] | None = None  # start, target, conference
    plan: dict[str, Any] = field(default_factory=dict)


class NeedReturns:
    def __init__(
        self, *, seed: int, scale: float, council: Agency, analyst: User, progress: bool
    ) -> None:
        self.rng = random.Random(seed + 2018)
        self.scale = scale
        self.council = council
        self.analyst = analyst
        self.progress = progress
        self.years = sorted(cal.NEED_PRIVATELY_FOSTERED)

    def run(self) -> None:
        actor = Actor.for_user(self.analyst)
        censuses = self.write_returns()
        bar = tqdm(censuses, desc="Importing censuses", unit=" year", disable=not self.progress)
        for year, census in bar:
            return_import(actor=actor, collection_year=year, files=[census])

    def write_returns(self) -> list[tuple[int, ReturnFile]]:
        episodes = self._episodes()
        self._privately_fostered(episodes)
        years = tqdm(self.years, desc="CIN censuses", unit=" year", disable=not self.progress)
        return [(year, self._census(year, episodes)) for year in years]

    # --- referrals from the MASH, and what followed ---------------------------------------

    def _referrals(self) -> list[tuple[Any, ...]]:
        first, last = year_start(self.years[0]), year_end(self.years[-1])
        return list(
            NotificationChild.objects.filter(
                person__isnull=False,
                person__date_of_birth__isnull=False,
                notification__decision__outcome__in=(Outcome.ASSESSMENT, Outcome.STRATEGY),
                notification__decision__decided_at__date__gte=first,
                notification__decision__decided_at__date__lte=last,
            )
            .order_by("notification__decision__decided_at", "person_id")
            .values_list(
                "person_id",
                "person__date_of_birth",
                "person__sex",
                "person__ethnicity",
                "person__upn",
                "notification_id",
                "notification__decision__decided_at",
                "notification__decision__outcome",
                "notification__source_agency__kind",
            )
        )

    def _children(self, people: dict[Any, tuple[Any, ...]]) -> dict[Any, Child]:
        known = dict(
            AgencyIdentifier.objects.filter(
                agency=self.council, scheme=CHILD_ID_SCHEME, person_id__in=people
            ).values_list("person_id", "value")
        )
        children, new = {}, []
        for number, (person_id, (born, sex, ethnicity, upn)) in enumerate(people.items()):
            ref = known.get(person_id) or f"{cal.LA_CODE}{cal.NEED_CHILD_REF_FROM + number:07d}"
            if person_id not in known:
                new.append(
                    AgencyIdentifier(
                        person_id=person_id, agency=self.council, scheme=CHILD_ID_SCHEME, value=ref
                    )
                )
            children[person_id] = Child(
                person_id,
                ref,
                born,
                sex,
                ethnicity or "NOBT",
                upn or "",
                self._disabilities(),
            )
        AgencyIdentifier.objects.bulk_create(new, batch_size=2000)
        return children

    def _disabilities(self) -> list[str]:
        first = self.rng.choices(cal.NEED_DISABILITIES, cal.NEED_DISABILITY_WEIGHTS)[0]
        if first == "NONE" or self.rng.random() > cal.NEED_SECOND_DISABILITY_SHARE:
            return [first]
        return sorted({first, self.rng.choice(cal.NEED_DISABILITIES[1:])})

    def _episodes(self) -> list[Episode]:
        referrals = self._referrals()
        factors: dict[Any, list[str]] = defaultdict(list)
        for notification_id, factor in NotificationConcern.objects.filter(
            notification_id__in={r[5] for r in referrals}
        ).values_list("notification_id", "concern__cin_factor"):
            if factor and factor not in PRIVATELY_FOSTERED:
                factors[notification_id].append(factor)
        people = {r[0]: r[1:5] for r in referrals}
        children = self._children(people)
        episodes: list[Episode] = []
        last: dict[Any, Episode] = {}
        for person_id, born, *_, notification_id, decided, outcome, kind in referrals:
            day = timezone.localtime(decided).date()
            previous = last.get(person_id)
            if day <= born or (previous and (previous.closure or day) >= day):
                continue  # not yet born, or the case is still open: the worker adds to it
            episode = Episode(
                children[person_id],
                day,
                SOURCE_OF_AGENCY_KIND.get(kind, UNKNOWN_SOURCE),
                outcome == Outcome.STRATEGY,
                sorted(set(factors[notification_id])) or ["20"],
            )
            self._follow(episode)
            episodes.append(episode)
            last[person_id] = episode
        return episodes

    def _on_time(self, start: dt.date, late_share: float, in_time: int, late: int) -> dt.date:
        """When a step was done: late for a share, but never open across a 31 March long
        after it began, which the DfE's checks query as a step left undone."""
        rng = self.rng
        census_end = year_end(start.year if start.month > 3 else start.year - 1)
        done = working_days_after(start, rng.randrange(in_time // 4, in_time + 1))
        if rng.random() < late_share:
            done = working_days_after(start, rng.randrange(in_time + 1, late))
        if done > census_end and working_days_after(start, in_time - 10) <= census_end:
            done = census_end  # the last working day of the year
            while not is_working_day(done):
                done -= dt.timedelta(days=1)
        return done

    def _follow(self, e: Episode) -> None:
        rng = self.rng
        start = e.referral if e.strategy else e.referral + dt.timedelta(days=rng.randrange(0, 3))
        authorised = self._on_time(start, 1 - cal.NEED_ASSESSMENTS_ON_TIME, 45, 70)
        e.assessment = (start, authorised)
        abuse = [CATEGORY_OF_FACTOR[f] for f in e.factors if f in CATEGORY_OF_FACTOR]
        e.need = "N1" if e.strategy or abuse else rng.choice(("N3", "N4", "N5", "N2"))
        e.reason = "RC8"  # closed after assessment, unless something follows it
        if e.strategy:
            s47 = e.referral
            conference = None
            if rng.random() < cal.NEED_CONFERENCE_SHARE:
                conference = self._on_time(s47, 1 - cal.NEED_CONFERENCES_ON_TIME, 15, 26)
            e.s47 = (s47, working_days_after(s47, 15), conference)
            e.reason = "RC7"
            if conference:
                self._plan(e, conference, abuse)
                return
        if rng.random() < cal.NEED_CIN_PLAN_SHARE:
            end = authorised + dt.timedelta(days=rng.randrange(90, 300))
            e.cin_plan = (authorised, end)
            e.closure, e.reason = end, "RC7"
        else:
            e.closure = authorised

    def _plan(self, e: Episode, conference: dt.date, abuse: list[str]) -> None:
        rng = self.rng
        end = conference + dt.timedelta(days=rng.randrange(180, 460))
        reviews = []
        review = conference + dt.timedelta(days=85)
        while review < end:
            reviews.append(review)
            review += dt.timedelta(days=175)
        e.plan = {
            "start": conference,
            "end": end,
            "category": abuse[0] if abuse else rng.choice(("NEG", "EMO")),
            "previous": 1 if rng.random() < cal.NEED_SECOND_PLAN_SHARE else 0,
            "reviews": reviews,
        }
        e.closure = end

    def _privately_fostered(self, episodes: list[Episode]) -> None:
        """Exactly the calibrated children each year have an assessment finding it."""
        chosen: set[Any] = set()
        for year, count in cal.NEED_PRIVATELY_FOSTERED.items():
            found = [
                e
                for e in episodes
                if e.assessment
                and year_start(year) <= e.assessment[1] <= year_end(year)
                and not e.strategy
                and e.child.person_id not in chosen
            ]
            for e in self.rng.sample(found, round(count * self.scale)):
                chosen.add(e.child.person_id)
                e.factors = sorted({*e.factors, self.rng.choice(PRIVATELY_FOSTERED)} - {"20"})

    # --- writing each year's census ------------------------------------------------------

    def _census(self, year: int, episodes: list[Episode]) -> ReturnFile:
        first, end = year_start(year), year_end(year)
        in_year: dict[str, list[Episode]] = defaultdict(list)
        children: dict[str, Child] = {}
        for e in episodes:
            if e.referral <= end and (e.closure is None or e.closure >= first):
                in_year[e.child.ref].append(e)
                children[e.child.ref] = e.child
        message = Element("Message")
        _add(
            message,
            "Header",
            {
                "CollectionDetails": {
                    "Collection": "CIN",
                    "Year": str(year + 1),
                    "ReferenceDate": end.isoformat(),
                },
                "Source": {
                    "SourceLevel": "L",
                    "LEA": cal.LA_CODE,
                    "SoftwareCode": "Case management system",
                    "Release": "7.2",
                    "SerialNo": "1",
                    "DateTime": f"{(end + dt.timedelta(days=20)).isoformat()}T09:00:00",
                },
            },
        )
        holder = SubElement(message, "Children")
        for ref in sorted(children):
            child = children[ref]
            _add(holder, "Child", self._child(child, year, in_year[ref], end))
        indent(message)
        xml = tostring(message, encoding="utf-8", xml_declaration=True)
        return ReturnFile(f"CIN_Census_{year + 1}.xml", xml)

    def _child(self, child: Child, year: int, episodes: list[Episode], end: dt.date) -> Row:
        age = (end - child.born).days / 365.25
        identifiers = {"LAchildID": child.ref}
        if child.upn:
            identifiers["UPN"] = child.upn
        else:
            identifiers["UPNunknown"] = "UN1" if age < 5 else "UN5"
        identifiers["PersonBirthDate"] = child.born.isoformat()
        identifiers["GenderCurrent"] = {"M": "1", "F": "2"}.get(child.sex, "0")
        return {
            "ChildIdentifiers": identifiers,
            "ChildCharacteristics": {
                "Ethnicity": child.ethnicity,
                "Disabilities": [("Disability", d) for d in child.disabilities],
            },
            "CINdetails": [_details(e, year, end) for e in episodes],
        }


def _iso(day: dt.date | None, end: dt.date) -> str | None:
    """A date as the census writes it; nothing for what had not happened by its year-end."""
    return day.isoformat() if day and day <= end else None


def _factor(code: str, year: int) -> str:
    code = code if ASSESSMENT_FACTOR.get(code, year=year) else EARLIER_FACTOR.get(code, code)
    return code if ASSESSMENT_FACTOR.get(code, year=year) else "20"


def _in_year(start: dt.date, done: dt.date | None, first: dt.date, end: dt.date) -> bool:
    """A module belongs to a year's census if it was open at some time in the year."""
    return start <= end and (done is None or done >= first)


def _details(e: Episode, year: int, end: dt.date) -> Row:
    first = year_start(year)
    closed = _iso(e.closure, end)
    details: Row = {
        "CINreferralDate": e.referral.isoformat(),
        "ReferralSource": e.source,
        "PrimaryNeedCode": e.need,
        "CINclosureDate": closed,
        "ReasonForClosure": e.reason if closed else None,
    }
    if e.assessment and _in_year(*e.assessment, first, end):
        start, authorised = e.assessment
        done = _iso(authorised, end)
        factors = sorted({_factor(f, year) for f in e.factors})
        details["Assessments"] = {
            "AssessmentActualStartDate": start.isoformat(),
            "AssessmentAuthorisationDate": done,
            "FactorsIdentifiedAtAssessment": [("AssessmentFactors", f) for f in factors]
            if done
            else None,
        }
    if e.cin_plan and _in_year(*e.cin_plan, first, end):
        details["CINPlanDates"] = {
            "CINPlanStartDate": e.cin_plan[0].isoformat(),
            "CINPlanEndDate": _iso(e.cin_plan[1], end),
        }
    if e.s47 and _in_year(e.s47[0], e.s47[2] or e.s47[0], first, end):
        start, target, conference = e.s47
        details["Section47"] = {
            "S47ActualStartDate": start.isoformat(),
            "InitialCPCtarget": target.isoformat(),
            "DateOfInitialCPC": _iso(conference, end),
            "ICPCnotRequired": "false" if conference else "true",
        }
    details["ReferralNFA"] = "false"
    if e.plan and _in_year(e.plan["start"], e.plan["end"], first, end):
        reviews = [("CPPreviewDate", r.isoformat()) for r in e.plan["reviews"] if r <= end]
        details["ChildProtectionPlans"] = {
            "CPPstartDate": e.plan["start"].isoformat(),
            "CPPendDate": _iso(e.plan["end"], end),
            "InitialCategoryOfAbuse": e.plan["category"],
            "LatestCategoryOfAbuse": e.plan["category"],
            "NumberOfPreviousCPP": str(e.plan["previous"]),
            "Reviews": reviews or None,
        }
    return details


def _add(parent: Element, name: str, value: Any) -> None:
    """Dicts become elements in order; a list of dicts repeats the element; a list of pairs
    fills a wrapper element with repeated ones; None is left out."""
    if value is None:
        return
    if isinstance(value, list) and value and isinstance(value[0], dict):
        for item in value:
            _add(parent, name, item)
        return
    element = SubElement(parent, name)
    if isinstance(value, dict):
        for key, inner in value.items():
            _add(element, key, inner)
    elif isinstance(value, list):
        for key, inner in value:
            _add(element, key, inner)
    else:
        element.text = str(value)
