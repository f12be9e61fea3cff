"""The partner API's request and response shapes. Validation matches the web forms'."""

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field, field_validator

from safeguard.people.identifiers import clean_nhs_number, clean_postcode, clean_upn


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


def _optional(cleaner: Any, value: str | None) -> str | None:
    return cleaner(value) if value else None


class PersonSearchIn(Schema):
    given_name: str = Field("", max_length=100)
    family_name: str = Field("", max_length=100)
    date_of_birth: dt.date | None = None
    nhs_number: str | None = Field(None, max_length=20)
    postcode: str | None = Field(None, max_length=10)

    @field_validator("nhs_number")
    @classmethod
    def _nhs(cls, value: str | None) -> str | None:
        return _optional(clean_nhs_number, value)

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str | None) -> str | None:
        return _optional(clean_postcode, value)


class PersonIn(Schema):
    given_name: str = Field("", max_length=100)
    middle_names: str = Field("", max_length=200)
    family_name: str = Field("", max_length=100)
    kind: Literal["child", "unborn", "adult"] = "child"
    date_of_birth: dt.date | None = None
    sex: Literal["M", "F", "U"] = "U"
    nhs_number: str | None = Field(None, max_length=20)
    upn: str | None = Field(None, max_length=20)

    @field_validator("nhs_number")
    @classmethod
    def _nhs(cls, value: str | None) -> str | None:
        return _optional(clean_nhs_number, value)

    @field_validator("upn")
    @classmethod
    def _upn(cls, value: str | None) -> str | None:
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


class CandidateOut(Schema):
    person: PersonOut
    score: int
    reasons: list[str]
