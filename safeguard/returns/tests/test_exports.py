import pytest

from safeguard.core.errors import DomainError
from safeguard.core.models import AccessLogEntry
from safeguard.core.policy import PermissionDenied
from safeguard.partners.roles import Role
from safeguard.returns.models import ReturnKind
from safeguard.returns.services.exports import return_export
from safeguard.returns.services.imports import ReturnFile, return_import
from safeguard.returns.testing import sample_census, sample_files, sample_tables


def test_import_export_import_round_trips_with_no_difference(analyst):
    first = return_import(actor=analyst, collection_year=2017, files=sample_files())
    exported = return_export(actor=analyst, collection_year=2017)
    assert sorted(exported) == ["episodes.csv", "header.csv", "missing.csv", "oc2.csv", "uasc.csv"]
    files = [ReturnFile(name, text.encode()) for name, text in exported.items()]
    again = return_import(actor=analyst, collection_year=2017, files=files, dry_run=True)
    assert again.unchanged
    header = exported["header.csv"].splitlines()
    assert header[0] == "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
    assert header[1] == "C1001,1,04/05/2006,WBRI,UN4,,"
    assert AccessLogEntry.objects.filter(
        action="export", object_id=str(first.statutory_return.pk)
    ).exists()


def test_a_cell_that_looks_like_a_formula_is_exported_as_text(analyst):
    tables = sample_tables()
    tables["episodes"][2]["URN"] = "=1+2"
    return_import(actor=analyst, collection_year=2017, files=sample_files(tables))
    episodes = return_export(actor=analyst, collection_year=2017)["episodes.csv"]
    assert ",'=1+2" in episodes and ",=1+2" not in episodes


def test_a_year_without_a_return_cannot_be_exported(analyst):
    with pytest.raises(
        DomainError,
        match=r"No SSDA903 \(children looked after\) return has been imported for 2016-17",
    ):
        return_export(actor=analyst, collection_year=2016)


def test_only_an_analyst_can_export(council, make_user, actor_for):
    board = actor_for(make_user(Role.BOARD_MEMBER, agency=council))
    with pytest.raises(PermissionDenied):
        return_export(actor=board, collection_year=2017)


def test_a_census_exports_as_xml_that_imports_back_unchanged(analyst):
    return_import(actor=analyst, collection_year=2017, files=[sample_census()])
    exported = return_export(actor=analyst, collection_year=2017, kind=ReturnKind.CIN)
    assert list(exported) == ["cin-census-2018.xml"]
    text = exported["cin-census-2018.xml"]
    assert "<LEA>999</LEA>" in text and "<GenderCurrent>1</GenderCurrent>" in text
    again = return_import(
        actor=analyst,
        collection_year=2017,
        files=[ReturnFile("again.xml", text.encode())],
        dry_run=True,
    )
    assert again.unchanged
