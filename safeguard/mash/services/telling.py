"""Telling people: an email and an item on their work list when something reaches them.

Emails name no child and repeat nothing from the record: a subject, a reference and a link to
sign in and see it (mailboxes are shared, forwarded and kept). Links come from the one site
setting (core.links). Work-list items say the same: what happened, the reference and where to
look. Emails are sent once the change commits; items are written in its transaction.
"""

from collections.abc import Iterable, Sequence
from uuid import UUID

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from safeguard.core.calendar import is_working_time
from safeguard.core.emails import email_to, permission_holders
from safeguard.core.links import site_url
from safeguard.core.policy import Permission
from safeguard.mash.models import (
    Escalation,
    InformationRequest,
    Notification,
    WorkItem,
    WorkKind,
)
from safeguard.partners.models import User

NAMES_NO_ONE = "This email names no child on purpose: sign in to see the details."


def _tell(
    users: Iterable[User],
    *,
    kind: WorkKind,
    reference: str,
    path: str,
    subject: str,
    lines: Sequence[str],
) -> int:
    """One email and one work-list item for each active user; returns how many were told."""
    told = {u.pk: u for u in users if u.is_active}
    body = "\n".join([*lines, "", site_url(path), "", NAMES_NO_ONE])
    for email in sorted({u.email for u in told.values()}):
        email_to(address=email, subject=subject, body=body)
    WorkItem.objects.bulk_create(
        WorkItem(user_id=pk, kind=kind, reference=reference, path=path) for pk in told
    )
    return len(told)


def _tell_agency(
    request: InformationRequest, reference: str, *, kind: WorkKind, subject: str, line: str
) -> int:
    """The asked agency's information officers, about one request to it."""
    return _tell(
        permission_holders(Permission.REQUEST_ANSWER, agency=request.agency),
        kind=kind,
        reference=reference,
        path=reverse("mash:request", args=[request.pk]),
        subject=subject,
        lines=[line],
    )


def tell_agency_of_request(request: InformationRequest, reference: str) -> int:
    """A new request, and when it is due."""
    return _tell_agency(
        request,
        reference,
        kind=WorkKind.REQUEST_RECEIVED,
        subject="The MASH has asked your agency for information",
        line="The MASH has asked your agency what it knows about a child.\n"
        f"Answer by: {request.due_at:%d %B %Y %H:%M}",
    )


def tell_agency_of_overdue_request(request: InformationRequest, reference: str) -> int:
    return _tell_agency(
        request,
        reference,
        kind=WorkKind.REQUEST_OVERDUE,
        subject="A MASH request for information is overdue",
        line="The MASH asked your agency for information and the answer is now overdue.",
    )


def tell_agency_of_closed_request(request: InformationRequest, reference: str) -> int:
    """A red decision could not wait for the agency's answer: it need not answer now."""
    return _tell_agency(
        request,
        reference,
        kind=WorkKind.REQUEST_CLOSED,
        subject="A MASH request for information was closed unanswered",
        line="The MASH had to decide before your agency's answer came, because the child was "
        "at immediate risk. The request is closed and needs no answer now.",
    )


def tell_mash_of_answer(request: InformationRequest, notification: Notification) -> int:
    """The worker the notification is assigned to; else the one who sent the request; only if
    neither is still active, everyone who triages (a whole MASH told of every answer would
    soon read none)."""
    worker = next(
        (u for u in (notification.assigned_to, request.sent_by) if u is not None and u.is_active),
        None,
    )
    users = [worker] if worker is not None else permission_holders(Permission.MASH_TRIAGE)
    return _tell(
        users,
        kind=WorkKind.ANSWER_RECEIVED,
        reference=notification.reference,
        path=reverse("mash:notification", args=[notification.pk]),
        subject=f"An answer has come in for {notification.reference}",
        lines=[
            f"{request.agency.name} has answered the MASH's request about {notification.reference}."
        ],
    )


def tell_referrer_of_decision(notification: Notification, *, corrected: bool = False) -> int:
    """The person who sent the notification, if they sent it themselves: the outcome is on
    their page, with what happens next. A correction reaches them the same way."""
    referrer = notification.submitted_by
    if referrer is None:
        return 0
    ref = notification.reference
    if corrected:
        kind, subject = WorkKind.DECISION_CORRECTED, "The MASH has corrected its decision"
        line = f"The MASH has corrected its decision on your notification {ref}."
    else:
        kind, subject = WorkKind.DECISION_MADE, "The MASH has decided"
        line = f"The MASH has decided what happens after your notification {ref}."
    return _tell(
        [referrer],
        kind=kind,
        reference=notification.reference,
        path=reverse("mash:feedback", args=[notification.pk]),
        subject=f"{subject}: {notification.reference}",
        lines=[line],
    )


def tell_viewers_of_move(*, viewer_ids: Iterable[UUID], person_id: UUID, reference: str) -> int:
    """Everyone who viewed the wrongly linked child's record while the notification was on it:
    what they saw there has gone, and their own record of it may need correcting."""
    return _tell(
        User.objects.filter(pk__in=list(viewer_ids)),
        kind=WorkKind.RECORD_MOVED,
        reference=reference,
        path=reverse("people:detail", args=[person_id]),
        subject=f"A notification you may have seen was moved: {reference}",
        lines=[
            f"Notification {reference} was linked to the wrong child, and appeared on a child's "
            "record or chronology you viewed. It has been moved to the right child. If you "
            "acted on it or noted it for that child, check and correct your own records.",
        ],
    )


def tell_duty_team_out_of_hours(notification: Notification, *, why: str) -> int:
    """Red (or a referrer's "immediate danger") is about risk now, and the MASH is closed: the
    emergency duty team's MASH staff are told (ADR 15). In working hours, the MASH has it."""
    if is_working_time(timezone.now()):
        return 0
    return _tell(
        permission_holders(Permission.MASH_TRIAGE).filter(team__name=settings.MASH_EDT_TEAM),
        kind=WorkKind.OUT_OF_HOURS,
        reference=notification.reference,
        path=reverse("mash:notification", args=[notification.pk]),
        subject=f"Out of hours: {why}: {notification.reference}",
        lines=[f"{why}, outside the MASH's working hours: {notification.reference}."],
    )


def tell_manager_of_escalation(escalation: Escalation, notification: Notification) -> int:
    return _tell(
        [escalation.manager],
        kind=WorkKind.ESCALATION_RAISED,
        reference=notification.reference,
        path=reverse("mash:notification", args=[notification.pk]),
        subject=f"A referrer disagrees with the decision on {notification.reference}",
        lines=[
            f"The referrer has escalated the decision on {notification.reference}, and you "
            "are named to answer.",
            f"Answer by: {escalation.due_at:%d %B %Y %H:%M}",
        ],
    )


def tell_referrer_of_answer(escalation: Escalation) -> int:
    reference = escalation.notification.reference
    return _tell(
        [escalation.raised_by],
        kind=WorkKind.ESCALATION_ANSWERED,
        reference=reference,
        path=reverse("mash:feedback", args=[escalation.notification_id]),
        subject=f"The MASH has answered your escalation: {reference}",
        lines=[f"The MASH has answered your escalation of the decision on {reference}."],
    )
