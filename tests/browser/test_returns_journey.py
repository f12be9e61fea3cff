"""Statutory returns end to end, in the browser, with axe on every page.

The council's analyst uploads a CIN census (first without a year, to see the error summary),
watches the import finish and reads the indicators; information governance settles a child the
import could not link with certainty, and marks a pair the duplicates report offers as two
people; the MASH reads that child's chronology.
"""

import datetime as dt
import re

import pytest
from playwright.sync_api import Browser, expect

from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import AgencyFactory, UserFactory
from safeguard.people.services import person_duplicates_find
from safeguard.people.tests.factories import PersonFactory, give_address
from safeguard.returns.models import ReturnChild
from safeguard.returns.testing import sample_census
from tests.browser.conftest import assert_accessible, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_a_census_settle_a_link_and_read_a_chronology(
    live_server, browser: Browser, tmp_path
):
    base = live_server.url
    council = AgencyFactory(name="Children's Services", kind="la_childrens_services")
    analyst = UserFactory(agency=council, roles=[Role.ANALYST])
    governance = UserFactory(agency=council, roles=[Role.INFORMATION_GOVERNANCE_OFFICER])
    mash = UserFactory(agency=council, roles=[Role.MASH_PRACTITIONER])
    census = sample_census()
    upn = census.content.decode().split("<UPN>")[1].split("<")[0]
    PersonFactory(upn=upn, date_of_birth=dt.date(2001, 1, 1))  # same UPN, another birthday
    path = tmp_path / census.name
    path.write_bytes(census.content)

    page = signed_in_page(browser, base, analyst)
    page.goto(f"{base}/returns/upload/")
    assert_accessible(page)
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the collection year")
    assert_accessible(page)
    page.get_by_label("Collection year").fill("2017-18")
    page.get_by_label("The return's files").set_input_files(str(path))
    page.get_by_label("No").check()
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("heading", name="Return imported")).to_be_visible()
    expect(page.get_by_text("cin_details: 2 rows")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Upload a return").click()
    page.get_by_role("link", name="Statutory returns").click()
    expect(page.get_by_role("heading", name="Indicators for 2017-18")).to_be_visible()
    assert_accessible(page)

    page = signed_in_page(browser, base, governance)
    page.get_by_role("link", name="Links to review").click()
    expect(page.get_by_role("cell", name="C2002", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"^New person\W+C2002$")).click()
    expect(page.get_by_text("Recorded as a new person")).to_be_visible()
    expect(page.get_by_text("Nothing to review.")).to_be_visible()
    assert_accessible(page)

    for given, born in (("Katherine", dt.date(2013, 4, 9)), ("Kate", dt.date(2013, 9, 4))):
        give_address(PersonFactory(given_name=given, family_name="Okafor", date_of_birth=born))
    person_duplicates_find()
    page.get_by_role("link", name="Possible duplicates").click()
    expect(page.get_by_text("Date of birth: day and month swapped")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Two people")).click()
    page.get_by_role("button", name="Mark as two people").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Why are these two different people?").fill("Cousins: checked with the GP")
    page.get_by_role("button", name="Mark as two people").click()
    expect(page.get_by_text("No pairs to review.")).to_be_visible()

    governance_page = page
    child = ReturnChild.objects.get(child_ref="C2001")
    page = signed_in_page(browser, base, mash)
    page.goto(f"{base}/people/{child.person_id}/")
    page.get_by_role("link", name="Chronology").click()
    expect(page.get_by_role("cell", name="Section 47 enquiry started")).to_be_visible()
    assert_accessible(page)

    # A record out of the practitioner's reach answers 404, and IG sees the refusal.
    restricted = PersonFactory(is_restricted=True)
    page.goto(f"{base}/people/{restricted.pk}/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    governance_page.get_by_role("link", name="Security events").click()
    expect(
        governance_page.get_by_role("cell", name=re.compile(mash.full_name)).first
    ).to_be_visible()
    assert_accessible(governance_page)
