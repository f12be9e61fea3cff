import datetime as dt

import pytest

from safeguard.core.errors import ConflictError, DomainError, NotFound
from safeguard.core.models import AccessLogEntry
from safeguard.partners.roles import Role
from safeguard.people import services
from safeguard.people.models import Allocation, Person, PersonAddress, Relationship
from safeguard.people.tests.factories import PersonFactory, give_address

pytestmark = pytest.mark.django_db


@pytest.fixture
def mash(make_user, actor_for):
    return actor_for(make_user(Role.MASH_PRACTITIONER))


@pytest.fixture
def ig(make_user, actor_for):
    return actor_for(make_user(Role.INFORMATION_GOVERNANCE_OFFICER))


class TestPersonCreate:
    def test_records_the_person_for_the_actors_agency_and_logs_it(self, mash):
        person = services.person_create(
            actor=mash,
            given_name="Ava",
            family_name="Patel",
            date_of_birth=dt.date(2015, 6, 1),
            sex="F",
        )
        assert person.recorded_by_agency == mash.agency
        assert person.names.get().family_key == "P340"
        entry = AccessLogEntry.objects.get()
        assert (entry.action, entry.object_id) == ("create", str(person.pk))

    def test_refuses_a_second_person_with_the_same_nhs_number(self, mash):
        PersonFactory(nhs_number="9434765919")
        with pytest.raises(DomainError, match="already has this NHS number") as caught:
            services.person_create(
                actor=mash, given_name="A", family_name="B", nhs_number="9434765919"
            )
        assert caught.value.field == "nhs_number"
        assert Person.objects.count() == 1

    def test_an_aggregate_role_cannot_create(self, make_user, actor_for):
        from django.core.exceptions import PermissionDenied

        with pytest.raises(PermissionDenied):
            services.person_create(
                actor=actor_for(make_user(Role.ANALYST)), given_name="A", family_name="B"
            )


class TestPersonUpdate:
    def test_a_change_applies_to_the_version_the_user_saw(self, mash):
        person = PersonFactory()
        services.person_update(
            actor=mash, person=person, seen_version=1, sex="M", nhs_number="", upn=""
        )
        person.refresh_from_db()
        assert (person.sex, person.version) == ("M", 2)

    def test_a_concurrent_change_is_refused_not_overwritten(self, mash):
        person = PersonFactory()
        services.person_update(actor=mash, person=person, seen_version=1, gender="Girl")
        with pytest.raises(ConflictError, match="Someone else changed this record"):
            services.person_update(actor=mash, person=person, seen_version=1, gender="Boy")
        person.refresh_from_db()
        assert person.gender == "Girl"

    def test_a_partner_cannot_change_another_agencys_record(
        self, make_user, actor_for, other_agency
    ):
        person = PersonFactory(recorded_by_agency=other_agency)
        partner = actor_for(make_user(Role.PARTNER_PRACTITIONER))
        with pytest.raises(NotFound):
            services.person_update(actor=partner, person=person, seen_version=1, gender="x")


class TestAddresses:
    def test_a_new_home_ends_the_current_one(self, mash):
        person = PersonFactory()
        give_address(person, "UB8 1UW")
        services.person_add_address(
            actor=mash,
            person=person,
            line_1="2 Station Road",
            line_2="",
            town="Hayes",
            postcode="UB3 4AA",
            kind="home",
            start_date=dt.date(2018, 2, 1),
        )
        stays = {s.address.postcode: s.end_date for s in PersonAddress.objects.all()}
        assert stays == {"UB8 1UW": dt.date(2018, 2, 1), "UB3 4AA": None}


class TestRelationships:
    def test_a_person_cannot_be_related_to_themselves(self, mash):
        person = PersonFactory()
        with pytest.raises(DomainError):
            services.relationship_add(
                actor=mash, from_person=person, to_person=person, kind="sibling"
            )

    def test_a_relationship_is_logged_against_both_people(self, mash):
        parent, child = PersonFactory(kind="adult"), PersonFactory()
        services.relationship_add(actor=mash, from_person=parent, to_person=child, kind="parent")
        entry = AccessLogEntry.objects.get()
        assert set(entry.subjects.values_list("person_id", flat=True)) == {parent.pk, child.pk}


class TestMerge:
    def _pair(self, worker):
        survivor = PersonFactory(given_name="Amelia", family_name="Hughes")
        duplicate = PersonFactory(given_name="Amelia", family_name="Hewes", nhs_number="9434765919")
        give_address(duplicate, "UB3 1AA")
        sibling = PersonFactory(given_name="Leo")
        Relationship.objects.create(from_person=sibling, to_person=duplicate, kind="sibling")
        Allocation.objects.create(person=duplicate, worker=worker, started_on=dt.date(2018, 1, 1))
        return survivor, duplicate, sibling

    def test_merge_moves_everything_and_unmerge_puts_it_back(self, ig, make_user):
        survivor, duplicate, _sibling = self._pair(make_user(Role.SOCIAL_WORKER))
        merge = services.person_merge(
            actor=ig, survivor_id=survivor.pk, merged_id=duplicate.pk, reason="Same child, misspelt"
        )
        survivor.refresh_from_db()
        duplicate.refresh_from_db()
        assert duplicate.merged_into == survivor
        assert survivor.nhs_number == "9434765919"
        assert sorted(survivor.names.values_list("family_name", "kind")) == [
            ("Hewes", "previous"),
            ("Hughes", "primary"),
        ]
        assert survivor.addresses.count() == 1
        assert Relationship.objects.get().to_person == survivor
        assert Allocation.objects.get().person == survivor

        services.person_unmerge(actor=ig, merge_id=merge.pk, reason="Twins, not one child")
        survivor.refresh_from_db()
        duplicate.refresh_from_db()
        assert duplicate.merged_into is None
        assert (survivor.nhs_number, duplicate.nhs_number) == (None, "9434765919")
        assert list(duplicate.names.values_list("family_name", "kind")) == [("Hewes", "primary")]
        assert list(survivor.names.values_list("family_name", "kind")) == [("Hughes", "primary")]
        assert duplicate.addresses.count() == 1 and survivor.addresses.count() == 0
        assert Relationship.objects.get().to_person == duplicate
        assert Allocation.objects.get().person == duplicate

    def test_merge_and_unmerge_are_logged_with_both_people(self, ig, make_user):
        survivor, duplicate, _ = self._pair(make_user(Role.SOCIAL_WORKER))
        merge = services.person_merge(
            actor=ig, survivor_id=survivor.pk, merged_id=duplicate.pk, reason="Same child, misspelt"
        )
        services.person_unmerge(actor=ig, merge_id=merge.pk, reason="Twins, not one child")
        entries = list(AccessLogEntry.objects.order_by("seq"))
        assert [e.action for e in entries] == ["merge", "unmerge"]
        for entry in entries:
            assert set(entry.subjects.values_list("person_id", flat=True)) == {
                survivor.pk,
                duplicate.pk,
            }

    def test_records_with_different_nhs_numbers_are_not_merged(self, ig):
        survivor = PersonFactory(nhs_number="4010232137")
        duplicate = PersonFactory(nhs_number="9434765919")
        with pytest.raises(DomainError, match="different NHS numbers"):
            services.person_merge(
                actor=ig,
                survivor_id=survivor.pk,
                merged_id=duplicate.pk,
                reason="Looks like the same child",
            )
        duplicate.refresh_from_db()
        assert duplicate.merged_into is None

    def test_only_the_ig_officer_merges(self, mash):
        from django.core.exceptions import PermissionDenied

        with pytest.raises(PermissionDenied):
            services.person_merge(
                actor=mash,
                survivor_id=PersonFactory().pk,
                merged_id=PersonFactory().pk,
                reason="Same child, misspelt",
            )

    def test_a_merge_cannot_be_undone_twice(self, ig):
        survivor, duplicate = PersonFactory(), PersonFactory()
        merge = services.person_merge(
            actor=ig, survivor_id=survivor.pk, merged_id=duplicate.pk, reason="Same child, misspelt"
        )
        services.person_unmerge(actor=ig, merge_id=merge.pk, reason="Twins, not one child")
        with pytest.raises(DomainError, match="already been undone"):
            services.person_unmerge(actor=ig, merge_id=merge.pk, reason="Twins, not one child")
