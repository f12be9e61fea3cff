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


def step_page(
    *, notification_id: UUID, reference: str, title: str, form: Form, back: str = ""
) -> StepPage:
    return StepPage(
        title=title,
        caption=reference,
        back=back or reverse("mash:notification", args=[notification_id]),
        form=form,
    )
