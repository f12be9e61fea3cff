"""Checks and normal forms for the identifiers a person can carry: NHS number, UPN, postcode.

Each `clean_*` function returns the normal form or raises ValueError with a message a
practitioner can act on. Forms and the API both call these, so they validate alike.
"""

import operator
import re

_NHS_WEIGHTS = range(10, 1, -1)
_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # no I, O or S
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


def nhs_check_digit(first_nine: str) -> int | None:
    """Modulus 11 check digit, or None when the nine digits cannot have one."""
    if len(first_nine) != 9:
        raise ValueError("nine digits are needed")
    total = sum(map(operator.mul, map(int, first_nine), _NHS_WEIGHTS))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def clean_nhs_number(value: str) -> str:
    digits = "".join((value or "").replace("-", "").split())  # without spaces and hyphens
    if not digits.isdigit() or len(digits) != 10:
        raise ValueError("NHS number must be 10 digits, like 485 777 3456")
    if nhs_check_digit(digits[:9]) != int(digits[9]):
        raise ValueError("Enter a valid NHS number: the last digit does not match the others")
    return digits


def upn_check_letter(last_twelve: str) -> str:
    total = 0
    for weight, char in enumerate(last_twelve, start=2):
        total += weight * (int(char) if char.isdigit() else _UPN_LETTERS.index(char))
    return _UPN_LETTERS[total % 23]


def clean_upn(value: str) -> str:
    upn = re.sub(r"\s", "", value or "").upper()
    if not re.fullmatch(r"[A-Z]\d{11}[0-9A-Z]", upn) or upn[-1] in "IOS" or upn[0] in "IOS":
        raise ValueError(
            "UPN must be a letter followed by 12 digits (or 11 digits and a letter), "
            "like H801200001001"
        )
    if upn_check_letter(upn[1:]) != upn[0]:
        raise ValueError("Enter a valid UPN: the first letter does not match the digits")
    return upn


def clean_postcode(value: str) -> str:
    compact = "".join((value or "").split()).upper()
    match = _POSTCODE.match(compact)
    if not match:
        raise ValueError("Enter a real UK postcode, like UB8 1UW")
    return f"{match.group(1)} {match.group(2)}"


def postcode_sector(postcode: str) -> str:
    """'UB8 1UW' -> 'UB8 1'."""
    outward, inward = postcode.split(" ")
    return f"{outward} {inward[0]}"
