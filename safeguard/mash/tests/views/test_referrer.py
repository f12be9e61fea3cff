import pytest

from safeguard.mash.services.submit import notification_submit
from safeguard.mash.tests.factories import draft
from safeguard.mash.tests.views.pages import page_text
from safeguard.partners.roles import Role

pytestmark = pytest.mark.django_db


class TestFeedback:
    def test_the_referrer_sees_the_status_but_not_the_mash_work(self, police, officer, actor_for):
        notification = notification_submit(actor=actor_for(officer), draft=draft())
        page = page_text(police.get(f"/mash/sent/{notification.pk}/"))
        assert notification.reference in page and "Not decided yet" in page
        assert "Request" not in page

    def test_a_colleague_who_did_not_submit_gets_404(self, officer, actor_for, make_user, sign_in):
        notification = notification_submit(actor=actor_for(officer), draft=draft())
        colleague = sign_in(make_user(Role.PARTNER_PRACTITIONER))
        assert colleague.get(f"/mash/sent/{notification.pk}/").status_code == 404
        assert colleague.get(f"/mash/notifications/{notification.pk}/").status_code == 404
