import pytest

from safeguard.partners.roles import Role


@pytest.fixture
def officer(make_user):
    return make_user(Role.PARTNER_PRACTITIONER)


@pytest.fixture
def police(officer, sign_in):
    return sign_in(officer)
