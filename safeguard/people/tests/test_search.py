"""Search before create through the matching engine: what a user types finds the person, with
the engine's band and reasons; merged records and people with more evidence against than for
are left out."""

import datetime as dt

import pytest

from safeguard.partners.roles import Role
from safeguard.people.matching.index import match_keys_refresh
from safeguard.people.models import PersonName
from safeguard.people.names import name_fields
from safeguard.people.search import PersonQuery
from safeguard.people.selectors import person_search
from safeguard.people.tests.factories import PersonFactory, give_address

pytestmark = pytest.mark.django_db


@pytest.fixture
def search(make_user, actor_for):
    actor = actor_for(make_user(Role.MASH_PRACTITIONER))
    return lambda **fields: person_search(actor=actor, query=PersonQuery(**fields))


def test_exact_name_and_date_of_birth_ranks_first_as_a_match(search):
    exact = PersonFactory(given_name="Amelia", family_name="Hughes")
    PersonFactory(given_name="Amelia", family_name="Hughes", date_of_birth=dt.date(2010, 1, 1))
    results = search(given_name="Amelia", family_name="Hughes", date_of_birth=dt.date(2012, 3, 27))
    assert results[0].person == exact
    assert results[0].band == "match"
    assert "Date of birth: exact" in results[0].reasons
    assert results[1].probability < results[0].probability


def test_finds_a_spelling_that_sounds_alike(search):
    person = PersonFactory(given_name="Jon", family_name="Smyth")
    results = search(given_name="John", family_name="Smith")
    assert [r.person for r in results] == [person]
    assert results[0].band == "no match"  # names alone never make a match


def test_finds_a_nickname(search):
    person = PersonFactory(given_name="Robert", family_name="Okafor")
    results = search(given_name="Bob", family_name="Okafor", date_of_birth=dt.date(2012, 3, 27))
    assert results[0].person == person
    assert "Given name: nickname or formal form" in results[0].reasons


def test_finds_a_swapped_day_and_month(search):
    person = PersonFactory(given_name="Ava", family_name="Patel", date_of_birth=dt.date(2012, 3, 7))
    results = search(date_of_birth=dt.date(2012, 7, 3), family_name="Patel", given_name="Ava")
    assert results[0].person == person
    assert "Date of birth: day and month swapped" in results[0].reasons


def test_finds_names_written_the_other_way_round(search):
    person = PersonFactory(given_name="Chen", family_name="Wei")
    results = search(given_name="Wei", family_name="Chen", date_of_birth=dt.date(2012, 3, 27))
    assert results[0].person == person
    assert "Given and family names written the other way round" in results[0].reasons


def test_nhs_number_alone_finds_the_person(search):
    person = PersonFactory(nhs_number="9434765919", given_name="Kai", family_name="Brown")
    results = search(nhs_number="9434765919")
    assert [r.person for r in results] == [person]
    assert results[0].reasons == ["NHS number: same"]


def test_a_different_nhs_number_counts_against_a_match(search):
    same = PersonFactory(nhs_number="9434765919")
    other = PersonFactory(nhs_number="4010232137")
    results = search(
        given_name="Amelia",
        family_name="Hughes",
        date_of_birth=dt.date(2012, 3, 27),
        nhs_number="9434765919",
    )
    chances = {r.person: r.probability for r in results}
    assert chances[same] > chances.get(other, 0)
    assert "NHS number: differs" in next(r.reasons for r in results if r.person == other)


def test_family_name_alone_finds_everyone_of_that_name(search):
    wards = {PersonFactory(given_name=g, family_name="Ward") for g in ("Leo", "Ivy")}
    PersonFactory(given_name="Leo", family_name="Quinn")
    assert {r.person for r in search(family_name="Ward")} == wards


def test_postcode_finds_people_at_the_address(search):
    person = PersonFactory(given_name="Leo", family_name="Ward")
    give_address(person, "UB3 1AA")
    results = search(postcode="UB3 1AA")
    assert [r.person for r in results] == [person]
    assert "Address: same address" in results[0].reasons


def test_aliases_are_searched(search):
    person = PersonFactory(given_name="Mia", family_name="Jones")
    PersonName.objects.create(
        person=person, kind="previous", **name_fields("Mia", "Kowalski"),
        given_name="Mia", family_name="Kowalski",
    )  # fmt: skip
    match_keys_refresh(person_ids=[person.pk])
    assert search(given_name="Mia", family_name="Kowalski")[0].person == person


def test_merged_records_are_not_candidates(search):
    survivor = PersonFactory()
    PersonFactory(merged_into=survivor)
    results = search(given_name="Amelia", family_name="Hughes")
    assert [r.person for r in results] == [survivor]


def test_more_evidence_against_than_for_is_left_out(search):
    PersonFactory(given_name="Zara", family_name="Quinn", date_of_birth=dt.date(2001, 1, 1))
    found = search(given_name="Zoe", family_name="Quinn", date_of_birth=dt.date(2016, 6, 9))
    assert found == []


def test_an_nhs_number_the_index_lacks_does_not_hide_the_family_at_the_postcode(search):
    person = PersonFactory(given_name="Leo", family_name="Ward")
    give_address(person, "UB3 1AA")
    found = search(family_name="Ward", postcode="UB3 1AA", nhs_number="9434765919")
    assert [r.person for r in found] == [person]


def test_a_given_name_alone_finds_people_of_that_name(search):
    ivy = PersonFactory(given_name="Ivy", family_name="Ward")
    PersonFactory(given_name="Leo", family_name="Ward")
    assert [r.person for r in search(given_name="Ivy")] == [ivy]


def test_an_index_built_before_features_were_stored_still_finds_people(search):
    from safeguard.people.models import MatchProfile

    person = PersonFactory(given_name="Mia", family_name="Jones")
    MatchProfile.objects.all().delete()
    found = search(given_name="Mia", family_name="Jones", date_of_birth=dt.date(2012, 3, 27))
    assert [r.person for r in found] == [person]


def test_a_common_family_name_still_ranks_the_right_person_first_at_the_postcode(search):
    from safeguard.people.matching.features import phonetic
    from safeguard.people.models import MatchCommonKey

    target = PersonFactory(given_name="Leo", family_name="Ward")
    give_address(target, "UB3 1AA")
    give_address(PersonFactory(given_name="Ivy", family_name="Quinn"), "UB3 1AA")
    give_address(PersonFactory(given_name="Amy", family_name="Ward"), "UB8 1UW")
    MatchCommonKey.objects.create(key=f"sf:{phonetic('ward')}", people=5000)
    found = search(family_name="Ward", postcode="UB3 1AA")
    assert found[0].person == target
    assert all(r.person.pk != target.pk for r in found[1:])
