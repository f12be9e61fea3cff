"""Times person search against the database in DATABASE_URL; prints JSON on its last line.

Queries are made from people in the index, perturbed the way partner agencies' records differ:
exact details; a misspelt family name; a nickname; the NHS number alone; family name and
postcode. Each runs through the selector (policy, ranking and access-log write) as a MASH
practitioner, and a sample is posted to the search page through Django's test client. The
figures are for a warm cache: every query runs once untimed first.
"""

import json
import os
import random
import time
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings.development")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from safeguard.core.actors import Actor  # noqa: E402
from safeguard.partners.models import User  # noqa: E402
from safeguard.partners.views.sign_in import MFA_VERIFIED  # noqa: E402
from safeguard.people.models import Person, PersonAddress  # noqa: E402
from safeguard.people.names import given_name_variants  # noqa: E402
from safeguard.people.search import PersonQuery  # noqa: E402
from safeguard.people.selectors import person_search  # noqa: E402

PER_KIND = 100
PAGE_SAMPLE = 50


def _misspell(name: str, rng: random.Random) -> str:
    if len(name) < 4:
        return name
    i = rng.randrange(1, len(name) - 1)
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def _sample(rng: random.Random) -> list[Person]:
    """People at random, found by seeking to a random id (an OFFSET would scan the index)."""
    people: list[Person] = []
    seen = set()
    ordered = Person.objects.filter(is_restricted=False, merged_into=None).order_by("id")
    while len(people) < PER_KIND:
        start = uuid.UUID(int=rng.getrandbits(128))
        person = ordered.filter(id__gte=start).prefetch_related("names").first()
        if person is not None and person.pk not in seen:
            seen.add(person.pk)
            people.append(person)
    return people


def _queries(rng: random.Random) -> dict[str, list[tuple[Person, PersonQuery]]]:
    picks = _sample(rng)
    kinds: dict[str, list[tuple[Person, PersonQuery]]] = {
        "exact": [],
        "misspelt family": [],
        "nickname": [],
        "NHS number": [],
        "family and postcode": [],
    }
    for person in picks:
        name = person.names.all()[0]
        dob = person.date_of_birth
        kinds["exact"].append(
            (
                person,
                PersonQuery(
                    given_name=name.given_name, family_name=name.family_name, date_of_birth=dob
                ),
            )
        )
        kinds["misspelt family"].append(
            (
                person,
                PersonQuery(
                    given_name=name.given_name,
                    family_name=_misspell(name.family_name, rng),
                    date_of_birth=dob,
                ),
            )
        )
        nicknames = sorted(given_name_variants(name.given_name.lower()) - {name.given_name.lower()})
        given = nicknames[0].title() if nicknames else name.given_name
        kinds["nickname"].append(
            (person, PersonQuery(given_name=given, family_name=name.family_name))
        )
        if person.nhs_number:
            kinds["NHS number"].append((person, PersonQuery(nhs_number=person.nhs_number)))
        stay = (
            PersonAddress.objects.filter(person=person, end_date__isnull=True)
            .select_related("address")
            .first()
        )
        if stay:
            kinds["family and postcode"].append(
                (person, PersonQuery(family_name=name.family_name, postcode=stay.address.postcode))
            )
    return kinds


def main() -> None:
    settings.ALLOWED_HOSTS = ["testserver"]
    rng = random.Random(42)
    user = User.objects.get(email__startswith="mash.practitioner@")
    actor = Actor.for_user(user)
    timings: dict[str, list[float]] = {}
    found: dict[str, float] = {}
    kinds = _queries(rng)
    for queries in kinds.values():  # one untimed pass, so that the figures are for a warm cache
        for _person, query in queries:
            person_search(actor=actor, query=query)
    for kind, queries in kinds.items():
        timings[kind], hits = [], 0
        for person, query in queries:
            started = time.perf_counter()
            results = person_search(actor=actor, query=query)
            timings[kind].append(time.perf_counter() - started)
            hits += any(c.person.pk == person.pk for c in results)
        found[kind] = 100 * hits / max(1, len(queries))
    client = Client()
    client.force_login(user, backend="safeguard.partners.auth.EmailBackend")
    session = client.session
    session[MFA_VERIFIED] = True
    session.save()
    page_times = []
    for _person, query in kinds["exact"][:PAGE_SAMPLE]:
        dob = query.date_of_birth
        params = {
            "given_name": query.given_name,
            "family_name": query.family_name,
            "date_of_birth-day": dob.day,
            "date_of_birth-month": dob.month,
            "date_of_birth-year": dob.year,
        }
        started = time.perf_counter()
        response = client.post("/people/", params)
        page_times.append(time.perf_counter() - started)
        assert response.status_code == 200
        assert b"govuk-table" in response.content, "the page showed no results"
    print(
        json.dumps(
            {
                "people": Person.objects.count(),
                "selector": timings,
                "page": page_times,
                "found_pct": found,
            }
        )
    )


if __name__ == "__main__":
    main()
