"""Blocking keys: a pair is compared only if the two records share a key. Each key is selective
on its own, and together they forgive one error at a time: a mistyped or swapped date of birth,
a changed surname, a nickname, a move of house."""

from safeguard.people.matching.features import Features


def _dob(f: Features) -> str:
    """The date of birth with day and month in order, so that a swapped date shares the key."""
    if f.dob is None:
        return ""
    low, high = sorted((f.dob.day, f.dob.month))
    return f"{f.dob.year}-{low}-{high}"


def blocking_keys(f: Features) -> set[str]:
    keys = set()
    if f.nhs_number:
        keys.add(f"n:{f.nhs_number}")
    if f.upn:
        keys.add(f"u:{f.upn}")
    dob = _dob(f)
    if dob and f.family_key:
        keys.add(f"df:{dob}:{f.family_key[:2]}")
    for given in f.given_canons:
        if dob:
            keys.add(f"dg:{dob}:{given[:2]}")  # a changed surname
        if f.family_key:
            keys.add(f"fg:{f.family_key[:2]}:{given}")  # a mistyped date of birth or surname
        if f.postcode:
            keys.add(f"pg:{f.postcode}:{given[:1]}")  # a child at the same address
    if f.family_key and f.dob:
        keys.add(f"fy:{f.family_key}:{f.dob.year}")
    if f.family_key and f.given:
        keys.add(f"fi:{f.family_key}:{f.given[0]}")  # a mistyped given name
        # Given and family names written the wrong way round share this key.
        keys.add("nm:" + ":".join(sorted((f.family_key, f.given_key))))
    return keys


def sparse_keys(f: Features) -> set[str]:
    """Broad keys for a search the keys above find no one for: a family name, a given name, a
    postcode or a date of birth alone. Stored with every person, used only for such searches,
    never to block a batch."""
    keys = set()
    if f.family_key:
        keys.add(f"sf:{f.family_key}")
    if f.given_key:
        keys.add(f"sg:{f.given_key}")
    if f.postcode:
        keys.add(f"sp:{f.postcode}")
    if dob := _dob(f):
        keys.add(f"sd:{dob}")
    return keys
