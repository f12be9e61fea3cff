"""The demo's CIN censuses, imported, compute back to the calibrated figures and round-trip."""

import pytest

from safeguard.core.actors import Actor
from safeguard.demo import calibration as cal
from safeguard.demo.generator import BoroughGenerator
from safeguard.demo.need_returns import NeedReturns
from safeguard.partners.models import Agency, User
from safeguard.returns.indicators import indicator_values
from safeguard.returns.models import LinkStatus, ReturnChild, ReturnKind, StatutoryReturn
from safeguard.returns.services.exports import return_export
from safeguard.returns.services.imports import ReturnFile, return_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(db):
    """A borough at a tenth of the size, whose censuses are then written at full calibration:
    a tenth of the MASH's referrals is still far more than the privately fostered children."""
    BoroughGenerator(scale=0.1, seed=7, progress=False).run()
    user = User.objects.get(email__startswith="analyst@")
    council = Agency.objects.get(name=cal.COUNCIL)
    NeedReturns(seed=7, scale=1, council=council, analyst=user, progress=False).run()
    return Actor.for_user(user)


def test_the_censuses_compute_back_to_the_calibration_link_and_round_trip(analyst):
    # One test, as the borough takes a while to make: the calibration, the links, the trip.
    for year, count in cal.NEED_PRIVATELY_FOSTERED.items():
        values = {v.code: v for v in indicator_values(collection_year=year)}
        assert values["PRIVATE_FOSTERING"].value == count
        assert values["CIN_REFERRALS"].value > 100
        assert 0 < values["CIN_ASSESS_45"].value < 100

    censuses = StatutoryReturn.objects.filter(kind=ReturnKind.CIN)
    assert censuses.filter(is_current=True).count() == len(cal.NEED_PRIVATELY_FOSTERED)
    assert censuses.filter(is_current=False, replaced_by__isnull=False).count() == 3
    children = ReturnChild.objects.filter(statutory_return__in=censuses)
    assert set(children.values_list("link_status", flat=True)) == {LinkStatus.LINKED}

    for kind in (ReturnKind.SSDA903, ReturnKind.CIN):
        for year in cal.NEED_PRIVATELY_FOSTERED:
            exported = return_export(actor=analyst, collection_year=year, kind=kind)
            files = [ReturnFile(name, text.encode()) for name, text in exported.items()]
            again = return_import(actor=analyst, collection_year=year, files=files, dry_run=True)
            assert again.unchanged, (kind, year, again.changes)
