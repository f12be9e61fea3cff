"""The DfE's own validators find no errors in Safeguard's exports of the demo borough."""

import pytest

from safeguard.core.actors import Actor
from safeguard.demo import calibration as cal
from safeguard.demo.generator import BoroughGenerator
from safeguard.partners.models import User
from safeguard.returns.dfe_validators import dfe_validate
from safeguard.returns.models import ReturnKind
from safeguard.returns.services.exports import return_export

pytestmark = [pytest.mark.django_db, pytest.mark.external]


def test_the_demo_boroughs_exports_pass_the_dfe_validators(tmp_path):
    BoroughGenerator(scale=0.05, seed=3, progress=False).run()
    analyst = Actor.for_user(User.objects.get(email__startswith="analyst@"))
    found = {}
    for year in (y.year for y in cal.CARE_YEARS):
        folder = tmp_path / f"ssda903-{year}"
        folder.mkdir()
        for name, text in return_export(actor=analyst, collection_year=year).items():
            (folder / name).write_text(text, newline="")
        report = dfe_validate(kind="903", path=folder, year=year, la=cal.LA_ONS_CODE)
        found[f"SSDA903 {year}"] = (report.errors, report.failed_to_run)
        census = return_export(actor=analyst, collection_year=year, kind=ReturnKind.CIN)
        ((name, text),) = census.items()
        (tmp_path / name).write_text(text)
        report = dfe_validate(kind="cin", path=tmp_path / name, year=year)
        found[f"CIN {year}"] = (report.errors, report.failed_to_run)
    assert found == {label: ({}, []) for label in found}
    assert len(found) == 2 * len(cal.CARE_YEARS)
