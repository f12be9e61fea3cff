"""Every change to agencies, teams and user accounts."""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db import IntegrityError, transaction
from django.utils import timezone

from safeguard.core.actors import Actor
from safeguard.core.audit import audit_record
from safeguard.core.errors import DomainError, DuplicateError
from safeguard.core.hashing import sha256_hex
from safeguard.core.links import site_link
from safeguard.core.policy import Permission, require_permission
from safeguard.core.tasks import send_email
from safeguard.core.versioning import versioned_update
from safeguard.partners.models import AccountChange, Agency, Team, User, UserRole
from safeguard.partners.roles import MFA_ROLES, Role
from safeguard.partners.services.approvals import (
    account_change_request,
    roles_needing_approval,
)
from safeguard.partners.services.throttle import account_key, throttle_clear


@transaction.atomic
def agency_create(
    *,
    actor: Actor,
    name: str,
    kind: str,
    is_statutory_partner: bool,
    contributes_funding: bool,
    email_domains: str = "",
) -> Agency:
    require_permission(actor, Permission.ACCOUNTS_MANAGE)
    if Agency.objects.filter(name__iexact=name.strip()).exists():
        raise DuplicateError("An agency with this name already exists", field="name")
    agency = Agency.objects.create(
        name=name.strip(),
        kind=kind,
        is_statutory_partner=is_statutory_partner,
        contributes_funding=contributes_funding,
        email_domains=email_domains,
    )
    audit_record(actor=actor, action="agency_create", obj=agency, changes={"name": agency.name})
    return agency


@transaction.atomic
def agency_update(
    *,
    actor: Actor,
    agency: Agency,
    seen_version: int,
    name: str,
    kind: str,
    is_statutory_partner: bool,
    contributes_funding: bool,
    is_active: bool,
    email_domains: str = "",
) -> Agency:
    require_permission(actor, Permission.ACCOUNTS_MANAGE)
    if Agency.objects.filter(name__iexact=name.strip()).exclude(pk=agency.pk).exists():
        raise DuplicateError("An agency with this name already exists", field="name")
    changes = {
        "name": name.strip(),
        "kind": kind,
        "is_statutory_partner": is_statutory_partner,
        "contributes_funding": contributes_funding,
        "is_active": is_active,
        "email_domains": email_domains,
    }
    agency = versioned_update(agency, seen_version=seen_version, **changes)
    audit_record(actor=actor, action="agency_update", obj=agency, changes=changes)
    return agency


@transaction.atomic
def team_create(*, actor: Actor, agency: Agency, name: str) -> Team:
    require_permission(actor, Permission.ACCOUNTS_MANAGE)
    if agency.teams.filter(name__iexact=name.strip()).exists():
        raise DomainError("This agency already has a team with this name", field="name")
    team = Team.objects.create(agency=agency, name=name.strip())
    audit_record(actor=actor, action="team_create", obj=team, changes={"name": team.name})
    return team


def _check_team(agency: Agency, team: Team | None) -> None:
    if team is not None and team.agency_id != agency.pk:
        raise DomainError("Choose a team from the user's agency", field="team")


def _set_roles(user: User, roles: Iterable[str]) -> None:
    wanted = {Role(r) for r in roles}
    user.role_grants.exclude(role__in=wanted).delete()
    existing = {Role(r) for r in user.role_grants.values_list("role", flat=True)}
    UserRole.objects.bulk_create(UserRole(user=user, role=r) for r in wanted - existing)
    user._roles_cache = None


# No 0, O, 1 or I: the code is read out over the phone or written down.
_CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def enrolment_code_hash(user_id: object, code: str) -> str:
    normal = code.upper().replace("-", "").replace(" ", "")
    return sha256_hex(f"{user_id}:{normal}")


def _issue_enrolment_code(user: User) -> str:
    """A one-time code for enrolling an authenticator, valid as long as an activation link.
    Only its digest is kept; the administrator sees it once and gives it out of band."""
    raw = "".join(secrets.choice(_CODE_LETTERS) for _ in range(10))
    code = f"{raw[:5]}-{raw[5:]}"
    User.objects.filter(pk=user.pk).update(
        enrolment_code_hash=enrolment_code_hash(user.pk, code),
        enrolment_code_expires_at=timezone.now()
        + timedelta(hours=settings.ACCOUNT_ACTIVATION_HOURS),
        enrolment_opened_at=None,
    )
    return code


@transaction.atomic
def user_issue_enrolment_code(*, actor: Actor, user: User) -> str:
    """A new set-up code for someone who has yet to enrol an authenticator."""
    require_permission(actor, Permission.ACCOUNTS_MANAGE)
    if User.objects.filter(pk=user.pk, totp_confirmed_at__isnull=False).exists():
        raise DomainError("They already have an authenticator. Reset it first.")
    code = _issue_enrolment_code(user)
    audit_record(actor=actor, action="user_enrolment_code", obj=user)
    return code


def _send_activation(user: User) -> None:
    token = secrets.token_urlsafe(32)
    user.activation_token_hash = sha256_hex(token)
    user.activation_expires_at = timezone.now() + timedelta(hours=settings.ACCOUNT_ACTIVATION_HOURS)
    user.save(update_fields=["activation_token_hash", "activation_expires_at"])
    body = (
        f"Hello {user.full_name},\n\n"
        f"An administrator has given you an account on {settings.SERVICE_NAME}.\n"
        f"Set your password here within {settings.ACCOUNT_ACTIVATION_HOURS} hours:\n\n"
        f"{site_link('partners:activate', args=[token])}\n\n"
        "If you did not expect this email, tell your agency's administrator.\n"
    )
    email = user.email
    transaction.on_commit(
        lambda: send_email.enqueue(to=email, subject="Set up your Safeguard account", body=body)
    )


@dataclass(frozen=True)
class NewUser:
    user: User
    setup_code: str  # for the administrator to give out of band; "" if no second factor


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    email: str,
    full_name: str,
    agency: Agency,
    team: Team | None,
    roles: Iterable[str],
) -> NewUser:
    require_permission(actor, Permission.ACCOUNTS_MANAGE)
    _check_team(agency, team)
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise DuplicateError("A user with this email address already exists", field="email")
    try:
        with transaction.atomic():
            user = User.objects.create(
                email=email, full_name=full_name.strip(), agency=agency, team=team
            )
    except IntegrityError:
        raise DuplicateError(
            "A user with this email address already exists", field="email"
        ) from None
    user.set_unusable_password()
    user.save(update_fields=["password"])
    roles = sorted(roles)
    held = roles_needing_approval([], roles)
    _set_roles(user, [r for r in roles if r not in held])
    _send_activation(user)
    audit_record(
        actor=actor,
        action="user_create",
        obj=user,
        changes={"agency": str(agency.pk), "roles": roles, "waiting_for_approval": held},
    )
    account_change_request(actor=actor, user=user, roles_added=held, agency=None, team=None)
    needs_code = bool({Role(r) for r in roles} & MFA_ROLES)
    return NewUser(user, _issue_enrolment_code(user) if needs_code else "")


@dataclass(frozen=True)
class UserUpdate:
    user: User
    waiting: AccountChange | None  # what waits for a second person, if anything


@transaction.atomic
def user_update(
    *,
    actor: Actor,
    user: User,
    seen_version: int,
    full_name: str,
    agency: Agency,
    team: Team | None,
    roles: Iterable[str],
) -> UserUpdate:
    """Applies the change, but for roles that reach personal data and a move to another
    agency: those wait for a second person (approvals.py)."""
    require_permission(actor, Permission.ACCOUNTS_MANAGE)
    _check_team(agency, team)
    roles = sorted(roles)
    current = sorted(user.roles)
    held = roles_needing_approval(current, roles)
    moving = agency.pk != user.agency_id
    user = versioned_update(
        user,
        seen_version=seen_version,
        full_name=full_name.strip(),
        **({} if moving else {"team": team}),
    )
    _set_roles(user, [r for r in roles if r not in held])
    audit_record(
        actor=actor,
        action="user_update",
        obj=user,
        changes={
            "agency": str(agency.pk),
            "team": str(team.pk) if team else "",
            "roles": roles,
            "waiting_for_approval": held + (["agency"] if moving else []),
        },
    )
    waiting = account_change_request(
        actor=actor,
        user=user,
        roles_added=held,
        agency=agency if moving else None,
        team=team if moving else None,
    )
    return UserUpdate(user, waiting)


@transaction.atomic
def user_set_active(*, actor: Actor, user: User, active: bool) -> User:
    require_permission(actor, Permission.ACCOUNTS_MANAGE)
    if actor.user_id == user.pk and not active:
        raise DomainError("You cannot deactivate your own account")
    User.objects.filter(pk=user.pk).update(is_active=active)
    audit_record(actor=actor, action="user_activate" if active else "user_deactivate", obj=user)
    user.refresh_from_db()
    return user


@transaction.atomic
def user_unlock(*, actor: Actor, user: User) -> User:
    require_permission(actor, Permission.ACCOUNTS_MANAGE)
    throttle_clear(account_key(user.email))
    audit_record(actor=actor, action="user_unlock", obj=user)
    user.refresh_from_db()
    return user


@transaction.atomic
def user_reset_mfa(*, actor: Actor, user: User) -> str:
    """The user enrols a new authenticator at their next sign-in, with the set-up code this
    returns (for the administrator to give them out of band)."""
    require_permission(actor, Permission.ACCOUNTS_MANAGE)
    User.objects.filter(pk=user.pk).update(totp_secret="", totp_confirmed_at=None)
    audit_record(actor=actor, action="user_reset_mfa", obj=user)
    return _issue_enrolment_code(user)


@transaction.atomic
def user_resend_activation(*, actor: Actor, user: User) -> User:
    require_permission(actor, Permission.ACCOUNTS_MANAGE)
    _send_activation(user)
    audit_record(actor=actor, action="user_resend_activation", obj=user)
    return user


@transaction.atomic
def account_activate(*, token: str, password: str) -> User:
    """Set the first password from an activation link. The link works once."""
    user = (
        User.objects.select_for_update()
        .filter(
            activation_token_hash=sha256_hex(token),
            activation_expires_at__gt=timezone.now(),
            is_active=True,
        )
        .first()
    )
    if user is None:
        raise DomainError("This link has expired or has already been used. Ask for a new one.")
    try:
        validate_password(password, user)
    except Exception as error:  # Django's ValidationError carries the messages
        messages = getattr(error, "messages", [str(error)])
        raise DomainError(" ".join(messages), field="password") from None
    user.set_password(password)
    user.activation_token_hash = ""
    user.activation_expires_at = None
    user.save(update_fields=["password", "activation_token_hash", "activation_expires_at"])
    audit_record(actor=Actor.for_user(user), action="account_activate", obj=user)
    return user
