"""Two people for every grant of privilege (issue 16, finding 4).

Granting a role that reaches personal data, or moving a user to another agency, is asked for by
one person and applied when a second approves: another administrator or the IG officer. Nobody
approves their own request, nor a change to their own account.
"""

from collections.abc import Iterable
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.core.audit import audit_record
from safeguard.core.emails import permission_email
from safeguard.core.errors import DomainError, NotFound
from safeguard.core.links import site_link
from safeguard.core.policy import Permission, require_permission
from safeguard.partners.models import (
    AccountChange,
    AccountChangeStatus,
    Agency,
    Team,
    User,
    UserRole,
)
from safeguard.partners.roles import APPROVAL_ROLES, Role


def roles_needing_approval(current: Iterable[str], wanted: Iterable[str]) -> list[str]:
    """The wanted roles that are new and reach personal data: these wait for a second person."""
    return sorted((set(wanted) - set(current)) & {r.value for r in APPROVAL_ROLES})


def account_change_request(
    *,
    actor: Actor,
    user: User,
    roles_added: list[str],
    agency: Agency | None,
    team: Team | None,
) -> AccountChange | None:
    """Holds what needs a second person; replaces the user's earlier request still waiting.
    Call inside the transaction that applies the rest of the change."""
    if not roles_added and agency is None:
        return None
    requester = actor.person_acting()
    AccountChange.objects.filter(user=user, status=AccountChangeStatus.PENDING).update(
        status=AccountChangeStatus.SUPERSEDED, updated_at=timezone.now()
    )
    change = AccountChange.objects.create(
        user=user, requested_by=requester, roles_added=roles_added, agency=agency, team=team
    )
    audit_record(
        actor=actor,
        action="account_change_requested",
        obj=change,
        changes={
            "user": str(user.pk),
            "roles_added": roles_added,
            "agency": str(agency.pk) if agency else "",
        },
    )
    _tell_approvers(change)
    return change


def _tell_approvers(change: AccountChange) -> None:
    """Everyone who could approve it, but the requester and the user it is for."""
    link = site_link("partners:account-change", args=[change.pk])
    permission_email(
        permission=Permission.ACCOUNTS_APPROVE,
        subject="A Safeguard account change to approve",
        body=(
            "An administrator has asked for a change to a Safeguard account that needs a "
            "second person to approve it: a role that reaches personal data, or another "
            f"agency.\n\n{link}\n"
        ),
        leave_out=[change.user_id, change.requested_by_id],
    )


def _pending(change_id: UUID) -> AccountChange:
    change = AccountChange.objects.select_for_update().filter(pk=change_id).first()
    if change is None:
        raise NotFound
    if change.status != AccountChangeStatus.PENDING:
        raise DomainError("This change has already been decided")
    return change


def _check_second_person(actor: Actor, change: AccountChange) -> None:
    if actor.user_id == change.user_id:
        raise DomainError("You cannot approve a change to your own account")
    if actor.user_id == change.requested_by_id:
        raise DomainError(
            "A change must be approved by someone other than the person who asked for it"
        )


def _decide(actor: Actor, change: AccountChange, status: str, note: str) -> None:
    change.status = status
    change.decided_by = actor.person_acting()
    change.decided_at = timezone.now()
    change.note = note
    change.save(update_fields=["status", "decided_by", "decided_at", "note", "updated_at"])


@transaction.atomic
def account_change_approve(*, actor: Actor, change_id: UUID) -> AccountChange:
    require_permission(actor, Permission.ACCOUNTS_APPROVE)
    change = _pending(change_id)
    _check_second_person(actor, change)
    user = User.objects.select_for_update().get(pk=change.user_id)
    fields = ["version"]
    if change.agency_id is not None:
        user.agency_id, user.team_id = change.agency_id, change.team_id
        fields += ["agency", "team"]
    user.version += 1
    user.save(update_fields=fields)
    UserRole.objects.bulk_create(
        [UserRole(user=user, role=Role(r)) for r in change.roles_added], ignore_conflicts=True
    )
    _decide(actor, change, AccountChangeStatus.APPROVED, "")
    audit_record(
        actor=actor,
        action="account_change_approved",
        obj=change,
        changes={"user": str(user.pk), "requested_by": str(change.requested_by_id)},
    )
    return change


@transaction.atomic
def account_change_refuse(*, actor: Actor, change_id: UUID, note: str) -> AccountChange:
    require_permission(actor, Permission.ACCOUNTS_APPROVE)
    if not note.strip():
        raise DomainError("Say why the change is refused", field="note")
    change = _pending(change_id)
    _decide(actor, change, AccountChangeStatus.REFUSED, note.strip())
    audit_record(actor=actor, action="account_change_refused", obj=change, changes={"note": note})
    return change
