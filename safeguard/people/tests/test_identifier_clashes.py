"""An identifier someone else holds is a clash to resolve, never a refusal that tells a partner
whether a child it may not see is on the index (issue 16, finding 3).

A record outside the actor's scope changes nothing the actor sees: the record is stored as the
partner gave it, the clash goes to the duplicates queue for IG, and a security event is logged.
A clash with a record the actor can see is still shown, as search before create shows it.
"""

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from html import unescape

import pytest
from django.db import connections
from django.test import Client

from safeguard.core.errors import DomainError, NotFound
from safeguard.partners.roles import Role
from safeguard.partners.services import api_key_create
from safeguard.people import selectors, services
from safeguard.people.models import DuplicateStatus, Person, PersonDuplicate
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

NHS = "9434765919"
UNUSED_NHS = "9434765870"
UPN = "A123456789012"


@pytest.fixture
def partner(make_user, actor_for):
    return actor_for(make_user(Role.PARTNER_PRACTITIONER))


@pytest.fixture
def hidden(other_agency):
    """A restricted child recorded by another agency: out of every partner's scope."""
    return PersonFactory(
        recorded_by_agency=other_agency, is_restricted=True, nhs_number=NHS, upn=UPN
    )


def _security_events(kind):
    from safeguard.core.models import SecurityEvent

    return list(SecurityEvent.objects.filter(kind=kind))


def _clash(a, b):
    low, high = sorted([a.pk, b.pk], key=str)
    return PersonDuplicate.objects.get(person_a=low, person_b=high)


class TestVisibleClash:
    def test_a_clash_with_a_record_the_actor_can_see_is_still_shown(self, partner):
        PersonFactory(recorded_by_agency=partner.agency, nhs_number=NHS)
        with pytest.raises(DomainError, match="already has this NHS number") as caught:
            services.person_create(
                actor=partner, given_name="Ava", family_name="Patel", nhs_number=NHS
            )
        assert caught.value.field == "nhs_number"


class TestService:
    def test_creating_with_a_number_held_out_of_scope_stores_it_and_queues_the_clash(
        self, partner, hidden
    ):
        person = services.person_create(
            actor=partner, given_name="Ava", family_name="Patel", nhs_number=NHS
        )
        assert Person.objects.get(pk=person.pk).nhs_number == NHS
        clash = _clash(person, hidden)
        assert (clash.status, clash.found_by) == (DuplicateStatus.OPEN, "nhs_number")
        [event] = _security_events("identifier_clash")
        assert event.actor_user_id == partner.user_id
        assert NHS not in event.detail  # the log names the field, never the value

    def test_changing_to_a_upn_held_out_of_scope_stores_it_and_queues_the_clash(
        self, partner, hidden
    ):
        mine = PersonFactory(recorded_by_agency=partner.agency)
        services.person_update(actor=partner, person=mine, seen_version=mine.version, upn=UPN)
        assert Person.objects.get(pk=mine.pk).upn == UPN
        assert _clash(mine, hidden).found_by == "upn"

    def test_an_agency_identifier_held_out_of_scope_is_a_clash_too(
        self, partner, hidden, other_agency
    ):
        from safeguard.people.models import AgencyIdentifier

        AgencyIdentifier.objects.create(
            person=hidden, agency=other_agency, scheme="MRN", value="K100"
        )
        mine = PersonFactory(recorded_by_agency=partner.agency)
        services.person_add_identifier(
            actor=partner, person=mine, agency=other_agency, scheme="MRN", value="K100"
        )
        assert _clash(mine, hidden).found_by == "agency_identifier"

    def test_the_nightly_search_keeps_clashes_in_the_queue(self, partner, hidden):
        person = services.person_create(
            actor=partner, given_name="Zed", family_name="Quinn", nhs_number=NHS
        )
        services.person_duplicates_find()
        assert _clash(person, hidden).status == DuplicateStatus.OPEN


class TestAnswersAreTheSame:
    def _create_page(self, client, nhs_number):
        client.post(
            "/people/new/",
            {
                "given_name": "Ava",
                "family_name": "Patel",
                "kind": "child",
                "sex": "F",
                "date_of_birth_precision": "exact",
                "nhs_number": nhs_number,
            },
        )
        response = client.post("/people/new/check/")
        return response.status_code, response.headers.get("Location", "").count("/people/")

    def test_the_web_answers_a_hidden_clash_as_it_answers_an_unused_number(
        self, make_user, sign_in, hidden
    ):
        client = sign_in(make_user(Role.PARTNER_PRACTITIONER))
        assert self._create_page(client, NHS) == self._create_page(client, UNUSED_NHS) == (302, 1)

    def test_the_api_answers_a_hidden_clash_as_it_answers_an_unused_number(self, agency, hidden):
        _, secret = api_key_create(agency=agency)
        client = Client(headers={"Authorization": f"Bearer {secret}"})
        answers = []
        for number in (NHS, UNUSED_NHS):
            body = {"given_name": "Ava", "family_name": "Patel", "nhs_number": number}
            response = client.post("/api/v1/people", json.dumps(body), "application/json")
            answers.append((response.status_code, sorted(response.json())))
        assert answers[0] == answers[1]
        assert answers[0][0] == 201

    def test_the_edit_page_answers_a_hidden_clash_as_it_answers_an_unused_number(
        self, make_user, sign_in, hidden, agency
    ):
        client = sign_in(make_user(Role.PARTNER_PRACTITIONER))
        mine = PersonFactory(recorded_by_agency=agency)
        pages = []
        for number in (NHS, UNUSED_NHS):
            mine.refresh_from_db()
            response = client.post(
                f"/people/{mine.pk}/edit/",
                {
                    "given_name": "Amelia",
                    "family_name": "Hughes",
                    "kind": "child",
                    "sex": "F",
                    "date_of_birth_precision": "exact",
                    "nhs_number": number,
                    "version": mine.version,
                },
            )
            page = unescape(client.get(response.headers["Location"]).content.decode())
            pages.append((response.status_code, "Details changed" in page))
        assert pages[0] == pages[1] == (302, True)


class TestMergedRecords:
    def _merge_into_hidden(self, make_user, actor_for, agency, hidden):
        ig = actor_for(make_user(Role.INFORMATION_GOVERNANCE_OFFICER))
        shell = PersonFactory(recorded_by_agency=agency)
        services.person_merge(
            actor=ig, survivor_id=hidden.pk, merged_id=shell.pk, reason="The same child, twice"
        )
        return shell

    def test_a_merged_record_does_not_lead_a_partner_to_a_survivor_it_cannot_see(
        self, make_user, actor_for, sign_in, agency, hidden
    ):
        shell = self._merge_into_hidden(make_user, actor_for, agency, hidden)
        client = sign_in(make_user(Role.PARTNER_PRACTITIONER))
        assert client.get(f"/people/{shell.pk}/").status_code == 404

    def test_the_api_has_no_shell_of_a_record_merged_out_of_reach(
        self, make_user, actor_for, agency, hidden
    ):
        shell = self._merge_into_hidden(make_user, actor_for, agency, hidden)
        _, secret = api_key_create(agency=agency)
        client = Client(headers={"Authorization": f"Bearer {secret}"})
        assert client.get(f"/api/v1/people/{shell.pk}").status_code == 404

    def test_a_merged_record_answers_with_its_survivor_when_the_survivor_is_in_reach(
        self, make_user, actor_for, agency
    ):
        ig = actor_for(make_user(Role.INFORMATION_GOVERNANCE_OFFICER))
        survivor = PersonFactory(recorded_by_agency=agency)
        shell = PersonFactory(recorded_by_agency=agency)
        services.person_merge(
            actor=ig, survivor_id=survivor.pk, merged_id=shell.pk, reason="The same child, twice"
        )
        partner = actor_for(make_user(Role.PARTNER_PRACTITIONER))
        assert selectors.person_get(actor=partner, person_id=shell.pk).person == survivor

    def test_a_partner_gets_404_for_the_shell_from_the_selector_too(
        self, make_user, actor_for, agency, hidden
    ):
        shell = self._merge_into_hidden(make_user, actor_for, agency, hidden)
        partner = actor_for(make_user(Role.PARTNER_PRACTITIONER))
        with pytest.raises(NotFound):
            selectors.person_get(actor=partner, person_id=shell.pk)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_creates_of_one_nhs_number_are_clashes_or_refusals_never_errors(
    agency, other_agency
):
    """Finding 8: eight requests at once gave 500s when the database refused the second."""
    secrets = [api_key_create(agency=a)[1] for a in (agency, other_agency)]
    start = threading.Barrier(8)

    def create(i):
        client = Client(
            headers={"Authorization": f"Bearer {secrets[i % 2]}"}, raise_request_exception=False
        )
        body = json.dumps({"given_name": "Ava", "family_name": "Patel", "nhs_number": NHS})
        start.wait()
        try:
            return client.post("/api/v1/people", body, "application/json").status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(8) as pool:
        codes = sorted(pool.map(create, range(8)))
    # Each agency's first is stored; its other three see it and are told; the two agencies
    # cannot see each other's, so their two records are one clash for IG.
    assert codes == [201, 201, 409, 409, 409, 409, 409, 409]
    assert PersonDuplicate.objects.filter(found_by="nhs_number").count() == 1
