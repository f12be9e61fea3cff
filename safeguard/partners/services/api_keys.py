"""Partner systems' API keys: created, rotated and revoked from the command line."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from safeguard.core.audit import audit_record
from safeguard.core.errors import DomainError
from safeguard.core.hashing import sha256_hex
from safeguard.partners.models import Agency, ApiKey

API_KEY_PREFIX = "sgk"


def _split_api_key(token: str) -> tuple[str, str] | None:
    # The secret is URL-safe base64, which may itself contain underscores.
    parts = token.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != API_KEY_PREFIX or not parts[2]:
        return None
    return parts[1], parts[2]


@transaction.atomic
def api_key_create(*, agency: Agency, label: str = "") -> tuple[ApiKey, str]:
    """Returns the key and its plain text, which is shown once and never stored."""
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        agency=agency, prefix=prefix, secret_hash=sha256_hex(secret), label=label
    )
    audit_record(actor=None, action="api_key_create", obj=key, changes={"prefix": prefix})
    return key, f"{API_KEY_PREFIX}_{prefix}_{secret}"


@transaction.atomic
def api_key_revoke(*, prefix: str) -> ApiKey:
    key = ApiKey.objects.select_for_update().filter(prefix=prefix).first()
    if key is None:
        raise DomainError(f"No API key has the prefix {prefix}")
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at", "updated_at"])
        audit_record(actor=None, action="api_key_revoke", obj=key)
    return key


@transaction.atomic
def api_key_rotate(*, agency: Agency, grace_hours: int = 24) -> tuple[ApiKey, str]:
    """A new key now; the agency's older keys stop working after the grace period."""
    deadline = timezone.now() + timedelta(hours=grace_hours)
    for old in ApiKey.objects.select_for_update().filter(agency=agency, revoked_at__isnull=True):
        if old.expires_at is None or old.expires_at > deadline:
            old.expires_at = deadline
            old.save(update_fields=["expires_at", "updated_at"])
            audit_record(actor=None, action="api_key_expire", obj=old)
    return api_key_create(agency=agency, label="rotated")


def api_key_authenticate(*, token: str) -> ApiKey | None:
    parts = _split_api_key(token)
    if parts is None:
        return None
    prefix, secret = parts
    key = ApiKey.objects.select_related("agency").filter(prefix=prefix).first()
    now = timezone.now()
    if key is None or not secrets.compare_digest(key.secret_hash, sha256_hex(secret)):
        return None
    if not key.is_usable(now) or not key.agency.is_active:
        return None
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key
