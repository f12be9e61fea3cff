"""Search before create, as the matching engine sees it: the fields a user types become a
person record, and each candidate comes with the engine's probability, band and reasons."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from safeguard.people.matching.features import MatchRecord
from safeguard.people.matching.model import Contribution, Scored
from safeguard.people.models import Person

RESULT_LIMIT = 20

# How each comparison's level reads on the page, when it counts for the match.
_READS = {
    "family_name": "Family name",
    "given_name": "Given name",
    "date_of_birth": "Date of birth",
    "sex": "Sex",
    "address": "Address",
    "nhs_number": "NHS number",
    "upn": "Unique pupil number",
}


@dataclass(frozen=True)
class PersonQuery:
    given_name: str = ""
    family_name: str = ""
    date_of_birth: dt.date | None = None
    nhs_number: str = ""
    postcode: str = ""
    sex: str = ""  # weighs in the score; never searched on alone

    def is_empty(self) -> bool:
        return not any(
            [self.given_name, self.family_name, self.date_of_birth, self.nhs_number, self.postcode]
        )

    def fields_used(self) -> list[str]:
        labels = {
            "given_name": "given name",
            "family_name": "family name",
            "date_of_birth": "date of birth",
            "nhs_number": "NHS number",
            "postcode": "postcode",
        }
        return [label for name, label in labels.items() if getattr(self, name)]

    def as_record(self) -> MatchRecord:
        return MatchRecord(
            record_id="query",
            given_name=self.given_name,
            family_name=self.family_name,
            date_of_birth=self.date_of_birth,
            postcode=self.postcode,
            nhs_number=self.nhs_number,
            sex=self.sex,
        )


@dataclass(frozen=True)
class Candidate:
    person: Person
    scored: Scored

    @property
    def probability(self) -> float:
        return self.scored.probability

    @property
    def band(self) -> str:
        return self.scored.band

    @property
    def reasons(self) -> list[str]:
        return reasons_of(self.scored.contributions, swapped=self.scored.swapped_names)


def reasons_of(contributions: Iterable[Contribution], *, swapped: bool = False) -> list[str]:
    """What counted, strongest first: "Date of birth: day and month swapped"."""
    shown = sorted(contributions, key=lambda c: -abs(c.bits))
    reasons = [f"{_READS[c.comparison]}: {c.level}" for c in shown if abs(c.bits) >= 1]
    if swapped:
        reasons.append("Given and family names written the other way round")
    return reasons


def evidence_for(scored: Scored) -> bool:
    """More agrees than disagrees: a candidate worth showing, however few the fields given."""
    return sum(c.bits for c in scored.contributions) > 0
