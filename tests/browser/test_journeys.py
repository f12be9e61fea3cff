import time

import pyotp
import pytest
from playwright.sync_api import Page, expect

from safeguard.core.actors import Actor
from safeguard.governance.services import budget_line_add
from safeguard.partners.models import User
from safeguard.partners.roles import Role
from safeguard.partners.services import user_issue_enrolment_code
from safeguard.partners.tests.factories import TEST_PASSWORD, AgencyFactory, UserFactory
from tests.browser.conftest import (
    assert_accessible,
    assert_title_starts_with_error,
    follow_error_link,
    signed_in_page,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _password_step(page: Page, base: str, user: User) -> None:
    page.goto(f"{base}/")
    expect(page).to_have_url(f"{base}/sign-in/?next=/")
    assert_accessible(page)
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()


def test_a_new_mash_manager_enrols_an_authenticator_then_signs_in_with_a_code(live_server, page):
    base = live_server.url
    user = UserFactory(roles=[Role.MASH_MANAGER], totp_secret="", totp_confirmed_at=None)
    admin = Actor.for_user(UserFactory(roles=[Role.SYSTEM_ADMINISTRATOR]))
    setup_code = user_issue_enrolment_code(actor=admin, user=user)
    _password_step(page, base, user)

    # The emailed link is not enough: the administrator gave a set-up code by phone.
    expect(page.get_by_role("heading", name="Enter your set-up code")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Set-up code").fill("WRONG-CODE1")
    page.get_by_role("button", name="Continue").click()
    assert_title_starts_with_error(page)
    assert_accessible(page)
    page.get_by_label("Set-up code").fill(setup_code)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Set up your authenticator app")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    assert_title_starts_with_error(page)
    follow_error_link(page, "Enter the 6-digit code shown in your authenticator app", "id_code")
    assert_accessible(page)

    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator("#setup-key").inner_text().replace(" ", "")
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=user.full_name)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="You have signed out")).to_be_visible()
    _password_step(page, base, user)
    expect(
        page.get_by_role("heading", name="Enter the code from your authenticator app")
    ).to_be_visible()
    assert_accessible(page)
    # The enrolment used this 30-second step's code; a code is never accepted twice.
    page.get_by_label("Code from your authenticator app").fill(
        pyotp.TOTP(secret).at(time.time() + 30)
    )
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="People")).to_be_visible()


def test_a_partnership_officer_signs_in_and_sees_aggregates_only(live_server, page):
    base = live_server.url
    user = UserFactory(
        roles=[Role.PARTNERSHIP_OFFICER],
        agency=AgencyFactory(name="Hillingdon Clinical Commissioning Group"),
    )
    _password_step(page, base, user)
    expect(page.get_by_role("heading", name=user.full_name)).to_be_visible()
    expect(
        page.get_by_text("Partnership officer, Hillingdon Clinical Commissioning Group")
    ).to_be_visible()
    expect(page.get_by_text("Your roles give you aggregate information only")).to_be_visible()
    expect(page.get_by_role("link", name="People")).to_have_count(0)
    assert_accessible(page)
    page.goto(f"{base}/people/")
    expect(page.get_by_role("heading", name="You do not have access to this page")).to_be_visible()
    assert_accessible(page)
    # Aggregates the officer does see: the budget they keep.
    budget_line_add(
        actor=Actor.for_user(user),
        financial_year=2017,
        direction="income",
        label="Council",
        amount_pence=100_000,
        source="Finance summary",
    )
    page.goto(f"{base}/governance/budget/2017/")
    expect(page.get_by_text("Variance: £1,000 underspend")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add a line").click()
    page.get_by_role("button", name="Add the line").click()
    expect(page.get_by_role("alert")).to_contain_text("Select income or outgoings")
    assert_accessible(page)


def _sign_in_with_code(page: Page, base: str, user: User) -> None:
    _password_step(page, base, user)
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(user.totp_secret).now())
    page.get_by_role("button", name="Sign in").click()


def test_a_system_administrator_creates_a_user_and_a_second_approves_their_role(
    live_server, page, browser
):
    base = live_server.url
    police = AgencyFactory(name="Metropolitan Police Service")
    admin = UserFactory(roles=[Role.SYSTEM_ADMINISTRATOR])
    _sign_in_with_code(page, base, admin)

    page.get_by_role("link", name="Users", exact=True).click()
    assert_accessible(page)
    page.get_by_role("button", name="Add a user").click()
    assert_accessible(page)
    page.get_by_role("button", name="Create account").click()
    assert_title_starts_with_error(page)
    assert_accessible(page)
    follow_error_link(page, "Select at least one role", "id_roles")
    follow_error_link(page, "Enter the user's full name", "id_full_name")

    page.get_by_label("Full name").fill("Dani Kowalski")
    page.get_by_label("Email address").fill("dani.kowalski@example.org")
    page.get_by_label("Agency").select_option(label=police.name)
    page.get_by_label("Partner practitioner").check()
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="User account created")).to_be_visible()
    expect(page.get_by_role("heading", name="Their set-up code")).to_be_visible()
    assert_accessible(page)
    created = User.objects.get(email="dani.kowalski@example.org")
    assert created.agency == police and created.roles == set()  # waits for a second person

    page.get_by_role("link", name="View the account").click()
    expect(page.get_by_text("Invited")).to_be_visible()
    expect(
        page.get_by_text("Waiting for approval: Add the role Partner practitioner")
    ).to_be_visible()
    assert_accessible(page)

    second = signed_in_page(browser, base, UserFactory(roles=[Role.SYSTEM_ADMINISTRATOR]))
    second.get_by_role("link", name="Account changes").click()
    assert_accessible(second)
    second.get_by_role("link", name="Dani Kowalski").click()
    second.get_by_role("button", name="Record decision").click()
    assert_title_starts_with_error(second)
    assert_accessible(second)
    second.get_by_label("Yes, approve it").check()
    second.get_by_role("button", name="Record decision").click()
    expect(second.get_by_text("Decision recorded")).to_be_visible()
    assert User.objects.get(pk=created.pk).roles == {Role.PARTNER_PRACTITIONER}


def test_a_mash_practitioner_searches_then_records_a_new_child(live_server, page):
    base = live_server.url
    user = UserFactory(roles=[Role.MASH_PRACTITIONER])
    _sign_in_with_code(page, base, user)
    page.get_by_role("link", name="People").click()
    assert_accessible(page)

    page.get_by_label("Given name").fill("Ava")
    page.get_by_label("Family name").fill("Patel")
    page.get_by_label("NHS number").fill("123")
    page.get_by_role("button", name="Search").click()
    assert_title_starts_with_error(page)
    follow_error_link(page, "NHS number must be 10 digits, like 485 777 3456", "id_nhs_number")
    assert_accessible(page)
    page.get_by_label("NHS number").fill("")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="0 people found")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Record a new person").click()
    expect(page.get_by_label("Given name")).to_have_value("Ava")
    page.get_by_label("Child", exact=True).check()
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("6")
    page.get_by_label("Year").fill("2015")
    page.get_by_label("Female").check()
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check the details")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Record this person").click()
    expect(page.get_by_role("heading", name="Ava Patel")).to_be_visible()
    expect(page.get_by_text("Person recorded")).to_be_visible()
    assert_accessible(page)
