"""Every change in the partners app: accounts, sign-in and API keys."""

from safeguard.partners.services.accounts import (
    account_activate,
    agency_create,
    agency_update,
    team_create,
    user_create,
    user_issue_enrolment_code,
    user_resend_activation,
    user_reset_mfa,
    user_set_active,
    user_unlock,
    user_update,
)
from safeguard.partners.services.api_keys import (
    api_key_authenticate,
    api_key_create,
    api_key_revoke,
    api_key_rotate,
)
from safeguard.partners.services.approvals import (
    account_change_approve,
    account_change_refuse,
)
from safeguard.partners.services.sign_in import (
    SignInError,
    mfa_check_enrolment_code,
    mfa_confirm_enrolment,
    mfa_start_enrolment,
    sign_in_check_password,
    sign_in_delay,
    sign_in_verify_code,
)

__all__ = [
    "SignInError",
    "account_activate",
    "account_change_approve",
    "account_change_refuse",
    "agency_create",
    "agency_update",
    "api_key_authenticate",
    "api_key_create",
    "api_key_revoke",
    "api_key_rotate",
    "mfa_check_enrolment_code",
    "mfa_confirm_enrolment",
    "mfa_start_enrolment",
    "sign_in_check_password",
    "sign_in_delay",
    "sign_in_verify_code",
    "team_create",
    "user_create",
    "user_issue_enrolment_code",
    "user_resend_activation",
    "user_reset_mfa",
    "user_set_active",
    "user_unlock",
    "user_update",
]
