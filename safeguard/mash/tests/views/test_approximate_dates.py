"""A referrer who knows only "about 7", "April 2011", or that a baby is due, says so; the
MASH sees it as they gave it, and the people index keeps how far to trust it."""

import datetime as dt

import pytest
import time_machine

from safeguard.mash.models import Notification
from safeguard.mash.services import decisions
from safeguard.mash.tests.views.pages import page_text
from safeguard.partners.roles import Role

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)


def _child(client, **answers):
    client.post("/mash/notify/")
    return client.post(
        "/mash/notify/child/", {"given_name": "Mia", "family_name": "Lowe", **answers}
    )


@time_machine.travel(TODAY, tick=False)
def test_an_age_is_kept_as_an_estimate_and_shown_as_given(police):
    assert _child(police, approximate="about 7").headers["Location"] == "/mash/notify/children/"
    listed = page_text(police.get("/mash/notify/children/"))
    assert "born December 2019 (estimated)" in listed


@time_machine.travel(TODAY, tick=False)
def test_an_exact_date_and_an_approximate_one_together_are_refused(police):
    page = page_text(
        _child(
            police,
            approximate="April 2011",
            **{"date_of_birth-day": "8", "date_of_birth-month": "4", "date_of_birth-year": "2011"},
        )
    )
    assert "There is a problem" in page
    assert "Give the exact date or an approximate one, not both" in page


@time_machine.travel(TODAY, tick=False)
def test_words_that_cannot_be_read_say_how_to_write_them(police):
    page = page_text(_child(police, approximate="sometime last decade"))
    assert 'Enter it like "about 7", "April 2011"' in page
    assert 'href="#id_approximate"' in page


@time_machine.travel(TODAY, tick=False)
def test_an_unborn_baby_is_recorded_due_and_becomes_a_person_as_expected(
    police, make_user, actor_for, council
):
    from safeguard.mash.tests.views.pages import walk_to_check

    walk_to_check(police)
    police.post("/mash/notify/child/", {"family_name": "Lowe", "approximate": "due May 2027"})
    police.post("/mash/notify/check/")
    notification = Notification.objects.get()
    unborn = notification.children.get(family_name="Lowe")
    assert (unborn.date_of_birth, unborn.date_of_birth_precision) == (
        dt.date(2027, 5, 15),
        "expected",
    )
    manager = actor_for(make_user(Role.MASH_MANAGER, agency=council))
    decisions.notification_child_record(
        actor=manager,
        notification_id=notification.pk,
        seen_version=notification.version,
        child_id=unborn.pk,
    )
    unborn.refresh_from_db()
    assert unborn.person.kind == "unborn"
    assert unborn.person.date_of_birth_precision == "expected"
