"""The MASH front door end to end, in the browser, with axe on every page."""

import re

import pytest
from playwright.sync_api import Page, expect

from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import AgencyFactory, UserFactory
from tests.browser.conftest import assert_accessible, signed_in_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Menu").get_by_role("link", name=name).click()


def _continue(page: Page) -> None:
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()


def _police_submits(page: Page) -> str:
    _nav(page, "Tell the MASH")
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("No").check()
    _continue(page)
    page.get_by_label("Given name").fill("Ava")
    page.get_by_label("Family name").fill("Patel")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("6")
    page.get_by_label("Year").fill("2015")
    _continue(page)
    page.get_by_label("No").check()
    _continue(page)
    page.get_by_label("No").check()
    _continue(page)
    page.get_by_label("Neglect").check()
    _continue(page)
    page.get_by_label("What happened?").fill("Ava has come to school hungry all week.")
    page.get_by_label("What is the risk to the child now?").fill("She is in school until 3pm.")
    _continue(page)
    expect(page.get_by_role("heading", name="Documents")).to_be_visible()
    _continue(page)  # nothing to attach
    page.get_by_label("No, consent was not sought").check()
    page.get_by_label("Seeking it would increase the risk").check()
    page.get_by_label("Public task").check()
    page.get_by_label("Who decided to share?").fill("PC Sam Ali")
    _continue(page)
    expect(page.get_by_role("heading", name="Check your answers before sending")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send notification").click()
    expect(page.get_by_role("heading", name="Notification sent")).to_be_visible()
    assert_accessible(page)
    return re.search(r"MASH-\d{4}-\d{6}", page.content()).group(0)


def _mash_triages(page: Page, reference: str, health_name: str) -> str:
    _nav(page, "MASH queue")
    assert_accessible(page)
    page.get_by_role("link", name=reference).click()
    notification_url = page.url
    assert_accessible(page)
    page.get_by_label("None of these: record a new person").check()
    page.get_by_role("button", name="Confirm the link").click()
    expect(page.get_by_text("Child recorded in the people index and linked")).to_be_visible()
    page.get_by_role("link", name="Set the rating").click()
    page.get_by_label("Amber").check()
    page.get_by_label("Why this rating?").fill("Ongoing neglect, no immediate harm")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Record consent considered").click()
    page.get_by_label("How has the MASH considered consent").fill(
        "Not sought to avoid alerting the family; sharing is justified to protect Ava."
    )
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Ask partners").click()
    page.locator("#id_needed").check()
    page.get_by_label(health_name).check()
    page.get_by_label("What do you want to know?").fill("Is Ava known to your service?")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Information needs recorded")).to_be_visible()
    assert_accessible(page)
    return notification_url


def _fits_a_phone(page: Page, urls: list[str]) -> None:
    """At 375 px (WCAG 1.4.10) the page never scrolls sideways: wide tables scroll inside their
    own container. axe runs at that width too."""
    page.set_viewport_size({"width": 375, "height": 800})
    for url in urls:
        page.goto(url)
        assert_accessible(page)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{url} scrolls sideways by {overflow} px at 375 px"
    page.set_viewport_size({"width": 1280, "height": 800})


def test_police_to_mash_to_health_to_decision_and_back(live_server, browser):
    base = live_server.url
    police = AgencyFactory(name="Metropolitan Police Service", kind="police")
    health = AgencyFactory(name="Hillingdon Hospital", kind="acute_trust")
    council = AgencyFactory(name="Children's Services", kind="la_childrens_services")
    school = AgencyFactory(name="Barnhill School", kind="school")
    officer = UserFactory(agency=police, roles=[Role.PARTNER_PRACTITIONER])

    page = signed_in_page(browser, base, officer)
    reference = _police_submits(page)

    mash = signed_in_page(
        browser, base, UserFactory(agency=council, roles=[Role.MASH_PRACTITIONER])
    )
    notification_url = _mash_triages(mash, reference, health.name)
    _fits_a_phone(mash, [f"{base}/mash/queue/", notification_url])

    nurse = signed_in_page(
        browser, base, UserFactory(agency=health, roles=[Role.PARTNER_INFORMATION_OFFICER])
    )
    _nav(nurse, "Requests")
    assert_accessible(nurse)
    nurse.get_by_role("link", name="Ava Patel").click()
    expect(nurse.get_by_text("Is Ava known to your service?")).to_be_visible()
    expect(nurse.get_by_text("hungry")).to_have_count(0)
    assert_accessible(nurse)
    nurse.get_by_label("Yes").first.check()
    nurse.locator("#id_current_involvement-2").check()
    nurse.get_by_label("What you know").fill("Seen in A&E in March for a minor injury.")
    nurse.get_by_role("button", name="Send answer to the MASH").click()
    expect(nurse.get_by_text("Answer sent to the MASH")).to_be_visible()

    manager = signed_in_page(browser, base, UserFactory(agency=council, roles=[Role.MASH_MANAGER]))
    manager.goto(notification_url)
    expect(manager.get_by_text("Seen in A&E in March")).to_be_visible()
    manager.get_by_role("button", name="Record the decision").click()
    manager.get_by_label("Early help or key work").check()
    manager.get_by_label("Level 2").check()
    manager.get_by_label("Rationale").fill("Family needs support; no significant harm.")
    manager.get_by_label("What happens next").fill("Early help will call the family this week.")
    manager.get_by_label("I confirm the lawful basis").check()
    assert_accessible(manager)
    manager.get_by_role("button", name="Continue").click()
    expect(
        manager.get_by_role("heading", name="Check the decision before you record it")
    ).to_be_visible()
    assert_accessible(manager)
    manager.get_by_role("button", name="Record the decision").click()
    expect(manager.get_by_text("This notification is decided and locked")).to_be_visible()
    assert_accessible(manager)

    _nav(page, "Home")
    page.get_by_role("link", name="Notifications you sent").click()
    assert_accessible(page)
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_text("Early help or key work")).to_be_visible()
    expect(page.get_by_text("Early help will call the family this week.")).to_be_visible()
    expect(page.get_by_text("Seen in A&E")).to_have_count(0)
    assert_accessible(page)
    feedback_url = page.url

    teacher = signed_in_page(
        browser, base, UserFactory(agency=school, roles=[Role.PARTNER_PRACTITIONER])
    )
    for url in (notification_url, feedback_url):
        response = teacher.goto(url)
        assert response.status == 404
        expect(teacher.get_by_role("heading", name="Page not found")).to_be_visible()
    assert_accessible(teacher)
