"""How accounts and agencies read on the page."""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from safeguard.core.presenters import format_datetime, summary_row, tag
from safeguard.partners.models import Agency, ApiKey, User
from safeguard.partners.roles import Role


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def user_status_tag(user: User) -> dict[str, Any]:
    if not user.is_active:
        return tag("Deactivated", "grey")
    if user.locked_until and user.locked_until > timezone.now():
        return tag("Locked", "red")
    if not user.has_usable_password():
        return tag("Invited", "blue")
    if user.needs_mfa and not user.mfa_enrolled:
        return tag("No authenticator yet", "yellow")
    return tag("Active", "green")


def role_labels(user: User) -> str:
    grants = sorted(Role(g.role).label for g in user.role_grants.all())
    return ", ".join(grants) or "None"


def user_summary_rows(user: User) -> list[dict[str, Any]]:
    edit = reverse("partners:user-edit", args=[user.pk])
    return [
        summary_row("Full name", user.full_name, change_href=edit),
        summary_row("Email address", user.email),
        summary_row("Agency", user.agency.name, change_href=edit),
        summary_row("Team", user.team.name if user.team else "No team", change_href=edit),
        summary_row("Roles", role_labels(user), change_href=edit),
        summary_row("Authenticator", "Set up" if user.mfa_enrolled else "Not set up"),
        summary_row("Last signed in", format_datetime(user.last_login, empty="Never")),
    ]


def agency_summary_rows(agency: Agency) -> list[dict[str, Any]]:
    edit = reverse("partners:agency-edit", args=[agency.pk])
    return [
        summary_row("Name", agency.name, change_href=edit),
        summary_row("Kind", agency.get_kind_display(), change_href=edit),
        summary_row("Statutory partner", yes_no(agency.is_statutory_partner), change_href=edit),
        summary_row("Contributes funding", yes_no(agency.contributes_funding), change_href=edit),
        summary_row("Active", yes_no(agency.is_active), change_href=edit),
    ]


def api_key_rows(keys: list[ApiKey]) -> list[list[dict[str, Any]]]:
    now = timezone.now()
    rows = []
    for key in keys:
        status = "Usable" if key.is_usable(now) else "Revoked or expired"
        rows.append(
            [
                {"text": key.prefix},
                {"text": format_datetime(key.created_at)},
                {"text": format_datetime(key.last_used_at, empty="Never")},
                {"text": status},
            ]
        )
    return rows
