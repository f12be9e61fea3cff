"""Production: refuses to start without a secret key, with DEBUG on, with the demo MFA skip, or
with an email backend that writes emails anywhere but to their recipients."""

from django.core.exceptions import ImproperlyConfigured

from safeguard.settings.base import *  # noqa: F403
from safeguard.settings.base import DEBUG, DEMO_SKIP_MFA, EMAIL_BACKEND, SECRET_KEY
from safeguard.settings.env import env_bool, env_int

if not SECRET_KEY or SECRET_KEY.startswith("dev-") or len(SECRET_KEY) < 32:
    raise ImproperlyConfigured(
        "SAFEGUARD_SECRET_KEY must be set to a random value of at least 32 characters."
    )
if DEBUG:
    raise ImproperlyConfigured("SAFEGUARD_DEBUG must be off in production.")
if DEMO_SKIP_MFA:
    raise ImproperlyConfigured("SAFEGUARD_DEMO_SKIP_MFA must be off in production.")
# Activation links and set-up codes must reach only their owner, never a log or memory.
if EMAIL_BACKEND.rsplit(".", 2)[-2] in {"console", "locmem", "filebased", "dummy"}:
    raise ImproperlyConfigured(
        "SAFEGUARD_EMAIL_BACKEND must send real email in production "
        "(django.core.mail.backends.smtp.EmailBackend, say): the console, in-memory and file "
        "backends put activation links where others can read them."
    )

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SAFEGUARD_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SAFEGUARD_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
