"""How people's records read on the page."""

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from safeguard.core.presenters import format_date, summary_row, tag
from safeguard.people.matching.model import Contribution, band_of
from safeguard.people.models import (
    DatePrecision,
    DuplicateSource,
    Person,
    PersonAddress,
    PersonDuplicate,
    PersonName,
    Sex,
)
from safeguard.people.search import Candidate, reasons_of
from safeguard.people.selectors import DuplicateRow, PersonRecord


def primary_name(names: list[PersonName]) -> PersonName | None:
    return next((n for n in names if n.kind == "primary"), names[0] if names else None)


def full_name(name: PersonName | None) -> str:
    if name is None:
        return "Name not known"
    parts = [name.given_name, name.middle_names, name.family_name]
    return " ".join(p for p in parts if p) or "Name not known"


def age(date_of_birth: dt.date | None, *, today: dt.date | None = None) -> int | None:
    if date_of_birth is None:
        return None
    today = today or timezone.localdate()
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - int(before_birthday)


def born_text(date_of_birth: dt.date | None, precision: str) -> str:
    """'born 8 March 2011', 'born April 2011', 'born 2011', 'born December 2019 (estimated)',
    or for an unborn baby 'due 15 May 2027'; empty when nothing is known."""
    if date_of_birth is None:
        return ""
    match DatePrecision(precision or DatePrecision.EXACT):
        case DatePrecision.EXPECTED:
            return f"due {format_date(date_of_birth)}"
        case DatePrecision.MONTH:
            return f"born {date_of_birth:%B %Y}"
        case DatePrecision.YEAR:
            return f"born {date_of_birth.year}"
        case DatePrecision.ESTIMATED:
            return f"born {date_of_birth:%B %Y} (estimated)"
    return f"born {format_date(date_of_birth)}"


def approximate_text(date_of_birth: dt.date | None, precision: str) -> str:
    """A date that is not exact, written as a referrer would give it, to show it back."""
    if date_of_birth is None or precision in ("", DatePrecision.EXACT):
        return ""
    if precision == DatePrecision.ESTIMATED:
        return f"about {age(date_of_birth)}"
    return born_text(date_of_birth, precision).removeprefix("born ")


def date_of_birth_text(person: Person) -> str:
    dob = person.date_of_birth
    if dob is None:
        return "Not known"
    precision = DatePrecision(person.date_of_birth_precision)
    if precision == DatePrecision.EXPECTED:
        return f"Expected {format_date(dob)}"
    if precision == DatePrecision.MONTH:
        text = f"{dob:%B %Y}"
    elif precision == DatePrecision.YEAR:
        text = str(dob.year)
    else:
        text = format_date(dob)
    years = age(dob)
    suffix = " (estimated)" if precision == DatePrecision.ESTIMATED else ""
    return f"{text}{suffix}, age {years}" if years is not None and years >= 0 else text


def nhs_number_text(value: str | None) -> str:
    return f"{value[:3]} {value[3:6]} {value[6:]}" if value else "Not known"


def current_address(addresses: list[PersonAddress]) -> PersonAddress | None:
    return next((a for a in addresses if a.end_date is None and a.kind == "home"), None)


def person_summary_rows(record: PersonRecord) -> list[dict[str, Any]]:
    person = record.person
    edit = reverse("people:edit", args=[person.pk]) if record.can_change else None
    address = current_address(record.addresses)
    rows = [
        summary_row("Name", full_name(primary_name(record.names)), change_href=edit),
        summary_row("Child or adult", person.get_kind_display(), change_href=edit),
        summary_row("Date of birth", date_of_birth_text(person), change_href=edit),
        summary_row("Sex", Sex(person.sex).label, change_href=edit),
        summary_row("Gender", person.gender or "Not recorded", change_href=edit),
        summary_row(
            "Ethnicity", person.get_ethnicity_display() or "Not recorded", change_href=edit
        ),
        summary_row("First language", person.first_language or "Not recorded", change_href=edit),
        summary_row("NHS number", nhs_number_text(person.nhs_number), change_href=edit),
        summary_row("Unique pupil number", person.upn or "Not known", change_href=edit),
        summary_row(
            "Current address",
            f"{address.address.line_1}, {address.address.postcode}" if address else "Not known",
        ),
        summary_row("Recorded by", person.recorded_by_agency.name),
    ]
    return rows


def restricted_tag(person: Person) -> dict[str, Any] | None:
    return tag("Restricted record", "red") if person.is_restricted else None


def _person_cells(person: Person) -> dict[str, Any]:
    names = list(person.names.all())
    address = current_address(list(person.addresses.all()))
    return {
        "href": reverse("people:detail", args=[person.pk]),
        "name": full_name(primary_name(names)),
        "other_names": [full_name(n) for n in names if n.kind != "primary"],
        "date_of_birth": date_of_birth_text(person),
        "postcode": address.address.postcode if address else "Not known",
        "pk": str(person.pk),
    }


def candidate_rows(candidates: list[Candidate]) -> list[dict[str, Any]]:
    return [
        {
            **_person_cells(candidate.person),
            "probability": probability_text(candidate.probability),
            "strength": match_strength_tag(candidate.band),
            "reasons": candidate.reasons,
        }
        for candidate in candidates
    ]


def duplicate_rows(rows: list[DuplicateRow]) -> list[dict[str, Any]]:
    """A pair to review: both records, the engine's probability, band and reasons."""
    return [
        {
            "pk": row.pair.pk,
            "a": _person_cells(row.person_a),
            "b": _person_cells(row.person_b),
            "probability": probability_text(row.pair.probability),
            "strength": match_strength_tag(band_of(row.pair.probability)),
            "reasons": _clash_reason(row.pair)
            + reasons_of(Contribution(*c) for c in row.pair.contributions),
            "keep_a_href": reverse("people:merge-confirm", args=[row.person_a.pk, row.person_b.pk]),
            "keep_b_href": reverse("people:merge-confirm", args=[row.person_b.pk, row.person_a.pk]),
            "dismiss_href": reverse("people:duplicate-dismiss", args=[row.pair.pk]),
        }
        for row in rows
    ]


def _clash_reason(pair: PersonDuplicate) -> list[str]:
    """A clash of identifiers says so first: IG must resolve it whatever the engine scored."""
    if pair.found_by == DuplicateSource.MATCHER:
        return []
    return [DuplicateSource(pair.found_by).label]


def probability_text(probability: float) -> str:
    """One decimal place, never rounded up to a certainty the engine does not claim."""
    if probability >= 0.999:
        return "over 99.9%"
    if 0 < probability < 0.001:
        return "under 0.1%"
    return f"{probability:.1%}"


def match_strength_tag(band: str) -> dict[str, Any]:
    """The matching engine's bands, as the SUI matcher names them."""
    if band == "match":
        return tag("Match", "green")
    if band == "possible":
        return tag("Possible match", "yellow")
    return tag("Weak match", "grey")
