import datetime as dt

import pytest
import time_machine

from safeguard.core.errors import ConflictError, NotFound
from safeguard.mash.models.choices import Status
from safeguard.mash.services import decisions, triage
from safeguard.mash.services.submit import ChildDetails, notification_submit
from safeguard.mash.tests.factories import draft
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


class TestTriage:
    def test_a_second_worker_on_an_old_version_gets_a_conflict_and_nothing_is_lost(
        self, police, mash
    ):
        notification = notification_submit(actor=police, draft=draft())
        triage.notification_set_rag(
            actor=mash,
            notification_id=notification.pk,
            seen_version=1,
            rag="red",
            rationale="Injury",
        )
        with pytest.raises(ConflictError, match="Someone else changed"):
            triage.notification_set_rag(
                actor=mash,
                notification_id=notification.pk,
                seen_version=1,
                rag="green",
                rationale="Fine",
            )
        notification.refresh_from_db()
        assert (notification.rag, notification.rag_rationale) == ("red", "Injury")

    def test_the_rag_rating_sets_its_clock(self, police, mash):
        with time_machine.travel(dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC), tick=False):
            notification = notification_submit(actor=police, draft=draft())
            triage.notification_set_rag(
                actor=mash,
                notification_id=notification.pk,
                seen_version=1,
                rag="red",
                rationale="Injury",
            )
        notification.refresh_from_db()
        assert notification.rag_due_at == dt.datetime(2026, 11, 26, 14, 0, tzinfo=dt.UTC)
        assert notification.status == Status.TRIAGE

    def test_a_partner_cannot_triage(self, police):
        notification = notification_submit(actor=police, draft=draft())
        with pytest.raises(NotFound):
            triage.notification_set_rag(
                actor=police,
                notification_id=notification.pk,
                seen_version=1,
                rag="red",
                rationale="x",
            )


def test_none_of_these_replaces_a_wrong_match_the_referrer_made(police, mash):
    wrong = PersonFactory(
        given_name="Andrew", family_name="Cooper", recorded_by_agency=police.agency
    )
    notification = notification_submit(
        actor=police,
        draft=draft(
            children=[ChildDetails(given_name="Andrea", family_name="Cooper", person_id=wrong.pk)]
        ),
    )
    child = notification.children.get()
    decisions.notification_child_record(
        actor=mash, notification_id=notification.pk, seen_version=1, child_id=child.pk
    )
    child.refresh_from_db()
    assert child.person_id != wrong.pk and child.link_confirmed_at is not None
    assert child.person.names.get().given_name == "Andrea"


def test_a_confirmed_child_cannot_be_recorded_again_as_new(police, mash):
    notification = notification_submit(actor=police, draft=draft())
    child = notification.children.get()
    decisions.notification_child_record(
        actor=mash, notification_id=notification.pk, seen_version=1, child_id=child.pk
    )
    with pytest.raises(NotFound):
        decisions.notification_child_record(
            actor=mash, notification_id=notification.pk, seen_version=2, child_id=child.pk
        )
