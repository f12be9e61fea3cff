import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.utils import timezone

from safeguard.core.prepared import PreparedRead
from safeguard.people.models import Person, PersonName

pytestmark = pytest.mark.django_db

COLUMNS = ("id", "date_of_birth", "created_at", "is_restricted", "names__given_name")


@pytest.fixture
def people(agency):
    made = []
    for i, (born, restricted) in enumerate([(dt.date(2012, 3, 27), False), (None, True)]):
        person = Person.objects.create(
            recorded_by_agency=agency,
            date_of_birth=born,
            is_restricted=restricted,
            created_at=timezone.now() - dt.timedelta(days=i),
        )
        PersonName.objects.create(person=person, given_name=f"Ava{i}", family_name="Patel")
        made.append(person)
    return made


def by_id(pk):
    return Person.objects.filter(pk=pk).values_list(*COLUMNS)


def test_a_prepared_read_gives_the_orms_rows_converted_as_the_orm_converts_them(people):
    read = PreparedRead(by_id)
    for person in people:
        assert read.rows(pk=person.pk) == list(by_id(person.pk))
    found = read.rows(pk=people[0].pk)[0]
    assert isinstance(found[0], type(people[0].pk)) and isinstance(found[2], dt.datetime)


def test_each_run_takes_its_own_values_not_the_first_runs(people, django_assert_num_queries):
    read = PreparedRead(by_id)
    assert read.rows(pk=people[0].pk)[0][0] == people[0].pk
    with django_assert_num_queries(1):  # compiled already: one round trip, no other work
        assert read.rows(pk=people[1].pk)[0][0] == people[1].pk


def test_a_shape_is_compiled_on_its_own_so_a_narrower_scope_never_reuses_a_wider_one(people):
    read = PreparedRead(lambda scope, pk: Person.objects.filter(scope, pk=pk).values_list("id"))
    everyone, unrestricted = Q(), Q(is_restricted=False)
    assert read.rows(shape={"scope": everyone}, pk=people[1].pk) == [(people[1].pk,)]
    assert read.rows(shape={"scope": unrestricted}, pk=people[1].pk) == []
    assert read.rows(shape={"scope": Q(pk__in=[])}, pk=people[1].pk) == []


def test_lists_of_each_length_and_times_are_values(people):
    read = PreparedRead(
        lambda ids, before: (
            Person.objects.filter(pk__in=ids, created_at__lt=before)
            .order_by("created_at")
            .values_list("id")
        )
    )
    ids = [p.pk for p in people]
    now = timezone.now()
    assert read.rows(ids=ids, before=now) == [(people[1].pk,), (people[0].pk,)]
    assert read.rows(ids=ids[:1], before=now) == [(people[0].pk,)]
    assert read.rows(ids=ids, before=now - dt.timedelta(hours=1)) == [(people[1].pk,)]
    assert read.rows(ids=[], before=now) == []


def test_a_value_the_sql_does_not_pass_as_itself_is_refused_when_compiled(people):
    read = PreparedRead(lambda name: Person.objects.filter(names__given_name__icontains=name))
    with pytest.raises(ImproperlyConfigured, match="'name' is not a plain parameter"):
        read.rows(name="Ava")


@pytest.mark.parametrize("value", [None, True, 1.5])
def test_a_value_that_would_change_the_sql_is_refused(people, value):
    read = PreparedRead(lambda v: Person.objects.filter(date_of_birth=v).values_list("id"))
    with pytest.raises(TypeError):
        read.rows(v=value)


def test_a_time_on_the_29th_of_february_is_a_value_like_any_other(people):
    read = PreparedRead(
        lambda before: Person.objects.filter(created_at__lt=before).values_list("id")
    )
    leap_day = timezone.make_aware(dt.datetime(2024, 2, 29, 12, 0))
    assert read.rows(before=leap_day) == []


def test_reads_run_together_each_give_their_own_rows_in_one_round_trip_on_postgresql(
    people, django_assert_num_queries
):
    from django.db import connection

    from safeguard.core.prepared import rows_together

    read = PreparedRead(by_id)
    names = PreparedRead(
        lambda pk: PersonName.objects.filter(person_id=pk).values_list("given_name")
    )
    nothing = PreparedRead(lambda pk: Person.objects.filter(Q(pk__in=[]), pk=pk).values_list("id"))
    reads = (
        read.bound(pk=people[0].pk),
        names.bound(pk=people[1].pk),
        nothing.bound(pk=people[0].pk),
        read.bound(pk=people[1].pk),
    )
    rows_together(*reads)  # compiled once, outside the count
    round_trips = 1 if connection.vendor == "postgresql" else 3
    with django_assert_num_queries(round_trips):
        found = rows_together(*reads)
    assert found == [
        list(by_id(people[0].pk)),
        [("Ava1",)],
        [],
        list(by_id(people[1].pk)),
    ]
