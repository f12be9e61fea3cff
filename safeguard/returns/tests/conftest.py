import pytest

from safeguard.partners.roles import Role


@pytest.fixture
def analyst(council, make_user, actor_for):
    """An analyst in the council's agency, as an actor: the one role that imports returns."""
    return actor_for(make_user(Role.ANALYST, agency=council))
