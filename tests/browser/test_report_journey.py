"""The yearly report end to end, in the browser, with axe on every page.

The partnership officer opens the 2018-19 report; the police's safeguarding lead writes the
agency's contribution; the officer approves it, reads the scorecard, and publishes; anyone can
then read the report at its public address, without signing in.
"""

import datetime as dt
import re

import pytest
from playwright.sync_api import Browser, expect

from safeguard.core.actors import Actor
from safeguard.mash.tests.factories import NotificationFactory
from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import AgencyFactory, UserFactory
from safeguard.reports.models import Report
from safeguard.reports.services import acronyms_add, section_edit, section_remove
from safeguard.scorecard.services import indicator_save
from tests.browser.conftest import assert_accessible, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _write_the_narrative(officer, report):
    """What the officer would write section by section; the journey checks one by hand."""
    actor = Actor.for_user(officer)
    for section in report.sections.all():
        if section.kind == "narrative" and section.key != "foreword":
            section_edit(
                actor=actor, section=section, title=section.title,
                body=f"What the partnership did: {section.title.lower()}.", seen_version=1,
            )  # fmt: skip
        elif section.generator in ("demographics", "performance", "budget", "glossary"):
            section_remove(actor=actor, section=section, seen_version=section.version)
    acronyms_add(actor=actor, entries=[("MASH", "Multi-Agency Safeguarding Hub")])


def test_open_contribute_approve_publish_and_read_the_public_report(live_server, browser: Browser):
    base = live_server.url
    council = AgencyFactory(name="Children's Services", kind="la_childrens_services")
    police = AgencyFactory(name="Metropolitan Police Service", kind="police")
    officer = UserFactory(agency=council, roles=[Role.PARTNERSHIP_OFFICER])
    lead = UserFactory(agency=police, roles=[Role.PARTNER_INFORMATION_OFFICER])
    indicator_save(
        actor=Actor.for_user(officer), code="MASH_TIMELY", name="MASH decisions in time",
        definition="Decided within a working day", unit="percent", higher_is_better=True,
        period="year", theme="front_door", source_kind="computed",
        computed_key="mash.decided_in_time",
    )  # fmt: skip
    for year, late in ((2017, True), (2018, False)):  # something for the chart to draw
        received = dt.datetime(year, 6, 1, 10, tzinfo=dt.UTC)
        due = received + dt.timedelta(days=1)
        decided = due + dt.timedelta(hours=2 if late else -2)
        NotificationFactory(received_at=received, decision_due_at=due, decided_at=decided)
    errors: list[str] = []

    # 1. The officer opens the 2018-19 report.
    page = signed_in_page(browser, base, officer)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: errors.append(f"404 {r.url}") if r.status == 404 else None)
    page.goto(f"{base}/reports/open/")
    assert_accessible(page)
    page.get_by_label("Which year?").select_option("2018")
    due = dt.date.today() + dt.timedelta(days=30)
    page.get_by_label("Day").fill(str(due.day))
    page.get_by_label("Month").fill(str(due.month))
    page.get_by_label("Year", exact=True).fill(str(due.year))
    page.get_by_role("button", name="Open the report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("annual report 2018-19")
    expect(page.locator("#problems")).to_contain_text("The section Foreword is empty")
    assert_accessible(page)
    page.get_by_role("link", name="Foreword").click()
    page.get_by_label("Text").fill("## Our year\nThe partners kept **children** safe.")
    page.get_by_role("button", name="Save the section").click()
    _write_the_narrative(officer, Report.objects.get(year=2018))

    # 2. The police's safeguarding lead writes the agency's contribution.
    partner = signed_in_page(browser, base, lead)
    partner.goto(f"{base}/reports/contributions/")
    assert_accessible(partner)
    partner.get_by_role("link", name="annual report 2018-19").click()
    partner.get_by_label("1. What do you know").fill("- Every case is supervised\n- Audits")
    partner.get_by_label("4. Any good news").fill("A family wrote to *thank* our officers.")
    assert_accessible(partner)
    partner.get_by_role("button", name="Send for review").click()
    expect(partner.get_by_role("cell", name="Sent for review")).to_be_visible()

    # 3. The officer approves it.
    page.goto(f"{base}/reports/2018/")
    page.get_by_role("link", name="Metropolitan Police Service").click()
    expect(page.get_by_text("Every case is supervised")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_role("cell", name="Approved", exact=True)).to_be_visible()

    # The scorecard, with its chart drawn live by vega-embed under the security policy.
    page.goto(f"{base}/scorecard/?year=2018")
    assert_accessible(page)
    page.get_by_role("link", name="MASH decisions in time").click()
    expect(page.locator(".app-chart--live")).to_be_visible()
    expect(page.get_by_role("table").first).to_contain_text("2018-19")
    assert_accessible(page)

    # 4. The officer publishes, and makes it public.
    page.goto(f"{base}/reports/2018/")
    expect(page.locator("#problems")).to_contain_text("checks out")
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Publish this version").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("annual report 2018-19")
    assert_accessible(page)

    # 5. Anyone reads it at its public address, without signing in.
    public = browser.new_context().new_page()
    public.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    public.on("response", lambda r: errors.append(f"404 {r.url}") if r.status == 404 else None)
    public.goto(f"{base}/annual-reports/2018/")
    expect(public.get_by_role("heading", name="Our year")).to_be_visible()
    expect(public.get_by_text("A family wrote to thank our officers.")).to_be_visible()
    assert_accessible(public)
    public.get_by_role("link", name=re.compile("Partners' achievements")).click()
    expect(public.get_by_role("heading", name="Metropolitan Police Service")).to_be_visible()
    assert errors == [], "\n".join(sorted(set(errors)))
