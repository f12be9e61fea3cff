"""Production settings refuse unsafe configurations; every setting comes from the environment."""

import os
import subprocess
import sys

import pytest

GOOD_KEY = "k" * 50
SMTP = "django.core.mail.backends.smtp.EmailBackend"


def _import_production(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SAFEGUARD_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import safeguard.settings.production"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_starts_with_a_secret_key_debug_off_and_real_email():
    result = _import_production(SAFEGUARD_SECRET_KEY=GOOD_KEY, SAFEGUARD_EMAIL_BACKEND=SMTP)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "SAFEGUARD_SECRET_KEY must be set"),
        ({"SAFEGUARD_SECRET_KEY": "short"}, "SAFEGUARD_SECRET_KEY must be set"),
        ({"SAFEGUARD_SECRET_KEY": "dev-" + GOOD_KEY}, "SAFEGUARD_SECRET_KEY must be set"),
        (
            {
                "SAFEGUARD_SECRET_KEY": GOOD_KEY,
                "SAFEGUARD_DEBUG": "1",
                "SAFEGUARD_EMAIL_BACKEND": SMTP,
            },
            "DEBUG must be off",
        ),
        (
            {
                "SAFEGUARD_SECRET_KEY": GOOD_KEY,
                "SAFEGUARD_DEMO_SKIP_MFA": "1",
                "SAFEGUARD_EMAIL_BACKEND": SMTP,
            },
            "DEMO_SKIP_MFA must be off",
        ),
        *(
            pytest.param(
                {
                    "SAFEGUARD_SECRET_KEY": GOOD_KEY,
                    "SAFEGUARD_EMAIL_BACKEND": f"django.core.mail.backends.{kind}.EmailBackend",
                },
                "SAFEGUARD_EMAIL_BACKEND",
                id=f"{kind}-email",
            )
            for kind in ("console", "locmem", "filebased")
        ),
        pytest.param(
            {"SAFEGUARD_SECRET_KEY": GOOD_KEY},
            "SAFEGUARD_EMAIL_BACKEND",
            id="default-email",
        ),
    ],
)
def test_production_refuses_to_start(env, message):
    result = _import_production(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_the_demo_mfa_skip_is_off_unless_asked_for():
    code = "import safeguard.settings.development as s; print(s.DEMO_SKIP_MFA)"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SAFEGUARD_")}
    out = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_development_runs_tasks_at_once_so_emails_reach_the_console_without_a_worker():
    code = (
        "import safeguard.settings.development as s; "
        "print(s.TASKS['default']['BACKEND'], s.EMAIL_BACKEND)"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SAFEGUARD_")}
    out = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == [
        "django_tasks.backends.immediate.ImmediateBackend",
        "django.core.mail.backends.console.EmailBackend",
    ]
