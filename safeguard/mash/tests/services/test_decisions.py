import pytest

from safeguard.core.errors import DomainError, NotFound
from safeguard.mash.models.choices import Status
from safeguard.mash.services import decisions, requests, triage
from safeguard.mash.services.submit import ChildDetails, notification_submit
from safeguard.mash.tests.factories import draft, triaged
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


class TestDecision:
    def _decide(self, manager, notification, **overrides):
        values = {
            "outcome": "early_help",
            "onward_referrals": [],
            "threshold_level": 2,
            "rationale": "Needs support, no significant harm",
            "lawful_basis_confirmed": True,
        }
        values.update(overrides)
        return decisions.notification_decide(
            actor=manager,
            notification_id=notification.pk,
            seen_version=notification.version,
            **values,
        )

    def test_consent_must_be_considered_before_a_decision(self, police, manager):
        notification = notification_submit(actor=police, draft=draft())
        triage.notification_set_rag(
            actor=manager,
            notification_id=notification.pk,
            seen_version=1,
            rag="green",
            rationale="Low",
        )
        notification.refresh_from_db()
        with pytest.raises(DomainError, match="consent"):
            self._decide(manager, notification)

    def test_a_decision_locks_the_notification(self, police, mash, manager):
        notification = triaged(police, mash)
        self._decide(manager, notification, onward_referrals=["marac"])
        notification.refresh_from_db()
        assert notification.status == Status.DECIDED and notification.decided_at
        with pytest.raises(DomainError, match="Add an addendum"):
            triage.notification_set_rag(
                actor=mash,
                notification_id=notification.pk,
                seen_version=notification.version,
                rag="red",
                rationale="x",
            )
        decisions.addendum_add(
            actor=mash, notification_id=notification.pk, text="Family engaged with early help"
        )
        assert notification.addenda.count() == 1

    def test_a_practitioner_cannot_decide(self, police, mash):
        notification = triaged(police, mash)
        with pytest.raises(NotFound):
            self._decide(mash, notification)

    def test_open_requests_must_be_answered_or_withdrawn_first(self, police, mash, manager, health):
        notification = triaged(police, mash)
        requests.information_request_send(
            actor=mash,
            notification_id=notification.pk,
            seen_version=notification.version,
            agency_ids=[health.agency.pk],
            question="Known?",
        )
        notification.refresh_from_db()
        with pytest.raises(DomainError, match="open information requests"):
            self._decide(manager, notification)

    def test_a_link_the_referrer_made_must_be_confirmed_before_a_decision(
        self, police, mash, manager
    ):
        # The referrer matched the child to their own agency's record; the MASH has not
        # confirmed it. A decision now would land in a chronology nobody checked.
        chosen = PersonFactory(
            given_name="Andrew", family_name="Cooper", recorded_by_agency=police.agency
        )
        notification = notification_submit(
            actor=police,
            draft=draft(
                children=[
                    ChildDetails(given_name="Andrea", family_name="Cooper", person_id=chosen.pk)
                ]
            ),
        )
        for step in (
            lambda v: triage.notification_set_rag(
                actor=mash,
                notification_id=notification.pk,
                seen_version=v,
                rag="green",
                rationale="Low",
            ),
            lambda v: triage.notification_consider_consent(
                actor=mash,
                notification_id=notification.pk,
                seen_version=v,
                consideration="Justified",
            ),
        ):
            notification.refresh_from_db()
            step(notification.version)
        notification.refresh_from_db()
        with pytest.raises(DomainError, match="Confirm which person"):
            self._decide(manager, notification)

    def test_a_contact_too_long_is_refused_not_cut_short(self, police, mash, manager):
        notification = triaged(police, mash)
        with pytest.raises(DomainError) as refused:
            self._decide(manager, notification, contact="x" * 201)
        assert refused.value.field == "contact"
