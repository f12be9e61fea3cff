"""The duplicate-persons report: the engine finds the pairs, the officer merges them or marks
them as two people, and a pair once judged is not offered again."""

import datetime as dt
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied

from safeguard.core.errors import DomainError
from safeguard.core.models import AccessLogEntry, AuditEvent
from safeguard.partners.roles import Role
from safeguard.people.models import DuplicateStatus, PersonDuplicate
from safeguard.people.selectors import person_duplicates
from safeguard.people.services import (
    person_duplicate_dismiss,
    person_duplicates_find,
    person_merge,
)
from safeguard.people.tests.factories import PersonFactory, give_address

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins_and_a_duplicate():
    """A child recorded twice (day and month swapped, a nickname), and her twin brother."""
    first = PersonFactory(given_name="Katherine", family_name="Okafor", sex="F",
                          date_of_birth=dt.date(2013, 4, 9))  # fmt: skip
    again = PersonFactory(given_name="Kate", family_name="Okafor", sex="F",
                          date_of_birth=dt.date(2013, 9, 4))  # fmt: skip
    twin = PersonFactory(given_name="Samuel", family_name="Okafor", sex="M",
                         date_of_birth=dt.date(2013, 4, 9))  # fmt: skip
    for person in (first, again, twin):
        give_address(person, "UB8 1UW")
    return first, again, twin


@pytest.fixture
def ig(make_user, actor_for):
    return actor_for(make_user(Role.INFORMATION_GOVERNANCE_OFFICER))


def _pairs():
    return {frozenset((p.person_a_id, p.person_b_id)) for p in PersonDuplicate.objects.all()}


def test_the_engine_finds_the_child_recorded_twice_and_not_her_twin(twins_and_a_duplicate):
    first, again, _twin = twins_and_a_duplicate
    assert person_duplicates_find() == 1
    assert _pairs() == {frozenset((first.pk, again.pk))}
    pair = PersonDuplicate.objects.get()
    assert str(pair.person_a_id) < str(pair.person_b_id)
    assert ["date_of_birth", "day and month swapped"] in [c[:2] for c in pair.contributions]


def test_a_pair_judged_two_people_is_not_offered_again(twins_and_a_duplicate, ig):
    person_duplicates_find()
    pair = PersonDuplicate.objects.get()
    person_duplicate_dismiss(actor=ig, duplicate_id=pair.pk, reason="Checked with the school")
    assert person_duplicates_find() == 0
    pair.refresh_from_db()
    assert pair.status == DuplicateStatus.NOT_DUPLICATE and pair.decided_by_id == ig.user_id
    assert AuditEvent.objects.filter(action="duplicate_dismissed").count() == 1


def test_dismissing_needs_a_reason_and_the_permission(
    twins_and_a_duplicate, ig, make_user, actor_for
):
    person_duplicates_find()
    pair = PersonDuplicate.objects.get()
    with pytest.raises(DomainError):
        person_duplicate_dismiss(actor=ig, duplicate_id=pair.pk, reason="no")
    manager = actor_for(make_user(Role.MASH_MANAGER))
    with pytest.raises(PermissionDenied):
        person_duplicate_dismiss(actor=manager, duplicate_id=pair.pk, reason="Checked with school")
    assert PersonDuplicate.objects.get().status == DuplicateStatus.OPEN


def test_the_report_lists_pairs_and_logs_the_people_shown(twins_and_a_duplicate, ig):
    first, again, _ = twins_and_a_duplicate
    person_duplicates_find()
    page = person_duplicates(actor=ig, page_number=None)
    assert [{row.person_a.pk, row.person_b.pk} for row in page.object_list] == [
        {first.pk, again.pk}
    ]
    entry = AccessLogEntry.objects.get(why="Looked at records that may be duplicates")
    assert set(entry.subjects.values_list("person_id", flat=True)) == {first.pk, again.pk}


def test_a_merged_pair_leaves_the_report(twins_and_a_duplicate, ig):
    first, again, _ = twins_and_a_duplicate
    person_duplicates_find()
    person_merge(actor=ig, survivor_id=first.pk, merged_id=again.pk, reason="Same child, GP")
    assert list(person_duplicates(actor=ig, page_number=None).object_list) == []


def test_only_the_information_governance_officer_sees_the_report(make_user, actor_for):
    with pytest.raises(PermissionDenied):
        person_duplicates(actor=actor_for(make_user(Role.MASH_MANAGER)), page_number=None)


class TestPages:
    def test_the_officer_reviews_and_marks_two_people(
        self, twins_and_a_duplicate, make_user, sign_in
    ):
        client = sign_in(make_user(Role.INFORMATION_GOVERNANCE_OFFICER))
        person_duplicates_find()
        pair = PersonDuplicate.objects.get()
        page = unescape(client.get("/people/duplicates/").content.decode())
        assert "Katherine Okafor" in page and "Kate Okafor" in page
        assert "Date of birth: day and month swapped" in page
        assert f"/people/duplicates/{pair.pk}/dismiss/" in page
        assert f"/people/{pair.person_b_id}/merge/{pair.person_a_id}/" in page
        refused = client.post(f"/people/duplicates/{pair.pk}/dismiss/", {"reason": ""})
        assert "govuk-error-summary" in refused.content.decode()
        done = client.post(
            f"/people/duplicates/{pair.pk}/dismiss/", {"reason": "Two children: checked"}
        )
        assert done.status_code == 302
        assert "No pairs to review" in client.get("/people/duplicates/").content.decode()


def test_a_pair_with_a_merged_record_cannot_be_opened_or_judged(twins_and_a_duplicate, ig):
    from safeguard.core.errors import NotFound
    from safeguard.people.selectors import person_duplicate_get

    first, again, _ = twins_and_a_duplicate
    person_duplicates_find()
    pair = PersonDuplicate.objects.get()
    person_merge(actor=ig, survivor_id=first.pk, merged_id=again.pk, reason="Same child, GP")
    with pytest.raises(NotFound):
        person_duplicate_get(actor=ig, duplicate_id=pair.pk)
    with pytest.raises(NotFound):
        person_duplicate_dismiss(actor=ig, duplicate_id=pair.pk, reason="Checked with school")
