"""Who is acting: a signed-in user, or a partner system calling the API with its agency's key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from safeguard.partners.models import Agency, ApiKey, User
    from safeguard.partners.roles import Role


@dataclass(frozen=True)
class Actor:
    user: User | None
    agency: Agency | None
    roles: frozenset[Role]
    api_key: ApiKey | None = None
    # Someone known only by a secret link they hold (a delegate reading their own booking).
    link: str = ""

    @classmethod
    def for_user(cls, user: User | AnonymousUser) -> Actor:
        """The signed-in user. Sign-in is required before any view runs, so an anonymous
        user here is a route left open by mistake: refused, never treated as someone."""
        from django.core.exceptions import PermissionDenied

        from safeguard.partners.models import User

        if not isinstance(user, User):
            raise PermissionDenied
        return cls(user=user, agency=user.agency, roles=user.roles)

    @classmethod
    def for_api_key(cls, api_key: ApiKey) -> Actor:
        return cls(user=None, agency=api_key.agency, roles=frozenset(), api_key=api_key)

    @classmethod
    def for_link(cls, link: str) -> Actor:
        return cls(user=None, agency=None, roles=frozenset(), link=link)

    @property
    def is_api(self) -> bool:
        return self.api_key is not None

    @property
    def user_id(self) -> UUID | None:
        return self.user.pk if self.user is not None else None

    @property
    def agency_id(self) -> UUID | None:
        return self.agency.pk if self.agency is not None else None

    @property
    def label(self) -> str:
        if self.user is not None:
            return self.user.email
        if self.api_key is not None:
            return f"API key {self.api_key.prefix}"
        if self.link:
            return f"holder of a {self.link}"
        return "system"

    def person_acting(self) -> User:
        """The signed-in user; work that must be someone's (a decision) refuses a bare key."""
        from django.core.exceptions import PermissionDenied

        if self.user is None:
            raise PermissionDenied
        return self.user

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))
