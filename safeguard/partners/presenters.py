"""How accounts and agencies read on the page."""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from safeguard.core.presenters import format_datetime, summary_row, tag
from safeguard.partners.models import AccountChange, Agency, ApiKey, User
from safeguard.partners.roles import Role


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def user_status_tag(user: User, *, sign_in_delayed: bool = False) -> dict[str, Any]:
    if not user.is_active:
        return tag("Deactivated", "grey")
    if sign_in_delayed:
        return tag("Sign-in slowed down", "red")
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
        summary_row("Staff email domains", agency.email_domains or "None given", change_href=edit),
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


def account_change_text(change: AccountChange) -> str:
    """What the change would do, in a sentence: 'Add the role MASH manager; move to Police'."""
    parts = []
    if change.roles_added:
        labels = ", ".join(Role(r).label for r in change.roles_added)
        noun = "role" if len(change.roles_added) == 1 else "roles"
        parts.append(f"Add the {noun} {labels}")
    if change.agency is not None:
        team = f" ({change.team.name})" if change.team else ""
        parts.append(f"Move to {change.agency.name}{team}")
    return "; ".join(parts)


def account_change_rows(change: AccountChange) -> list[dict[str, Any]]:
    user = change.user
    return [
        summary_row("Account", f"{user.full_name}, {user.email}"),
        summary_row("Agency now", user.agency.name),
        summary_row("Roles now", role_labels(user)),
        summary_row("Change asked for", account_change_text(change)),
        summary_row("Asked for by", change.requested_by.full_name),
        summary_row("Asked for on", format_datetime(change.created_at)),
        summary_row("Status", change.get_status_display()),
    ]


def account_change_table(changes: list[AccountChange]) -> list[list[dict[str, Any]]]:
    return [
        [
            {
                "html": format_html(
                    '<a class="govuk-link" href="{}">{}</a>',
                    reverse("partners:account-change", args=[c.pk]),
                    c.user.full_name,
                )
            },
            {"text": account_change_text(c)},
            {"text": c.requested_by.full_name},
            {"text": format_datetime(c.created_at)},
        ]
        for c in changes
    ]
