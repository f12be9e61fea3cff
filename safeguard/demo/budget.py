"""The demo partnership's budget for the report's year, entered as its officer would."""

from safeguard.core.actors import Actor
from safeguard.demo import calibration as cal
from safeguard.governance.models import Direction
from safeguard.governance.services import budget_line_add
from safeguard.partners.models import User


def budget_write(*, officer: User) -> None:
    actor = Actor.for_user(officer)
    entered = [(Direction.INCOME, label, pounds) for label, pounds in cal.BUDGET_INCOME_POUNDS]
    entered += [
        (Direction.OUTGOING, label, pounds) for label, pounds in cal.BUDGET_OUTGOINGS_POUNDS
    ]
    for direction, label, pounds in entered:
        budget_line_add(
            actor=actor,
            financial_year=cal.BUDGET_YEAR,
            direction=direction,
            label=label,
            amount_pence=pounds * 100,
            source=cal.BUDGET_SOURCE,
        )
    # The training revenue is Safeguard's own figure, from the training invoices.
    budget_line_add(
        actor=actor,
        financial_year=cal.BUDGET_YEAR,
        direction=Direction.INCOME,
        label=cal.BUDGET_TRAINING_INCOME,
        computed_from="training_income",
    )
