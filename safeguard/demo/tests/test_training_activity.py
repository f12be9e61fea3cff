"""The demo's training records add up to the calibrated figures, computed by the reports."""

import datetime as dt

import pytest

from safeguard.demo import calibration as cal
from safeguard.demo.generator import BoroughGenerator
from safeguard.demo.training_activity import TrainingActivity, charged_counts, respondents
from safeguard.training import reports
from safeguard.training.models import Booking, BookingStatus, Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    """The calibrated years and the sessions to come, on the report's agencies and users."""
    generator = BoroughGenerator(scale=1, seed=5, progress=False)
    users = generator._users(generator._agencies())
    TrainingActivity(seed=5, scale=1, users=users, progress=False).run()


def _year(year: cal.DemoTrainingYear) -> tuple[dt.date, dt.date]:
    return dt.date(year.year, 4, 1), dt.date(year.year + 1, 3, 31)


@pytest.mark.parametrize("year", cal.TRAINING_YEARS, ids=lambda y: f"{y.year}-{y.year + 1}")
def test_the_places_table_computes_back_to_the_calibrated_year(loaded, year):
    start, end = _year(year)
    table = reports.delivery_table(start=start, end=end)
    expected = sorted((d.title, d.attendees, d.places) for d in year.courses)
    assert [(r.title, r.attendees, r.places) for r in table.courses] == expected
    assert table.direct.attendees == sum(d.attendees for d in year.courses)
    assert table.direct.places == sum(d.places for d in year.courses)
    assert {r.title: r.attendees for r in table.elearning} == year.elearning
    assert table.grand_total == table.direct.attendees + sum(year.elearning.values())
    assert sorted((r.title, r.attendees, r.places) for r in table.events) == sorted(
        (e.title, e.attendees, e.places) for e in year.events
    )


@pytest.mark.parametrize("year", cal.TRAINING_YEARS, ids=lambda y: f"{y.year}-{y.year + 1}")
def test_impact_and_revenue_compute_back_to_the_calibrated_year(loaded, year):
    start, end = _year(year)
    overall = reports.impact(start=start, end=end)[-1]
    assert (
        overall.knowledge_before,
        overall.knowledge_after,
        overall.confidence_before,
        overall.confidence_after,
    ) == tuple(float(p) for p in year.impact)
    assert 0 < overall.after_respondents <= overall.attendees
    assert reports.income(start=start, end=end).invoiced_pence == year.revenue_pounds * 100


def test_sessions_to_come_include_a_full_one_with_a_waiting_list(loaded):
    upcoming = Session.objects.filter(starts_at__date__gt=dt.date.today())
    assert upcoming.count() == cal.TRAINING_UPCOMING_SESSIONS
    assert Booking.objects.filter(session__in=upcoming, status=BookingStatus.WAITING).exists()
    officer = next(u for u in cal.DEMO_USERS if u.role == "partner_practitioner")
    assert Booking.objects.filter(email=officer.email, session__in=upcoming).exists()


def test_no_delegate_is_booked_beyond_a_sessions_places(loaded):
    for session in Session.objects.all():
        holding = session.bookings.filter(
            status__in=(BookingStatus.BOOKED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW)
        ).count()
        assert holding <= session.capacity


def test_the_fees_fit_a_revenue_exactly_or_are_refused():
    counts = charged_counts([120, 70, 57], [100, 100, 100], 0.3, 10_007)
    assert sum(c * f for c, f in zip(counts, [120, 70, 57], strict=True)) == 10_007
    assert all(c <= 100 for c in counts)
    with pytest.raises(ValueError, match="No mix"):
        charged_counts([100], [10], 0.3, 150)


def test_respondents_are_a_count_of_whom_each_share_is_whole():
    assert respondents(907, 0.85, (48, 46)) == 750  # 48% and 46% of 750 are whole
    assert respondents(907, 0.75, (93, 85)) == 700
