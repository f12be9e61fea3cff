"""The flat rows MASH selectors return: plain values read with `values()`, never models.

Pages are built from these by the presenters. Reading values skips building model instances
and prefetch caches, which is where a page's time went (issue 18), and a row cannot run a
query from a template.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, TypeVar
from uuid import UUID

R = TypeVar("R")


def row(cls: type[R], values: Sequence[Any], **rest: Any) -> R:
    """A row from one `values_list` tuple: its values fill the dataclass's fields that have no
    default, in order; `rest` gives the others. A tuple of the wrong length is an error here,
    not a shifted column on a page."""
    names = [
        f.name
        for f in fields(cls)  # type: ignore[arg-type]
        if f.name not in rest and f.default is MISSING and f.default_factory is MISSING
    ]
    return cls(**dict(zip(names, values, strict=True)), **rest)


@dataclass(frozen=True)
class ChildRow:
    """A child as the referrer named them, and the person the MASH linked them to."""

    id: int
    notification_id: UUID
    given_name: str
    family_name: str
    date_of_birth: dt.date | None
    sex: str = ""
    nhs_number: str = ""
    address: str = ""
    postcode: str = ""
    school: str = ""
    person_id: UUID | None = None
    link_confirmed_at: dt.datetime | None = None
    date_of_birth_precision: str = "exact"
    outcome: str = ""  # the child's own, where it differs from the decision's
    threshold_level: int | None = None


CHILD_FIELDS = (
    "id",
    "notification_id",
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "nhs_number",
    "address",
    "postcode",
    "school",
    "person_id",
    "link_confirmed_at",
    "date_of_birth_precision",
    "outcome",
    "threshold_level",
)


@dataclass(frozen=True)
class QueueRow:
    id: UUID
    reference: str
    received_at: dt.datetime
    urgent: bool
    rag: str
    status: str
    due_at: dt.datetime
    requests_overdue: bool
    agency: str
    assigned_to: str
    children: list[ChildRow]


@dataclass(frozen=True)
class EarlierRow:
    """An earlier notification about the same person, with its outcome if decided."""

    id: UUID
    reference: str
    received_at: dt.datetime
    agency: str
    outcome: str


@dataclass(frozen=True)
class AdultRow:
    given_name: str
    family_name: str
    relationship: str
    lives_with_child: bool
    address: str


@dataclass(frozen=True)
class AttachmentRow:
    id: UUID
    name: str


@dataclass(frozen=True)
class AnswerRow:
    known_to_service: str
    known_by_child: dict[str, str]
    current_involvement: bool
    text: str
    answered_by: str
    answered_at: dt.datetime
    attachments: list[AttachmentRow] = field(default_factory=list)


@dataclass(frozen=True)
class RequestRow:
    id: UUID
    notification_id: UUID
    reference: str
    notification_version: int
    agency_id: UUID
    agency: str
    question: str
    sent_at: dt.datetime
    sent_by: str
    due_at: dt.datetime
    status: str
    withdrawn_reason: str
    version: int
    answer: AnswerRow | None
    children: list[ChildRow]
    identities: dict[UUID, "IdentityRow"] = field(default_factory=dict)


@dataclass(frozen=True)
class DecisionRow:
    outcome: str
    onward_referrals: list[str]
    threshold_level: int
    rationale: str
    decided_at: dt.datetime
    decided_by: str
    next_steps: str
    allocated_team: str
    contact: str


@dataclass(frozen=True)
class CorrectionRow:
    """A decision as it stood before a correction, when it was corrected, by whom and why."""

    corrected_at: dt.datetime
    corrected_by: str
    outcome: str
    threshold_level: int
    reason: str


@dataclass(frozen=True)
class EscalationRow:
    """A referrer's disagreement with the decision, and the named manager's answer."""

    id: UUID
    raised_at: dt.datetime
    raised_by: str
    reason: str
    manager: str
    due_at: dt.datetime
    response: str
    responded_by: str | None
    responded_at: dt.datetime | None


@dataclass(frozen=True)
class NoteRow:
    """An addendum, or an event on the timeline: when, what and who."""

    at: dt.datetime
    text: str
    by: str
    stage: str = ""


@dataclass(frozen=True)
class NotificationRow:
    id: UUID
    reference: str
    version: int
    received_at: dt.datetime
    agency: str
    channel: str
    referrer_name: str
    referrer_role: str
    referrer_contact: str
    urgent: bool
    what_happened: str
    risk_now: str
    consent_sought: str
    consent_not_sought_reason: str
    lawful_basis: str
    sharing_decided_by: str
    status: str
    rag: str
    rag_rationale: str
    decision_due_at: dt.datetime
    rag_due_at: dt.datetime | None
    assigned_to_id: UUID | None
    consent_consideration: str
    information_needed: bool | None
    decided_at: dt.datetime | None
    has_files: bool
    has_corrections: bool
    has_escalations: bool

    @property
    def is_decided(self) -> bool:
        return self.decided_at is not None


NOTIFICATION_FIELDS = {
    "id": "id",
    "reference": "reference",
    "version": "version",
    "received_at": "received_at",
    "agency": "source_agency__name",
    "channel": "channel",
    "referrer_name": "referrer_name",
    "referrer_role": "referrer_role",
    "referrer_contact": "referrer_contact",
    "urgent": "urgent",
    "what_happened": "what_happened",
    "risk_now": "risk_now",
    "consent_sought": "consent_sought",
    "consent_not_sought_reason": "consent_not_sought_reason",
    "lawful_basis": "lawful_basis",
    "sharing_decided_by": "sharing_decided_by",
    "status": "status",
    "rag": "rag",
    "rag_rationale": "rag_rationale",
    "decision_due_at": "decision_due_at",
    "rag_due_at": "rag_due_at",
    "assigned_to_id": "assigned_to_id",
    "consent_consideration": "consent_consideration",
    "information_needed": "information_needed",
    "decided_at": "decided_at",
    # Annotated by the reader (Exists): whether there is anything to read, so a page reads
    # files, corrections and escalations only when there are some.
    "has_files": "has_files",
    "has_corrections": "has_corrections",
    "has_escalations": "has_escalations",
}


@dataclass(frozen=True)
class FileRow:
    """A document the referrer sent with the notification."""

    id: UUID
    original_name: str
    size: int


@dataclass(frozen=True)
class SubmittedRow:
    """A notification as its referrer sees it: status and outcome, never the MASH's work."""

    id: UUID
    reference: str
    received_at: dt.datetime
    status: str
    decided_at: dt.datetime | None
    outcome: str
    urgent: bool
    next_steps: str
    allocated_team: str
    contact: str
    what_happened: str
    risk_now: str
    children: list[ChildRow]
    # What they sent besides the children: read for their copy of one notification only.
    concerns: list[str] = field(default_factory=list)
    adults: list["AdultRow"] = field(default_factory=list)
    corrections: list[CorrectionRow] = field(default_factory=list)
    escalations: list[EscalationRow] = field(default_factory=list)
    files: list["FileRow"] = field(default_factory=list)


@dataclass(frozen=True)
class CandidateRow:
    """A person the matching engine found for a child, as the MASH is shown them."""

    child_id: int
    person_id: UUID
    probability: float
    contributions: list[list[object]]
    swapped_names: bool
    given_name: str | None
    family_name: str | None
    date_of_birth: dt.date | None
    sex: str
    postcode: str | None


@dataclass(frozen=True)
class IdentityRow:
    """A child as the people index holds them, once the MASH has confirmed the link."""

    person_id: UUID
    given_name: str | None
    family_name: str | None
    date_of_birth: dt.date | None
    nhs_number: str | None
    address: str | None
    postcode: str | None
