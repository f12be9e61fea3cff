import datetime as dt

import pytest

from safeguard.core.errors import DomainError
from safeguard.core.policy import PermissionDenied
from safeguard.governance.models import Direction
from safeguard.governance.selectors import budget_get
from safeguard.governance.services import budget_line_add
from safeguard.partners.roles import Role
from safeguard.training.tests.factories import BookingFactory, InvoiceFactory, SessionFactory


@pytest.fixture
def officer(make_user, actor_for):
    return actor_for(make_user(Role.PARTNERSHIP_OFFICER))


def _add(officer, direction, label, pounds=None, **kwargs):
    return budget_line_add(
        actor=officer,
        financial_year=2017,
        direction=direction,
        label=label,
        amount_pence=None if pounds is None else pounds * 100,
        source="Finance summary" if pounds is not None else "",
        **kwargs,
    )


def test_totals_and_the_variance_are_computed_from_the_lines(officer):
    _add(officer, Direction.INCOME, "Council", 1_000)
    _add(officer, Direction.INCOME, "NHS", 500)
    _add(officer, Direction.OUTGOING, "Staffing", 1_600)
    budget = budget_get(actor=officer, financial_year=2017)
    assert (budget.income_pence, budget.outgoings_pence) == (150_000, 160_000)
    assert budget.variance_pence == -10_000  # an overspend
    assert [line.source for line in budget.income] == ["Finance summary", "Finance summary"]


def test_a_computed_line_is_the_training_invoices_of_the_year(officer):
    held = SessionFactory(starts_at=dt.datetime(2017, 10, 2, 9, 30, tzinfo=dt.UTC))
    InvoiceFactory(booking=BookingFactory(session=held), amount_pence=12_500)
    InvoiceFactory(booking=BookingFactory(session=held), amount_pence=7_500)
    later = SessionFactory(starts_at=dt.datetime(2018, 4, 3, 9, 30, tzinfo=dt.UTC))
    InvoiceFactory(booking=BookingFactory(session=later), amount_pence=99_900)
    _add(officer, Direction.INCOME, "Revenue from training", computed_from="training_income")
    (line,) = budget_get(actor=officer, financial_year=2017).income
    assert line.pence == 20_000 and line.computed
    assert line.source.startswith("Computed by Safeguard")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pounds": None}, "Give either an amount or a computed source"),
        ({"pounds": 5, "computed_from": "training_income"}, "Give either an amount"),
        ({"computed_from": "guesswork"}, "That is not a computation Safeguard knows"),
    ],
)
def test_a_line_needs_an_amount_or_a_known_computation(officer, kwargs, message):
    with pytest.raises(DomainError, match=message):
        _add(officer, Direction.INCOME, "Council", **kwargs)


def test_the_same_line_twice_is_refused(officer):
    _add(officer, Direction.INCOME, "Council", 1_000)
    with pytest.raises(DomainError, match="already has that line"):
        _add(officer, Direction.INCOME, "Council", 2_000)


def test_only_the_partnership_officer_keeps_the_budget_and_insight_roles_read_it(
    officer, make_user, actor_for
):
    board = actor_for(make_user(Role.BOARD_MEMBER))
    with pytest.raises(PermissionDenied):
        _add(board, Direction.INCOME, "Council", 1)
    assert budget_get(actor=board, financial_year=2017).income == []
    with pytest.raises(PermissionDenied):
        budget_get(actor=actor_for(make_user(Role.MASH_PRACTITIONER)), financial_year=2017)


def test_the_budget_page_shows_lines_sources_totals_and_variance(officer, make_user, sign_in):
    _add(officer, Direction.INCOME, "Council", 1_000)
    _add(officer, Direction.OUTGOING, "Staffing", 1_250)
    page = sign_in(make_user(Role.BOARD_MEMBER)).get("/governance/budget/2017/")
    text = page.content.decode()
    assert "Budget 2017-18" in text and "Finance summary" in text
    assert "£1,000" in text and "£1,250" in text
    assert "Variance: £250 overspend" in text


def test_the_officer_adds_a_line_and_sees_errors_first(make_user, sign_in):
    client = sign_in(make_user(Role.PARTNERSHIP_OFFICER))
    page = client.post("/governance/budget/2017/lines/new/", {"direction": "income"})
    text = page.content.decode()
    assert "There is a problem" in text and "Enter the contributor or category" in text
    page = client.post(
        "/governance/budget/2017/lines/new/",
        {"direction": "income", "label": "NHS", "amount": "12.345", "source": "Summary"},
    )
    assert "Enter an amount in pounds, like 35 or 35.50" in page.content.decode()
    page = client.post(
        "/governance/budget/2017/lines/new/", {"direction": "income", "label": "NHS"}
    )
    assert "Give either an amount or a computed source" in page.content.decode()
    page = client.post(
        "/governance/budget/2017/lines/new/",
        {"direction": "income", "label": "NHS", "amount": "£61,200", "source": "Summary"},
    )
    assert page.status_code == 302
    assert "£61,200" in client.get("/governance/budget/2017/").content.decode()
