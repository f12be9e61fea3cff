import uuid
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone

from safeguard.core.models import BaseModel, VersionedModel
from safeguard.partners.roles import MFA_ROLES, Role


class AgencyKind(models.TextChoices):
    LA_CHILDRENS_SERVICES = "la_childrens_services", "Local authority children's services"
    POLICE = "police", "Police"
    INTEGRATED_CARE_BOARD = "integrated_care_board", "Integrated care board"
    ACUTE_TRUST = "acute_trust", "Acute trust"
    COMMUNITY_MENTAL_HEALTH_TRUST = (
        "community_mental_health_trust",
        "Community or mental health trust",
    )
    GP_PRACTICE = "gp_practice", "GP practice"
    SCHOOL = "school", "School"
    EARLY_YEARS = "early_years", "Early years"
    YOUTH_OFFENDING = "youth_offending", "Youth offending"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
    BORDER_FORCE = "border_force", "Border force"
    OTHER = "other", "Other"


class Agency(BaseModel, VersionedModel):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40, choices=AgencyKind.choices)
    is_statutory_partner = models.BooleanField(default=False)
    # A member of the safeguarding partnership: its staff train free (issue 4).
    is_partner = models.BooleanField(default=True)
    contributes_funding = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    # The domains of its staff's email addresses ("met.police.uk nhs.net"): proof that a
    # delegate who books as its staff works there, and trains free (issue 17).
    email_domains = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def owns_address(self, email: str) -> bool:
        domain = email.rsplit("@", 1)[-1].strip().lower()
        return domain in {d.strip().lower().lstrip("@") for d in self.email_domains.split()}

    def __str__(self) -> str:
        return self.name


class Team(BaseModel):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="team_name_unique_in_agency")
        ]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email__iexact=username or "")


class User(AbstractBaseUser, VersionedModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="users")
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="users"
    )
    is_active = models.BooleanField(default=True)
    is_demo_account = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    # Multi-factor authentication (TOTP). The secret is set at enrolment and confirmed by a code.
    totp_secret = models.CharField(max_length=64, blank=True)
    totp_confirmed_at = models.DateTimeField(null=True, blank=True)
    totp_last_step = models.BigIntegerField(default=0)

    activation_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    activation_expires_at = models.DateTimeField(null=True, blank=True)

    # Enrolling an authenticator needs a one-time set-up code the administrator gave out of
    # band, not only the emailed link (issue 16). Once it is entered, enrolment stays open for
    # a few minutes.
    enrolment_code_hash = models.CharField(max_length=64, blank=True)
    enrolment_code_expires_at = models.DateTimeField(null=True, blank=True)
    enrolment_opened_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    _roles_cache: frozenset[Role] | None = None

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def roles(self) -> frozenset[Role]:
        """The user's roles, read once per instance (a request's user is one instance)."""
        cached = self._roles_cache
        if cached is None:
            cached = frozenset(Role(r) for r in self.role_grants.values_list("role", flat=True))
            self._roles_cache = cached
        return cached

    @property
    def needs_mfa(self) -> bool:
        return bool(self.roles & MFA_ROLES)

    @property
    def mfa_enrolled(self) -> bool:
        return self.totp_confirmed_at is not None


class UserRole(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=40, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="user_role_unique")]

    def __str__(self) -> str:
        return self.role


class ApiKey(BaseModel):
    """A partner system's key. Only a SHA-256 digest of the secret part is kept."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="api_keys")
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    label = models.CharField(max_length=200, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.agency} key {self.prefix}"

    def is_usable(self, at: datetime) -> bool:
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > at


class AccountChangeStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"
    SUPERSEDED = "superseded", "Replaced by a later request"


class AccountChange(BaseModel):
    """Roles that reach personal data, or a move to another agency, asked for by one person
    and applied only when a second approves (issue 16)."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="account_changes")
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    roles_added = models.JSONField(default=list)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=AccountChangeStatus.choices, default=AccountChangeStatus.PENDING
    )
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_account_change",
            )
        ]

    def __str__(self) -> str:
        return f"Change to {self.user_id}"


class SignInThrottle(models.Model):
    """Failed sign-ins for one account (by a digest of the email given, whether or not an
    account has it) or one client address, and the escalating delay they earned. In the
    database, so that every app process sees the same count."""

    key = models.CharField(max_length=80, unique=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.key
