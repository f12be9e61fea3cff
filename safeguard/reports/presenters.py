"""Formatting of the yearly report's pages: statuses as tags, answers beside their questions."""

from markupsafe import Markup

from safeguard.core.presenters import format_date
from safeguard.reports.definition import QUESTIONS
from safeguard.reports.markup import markup_html
from safeguard.reports.models import Contribution, Publication

CONTRIBUTION_TAGS = {
    "requested": "govuk-tag--grey",
    "submitted": "govuk-tag--light-blue",
    "changes": "govuk-tag--orange",
    "approved": "govuk-tag--green",
}


def contribution_tag(contribution: Contribution) -> dict[str, str]:
    return {
        "text": contribution.get_status_display(),
        "classes": CONTRIBUTION_TAGS[contribution.status],
    }


def answers(contribution: Contribution) -> list[tuple[str, Markup]]:
    """Each question with its answer as the report will print it (escaped markup)."""
    return [
        (question, Markup(markup_html(answer, heading_level=4)))  # noqa: S704 escaped first
        for question, answer in zip(QUESTIONS, contribution.answers, strict=False)
    ]


def version_note(publication: Publication) -> str:
    note = f"Version {publication.number}, published {format_date(publication.published_at)}."
    if publication.note:
        note += f" {publication.note}"
    return note
