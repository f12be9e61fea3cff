"""Logs carry no personal data, even when the database quotes it (issue 16, finding 7).

A 500 logged PostgreSQL's `DETAIL: Key (nhs_number)=(...) already exists`. The configured
handler now removes identifiers and values from database errors before a line is written.
"""

import io
import logging
import re

import pytest
from django.db import connection, transaction

from safeguard.demo.identities import nhs_numbers_in_test_range
from safeguard.partners.roles import Role
from safeguard.people import selectors
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

NHS = next(nhs_numbers_in_test_range(17))  # one of the demo borough's


@pytest.fixture
def console():
    """What the configured console handler writes, as production would write it."""
    [handler] = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def _fail_with_the_value(value):
    """A database error that quotes the value, as a clash on a unique column does."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE clash (nhs_number varchar(10) UNIQUE)")
        cursor.execute("INSERT INTO clash VALUES (%s)", [value])
        cursor.execute("INSERT INTO clash VALUES (%s)", [value])


@pytest.mark.postgres_only  # SQLite's errors name the column, never the value
def test_a_500_from_a_database_error_logs_no_nhs_number(make_user, sign_in, console, monkeypatch):
    person = PersonFactory(nhs_number=NHS)
    monkeypatch.setattr(selectors, "person_locate", lambda **kwargs: _fail_with_the_value(NHS))
    client = sign_in(make_user(Role.MASH_PRACTITIONER))
    client.raise_request_exception = False
    assert client.get(f"/people/{person.pk}/").status_code == 500
    written = console.getvalue()
    assert "Internal Server Error" in written and "IntegrityError" in written
    assert NHS not in written


@pytest.mark.parametrize(
    "message",
    [
        f'duplicate key value violates unique constraint "x"\nDETAIL:  Key (nhs_number)=({NHS}) '
        "already exists.",
        f"new row violates check constraint\nDETAIL:  Failing row contains (1, Ava, {NHS}).",
        f'invalid input syntax for type uuid: "{NHS}"',
        f"CONTEXT:  unnamed portal parameter $1 = '{NHS}'",
    ],
)
def test_the_filter_removes_values_from_database_messages(console, message):
    logger = logging.getLogger("django.request")
    try:
        raise RuntimeError(message)
    except RuntimeError:
        logger.error("Internal Server Error: /people/", exc_info=True)
    assert NHS not in console.getvalue()
    assert "RuntimeError" in console.getvalue()


def test_sql_with_its_parameters_is_never_logged_whatever_the_level(console, settings):
    logging.getLogger("django.db.backends").setLevel(logging.DEBUG)
    try:
        logging.getLogger("django.db.backends").debug(
            "(0.001) SELECT * FROM people_person WHERE nhs_number = %s", NHS
        )
    finally:
        logging.getLogger("django.db.backends").setLevel(logging.WARNING)
    assert NHS not in console.getvalue()


def test_ten_digit_numbers_that_are_not_values_survive(console):
    logging.getLogger("safeguard").warning("Imported 1234567890 rows")
    assert re.search(r"1234567890", console.getvalue())
