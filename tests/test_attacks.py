"""Issue 16's attacks, end to end, on PostgreSQL, against gunicorn logged in as a role that does
not own the tables, set up as the README tells operators (`safeguard db-grants`).

Each test does what the attacker did, through the same doors: SQL as the app's role, the web
pages, the partner API, and the table owner's own hands for what only an owner can do.
"""

import io
import json
import secrets
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pyotp
import pytest
import requests
from django.core.management import call_command
from django.db import connection

from safeguard.core.access_log import entry_hash
from safeguard.core.models import AccessLogEntry
from safeguard.partners.models import User
from safeguard.partners.roles import Role
from safeguard.partners.services import api_key_create
from safeguard.partners.tests.factories import TEST_PASSWORD, AgencyFactory, UserFactory
from safeguard.people.models import Person, PersonDuplicate
from safeguard.people.tests.factories import PersonFactory
from tests.servers import database_url, gunicorn_processes, post

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

NHS = "9434765919"
UNUSED_NHS = "9434765870"
API_UNUSED_NHS = "4010232137"
ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"


@pytest.fixture
def app_role() -> Iterator[str]:
    """A login role that owns nothing, given its rights by `safeguard db-grants`."""
    role = f"safeguard_app_{secrets.token_hex(4)}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} LOGIN")
    call_command("db_grants", role, stdout=io.StringIO())
    yield role
    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {role}")
        cursor.execute(f"DROP ROLE {role}")


@pytest.fixture
def app(app_role) -> Iterator[str]:
    """The app served by gunicorn as that role, behind a trusted proxy on 127.0.0.1."""
    with gunicorn_processes(
        1, DATABASE_URL=database_url(app_role), SAFEGUARD_TRUSTED_PROXIES="127.0.0.1"
    ) as urls:
        yield urls[0]


def _as(role: str) -> psycopg.Connection:
    return psycopg.connect(database_url(role).replace("postgres://", "postgresql://"))


def _signed_in(url: str, user: User, client: str = OWNER) -> requests.Session:
    session = requests.Session()
    session.headers["X-Forwarded-For"] = client
    step = post(session, f"{url}/sign-in/", {"email": user.email, "password": TEST_PASSWORD})
    assert step.headers["Location"] == "/sign-in/code/"
    code = pyotp.TOTP(user.totp_secret).now()
    assert post(session, f"{url}/sign-in/code/", {"code": code}).headers["Location"] == "/"
    return session


class TestTheAccessLogCannotBeEmptied:
    def _views(self, app):
        mash = UserFactory(roles=[Role.MASH_PRACTITIONER])
        session = _signed_in(app, mash)
        for child in PersonFactory.create_batch(3):
            assert session.get(f"{app}/people/{child.pk}/").status_code == 200
        return AccessLogEntry.objects.count()

    def test_the_session_setting_lets_nothing_through_for_the_app_role(self, app, app_role):
        rows = self._views(app)
        with _as(app_role) as attacker, attacker.cursor() as cursor:
            cursor.execute("SET safeguard.allow_test_truncate = 'on'")
            for sql in (
                "TRUNCATE core_accesslogentry, core_accesslogsubject",
                "DELETE FROM core_accesslogsubject",
                "UPDATE core_accesslogentry SET why = 'nothing'",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    cursor.execute(sql)
                attacker.rollback()
        assert AccessLogEntry.objects.count() == rows

    def test_nor_for_a_role_granted_all_on_every_table(self, app, app_role):
        rows = self._views(app)
        with connection.cursor() as cursor:
            cursor.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {app_role}")
        with _as(app_role) as attacker, attacker.cursor() as cursor:
            cursor.execute("SET safeguard.allow_test_truncate = 'on'")
            with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                cursor.execute("TRUNCATE core_accesslogentry, core_accesslogsubject")
        assert AccessLogEntry.objects.count() == rows


class TestTamperingIsCaughtWithCheckpoints:
    """The owner drops the triggers; signed checkpoints outside the database still tell."""

    @pytest.fixture
    def keys(self) -> dict[str, str]:
        out = io.StringIO()
        call_command("access_log_keygen", stdout=out)
        return dict(line.split("=", 1) for line in out.getvalue().split())

    def _command(self, role, keys, *args):
        env = {
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": database_url(role),
            "DJANGO_SETTINGS_MODULE": "safeguard.settings.production",
            "SAFEGUARD_SECRET_KEY": "k" * 50,
            "SAFEGUARD_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            **keys,
        }
        return subprocess.run(
            [sys.executable, "-m", "safeguard", *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    @pytest.fixture
    def sealed(self, app, app_role, keys, tmp_path):
        """Rows written through the app, then checkpointed by the job, then one more row."""
        mash = UserFactory(roles=[Role.MASH_PRACTITIONER])
        session = _signed_in(app, mash)
        children = PersonFactory.create_batch(4)
        for child in children[:3]:
            session.get(f"{app}/people/{child.pk}/")
        checkpoints = tmp_path / "access-log.checkpoints"
        signing = {"SAFEGUARD_ACCESS_LOG_SIGNING_KEY": keys["SAFEGUARD_ACCESS_LOG_SIGNING_KEY"]}
        job = self._command(app_role, signing, "access-log-checkpoint", "--out", str(checkpoints))
        assert job.returncode == 0, job.stderr
        session.get(f"{app}/people/{children[3].pk}/")
        verify = {"SAFEGUARD_ACCESS_LOG_VERIFY_KEY": keys["SAFEGUARD_ACCESS_LOG_VERIFY_KEY"]}
        return lambda: self._command(
            app_role, verify, "verify-access-log", "--checkpoints", str(checkpoints)
        )

    def _as_owner(self, *statements):
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE core_accesslogentry DISABLE TRIGGER USER")
            cursor.execute("ALTER TABLE core_accesslogsubject DISABLE TRIGGER USER")
            for sql, params in statements:
                cursor.execute(sql, params)
            cursor.execute("ALTER TABLE core_accesslogentry ENABLE TRIGGER USER")
            cursor.execute("ALTER TABLE core_accesslogsubject ENABLE TRIGGER USER")

    def _cut_from(self, seq):
        self._as_owner(
            (
                "DELETE FROM core_accesslogsubject WHERE entry_id IN "
                "(SELECT id FROM core_accesslogentry WHERE seq >= %s)",
                [seq],
            ),
            ("DELETE FROM core_accesslogentry WHERE seq >= %s", [seq]),
        )

    def test_an_intact_log_verifies(self, sealed):
        result = sealed()
        assert result.returncode == 0 and result.stdout.startswith("OK"), result.stderr

    def test_truncation(self, sealed):
        last = AccessLogEntry.objects.order_by("-seq").first().seq
        self._cut_from(last - 1)
        result = sealed()
        assert result.returncode == 1 and "shorter than its last checkpoint" in result.stderr

    def test_a_wipe(self, sealed):
        self._cut_from(1)
        result = sealed()
        assert result.returncode == 1 and "shorter than its last checkpoint" in result.stderr

    def test_a_rewrite_with_every_later_hash_recomputed(self, sealed):
        entries = list(AccessLogEntry.objects.order_by("seq"))
        entries[0].why = "Nothing to see"
        statements, prev = [], entries[0].prev_hash
        for entry in entries:
            entry.prev_hash = prev
            entry.row_hash = entry_hash(entry, entry.subjects.values_list("person_id", flat=True))
            statements.append(
                (
                    "UPDATE core_accesslogentry SET why = %s, prev_hash = %s, row_hash = %s "
                    "WHERE id = %s",
                    [entry.why, entry.prev_hash, entry.row_hash, entry.pk],
                )
            )
            prev = entry.row_hash
        self._as_owner(*statements)
        result = sealed()
        assert result.returncode == 1 and "hash its checkpoint signed" in result.stderr

    def test_a_forged_row_dated_before_the_checkpoint(self, sealed):
        from datetime import timedelta

        last = AccessLogEntry.objects.order_by("-seq").first()
        forged = AccessLogEntry(
            seq=last.seq + 1,
            at=last.at - timedelta(days=1),
            actor_label="someone@example.org",
            action="view",
            object_type="people.person",
            object_id=str(PersonFactory().pk),
            why="Viewed record",
            prev_hash=last.row_hash,
        )
        forged.row_hash = entry_hash(forged, [])
        self._as_owner(
            (
                "INSERT INTO core_accesslogentry (seq, at, actor_label, agency_name, roles, "
                "action, object_type, object_id, why, break_glass, prev_hash, row_hash) "
                "VALUES (%s, %s, %s, '', '', %s, %s, %s, %s, false, %s, %s)",
                [
                    forged.seq,
                    forged.at,
                    forged.actor_label,
                    forged.action,
                    forged.object_type,
                    forged.object_id,
                    forged.why,
                    forged.prev_hash,
                    forged.row_hash,
                ],
            )
        )
        result = sealed()
        assert result.returncode == 1 and "before the checkpoint" in result.stderr


class TestNoExistenceProbes:
    def test_the_web_and_the_api_answer_a_hidden_number_as_an_unused_one(self, app):
        police, hospital = AgencyFactory(), AgencyFactory()
        PersonFactory(recorded_by_agency=hospital, is_restricted=True, nhs_number=NHS)
        officer = UserFactory(roles=[Role.PARTNER_PRACTITIONER], agency=police)
        session = _signed_in(app, officer)
        web = []
        for number in (NHS, UNUSED_NHS):
            details = {
                "given_name": "Ava",
                "family_name": "Patel",
                "kind": "child",
                "sex": "F",
                "date_of_birth_precision": "exact",
                "nhs_number": number,
            }
            post(session, f"{app}/people/new/", details)
            answer = post(session, f"{app}/people/new/check/", {})
            web.append((answer.status_code, answer.headers["Location"].startswith("/people/")))
        assert web[0] == web[1] == (302, True)

        # A third agency's system, which can see neither record with the number.
        _, secret = api_key_create(agency=AgencyFactory())
        api = []
        for number in (NHS, API_UNUSED_NHS):
            answer = requests.post(
                f"{app}/api/v1/people",
                json={"given_name": "Ava", "family_name": "Patel", "nhs_number": number},
                headers={"Authorization": f"Bearer {secret}"},
                timeout=10,
            )
            api.append((answer.status_code, sorted(answer.json())))
        assert api[0] == api[1] and api[0][0] == 201
        # The police's record and the hospital's; then the API's against each of them.
        assert PersonDuplicate.objects.filter(found_by="nhs_number").count() == 3

    def test_walking_ids_leaves_a_trace(self, app):
        from safeguard.core.models import SecurityEvent

        officer = UserFactory(roles=[Role.PARTNER_PRACTITIONER])
        session = _signed_in(app, officer)
        for child in PersonFactory.create_batch(3, is_restricted=True):
            assert session.get(f"{app}/people/{child.pk}/").status_code == 404
        events = SecurityEvent.objects.filter(kind="refused_not_found", actor_user_id=officer.pk)
        assert events.count() == 3 and {e.client for e in events} == {OWNER}


class TestNoSelfGrant:
    def test_an_administrator_ticking_the_ig_role_for_themself_reads_nothing(self, app):
        admin = UserFactory(roles=[Role.SYSTEM_ADMINISTRATOR])
        restricted = PersonFactory(is_restricted=True)
        session = _signed_in(app, admin)
        edit = post(
            session,
            f"{app}/admin/users/{admin.pk}/edit/",
            {
                "full_name": admin.full_name,
                "agency": str(admin.agency_id),
                "roles": ["system_administrator", "information_governance_officer"],
                "version": admin.version,
            },
        )
        assert edit.status_code == 302
        assert User.objects.get(pk=admin.pk).roles == {Role.SYSTEM_ADMINISTRATOR}
        change = admin.account_changes.get(status="pending")
        refused = post(
            session, f"{app}/admin/account-changes/{change.pk}/", {"decision": "approve"}
        )
        assert refused.status_code == 200 and "your own account" in refused.text
        assert session.get(f"{app}/people/{restricted.pk}/").status_code == 404
        assert session.get(f"{app}/people/{restricted.pk}/access-log/").status_code == 404


class TestNoLockout:
    def test_an_attacker_cannot_keep_a_mash_manager_out(self, app):
        victim = UserFactory(roles=[Role.MASH_MANAGER])
        attacker = requests.Session()
        attacker.headers["X-Forwarded-For"] = ATTACKER
        for _ in range(30):
            post(attacker, f"{app}/sign-in/", {"email": victim.email, "password": "guess"})
        owner = requests.Session()
        owner.headers["X-Forwarded-For"] = OWNER
        alone = post(owner, f"{app}/sign-in/", {"email": victim.email, "password": TEST_PASSWORD})
        assert alone.status_code == 200 and "too many failed attempts" in alone.text
        both = post(
            owner,
            f"{app}/sign-in/",
            {
                "email": victim.email,
                "password": TEST_PASSWORD,
                "code": pyotp.TOTP(victim.totp_secret).now(),
            },
        )
        assert both.headers["Location"] == "/"
        assert owner.get(f"{app}/", allow_redirects=False).status_code == 200
        spray = post(attacker, f"{app}/sign-in/", {"email": "x@example.org", "password": "y"})
        assert "from your network" in spray.text


def test_concurrent_creates_of_one_nhs_number_never_fail(app):
    police, hospital = AgencyFactory(), AgencyFactory()
    keys = [api_key_create(agency=a)[1] for a in (police, hospital)]
    start = threading.Barrier(8)

    def create(i):
        body = json.dumps({"given_name": "Ava", "family_name": "Patel", "nhs_number": NHS})
        start.wait()
        return requests.post(
            f"{app}/api/v1/people",
            data=body,
            headers={"Authorization": f"Bearer {keys[i % 2]}", "Content-Type": "application/json"},
            timeout=30,
        ).status_code

    with ThreadPoolExecutor(8) as pool:
        codes = sorted(pool.map(create, range(8)))
    assert codes == [201, 201, 409, 409, 409, 409, 409, 409]
    assert Person.objects.filter(nhs_number=NHS).count() == 2
