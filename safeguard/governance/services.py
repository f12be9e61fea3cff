"""Writes of the partnership's budget."""

from django.db import IntegrityError, transaction

from safeguard.core.actors import Actor
from safeguard.core.audit import audit_record
from safeguard.core.errors import DomainError
from safeguard.core.policy import Permission, require_permission
from safeguard.governance.computed import COMPUTED
from safeguard.governance.models import BudgetLine, Direction


def budget_line_add(
    *,
    actor: Actor,
    financial_year: int,
    direction: str,
    label: str,
    amount_pence: int | None = None,
    computed_from: str = "",
    source: str = "",
) -> BudgetLine:
    """A line of the year's budget: an amount with its source, or a registered computation."""
    require_permission(actor, Permission.BUDGET_MANAGE)
    if direction not in Direction.values:
        raise DomainError("Choose income or outgoings", field="direction")
    if (amount_pence is None) == (not computed_from):
        raise DomainError("Give either an amount or a computed source", field="amount")
    if computed_from and computed_from not in COMPUTED:
        raise DomainError("That is not a computation Safeguard knows", field="computed_from")
    if amount_pence is not None and not source.strip():
        raise DomainError("Say where the amount comes from", field="source")
    if actor.user is None:
        raise DomainError("The budget is kept by a signed-in partnership officer")
    try:
        with transaction.atomic():
            line = BudgetLine.objects.create(
                financial_year=financial_year,
                direction=direction,
                label=label.strip(),
                amount_pence=amount_pence,
                computed_from=computed_from,
                source=source.strip() or COMPUTED[computed_from].source,
                position=BudgetLine.objects.filter(
                    financial_year=financial_year, direction=direction
                ).count(),
                recorded_by=actor.user,
            )
            audit_record(actor=actor, action="budget_line_add", obj=line)
    except IntegrityError:
        raise DomainError("The year's budget already has that line", field="label") from None
    return line
