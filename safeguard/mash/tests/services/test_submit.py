import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from safeguard.core.errors import DomainError
from safeguard.core.models import AccessLogEntry
from safeguard.mash.models import Notification
from safeguard.mash.services.submit import AdultDetails, ChildDetails, notification_submit
from safeguard.mash.tests.factories import draft
from safeguard.partners.roles import Role
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


class TestSubmit:
    def test_a_notification_gets_a_reference_a_decision_clock_and_a_received_event(self, police):
        with time_machine.travel(dt.datetime(2026, 11, 26, 15, 0, tzinfo=dt.UTC), tick=False):
            notification = notification_submit(actor=police, draft=draft())
        assert notification.reference == "MASH-2026-000001"
        assert notification.source_agency == police.agency
        assert notification.decision_due_at == dt.datetime(2026, 11, 27, 15, 0, tzinfo=dt.UTC)
        assert list(notification.events.values_list("stage", flat=True)) == ["received"]
        assert AccessLogEntry.objects.get().action == "create"

    def test_references_count_up_within_a_year(self, police):
        first = notification_submit(actor=police, draft=draft())
        second = notification_submit(actor=police, draft=draft())
        assert int(second.reference[-6:]) == int(first.reference[-6:]) + 1

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"children": []}, "children"),
            ({"children": [ChildDetails(school="St Mary's")]}, "children"),
            ({"children": [ChildDetails(given_name="A", nhs_number="123")]}, "children"),
            ({"concerns": []}, "concerns"),
            ({"concerns": ["not-a-concern"]}, "concerns"),
            ({"what_happened": "  "}, "what_happened"),
            ({"consent_not_sought_reason": ""}, "consent_not_sought_reason"),
            ({"lawful_basis": "consent"}, "lawful_basis"),
            ({"sharing_decided_by": ""}, "sharing_decided_by"),
        ],
    )
    def test_bad_input_is_refused_against_its_field_and_nothing_is_written(
        self, police, overrides, field
    ):
        with pytest.raises(DomainError) as refused:
            notification_submit(actor=police, draft=draft(**overrides))
        assert refused.value.field == field
        assert not Notification.objects.exists()

    def test_a_partner_cannot_link_a_child_from_another_agencys_records(self, police, other_agency):
        stranger = PersonFactory(recorded_by_agency=other_agency)
        with pytest.raises(DomainError, match="search results"):
            notification_submit(
                actor=police,
                draft=draft(children=[ChildDetails(given_name="A", person_id=stranger.pk)]),
            )

    def test_a_role_that_cannot_submit_is_refused(self, make_user, actor_for):
        with pytest.raises(PermissionDenied):
            notification_submit(actor=actor_for(make_user(Role.ANALYST)), draft=draft())

    def test_the_mash_records_a_phone_call_for_the_referrer(self, mash, agency):
        notification = notification_submit(
            actor=mash,
            draft=draft(
                channel="phone",
                source_agency_id=agency.pk,
                referrer_name="PC Ali",
                referrer_contact="07700 900123",
            ),
        )
        assert (notification.channel, notification.source_agency) == ("phone", agency)
        assert notification.submitted_by is None and notification.recorded_by == mash.user


@pytest.mark.parametrize(
    ("details", "message"),
    [
        (
            {"children": [ChildDetails(family_name="Lowe", date_of_birth_precision="expected")]},
            "due date",
        ),
        (
            {"children": [ChildDetails(family_name="Lowe", date_of_birth_precision="roughly")]},
            "how exact",
        ),
        (
            {
                "adults": [
                    AdultDetails(
                        relationship="Mother",
                        date_of_birth=dt.date(2027, 5, 1),
                        date_of_birth_precision="expected",
                    )
                ]
            },
            "how exact",
        ),
    ],
)
def test_a_date_of_birth_precision_that_cannot_be_is_refused_and_nothing_written(
    police, details, message
):
    with pytest.raises(DomainError, match=message):
        notification_submit(actor=police, draft=draft(**details))
    assert not Notification.objects.exists()
