import pytest

from safeguard.mash.services.submit import notification_submit
from safeguard.mash.tests.factories import draft
from safeguard.mash.tests.views.pages import page_text
from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


class TestInsight:
    def test_the_insight_page_has_a_chart_and_table_for_each_measure(
        self, officer, actor_for, make_user, sign_in
    ):
        notification_submit(actor=actor_for(officer), draft=draft())
        client = sign_in(make_user(Role.PARTNERSHIP_OFFICER))
        page = page_text(client.get("/mash/insight/"))
        assert page.count("<svg") >= 3
        assert "Notifications by source agency" in page and "Consent recorded" in page
        assert "Ava" not in page

    def test_csv_exports_escape_formulas(self, make_user, sign_in, actor_for):
        agency = AgencyFactory(name='=HYPERLINK("http://evil")')
        submitter = UserFactory(agency=agency, roles=[Role.PARTNER_PRACTITIONER])
        notification_submit(actor=actor_for(submitter), draft=draft())
        client = sign_in(make_user(Role.ANALYST))
        body = client.get("/mash/insight/by-agency.csv").content.decode()
        assert "'=HYPERLINK" in body
