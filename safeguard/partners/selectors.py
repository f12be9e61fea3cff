"""Reads of agencies and accounts, for the system administrator."""

from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from safeguard.core.actors import Actor
from safeguard.core.policy import Permission, require_permission
from safeguard.partners.models import Agency, ApiKey, User


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
