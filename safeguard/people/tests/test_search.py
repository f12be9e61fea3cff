import datetime as dt

import pytest
from django.db.models import Q

from safeguard.people.search import PersonQuery, candidate_ids, date_variants, rank
from safeguard.people.tests.factories import PersonFactory, give_address

pytestmark = pytest.mark.django_db


def _search(query):
    ids = candidate_ids(query, Q())
    from safeguard.people.models import Person

    return rank(
        query,
        list(Person.objects.filter(pk__in=ids).prefetch_related("names", "addresses__address")),
    )


def test_day_and_month_swap_is_a_date_variant():
    assert date_variants(dt.date(2012, 3, 7)) == [dt.date(2012, 3, 7), dt.date(2012, 7, 3)]
    assert date_variants(dt.date(2012, 3, 27)) == [dt.date(2012, 3, 27)]


def test_exact_name_and_date_of_birth_ranks_first():
    exact = PersonFactory(given_name="Amelia", family_name="Hughes")
    PersonFactory(given_name="Amelia", family_name="Hughes", date_of_birth=dt.date(2010, 1, 1))
    results = _search(
        PersonQuery(given_name="Amelia", family_name="Hughes", date_of_birth=dt.date(2012, 3, 27))
    )
    assert results[0].person == exact
    assert "Date of birth matches" in results[0].reasons


def test_finds_a_spelling_that_sounds_alike():
    person = PersonFactory(given_name="Jon", family_name="Smyth")
    results = _search(PersonQuery(given_name="John", family_name="Smith"))
    assert [r.person for r in results] == [person]
    assert "Family name sounds alike" in results[0].reasons


def test_finds_a_nickname():
    person = PersonFactory(given_name="Robert", family_name="Okafor")
    results = _search(PersonQuery(given_name="Bob", family_name="Okafor"))
    assert results[0].person == person
    assert "Given name is a nickname or formal form" in results[0].reasons


def test_finds_a_swapped_day_and_month():
    person = PersonFactory(given_name="Ava", family_name="Patel", date_of_birth=dt.date(2012, 3, 7))
    results = _search(PersonQuery(date_of_birth=dt.date(2012, 7, 3), family_name="Patel"))
    assert results[0].person == person
    assert "Date of birth matches with day and month swapped" in results[0].reasons


def test_nhs_number_alone_finds_the_person():
    person = PersonFactory(nhs_number="9434765919", given_name="Kai", family_name="Brown")
    results = _search(PersonQuery(nhs_number="9434765919"))
    assert results[0].person == person
    assert results[0].reasons == ["NHS number matches"]


def test_a_different_nhs_number_counts_against_a_match():
    same = PersonFactory(nhs_number="9434765919")
    other = PersonFactory(nhs_number="4010232137")
    results = _search(
        PersonQuery(given_name="Amelia", family_name="Hughes", nhs_number="9434765919")
    )
    scores = {r.person: r.score for r in results}
    assert scores[same] > scores.get(other, 0)


def test_postcode_finds_people_at_the_address():
    person = PersonFactory(given_name="Leo", family_name="Ward")
    give_address(person, "UB3 1AA")
    results = _search(PersonQuery(family_name="Ward", postcode="UB3 1AA"))
    assert "Lives at this postcode" in results[0].reasons


def test_aliases_are_searched():
    from safeguard.people.models import PersonName
    from safeguard.people.names import name_fields

    person = PersonFactory(given_name="Mia", family_name="Jones")
    PersonName.objects.create(
        person=person,
        kind="previous",
        given_name="Mia",
        family_name="Kowalski",
        **name_fields("Mia", "Kowalski"),
    )
    assert _search(PersonQuery(given_name="Mia", family_name="Kowalski"))[0].person == person


def test_merged_records_are_not_candidates():
    survivor = PersonFactory()
    PersonFactory(merged_into=survivor)
    results = _search(PersonQuery(given_name="Amelia", family_name="Hughes"))
    assert [r.person for r in results] == [survivor]


def test_weak_candidates_are_left_out():
    PersonFactory(given_name="Zara", family_name="Quinn", date_of_birth=dt.date(2001, 1, 1))
    assert _search(PersonQuery(given_name="Zoe", family_name="Quinlan")) == []
