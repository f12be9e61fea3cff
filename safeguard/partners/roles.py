"""The roles a user can hold. Roles grant actions; relationships grant access to records."""

from django.db import models


class Role(models.TextChoices):
    PARTNER_PRACTITIONER = "partner_practitioner", "Partner practitioner"
    PARTNER_INFORMATION_OFFICER = "partner_information_officer", "Partner information officer"
    MASH_PRACTITIONER = "mash_practitioner", "MASH practitioner"
    MASH_MANAGER = "mash_manager", "MASH manager"
    SOCIAL_WORKER = "social_worker", "Social worker"
    TRAINING_ADMINISTRATOR = "training_administrator", "Training administrator"
    PARTNERSHIP_OFFICER = "partnership_officer", "Partnership officer"
    BOARD_MEMBER = "board_member", "Board member"
    ANALYST = "analyst", "Analyst"
    INFORMATION_GOVERNANCE_OFFICER = (
        "information_governance_officer",
        ("Information governance officer"),
    )
    SYSTEM_ADMINISTRATOR = "system_administrator", "System administrator"


# Roles whose holders see aggregates only on their pages.
AGGREGATE_ONLY_ROLES = frozenset({Role.PARTNERSHIP_OFFICER, Role.BOARD_MEMBER, Role.ANALYST})
# Roles that never reach personal data. Every other role does (children's records, delegates'
# and staff details, or, for the analyst, the returns it uploads), so it must use a second
# factor (issue 16).
NO_PERSONAL_DATA_ROLES = frozenset({Role.PARTNERSHIP_OFFICER, Role.BOARD_MEMBER})
MFA_ROLES = frozenset(Role) - NO_PERSONAL_DATA_ROLES

# Granting one of these, or moving a user to another agency, waits for a second person: another
# administrator or the IG officer (issue 16). They are the roles that reach personal data, and
# the administrator's own.
APPROVAL_ROLES = MFA_ROLES
