import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from safeguard.partners.models import ApiKey
from safeguard.partners.services import (
    api_key_authenticate,
    api_key_create,
    api_key_revoke,
    api_key_rotate,
)

pytestmark = pytest.mark.django_db


def test_a_key_is_kept_only_as_a_digest(agency):
    key, plain = api_key_create(agency=agency)
    assert plain.startswith(f"sgk_{key.prefix}_")
    secret = plain.split("_", 2)[2]
    assert secret not in key.secret_hash and len(key.secret_hash) == 64
    assert api_key_authenticate(token=plain) == key


@pytest.mark.parametrize("token", ["", "nonsense", "sgk_abc_def", "sgk_x_y_z"])
def test_malformed_or_unknown_tokens_do_not_authenticate(agency, token):
    api_key_create(agency=agency)
    assert api_key_authenticate(token=token) is None


def test_a_revoked_key_stops_working(agency):
    key, plain = api_key_create(agency=agency)
    api_key_revoke(prefix=key.prefix)
    assert api_key_authenticate(token=plain) is None


def test_rotation_gives_a_new_key_and_the_old_one_expires_after_the_grace(agency):
    old, old_plain = api_key_create(agency=agency)
    new, new_plain = api_key_rotate(agency=agency, grace_hours=2)
    assert api_key_authenticate(token=old_plain) == old
    assert api_key_authenticate(token=new_plain) == new
    ApiKey.objects.filter(pk=old.pk).update(expires_at=timezone.now())
    assert api_key_authenticate(token=old_plain) is None


def test_an_inactive_agencys_key_stops_working(agency):
    _, plain = api_key_create(agency=agency)
    agency.is_active = False
    agency.save()
    assert api_key_authenticate(token=plain) is None


def test_the_command_prints_a_new_key_once(agency, capsys):
    call_command("api_key", "create", "--agency", agency.name.upper())
    out = capsys.readouterr().out
    plain = out.strip().splitlines()[-1]
    assert api_key_authenticate(token=plain) is not None
    assert "not shown again" in out


def test_the_command_revokes_by_prefix(agency, capsys):
    key, plain = api_key_create(agency=agency)
    call_command("api_key", "revoke", key.prefix)
    assert api_key_authenticate(token=plain) is None
    with pytest.raises(CommandError):
        call_command("api_key", "revoke", "no-such-prefix")


def test_the_command_refuses_an_unknown_agency(db):
    with pytest.raises(CommandError, match="No agency"):
        call_command("api_key", "create", "--agency", "Nobody")
