"""The work list: what reached the user, newest unseen first, with no child named."""

import pytest

from safeguard.mash.models import WorkItem
from safeguard.mash.services import requests as request_services
from safeguard.mash.tests.factories import triaged
from safeguard.mash.tests.views.pages import page_text
from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_asked_agency_finds_the_request_on_its_work_list_and_opens_it(
    officer, actor_for, mash, health, sign_in
):
    notification = triaged(actor_for(officer), mash)
    [request] = request_services.information_request_send(
        actor=mash,
        notification_id=notification.pk,
        seen_version=notification.version,
        agency_ids=[health.agency.pk],
        question="Known to you?",
    )
    client = sign_in(health.user)
    assert "1 new item on your work list" in page_text(client.get("/"))
    page = page_text(client.get("/mash/work/"))
    assert "The MASH has asked your agency for information" in page
    assert notification.reference in page and "New" in page
    assert "Ava" not in page and "Patel" not in page
    item = WorkItem.objects.get(user=health.user)
    opened = client.get(f"/mash/work/{item.pk}/")
    assert opened.headers["Location"] == f"/mash/requests/{request.pk}/"
    assert "new item" not in page_text(client.get("/"))


def test_marking_all_seen_clears_only_the_users_own(officer, actor_for, mash, health, sign_in):
    notification = triaged(actor_for(officer), mash)
    colleague = UserFactory(agency=health.agency, roles=[Role.PARTNER_INFORMATION_OFFICER])
    request_services.information_request_send(
        actor=mash,
        notification_id=notification.pk,
        seen_version=notification.version,
        agency_ids=[health.agency.pk],
        question="Known to you?",
    )
    sign_in(health.user).post("/mash/work/seen/")
    assert WorkItem.objects.get(user=health.user).seen_at is not None
    assert WorkItem.objects.get(user=colleague).seen_at is None
