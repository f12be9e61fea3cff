"""Probes leave a trace; what is logged is what was shown; a break-glass reason is words
(issue 16, finding 8).

A refused read (404 from scope, 403 from role) wrote nothing anywhere, so an insider walking ids
was invisible. Refusals now go to the security event log (not the access log, which records
what was seen), and IG sees who is refused most.
"""

import datetime as dt
import json
from html import unescape

import pytest
from django.test import Client

from safeguard.core.errors import DomainError
from safeguard.core.models import AccessLogEntry, AccessLogSubject, BreakGlassGrant
from safeguard.core.services import break_glass_open
from safeguard.partners.roles import Role
from safeguard.partners.services import api_key_create
from safeguard.people.models import Relationship
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _events(**filters):
    from safeguard.core.models import SecurityEvent

    return list(SecurityEvent.objects.filter(**filters))


class TestRefusalsAreRecorded:
    def test_walking_into_a_record_out_of_scope_is_a_security_event(
        self, make_user, sign_in, other_agency
    ):
        partner = make_user(Role.PARTNER_PRACTITIONER)
        restricted = PersonFactory(recorded_by_agency=other_agency, is_restricted=True)
        assert sign_in(partner).get(f"/people/{restricted.pk}/").status_code == 404
        [event] = _events(kind="refused_not_found")
        assert (event.actor_user_id, event.route) == (partner.pk, "people:detail")
        assert event.object_id == str(restricted.pk)
        assert not AccessLogEntry.objects.exists()  # nothing was seen

    def test_a_page_the_role_may_not_use_is_a_security_event(self, make_user, sign_in):
        board = make_user(Role.BOARD_MEMBER)
        assert sign_in(board).get("/people/duplicates/").status_code == 403
        [event] = _events(kind="refused_forbidden")
        assert (event.actor_user_id, event.route) == (board.pk, "people:duplicates")

    def test_an_api_key_probing_ids_is_a_security_event(self, agency, other_agency):
        _, secret = api_key_create(agency=agency)
        client = Client(headers={"Authorization": f"Bearer {secret}"})
        theirs = PersonFactory(recorded_by_agency=other_agency)
        assert client.get(f"/api/v1/people/{theirs.pk}").status_code == 404
        [event] = _events(kind="refused_not_found")
        assert event.actor_label.startswith("API key") and event.agency_id == agency.pk

    def test_ig_sees_who_is_refused_again_and_again(self, make_user, sign_in, other_agency):
        prober = make_user(Role.PARTNER_PRACTITIONER, full_name="Pat Prober")
        client = sign_in(prober)
        for _ in range(12):
            client.get(f"/people/{PersonFactory(recorded_by_agency=other_agency).pk}/")
        page = unescape(
            sign_in(make_user(Role.INFORMATION_GOVERNANCE_OFFICER))
            .get("/governance/security-events/")
            .content.decode()
        )
        assert "Pat Prober" in page and "12" in page and "Refused again and again" in page


def test_the_api_logs_only_the_person_it_shows(agency):
    _, secret = api_key_create(agency=agency)
    child = PersonFactory(recorded_by_agency=agency)
    parent = PersonFactory(recorded_by_agency=agency, given_name="Dana")
    Relationship.objects.create(from_person=parent, to_person=child, kind="parent")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    body = client.get(f"/api/v1/people/{child.pk}").json()
    assert json.dumps(body).count(str(parent.pk)) == 0  # the response shows no relatives
    assert list(AccessLogSubject.objects.values_list("person_id", flat=True)) == [child.pk]


class TestBreakGlassReason:
    @pytest.mark.parametrize(
        "junk",
        [
            "aaaaaaaaaaaaaaaaaaaaaaaa",
            "asdf asdf asdf asdf asdf asdf",
            "................................",
            "x1 x2 x3 x4 x5 x6 x7 x8 x9 x10",
        ],
    )
    def test_junk_is_not_a_reason(self, make_user, actor_for, junk):
        with pytest.raises(DomainError, match="in words"):
            break_glass_open(
                actor=actor_for(make_user(Role.MASH_MANAGER)),
                object_type="people.person",
                object_id=PersonFactory(is_restricted=True).pk,
                subjects=[],
                reason=junk,
            )
        assert not BreakGlassGrant.objects.exists()

    def test_a_reason_in_words_opens_the_record(self, make_user, actor_for):
        grant = break_glass_open(
            actor=actor_for(make_user(Role.MASH_MANAGER)),
            object_type="people.person",
            object_id=PersonFactory(is_restricted=True).pk,
            subjects=[],
            reason="Police have the child at the station and need to know of any risks",
        )
        assert grant.pk

    def test_igs_review_shows_the_reason_first(self, make_user, sign_in):
        grant = BreakGlassGrant.objects.create(
            user=make_user(Role.MASH_MANAGER),
            object_type="people.person",
            object_id=PersonFactory().pk,
            reason="Police have the child at the station",
            expires_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
        )
        ig = sign_in(make_user(Role.INFORMATION_GOVERNANCE_OFFICER))
        page = unescape(ig.get(f"/governance/break-glass/{grant.pk}/").content.decode())
        heading = page.index("<h1")
        assert page.index('class="govuk-inset-text') > heading
        assert page.index("Police have the child at the station") < page.index("govuk-summary-list")
