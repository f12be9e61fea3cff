from uuid import uuid4

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from safeguard.core.access_log import Action, access_log_record, access_log_verify
from safeguard.core.models import AccessLogEntry, AccessLogSubject, AppendOnlyError
from safeguard.core.tests.helpers import tamper, write_rows
from safeguard.partners.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor(make_user, actor_for):
    return actor_for(make_user(Role.MASH_PRACTITIONER))


_write = write_rows


class TestRecording:
    def test_each_row_carries_who_agency_role_action_object_child_and_why(self, actor):
        child = uuid4()
        entry = access_log_record(
            actor=actor,
            action=Action.VIEW,
            object_type="people.person",
            object_id=child,
            subjects=[child],
            why="Triage",
        )
        assert entry.actor_label == actor.user.email
        assert entry.agency_name == actor.agency.name
        assert entry.roles == "mash_practitioner"
        assert (entry.action, entry.object_id, entry.why) == ("view", str(child), "Triage")
        assert list(entry.subjects.values_list("person_id", flat=True)) == [child]

    def test_rows_are_numbered_and_chained_to_the_previous_row(self, actor):
        first, second, third = _write(actor)
        assert [first.seq, second.seq, third.seq] == [1, 2, 3]
        assert second.prev_hash == first.row_hash
        assert third.prev_hash == second.row_hash


class TestVerification:
    def test_an_intact_chain_verifies(self, actor, capsys):
        _write(actor, 4)
        assert access_log_verify().ok
        call_command("verify_access_log")
        assert capsys.readouterr().out.startswith("OK 4 rows")

    def test_an_empty_log_verifies(self):
        assert access_log_verify().rows == 0

    def _tamper(self, sql, params):
        tamper(sql, params)

    def test_an_altered_row_is_named(self, actor):
        entries = _write(actor, 5)
        self._tamper("UPDATE core_accesslogentry SET why = %s WHERE seq = %s", ["nothing", 3])
        report = access_log_verify()
        assert (report.ok, report.first_bad_seq) == (False, 3)
        assert "altered" in report.problem
        assert entries[2].seq == 3

    def test_a_removed_row_is_found(self, actor):
        _write(actor, 5)
        self._tamper(
            "DELETE FROM core_accesslogsubject WHERE entry_id IN "
            "(SELECT id FROM core_accesslogentry WHERE seq = %s)",
            [2],
        )
        self._tamper("DELETE FROM core_accesslogentry WHERE seq = %s", [2])
        report = access_log_verify()
        assert report.first_bad_seq == 3

    def test_reordered_rows_are_found(self, actor):
        _write(actor, 4)
        self._tamper("UPDATE core_accesslogentry SET seq = seq + 100 WHERE seq IN (2, 3)", [])
        self._tamper("UPDATE core_accesslogentry SET seq = 5 - (seq - 100) WHERE seq > 100", [])
        report = access_log_verify()
        assert report.first_bad_seq == 3

    def test_a_removed_subject_is_found(self, actor):
        _write(actor, 3)
        self._tamper(
            "DELETE FROM core_accesslogsubject WHERE entry_id IN "
            "(SELECT id FROM core_accesslogentry WHERE seq = %s)",
            [2],
        )
        assert access_log_verify().first_bad_seq == 2

    def test_the_command_exits_non_zero_and_names_the_row(self, actor):
        _write(actor, 3)
        self._tamper(
            "UPDATE core_accesslogentry SET actor_label = %s WHERE seq = %s", ["someone else", 2]
        )
        with pytest.raises(CommandError, match="row 2"):
            call_command("verify_access_log")


class TestAppendOnly:
    def test_the_application_refuses_to_change_a_row(self, actor):
        entry = _write(actor, 1)[0]
        entry.why = "changed"
        with pytest.raises(AppendOnlyError):
            entry.save()
        with pytest.raises(AppendOnlyError):
            AccessLogEntry.objects.filter(pk=entry.pk).update(why="changed")

    def test_the_application_refuses_to_remove_a_row(self, actor):
        entry = _write(actor, 1)[0]
        with pytest.raises(AppendOnlyError):
            entry.delete()
        with pytest.raises(AppendOnlyError):
            AccessLogSubject.objects.all().delete()

    @pytest.mark.parametrize(
        "sql",
        [
            "UPDATE core_accesslogentry SET why = 'changed'",
            "DELETE FROM core_accesslogentry",
            "UPDATE core_accesslogsubject SET person_id = person_id",
            "DELETE FROM core_accesslogsubject",
        ],
    )
    def test_the_database_refuses_to_change_or_remove_rows(self, actor, sql):
        _write(actor, 2)
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
        assert AccessLogEntry.objects.count() == 2


@pytest.mark.postgres_only
class TestNoEscapeHatch:
    """Finding 1 of issue 16: a custom setting is not a privilege, so it must open nothing."""

    def test_a_session_setting_does_not_let_truncate_through(self, actor):
        _write(actor, 2)
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending foreign-key checks
            cursor.execute("SET LOCAL safeguard.allow_test_truncate = 'on'")
            cursor.execute("TRUNCATE core_accesslogentry, core_accesslogsubject")
        assert AccessLogEntry.objects.count() == 2
