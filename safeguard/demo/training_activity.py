"""Years of the partnership's training for the demo borough, written as plain rows.

Each calibrated year gives, per course, the sessions, places offered and attendees; the
learning events; e-learning completions; the shares of delegates rating themselves at or above
the thresholds; and the revenue from charges. The rows made here add up to exactly those
figures at scale 1, and the training report computes them back from the rows.
"""

import datetime as dt
import math
import random
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from faker import Faker
from tqdm import tqdm

from safeguard.core.bulk import TableWriter
from safeguard.demo import calibration as cal
from safeguard.partners.models import Agency, User
from safeguard.training.models import (
    Booking,
    BookingStatus,
    Course,
    ELearningCompletion,
    ELearningImport,
    Evaluation,
    Invoice,
    InvoiceCounter,
    InvoiceStatus,
    Session,
)
from safeguard.training.services.bookings import invoice_number
from safeguard.training.services.elearning import completion_key

Row = dict[str, Any]
_ROLES = (
    "Social worker",
    "Health visitor",
    "Teacher",
    "Designated safeguarding lead",
    "Police constable",
    "School nurse",
    "Youth worker",
    "Family support worker",
    "Nursery practitioner",
    "Midwife",
)
_FEEDBACK = (
    "Clear and practical; the case studies helped.",
    "I now know who to call at the MASH and when.",
    "More time for questions, please.",
    "Useful to hear from police and health colleagues together.",
)
# What is left for the exact fit, in fees: enough for the coin change to find a mix.
_FIT_MARGIN = 30
TABLES = {
    "sessions": Session,
    "bookings": Booking,
    "invoices": Invoice,
    "evaluations": Evaluation,
    "completions": ELearningCompletion,
}


def charged_counts(
    fees: Sequence[int], limits: Sequence[int], share: float, target: int
) -> list[int]:
    """How many delegates of each course pay its fee so that the fees add up to `target`.

    A start near `share` of each course's delegates, then an exact fit of the rest (a bounded
    coin change over the fees). Refuses a target the courses cannot make.
    """
    counts = [math.floor(limit * share) for limit in limits]
    while sum(c * f for c, f in zip(counts, fees, strict=True)) > target:
        counts = [math.floor(c * 0.9) for c in counts]
    rest = target - sum(c * f for c, f in zip(counts, fees, strict=True))
    room = [limit - c for limit, c in zip(limits, counts, strict=True)]
    # Fill most of the rest plainly, leaving a small sum for the exact fit.
    for i in sorted(range(len(fees)), key=lambda i: -fees[i]):
        take = min(room[i], max(0, (rest - _FIT_MARGIN * max(fees)) // fees[i]))
        counts[i] += take
        room[i] -= take
        rest -= take * fees[i]
    # sum -> (course, how many of its fee, the sum before them), for sums up to the rest.
    made: dict[int, tuple[int, int, int] | None] = {0: None}
    for i, fee in enumerate(fees):
        if not fee:
            continue
        for base in sorted(made):  # the sums made without this course
            for k in range(1, room[i] + 1):
                step = base + k * fee
                if step > rest:
                    break
                made.setdefault(step, (i, k, base))
    if rest not in made:
        raise ValueError(f"No mix of the fees makes the calibrated revenue (short by {rest})")
    total = rest
    while (link := made[total]) is not None:
        counts[link[0]] += link[1]
        total = link[2]
    return counts


def respondents(attendees: int, rate: float, shares: Sequence[int]) -> int:
    """About `rate` of the attendees, rounded to a number of whom each share is a whole count."""
    step = math.lcm(*(100 // math.gcd(p, 100) for p in shares))
    return min(attendees // step, max(1, round(attendees * rate / step))) * step


@dataclass
class Rows:
    sessions: list[Row] = field(default_factory=list)
    bookings: list[Row] = field(default_factory=list)
    invoices: list[Row] = field(default_factory=list)
    evaluations: list[Row] = field(default_factory=list)
    completions: list[Row] = field(default_factory=list)


class TrainingActivity:
    def __init__(
        self,
        *,
        seed: int,
        scale: float,
        users: dict[str, User],
        progress: bool,
        years: Sequence[cal.DemoTrainingYear] = cal.TRAINING_YEARS,
        upcoming: bool = True,
    ) -> None:
        self.rng = random.Random(seed + 3)
        faker = Faker("en_GB")
        faker.seed_instance(seed + 3)
        self.given_names = [faker.first_name() for _ in range(600)]
        self.family_names = [faker.last_name() for _ in range(900)]
        # The programme is small: a smaller borough still gets all of it, as calibrated.
        self.scale = max(1.0, scale)
        self.users = users
        self.progress = progress
        self.years = years
        self.upcoming = upcoming
        self.zone = timezone.get_current_timezone()
        self.agencies = list(Agency.objects.filter(is_partner=True).order_by("name"))
        self.counters: dict[int, int] = defaultdict(int)
        self.completion_keys: set[str] = set()
        self.made = 0
        self.knowledge_at = settings.TRAINING_KNOWLEDGE_SCALE.index(
            settings.TRAINING_KNOWLEDGE_THRESHOLD
        )
        self.confidence_at = settings.TRAINING_CONFIDENCE_SCALE.index(
            settings.TRAINING_CONFIDENCE_THRESHOLD
        )

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _n(self, count: int) -> int:
        return round(count * self.scale)

    @transaction.atomic
    def run(self) -> int:
        courses = self._courses()
        writers = {key: TableWriter(model) for key, model in TABLES.items()}
        bar = tqdm(total=len(self.years), unit=" years", disable=not self.progress, desc="Training")
        for year in self.years:
            rows = Rows()
            self._year(rows, year, courses)
            self._save(rows, writers)
            bar.update(1)
        bar.close()
        if self.upcoming:
            rows = Rows()
            self._upcoming(rows, courses)
            self._save(rows, writers)
        for year, last in self.counters.items():
            InvoiceCounter.objects.update_or_create(year=year, defaults={"last": last})
        return self.made

    def _save(self, rows: Rows, writers: dict[str, TableWriter]) -> None:
        for table in TABLES:
            writers[table].write(getattr(rows, table))
        self.made += len(rows.bookings)

    def _courses(self) -> dict[str, Course]:
        courses = {}
        for spec in cal.TRAINING_COURSES:
            course, _ = Course.objects.get_or_create(
                title=spec.title,
                defaults={
                    "id": self._uuid(),
                    "kind": spec.kind,
                    "level": spec.level,
                    "audience": spec.audience,
                    "duration": spec.duration,
                    "fee_pence": spec.fee_pounds * 100,
                    "description": f"A multi-agency course of the partnership: {spec.title}.",
                    "learning_outcomes": "Recognise the signs\nKnow how to share a concern"
                    "\nKnow the local procedures and who to call",
                },
            )
            courses[spec.title] = course
        return courses

    # A year ------------------------------------------------------------------------------

    def _year(self, rows: Rows, year: cal.DemoTrainingYear, courses: dict[str, Course]) -> None:
        deliveries = [
            (courses[d.title], self._n(d.sessions) or 1, self._n(d.places), self._n(d.attendees))
            for d in year.courses
        ]
        no_shows = [
            min(places - attended, round(attended * cal.TRAINING_NO_SHOW_SHARE))
            for _c, _s, places, attended in deliveries
        ]
        charged = charged_counts(
            [c.fee_pence // 100 for c, *_ in deliveries],
            [d[3] + n for d, n in zip(deliveries, no_shows, strict=True)],
            cal.TRAINING_NON_PARTNER_SHARE,
            self._n(year.revenue_pounds),
        )
        attendee_ids: list[uuid.UUID] = []
        for (course, sessions, places, attended), missed, paying in zip(
            deliveries, no_shows, charged, strict=True
        ):
            days = self._days(year.year, sessions)
            attendee_ids += self._course_year(rows, course, days, places, attended, missed, paying)
        for event in year.events:
            day = dt.date(*event.day)
            self._course_year(
                rows,
                courses[event.title],
                [day],
                self._n(event.places),
                self._n(event.attendees),
                0,
                0,
            )
        self._ratings(rows, attendee_ids, year.impact)
        self._completions(rows, year, courses)

    def _days(self, year: int, sessions: int) -> list[dt.date]:
        """Weekdays spread through the financial year from 1 April."""
        start, span = dt.date(year, 4, 10), 340
        days = []
        for i in range(sessions):
            day = start + dt.timedelta(days=span * i // sessions + self.rng.randrange(0, 7))
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            days.append(day)
        return days

    def _course_year(
        self,
        rows: Rows,
        course: Course,
        days: list[dt.date],
        places: int,
        attended: int,
        missed: int,
        paying: int,
    ) -> list[uuid.UUID]:
        """Sessions with their places, filled with delegates; returns the attendees' bookings."""
        capacities = _split(places, len(days))
        holders = _split(attended + missed, len(days), caps=capacities)
        statuses = [BookingStatus.ATTENDED] * attended + [BookingStatus.NO_SHOW] * missed
        self.rng.shuffle(statuses)
        # A few of those charged cancelled late: they pay without holding a place.
        late = paying // 30
        charged = [True] * (paying - late) + [False] * (attended + missed - paying + late)
        self.rng.shuffle(charged)
        attendees, k = [], 0
        for index, (day, capacity, filled) in enumerate(
            zip(days, capacities, holders, strict=True)
        ):
            session = self._session(rows, course, day, capacity)
            for _ in range(filled):
                booking = self._booking(rows, session, statuses[k], charged=charged[k])
                if statuses[k] == BookingStatus.ATTENDED:
                    attendees.append(booking["id"])
                k += 1
            cancels = round(filled * cal.TRAINING_CANCELLED_SHARE)
            for _ in range(cancels):
                self._booking(rows, session, BookingStatus.CANCELLED, charged=False)
            for _ in range(late if index == len(days) - 1 else 0):
                self._booking(rows, session, BookingStatus.CANCELLED, charged=True, late=True)
        return attendees

    def _session(self, rows: Rows, course: Course, day: dt.date, capacity: int) -> Row:
        full_day = course.duration != "Half a day"
        starts = dt.datetime.combine(day, dt.time(9, 30), self.zone)
        ends = dt.datetime.combine(day, dt.time(16, 30) if full_day else dt.time(13, 0), self.zone)
        session = {
            "id": self._uuid(),
            "created_at": starts - dt.timedelta(days=90),
            "updated_at": starts - dt.timedelta(days=90),
            "version": 1,
            "course_id": course.pk,
            "starts_at": starts,
            "ends_at": ends,
            "venue": self.rng.choice(cal.TRAINING_VENUES),
            "online": False,
            "capacity": capacity,
            "trainers": self.rng.choice(cal.TRAINING_TRAINERS),
            "is_cancelled": False,
            "course_fee": course.fee_pence,
        }
        rows.sessions.append(session)
        return session

    def _delegate(self, *, charged: bool) -> Row:
        first = self.rng.choice(self.given_names)
        last = self.rng.choice(self.family_names)
        if charged or not self.agencies:
            organisation, agency_id = self.rng.choice(cal.NON_PARTNER_ORGANISATIONS), None
        else:
            agency = self.rng.choice(self.agencies)
            organisation, agency_id = agency.name, agency.pk
        domain = "".join(ch for ch in organisation.lower() if ch.isalnum())[:20]
        return {
            "full_name": f"{first} {last}",
            "email": f"{first}.{last}.{self.rng.randrange(10, 99)}@{domain}.example".lower(),
            "agency_id": agency_id,
            "organisation": organisation,
            "role": self.rng.choice(_ROLES),
            "is_partner": agency_id is not None,
        }

    def _booking(
        self,
        rows: Rows,
        session: Row,
        status: str,
        *,
        charged: bool,
        late: bool = False,
        delegate: Row | None = None,
    ) -> Row:
        starts = session["starts_at"]
        booked_at = starts - dt.timedelta(
            days=self.rng.randrange(7, 60), minutes=self.rng.randrange(0, 600)
        )
        delegate = delegate or self._delegate(charged=charged)
        fee = 0 if delegate["is_partner"] else session["course_fee"]
        cancelled_at = None
        if status == BookingStatus.CANCELLED:
            days_before = self.rng.randrange(1, 4) if late else self.rng.randrange(8, 30)
            cancelled_at = starts - dt.timedelta(days=days_before)
        booking = {
            "id": self._uuid(),
            "created_at": booked_at,
            "updated_at": cancelled_at or booked_at,
            "version": 1,
            "session_id": session["id"],
            **{k: v for k, v in delegate.items() if k != "user_id"},
            "user_id": delegate.get("user_id"),
            "status": status,
            "fee_pence": fee,
            "booked_at": booked_at,
            "cancelled_at": cancelled_at,
            "late_cancellation": late,
        }
        rows.bookings.append(booking)
        if fee and status != BookingStatus.WAITING:
            self._invoice(rows, booking, cancelled=status == BookingStatus.CANCELLED and not late)
        return booking

    def _invoice(self, rows: Rows, booking: Row, *, cancelled: bool) -> None:
        issued = timezone.localtime(booking["booked_at"]).date()
        self.counters[issued.year] += 1
        today = timezone.localdate()
        unpaid = cancelled or self.rng.random() < cal.TRAINING_UNPAID_SHARE
        paid_on = min(today, issued + dt.timedelta(days=self.rng.randrange(5, 45)))
        rows.invoices.append(
            {
                "id": self._uuid(),
                "created_at": booking["booked_at"],
                "updated_at": booking["booked_at"],
                "booking_id": booking["id"],
                "number": invoice_number(issued.year, self.counters[issued.year]),
                "amount_pence": booking["fee_pence"],
                "issued_on": issued,
                "due_on": issued + dt.timedelta(days=settings.TRAINING_INVOICE_DUE_DAYS),
                "status": InvoiceStatus.CANCELLED
                if cancelled
                else (InvoiceStatus.UNPAID if unpaid or paid_on > today else InvoiceStatus.PAID),
                "paid_on": None if unpaid or cancelled else paid_on,
            }
        )

    def _ratings(self, rows: Rows, attendees: list[uuid.UUID], impact: tuple[int, ...]) -> None:
        """Before and after ratings whose shares at or above the thresholds are the year's."""
        knowledge_before, knowledge_after, confident_before, confident_after = impact
        stages = (
            ("before", cal.TRAINING_RESPONSE_RATES[0], knowledge_before, confident_before),
            ("after", cal.TRAINING_RESPONSE_RATES[1], knowledge_after, confident_after),
        )
        for stage, rate, knowing, confident in stages:
            count = respondents(len(attendees), rate, (knowing, confident))
            chosen = self.rng.sample(attendees, count)
            knows = _marks(count, knowing, self.rng)
            sure = _marks(count, confident, self.rng)
            for booking_id, high_knowledge, high_confidence in zip(
                chosen, knows, sure, strict=True
            ):
                rows.evaluations.append(
                    {
                        "id": self._uuid(),
                        "created_at": timezone.now(),
                        "updated_at": timezone.now(),
                        "booking_id": booking_id,
                        "stage": stage,
                        "knowledge": self._point(
                            settings.TRAINING_KNOWLEDGE_SCALE, self.knowledge_at, high_knowledge
                        ),
                        "confidence": self._point(
                            settings.TRAINING_CONFIDENCE_SCALE, self.confidence_at, high_confidence
                        ),
                        "feedback": self.rng.choice(_FEEDBACK)
                        if stage == "after" and self.rng.random() < 0.2
                        else "",
                    }
                )

    def _point(self, scale: list[str], threshold: int, high: bool) -> int:
        return (
            self.rng.randrange(threshold, len(scale)) if high else self.rng.randrange(0, threshold)
        )

    def _completions(
        self, rows: Rows, year: cal.DemoTrainingYear, courses: dict[str, Course]
    ) -> None:
        batch = ELearningImport.objects.create(
            id=self._uuid(),
            file_name=f"elearning-{year.year}-{year.year + 1}.csv",
            file_hash="",
            rows=0,
            added=0,
        )
        start = dt.date(year.year, 4, 1)
        made = 0
        for title, count in year.elearning.items():
            course = courses[title]
            for _ in range(self._n(count)):
                while True:  # one completion per person, course and day, as the import keys it
                    person = self._delegate(charged=self.rng.random() < 0.2)
                    done = start + dt.timedelta(days=self.rng.randrange(0, 365))
                    key = completion_key(
                        course.pk, person["full_name"], person["organisation"], done
                    )
                    if key not in self.completion_keys:
                        self.completion_keys.add(key)
                        break
                rows.completions.append(
                    {
                        "id": self._uuid(),
                        "created_at": timezone.now(),
                        "updated_at": timezone.now(),
                        "course_id": course.pk,
                        "full_name": person["full_name"],
                        "agency_name": person["organisation"],
                        "completed_on": done,
                        "key": key,
                        "source_id": batch.pk,
                    }
                )
                made += 1
        batch.rows = batch.added = made
        batch.save(update_fields=["rows", "added"])

    # Now ----------------------------------------------------------------------------------

    def _upcoming(self, rows: Rows, courses: dict[str, Course]) -> None:
        """Sessions in the coming weeks, one of them full with a waiting list."""
        listed = [c for c in courses.values() if c.kind == "course"][
            : cal.TRAINING_UPCOMING_SESSIONS
        ]
        today = timezone.localdate()
        for i, course in enumerate(listed):
            day = today + dt.timedelta(days=10 + 7 * i)
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            session = self._session(rows, course, day, 20)
            booked = 20 if i == 1 else self.rng.randrange(5, 16)
            for _ in range(booked):
                self._booking(rows, session, BookingStatus.BOOKED, charged=self.rng.random() < 0.3)
            for _ in range(3 if i == 1 else 0):
                self._booking(rows, session, BookingStatus.WAITING, charged=False)
            if i == 0 and "partner_practitioner" in self.users:
                officer = self.users["partner_practitioner"]
                mine = {
                    "full_name": officer.full_name,
                    "email": officer.email,
                    "agency_id": officer.agency_id,
                    "organisation": officer.agency.name,
                    "role": "Police constable",
                    "is_partner": True,
                    "user_id": officer.pk,
                }
                self._booking(rows, session, BookingStatus.BOOKED, charged=False, delegate=mine)


def _split(total: int, parts: int, caps: list[int] | None = None) -> list[int]:
    """`total` shared as evenly as possible over `parts`, none above its cap."""
    shares = [total // parts + (1 if i < total % parts else 0) for i in range(parts)]
    if caps is None:
        return shares
    over = 0
    for i, cap in enumerate(caps):
        if shares[i] > cap:
            over += shares[i] - cap
            shares[i] = cap
    for i, cap in enumerate(caps):
        room = min(cap - shares[i], over)
        shares[i] += room
        over -= room
    if over:
        raise ValueError("More delegates than places")
    return shares


def _marks(count: int, percent: int, rng: random.Random) -> list[bool]:
    """Exactly `percent`% of `count` true, in a random order."""
    high = count * percent // 100
    marks = [True] * high + [False] * (count - high)
    rng.shuffle(marks)
    return marks
