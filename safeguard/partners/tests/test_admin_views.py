from html import unescape

import pytest
from django.core import mail

from safeguard.core.models import AuditEvent
from safeguard.partners.models import Agency, Team, User
from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(make_user, sign_in):
    return sign_in(make_user(Role.SYSTEM_ADMINISTRATOR))


class TestUsers:
    def test_creating_a_user_sends_an_activation_email_and_asks_approval_for_their_roles(
        self, admin_client, agency, django_capture_on_commit_callbacks
    ):
        team = TeamFactory(agency=agency, name="CAIT")
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                "/admin/users/new/",
                {
                    "full_name": "Sam Obi",
                    "email": "Sam.Obi@Example.org",
                    "agency": str(agency.pk),
                    "team": str(team.pk),
                    "roles": ["partner_practitioner", "mash_practitioner"],
                },
            )
        assert "User account created" in response.content.decode()
        user = User.objects.get(email="sam.obi@example.org")
        assert user.roles == set()  # both reach personal data: a second person approves them
        change = user.account_changes.get(status="pending")
        assert change.roles_added == ["mash_practitioner", "partner_practitioner"]
        assert not user.has_usable_password()
        assert mail.outbox[0].to == ["sam.obi@example.org"]
        assert AuditEvent.objects.filter(action="user_create", object_id=str(user.pk)).exists()

    def test_a_duplicate_email_is_refused_against_the_field(self, admin_client, agency, make_user):
        make_user(email="taken@example.org")
        page = unescape(
            admin_client.post(
                "/admin/users/new/",
                {
                    "full_name": "X",
                    "email": "TAKEN@example.org",
                    "agency": str(agency.pk),
                    "roles": ["analyst"],
                },
            ).content.decode()
        )
        assert "A user with this email address already exists" in page
        assert 'href="#id_email"' in page

    def test_a_team_from_another_agency_is_refused(self, admin_client, agency, other_agency):
        team = TeamFactory(agency=other_agency)
        page = unescape(
            admin_client.post(
                "/admin/users/new/",
                {
                    "full_name": "X",
                    "email": "x@example.org",
                    "agency": str(agency.pk),
                    "team": str(team.pk),
                    "roles": ["analyst"],
                },
            ).content.decode()
        )
        assert "Choose a team from the user's agency" in page
        assert not User.objects.filter(email="x@example.org").exists()

    def test_a_form_with_nothing_in_it_lists_every_problem(self, admin_client):
        page = unescape(admin_client.post("/admin/users/new/", {}).content.decode())
        assert page.count("govuk-error-summary__list") == 1
        for message in (
            "Enter the user's full name",
            "Choose the user's agency",
            "Select at least one role",
        ):
            assert message in page

    def test_editing_roles_is_refused_if_someone_else_saved_first(
        self, admin_client, make_user, agency
    ):
        user = make_user(Role.ANALYST)
        data = {
            "full_name": "Renamed",
            "agency": str(agency.pk),
            "roles": ["analyst"],
            "version": str(user.version),
        }
        assert admin_client.post(f"/admin/users/{user.pk}/edit/", data).status_code == 302
        page = unescape(
            admin_client.post(
                f"/admin/users/{user.pk}/edit/", {**data, "full_name": "Other"}
            ).content.decode()
        )
        assert "Someone else changed this record" in page
        user.refresh_from_db()
        assert user.full_name == "Renamed"

    def test_the_administrator_can_stop_sign_ins_being_slowed_down(self, admin_client, make_user):
        from safeguard.partners.services import SignInError, sign_in_check_password, sign_in_delay

        user = make_user(Role.ANALYST)
        for _ in range(5):
            with pytest.raises(SignInError):
                sign_in_check_password(email=user.email, password="wrong", client="192.0.2.1")
        page = unescape(admin_client.get(f"/admin/users/{user.pk}/").content.decode())
        assert "Sign-in slowed down" in page
        admin_client.post(f"/admin/users/{user.pk}/unlock/")
        assert sign_in_delay(email=user.email) is None

    def test_reset_mfa_makes_them_enrol_again(self, admin_client, make_user):
        user = make_user(Role.MASH_MANAGER)
        admin_client.post(f"/admin/users/{user.pk}/reset-mfa/")
        user.refresh_from_db()
        assert not user.mfa_enrolled and user.totp_secret == ""

    def test_an_unknown_action_is_not_found(self, admin_client, make_user):
        user = make_user(Role.ANALYST)
        assert admin_client.post(f"/admin/users/{user.pk}/delete-everything/").status_code == 404

    def test_the_administrator_cannot_deactivate_themselves(self, make_user, sign_in):
        admin = make_user(Role.SYSTEM_ADMINISTRATOR)
        sign_in(admin).post(f"/admin/users/{admin.pk}/deactivate/")
        admin.refresh_from_db()
        assert admin.is_active

    def test_the_user_list_searches_by_name(self, admin_client, make_user):
        make_user(full_name="Priya Shah")
        make_user(full_name="Tom Jones")
        page = unescape(admin_client.get("/admin/users/?q=priya").content.decode())
        assert "Priya Shah" in page and "Tom Jones" not in page


class TestAgencies:
    def test_creating_an_agency_and_a_team(self, admin_client):
        response = admin_client.post(
            "/admin/agencies/new/",
            {
                "name": "Hillingdon Youth Club",
                "kind": "voluntary_sector",
                "is_statutory_partner": "no",
                "contributes_funding": "no",
            },
        )
        agency = Agency.objects.get(name="Hillingdon Youth Club")
        assert response.headers["Location"] == f"/admin/agencies/{agency.pk}/"
        admin_client.post(f"/admin/agencies/{agency.pk}/teams/new/", {"name": "Outreach"})
        assert Team.objects.filter(agency=agency, name="Outreach").exists()

    def test_an_agency_must_say_whether_it_is_a_statutory_partner(self, admin_client):
        page = unescape(
            admin_client.post(
                "/admin/agencies/new/", {"name": "A", "kind": "other"}
            ).content.decode()
        )
        assert "Select yes if it is a statutory safeguarding partner" in page
        assert 'href="#id_is_statutory_partner"' in page

    def test_agency_kinds_are_the_fixed_list(self):
        from safeguard.partners.models import AgencyKind

        assert len(AgencyKind.choices) == 14
        assert AgencyKind.BORDER_FORCE.label == "Border force"

    def test_the_administrator_sees_no_case_data(self, make_user, sign_in):
        from safeguard.people.tests.factories import PersonFactory

        person = PersonFactory()
        client = sign_in(make_user(Role.SYSTEM_ADMINISTRATOR))
        assert client.get(f"/people/{person.pk}/").status_code == 404
        assert client.get("/people/").status_code == 403
