"""No one grants themself privilege (issue 16, finding 4).

A system administrator could give themself the IG officer's role, or any role, or move any user
to another agency, and then read restricted records and the access log. Now granting a role
that reaches personal data, or changing a user's agency, waits for a second person: another
administrator or the IG officer. Nobody approves a change to their own account, nor their own
request.
"""

from html import unescape

import pytest
from django.core.exceptions import PermissionDenied

from safeguard.core.errors import DomainError
from safeguard.partners import services
from safeguard.partners.models import User
from safeguard.partners.roles import Role
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user):
    return make_user(Role.SYSTEM_ADMINISTRATOR)


@pytest.fixture
def second_admin(make_user):
    return make_user(Role.SYSTEM_ADMINISTRATOR)


@pytest.fixture
def ig(make_user):
    return make_user(Role.INFORMATION_GOVERNANCE_OFFICER)


def _update(actor, user, **changes):
    user = User.objects.get(pk=user.pk)
    current = {
        "full_name": user.full_name,
        "agency": user.agency,
        "team": user.team,
        "roles": sorted(user.roles),
    }
    return services.user_update(
        actor=actor, user=user, seen_version=user.version, **{**current, **changes}
    )


def _roles(user):
    return User.objects.get(pk=user.pk).roles


def _pending(user):
    from safeguard.partners.models import AccountChange

    return AccountChange.objects.get(user=user, status="pending")


class TestRequests:
    def test_an_administrator_giving_themself_the_ig_role_only_asks_for_it(self, admin, actor_for):
        _update(
            actor_for(admin),
            admin,
            roles=["system_administrator", "information_governance_officer"],
        )
        assert _roles(admin) == {Role.SYSTEM_ADMINISTRATOR}
        assert _pending(admin).roles_added == ["information_governance_officer"]

    def test_moving_a_user_to_another_agency_waits_for_a_second_person(
        self, admin, make_user, actor_for, other_agency, agency
    ):
        worker = make_user(Role.PARTNER_PRACTITIONER)
        _update(actor_for(admin), worker, agency=other_agency)
        assert User.objects.get(pk=worker.pk).agency == agency
        assert _pending(worker).agency == other_agency

    def test_creating_an_account_with_a_personal_data_role_waits_for_approval(
        self, admin, actor_for, agency
    ):
        user = services.user_create(
            actor=actor_for(admin),
            email="new@example.org",
            full_name="New Starter",
            agency=agency,
            team=None,
            roles=["board_member", "mash_manager"],
        ).user
        assert _roles(user) == {Role.BOARD_MEMBER}
        assert _pending(user).roles_added == ["mash_manager"]


def test_removing_a_role_or_adding_an_aggregate_one_needs_no_approval(admin, make_user, actor_for):
    worker = make_user(Role.MASH_MANAGER, Role.PARTNER_PRACTITIONER)
    _update(actor_for(admin), worker, roles=["mash_manager", "board_member"])
    assert _roles(worker) == {Role.MASH_MANAGER, Role.BOARD_MEMBER}


class TestApprovals:
    def test_another_administrator_approves_and_the_role_is_granted(
        self, admin, second_admin, actor_for
    ):
        _update(actor_for(admin), admin, roles=["system_administrator", "mash_manager"])
        services.account_change_approve(actor=actor_for(second_admin), change_id=_pending(admin).pk)
        assert _roles(admin) == {Role.SYSTEM_ADMINISTRATOR, Role.MASH_MANAGER}

    def test_the_ig_officer_approves_an_agency_move(
        self, admin, ig, make_user, actor_for, other_agency
    ):
        worker = make_user(Role.PARTNER_PRACTITIONER)
        _update(actor_for(admin), worker, agency=other_agency)
        services.account_change_approve(actor=actor_for(ig), change_id=_pending(worker).pk)
        assert User.objects.get(pk=worker.pk).agency == other_agency

    def test_nobody_approves_their_own_request(self, admin, make_user, actor_for):
        worker = make_user(Role.PARTNER_PRACTITIONER)
        _update(actor_for(admin), worker, roles=["partner_practitioner", "mash_manager"])
        with pytest.raises(DomainError, match="someone other than"):
            services.account_change_approve(actor=actor_for(admin), change_id=_pending(worker).pk)
        assert _roles(worker) == {Role.PARTNER_PRACTITIONER}

    def test_nobody_approves_a_change_to_their_own_account(self, admin, second_admin, actor_for):
        _update(actor_for(second_admin), admin, roles=["system_administrator", "mash_manager"])
        with pytest.raises(DomainError, match="your own account"):
            services.account_change_approve(actor=actor_for(admin), change_id=_pending(admin).pk)
        assert _roles(admin) == {Role.SYSTEM_ADMINISTRATOR}

    def test_a_practitioner_cannot_approve(self, admin, make_user, actor_for):
        worker = make_user(Role.PARTNER_PRACTITIONER)
        _update(actor_for(admin), worker, roles=["partner_practitioner", "mash_manager"])
        with pytest.raises(PermissionDenied):
            services.account_change_approve(
                actor=actor_for(make_user(Role.MASH_MANAGER)), change_id=_pending(worker).pk
            )

    def test_a_refusal_leaves_the_account_as_it_was(self, admin, second_admin, actor_for):
        _update(actor_for(admin), admin, roles=["system_administrator", "mash_manager"])
        change = _pending(admin)
        services.account_change_refuse(
            actor=actor_for(second_admin), change_id=change.pk, note="Not part of their job"
        )
        change.refresh_from_db()
        assert change.status == "refused"
        assert _roles(admin) == {Role.SYSTEM_ADMINISTRATOR}


class TestTheAttackThroughTheWeb:
    def test_an_administrator_who_ticks_the_ig_role_for_themself_still_reads_nothing(
        self, admin, sign_in, other_agency
    ):
        client = sign_in(admin)
        restricted = PersonFactory(recorded_by_agency=other_agency, is_restricted=True)
        response = client.post(
            f"/admin/users/{admin.pk}/edit/",
            {
                "full_name": admin.full_name,
                "agency": str(admin.agency_id),
                "roles": ["system_administrator", "information_governance_officer"],
                "version": admin.version,
            },
        )
        page = unescape(client.get(response.headers["Location"]).content.decode())
        assert "waits for approval" in page
        client = sign_in(User.objects.get(pk=admin.pk))
        assert client.get(f"/people/{restricted.pk}/").status_code == 404
        assert client.get(f"/people/{restricted.pk}/access-log/").status_code == 404

    def test_the_second_person_approves_on_the_approvals_page(
        self, admin, second_admin, sign_in, make_user, actor_for
    ):
        worker = make_user(Role.PARTNER_PRACTITIONER)
        _update(actor_for(admin), worker, roles=["partner_practitioner", "mash_manager"])
        change = _pending(worker)
        client = sign_in(second_admin)
        listing = unescape(client.get("/admin/account-changes/").content.decode())
        assert worker.full_name in listing
        response = client.post(f"/admin/account-changes/{change.pk}/", {"decision": "approve"})
        assert response.status_code == 302
        assert _roles(worker) == {Role.PARTNER_PRACTITIONER, Role.MASH_MANAGER}

    def test_the_requester_is_told_why_they_cannot_approve_on_the_page(
        self, admin, sign_in, make_user, actor_for
    ):
        worker = make_user(Role.PARTNER_PRACTITIONER)
        _update(actor_for(admin), worker, roles=["partner_practitioner", "mash_manager"])
        change = _pending(worker)
        client = sign_in(admin)
        client.post(f"/admin/account-changes/{change.pk}/", {"decision": "approve"})
        assert _roles(worker) == {Role.PARTNER_PRACTITIONER}


def test_the_other_approvers_are_told_but_not_the_requester_or_the_user(
    admin, second_admin, ig, make_user, actor_for, django_capture_on_commit_callbacks
):
    from django.core import mail

    worker = make_user(Role.PARTNER_PRACTITIONER)
    with django_capture_on_commit_callbacks(execute=True):
        _update(actor_for(admin), worker, roles=["partner_practitioner", "mash_manager"])
    told = sorted(to for message in mail.outbox for to in message.to)
    assert told == sorted([second_admin.email, ig.email])
