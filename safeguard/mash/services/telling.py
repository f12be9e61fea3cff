"""Telling people: an email when something reaches them, sent once the change commits.

Emails name no child and repeat nothing from the record: a subject, a reference and a link to
sign in and see it (mailboxes are shared, forwarded and kept). Links come from the one site
setting (core.links).
"""

from safeguard.core.emails import agency_email, email_to, permission_email
from safeguard.core.links import site_link
from safeguard.core.policy import Permission
from safeguard.mash.models import InformationRequest, Notification

NAMES_NO_ONE = "This email names no child on purpose: sign in to see the details."


def tell_agency_of_request(request: InformationRequest) -> int:
    """The asked agency's information officers: a new request and when it is due."""
    body = "\n".join(
        [
            "The MASH has asked your agency what it knows about a child.",
            f"Answer by: {request.due_at:%d %B %Y %H:%M}",
            "",
            site_link("mash:request", args=[request.pk]),
            "",
            NAMES_NO_ONE,
        ]
    )
    return agency_email(
        agency=request.agency,
        permission=Permission.REQUEST_ANSWER,
        subject="The MASH has asked your agency for information",
        body=body,
    )


def tell_mash_of_answer(request: InformationRequest, notification: Notification) -> int:
    """The worker the notification is assigned to, or else everyone who triages."""
    body = "\n".join(
        [
            f"{request.agency.name} has answered the MASH's request about "
            f"{notification.reference}.",
            "",
            site_link("mash:notification", args=[notification.pk]),
            "",
            NAMES_NO_ONE,
        ]
    )
    subject = f"An answer has come in for {notification.reference}"
    worker = notification.assigned_to
    if worker is not None and worker.is_active:
        email_to(address=worker.email, subject=subject, body=body)
        return 1
    return permission_email(permission=Permission.MASH_TRIAGE, subject=subject, body=body)


def tell_referrer_of_decision(notification: Notification) -> int:
    """The person who sent the notification, if they sent it themselves: the outcome is on
    their page, with what happens next."""
    referrer = notification.submitted_by
    if referrer is None or not referrer.is_active:
        return 0
    body = "\n".join(
        [
            f"The MASH has decided what happens after your notification {notification.reference}.",
            "",
            site_link("mash:feedback", args=[notification.pk]),
            "",
            NAMES_NO_ONE,
        ]
    )
    email_to(
        address=referrer.email,
        subject=f"The MASH has decided: {notification.reference}",
        body=body,
    )
    return 1
