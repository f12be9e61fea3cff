from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from safeguard.partners.models import User


class EmailBackend(ModelBackend):
    """Loads the signed-in user for each request. Sign-in itself goes through the services."""

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> None:
        return None

    def get_user(self, user_id: Any) -> User | None:
        user = User.objects.select_related("agency", "team").filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user) or not user.agency.is_active:
            return None
        return user
