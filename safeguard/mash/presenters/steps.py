"""A triage step's page: one form about one notification."""

from dataclasses import dataclass
from uuid import UUID

from django.forms import Form
from django.urls import reverse


@dataclass(frozen=True)
class StepPage:
    title: str
    caption: str
    back: str
    form: Form


def step_page(*, notification_id: UUID, reference: str, title: str, form: Form) -> StepPage:
    return StepPage(
        title=title,
        caption=reference,
        back=reverse("mash:notification", args=[notification_id]),
        form=form,
    )
