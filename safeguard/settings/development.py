"""Local development and `make run`: SQLite under var/, console email, a fixed development key."""

from safeguard.settings.base import *  # noqa: F403
from safeguard.settings.base import SECRET_KEY

SECRET_KEY = SECRET_KEY or "dev-insecure-key-for-local-use-only"
