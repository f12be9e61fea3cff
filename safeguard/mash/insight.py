"""MASH insight: aggregates only, computed from the records for a period.

Every figure here is a count or a share of MASH records; none names a child.
"""

import datetime as dt
from statistics import median

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth

from safeguard.core.reporting import Table, day_window, share
from safeguard.mash.models import (
    InformationAnswer,
    Notification,
    NotificationChild,
    NotificationConcern,
)
from safeguard.mash.models.choices import REFERRAL_OUTCOMES, Outcome


def received_in(start: dt.date, end: dt.date) -> QuerySet[Notification]:
    since, until = day_window(start, end)
    return Notification.objects.filter(received_at__gte=since, received_at__lt=until)


def by_agency(notifications: QuerySet[Notification]) -> Table:
    rows = notifications.values("source_agency__name").annotate(n=Count("id")).order_by("-n")
    return Table(
        "by-agency",
        "Notifications by source agency",
        ("Agency", "Notifications"),
        [(r["source_agency__name"], r["n"]) for r in rows],
    )


def by_concern(notifications: QuerySet[Notification]) -> Table:
    rows = (
        NotificationConcern.objects.filter(notification__in=notifications)
        .values("concern__label")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    return Table(
        "by-concern",
        "Notifications by concern",
        ("Concern", "Notifications"),
        [(r["concern__label"], r["n"]) for r in rows],
    )


def outcomes(notifications: QuerySet[Notification]) -> Table:
    counts = dict(
        notifications.filter(decision__isnull=False)
        .values_list("decision__outcome")
        .annotate(n=Count("id"))
    )
    decided = sum(counts.values())
    referral = sum(counts.get(o, 0) for o in REFERRAL_OUTCOMES)
    rows: list[tuple[object, ...]] = [
        (Outcome(o).label, counts.get(o, 0), share(counts.get(o, 0), decided))
        for o in Outcome.values
    ]
    rows.append(
        ("Converted to a referral to children's social care", referral, share(referral, decided))
    )
    return Table(
        "outcomes",
        "Outcomes of decided notifications",
        ("Outcome", "Notifications", "% of decided"),
        rows,
    )


def repeats(notifications: QuerySet[Notification]) -> Table:
    """Notifications about a child who had another notification in the months before."""
    months = settings.MASH_REPEAT_MONTHS
    earlier = NotificationChild.objects.filter(
        person_id=OuterRef("person_id"),
        notification__received_at__lt=OuterRef("notification__received_at"),
        notification__received_at__gte=OuterRef("notification__received_at")
        - dt.timedelta(days=round(months * 30.44)),
    )
    children = NotificationChild.objects.filter(
        notification__in=notifications, person__isnull=False
    )
    total = children.values("notification_id").distinct().count()
    repeat = children.filter(Exists(earlier)).values("notification_id").distinct().count()
    return Table(
        "repeats",
        f"Repeat notifications within {months} months",
        ("Measure", "Notifications", "%"),
        [
            ("About a child notified before", repeat, share(repeat, total)),
            ("With a child linked to the people index", total, None),
        ],
    )


def clocks(notifications: QuerySet[Notification]) -> Table:
    decided = notifications.filter(decided_at__isnull=False)
    total = decided.count()
    in_day = decided.filter(decided_at__lte=F("decision_due_at")).count()
    rated = decided.exclude(rag_due_at=None)
    rag_total = rated.count()
    rag_met = rated.filter(decided_at__lte=F("rag_due_at")).count()
    answers = InformationAnswer.objects.filter(request__notification__in=notifications)
    answer_total = answers.count()
    answer_met = answers.filter(answered_at__lte=F("request__due_at")).count()
    return Table(
        "clocks",
        "Clocks met",
        ("Clock", "Met", "Out of", "% met"),
        [
            ("Decision within 1 working day", in_day, total, share(in_day, total)),
            ("Decision within the RAG time", rag_met, rag_total, share(rag_met, rag_total)),
            (
                "Requests answered on time",
                answer_met,
                answer_total,
                share(answer_met, answer_total),
            ),
        ],
    )


def answer_times(notifications: QuerySet[Notification]) -> Table:
    answers = InformationAnswer.objects.filter(request__notification__in=notifications).values_list(
        "request__agency__name", "request__sent_at", "answered_at", "request__due_at"
    )
    by_agency: dict[str, list[tuple[float, bool]]] = {}
    for agency, sent, answered, due in answers:
        hours = (answered - sent).total_seconds() / 3600
        by_agency.setdefault(agency, []).append((hours, answered <= due))
    rows: list[tuple[object, ...]] = [
        (
            agency,
            len(times),
            round(median(h for h, _ in times), 1),
            share(sum(ok for _, ok in times), len(times)),
        )
        for agency, times in sorted(by_agency.items())
    ]
    return Table(
        "answer-times",
        "Information-request answer times by agency",
        ("Agency", "Answers", "Median hours to answer", "% on time"),
        rows,
    )


def consent(notifications: QuerySet[Notification]) -> Table:
    total = notifications.count()
    considered = notifications.exclude(consent_consideration="").count()
    sought = notifications.filter(~Q(consent_sought="not_sought")).count()
    return Table(
        "consent",
        "Consent recorded",
        ("Measure", "Notifications", "%"),
        [
            ("Consent considered by the MASH", considered, share(considered, total)),
            ("Consent sought by the referrer", sought, share(sought, total)),
            ("All notifications", total, None),
        ],
    )


def by_month(notifications: QuerySet[Notification]) -> Table:
    rows = (
        notifications.annotate(month=TruncMonth("received_at"))
        .values("month")
        .annotate(n=Count("id"), decided=Count("decision"))
        .order_by("month")
    )
    return Table(
        "by-month",
        "Notifications by month",
        ("Month", "Received", "Decided"),
        [(r["month"].strftime("%Y-%m"), r["n"], r["decided"]) for r in rows],
    )


def insight_tables(*, start: dt.date, end: dt.date) -> list[Table]:
    notifications = received_in(start, end)
    return [
        by_month(notifications),
        by_agency(notifications),
        by_concern(notifications),
        outcomes(notifications),
        repeats(notifications),
        clocks(notifications),
        answer_times(notifications),
        consent(notifications),
    ]
