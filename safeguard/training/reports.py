"""Training figures for any period, computed from the records (the seed's section 9).

Aggregates only: nothing here names a delegate.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from safeguard.core.reporting import day_window, share
from safeguard.training.models import (
    Booking,
    BookingStatus,
    Course,
    CourseKind,
    ELearningCompletion,
    Evaluation,
    Invoice,
    InvoiceStatus,
    Session,
)


def _sessions(start: dt.date, end: dt.date, kind: str) -> QuerySet[Session]:
    since, until = day_window(start, end)
    return Session.objects.filter(
        starts_at__gte=since, starts_at__lt=until, is_cancelled=False, course__kind=kind
    )


@dataclass(frozen=True)
class CourseRow:
    title: str
    attendees: int
    places: int | None

    @property
    def filled(self) -> float | None:
        return share(self.attendees, self.places) if self.places else None


@dataclass(frozen=True)
class DeliveryTable:
    """The seed's table 9.3: courses, then e-learning, then the grand total."""

    courses: list[CourseRow]
    elearning: list[CourseRow]
    events: list[CourseRow]

    @property
    def direct(self) -> CourseRow:
        places = sum(r.places or 0 for r in self.courses)
        return CourseRow(
            "Direct delivery training subtotal", sum(r.attendees for r in self.courses), places
        )

    @property
    def elearning_total(self) -> CourseRow:
        return CourseRow("E-learning subtotal", sum(r.attendees for r in self.elearning), None)

    @property
    def grand_total(self) -> int:
        return self.direct.attendees + self.elearning_total.attendees


def _titles(ids: object) -> dict[UUID, str]:
    return dict(Course.objects.filter(pk__in=ids).values_list("pk", "title"))


def _delivered(sessions: QuerySet[Session]) -> list[CourseRow]:
    """Places offered and attendees per course. Grouped by the course's key, not its title,
    so that the database sorts narrow rows."""
    places = dict(sessions.values_list("course_id").annotate(p=Sum("capacity")).order_by())
    attendees = dict(
        Booking.objects.filter(session__in=sessions, status=BookingStatus.ATTENDED)
        .values_list("session__course_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    titles = _titles(places)
    rows = [CourseRow(titles[pk], attendees.get(pk, 0), places[pk]) for pk in places]
    return sorted(rows, key=lambda r: r.title)


def delivery_table(*, start: dt.date, end: dt.date) -> DeliveryTable:
    completions = dict(
        ELearningCompletion.objects.filter(completed_on__gte=start, completed_on__lte=end)
        .values_list("course_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    titles = _titles(completions)
    elearning = [CourseRow(titles[pk], n, None) for pk, n in completions.items()]
    return DeliveryTable(
        courses=_delivered(_sessions(start, end, CourseKind.COURSE)),
        elearning=sorted(elearning, key=lambda r: r.title),
        events=_delivered(_sessions(start, end, CourseKind.EVENT)),
    )


def attendance_by_agency(*, start: dt.date, end: dt.date) -> list[tuple[str, int]]:
    since, until = day_window(start, end)
    rows = (
        Booking.objects.filter(
            status=BookingStatus.ATTENDED,
            session__starts_at__gte=since,
            session__starts_at__lt=until,
        )
        .values("agency__name")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    return [(r["agency__name"] or "Not a partner agency", r["n"]) for r in rows]


@dataclass(frozen=True)
class Income:
    invoices: int
    invoiced_pence: int
    paid_pence: int
    outstanding_pence: int


def income(*, start: dt.date, end: dt.date) -> Income:
    """Charges for the sessions held in the period, like the table: what that training earned."""
    since, until = day_window(start, end)
    invoices = Invoice.objects.filter(
        booking__session__starts_at__gte=since, booking__session__starts_at__lt=until
    ).exclude(status=InvoiceStatus.CANCELLED)
    totals = invoices.aggregate(
        n=Count("id"),
        invoiced=Sum("amount_pence"),
        paid=Sum("amount_pence", filter=Q(status=InvoiceStatus.PAID)),
    )
    invoiced, paid = totals["invoiced"] or 0, totals["paid"] or 0
    return Income(totals["n"], invoiced, paid, invoiced - paid)


@dataclass(frozen=True)
class Impact:
    """Shares of respondents at or above each threshold, before and after, with response rates."""

    course: str
    attendees: int
    before_respondents: int
    after_respondents: int
    knowledge_before: float | None
    knowledge_after: float | None
    confidence_before: float | None
    confidence_after: float | None

    @property
    def before_response_rate(self) -> float | None:
        return share(self.before_respondents, self.attendees)

    @property
    def after_response_rate(self) -> float | None:
        return share(self.after_respondents, self.attendees)


def _thresholds() -> tuple[int, int]:
    return (
        settings.TRAINING_KNOWLEDGE_SCALE.index(settings.TRAINING_KNOWLEDGE_THRESHOLD),
        settings.TRAINING_CONFIDENCE_SCALE.index(settings.TRAINING_CONFIDENCE_THRESHOLD),
    )


def impact(*, start: dt.date, end: dt.date) -> list[Impact]:
    """Per course, then 'All courses' last."""
    since, until = day_window(start, end)
    knowledge_at, confidence_at = _thresholds()
    # Only attendees' ratings count, so that each response rate is of the course's attendees.
    scope = Q(
        booking__status=BookingStatus.ATTENDED,
        booking__session__starts_at__gte=since,
        booking__session__starts_at__lt=until,
        booking__session__course__kind=CourseKind.COURSE,
    )
    rows = (
        Evaluation.objects.filter(scope)
        .values("booking__session__course_id", "stage")
        .annotate(
            n=Count("id"),
            knowing=Count("id", filter=Q(knowledge__gte=knowledge_at)),
            confident=Count("id", filter=Q(confidence__gte=confidence_at)),
        )
    )
    attendees = dict(
        Booking.objects.filter(
            status=BookingStatus.ATTENDED,
            session__starts_at__gte=since,
            session__starts_at__lt=until,
            session__course__kind=CourseKind.COURSE,
        )
        .values_list("session__course_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[UUID, dict[str, tuple[int, int, int]]] = defaultdict(dict)
    for r in rows.order_by():
        counts[r["booking__session__course_id"]][r["stage"]] = (
            r["n"],
            r["knowing"],
            r["confident"],
        )
    totals: dict[str, list[int]] = {"before": [0, 0, 0], "after": [0, 0, 0]}
    result = []
    titles = _titles(attendees)
    for pk in sorted(attendees, key=lambda pk: titles[pk]):
        stages = counts.get(pk, {})
        for stage in totals:
            totals[stage] = [
                a + b for a, b in zip(totals[stage], stages.get(stage, (0, 0, 0)), strict=True)
            ]
        result.append(_impact(titles[pk], attendees[pk], stages))
    result.append(
        _impact(
            "All courses",
            sum(attendees.values()),
            {k: (v[0], v[1], v[2]) for k, v in totals.items()},
        )
    )
    return result


def _impact(title: str, attendees: int, stages: dict[str, tuple[int, int, int]]) -> Impact:
    before, after = stages.get("before", (0, 0, 0)), stages.get("after", (0, 0, 0))
    return Impact(
        title,
        attendees,
        before[0],
        after[0],
        share(before[1], before[0]),
        share(after[1], after[0]),
        share(before[2], before[0]),
        share(after[2], after[0]),
    )


def latest_training_day() -> dt.date | None:
    """The day of the latest session held, so a report can open on a year with training in it."""
    latest = Session.objects.filter(starts_at__lte=timezone.now()).aggregate(m=Max("starts_at"))
    return timezone.localtime(latest["m"]).date() if latest["m"] else None


@dataclass(frozen=True)
class TrainingReport:
    start: dt.date
    end: dt.date
    delivery: DeliveryTable
    agencies: list[tuple[str, int]]
    income: Income
    impact: list[Impact]


def training_report(*, start: dt.date, end: dt.date) -> TrainingReport:
    return TrainingReport(
        start=start,
        end=end,
        delivery=delivery_table(start=start, end=end),
        agencies=attendance_by_agency(start=start, end=end),
        income=income(start=start, end=end),
        impact=impact(start=start, end=end),
    )
