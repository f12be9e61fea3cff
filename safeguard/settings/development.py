"""Local development and `make run`: SQLite under var/, console email, a fixed development key."""

from safeguard.settings.base import *  # noqa: F403
from safeguard.settings.base import SECRET_KEY

SECRET_KEY = SECRET_KEY or "dev-insecure-key-for-local-use-only"
# Background tasks run at once, in the request (ADR 11): `make run` needs no worker, and emails
# appear on the console as they are sent.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
