"""Production: refuses to start without a secret key, with DEBUG on, or with the demo MFA skip."""

from django.core.exceptions import ImproperlyConfigured

from safeguard.settings.base import *  # noqa: F403
from safeguard.settings.base import DEBUG, DEMO_SKIP_MFA, SECRET_KEY
from safeguard.settings.env import env_bool, env_int

if not SECRET_KEY or SECRET_KEY.startswith("dev-") or len(SECRET_KEY) < 32:
    raise ImproperlyConfigured(
        "SAFEGUARD_SECRET_KEY must be set to a random value of at least 32 characters."
    )
if DEBUG:
    raise ImproperlyConfigured("SAFEGUARD_DEBUG must be off in production.")
if DEMO_SKIP_MFA:
    raise ImproperlyConfigured("SAFEGUARD_DEMO_SKIP_MFA must be off in production.")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SAFEGUARD_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SAFEGUARD_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
