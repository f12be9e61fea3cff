"""The training programme end to end, in the browser, with axe on every page.

A member of the public books and is invoiced; a police officer books free; the session is then
full, so the next person joins the waiting list and is promoted when the first cancels; the
administrator marks the register; the officer rates the course and downloads a certificate; the
partnership officer reads the report.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import AgencyFactory, UserFactory
from safeguard.training.models import Session
from safeguard.training.tests.factories import CourseFactory, SessionFactory
from tests.browser.conftest import assert_accessible, signed_in_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

COURSE = "Child Sexual Exploitation: A Trauma-Focused Approach"


def _book(page: Page, base: str, **fields: str) -> str:
    """From the catalogue to a booking; returns the delegate's booking page address."""
    page.goto(f"{base}/training/")
    assert_accessible(page)
    page.get_by_role("link", name=COURSE).click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Book")).first.click()
    assert_accessible(page)
    for label, value in fields.items():
        page.get_by_label(label.replace("_", " "), exact=False).fill(value)
    button = page.get_by_role("button", name=re.compile("^(Book|Join the waiting list)$"))
    button.click()
    assert_accessible(page)
    return page.url.split("?")[0]


def _confirm_by_email(page: Page, base: str, address: str) -> None:
    """Follows the link the booking emailed, as the delegate would, and confirms."""
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(page)
    [message] = [m for m in mail.outbox if m.to == [address] and "Confirm" in m.subject]
    link = re.search(r"/training/confirm/\S+", message.body).group(0)
    page.goto(base + link)
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my booking").click()


def _member_of_the_public_books(browser: Browser, base: str) -> tuple[Page, str]:
    page = browser.new_context().new_page()
    page.goto(f"{base}/training/")
    # A first try without a role shows the error summary.
    page.get_by_role("link", name=COURSE).click()
    page.get_by_role("link", name=re.compile(r"^Book")).first.click()
    page.get_by_label("Full name").fill("Sam Carter")
    page.get_by_role("button", name="Book").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter your role")
    assert_accessible(page)
    link = _book(
        page,
        base,
        Full_name="Sam Carter",
        Email_address="sam@littleacorns.example",
        Organisation="Little Acorns Day Nursery",
        Your_role="Nursery manager",
    )
    _confirm_by_email(page, base, "sam@littleacorns.example")
    expect(page.get_by_role("heading", name="Your place is booked")).to_be_visible()
    expect(page.get_by_text(re.compile(r"INV-\d{4}-\d{5}"))).to_be_visible()
    expect(page.get_by_text("£95.00").first).to_be_visible()
    return page, link


def _officer_books_free(browser: Browser, base: str, officer) -> Page:
    page = signed_in_page(browser, base, officer)
    page.get_by_role("link", name="Book safeguarding training").click()
    _book(page, base, Your_role="Police constable")
    expect(page.get_by_text("Free: partner agency")).to_be_visible()
    expect(page.get_by_role("heading", name="Invoice")).to_have_count(0)
    page.get_by_role("link", name="Before the course").click()
    assert_accessible(page)
    page.get_by_label("Basic").check()
    page.get_by_label("Somewhat confident, need guidance").check()
    page.get_by_role("button", name="Send my ratings").click()
    expect(page.get_by_text("Thank you: your rating is recorded")).to_be_visible()
    return page


def _waiting_list_and_promotion(browser: Browser, base: str, first: Page, first_link: str) -> Page:
    page = browser.new_context().new_page()
    page.goto(f"{base}/training/")
    page.get_by_role("link", name=COURSE).click()
    expect(page.get_by_text("Full: join the waiting list")).to_be_visible()
    link = _book(
        page,
        base,
        Full_name="Ali Khan",
        Email_address="ali@scouts.example",
        Organisation="Harefield Scout Group",
        Your_role="Scout leader",
    )
    _confirm_by_email(page, base, "ali@scouts.example")
    link = page.url.split("?")[0]
    expect(page.get_by_role("heading", name="You are on the waiting list")).to_be_visible()
    first.goto(first_link)
    first.get_by_role("button", name="Cancel this booking").click()
    expect(first.get_by_text("Your booking is cancelled")).to_be_visible()
    assert_accessible(first)
    page.goto(link)
    expect(page.get_by_text("Booked", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(r"INV-\d{4}-\d{5}"))).to_be_visible()
    return page


def _administrator_marks_the_register(browser: Browser, base: str, admin) -> None:
    # The session has been held (the clock moves on: the register opens at its start, and
    # certificates come at its end).
    started = timezone.now() - dt.timedelta(hours=7)
    Session.objects.update(starts_at=started, ends_at=started + dt.timedelta(hours=6))
    page = signed_in_page(browser, base, admin)
    page.get_by_role("link", name="Run the training programme").click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(rf"^Register\s+for {re.escape(COURSE)}")).click()
    assert_accessible(page)
    for name in ("Mark PC Jo Bloggs", "Mark Ali Khan"):
        page.get_by_role("group", name=name).get_by_label("Attended").check()
    page.get_by_role("button", name="Save the register").click()
    expect(page.get_by_text("Register saved")).to_be_visible()
    assert_accessible(page)
    # The rest of the administrator's pages pass axe too: invoices, a payment, an import.
    page.goto(f"{base}/training/admin/invoices/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Record payment")).first.click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the date it was paid")
    assert_accessible(page)
    page.goto(f"{base}/training/admin/elearning/")
    page.get_by_label("CSV of completions").set_input_files(
        files=[{"name": "bad.csv", "mimeType": "text/csv", "buffer": b"course,person\nA,B\n"}]
    )
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was imported")
    assert_accessible(page)


def _officer_rates_and_downloads_a_certificate(page: Page, base: str) -> None:
    page.goto(f"{base}/training/my-bookings/")
    assert_accessible(page)
    page.get_by_role("link", name=COURSE).click()
    page.get_by_role("link", name="After the course").click()
    page.get_by_label("Very good").check()
    page.get_by_label("Confident", exact=True).check()
    page.get_by_label("Anything else you want to tell us (optional)").fill("Very practical.")
    assert_accessible(page)
    page.get_by_role("button", name="Send my ratings").click()
    expect(page.get_by_text("After the course: thank you, rated")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your certificate (PDF)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")


def _the_report_shows_the_table(browser: Browser, base: str, officer) -> None:
    page = signed_in_page(browser, base, officer)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Training report").click()
    assert_accessible(page)
    table = page.get_by_role("table", name=re.compile("^Training places"))
    row = table.get_by_role("row", name=re.compile(f"^{re.escape(COURSE)}"))
    expect(row.get_by_role("cell").nth(0)).to_have_text("2")  # attendees
    expect(row.get_by_role("cell").nth(1)).to_have_text("2")  # places offered
    expect(table.get_by_role("row", name=re.compile("^Direct delivery"))).to_be_visible()


def test_book_wait_attend_rate_and_report(live_server, browser):
    base = live_server.url
    police = AgencyFactory(name="Metropolitan Police Service", is_partner=True)
    council = AgencyFactory(name="Children's Services")
    course = CourseFactory(title=COURSE, fee_pence=9500)
    SessionFactory(course=course, capacity=2)
    officer = UserFactory(
        agency=police, roles=[Role.PARTNER_PRACTITIONER], full_name="PC Jo Bloggs"
    )

    public, public_link = _member_of_the_public_books(browser, base)
    officer_page = _officer_books_free(browser, base, officer)
    _waiting_list_and_promotion(browser, base, public, public_link)
    _administrator_marks_the_register(
        browser, base, UserFactory(agency=council, roles=[Role.TRAINING_ADMINISTRATOR])
    )
    _officer_rates_and_downloads_a_certificate(officer_page, base)
    _the_report_shows_the_table(
        browser, base, UserFactory(agency=council, roles=[Role.PARTNERSHIP_OFFICER])
    )
