"""Ofsted's Annex A lettered labels (domain reference, section 6.3).

Annex A prints codes with a letter: "a) Male", "q) 6: Police". The letters follow each list's
order in the reference; where the reference gives only the ends of a list (reasons ceased, "a)
E11 ... v) E17"), the letters follow the SSDA903 list's order, which is the part to correct if
Ofsted's own workbook differs.
"""

from collections.abc import Iterable

from safeguard.returns.codelists.cin import CATEGORY_OF_ABUSE, REFERRAL_SOURCE
from safeguard.returns.codelists.ssda903 import REASON_CEASED

_LETTERS = [*"abcdefghijklmnopqrstuvwxyz", "zz"]


def lettered(codes: Iterable[str]) -> dict[str, str]:
    """Code -> "a) code", in order."""
    return {code: f"{letter}) {code}" for letter, code in zip(_LETTERS, codes, strict=False)}


GENDER = {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded"}
YES_NO = {True: "a) Yes", False: "b) No", None: "c) Unknown"}
ETHNICITY = lettered(
    [
        "WBRI",
        "WIRI",
        "WIRT",
        "WOTH",
        "WROM",
        "MWBC",
        "MWBA",
        "MWAS",
        "MOTH",
        "AIND",
        "APKN",
        "ABAN",
        "AOTH",
        "BCRB",
        "BAFR",
        "BOTH",
        "CHNE",
        "OOTH",
        "REFU",
        "NOBT",
    ]
)
PLACEMENT = lettered(
    [
        "U1",
        "U2",
        "U3",
        "U4",
        "U5",
        "U6",
        "A3",
        "A4",
        "A5",
        "A6",
        "P1",
        "P2",
        "P3",
        "H5",
        "K1",
        "K2",
        "R1",
        "R2",
        "R3",
        "R5",
        "S1",
        "Z1",
        "T0",
        "T1",
        "T2",
        "T3",
        "T4",
    ]
)
PLACEMENT_PROVIDER = lettered(f"PR{n}" for n in range(6))
REASON_CEASED_LABELS = lettered(c.code for c in REASON_CEASED.codes if c.code != "X1")
LEGAL_STATUS = {
    "C1": "C1: ICO",
    "C2": "C2: FCO",
    "D1": "D1: Freeing order",
    "E1": "E1: Placement order",
    "V2": "V2: Single period under S20",
    "V3": "V3: Short term breaks, episodes recorded",
    "V4": "V4: Short term breaks, agreements recorded",
    "L1": "L1: Police protection LA accommodation",
    "L2": "L2: EPO",
    "L3": "L3: Child assessment order LA accommodation",
    "J1": "J1: Remanded to LA or youth detention",
    "J2": "J2: LA accommodation under PACE",
    "J3": "J3: Youth rehabilitation order",
}
CASE_STATUS = {
    "cla": "a) Looked after child",
    "cp": "b) Child Protection plan",
    "cin": "c) Child in need plan",
    "assessment": "d) Open assessment",
    "closed": "e) Closed episode",
}


def referral_source(code: str, *, year: int) -> str:
    found = REFERRAL_SOURCE.get(code, year=year)
    return found.annex_a if found else ""


def category(code: str) -> str:
    found = CATEGORY_OF_ABUSE.get(code, year=0) if code else None
    return found.annex_a if found else ""
