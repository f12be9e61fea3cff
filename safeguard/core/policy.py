"""The access policy: the one place that decides who may see or change what.

Roles grant actions (permissions). A relationship grants access to a record:
- MASH staff reach every person in the index that is not restricted;
- a partner reaches the people its own agency recorded (later: what it submitted, and the
  information requests addressed to it);
- a social worker reaches the children allocated to them;
- the information governance officer reaches every record, to answer "who has looked at this
  child" and to merge duplicates;
- a MASH manager may break glass on any other record, with a typed reason that IG reviews.
Board members, analysts, partnership officers and the system administrator reach no personal
data. No relationship means 404, so that existence does not leak.
"""

from enum import StrEnum
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.partners.roles import Role


class Permission(StrEnum):
    PEOPLE_SEARCH = "people_search"
    PEOPLE_CREATE = "people_create"
    PEOPLE_CHANGE = "people_change"
    PEOPLE_MERGE = "people_merge"
    ACCESS_LOG_REVIEW = "access_log_review"
    BREAK_GLASS_OPEN = "break_glass_open"
    BREAK_GLASS_REVIEW = "break_glass_review"
    ACCOUNTS_MANAGE = "accounts_manage"
    ACCOUNTS_APPROVE = "accounts_approve"
    NOTIFICATION_SUBMIT = "notification_submit"
    MASH_TRIAGE = "mash_triage"
    MASH_DECIDE = "mash_decide"
    REQUEST_ANSWER = "request_answer"
    MASH_INSIGHT = "mash_insight"
    TRAINING_MANAGE = "training_manage"
    TRAINING_REPORTS = "training_reports"
    RETURNS_IMPORT = "returns_import"
    RETURNS_INSIGHT = "returns_insight"
    CHRONOLOGY_VIEW = "chronology_view"
    BUDGET_VIEW = "budget_view"
    BUDGET_MANAGE = "budget_manage"
    SCORECARD_VIEW = "scorecard_view"
    SCORECARD_MANAGE = "scorecard_manage"
    SCORECARD_SUBMIT = "scorecard_submit"
    REPORT_READ = "report_read"
    REPORT_MANAGE = "report_manage"
    REPORT_CONTRIBUTE = "report_contribute"


_CASEWORK = frozenset(
    {Permission.PEOPLE_SEARCH, Permission.PEOPLE_CREATE, Permission.PEOPLE_CHANGE}
)

# Aggregates only: the MASH's figures, training's, and the children's journey indicators.
_INSIGHT = frozenset(
    {
        Permission.MASH_INSIGHT,
        Permission.TRAINING_REPORTS,
        Permission.RETURNS_INSIGHT,
        Permission.BUDGET_VIEW,
        Permission.SCORECARD_VIEW,
        Permission.REPORT_READ,
    }
)

# An agency's own figures for the scorecard, and its contribution to the yearly report.
_AGENCY_RETURNS = frozenset({Permission.SCORECARD_SUBMIT, Permission.REPORT_CONTRIBUTE})

# A child's chronology: for the MASH, and for the worker the child is allocated to.
_MASH = _CASEWORK | {
    Permission.NOTIFICATION_SUBMIT,
    Permission.MASH_TRIAGE,
    Permission.CHRONOLOGY_VIEW,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.PARTNER_PRACTITIONER: _CASEWORK | {Permission.NOTIFICATION_SUBMIT},
    Role.PARTNER_INFORMATION_OFFICER: _CASEWORK
    | _AGENCY_RETURNS
    | {Permission.NOTIFICATION_SUBMIT, Permission.REQUEST_ANSWER},
    Role.MASH_PRACTITIONER: _MASH,
    Role.MASH_MANAGER: _MASH
    | {Permission.BREAK_GLASS_OPEN, Permission.MASH_DECIDE, Permission.MASH_INSIGHT},
    Role.SOCIAL_WORKER: _CASEWORK | {Permission.CHRONOLOGY_VIEW},
    Role.TRAINING_ADMINISTRATOR: frozenset(
        {Permission.TRAINING_MANAGE, Permission.TRAINING_REPORTS}
    ),
    Role.PARTNERSHIP_OFFICER: _INSIGHT
    | {Permission.BUDGET_MANAGE, Permission.SCORECARD_MANAGE, Permission.REPORT_MANAGE},
    Role.BOARD_MEMBER: _INSIGHT,
    # An analyst imports returns only in the council's agency (the service checks the agency).
    Role.ANALYST: _INSIGHT | _AGENCY_RETURNS | {Permission.RETURNS_IMPORT},
    Role.INFORMATION_GOVERNANCE_OFFICER: frozenset(
        {
            Permission.PEOPLE_SEARCH,
            Permission.PEOPLE_MERGE,
            Permission.ACCESS_LOG_REVIEW,
            Permission.BREAK_GLASS_REVIEW,
            Permission.ACCOUNTS_APPROVE,
        }
    ),
    # A second administrator, or IG, approves what one administrator asks for (issue 16).
    Role.SYSTEM_ADMINISTRATOR: frozenset({Permission.ACCOUNTS_MANAGE, Permission.ACCOUNTS_APPROVE}),
}

# A partner system's API key acts for its agency, like a partner practitioner.
API_PERMISSIONS = frozenset(
    {
        Permission.PEOPLE_SEARCH,
        Permission.PEOPLE_CREATE,
        Permission.NOTIFICATION_SUBMIT,
        Permission.REQUEST_ANSWER,
    }
)

MASH_ROLES = frozenset({Role.MASH_PRACTITIONER, Role.MASH_MANAGER})
PARTNER_ROLES = frozenset({Role.PARTNER_PRACTITIONER, Role.PARTNER_INFORMATION_OFFICER})

_NOTHING = Q(pk__in=[])


def roles_with(permission: Permission) -> list[Role]:
    """The roles granted an action: whom to tell when an agency has something to do."""
    return [role for role, granted in ROLE_PERMISSIONS.items() if permission in granted]


def permissions_of(actor: Actor) -> frozenset[Permission]:
    if actor.is_api:
        return API_PERMISSIONS
    granted: set[Permission] = set()
    for role in actor.roles:
        granted |= ROLE_PERMISSIONS[role]
    return frozenset(granted)


def actor_can(actor: Actor, permission: Permission) -> bool:
    return permission in permissions_of(actor)


def require_permission(actor: Actor, permission: Permission) -> None:
    """For pages that are not about one record: a role without the action gets 403."""
    if not actor_can(actor, permission):
        raise PermissionDenied


def mash_person_scope() -> Q:
    """The people the MASH may find a notified child among: all but restricted records."""
    return Q(is_restricted=False)


def person_scope(actor: Actor) -> Q:
    """The people this actor has a relationship with, as a filter on Person."""
    from safeguard.people.models import Allocation

    if actor.is_api:
        return Q(recorded_by_agency_id=actor.agency_id, is_restricted=False)
    if Role.INFORMATION_GOVERNANCE_OFFICER in actor.roles:
        return Q()
    scope = _NOTHING
    if actor.roles & MASH_ROLES:
        scope |= mash_person_scope()
    if actor.roles & PARTNER_ROLES:
        scope |= Q(recorded_by_agency_id=actor.agency_id, is_restricted=False)
    if Role.SOCIAL_WORKER in actor.roles:
        allocated = Allocation.objects.filter(worker_id=actor.user_id, ended_on__isnull=True)
        scope |= Q(pk__in=allocated.values("person_id"))
    return scope


def break_glass_grant_active(actor: Actor, *, object_type: str, object_id: UUID) -> bool:
    """Whether a break-glass grant lets this actor reach a record outside their relationships."""
    from safeguard.core.models import BreakGlassGrant

    if actor.user_id is None or not actor_can(actor, Permission.BREAK_GLASS_OPEN):
        return False
    return BreakGlassGrant.objects.filter(
        user_id=actor.user_id,
        object_type=object_type,
        object_id=object_id,
        expires_at__gt=timezone.now(),
    ).exists()


def person_change_scope(actor: Actor) -> Q:
    """People this actor may change: a relationship and a role that changes records."""
    if not actor_can(actor, Permission.PEOPLE_CHANGE):
        return _NOTHING
    return person_scope(actor)


def notification_scope(actor: Actor) -> Q:
    """Notifications the actor may see in full: the MASH (and IG) see all of them."""
    if not actor.is_api and actor.roles & (MASH_ROLES | {Role.INFORMATION_GOVERNANCE_OFFICER}):
        return Q()
    return _NOTHING


def submitted_scope(actor: Actor) -> Q:
    """Notifications the actor submitted, for the status and outcome (never the MASH's work)."""
    if actor.is_api:
        return Q(source_agency_id=actor.agency_id, channel="api")
    if actor.user_id is None:
        return _NOTHING
    return Q(submitted_by_id=actor.user_id)


def information_request_scope(actor: Actor) -> Q:
    """Requests the actor may see: the MASH's, or those addressed to the actor's agency."""
    if actor.is_api:
        return Q(agency_id=actor.agency_id)
    if actor.roles & (MASH_ROLES | {Role.INFORMATION_GOVERNANCE_OFFICER}):
        return Q()
    if Role.PARTNER_INFORMATION_OFFICER in actor.roles:
        return Q(agency_id=actor.agency_id)
    return _NOTHING
