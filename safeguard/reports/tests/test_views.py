"""The report's pages: the officer's sections, checks and publishing; the partner's answers;
the public address."""

import pytest

from safeguard.reports.models import Publication
from safeguard.reports.services import report_publish
from safeguard.reports.tests.test_services import _publishable


@pytest.fixture
def officer_client(officer, sign_in):
    return sign_in(officer.user)


def test_the_report_page_lists_the_checks_failures_and_refuses_to_publish(officer_client, report):
    page = officer_client.get("/reports/2018/").content.decode()
    assert "The section Foreword is empty" in page
    response = officer_client.post("/reports/2018/publish/", {"note": "", "make_public": "no"})
    assert "govuk-error-summary" in response.content.decode()
    assert "consistency check" in response.content.decode()
    assert not Publication.objects.exists()


def test_a_stale_section_edit_shows_the_conflict_and_keeps_the_other_text(officer_client, report):
    url = "/reports/2018/sections/foreword/"
    first = officer_client.post(url, {"title": "Foreword", "body": "Mine.", "version": "1"})
    assert first.status_code == 302
    second = officer_client.post(url, {"title": "Foreword", "body": "Theirs.", "version": "1"})
    assert "Someone else changed this record" in second.content.decode()
    assert report.sections.get(key="foreword").body == "Mine."


def test_markup_with_a_script_gets_an_error_message(officer_client, report):
    response = officer_client.post(
        "/reports/2018/sections/foreword/",
        {"title": "Foreword", "body": '<a onclick="x()">hi</a>', "version": "1"},
    )
    assert "HTML is not allowed" in response.content.decode()


def test_a_partner_answers_the_four_questions_and_sends_them(partner, report, agency, sign_in):
    contribution = report.contributions.get(agency=agency)
    client = sign_in(partner.user)
    url = f"/reports/contributions/{contribution.pk}/"
    assert "What do you know about the quality" in client.get(url).content.decode()
    response = client.post(
        url,
        {"answer_1": "Good.", "answer_2": "", "answer_3": "", "answer_4": "", "version": "1"},
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert (contribution.status, contribution.answers[0]) == ("submitted", "Good.")


def test_the_public_address_shows_only_a_version_made_public(officer, report, client):
    _publishable(officer, report)
    publication = report_publish(actor=officer, report=report, make_public=False)
    assert client.get("/annual-reports/2018/").status_code == 404
    Publication.objects.filter(pk=publication.pk).update(is_public=True)
    page = client.get("/annual-reports/2018/")
    assert page.status_code == 200
    assert report.title in page.content.decode()
    pdf = client.get("/annual-reports/2018/report.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_the_officer_makes_a_version_public_and_withdraws_it(officer, report, officer_client):
    _publishable(officer, report)
    report_publish(actor=officer, report=report, make_public=False)
    officer_client.post("/reports/2018/v1/public/", {"public": "yes"})
    assert officer_client.get("/annual-reports/2018/").status_code == 200
    officer_client.post("/reports/2018/v1/public/", {"public": "no"})
    assert officer_client.get("/annual-reports/2018/").status_code == 404


def test_the_preview_is_marked_as_a_draft_with_a_way_back(officer_client, report):
    page = officer_client.get("/reports/2018/preview/").content.decode()
    assert "A draft, not published" in page
    assert 'href="/reports/2018/"' in page
