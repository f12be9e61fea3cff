"""The scorecard's pages: tiles and drill-down for aggregate readers, and the partners' and
officer's forms with GOV.UK error summaries."""

from decimal import Decimal

import pytest

from safeguard.scorecard.models import Indicator, Submission, SubmissionStatus
from safeguard.scorecard.services import submission_save
from safeguard.scorecard.tests.conftest import ask


@pytest.fixture
def officer_client(officer, sign_in):
    return sign_in(officer.user)


@pytest.fixture
def partner_client(partner, sign_in):
    return sign_in(partner.user)


def test_the_scorecard_shows_a_tile_per_indicator_linking_to_its_provenance(officer_client, asked):
    page = officer_client.get("/scorecard/?year=2017&quarter=&theme=").content.decode()
    assert "Indicator MARAC_CASES" in page
    assert "/scorecard/indicators/MARAC_CASES/" in page
    detail = officer_client.get("/scorecard/indicators/MARAC_CASES/?year=2017").content.decode()
    assert "No approved submission for the period." in detail
    assert "the data in the chart" in detail  # the chart's table
    assert "There are no figures to draw yet." in detail


def test_a_percentage_over_100_is_refused_with_an_error_summary(partner_client, asked):
    response = partner_client.post(
        f"/scorecard/due/{asked.pk}/SUPERVISION/", {"value": "120", "evidence": "Audit"}
    )
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "A percentage cannot be more than 100" in page
    assert not Submission.objects.exists()


def test_a_partner_sends_a_figure_and_sees_it_as_submitted(partner_client, asked):
    response = partner_client.post(
        f"/scorecard/due/{asked.pk}/MARAC_CASES/", {"value": "1,204", "evidence": "Minutes"}
    )
    assert response.status_code == 302
    assert Submission.objects.get().value == Decimal("1204")
    assert "Submitted" in partner_client.get("/scorecard/due/").content.decode()


def test_the_officer_approves_with_the_version_seen(officer_client, partner, asked):
    saved = submission_save(
        actor=partner, ask=ask(partner, asked), value=Decimal("3"), evidence="Minutes"
    )
    stale = officer_client.post(
        f"/scorecard/submissions/{saved.pk}/review/",
        {"decision": "approve", "note": "", "version": "0"},
    )
    assert "Someone else changed this record" in stale.content.decode()
    done = officer_client.post(
        f"/scorecard/submissions/{saved.pk}/review/",
        {"decision": "approve", "note": "", "version": "1"},
    )
    assert done.status_code == 302
    saved.refresh_from_db()
    assert saved.status == SubmissionStatus.APPROVED


def test_opening_a_round_without_choices_lists_each_problem(officer_client):
    page = officer_client.post("/scorecard/rounds/new/", {"year": "2017"}).content.decode()
    for message in ("Choose the agencies", "Choose the indicators"):
        assert message in page


def test_no_tile_names_a_child(officer_client, asked):
    from safeguard.mash.tests.factories import NotificationFactory

    NotificationFactory()  # a child called Amelia
    page = officer_client.get("/scorecard/").content.decode()
    assert "Amelia" not in page


def test_the_officer_adds_a_submitted_indicator_and_a_comparator_with_its_source(
    officer_client,
):
    response = officer_client.post(
        "/scorecard/indicators/new/",
        {
            "code": "lado_referrals",
            "name": "Referrals to the LADO",
            "definition": "Allegations referred in the period",
            "unit": "count",
            "polarity": "neither",
            "theme": "allegations",
            "computed_key": "",
            "owner": "",
            "target": "",
            "amber_within": "",
        },
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="LADO_REFERRALS")
    assert indicator.source_kind == "submitted"
    page = officer_client.post(
        "/scorecard/indicators/LADO_REFERRALS/comparators/new/",
        {"year": "2017", "label": "London average", "value": "140", "source": ""},
    ).content.decode()
    assert "Enter the source" in page
    officer_client.post(
        "/scorecard/indicators/LADO_REFERRALS/comparators/new/",
        {"year": "2017", "label": "London average", "value": "140", "source": "DfE 2018"},
    )
    assert indicator.references.get().source == "DfE 2018"


def test_a_code_in_use_is_refused(officer_client, asked):
    page = officer_client.post(
        "/scorecard/indicators/new/",
        {"code": "MARAC_CASES", "name": "x", "definition": "x", "unit": "count",
         "polarity": "neither", "theme": "allegations"},
    ).content.decode()  # fmt: skip
    assert "An indicator already has that code" in page


def test_a_demographic_percentage_over_100_is_refused(officer_client):
    page = officer_client.post(
        "/scorecard/demographics/2017/new/",
        {"label": "Children in poverty", "value": "119.9", "unit": "percent", "source": "JSNA"},
    ).content.decode()
    assert "A percentage cannot be more than 100" in page
    officer_client.post(
        "/scorecard/demographics/2017/new/",
        {"label": "Children in poverty", "value": "19.9", "unit": "percent", "source": "JSNA"},
    )
    listed = officer_client.get("/scorecard/demographics/2017/").content.decode()
    assert "Children in poverty" in listed and "JSNA" in listed


def test_markup_in_an_indicators_name_cannot_break_the_charts_json_block(
    officer, officer_client, partner, asked
):
    """An indicator named with `<!--<script>` swallowed the rest of the page."""
    import json
    import re

    from safeguard.scorecard.services import submission_review

    name = "Referrals <!--<script> </script><b>"
    Indicator.objects.filter(code="MARAC_CASES").update(name=name)
    saved = submission_save(
        actor=partner, ask=ask(partner, asked), value=Decimal("3"), evidence="Minutes"
    )
    submission_review(actor=officer, submission=saved, approve=True, note="", seen_version=1)
    page = officer_client.get("/scorecard/indicators/MARAC_CASES/?year=2017").content.decode()
    [block] = re.findall(r'<script[^>]*type="application/json"[^>]*>(.*?)</script>', page, re.S)
    assert "<" not in block  # nothing in it can open a comment or a tag
    assert name in json.dumps(json.loads(block), ensure_ascii=False)
    assert page.rstrip().endswith("</html>")
