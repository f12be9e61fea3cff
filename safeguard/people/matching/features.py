"""A person record as the engine compares it: names normalised in any script (accents folded
for the phonetic keys), nickname forms, the date of birth, postcode parts, address tokens and
checked identifiers. Worked out once per record, not once per pair."""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import jellyfish

from safeguard.people.identifiers import clean_nhs_number, clean_postcode, clean_upn
from safeguard.people.names import given_name_variants, nicknamer

# Words that are not a child's name: placeholders in records made before a birth is registered.
PLACEHOLDER_GIVEN = frozenset({"baby", "infant", "unborn", "unknown", "child", "bb", "babyof"})
_STOP = frozenset({"flat", "the", "road", "street", "rd", "st", "avenue", "ave", "lane", "close"})


_NOT_LETTERS = re.compile(r"[^\w ]|[\d_]")


def _fold(value: str) -> str:
    """Lower case, accents folded, letters and spaces only: 'Zoë O'Brien' -> 'zoe obrien'."""
    return " ".join(_words(value))


def _words(value: str) -> list[str]:
    """The words `_fold` keeps."""
    if (value or "").isascii():  # nothing to normalise or fold: most records, quickly
        kept = (value or "").lower()
    else:
        text = unicodedata.normalize("NFKC", value).casefold()
        folded = unicodedata.normalize("NFKD", text)
        kept = "".join(c for c in folded if not unicodedata.combining(c))
    kept = kept.replace("'", "").replace("\u2019", "")  # O'Brien, typed or typeset
    return _NOT_LETTERS.sub(" ", kept).split()


fold = lru_cache(maxsize=1 << 16)(_fold)  # names repeat: far fewer names than people


def _ascii(value: str) -> str:
    return value.encode("ascii", "ignore").decode()


@lru_cache(maxsize=1 << 16)
def phonetic(value: str) -> str:
    """A phonetic key for a name; empty when the name has no Latin letters to key."""
    latin = _ascii(value).replace(" ", "")
    return jellyfish.metaphone(latin) if latin else value.replace(" ", "")


@dataclass(frozen=True, slots=True)
class MatchRecord:
    """The input: any field may be empty."""

    record_id: str
    given_name: str = ""
    family_name: str = ""
    date_of_birth: dt.date | None = None
    sex: str = ""
    address: str = ""
    postcode: str = ""
    nhs_number: str = ""
    upn: str = ""


@dataclass(frozen=True)
class Features:
    record_id: str
    given: str = ""
    family: str = ""
    family_parts: frozenset[str] = field(default_factory=frozenset)
    given_key: str = ""
    family_key: str = ""
    given_forms: frozenset[str] = field(default_factory=frozenset)
    # Keys for the name and the formal names it is short for: Bill -> bill, william, robert...
    given_canons: frozenset[str] = field(default_factory=frozenset)
    dob: dt.date | None = None
    sex: str = ""
    postcode: str = ""
    sector: str = ""
    district: str = ""
    address_tokens: frozenset[str] = field(default_factory=frozenset)
    nhs_number: str = ""
    upn: str = ""


def cleaned(cleaner, value: str) -> str:  # type: ignore[no-untyped-def]
    try:
        return cleaner(value) if value else ""
    except ValueError:
        return ""  # an invalid identifier is no evidence either way


@lru_cache(maxsize=1 << 14)
def canonical_keys(given: str) -> frozenset[str]:
    if not given:
        return frozenset()
    formal = {fold(n) for n in nicknamer().canonicals_of(given)}
    return frozenset(phonetic(n) for n in formal | {given} if n)


@lru_cache(maxsize=1 << 14)
def _forms(given: str) -> frozenset[str]:
    return frozenset(given_name_variants(given)) if given else frozenset()


@dataclass(frozen=True)
class GivenName:
    given: str = ""
    key: str = ""
    forms: frozenset[str] = frozenset()
    canons: frozenset[str] = frozenset()


@lru_cache(maxsize=1 << 16)  # each part of a record is worked out once per distinct value
def given_name(raw: str) -> GivenName:
    folded = fold(raw)
    given = folded.split(" ")[0] if folded else ""
    if not given or given in PLACEHOLDER_GIVEN:
        return GivenName()
    return GivenName(given, phonetic(given), _forms(given), canonical_keys(given))


@dataclass(frozen=True)
class FamilyName:
    family: str = ""
    parts: frozenset[str] = frozenset()
    key: str = ""


@lru_cache(maxsize=1 << 16)
def family_name(raw: str) -> FamilyName:
    family = fold(raw).replace(" ", "")
    parts = frozenset(p for p in re.split(r"[\s-]+", fold(raw.replace("-", " "))) if p)
    return FamilyName(family, parts, phonetic(family) if family else "")


def postcode_parts(raw: str) -> tuple[str, str, str]:
    """The postcode, its sector and its district: 'E1 6AN' -> ('E1 6AN', 'E1 6', 'E1')."""
    postcode = cleaned(clean_postcode, raw)
    if not postcode:
        return "", "", ""
    return postcode, postcode[:-2], postcode.split(" ")[0]


def address_tokens(raw: str) -> frozenset[str]:
    # Addresses rarely repeat: folded without the names' cache (the batch does each once).
    return frozenset(t for t in _words(raw) if t not in _STOP and len(t) > 1)


def sex_code(raw: str) -> str:
    return (raw or "").strip().upper()[:1]


def prepare(record: MatchRecord) -> Features:
    given = given_name(record.given_name)
    family = family_name(record.family_name)
    postcode, sector, district = postcode_parts(record.postcode)
    return Features(
        record_id=record.record_id,
        given=given.given,
        family=family.family,
        family_parts=family.parts,
        given_key=given.key,
        family_key=family.key,
        given_forms=given.forms,
        given_canons=given.canons,
        dob=record.date_of_birth,
        sex=sex_code(record.sex),
        postcode=postcode,
        sector=sector,
        district=district,
        address_tokens=address_tokens(record.address),
        nhs_number=cleaned(clean_nhs_number, record.nhs_number),
        upn=cleaned(clean_upn, record.upn),
    )


_SETS = ("family_parts", "given_forms", "given_canons", "address_tokens")


def features_json(f: Features) -> dict[str, object]:
    """The features as JSON, stored with the person so that a match never recomputes them."""
    data: dict[str, object] = {
        name: getattr(f, name)
        for name in Features.__dataclass_fields__
        if getattr(f, name) and name != "record_id"
    }
    for name in _SETS:
        if name in data:
            data[name] = sorted(getattr(f, name))
    if f.dob is not None:
        data["dob"] = f.dob.isoformat()
    return data


def features_from_json(record_id: str, data: dict[str, Any]) -> Features:
    values = dict(data)
    for name in _SETS:
        values[name] = frozenset(values.get(name, ()))
    if values.get("dob"):
        values["dob"] = dt.date.fromisoformat(values["dob"])
    return Features(record_id=record_id, **values)
