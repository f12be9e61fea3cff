import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeguard.core.errors import NotFound
from safeguard.core.models import AccessLogEntry
from safeguard.mash.selectors import QueueFilters, notification_get, notification_queue
from safeguard.mash.services import decisions, triage
from safeguard.mash.services.submit import ChildDetails, notification_submit
from safeguard.mash.tests.factories import draft, triaged
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _decide(manager, notification):
    decisions.notification_decide(
        actor=manager,
        notification_id=notification.pk,
        seen_version=notification.version,
        outcome="advice",
        onward_referrals=[],
        threshold_level=2,
        rationale="Universal services can meet the need",
        lawful_basis_confirmed=True,
    )


def test_a_notification_is_read_with_each_linked_childs_earlier_notifications(
    police, mash, manager
):
    first = triaged(police, mash)
    _decide(manager, first)
    second = notification_submit(actor=police, draft=draft())
    person_id = first.children.get().person_id
    triage.notification_link_child(
        actor=mash,
        notification_id=second.pk,
        seen_version=1,
        child_id=second.children.get().pk,
        person_id=person_id,
    )
    record = notification_get(actor=mash, notification_id=second.pk)
    child = record.children[0]
    assert child.person_id == person_id and child.link_confirmed_at is not None
    [earlier] = record.earlier[child.id]
    assert (earlier.reference, earlier.outcome) == (first.reference, "advice")
    assert record.candidates == {}  # the link is confirmed: nothing to choose between


def test_the_candidates_shown_are_named_in_the_access_log(police, mash):
    candidate = PersonFactory(
        given_name="Ava", family_name="Patel", date_of_birth=dt.date(2015, 6, 1)
    )
    notification = notification_submit(actor=police, draft=draft())
    record = notification_get(actor=mash, notification_id=notification.pk)
    [shown] = record.candidates[record.children[0].id]
    assert shown.person_id == candidate.pk
    assert (shown.given_name, shown.family_name) == ("Ava", "Patel")
    entry = AccessLogEntry.objects.filter(why="Opened a notification").get()
    assert list(entry.subjects.values_list("person_id", flat=True)) == [candidate.pk]


def test_a_candidate_restricted_after_it_was_found_is_not_shown(police, mash):
    candidate = PersonFactory(
        given_name="Ava", family_name="Patel", date_of_birth=dt.date(2015, 6, 1)
    )
    notification = notification_submit(actor=police, draft=draft())
    candidate.is_restricted = True
    candidate.save()
    record = notification_get(actor=mash, notification_id=notification.pk)
    assert record.candidates[record.children[0].id] == []


def test_a_partner_who_did_not_send_it_gets_404(police, health, mash):
    notification = notification_submit(actor=police, draft=draft())
    with pytest.raises(NotFound):
        notification_get(actor=health, notification_id=notification.pk)


def test_the_queue_reads_a_page_in_the_same_number_of_queries_however_full(police, mash):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            queue = notification_queue(actor=mash, filters=QueueFilters(), page_number=None)
        return len(captured), len(queue.rows)

    notification_submit(actor=police, draft=draft())
    few, shown = queries()
    for _ in range(6):
        notification_submit(actor=police, draft=draft())
    assert queries() == (few, shown + 6)


def _found(mash, **filters) -> list[str]:
    queue = notification_queue(actor=mash, filters=QueueFilters(**filters), page_number=None)
    return [r.reference for r in queue.rows]


@pytest.fixture
def two(police):
    ava = notification_submit(actor=police, draft=draft())
    leo = notification_submit(
        actor=police,
        draft=draft(
            children=[
                ChildDetails(
                    given_name="Leo",
                    family_name="O'Neill",
                    date_of_birth=dt.date(2012, 3, 27),
                    nhs_number="9434765919",
                )
            ]
        ),
    )
    return ava, leo


@pytest.mark.parametrize(
    ("search", "who"),
    [
        ("943 476 5919", "leo"),
        ("27/3/2012", "leo"),
        ("27 3 2012", "leo"),
        ("2012-03-27", "leo"),
        ("ava", "ava"),
        ("patel AVA", "ava"),
        ("o'neill", "leo"),
    ],
)
def test_the_queue_finds_a_notification_by_a_childs_details(mash, two, search, who):
    ava, leo = two
    assert _found(mash, status="", search=search) == [{"ava": ava, "leo": leo}[who].reference]


def test_the_queue_finds_a_reference_typed_whole_or_in_part_whatever_its_status(mash, manager, two):
    ava, _leo = two
    number = ava.reference.split("-")[-1]
    for typed in (ava.reference, ava.reference.lower(), number, f"  {number} "):
        assert _found(mash, status="", search=typed) == [ava.reference]


def test_a_search_that_matches_no_one_finds_nothing(mash, two):
    assert _found(mash, status="", search="Zebedee") == []


def test_assigned_to_me_shows_only_my_work(mash, two):
    ava, _leo = two
    triage.notification_assign(
        actor=mash, notification_id=ava.pk, seen_version=1, worker_id=mash.user_id
    )
    assert _found(mash, assigned_to=mash.user_id) == [ava.reference]
