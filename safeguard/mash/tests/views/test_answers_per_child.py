"""A request that names several children is answered for each: a family can be known to a
service through one child and not another."""

import datetime as dt

import pytest

from safeguard.core.errors import DomainError
from safeguard.mash.models import InformationAnswer
from safeguard.mash.services import requests as request_services
from safeguard.mash.services import triage
from safeguard.mash.services.submit import ChildDetails, notification_submit
from safeguard.mash.tests.factories import draft
from safeguard.mash.tests.views.pages import page_text
from safeguard.partners.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_about_two(officer, actor_for, mash, health):
    children = [
        ChildDetails(given_name="Ava", family_name="Patel", date_of_birth=dt.date(2015, 6, 1)),
        ChildDetails(given_name="Sam", family_name="Patel", date_of_birth=dt.date(2012, 2, 9)),
    ]
    notification = notification_submit(actor=actor_for(officer), draft=draft(children=children))
    triage.notification_set_rag(
        actor=mash, notification_id=notification.pk, seen_version=1, rag="amber", rationale="x"
    )
    notification.refresh_from_db()
    [request] = request_services.information_request_send(
        actor=mash,
        notification_id=notification.pk,
        seen_version=notification.version,
        agency_ids=[health.agency.pk],
        question="Are they known to you?",
    )
    return request


def test_the_partner_answers_for_each_child_and_the_mash_sees_each(
    request_about_two, health, sign_in, make_user, council
):
    ava, sam = request_about_two.notification.children.order_by("id")
    nurse = sign_in(health.user)
    url = f"/mash/requests/{request_about_two.pk}/"
    form = page_text(nurse.get(url))
    assert "Is Ava Patel known to your service?" in form
    assert "Is Sam Patel known to your service?" in form
    refused = page_text(nurse.post(url, {"version": "1", f"known_{ava.pk}": "yes"}))
    assert "Select whether Sam Patel is known to you" in refused
    answer = {
        "version": "1",
        f"known_{ava.pk}": "no",
        f"known_{sam.pk}": "yes",
        "current_involvement": "no",
        "text": "Sam was seen in clinic in 2024",
    }
    assert nurse.post(url, answer).status_code == 302
    saved = InformationAnswer.objects.get()
    assert saved.known_to_service == "yes"  # known through Sam
    assert saved.known_by_child == {str(ava.pk): "no", str(sam.pk): "yes"}
    mash = sign_in(make_user(Role.MASH_PRACTITIONER, agency=council))
    page = page_text(mash.get(f"/mash/notifications/{request_about_two.notification_id}/"))
    assert "Known to the service: Ava Patel: no; Sam Patel: yes." in page


def test_an_answer_that_leaves_a_child_out_writes_nothing(request_about_two, health):
    ava, _sam = request_about_two.notification.children.order_by("id")
    with pytest.raises(DomainError, match="for each child"):
        request_services.information_request_answer(
            actor=health,
            request_id=request_about_two.pk,
            seen_version=request_about_two.version,
            known_to_service="",
            current_involvement=False,
            text="Only Ava",
            known_by_child={ava.pk: "no"},
        )
    assert not InformationAnswer.objects.exists()
