"""The demo partnership's budget for the report's year, entered as its officer would."""

from safeguard.core.actors import Actor
from safeguard.demo import calibration as cal
from safeguard.governance.models import Direction
from safeguard.governance.services import budget_line_add
from safeguard.partners.models import User


def budget_write(*, officer: User) -> None:
    actor = Actor.for_user(officer)
    year = cal.BUDGET_YEAR
    for label, pounds in cal.BUDGET_INCOME_POUNDS:
        budget_line_add(
            actor=actor,
            financial_year=year,
            direction=Direction.INCOME,
            label=label,
            amount_pence=pounds * 100,
            source=cal.BUDGET_SOURCE,
        )
    budget_line_add(
        actor=actor,
        financial_year=year,
        direction=Direction.INCOME,
        label=cal.BUDGET_TRAINING_INCOME,
        computed_from="training_income",
    )
    for label, pounds in cal.BUDGET_OUTGOINGS_POUNDS:
        budget_line_add(
            actor=actor,
            financial_year=year,
            direction=Direction.OUTGOING,
            label=label,
            amount_pence=pounds * 100,
            source=cal.BUDGET_SOURCE,
        )
