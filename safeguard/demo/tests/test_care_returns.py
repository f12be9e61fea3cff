"""The demo's SSDA903 returns, imported, compute back to the calibrated care figures."""

import pytest

from safeguard.demo import calibration as cal
from safeguard.demo.care_returns import CareReturns
from safeguard.demo.generator import BoroughGenerator
from safeguard.demo.tests.helpers import children_for_care_returns
from safeguard.returns.indicators import indicator_values
from safeguard.returns.models import LinkStatus, ReturnChild, StatutoryReturn

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    """Three years of returns on 3,000 children aged 0 to 17 (far more than come into care)."""
    generator = BoroughGenerator(scale=1, seed=7, progress=False)
    agencies = generator._agencies()
    users = generator._users(agencies)
    council = agencies[cal.COUNCIL]
    children_for_care_returns(council)
    CareReturns(seed=7, scale=1, council=council, analyst=users["analyst"], progress=False).run()


@pytest.mark.parametrize("year", cal.CARE_YEARS, ids=lambda y: f"{y.year}-{y.year + 1}")
def test_each_years_indicators_compute_back_to_the_calibration(loaded, year):
    values = {v.code: v for v in indicator_values(collection_year=year.year)}
    assert values["CLA_31MAR"].value == year.looked_after_at_31_march
    assert round(values["CLA_HEALTH"].value) == year.health_assessment_percent
    assert values["CLA_3PLACE"].numerator == year.three_or_more_placements
    assert values["CLA_MISSING"].value == year.missing_incidents
    if year.year in cal.CARE_SEEKING_ASYLUM:
        assert values["CLA_UASC"].value == cal.CARE_SEEKING_ASYLUM[year.year]


def test_the_returns_were_imported_and_linked_to_the_people_index(loaded):
    assert StatutoryReturn.objects.filter(is_current=True).count() == len(cal.CARE_YEARS)
    statuses = set(ReturnChild.objects.values_list("link_status", flat=True))
    assert statuses == {LinkStatus.LINKED}
