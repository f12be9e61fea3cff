"""The demo's 2017-18 report: written from the records, its figures are the calibration's
(the seed report's), its consistency check passes, and its PDF is tagged."""

import subprocess

import pytest
from django.db import transaction

from safeguard.demo import calibration as cal
from safeguard.demo.care_returns import CareReturns
from safeguard.demo.generator import BoroughGenerator
from safeguard.demo.need_returns import NeedReturns
from safeguard.demo.tests.helpers import children_for_care_returns
from safeguard.demo.training_activity import TrainingActivity
from safeguard.reports.checks import report_check
from safeguard.reports.content import report_content
from safeguard.reports.models import ContributionStatus, Publication, Report
from safeguard.reports.render import report_html, report_pdf

# One worker builds the borough once for the module (about 45 seconds); each test then runs in
# its own savepoint inside the module's transaction, which is rolled back at the end.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("annual_report")]


@pytest.fixture(scope="module")
def content(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield _borough_report()
        transaction.set_rollback(True)


def _borough_report():
    """A tenth of the borough, with the training and the returns at full calibration (they are
    made first, so the generator leaves them be), then the report from the records."""
    generator = BoroughGenerator(scale=0.1, seed=7, progress=False)
    agencies = generator._agencies()
    users = generator._users(agencies)
    council = agencies[cal.COUNCIL]
    TrainingActivity(seed=7, scale=1, users=users, progress=False).run()
    children_for_care_returns(council)
    CareReturns(seed=7, scale=1, council=council, analyst=users["analyst"], progress=False).run()
    generator.run()
    NeedReturns(seed=7, scale=1, council=council, analyst=users["analyst"], progress=False).run()
    return report_content(Report.objects.get(year=cal.REPORT_YEAR))


def _section(content, key):
    return next(s for s in content["sections"] if s["key"] == key)


def test_the_performance_data_is_the_calibrated_pairs(content):
    before, now = (next(y for y in cal.CARE_YEARS if y.year == n) for n in (2016, 2017))
    (figures,) = _section(content, "performance")["blocks"]
    pairs = {i["ref"]: (i["previous_text"], i["current_text"]) for i in figures["items"]}
    assert pairs == {
        "CLA_31MAR": (str(before.looked_after_at_31_march), str(now.looked_after_at_31_march)),
        "CLA_HEALTH": (
            f"{before.health_assessment_percent}%",
            f"{now.health_assessment_percent}%",
        ),
        "CLA_3PLACE": (
            str(before.three_or_more_placements),
            str(now.three_or_more_placements),
        ),
        "PRIVATE_FOSTERING": (
            str(cal.NEED_PRIVATELY_FOSTERED[2016]),
            str(cal.NEED_PRIVATELY_FOSTERED[2017]),
        ),
    }


def test_the_training_table_has_every_courses_attendees_and_places_and_the_subtotals(content):
    year = next(y for y in cal.TRAINING_YEARS if y.year == cal.REPORT_YEAR)
    table = _section(content, "training")["blocks"][0]
    rows = {row[0]["text"]: [cell["value"] for cell in row[1:3]] for row in table["rows"]}
    for course in year.courses:
        assert rows[course.title] == [course.attendees, course.places]
    direct = [sum(c.attendees for c in year.courses), sum(c.places for c in year.courses)]
    assert rows["Direct delivery training subtotal"] == direct
    assert rows["E-learning subtotal"][0] == sum(year.elearning.values())
    assert rows["Grand total: training places accessed"][0] == direct[0] + sum(
        year.elearning.values()
    )


def test_the_budget_shows_the_calibrated_totals_and_overspend(content):
    year = next(y for y in cal.TRAINING_YEARS if y.year == cal.BUDGET_YEAR)
    income, outgoings, variance = _section(content, "budget")["blocks"]
    income_pounds = sum(p for _, p in cal.BUDGET_INCOME_POUNDS) + year.revenue_pounds
    outgoing_pounds = sum(p for _, p in cal.BUDGET_OUTGOINGS_POUNDS)
    assert income["rows"][-1][2]["value"] == income_pounds * 100
    assert outgoings["rows"][-1][2]["value"] == outgoing_pounds * 100
    assert f"£{outgoing_pounds - income_pounds:,} overspend" in variance["html"]


def test_it_passes_the_check_and_its_pdf_is_tagged(content, tmp_path):
    assert report_check(content, report_html(content)) == []
    path = tmp_path / "report.pdf"
    path.write_bytes(report_pdf(content))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Tagged:          yes" in info.stdout


def test_the_partners_contributions_are_approved_and_the_report_public(content):
    report = Report.objects.get(year=cal.REPORT_YEAR)
    approved = report.contributions.filter(status=ContributionStatus.APPROVED).count()
    assert approved == len(_section(content, "achievements")["blocks"]) > 0
    assert Publication.objects.get(report=report).is_public
