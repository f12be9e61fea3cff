"""Receiving a notification: from a partner's form, a partner's system, or the MASH's phone."""

import datetime as dt
from dataclasses import dataclass, field
from uuid import UUID

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from safeguard.core.access_log import Action, access_log_record
from safeguard.core.actors import Actor
from safeguard.core.errors import DomainError
from safeguard.core.policy import MASH_ROLES, Permission, person_scope, require_permission
from safeguard.mash.clocks import decision_due
from safeguard.mash.models import (
    Concern,
    Notification,
    NotificationAdult,
    NotificationAttachment,
    NotificationChild,
    NotificationConcern,
    NotificationEvent,
)
from safeguard.mash.models.choices import Channel, ConsentSought, LawfulBasis, Stage
from safeguard.mash.services.attachments import attachment_check, attachment_store
from safeguard.mash.services.candidates import child_candidates_find
from safeguard.mash.services.references import next_reference
from safeguard.mash.services.telling import tell_duty_team_out_of_hours
from safeguard.partners.models import Agency
from safeguard.people.identifiers import clean_nhs_number, clean_postcode
from safeguard.people.models import DatePrecision, Person


@dataclass
class ChildDetails:
    given_name: str = ""
    family_name: str = ""
    date_of_birth: dt.date | None = None
    date_of_birth_precision: str = "exact"
    sex: str = ""
    nhs_number: str = ""
    address: str = ""
    postcode: str = ""
    school: str = ""
    person_id: UUID | None = None


@dataclass(frozen=True)
class SentFile:
    """A file the referrer attached, already checked and stored under PENDING_FILES."""

    stored: str
    original_name: str
    content_type: str
    size: int


PENDING_FILES = "mash/notifications/"
FILES_MAX = 10


@dataclass
class AdultDetails:
    relationship: str
    given_name: str = ""
    family_name: str = ""
    date_of_birth: dt.date | None = None
    date_of_birth_precision: str = "exact"
    address: str = ""
    lives_with_child: bool = False


@dataclass
class NotificationDraft:
    children: list[ChildDetails]
    concerns: list[str]
    what_happened: str
    risk_now: str
    consent_sought: str
    lawful_basis: str
    sharing_decided_by: str
    consent_not_sought_reason: str = ""
    urgent: bool = False
    adults: list[AdultDetails] = field(default_factory=list)
    files: list[SentFile] = field(default_factory=list)
    channel: str = Channel.WEB
    source_agency_id: UUID | None = None
    referrer_name: str = ""
    referrer_role: str = ""
    referrer_contact: str = ""


def _check_child(actor: Actor, child: ChildDetails) -> None:
    if not any([child.given_name, child.family_name, child.date_of_birth, child.nhs_number]):
        raise DomainError(
            "Give at least a name, a date of birth or an NHS number for each child",
            field="children",
        )
    try:
        if child.nhs_number:
            child.nhs_number = clean_nhs_number(child.nhs_number)
        if child.postcode:
            child.postcode = clean_postcode(child.postcode)
    except ValueError as error:
        raise DomainError(str(error), field="children") from None
    _check_born(child.date_of_birth, child.date_of_birth_precision, unborn_allowed=True)
    if (
        child.person_id
        and not Person.objects.filter(person_scope(actor), pk=child.person_id).exists()
    ):
        raise DomainError("Choose a child from your search results", field="children")


def sent_files_store(uploads: list[UploadedFile], already: int) -> list[SentFile]:
    """Check every file first, then store them all: one bad file stores none."""
    if already + len(uploads) > FILES_MAX:
        raise DomainError(f"Attach at most {FILES_MAX} files", field="attachments")
    checked = [(upload, attachment_check(upload)) for upload in uploads]
    return [
        SentFile(
            stored=attachment_store(upload, folder=PENDING_FILES),
            original_name=upload.name or "attachment",
            content_type=content_type,
            size=upload.size or 0,
        )
        for upload, content_type in checked
    ]


def unsent_files_remove(*, older_than: dt.timedelta) -> int:
    """Documents attached to drafts that were never sent: removed once older than a draft can
    live (a session's length, and more). Returns how many. A scheduler runs this."""
    _folders, names = default_storage.listdir(PENDING_FILES)
    sent = set(
        NotificationAttachment.objects.filter(file__startswith=PENDING_FILES).values_list(
            "file", flat=True
        )
    )
    cutoff = timezone.now() - older_than
    removed = 0
    for name in names:
        stored = f"{PENDING_FILES}{name}"
        if stored not in sent and default_storage.get_modified_time(stored) < cutoff:
            default_storage.delete(stored)
            removed += 1
    return removed


def _check_born(born: dt.date | None, precision: str, *, unborn_allowed: bool) -> None:
    """How exact a date of birth is, and an unborn child's due date. (The question pages
    check that a date of birth is past and a due date near; the partner API sends exact
    dates only.)"""
    if precision not in DatePrecision.values or (
        precision == DatePrecision.EXPECTED and not unborn_allowed
    ):
        raise DomainError("Say how exact the date of birth is", field="children")
    if born is None and precision == DatePrecision.EXPECTED:
        raise DomainError("Give an unborn baby's due date", field="children")


def _checked_files(files: list[SentFile]) -> list[SentFile]:
    """Files the question pages stored (under our folder, by our names): never a path from
    anywhere else, and never more than the limit."""
    if len(files) > FILES_MAX:
        raise DomainError(f"Attach at most {FILES_MAX} files", field="attachments")
    for f in files:
        name = f.stored.removeprefix(PENDING_FILES)
        if not name or "/" in name or ".." in name or name == f.stored:
            raise DomainError("Attach the files again", field="attachments")
        if not default_storage.exists(f.stored):
            raise DomainError(f"{f.original_name} was lost: attach it again", field="attachments")
    return files


def _check_sharing(draft: NotificationDraft) -> None:
    if draft.consent_sought not in ConsentSought.values:
        raise DomainError("Say whether consent was sought", field="consent_sought")
    not_sought = draft.consent_sought == ConsentSought.NOT_SOUGHT
    if not_sought and not draft.consent_not_sought_reason:
        raise DomainError("Say why consent was not sought", field="consent_not_sought_reason")
    if not not_sought:
        draft.consent_not_sought_reason = ""
    if draft.lawful_basis not in LawfulBasis.values:
        raise DomainError("Choose the lawful basis for sharing", field="lawful_basis")
    if draft.lawful_basis == LawfulBasis.CONSENT and draft.consent_sought != ConsentSought.GIVEN:
        raise DomainError(
            "Consent can be the lawful basis only if it was given. Choose another basis.",
            field="lawful_basis",
        )
    if not draft.sharing_decided_by.strip():
        raise DomainError("Say who decided to share", field="sharing_decided_by")


def _check(actor: Actor, draft: NotificationDraft) -> list[Concern]:
    if not draft.children:
        raise DomainError("Add at least one child", field="children")
    for child in draft.children:
        _check_child(actor, child)
    for adult in draft.adults:
        _check_born(adult.date_of_birth, adult.date_of_birth_precision, unborn_allowed=False)
    concerns = list(Concern.objects.filter(code__in=draft.concerns, is_active=True))
    if not draft.concerns or len(concerns) != len(set(draft.concerns)):
        raise DomainError("Choose at least one concern from the list", field="concerns")
    if not draft.what_happened.strip():
        raise DomainError("Say what happened", field="what_happened")
    if not draft.risk_now.strip():
        raise DomainError("Say what the risk to the child is now", field="risk_now")
    _check_sharing(draft)
    return concerns


def _source(actor: Actor, draft: NotificationDraft) -> tuple[Agency, str]:
    """Who the notification comes from, and by which channel."""
    if actor.is_api:
        assert actor.agency is not None
        return actor.agency, Channel.API
    if draft.channel in (Channel.PHONE, Channel.EMAIL) and actor.roles & MASH_ROLES:
        agency = (
            Agency.objects.filter(pk=draft.source_agency_id).first()
            if draft.source_agency_id
            else None
        )
        if agency is None:
            raise DomainError("Choose the agency the referrer works for", field="source_agency")
        if not draft.referrer_name.strip() or not draft.referrer_contact.strip():
            raise DomainError(
                "Give the referrer's name and how to contact them", field="referrer_name"
            )
        return agency, draft.channel
    assert actor.agency is not None
    return actor.agency, Channel.WEB


def _referrer(actor: Actor, draft: NotificationDraft, channel: str) -> dict[str, str]:
    if channel in (Channel.PHONE, Channel.EMAIL) or actor.user is None:
        return {
            "referrer_name": draft.referrer_name,
            "referrer_role": draft.referrer_role,
            "referrer_contact": draft.referrer_contact,
        }
    return {
        "referrer_name": actor.user.full_name,
        "referrer_role": ", ".join(sorted(r.label for r in actor.roles)),
        "referrer_contact": actor.user.email,
    }


@transaction.atomic
def notification_submit(*, actor: Actor, draft: NotificationDraft) -> Notification:
    """Check everything, then record the notification, its children, adults and concerns."""
    require_permission(actor, Permission.NOTIFICATION_SUBMIT)
    concerns = _check(actor, draft)
    agency, channel = _source(actor, draft)
    now = timezone.now()
    on_behalf = channel in (Channel.PHONE, Channel.EMAIL)
    notification = Notification.objects.create(
        reference=next_reference(timezone.localdate().year),
        source_agency=agency,
        submitted_by=None if on_behalf else actor.user,
        recorded_by=actor.user if on_behalf else None,
        channel=channel,
        received_at=now,
        urgent=draft.urgent,
        what_happened=draft.what_happened.strip(),
        risk_now=draft.risk_now.strip(),
        consent_sought=draft.consent_sought,
        consent_not_sought_reason=draft.consent_not_sought_reason,
        lawful_basis=draft.lawful_basis,
        sharing_decided_by=draft.sharing_decided_by.strip(),
        decision_due_at=decision_due(now),
        **_referrer(actor, draft, channel),
    )
    children = NotificationChild.objects.bulk_create(
        NotificationChild(notification=notification, **vars(child)) for child in draft.children
    )
    child_candidates_find(children=children)
    NotificationAdult.objects.bulk_create(
        NotificationAdult(notification=notification, **vars(adult)) for adult in draft.adults
    )
    NotificationConcern.objects.bulk_create(
        NotificationConcern(notification=notification, concern=c) for c in concerns
    )
    NotificationAttachment.objects.bulk_create(
        NotificationAttachment(
            notification=notification,
            file=f.stored,
            original_name=f.original_name,
            content_type=f.content_type,
            size=f.size,
        )
        for f in _checked_files(draft.files)
    )
    NotificationEvent.objects.create(
        notification=notification,
        stage=Stage.RECEIVED,
        at=now,
        actor_label=actor.label,
        detail=Channel(channel).label,
    )
    access_log_record(
        actor=actor,
        action=Action.CREATE,
        object_type="mash.notification",
        object_id=notification.pk,
        subjects=[c.person_id for c in draft.children if c.person_id],
        why="Submitted a safeguarding notification",
    )
    if notification.urgent:
        tell_duty_team_out_of_hours(notification, why="A child was said to be in danger now")
    return notification
