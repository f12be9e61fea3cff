import pytest

from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import AgencyFactory, UserFactory


@pytest.fixture
def police(make_user, actor_for):
    return actor_for(make_user(Role.PARTNER_PRACTITIONER))


@pytest.fixture
def mash(make_user, actor_for, council):
    return actor_for(make_user(Role.MASH_PRACTITIONER, agency=council))


@pytest.fixture
def manager(make_user, actor_for, council):
    return actor_for(make_user(Role.MASH_MANAGER, agency=council))


@pytest.fixture
def health(actor_for):
    agency = AgencyFactory(name="Community health", kind="community_mental_health_trust")
    return actor_for(UserFactory(agency=agency, roles=[Role.PARTNER_INFORMATION_OFFICER]))
