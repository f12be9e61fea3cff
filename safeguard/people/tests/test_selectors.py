import datetime as dt

import pytest

from safeguard.core.errors import NotFound
from safeguard.core.models import AccessLogEntry, BreakGlassGrant
from safeguard.core.services import break_glass_open
from safeguard.partners.roles import Role
from safeguard.people.models import Allocation, Relationship
from safeguard.people.search import PersonQuery
from safeguard.people.selectors import person_get, person_search
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def police_child(agency):
    return PersonFactory(recorded_by_agency=agency, given_name="Amelia", family_name="Hughes")


@pytest.fixture
def hospital_child(other_agency):
    return PersonFactory(
        recorded_by_agency=other_agency,
        given_name="Amelia",
        family_name="Hughes",
        date_of_birth=dt.date(2011, 5, 5),
    )


@pytest.fixture
def restricted_child(other_agency):
    return PersonFactory(recorded_by_agency=other_agency, is_restricted=True)


class TestPersonGet:
    def test_mash_practitioner_sees_any_unrestricted_person(
        self, make_user, actor_for, hospital_child
    ):
        actor = actor_for(make_user(Role.MASH_PRACTITIONER))
        assert person_get(actor=actor, person_id=hospital_child.pk).person == hospital_child

    def test_mash_practitioner_cannot_see_a_restricted_person(
        self, make_user, actor_for, restricted_child
    ):
        actor = actor_for(make_user(Role.MASH_PRACTITIONER))
        with pytest.raises(NotFound):
            person_get(actor=actor, person_id=restricted_child.pk)

    def test_police_user_sees_a_child_the_police_recorded(self, make_user, actor_for, police_child):
        actor = actor_for(make_user(Role.PARTNER_PRACTITIONER))
        assert person_get(actor=actor, person_id=police_child.pk).person == police_child

    def test_police_user_cannot_see_a_child_the_hospital_recorded(
        self, make_user, actor_for, hospital_child
    ):
        actor = actor_for(make_user(Role.PARTNER_PRACTITIONER))
        with pytest.raises(NotFound):
            person_get(actor=actor, person_id=hospital_child.pk)

    def test_social_worker_sees_only_allocated_children(
        self, make_user, actor_for, hospital_child, police_child
    ):
        worker = make_user(Role.SOCIAL_WORKER)
        Allocation.objects.create(
            person=hospital_child, worker=worker, started_on=dt.date(2018, 1, 1)
        )
        actor = actor_for(worker)
        assert person_get(actor=actor, person_id=hospital_child.pk).person == hospital_child
        with pytest.raises(NotFound):
            person_get(actor=actor, person_id=police_child.pk)

    def test_an_ended_allocation_no_longer_gives_access(self, make_user, actor_for, hospital_child):
        worker = make_user(Role.SOCIAL_WORKER)
        Allocation.objects.create(
            person=hospital_child,
            worker=worker,
            started_on=dt.date(2018, 1, 1),
            ended_on=dt.date(2018, 2, 1),
        )
        with pytest.raises(NotFound):
            person_get(actor=actor_for(worker), person_id=hospital_child.pk)

    @pytest.mark.parametrize(
        "role",
        [
            Role.BOARD_MEMBER,
            Role.ANALYST,
            Role.PARTNERSHIP_OFFICER,
            Role.TRAINING_ADMINISTRATOR,
            Role.SYSTEM_ADMINISTRATOR,
        ],
    )
    def test_aggregate_and_admin_roles_see_no_person(
        self, make_user, actor_for, police_child, role
    ):
        with pytest.raises(NotFound):
            person_get(actor=actor_for(make_user(role)), person_id=police_child.pk)

    def test_ig_officer_sees_restricted_records(self, make_user, actor_for, restricted_child):
        actor = actor_for(make_user(Role.INFORMATION_GOVERNANCE_OFFICER))
        assert person_get(actor=actor, person_id=restricted_child.pk).person == restricted_child

    def test_a_view_writes_one_access_log_row_naming_the_child(
        self, make_user, actor_for, police_child
    ):
        actor = actor_for(make_user(Role.PARTNER_PRACTITIONER))
        person_get(actor=actor, person_id=police_child.pk)
        entry = AccessLogEntry.objects.get()
        assert (entry.action, entry.object_id) == ("view", str(police_child.pk))
        assert list(entry.subjects.values_list("person_id", flat=True)) == [police_child.pk]

    def test_a_denied_view_writes_no_row(self, make_user, actor_for, hospital_child):
        actor = actor_for(make_user(Role.PARTNER_PRACTITIONER))
        with pytest.raises(NotFound):
            person_get(actor=actor, person_id=hospital_child.pk)
        assert not AccessLogEntry.objects.exists()

    def test_related_people_outside_the_viewers_reach_are_not_named(
        self, make_user, actor_for, police_child, hospital_child
    ):
        Relationship.objects.create(
            from_person=hospital_child, to_person=police_child, kind="sibling"
        )
        record = person_get(
            actor=actor_for(make_user(Role.PARTNER_PRACTITIONER)), person_id=police_child.pk
        )
        assert [r.other for r in record.related] == [None]

    def test_relationships_read_from_each_side(self, make_user, actor_for):
        parent, child = PersonFactory(kind="adult", given_name="Ellie"), PersonFactory()
        Relationship.objects.create(from_person=parent, to_person=child, kind="parent")
        actor = actor_for(make_user(Role.MASH_PRACTITIONER))
        on_parent = person_get(actor=actor, person_id=parent.pk).related
        on_child = person_get(actor=actor, person_id=child.pk).related
        assert [(r.label, r.other) for r in on_parent] == [("Child", child)]
        assert [(r.label, r.other) for r in on_child] == [("Parent", parent)]


class TestBreakGlass:
    def test_a_mash_manager_reaches_a_restricted_record_after_breaking_glass(
        self, make_user, actor_for, restricted_child
    ):
        actor = actor_for(make_user(Role.MASH_MANAGER))
        with pytest.raises(NotFound):
            person_get(actor=actor, person_id=restricted_child.pk)
        break_glass_open(
            actor=actor,
            object_type="people.person",
            object_id=restricted_child.pk,
            subjects=[restricted_child.pk],
            reason="Police at the door with the child; need history now",
        )
        record = person_get(actor=actor, person_id=restricted_child.pk)
        assert record.break_glass
        entry = AccessLogEntry.objects.order_by("-seq").first()
        assert entry.break_glass and entry.why.startswith("Break-glass: Police at the door")

    def test_break_glass_expires(self, make_user, actor_for, restricted_child):
        actor = actor_for(make_user(Role.MASH_MANAGER))
        grant = break_glass_open(
            actor=actor,
            object_type="people.person",
            object_id=restricted_child.pk,
            subjects=[restricted_child.pk],
            reason="Urgent strategy discussion about this child today",
        )
        BreakGlassGrant.objects.filter(pk=grant.pk).update(expires_at=grant.created_at)
        with pytest.raises(NotFound):
            person_get(actor=actor, person_id=restricted_child.pk)


class TestPersonSearch:
    def test_partner_search_finds_only_its_own_agencys_records(
        self, make_user, actor_for, police_child, hospital_child
    ):
        actor = actor_for(make_user(Role.PARTNER_PRACTITIONER))
        results = person_search(actor=actor, query=PersonQuery(family_name="Hughes"))
        assert [r.person for r in results] == [police_child]

    def test_mash_search_finds_both(self, make_user, actor_for, police_child, hospital_child):
        actor = actor_for(make_user(Role.MASH_PRACTITIONER))
        results = person_search(actor=actor, query=PersonQuery(family_name="Hughes"))
        assert {r.person for r in results} == {police_child, hospital_child}

    def test_a_search_logs_one_row_with_each_child_shown(
        self, make_user, actor_for, police_child, hospital_child
    ):
        actor = actor_for(make_user(Role.MASH_PRACTITIONER))
        person_search(actor=actor, query=PersonQuery(family_name="Hughes"))
        entry = AccessLogEntry.objects.get()
        assert entry.action == "search"
        assert entry.why == "Search by family name"
        assert set(entry.subjects.values_list("person_id", flat=True)) == {
            police_child.pk,
            hospital_child.pk,
        }
