import datetime as dt

import pytest

from safeguard.core.models import AccessLogEntry
from safeguard.mash.services.submit import notification_submit
from safeguard.mash.tests.factories import draft
from safeguard.mash.tests.views.pages import page_text
from safeguard.partners.roles import Role
from safeguard.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


class TestMashPages:
    def test_the_queue_lists_open_work_soonest_due_first_and_logs_the_view(
        self, officer, actor_for, make_user, sign_in, council
    ):
        first = notification_submit(actor=actor_for(officer), draft=draft())
        second = notification_submit(actor=actor_for(officer), draft=draft())
        mash = sign_in(make_user(Role.MASH_PRACTITIONER, agency=council))
        page = page_text(mash.get("/mash/queue/"))
        assert page.index(first.reference) < page.index(second.reference)
        assert AccessLogEntry.objects.filter(why="Looked at the MASH queue").exists()

    def test_the_notification_page_offers_match_candidates(
        self, officer, actor_for, make_user, sign_in, council
    ):
        PersonFactory(given_name="Ava", family_name="Patel", date_of_birth=dt.date(2015, 6, 1))
        notification = notification_submit(actor=actor_for(officer), draft=draft())
        mash = sign_in(make_user(Role.MASH_PRACTITIONER, agency=council))
        page = page_text(mash.get(f"/mash/notifications/{notification.pk}/"))
        assert "Which person in the index is Ava Patel?" in page
        assert "Match</strong> over 99.9%<br>Date of birth: exact; Family name: exact" in page

    def test_a_stale_form_shows_the_conflict_and_keeps_the_newer_state(
        self, officer, actor_for, make_user, sign_in, council
    ):
        notification = notification_submit(actor=actor_for(officer), draft=draft())
        mash = sign_in(make_user(Role.MASH_PRACTITIONER, agency=council))
        url = f"/mash/notifications/{notification.pk}/rag/"
        mash.post(url, {"version": "1", "rag": "red", "rationale": "Injury"})
        response = mash.post(url, {"version": "1", "rag": "green", "rationale": "Low"}, follow=True)
        assert "Someone else changed this notification" in page_text(response)
        notification.refresh_from_db()
        assert notification.rag == "red"


def test_a_triage_step_with_a_mistake_shows_the_error_summary(
    officer, actor_for, make_user, sign_in, council
):
    notification = notification_submit(actor=actor_for(officer), draft=draft())
    mash = sign_in(make_user(Role.MASH_PRACTITIONER, agency=council))
    page = page_text(mash.post(f"/mash/notifications/{notification.pk}/rag/", {"version": "1"}))
    assert "There is a problem" in page and "<title>Error: Set the RAG rating" in page


def test_a_search_of_the_queue_finds_any_status_and_keeps_the_term_out_of_the_log(
    officer, actor_for, make_user, sign_in, council
):
    notification = notification_submit(actor=actor_for(officer), draft=draft())
    mash = sign_in(make_user(Role.MASH_PRACTITIONER, agency=council))
    page = page_text(mash.get("/mash/queue/", {"q": "Patel"}))
    assert notification.reference in page
    assert "1 notification, soonest due first" in page
    assert not AccessLogEntry.objects.filter(why__icontains="Patel").exists()
