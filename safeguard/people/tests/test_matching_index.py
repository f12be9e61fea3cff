"""The matcher on the people index: keys kept in the database, one record matched against
everyone within the access policy's scope, each match explained."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Q

from safeguard.people.matching.features import MatchRecord, phonetic
from safeguard.people.matching.index import (
    LOOKUP_INDEX,
    match_index_rebuild,
    match_keys_refresh,
    matcher_train,
    person_match,
)
from safeguard.people.models import MatchKey, PersonName
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(agency):
    first = dt.date(2010, 3, 1)
    people = [
        PersonFactory(recorded_by_agency=agency, date_of_birth=first + dt.timedelta(days=n))
        for n in range(60)
    ]
    match_index_rebuild()
    matcher_train()
    return people


def _indexes() -> set[str]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, MatchKey._meta.db_table)
    return {name for name, about in found.items() if about["index"]}


def test_a_first_build_makes_the_lookup_index_at_its_end(agency, monkeypatch):
    from safeguard.people.matching import index

    PersonFactory.create_batch(3, recorded_by_agency=agency)
    seen = []
    refresh = index.match_keys_refresh

    def watched(**kwargs):
        seen.append(LOOKUP_INDEX in _indexes())
        return refresh(**kwargs)

    monkeypatch.setattr(index, "match_keys_refresh", watched)
    MatchKey.objects.all().delete()
    assert match_index_rebuild() > 0
    assert seen == [False]  # written without the index
    assert LOOKUP_INDEX in _indexes()
    assert match_index_rebuild() > 0  # over keys already there: the index is kept
    assert seen == [False, True]
    assert LOOKUP_INDEX in _indexes()


@pytest.mark.django_db(transaction=True)
def test_a_first_build_that_fails_outside_a_transaction_puts_the_lookup_index_back(
    agency, monkeypatch
):
    from safeguard.people.matching import index

    PersonFactory.create_batch(2, recorded_by_agency=agency)
    MatchKey.objects.all().delete()

    def failing(**kwargs):
        assert LOOKUP_INDEX not in _indexes()
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(index, "match_keys_refresh", failing)
    with pytest.raises(RuntimeError):
        match_index_rebuild()
    assert LOOKUP_INDEX in _indexes()


def test_a_record_with_a_swapped_birth_date_finds_its_person_first_with_reasons(indexed):
    person = indexed[5]
    name = PersonName.objects.get(person=person, kind="primary")
    born = person.date_of_birth
    record = MatchRecord(
        "q", name.given_name, name.family_name, born.replace(day=born.month, month=born.day)
    )
    (best, *_) = person_match(record=record, scope=Q())
    assert best.person_id == person.pk
    levels = {c.comparison: c.level for c in best.scored.contributions}
    assert levels["date_of_birth"] == "day and month swapped"


def test_people_outside_the_scope_are_never_candidates(indexed):
    person = indexed[7]
    name = PersonName.objects.get(person=person, kind="primary")
    record = MatchRecord("q", name.given_name, name.family_name, person.date_of_birth)
    found = person_match(record=record, scope=~Q(pk=person.pk))
    assert person.pk not in {m.person_id for m in found}


def test_a_persons_keys_follow_a_change_of_name(indexed):
    person = indexed[3]
    before = set(MatchKey.objects.filter(person=person).values_list("key", flat=True))
    PersonName.objects.filter(person=person).update(family_name="Zzyzx", family_norm="zzyzx")
    match_keys_refresh(person_ids=[person.pk])
    after = set(MatchKey.objects.filter(person=person).values_list("key", flat=True))
    assert before != after
    assert any(k.startswith(f"fy:{phonetic('zzyzx')}:") for k in after)


def test_recording_and_merging_people_keep_their_keys_in_step(make_user, actor_for):
    from safeguard.partners.roles import Role
    from safeguard.people.services.merging import person_merge
    from safeguard.people.services.records import person_create

    practitioner = actor_for(make_user(Role.MASH_PRACTITIONER))
    born = dt.date(2012, 5, 4)
    first = person_create(actor=practitioner, given_name="Amelia", family_name="Okafor",
                          date_of_birth=born)  # fmt: skip
    second = person_create(actor=practitioner, given_name="Millie", family_name="Okafor-Reid",
                           date_of_birth=born)  # fmt: skip
    assert MatchKey.objects.filter(person=first).exists()
    governance = actor_for(make_user(Role.INFORMATION_GOVERNANCE_OFFICER))
    person_merge(actor=governance, survivor_id=first.pk, merged_id=second.pk,
                 reason="The same child, recorded twice by two teams")  # fmt: skip
    assert not MatchKey.objects.filter(person=second).exists()
    survivor_keys = set(MatchKey.objects.filter(person=first).values_list("key", flat=True))
    assert any(phonetic("okaforreid") in key for key in survivor_keys)  # the merged name


def test_the_selector_matches_only_within_the_actors_relationships_and_logs_it(
    indexed, make_user, actor_for, other_agency
):
    from django.core.exceptions import PermissionDenied

    from safeguard.core.models import AccessLogEntry
    from safeguard.partners.roles import Role
    from safeguard.people.search import PersonQuery
    from safeguard.people.selectors import person_search

    person = indexed[9]
    name = PersonName.objects.get(person=person, kind="primary")
    record = PersonQuery(name.given_name, name.family_name, person.date_of_birth)
    mash = actor_for(make_user(Role.MASH_PRACTITIONER))
    assert person_search(actor=mash, query=record)[0].person == person
    entry = AccessLogEntry.objects.filter(action="search").latest("seq")
    assert str(person.pk) in {str(s.person_id) for s in entry.subjects.all()}
    elsewhere = actor_for(make_user(Role.PARTNER_PRACTITIONER, agency=other_agency))
    assert person_search(actor=elsewhere, query=record) == []  # recorded by another
    with pytest.raises(PermissionDenied):
        person_search(actor=actor_for(make_user(Role.BOARD_MEMBER)), query=record)
