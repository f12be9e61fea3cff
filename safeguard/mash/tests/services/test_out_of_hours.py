"""Red is immediate risk: its clock runs around the clock, and out of working hours red and
urgent notifications reach the emergency duty team's work list (ADR 15)."""

import datetime as dt

import pytest
import time_machine

from safeguard.mash.models import Notification, WorkItem, WorkKind
from safeguard.mash.services import triage
from safeguard.mash.services.submit import notification_submit
from safeguard.mash.tests.factories import draft
from safeguard.partners.models import Team
from safeguard.partners.roles import Role

pytestmark = pytest.mark.django_db

SATURDAY_NIGHT = dt.datetime(2026, 11, 28, 22, 0, tzinfo=dt.UTC)
THURSDAY_MORNING = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def duty_worker(make_user, council):
    team = Team.objects.create(agency=council, name="Emergency Duty Team")
    return make_user(Role.MASH_PRACTITIONER, agency=council, team=team)


def _items(kind=WorkKind.OUT_OF_HOURS):
    return list(WorkItem.objects.filter(kind=kind))


def test_an_urgent_notification_out_of_hours_reaches_the_duty_team_only(
    police, mash, duty_worker, django_capture_on_commit_callbacks, mailoutbox
):
    with (
        time_machine.travel(SATURDAY_NIGHT, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notification = notification_submit(actor=police, draft=draft(urgent=True))
    [item] = _items()
    assert (item.user, item.path) == (duty_worker, f"/mash/notifications/{notification.pk}/")
    [message] = mailoutbox
    assert message.to == [duty_worker.email] and "Ava" not in message.body


def test_in_working_hours_the_mash_has_it_and_the_duty_team_is_not_told(police, mash, duty_worker):
    with time_machine.travel(THURSDAY_MORNING, tick=False):
        notification = notification_submit(actor=police, draft=draft(urgent=True))
        triage.notification_set_rag(
            actor=mash, notification_id=notification.pk, seen_version=1, rag="red", rationale="x"
        )
    assert _items() == []


def test_a_red_rating_out_of_hours_reaches_the_duty_team_and_runs_on_clock_hours(
    police, mash, duty_worker
):
    with time_machine.travel(SATURDAY_NIGHT, tick=False):
        notification = notification_submit(actor=police, draft=draft())
        assert _items() == []  # not urgent: it waits for Monday's rating
        triage.notification_set_rag(
            actor=mash, notification_id=notification.pk, seen_version=1, rag="red", rationale="x"
        )
    [item] = _items()
    assert item.user == duty_worker
    due = Notification.objects.get().rag_due_at
    assert due == SATURDAY_NIGHT + dt.timedelta(hours=4)  # Sunday 02:00, not Monday


def test_a_duty_team_member_without_a_mash_role_is_not_told(police, make_user, council):
    team = Team.objects.create(agency=council, name="Emergency Duty Team")
    make_user(Role.TRAINING_ADMINISTRATOR, agency=council, team=team)
    with time_machine.travel(SATURDAY_NIGHT, tick=False):
        notification_submit(actor=police, draft=draft(urgent=True))
    assert _items() == []
