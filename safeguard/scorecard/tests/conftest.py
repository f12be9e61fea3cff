import datetime as dt
from decimal import Decimal

import pytest

from safeguard.partners.roles import Role
from safeguard.scorecard.models import PeriodKind, SourceKind, Theme, Unit
from safeguard.scorecard.selectors import ask_get
from safeguard.scorecard.services import indicator_save, round_open


@pytest.fixture
def officer(make_user, actor_for, council):
    return actor_for(make_user(Role.PARTNERSHIP_OFFICER, agency=council))


@pytest.fixture
def partner(make_user, actor_for):
    """An information officer of the police (the `agency` fixture)."""
    return actor_for(make_user(Role.PARTNER_INFORMATION_OFFICER))


def submitted_indicator(officer, code="MARAC_CASES", unit=Unit.COUNT, owner=None):
    return indicator_save(
        actor=officer,
        code=code,
        name=f"Indicator {code}",
        definition="What it counts",
        unit=unit,
        higher_is_better=None,
        period=PeriodKind.YEAR,
        theme=Theme.EXPLOITATION,
        owner_agency=owner,
        source_kind=SourceKind.SUBMITTED,
        computed_key="",
    )


@pytest.fixture
def asked(officer, partner, agency, other_agency):
    """A year's round asking the police and the hospital for a count and a percentage."""
    count = submitted_indicator(officer)
    percent = submitted_indicator(officer, "SUPERVISION", Unit.PERCENT, owner=agency)
    collection_round = round_open(
        actor=officer,
        year=2017,
        quarter=None,
        due_on=dt.date.today() + dt.timedelta(days=10),
        agencies=[agency, other_agency],
        indicators=[count, percent],
    )
    return collection_round


def ask(actor, collection_round, code="MARAC_CASES"):
    return ask_get(actor=actor, round_id=collection_round.pk, code=code)


D = Decimal
