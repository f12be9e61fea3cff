"""The partner API's request and response shapes. Validation matches the web forms'."""

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import ConfigDict, Field, field_validator, model_validator

from safeguard.people.identifiers import clean_nhs_number, clean_postcode, clean_upn


class WithoutNul(Schema):
    """NUL characters mean nothing in text, and PostgreSQL cannot store them: they are dropped."""

    @field_validator("*", mode="before")
    @classmethod
    def _drop_nul(cls, value: Any) -> Any:
        return value.replace("\x00", "") if isinstance(value, str) else value


class RequestBody(WithoutNul):
    """A JSON object with only the declared fields: anything else is refused with 422."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: Any) -> Any:
        # Ninja validates the raw value first, then again wrapped in its DjangoGetter.
        if not isinstance(data, dict | DjangoGetter):
            raise ValueError("The body must be a JSON object")
        return data


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]]


class WhoamiOut(Schema):
    agency_id: UUID
    agency_name: str
    agency_kind: str
    is_statutory_partner: bool
    key_prefix: str


def _optional(cleaner: Any, value: str) -> str:
    """Empty means not given; anything else must pass the same check as the web form."""
    return str(cleaner(value)) if value else ""


def _iso_date_text(value: Any) -> Any:
    """Dates come as 'YYYY-MM-DD' text; pydantic would otherwise read 0 as 1 January 1970."""
    if value is not None and not isinstance(value, str | dt.date):
        raise ValueError("Give the date as text, like 2012-03-27")
    return value


class PersonDetailsIn(RequestBody):
    """What a search and a new record share, checked as the web form checks it."""

    given_name: str = Field("", max_length=100)
    family_name: str = Field("", max_length=100)
    date_of_birth: dt.date | None = None
    nhs_number: str = Field("", max_length=20, json_schema_extra={"format": "nhs-number"})

    @field_validator("nhs_number")
    @classmethod
    def _nhs(cls, value: str) -> str:
        return _optional(clean_nhs_number, value)

    @field_validator("date_of_birth", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return _iso_date_text(value)


class PersonSearchIn(PersonDetailsIn):
    postcode: str = Field("", max_length=10, json_schema_extra={"format": "uk-postcode"})

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str) -> str:
        return _optional(clean_postcode, value)


# "Has some text": a character that is not white space. JSON Schema's \s (ECMAScript) and
# Python's str.isspace() disagree on a few characters, so the class names them all, and
# `has_text` applies the same rule in Python.
TEXT_PATTERN = r"[^\s\x00\x1c-\x1f\x85\ufeff]"
_NAMED = {"pattern": TEXT_PATTERN}


def has_text(value: str) -> bool:
    return any(not (ch.isspace() or ch in "\ufeff\x00") for ch in value)


def text_field(max_length: int) -> Any:
    """A required text field that must have some text, as the schema says."""
    return Field(..., max_length=max_length, json_schema_extra={"pattern": TEXT_PATTERN})


def must_have_text(value: str) -> str:
    if not has_text(value):
        raise ValueError("Enter some text")
    return value


class PersonIn(PersonDetailsIn):
    # At least one name, as the web form asks. Said in the schema so that clients know it.
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "anyOf": [
                {"properties": {"given_name": _NAMED}, "required": ["given_name"]},
                {"properties": {"family_name": _NAMED}, "required": ["family_name"]},
            ]
        },
    )

    middle_names: str = Field("", max_length=200)
    kind: Literal["child", "unborn", "adult"] = "child"
    sex: Literal["M", "F", "U"] = "U"
    upn: str = Field("", max_length=20, json_schema_extra={"format": "upn"})

    @field_validator("upn")
    @classmethod
    def _upn(cls, value: str) -> str:
        return _optional(clean_upn, value)


class PersonOut(Schema):
    id: UUID
    kind: str
    given_name: str
    family_name: str
    date_of_birth: dt.date | None
    sex: str
    nhs_number: str | None
    upn: str | None
    recorded_by: str


class ContributionOut(Schema):
    comparison: str
    level: str
    bits: float = Field(description="log2 Bayes factor: above 0 counts for a match")


class CandidateOut(Schema):
    person: PersonOut
    score: int = Field(description="Kept for earlier clients: the probability, in whole percent")
    probability: float = Field(description="The matching engine's probability, 0 to 1")
    band: str = Field(
        description="match, possible or no match: the SUI matcher's bands, set in the "
        "deployment's settings (by default 0.95 and over, and 0.85 to 0.95)"
    )
    reasons: list[str]
    contributions: list[ContributionOut]
