"""Emails to the staff of an agency who can act on something, sent once the change commits."""

from functools import partial

from django.db import transaction

from safeguard.core.policy import Permission, roles_with
from safeguard.core.tasks import send_email
from safeguard.partners.models import Agency, User


def agency_email(*, agency: Agency, permission: Permission, subject: str, body: str) -> int:
    """To each active user of the agency whose role grants `permission`; returns how many."""
    emails = list(
        User.objects.filter(
            agency=agency, is_active=True, role_grants__role__in=roles_with(permission)
        )
        .values_list("email", flat=True)
        .distinct()
    )
    for email in emails:
        transaction.on_commit(partial(send_email.enqueue, to=email, subject=subject, body=body))
    return len(emails)
