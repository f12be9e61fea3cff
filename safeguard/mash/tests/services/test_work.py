"""What reaches someone lands on their work list as well as in their inbox; opening an item
marks it seen, and nobody can open anyone else's."""

import pytest

from safeguard.core.errors import NotFound
from safeguard.mash.models import WorkItem, WorkKind
from safeguard.mash.selectors.work import work_counts, work_items
from safeguard.mash.services import decisions, requests
from safeguard.mash.services.work import work_item_open, work_items_mark_seen
from safeguard.mash.tests.factories import triaged

pytestmark = pytest.mark.django_db


def _ask(mash, health, notification):
    return requests.information_request_send(
        actor=mash,
        notification_id=notification.pk,
        seen_version=notification.version,
        agency_ids=[health.agency.pk],
        question="Known to you?",
    )[0]


def test_a_request_its_answer_and_the_decision_each_reach_a_work_list(
    police, mash, manager, health
):
    notification = triaged(police, mash)
    request = _ask(mash, health, notification)
    [asked] = WorkItem.objects.filter(user=health.user)
    assert (asked.kind, asked.path) == (WorkKind.REQUEST_RECEIVED, f"/mash/requests/{request.pk}/")
    requests.information_request_answer(
        actor=health,
        request_id=request.pk,
        seen_version=request.version,
        known_to_service="no",
        current_involvement=False,
        text="Not known",
    )
    # Nobody is assigned, so the worker who sent the request is told, and only they.
    [answered] = WorkItem.objects.filter(kind=WorkKind.ANSWER_RECEIVED)
    assert answered.user == mash.user
    notification.refresh_from_db()
    decisions.notification_decide(
        actor=manager,
        notification_id=notification.pk,
        seen_version=notification.version,
        outcome="advice",
        onward_referrals=[],
        threshold_level=1,
        rationale="Advice given",
        lawful_basis_confirmed=True,
    )
    [told] = WorkItem.objects.filter(kind=WorkKind.DECISION_MADE)
    assert told.user == police.user and told.path == f"/mash/sent/{notification.pk}/"


def test_opening_an_item_marks_it_seen_and_counts_drop(police, mash, health):
    _ask(mash, health, triaged(police, mash))
    assert work_counts(actor=health).unseen == 1
    item = WorkItem.objects.get(user=health.user)
    assert work_item_open(actor=health, item_id=item.pk) == item.path
    item.refresh_from_db()
    assert item.seen_at is not None
    assert work_counts(actor=health).unseen == 0


def test_no_one_opens_or_lists_anyone_elses_item(police, mash, health):
    _ask(mash, health, triaged(police, mash))
    item = WorkItem.objects.get(user=health.user)
    with pytest.raises(NotFound):
        work_item_open(actor=mash, item_id=item.pk)
    rows, _ = work_items(actor=mash, page_number=None)
    assert item.pk not in [r.id for r in rows]
    assert work_items_mark_seen(actor=mash) == 0
    item.refresh_from_db()
    assert item.seen_at is None


def test_the_list_puts_unseen_first_then_newest(police, mash, health):
    first = triaged(police, mash)
    _ask(mash, health, first)
    _ask(mash, health, triaged(police, mash))
    older, newer = WorkItem.objects.filter(user=health.user).order_by("created_at")
    work_item_open(actor=health, item_id=newer.pk)
    rows, _ = work_items(actor=health, page_number=None)
    assert [r.id for r in rows] == [older.pk, newer.pk]
