"""The MASH putting things right, in the browser, with axe at 1280 px and 375 px: a partner is
told of a request by email and on its work list; a decision refused for inconsistency, then
recorded and later corrected, with the referrer seeing the correction; a wrong child link
corrected after the decision, with both children's chronologies right."""

import datetime as dt
import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from safeguard.core.actors import Actor
from safeguard.mash.models import NotificationChild
from safeguard.mash.services import triage
from safeguard.mash.services.submit import ChildDetails, notification_submit
from safeguard.mash.tests.factories import draft
from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import AgencyFactory, UserFactory
from safeguard.people.tests.factories import PersonFactory
from tests.browser.conftest import assert_accessible, signed_in_page
from tests.browser.test_mash_journey import _fits_a_phone

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _notified_with_the_wrong_child(officer, mash):
    """Andrea Cooper notified by the police, who matched her to Andrew Cooper's record; the
    MASH confirmed it, rated the notification amber and considered consent."""
    wrong = PersonFactory(
        given_name="Andrew",
        family_name="Cooper",
        date_of_birth=dt.date(2011, 10, 1),
        sex="M",
        recorded_by_agency=officer.agency,
    )
    child = ChildDetails(
        given_name="Andrea",
        family_name="Cooper",
        date_of_birth=dt.date(2011, 3, 8),
        sex="F",
        person_id=wrong.pk,
    )
    notification = notification_submit(actor=officer, draft=draft(children=[child]))
    steps = [
        lambda v: triage.notification_link_child(
            actor=mash,
            notification_id=notification.pk,
            seen_version=v,
            child_id=notification.children.get().pk,
            person_id=wrong.pk,
        ),
        lambda v: triage.notification_set_rag(
            actor=mash, notification_id=notification.pk, seen_version=v, rag="amber", rationale="x"
        ),
        lambda v: triage.notification_consider_consent(
            actor=mash, notification_id=notification.pk, seen_version=v, consideration="Justified"
        ),
    ]
    for version, step in enumerate(steps, start=1):
        step(version)
    return notification, wrong


def _mash_asks(page: Page, url: str, health_name: str) -> None:
    page.goto(url)
    page.get_by_role("link", name="Ask partners").click()
    page.locator("#id_needed").check()
    page.get_by_label(health_name).check()
    page.get_by_label("What do you want to know?").fill("Is Andrea known to your service?")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Information needs recorded")).to_be_visible()


def _nurse_finds_it_on_the_work_list_and_answers(page: Page) -> str:
    page.get_by_role("link", name="1 new item on your work list").click()
    expect(page.get_by_role("heading", name="Your work list")).to_be_visible()
    work_url = page.url
    assert_accessible(page)
    page.get_by_role("link", name="The MASH has asked your agency for information").click()
    expect(page.get_by_text("Is Andrea known to your service?")).to_be_visible()
    page.get_by_label("Yes").first.check()
    page.locator("#id_current_involvement-2").check()
    page.get_by_label("What you know").fill("Known to the school nursing team.")
    page.get_by_role("button", name="Send answer to the MASH").click()
    expect(page.get_by_text("Answer sent to the MASH")).to_be_visible()
    return work_url


def _decide(page: Page, outcome: str, level: str) -> None:
    page.get_by_label(outcome).check()
    page.get_by_label(level).check()


def _manager_is_refused_then_decides(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Record the decision").click()
    _decide(page, "Strategy discussion", "Level 1")
    page.get_by_label("Rationale").fill("Concerns about Andrea's care.")
    page.get_by_label("What happens next").fill("A strategy discussion today.")
    page.get_by_label("I confirm the lawful basis").check()
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Strategy discussion (section 47) needs level 4 of need")
    assert_accessible(page)
    _decide(page, "Early help or key work", "Level 2")
    page.get_by_label("What happens next").fill("Early help will call the family this week.")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("This notification is decided and locked")).to_be_visible()


def _manager_corrects_the_decision(page: Page) -> str:
    page.get_by_role("button", name="Correct the decision").click()
    correct_url = page.url
    assert_accessible(page)
    _decide(page, "Referral to children's social care for assessment", "Level 3")
    page.get_by_label("What happens next").fill("A social worker will visit within 10 days.")
    page.get_by_label("Why is the decision being corrected?").fill("The school's answer shows")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check the correction before you record it"))
    assert_accessible(page)
    page.get_by_role("button", name="Record the correction").click()
    expect(page.get_by_text("Decision corrected: the referrer has been told")).to_be_visible()
    return correct_url


def _manager_corrects_the_link(page: Page) -> str:
    page.get_by_role("link", name="Correct the link for Andrea Cooper").click()
    relink_url = page.url
    expect(page.get_by_role("heading", name="Correct the child's link")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("None of these: record a new person").check()
    page.get_by_label("Why was the link wrong?").fill("Andrew Cooper is a boy born in October")
    page.get_by_role("button", name="Correct the link").click()
    expect(page.get_by_text("Link corrected: anyone who viewed")).to_be_visible()
    assert_accessible(page)
    return relink_url


def _chronology(page: Page, base: str, person_id) -> str:
    page.goto(f"{base}/returns/chronology/{person_id}/")
    assert_accessible(page)
    return page.locator("main").inner_text()


def test_told_refused_corrected_and_moved(live_server, browser):
    base = live_server.url
    police = AgencyFactory(name="Metropolitan Police Service", kind="police")
    health = AgencyFactory(name="Barnhill School nursing", kind="acute_trust")
    council = AgencyFactory(name="Children's Services", kind="la_childrens_services")
    officer = UserFactory(agency=police, roles=[Role.PARTNER_PRACTITIONER])
    practitioner = UserFactory(agency=council, roles=[Role.MASH_PRACTITIONER])
    nurse_user = UserFactory(agency=health, roles=[Role.PARTNER_INFORMATION_OFFICER])
    notification, wrong = _notified_with_the_wrong_child(
        Actor.for_user(officer), Actor.for_user(practitioner)
    )
    url = f"{base}/mash/notifications/{notification.pk}/"

    mash = signed_in_page(browser, base, practitioner)
    _mash_asks(mash, url, health.name)
    [told] = [m for m in mail.outbox if m.to == [nurse_user.email]]
    assert "/mash/requests/" in told.body and "Andrea" not in told.body

    nurse = signed_in_page(browser, base, nurse_user)
    work_url = _nurse_finds_it_on_the_work_list_and_answers(nurse)

    manager = signed_in_page(browser, base, UserFactory(agency=council, roles=[Role.MASH_MANAGER]))
    _manager_is_refused_then_decides(manager, url)
    correct_url = _manager_corrects_the_decision(manager)
    relink_url = _manager_corrects_the_link(manager)

    right = NotificationChild.objects.get(notification=notification).person_id
    assert right != wrong.pk
    ref = notification.reference
    on_right = _chronology(manager, base, right)
    assert re.search(rf"Notification {ref} received.*Decision on {ref}: Referral", on_right, re.S)
    assert f"Decision on {ref} corrected. It was: Early help" in on_right
    on_wrong = _chronology(manager, base, wrong.pk)
    assert f"Notification {ref} moved to another child" in on_wrong
    assert f"Notification {ref} received" not in on_wrong

    referrer = signed_in_page(browser, base, officer)
    referrer.get_by_role("link", name=re.compile("new items? on your work list")).click()
    referrer.get_by_role("link", name="The MASH has corrected its decision").click()
    expect(referrer.get_by_text("The outcome was: Early help or key work")).to_be_visible()
    expect(referrer.get_by_text("A social worker will visit within 10 days.")).to_be_visible()
    assert_accessible(referrer)
    feedback_url = referrer.url

    mash.goto(f"{base}/mash/work/")
    expect(mash.get_by_text("moved to another child")).to_be_visible()

    _fits_a_phone(nurse, [work_url])
    _fits_a_phone(manager, [url, correct_url, relink_url])
    _fits_a_phone(referrer, [feedback_url])
