"""DfE and Ofsted code lists, versioned by collection year.

A collection year is named by the year it starts: 2017 is the year 1 April 2017 to 31 March 2018
(the "2017-18" return). Every code says the first and last collection years it is valid for, so
that a return is checked against the lists of its own year and nothing is wired to one year.
Each code may also carry the internal value Safeguard stores and the label Ofsted's Annex A
prints, which is the mapping layer between the three.
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    code: str
    label: str
    valid_from: int | None = None  # first collection year; None: before any we import
    valid_to: int | None = None  # last collection year; None: still valid
    internal: str = ""  # the value Safeguard stores, where it differs from the DfE code
    annex_a: str = ""  # the lettered label of Ofsted's Annex A, where it has one

    def valid_in(self, year: int) -> bool:
        return (self.valid_from is None or year >= self.valid_from) and (
            self.valid_to is None or year <= self.valid_to
        )


class CodeList:
    def __init__(self, name: str, title: str, codes: Iterable[Code]) -> None:
        self.name = name
        self.title = title
        self.codes = tuple(codes)

    def for_year(self, year: int) -> dict[str, Code]:
        return {c.code: c for c in self.codes if c.valid_in(year)}

    def get(self, code: str, *, year: int) -> Code | None:
        return self.for_year(year).get(code)

    def refusal(self, code: str, *, year: int) -> str:
        """What to say of a code this list does not hold in the year."""
        return f"'{code}' is not one of the {self.title} codes for {year_label(year)}"

    def to_internal(self, code: str, *, year: int) -> str:
        found = self.get(code, year=year)
        if found is None:
            raise KeyError(self.refusal(code, year=year))
        return found.internal or found.code

    def from_internal(self, value: str, *, year: int) -> str:
        for c in self.codes:
            if c.valid_in(year) and (c.internal or c.code) == value:
                return c.code
        raise KeyError(f"{value!r} has no {self.title} code in {year_label(year)}")


def year_label(year: int) -> str:
    """2017 -> "2017-18"."""
    return f"{year}-{(year + 1) % 100:02d}"


def codes(pairs: str, **common: object) -> list[Code]:
    """Codes from "CODE label" lines, all sharing the same validity."""
    found = []
    for line in pairs.strip().splitlines():
        code, _, label = line.strip().partition(" ")
        found.append(Code(code, label.strip(), **common))  # type: ignore[arg-type]
    return found
