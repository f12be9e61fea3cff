"""Signed checkpoints anchor the access log's chain (issue 16, finding 2).

A table owner can drop the triggers. Without an anchor outside the database, cutting rows off
the end, wiping the log, rewriting a row and every later hash, or appending a forged row all
verified. Each attack here is done as such an owner would, then caught with the checkpoints.
"""

import base64
import io
import json
from datetime import timedelta
from uuid import uuid4

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from safeguard.core.access_log import entry_hash
from safeguard.core.models import AccessLogEntry
from safeguard.core.tests.helpers import tamper, write_rows
from safeguard.partners.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor(make_user, actor_for):
    return actor_for(make_user(Role.MASH_PRACTITIONER))


@pytest.fixture
def keys(settings):
    out = io.StringIO()
    call_command("access_log_keygen", stdout=out)
    pairs = dict(line.split("=", 1) for line in out.getvalue().split())
    settings.ACCESS_LOG_SIGNING_KEY = pairs["SAFEGUARD_ACCESS_LOG_SIGNING_KEY"]
    settings.ACCESS_LOG_VERIFY_KEY = pairs["SAFEGUARD_ACCESS_LOG_VERIFY_KEY"]
    return pairs


@pytest.fixture
def checkpoints(tmp_path):
    return tmp_path / "access-log.checkpoints"


_write = write_rows


def _checkpoint(path):
    call_command("access_log_checkpoint", "--out", str(path), stdout=io.StringIO())


def _verify(path=None):
    """The command's output; CommandError when it fails."""
    out = io.StringIO()
    args = ["--checkpoints", str(path)] if path else []
    call_command("verify_access_log", *args, stdout=out)
    return out.getvalue()


def _delete_from(seq):
    tamper(
        "DELETE FROM core_accesslogsubject WHERE entry_id IN "
        "(SELECT id FROM core_accesslogentry WHERE seq >= %s)",
        [seq],
    )
    tamper("DELETE FROM core_accesslogentry WHERE seq >= %s", [seq])


def _rehash_from(seq):
    """Recompute every hash from `seq` on, as anyone can: the chain needs no secret."""
    entries = list(AccessLogEntry.objects.filter(seq__gte=seq - 1).order_by("seq"))
    prev = entries[0].row_hash
    for entry in entries[1:]:
        entry.prev_hash = prev
        subjects = list(entry.subjects.values_list("person_id", flat=True))
        entry.row_hash = entry_hash(entry, subjects)
        tamper(
            "UPDATE core_accesslogentry SET prev_hash = %s, row_hash = %s WHERE id = %s",
            [entry.prev_hash, entry.row_hash, entry.pk],
        )
        prev = entry.row_hash


class TestKeysAndCheckpoints:
    def test_keygen_prints_a_signing_and_a_verify_key_as_shell_lines(self, keys):
        assert set(keys) == {"SAFEGUARD_ACCESS_LOG_SIGNING_KEY", "SAFEGUARD_ACCESS_LOG_VERIFY_KEY"}
        assert len(base64.b64decode(keys["SAFEGUARD_ACCESS_LOG_VERIFY_KEY"])) == 32

    def test_each_checkpoint_appends_one_signed_line_naming_the_head(
        self, actor, keys, checkpoints
    ):
        _write(actor, 3)
        _checkpoint(checkpoints)
        _write(actor, 2)
        _checkpoint(checkpoints)
        lines = [json.loads(line) for line in checkpoints.read_text().splitlines()]
        assert [line["seq"] for line in lines] == [3, 5]
        head = AccessLogEntry.objects.get(seq=5).row_hash
        assert lines[-1]["head"] == head
        assert all(line["signature"] for line in lines)

    def test_an_intact_log_verifies_against_its_checkpoints(self, actor, keys, checkpoints):
        _write(actor, 4)
        _checkpoint(checkpoints)
        _write(actor, 1)
        assert _verify(checkpoints).startswith("OK 5 rows")

    def test_the_checkpoint_job_refuses_to_sign_a_log_that_lost_its_last_checkpoint(
        self, actor, keys, checkpoints
    ):
        _write(actor, 4)
        _checkpoint(checkpoints)
        _delete_from(3)
        with pytest.raises(CommandError, match=r"row 3|shorter"):
            _checkpoint(checkpoints)
        assert len(checkpoints.read_text().splitlines()) == 1

    def test_the_checkpoint_job_needs_the_signing_key(self, actor, settings, checkpoints):
        settings.ACCESS_LOG_SIGNING_KEY = ""
        with pytest.raises(CommandError, match="SAFEGUARD_ACCESS_LOG_SIGNING_KEY"):
            _checkpoint(checkpoints)


class TestAttacksCaughtWithCheckpoints:
    def test_rows_cut_off_the_end(self, actor, keys, checkpoints):
        _write(actor, 5)
        _checkpoint(checkpoints)
        _delete_from(4)
        assert _verify().startswith("OK 3 rows")  # the chain alone cannot tell
        with pytest.raises(CommandError, match="shorter than its last checkpoint"):
            _verify(checkpoints)

    def test_every_row_wiped(self, actor, keys, checkpoints):
        _write(actor, 3)
        _checkpoint(checkpoints)
        _delete_from(1)
        with pytest.raises(CommandError, match="shorter than its last checkpoint"):
            _verify(checkpoints)

    def test_a_row_rewritten_with_every_later_hash_recomputed(self, actor, keys, checkpoints):
        _write(actor, 5)
        _checkpoint(checkpoints)
        tamper("UPDATE core_accesslogentry SET why = %s WHERE seq = %s", ["nothing", 2])
        _rehash_from(2)
        assert _verify().startswith("OK 5 rows")  # the chain alone cannot tell
        with pytest.raises(CommandError, match=r"row 5.*checkpoint"):
            _verify(checkpoints)

    def test_a_forged_row_dated_before_the_last_checkpoint(self, actor, keys, checkpoints):
        _write(actor, 3)
        _checkpoint(checkpoints)
        last = AccessLogEntry.objects.get(seq=3)
        forged = AccessLogEntry(
            seq=4,
            at=last.at - timedelta(hours=2),
            actor_user_id=actor.user_id,
            actor_label=actor.label,
            agency_id=actor.agency_id,
            agency_name=actor.agency.name,
            roles="mash_practitioner",
            action="view",
            object_type="people.person",
            object_id=str(uuid4()),
            why="Viewed record",
            prev_hash=last.row_hash,
        )
        forged.row_hash = entry_hash(forged, [])
        forged.save()
        assert _verify().startswith("OK 4 rows")  # the chain alone cannot tell
        with pytest.raises(CommandError, match=r"row 4.*before the checkpoint"):
            _verify(checkpoints)

    def test_a_checkpoint_line_altered_in_the_file(self, actor, keys, checkpoints):
        _write(actor, 3)
        _checkpoint(checkpoints)
        line = json.loads(checkpoints.read_text())
        line["seq"] = 2
        checkpoints.write_text(json.dumps(line) + "\n")
        with pytest.raises(CommandError, match="signature"):
            _verify(checkpoints)

    def test_checkpoints_signed_with_another_key(self, actor, keys, checkpoints, settings):
        _write(actor, 3)
        _checkpoint(checkpoints)
        out = io.StringIO()
        call_command("access_log_keygen", stdout=out)
        other = dict(line.split("=", 1) for line in out.getvalue().split())
        settings.ACCESS_LOG_VERIFY_KEY = other["SAFEGUARD_ACCESS_LOG_VERIFY_KEY"]
        with pytest.raises(CommandError, match="signature"):
            _verify(checkpoints)

    def test_a_checkpoint_removed_from_the_middle_of_the_file(self, actor, keys, checkpoints):
        for _ in range(3):
            _write(actor, 1)
            _checkpoint(checkpoints)
        lines = checkpoints.read_text().splitlines()
        checkpoints.write_text("\n".join([lines[0], lines[2]]) + "\n")
        with pytest.raises(CommandError, match="previous checkpoint"):
            _verify(checkpoints)


class TestWithoutCheckpoints:
    def test_verifying_without_checkpoints_says_truncation_cannot_be_ruled_out(self, actor):
        _write(actor, 2)
        assert "cannot be ruled out" in _verify()

    def test_a_log_that_once_had_rows_is_never_ok_with_none(self, actor):
        _write(actor, 3)
        _delete_from(1)
        with pytest.raises(CommandError, match="empty"):
            _verify()

    def test_a_log_never_written_says_it_is_empty_not_ok(self):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('core_accesslogentry', 'id'), 1, false)"
                )
            else:
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = 'core_accesslogentry'")
        output = _verify()
        assert output.startswith("EMPTY")
        assert "OK" not in output
