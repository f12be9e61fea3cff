"""Normal forms, phonetic keys and nickname variants of names, for search and matching."""

import unicodedata
from functools import lru_cache

import jellyfish
from nicknames import NickNamer


def normalise_name(value: str) -> str:
    """'Zoë O'Brien-Smith' -> 'zoeobriensmith': letters only, accents folded."""
    folded = unicodedata.normalize("NFKD", value or "").encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalpha())


def phonetic_key(normalised: str) -> str:
    return jellyfish.soundex(normalised) if normalised else ""


@lru_cache(maxsize=1)
def nicknamer() -> NickNamer:
    # Reference data read once per process; it holds no state between requests.
    return NickNamer()


def given_name_variants(normalised: str) -> set[str]:
    """The name with its nicknames and formal forms: 'bob' -> {'bob', 'robert', 'rob', ...}."""
    if not normalised:
        return set()
    namer = nicknamer()
    variants = {normalised}
    variants |= namer.nicknames_of(normalised)
    variants |= namer.canonicals_of(normalised)
    return {normalise_name(v) for v in variants if v}


def name_fields(given_name: str, family_name: str) -> dict[str, str]:
    """The derived columns of a PersonName row."""
    given_norm = normalise_name(given_name)
    family_norm = normalise_name(family_name)
    return {
        "given_norm": given_norm,
        "family_norm": family_norm,
        "given_key": phonetic_key(given_norm),
        "family_key": phonetic_key(family_norm),
    }
