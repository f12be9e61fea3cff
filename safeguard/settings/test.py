"""The test suite: a fast password hasher, in-memory email, tasks run inline."""

import os

from safeguard.settings.base import *  # noqa: F403
from safeguard.settings.base import DATABASES, LOGGING, VAR_DIR

SECRET_KEY = "test-secret-key-not-for-any-real-use-0123456789"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_SKIP_MFA = False
PRIVATE_FILES_ROOT = MEDIA_ROOT = VAR_DIR / "test-private"
# Test databases are emptied between transactional tests with TRUNCATE, which the append-only
# tables refuse: the suite's backend, as their owner, turns their triggers off around it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "safeguard.core.testing.postgresql"
# pytest-playwright runs an event loop in the main thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Every warning and error of the run also goes to a file per worker, through the same filter as
# production's, and `make test` greps the files for NHS numbers afterwards (issue 16).
TEST_LOGS = VAR_DIR / "test-logs"
TEST_LOGS.mkdir(parents=True, exist_ok=True)
LOGGING["handlers"]["run_file"] = {
    "class": "logging.FileHandler",
    "filename": str(TEST_LOGS / f"pytest-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.log"),
    "filters": ["no_values"],
    "level": "WARNING",
}
LOGGING["root"]["handlers"] = [*LOGGING["root"]["handlers"], "run_file"]
