"""Which person in the index a notified child is: the MASH's choice, with the engine's reasons
and every field where the candidate and the referrer's details disagree."""

from dataclasses import dataclass, replace
from typing import Any
from uuid import UUID

from django.forms import Form
from django.urls import reverse
from markupsafe import Markup

from safeguard.core.presenters import format_date, lines_html, tag, tag_html
from safeguard.mash.presenters.common import child_name
from safeguard.mash.selectors.rows import CandidateRow, ChildRow
from safeguard.mash.selectors.triage import NotificationRecord
from safeguard.people.matching.model import Contribution, band_of
from safeguard.people.presenters import match_strength_tag, probability_text
from safeguard.people.search import reasons_of

FIELD_NAMES = {
    "family_name": "family name",
    "given_name": "given name",
    "date_of_birth": "date of birth",
    "sex": "sex",
    "address": "address",
    "nhs_number": "NHS number",
    "upn": "unique pupil number",
}
# A comparison this far against a match (in bits) is a conflict the MASH must see.
CONFLICT_BITS = -1.0


@dataclass(frozen=True)
class LinkChoice:
    action: str
    version: int
    radios: dict[str, Any]


def conflicts(candidate: CandidateRow) -> list[str]:
    """The fields on which the candidate's record disagrees with the referrer's details."""
    return [
        FIELD_NAMES.get(str(comparison), str(comparison))
        for comparison, _level, bits in candidate.contributions
        if float(str(bits)) <= CONFLICT_BITS
    ]


def _candidate_item(child: ChildRow, candidate: CandidateRow, index: int) -> dict[str, Any]:
    contributions = [
        Contribution(str(c), str(lv), float(str(b))) for c, lv, b in candidate.contributions
    ]
    against = conflicts(candidate)
    name = f"{candidate.given_name or ''} {candidate.family_name or ''}".strip() or "Name not known"
    label = ", ".join(
        [
            name,
            f"born {format_date(candidate.date_of_birth)}",
            candidate.postcode or "postcode not known",
        ]
    )
    hint = lines_html(
        Markup("{} {}").format(
            tag_html(match_strength_tag(band_of(candidate.probability))),
            probability_text(candidate.probability),
        ),
        tag_html(tag("Conflicts: " + ", ".join(against), "red")) if against else "",
        "; ".join(reasons_of(contributions, swapped=candidate.swapped_names)),
    )
    if candidate.person_id == child.person_id:
        label += " (the record the referrer chose)"
    return {
        "value": str(candidate.person_id),
        "text": label,
        "id": f"link-{child.id}-{index}",
        "hint": {"html": hint},
    }


def link_choice(
    *,
    notification_id: UUID,
    version: int,
    child: ChildRow,
    candidates: list[CandidateRow],
) -> LinkChoice:
    items = [_candidate_item(child, c, i) for i, c in enumerate(candidates, start=1)]
    offered = {c.person_id for c in candidates}
    if child.person_id and child.person_id not in offered:
        items.insert(
            0,
            {
                "value": str(child.person_id),
                "text": "The record the referrer matched (the matching engine did not find it)",
                "id": f"link-{child.id}-referrer",
            },
        )
    if items:
        items.append({"divider": "or"})
    items.append(
        {
            "value": "new",
            "text": "None of these: record a new person from the details given",
            "id": f"link-{child.id}-new",
        }
    )
    return LinkChoice(
        action=reverse("mash:link-child", args=[notification_id, child.id]),
        version=version,
        radios={
            "name": "person",
            "idPrefix": f"link-{child.id}",
            "classes": "govuk-radios--small",
            "fieldset": {
                "legend": {
                    "text": f"Which person in the index is {child_name(child)}?",
                    "classes": "govuk-fieldset__legend--s",
                }
            },
            "items": items,
        },
    )


@dataclass(frozen=True)
class RelinkPage:
    title: str
    caption: str
    back: str
    radios: dict[str, Any]
    form: Form


def relink_page(*, record: NotificationRecord, child: ChildRow, form: Form) -> RelinkPage:
    """The engine's candidates for a child whose confirmed link was wrong, the one linked now
    marked, and why. The radios post as the form's `person` field, so its error shows here."""
    n = record.notification
    # The person linked now is not offered: the correction is to someone else.
    others = [c for c in record.candidates.get(child.id, []) if c.person_id != child.person_id]
    choice = link_choice(
        notification_id=n.id,
        version=n.version,
        child=replace(child, person_id=None),
        candidates=others,
    )
    items = [{k: v for k, v in item.items() if k != "id"} for item in choice.radios["items"]]
    radios: dict[str, Any] = {
        **choice.radios,
        "idPrefix": "id_person",
        "items": items,
        "value": form["person"].value(),
        "fieldset": {
            "legend": {
                "text": f"Which person in the index is {child_name(child)}?",
                "classes": "govuk-fieldset__legend--m",
            }
        },
    }
    if form.errors.get("person"):
        radios["errorMessage"] = {"text": form.errors["person"][0]}
    return RelinkPage(
        title="Correct the child's link",
        caption=f"{n.reference}: {child_name(child)}",
        back=reverse("mash:notification", args=[n.id]),
        radios=radios,
        form=form,
    )
