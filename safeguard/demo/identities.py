"""Synthetic identifiers that pass their checks but belong to no one.

NHS numbers come from the 999 range, which the NHS reserves for testing.
"""

from collections.abc import Iterator

from safeguard.people.identifiers import nhs_check_digit, upn_check_letter


def nhs_numbers_in_test_range(start: int) -> Iterator[str]:
    """Valid NHS numbers 999 xxx xxxx from `start`. The range holds about 909,000 of them."""
    serial = start
    while serial < 1_000_000:
        first_nine = f"999{serial:06d}"
        check = nhs_check_digit(first_nine)
        serial += 1
        if check is not None:
            yield f"{first_nine}{check}"


def upns(la_code: str, start: int) -> Iterator[str]:
    """Valid, unique UPNs for one local authority: LA code, establishment, year, serial."""
    counter = start
    while True:
        establishment = 1000 + counter // 1000 % 9000
        year = 10 + counter // 9_000_000
        serial = counter % 1000
        digits = f"{la_code}{establishment:04d}{year:02d}{serial:03d}"
        counter += 1
        yield upn_check_letter(digits) + digits
