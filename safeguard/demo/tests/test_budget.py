"""The demo's budget gives the report's appendix 14.2 totals, training revenue computed."""

import pytest

from safeguard.core.actors import Actor
from safeguard.demo import calibration as cal
from safeguard.demo.generator import BoroughGenerator
from safeguard.governance.selectors import budget_get
from safeguard.partners.models import User

pytestmark = pytest.mark.django_db


def test_the_budget_totals_and_variance_come_back_from_the_lines_and_the_training(db):
    BoroughGenerator(scale=0.01, seed=7, progress=False).run()
    officer = Actor.for_user(User.objects.get(email__startswith="partnership.officer@"))
    budget = budget_get(actor=officer, financial_year=cal.BUDGET_YEAR)
    (year,) = [y for y in cal.TRAINING_YEARS if y.year == cal.BUDGET_YEAR]
    training = next(line for line in budget.income if line.computed)
    assert training.pence == year.revenue_pounds * 100  # from the training records
    income = sum(p for _, p in cal.BUDGET_INCOME_POUNDS) + year.revenue_pounds
    outgoings = sum(p for _, p in cal.BUDGET_OUTGOINGS_POUNDS)
    assert (budget.income_pence, budget.outgoings_pence) == (income * 100, outgoings * 100)
    assert budget.variance_pence == (income - outgoings) * 100
