import datetime as dt

import pytest
from django.utils import timezone

from safeguard.partners.tests.factories import AgencyFactory
from safeguard.training import presenters, reports
from safeguard.training.models import (
    BookingStatus,
    CourseKind,
    ELearningCompletion,
    ELearningImport,
    Evaluation,
    InvoiceStatus,
)
from safeguard.training.services import retention
from safeguard.training.tests.factories import (
    BookingFactory,
    CourseFactory,
    InvoiceFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

START, END = dt.date(2017, 4, 1), dt.date(2018, 3, 31)


def at(year: int, month: int, day: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, 9, 30))


def attended(session, n: int, **fields):
    return BookingFactory.create_batch(n, session=session, status=BookingStatus.ATTENDED, **fields)


def completions(course, n: int, on: dt.date) -> None:
    batch = ELearningImport.objects.create(file_name="x.csv", file_hash="x", rows=n, added=n)
    for i in range(n):
        ELearningCompletion.objects.create(
            course=course,
            full_name=f"L{i}",
            agency_name="CCG",
            completed_on=on,
            key=f"{course.pk}{i}",
            source=batch,
        )


class TestDeliveryTable:
    def test_places_and_attendees_per_course_subtotals_and_grand_total(self):
        wt = CourseFactory(title="Initial Working Together")
        first = SessionFactory(course=wt, starts_at=at(2017, 5, 1), capacity=20)
        second = SessionFactory(course=wt, starts_at=at(2018, 3, 31), capacity=20)
        attended(first, 18)
        attended(second, 15)
        BookingFactory(session=second, status=BookingStatus.NO_SHOW)
        BookingFactory(session=second, status=BookingStatus.CANCELLED)
        intro = CourseFactory(title="Intro eLearning", kind=CourseKind.ELEARNING)
        completions(intro, 4, dt.date(2017, 9, 1))
        table = reports.delivery_table(start=START, end=END)
        assert [(r.title, r.attendees, r.places) for r in table.courses] == [
            ("Initial Working Together", 33, 40)
        ]
        assert (table.direct.attendees, table.direct.places) == (33, 40)
        assert table.elearning_total.attendees == 4 and table.grand_total == 37

    def test_the_period_is_whole_days_and_excludes_cancelled_sessions(self):
        course = CourseFactory(title="Core Groups")
        attended(SessionFactory(course=course, starts_at=at(2017, 3, 31)), 1)
        attended(SessionFactory(course=course, starts_at=at(2018, 4, 1)), 1)
        SessionFactory(course=course, starts_at=at(2017, 6, 1), is_cancelled=True)
        table = reports.delivery_table(start=START, end=END)
        assert table.courses == [] and table.grand_total == 0

    def test_learning_events_are_counted_apart_from_courses(self):
        event = CourseFactory(title="Sepsis Masterclass", kind=CourseKind.EVENT)
        attended(SessionFactory(course=event, starts_at=at(2018, 1, 30), capacity=150), 5)
        table = reports.delivery_table(start=START, end=END)
        assert [(r.title, r.attendees, r.places) for r in table.events] == [
            ("Sepsis Masterclass", 5, 150)
        ]
        assert table.direct.attendees == 0


class TestImpact:
    def test_shares_at_or_above_the_thresholds_before_and_after_with_response_rates(self):
        session = SessionFactory(course__title="CSE", starts_at=at(2017, 10, 1))
        delegates = attended(session, 4)
        # Default scales: knowledge "Good" is position 2; confidence "Confident, need
        # guidance in complex situations" is position 2.
        for booking, before, after in zip(delegates[:2], (1, 2), (3, 2), strict=True):
            Evaluation.objects.create(
                booking=booking, stage="before", knowledge=before, confidence=0
            )
            Evaluation.objects.create(
                booking=booking, stage="after", knowledge=after, confidence=after
            )
        Evaluation.objects.create(booking=delegates[2], stage="after", knowledge=1, confidence=1)
        # A no-show's rating before the course is not one of the attendees' responses.
        no_show = BookingFactory(session=session, status=BookingStatus.NO_SHOW)
        Evaluation.objects.create(booking=no_show, stage="before", knowledge=4, confidence=4)
        course, overall = reports.impact(start=START, end=END)
        assert course.course == "CSE" and overall.course == "All courses"
        assert (course.before_respondents, course.after_respondents) == (2, 3)
        assert (course.before_response_rate, course.after_response_rate) == (50.0, 75.0)
        assert (course.knowledge_before, course.knowledge_after) == (50.0, 66.7)
        assert (course.confidence_before, course.confidence_after) == (0.0, 66.7)
        assert overall.attendees == 4

    def test_a_course_nobody_rated_shows_no_share_rather_than_zero(self):
        attended(SessionFactory(course__title="FGM", starts_at=at(2017, 10, 1)), 2)
        course, _overall = reports.impact(start=START, end=END)
        assert course.knowledge_before is None and course.before_response_rate == 0.0


def invoice_for_session_on(day: dt.datetime, **fields):
    return InvoiceFactory(booking__session=SessionFactory(starts_at=day), **fields)


def test_income_is_the_charges_for_sessions_in_the_period_less_cancelled_invoices():
    # Issued before the period, for a session in it: counted.
    invoice_for_session_on(at(2017, 4, 3), issued_on=dt.date(2017, 3, 1), amount_pence=5000)
    invoice_for_session_on(
        at(2017, 6, 1), amount_pence=3000, status=InvoiceStatus.PAID, paid_on=dt.date(2017, 6, 5)
    )
    invoice_for_session_on(at(2017, 7, 1), status=InvoiceStatus.CANCELLED)
    invoice_for_session_on(at(2018, 4, 1), issued_on=dt.date(2018, 3, 1))
    money = reports.income(start=START, end=END)
    assert (money.invoices, money.invoiced_pence, money.paid_pence) == (2, 8000, 3000)
    assert money.outstanding_pence == 5000


def test_attendance_by_agency_names_non_partners_together():
    session = SessionFactory(starts_at=at(2017, 10, 1))
    police = AgencyFactory(name="Metropolitan Police Service")
    attended(session, 2, agency=police, is_partner=True)
    attended(session, 1)
    assert reports.attendance_by_agency(start=START, end=END) == [
        ("Metropolitan Police Service", 2),
        ("Not a partner agency", 1),
    ]


def test_anonymising_old_delegates_keeps_every_figure():
    session = SessionFactory(course__title="CSE", starts_at=at(2017, 10, 1))
    for booking in attended(session, 3):
        Evaluation.objects.create(booking=booking, stage="after", knowledge=3, confidence=3)
    completions(
        CourseFactory(title="Intro eLearning", kind=CourseKind.ELEARNING), 2, dt.date(2017, 9, 1)
    )
    before = reports.training_report(start=START, end=END)
    changed = retention.training_retention(older_than_years=6, today=dt.date(2026, 11, 26))
    assert changed == (3, 2)
    assert reports.training_report(start=START, end=END) == before


class TestPresenting:
    def test_a_course_one_place_short_of_full_is_not_shown_as_100_percent(self):
        assert presenters.percent_filled(282, 283) == "99%"
        assert presenters.percent_filled(58, 60) == "97%"
        assert presenters.percent_filled(50, 50) == "100%"
        assert presenters.percent_filled(5, None) == "Not applicable"
