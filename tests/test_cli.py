import subprocess
import sys

import pytest


def test_the_safeguard_command_accepts_dashed_command_names(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/cli.sqlite3", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "safeguard", "help", "verify-access-log"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "hash chain" in result.stdout


@pytest.mark.parametrize(
    "command",
    [
        "demo-data",
        "demo-sign-ins",
        "api-key",
        "export-openapi",
        "training-retention",
        "training-reminders",
        "access-log-keygen",
        "access-log-checkpoint",
        "db-grants",
        "expire-stale-imports",
    ],
)
def test_every_documented_command_exists(command, tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/cli.sqlite3", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "safeguard", command, "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
