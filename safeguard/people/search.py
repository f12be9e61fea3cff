"""Search before create: candidates from indexed keys, ranked by a simple points score.

A later issue replaces the ranking with the full matching engine; the candidate sources
(NHS number, phonetic names, date of birth and its day/month swap, postcode) stay indexed.
"""

import datetime as dt
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Q

from safeguard.people.models import Person, PersonName
from safeguard.people.names import given_name_variants, name_fields, phonetic_key

SOURCE_LIMIT = 200
RESULT_LIMIT = 20
MIN_SCORE = 20


@dataclass(frozen=True)
class PersonQuery:
    given_name: str = ""
    family_name: str = ""
    date_of_birth: dt.date | None = None
    nhs_number: str = ""
    postcode: str = ""

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


@dataclass
class Candidate:
    person: Person
    score: int = 0
    reasons: list[str] = field(default_factory=list)


def date_variants(value: dt.date) -> list[dt.date]:
    """The date, and the date with day and month swapped where that is a real date."""
    variants = [value]
    if value.day <= 12 and value.day != value.month:
        variants.append(value.replace(day=value.month, month=value.day))
    return variants


def candidate_ids(query: PersonQuery, scope: Q) -> set[UUID]:
    """People who share a selective key with the query, each source read from an index.

    The sources: the NHS number; the date of birth (or its day/month swap) with either name;
    the family and given names together; the postcode with the family name. A lone family or
    given name is searched only when nothing more selective was given.
    """
    people = Person.objects.filter(scope, merged_into__isnull=True)
    keys = name_fields(query.given_name, query.family_name)
    given_keys = {phonetic_key(v) for v in given_name_variants(keys["given_norm"])}
    family = Q(names__family_key=keys["family_key"]) if keys["family_key"] else None
    given = Q(names__given_key__in=given_keys) if given_keys else None
    sources = []
    if query.nhs_number:
        sources.append(people.filter(nhs_number=query.nhs_number))
    if query.date_of_birth:
        born = people.filter(date_of_birth__in=date_variants(query.date_of_birth))
        either_name = family | given if family and given else family or given
        sources.append(born.filter(either_name) if either_name else born)
    if family and given:
        sources.append(people.filter(family & given))  # one name row matching both
    if query.postcode:
        living = people.filter(addresses__address__postcode=query.postcode)
        sources.append(living.filter(family) if family else living)
    only_a_name = not (query.date_of_birth or query.postcode or (family and given))
    if only_a_name and (family or given):
        sources.append(people.filter(family or given))
    ids: set[UUID] = set()
    for source in sources:
        ids.update(source.values_list("pk", flat=True).distinct()[:SOURCE_LIMIT])
    return ids


@dataclass(frozen=True)
class _QueryKeys:
    """The query's normal forms, worked out once rather than for every candidate."""

    keys: dict[str, str]
    variants: set[str]

    @classmethod
    def of(cls, query: PersonQuery) -> "_QueryKeys":
        keys = name_fields(query.given_name, query.family_name)
        return cls(keys, given_name_variants(keys["given_norm"]))


def _score_names(prepared: _QueryKeys, names: list[PersonName]) -> tuple[int, list[str]]:
    keys, variants = prepared.keys, prepared.variants
    family, given, reasons = 0, 0, []
    for name in names:
        if keys["family_norm"]:
            if name.family_norm == keys["family_norm"]:
                family = max(family, 20)
            elif name.family_key == keys["family_key"]:
                family = max(family, 12)
        if keys["given_norm"]:
            if name.given_norm == keys["given_norm"]:
                given = max(given, 15)
            elif name.given_norm in variants:
                given = max(given, 12)
            elif name.given_key == keys["given_key"]:
                given = max(given, 10)
            elif name.given_norm[:1] == keys["given_norm"][:1]:
                given = max(given, 4)
    reasons += {20: ["Family name matches"], 12: ["Family name sounds alike"]}.get(family, [])
    reasons += {
        15: ["Given name matches"],
        12: ["Given name is a nickname or formal form"],
        10: ["Given name sounds alike"],
        4: ["Same first initial"],
    }.get(given, [])
    return family + given, reasons


def _score_date(query: PersonQuery, person: Person) -> tuple[int, list[str]]:
    wanted, held = query.date_of_birth, person.date_of_birth
    if not wanted or not held:
        return 0, []
    if held == wanted:
        return 20, ["Date of birth matches"]
    if held in date_variants(wanted):
        return 12, ["Date of birth matches with day and month swapped"]
    if (held.month, held.day) == (wanted.month, wanted.day) and abs(held.year - wanted.year) == 1:
        return 8, ["Date of birth one year apart"]
    if (held.year, held.month) == (wanted.year, wanted.month):
        return 6, ["Same month and year of birth"]
    return -10, []


def score(query: PersonQuery, person: Person, prepared: _QueryKeys | None = None) -> Candidate:
    candidate = Candidate(person=person)
    points, reasons = _score_names(prepared or _QueryKeys.of(query), list(person.names.all()))
    date_points, date_reasons = _score_date(query, person)
    points += date_points
    reasons += date_reasons
    if query.nhs_number and person.nhs_number:
        if person.nhs_number == query.nhs_number:
            points, reasons = points + 40, [*reasons, "NHS number matches"]
        else:
            points -= 40
    if query.postcode:
        postcodes = {pa.address.postcode: pa.end_date for pa in person.addresses.all()}
        if query.postcode in postcodes:
            current = postcodes[query.postcode] is None
            points += 5 if current else 3
            reasons.append("Lives at this postcode" if current else "Has lived at this postcode")
    candidate.score = max(0, min(100, points))
    candidate.reasons = reasons
    return candidate


def rank(query: PersonQuery, people: list[Person]) -> list[Candidate]:
    prepared = _QueryKeys.of(query)
    candidates = [score(query, person, prepared) for person in people]
    candidates = [c for c in candidates if c.score >= MIN_SCORE]
    candidates.sort(key=lambda c: (-c.score, str(c.person.pk)))
    return candidates[:RESULT_LIMIT]
