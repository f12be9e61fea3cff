"""The busiest paths read a fixed number of queries, however big the borough: each is pinned
on a small demo borough, at the larger of PostgreSQL's and SQLite's counts (`make bench` times
them at scale 1 and 10). An N+1 over a list of children, notifications or indicators would
break its pin by dozens or hundreds."""

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from safeguard.core.actors import Actor
from safeguard.demo import calibration as cal
from safeguard.demo.generator import BoroughGenerator
from safeguard.mash.models import Notification
from safeguard.mash.services.submit import ChildDetails, notification_submit
from safeguard.mash.tests.factories import draft
from safeguard.partners.models import Agency
from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import UserFactory
from safeguard.reports.content import report_content
from safeguard.reports.models import Report
from safeguard.returns.models import ReturnChild

# One worker builds the small borough once for the module; each test runs in its own savepoint
# inside the module's transaction, which is rolled back at the end.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("query_counts")]


@pytest.fixture(scope="module")
def borough(django_db_setup, django_db_blocker) -> Iterator[Agency]:
    with django_db_blocker.unblock(), transaction.atomic():
        BoroughGenerator(scale=0.02, seed=5, progress=False).run()
        yield Agency.objects.get(name=cal.COUNCIL)
        transaction.set_rollback(True)


@pytest.fixture
def mash(borough, sign_in) -> Client:
    return sign_in(UserFactory(agency=borough, roles=[Role.MASH_MANAGER]))


def _check(pin: int, call: Callable[[], Any], django_assert_max_num_queries: Any) -> Any:
    with django_assert_max_num_queries(pin):
        result = call()
    assert getattr(result, "status_code", 200) == 200
    return result


def test_the_mash_queue_reads_a_fixed_number_of_queries(mash, django_assert_max_num_queries):
    assert Notification.objects.count() > 25  # more than a page
    # 13 on PostgreSQL, which writes the access log's row and subjects in one statement.
    _check(14, lambda: mash.get("/mash/queue/"), django_assert_max_num_queries)


def test_a_notification_reads_a_fixed_number_of_queries(
    borough, mash, django_assert_max_num_queries
):
    """A notification with two children not yet linked: their candidates were found when they
    were added, and the page reads them all in one query (it once searched for each: 47)."""
    police = Agency.objects.exclude(pk=borough.pk).first()
    officer = Actor.for_user(UserFactory(agency=police, roles=[Role.PARTNER_PRACTITIONER]))
    children = [
        ChildDetails(given_name=given, family_name="Patel", date_of_birth=dt.date(2015, 6, 1))
        for given in ("Ava", "Leo")
    ]
    notification = notification_submit(actor=officer, draft=draft(children=children))
    page = f"/mash/notifications/{notification.pk}/"
    _check(19, lambda: mash.get(page), django_assert_max_num_queries)


def test_a_childs_chronology_reads_a_fixed_number_of_queries(mash, django_assert_max_num_queries):
    # 22, and since issue 18 one read of corrected links and, for a child with MASH decisions,
    # one each of decision corrections and escalations (prefetched: never one per notification).
    for child in ReturnChild.objects.filter(person__isnull=False).order_by("pk")[:5]:
        page = f"/returns/chronology/{child.person_id}/"
        _check(25, lambda page=page: mash.get(page), django_assert_max_num_queries)


def test_the_scorecard_reads_a_fixed_number_of_queries(
    borough, sign_in, django_assert_max_num_queries
):
    officer = sign_in(UserFactory(agency=borough, roles=[Role.PARTNERSHIP_OFFICER]))
    _check(111, lambda: officer.get("/scorecard/"), django_assert_max_num_queries)


def test_the_yearly_reports_content_reads_a_fixed_number_of_queries(
    borough, django_assert_max_num_queries
):
    report = Report.objects.get(year=cal.REPORT_YEAR)
    content = _check(43, lambda: report_content(report), django_assert_max_num_queries)
    assert content["sections"]
