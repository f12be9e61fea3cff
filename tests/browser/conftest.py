"""Browser journeys: Playwright drives Debian's chromium against the live server."""

import os
import re
import shutil
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def page(page: Page) -> Page:
    page.set_default_timeout(10_000)
    return page


def assert_accessible(page: Page) -> None:
    """axe-core on the page once it has loaded: no violations at all. After a click the next
    page may still be loading (no main landmark yet), so wait for its main and its load."""
    expect(page.locator("main")).to_be_attached()
    page.wait_for_load_state()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def signed_in_page(browser: Browser, base: str, user: Any) -> Page:
    """A new browser context, signed in as the user with their password (and a fresh code)."""
    import pyotp

    from safeguard.partners.tests.factories import TEST_PASSWORD

    page = browser.new_context().new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    code = page.get_by_label("Code from your authenticator app")
    home = page.get_by_role("heading", name=user.full_name)
    expect(code.or_(home)).to_be_visible()
    if code.is_visible():  # roles that see aggregates only sign in without a code
        code.fill(pyotp.TOTP(user.totp_secret).now())
        page.get_by_role("button", name="Sign in").click()
    expect(home).to_be_visible()
    return page


def assert_title_starts_with_error(page: Page) -> None:
    # Waits for the page the click brought: read at once, the title can be the empty one
    # of a page still loading.
    expect(page).to_have_title(re.compile(r"^Error: "))


def follow_error_link(page: Page, text: str, field_id: str) -> None:
    """The error summary link moves focus to the first input of the field."""
    page.locator(".govuk-error-summary").get_by_role("link", name=text).click()
    expect(page.locator(f"#{field_id}")).to_be_focused()


@pytest.fixture(autouse=True)
def concern_list(transactional_db: Any) -> None:
    """The concern list a migration seeds; emptying the database between tests removes it."""
    from importlib import import_module

    from django.apps import apps

    import_module("safeguard.mash.migrations.0002_concern_list").add_concerns(apps, None)
