"""Reads of agencies and accounts, for the system administrator."""

from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.core.errors import NotFound
from safeguard.core.policy import Permission, require_permission
from safeguard.core.prepared import PreparedRead
from safeguard.partners.models import AccountChange, AccountChangeStatus, Agency, ApiKey, User
from safeguard.partners.services.throttle import account_key, throttle_wait


def agency_list(*, actor: Actor) -> QuerySet[Agency]:
    require_permission(actor, Permission.ACCOUNTS_MANAGE)
    return Agency.objects.annotate(user_count=Count("users")).order_by("name")


def agency_get(*, actor: Actor, agency_id: UUID) -> Agency:
    require_permission(actor, Permission.ACCOUNTS_MANAGE)
    return get_object_or_404(Agency, pk=agency_id)


def agency_api_keys(*, actor: Actor, agency: Agency) -> QuerySet[ApiKey]:
    require_permission(actor, Permission.ACCOUNTS_MANAGE)
    return agency.api_keys.all()


def user_list(*, actor: Actor, query: str = "") -> QuerySet[User]:
    require_permission(actor, Permission.ACCOUNTS_MANAGE)
    users = User.objects.select_related("agency", "team").prefetch_related("role_grants")
    if query:
        users = users.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    return users.order_by("full_name")


def user_get(*, actor: Actor, user_id: UUID) -> User:
    require_permission(actor, Permission.ACCOUNTS_MANAGE)
    return get_object_or_404(User.objects.select_related("agency", "team"), pk=user_id)


def account_changes_waiting(*, actor: Actor) -> list[AccountChange]:
    require_permission(actor, Permission.ACCOUNTS_APPROVE)
    return list(
        AccountChange.objects.filter(status=AccountChangeStatus.PENDING)
        .select_related("user", "user__agency", "requested_by", "agency", "team")
        .order_by("created_at")
    )


def account_change_get(*, actor: Actor, change_id: UUID) -> AccountChange:
    require_permission(actor, Permission.ACCOUNTS_APPROVE)
    change = (
        AccountChange.objects.select_related(
            "user", "user__agency", "requested_by", "decided_by", "agency", "team"
        )
        .filter(pk=change_id)
        .first()
    )
    if change is None:
        raise NotFound
    return change


def account_change_waiting_for(*, user: User) -> AccountChange | None:
    return (
        AccountChange.objects.filter(user=user, status=AccountChangeStatus.PENDING)
        .select_related("agency", "team")
        .first()
    )


def user_sign_in_delayed(*, actor: Actor, user: User) -> bool:
    """Whether failed attempts are slowing sign-ins to this account now."""
    require_permission(actor, Permission.ACCOUNTS_MANAGE)
    return throttle_wait(account_key(user.email), timezone.now()) is not None


_ACTIVE_AGENCIES = PreparedRead(
    lambda: Agency.objects.filter(is_active=True).order_by("name").values_list("pk", "name")
)


def agency_choices() -> list[tuple[str, str]]:
    """Every active agency as (id, name) for a select, by name. Names only: not personal data."""
    return [(str(pk), name) for pk, name in _ACTIVE_AGENCIES.rows()]


def partner_agencies() -> list[Agency]:
    """The partnership's member agencies, by name."""
    return list(Agency.objects.filter(is_partner=True).order_by("name"))


def user_pending_sign_in(*, user_id: str) -> User | None:
    """The active user a half-finished sign-in names, with their agency."""
    return User.objects.select_related("agency").filter(pk=user_id, is_active=True).first()
