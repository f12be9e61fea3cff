"""Emails to the staff who can act on something, sent once the change commits."""

from collections.abc import Iterable
from functools import partial
from uuid import UUID

from django.db import transaction
from django.db.models import QuerySet

from safeguard.core.policy import Permission, roles_with
from safeguard.core.tasks import send_email
from safeguard.partners.models import Agency, User


def email_to(*, address: str, subject: str, body: str) -> None:
    transaction.on_commit(partial(send_email.enqueue, to=address, subject=subject, body=body))


def _send_to(users: QuerySet[User], subject: str, body: str) -> int:
    emails = list(users.values_list("email", flat=True).distinct())
    for email in emails:
        email_to(address=email, subject=subject, body=body)
    return len(emails)


def permission_holders(permission: Permission, *, agency: Agency | None = None) -> QuerySet[User]:
    """The active users whose role grants `permission`, in one agency if it is named."""
    users = User.objects.filter(
        is_active=True, role_grants__role__in=roles_with(permission)
    ).distinct()
    return users.filter(agency=agency) if agency is not None else users


def agency_email(*, agency: Agency, permission: Permission, subject: str, body: str) -> int:
    """To each active user of the agency whose role grants `permission`; returns how many."""
    return _send_to(permission_holders(permission, agency=agency), subject, body)


def permission_email(
    *, permission: Permission, subject: str, body: str, leave_out: Iterable[UUID] = ()
) -> int:
    """To each active user, in any agency, whose role grants `permission`, but those left
    out; returns how many."""
    return _send_to(permission_holders(permission).exclude(pk__in=list(leave_out)), subject, body)
