import pytest
from django.core.management import CommandError, call_command

from safeguard.partners.roles import Role
from safeguard.returns.models import StatutoryReturn
from safeguard.returns.testing import sample_census, sample_files, sample_tables


@pytest.fixture
def analyst(council, make_user):
    return make_user(Role.ANALYST, agency=council)


def _write(folder, tables=None):
    paths = []
    for f in sample_files(tables):
        path = folder / f.name
        path.write_bytes(f.content)
        paths.append(str(path))
    return paths


def test_import_return_reports_what_it_imported_then_that_nothing_changed(
    analyst, tmp_path, capsys
):
    paths = _write(tmp_path)
    call_command("import_return", *paths, "--year", "2017-18", "--user", analyst.email)
    assert (
        "Imported SSDA903 (children looked after) 2017-18: episodes 3, header 2"
        in capsys.readouterr().out
    )
    call_command("import_return", *paths, "--year", "2017-18", "--user", analyst.email)
    assert "nothing changed" in capsys.readouterr().out
    assert StatutoryReturn.objects.count() == 1


def test_import_return_names_each_problem_and_imports_nothing(analyst, tmp_path, capsys):
    tables = sample_tables()
    tables["episodes"][0]["RNE"] = "Z"
    paths = _write(tmp_path, tables)
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_return", *paths, "--year", "2017-18", "--user", analyst.email)
    err = capsys.readouterr().err
    assert (
        "episodes.csv, row 2, RNE: 'Z' is not one of the reason for new episode codes for 2017-18"
        in err
    )
    assert not StatutoryReturn.objects.exists()


def test_a_dry_run_writes_nothing(analyst, tmp_path, capsys):
    paths = _write(tmp_path)
    call_command("import_return", *paths, "--year", "2017", "--user", analyst.email, "--dry-run")
    assert "Would import SSDA903 (children looked after) 2017-18" in capsys.readouterr().out
    assert not StatutoryReturn.objects.exists()


def test_a_bad_year_is_refused(analyst, tmp_path):
    with pytest.raises(CommandError, match="The second year must follow the first"):
        call_command(
            "import_return", *_write(tmp_path), "--year", "2017-19", "--user", analyst.email
        )


def test_export_return_writes_the_tables(analyst, tmp_path):
    call_command("import_return", *_write(tmp_path), "--year", "2017-18", "--user", analyst.email)
    out = tmp_path / "out"
    call_command("export_return", "--year", "2017-18", "--user", analyst.email, "--out", str(out))
    assert sorted(p.name for p in out.iterdir()) == [
        "episodes.csv",
        "header.csv",
        "missing.csv",
        "oc2.csv",
        "uasc.csv",
    ]


def test_export_return_writes_the_census_and_annex_a(analyst, tmp_path):
    census = tmp_path / "census.xml"
    census.write_bytes(sample_census().content)
    call_command("import_return", str(census), "--year", "2017-18", "--user", analyst.email)
    out = tmp_path / "out"
    for kind in ("cin", "annex_a"):
        call_command(
            "export_return",
            "--year",
            "2017",
            "--user",
            analyst.email,
            "--out",
            str(out),
            "--kind",
            kind,
        )
    assert sorted(p.name for p in out.iterdir()) == [
        "annex-a-2018-03-31.xlsx",
        "cin-census-2018.xml",
    ]
    assert (out / "annex-a-2018-03-31.xlsx").read_bytes()[:4] == b"PK\x03\x04"
