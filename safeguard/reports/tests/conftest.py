import datetime as dt

import pytest

from safeguard.partners.roles import Role
from safeguard.reports.services import report_open


@pytest.fixture
def officer(make_user, actor_for, council):
    return actor_for(make_user(Role.PARTNERSHIP_OFFICER, agency=council))


@pytest.fixture
def partner(make_user, actor_for):
    """The police's information officer (the `agency` fixture)."""
    return actor_for(make_user(Role.PARTNER_INFORMATION_OFFICER))


@pytest.fixture
def report(officer, agency, other_agency):
    return report_open(
        actor=officer, year=2018, contributions_due=dt.date.today() + dt.timedelta(days=30)
    )


def write_every_section(officer, report):
    """Text for each narrative section, so that no section is empty."""
    from safeguard.reports.services import section_edit

    for section in report.sections.filter(kind="narrative"):
        section_edit(
            actor=officer,
            section=section,
            title=section.title,
            body=f"What the partnership did: {section.title.lower()}.",
            seen_version=section.version,
        )
