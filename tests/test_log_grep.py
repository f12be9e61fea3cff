"""The check `make test` runs over the run's logs finds NHS numbers however they are written."""

import pytest

from safeguard.demo.identities import nhs_numbers_in_test_range
from tools.logs.find_nhs_numbers import main, nhs_numbers_in

DEMO = next(nhs_numbers_in_test_range(4242))


@pytest.mark.parametrize(
    "line",
    [
        f"DETAIL:  Key (nhs_number)=({DEMO}) already exists.",
        f"NHS number {DEMO[:3]} {DEMO[3:6]} {DEMO[6:]}",
        "a test's number 9434765919",
    ],
)
def test_a_log_with_an_nhs_number_fails_the_check(tmp_path, line, capsys):
    (tmp_path / "pytest-gw0.log").write_text(f"Internal Server Error\n{line}\n")
    assert main(str(tmp_path)) == 1
    assert DEMO not in capsys.readouterr().out  # says where, never what


def test_numbers_that_are_not_nhs_numbers_pass():
    assert nhs_numbers_in("rows 1234567890, id 42, 2026-12-03 10:15:00") == 0


def test_clean_logs_pass(tmp_path):
    (tmp_path / "pytest-gw0.log").write_text("DETAIL:  [removed]\n")
    assert main(str(tmp_path)) == 0
