"""Request and response shapes of the MASH part of the partner API."""

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from ninja import Schema
from pydantic import ConfigDict, Field, StrictBool, field_validator

from safeguard.api.schemas import (
    TEXT_PATTERN,
    RequestBody,
    WithoutNul,
    _iso_date_text,
    _optional,
    must_have_text,
    text_field,
)
from safeguard.people.identifiers import clean_nhs_number, clean_postcode

# The concern codes version 1 of the API accepts (the MASH's starting list, migration 0002).
ConcernCode = Literal[
    "domestic_abuse",
    "neglect",
    "physical_abuse",
    "sexual_abuse",
    "emotional_abuse",
    "child_sexual_exploitation",
    "criminal_exploitation",
    "missing",
    "radicalisation",
    "fgm",
    "honour_based_abuse",
    "forced_marriage",
    "trafficking",
    "mental_health_child",
    "mental_health_parent",
    "substance_misuse_child",
    "substance_misuse_parent",
    "self_harm",
    "private_fostering",
    "uasc",
    "other",
]

_TEXT = {"pattern": TEXT_PATTERN}
_IDENTIFIES = [
    {"properties": {"given_name": _TEXT}, "required": ["given_name"]},
    {"properties": {"family_name": _TEXT}, "required": ["family_name"]},
    {"properties": {"date_of_birth": {"type": "string"}}, "required": ["date_of_birth"]},
    {"properties": {"nhs_number": {"minLength": 10}}, "required": ["nhs_number"]},
]


class ChildIn(RequestBody):
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, json_schema_extra={"anyOf": _IDENTIFIES}
    )

    given_name: str = Field("", max_length=100)
    family_name: str = Field("", max_length=100)
    date_of_birth: dt.date | None = None
    sex: Literal["", "M", "F", "U"] = ""
    nhs_number: str = Field("", max_length=20, json_schema_extra={"format": "nhs-number"})
    address: str = Field("", max_length=300)
    postcode: str = Field("", max_length=10, json_schema_extra={"format": "uk-postcode"})
    school: str = Field("", max_length=200)

    @field_validator("nhs_number")
    @classmethod
    def _nhs(cls, value: str) -> str:
        return _optional(clean_nhs_number, value)

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str) -> str:
        return _optional(clean_postcode, value)

    @field_validator("date_of_birth", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return _iso_date_text(value)


class AdultIn(RequestBody):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    relationship: str = text_field(100)
    given_name: str = Field("", max_length=100)
    family_name: str = Field("", max_length=100)
    date_of_birth: dt.date | None = None
    address: str = Field("", max_length=300)
    lives_with_child: StrictBool = False

    @field_validator("date_of_birth", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return _iso_date_text(value)

    @field_validator("relationship")
    @classmethod
    def _relationship(cls, value: str) -> str:
        return must_have_text(value)


ConsentSought = Literal["given", "refused", "not_sought"]
NotSoughtReason = Literal["", "increase_risk", "urgent", "not_practicable"]
LawfulBasis = Literal["public_task", "legal_obligation", "vital_interests", "consent"]

# The rules of the sharing record, said in the schema so that partner systems know them.
_SHARING_RULES = {
    "allOf": [
        {
            "anyOf": [
                {"properties": {"consent_sought": {"enum": ["given", "refused"]}}},
                {
                    "properties": {
                        "consent_sought": {"const": "not_sought"},
                        "consent_not_sought_reason": {
                            "enum": ["increase_risk", "urgent", "not_practicable"]
                        },
                    },
                    "required": ["consent_not_sought_reason"],
                },
            ]
        },
        {
            "anyOf": [
                {
                    "properties": {
                        "lawful_basis": {
                            "enum": ["public_task", "legal_obligation", "vital_interests"]
                        }
                    }
                },
                {
                    "properties": {
                        "lawful_basis": {"const": "consent"},
                        "consent_sought": {"const": "given"},
                    }
                },
            ]
        },
    ]
}


class NotificationIn(RequestBody):
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, json_schema_extra=_SHARING_RULES
    )

    children: list[ChildIn] = Field(..., min_length=1, max_length=20)
    adults: list[AdultIn] = Field(default_factory=list, max_length=20)
    concerns: list[ConcernCode] = Field(..., min_length=1, max_length=21)
    what_happened: str = text_field(10000)
    risk_now: str = text_field(10000)
    urgent: StrictBool = False
    consent_sought: ConsentSought
    consent_not_sought_reason: NotSoughtReason = ""
    lawful_basis: LawfulBasis
    sharing_decided_by: str = text_field(200)
    referrer_name: str = text_field(200)
    referrer_role: str = Field("", max_length=200)
    referrer_contact: str = text_field(200)

    @field_validator(
        "what_happened", "risk_now", "sharing_decided_by", "referrer_name", "referrer_contact"
    )
    @classmethod
    def _text(cls, value: str) -> str:
        return must_have_text(value)


class NotificationStatusOut(Schema):
    id: UUID
    reference: str
    received_at: dt.datetime
    status: str
    outcome: str | None
    decided_at: dt.datetime | None


class RequestChildOut(Schema):
    given_name: str
    family_name: str
    date_of_birth: dt.date | None
    nhs_number: str
    address: str
    postcode: str


class InformationRequestOut(Schema):
    id: UUID
    reference: str
    question: str
    sent_at: dt.datetime
    due_at: dt.datetime
    status: str
    version: int
    children: list[RequestChildOut]


class AnswerIn(WithoutNul):
    version: int
    known_to_service: Literal["yes", "no", "not_sure"]
    current_involvement: bool
    text: str = text_field(10000)

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        return must_have_text(value)


class AnswerOut(Schema):
    request_id: UUID
    answered_at: dt.datetime
    attachments: list[str]
