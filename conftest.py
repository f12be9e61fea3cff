"""Fixtures shared by every test: agencies, users by role, signed-in clients, actors."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from safeguard.core.actors import Actor
from safeguard.partners.models import Agency, User
from safeguard.partners.roles import Role
from safeguard.partners.tests.factories import AgencyFactory, UserFactory
from safeguard.partners.views.sign_in import MFA_VERIFIED


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse two tests with one node id: pytest-xdist would run only one of them, silently."""
    seen: set[str] = set()
    twice = sorted({item.nodeid for item in items if item.nodeid in seen or seen.add(item.nodeid)})
    if twice:
        raise pytest.UsageError("Tests share a node id, so some would not run: " + ", ".join(twice))


@pytest.fixture
def agency(db: Any) -> Agency:
    return AgencyFactory(name="Metropolitan Police Service", kind="police")


@pytest.fixture
def other_agency(db: Any) -> Agency:
    return AgencyFactory(name="The Hillingdon Hospital", kind="acute_trust")


@pytest.fixture
def council(db: Any) -> Agency:
    return AgencyFactory(name="Children's Services", kind="la_childrens_services")


@pytest.fixture
def make_user(db: Any, agency: Agency) -> Callable[..., User]:
    def make(*roles: Role, **fields: Any) -> User:
        fields.setdefault("agency", agency)
        return UserFactory(roles=list(roles), **fields)

    return make


@pytest.fixture
def sign_in() -> Callable[[User], Client]:
    """A client signed in as the user, as if they had entered their code."""

    def client_for(user: User) -> Client:
        client = Client()
        client.force_login(user, backend="safeguard.partners.auth.EmailBackend")
        session = client.session
        session[MFA_VERIFIED] = True
        session.save()
        return client

    return client_for


@pytest.fixture
def actor_for() -> Callable[[User], Actor]:
    def make(user: User) -> Actor:
        return Actor.for_user(User.objects.get(pk=user.pk))

    return make
