"""Each role's home page counts the MASH work waiting for them."""

import pytest

from safeguard.mash.services import requests as request_services
from safeguard.mash.tests.factories import triaged
from safeguard.mash.tests.views.pages import page_text
from safeguard.partners.roles import Role

pytestmark = pytest.mark.django_db


def test_the_asked_agency_and_the_mash_see_what_waits_for_them(
    officer, actor_for, make_user, sign_in, council
):
    from safeguard.partners.tests.factories import AgencyFactory, UserFactory

    mash_user = make_user(Role.MASH_PRACTITIONER, agency=council)
    mash = actor_for(mash_user)
    notification = triaged(actor_for(officer), mash)
    health = AgencyFactory(name="Community health")
    request_services.information_request_send(
        actor=mash,
        notification_id=notification.pk,
        seen_version=notification.version,
        agency_ids=[health.pk],
        question="Known to you?",
    )
    nurse = sign_in(UserFactory(agency=health, roles=[Role.PARTNER_INFORMATION_OFFICER]))
    home = page_text(nurse.get("/"))
    assert "1 request for information waiting for your agency's answer" in home
    assert "Ava" not in home
    mash_home = page_text(sign_in(mash_user).get("/"))
    assert "0 open notifications assigned to you" in mash_home
    assert "0 notifications past the decision or RAG time" in mash_home


def test_a_role_with_no_mash_work_sees_no_counts(make_user, sign_in):
    home = page_text(sign_in(make_user(Role.TRAINING_ADMINISTRATOR)).get("/"))
    assert "Waiting for you" not in home
