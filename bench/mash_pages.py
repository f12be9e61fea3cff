"""Issue 3's pages against the database in DATABASE_URL; prints JSON on its last line.

Each page is requested through Django's test client (middleware, session, templates, the
access log: everything but the network). The floor is a signed-in request that runs one
indexed query, measured in the same run.
"""

import json
import os
import random
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings.development")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from safeguard.mash.models import Notification  # noqa: E402
from safeguard.mash.models.choices import Status  # noqa: E402
from safeguard.partners.models import User  # noqa: E402
from safeguard.partners.views.sign_in import MFA_VERIFIED  # noqa: E402
from safeguard.people.models import Person  # noqa: E402

RUNS = int(os.environ.get("BENCH_PAGE_RUNS", "100"))
WARM = 10


def _client(email_start: str) -> Client:
    client = Client()
    client.force_login(
        User.objects.get(email__startswith=email_start),
        backend="safeguard.partners.auth.EmailBackend",
    )
    session = client.session
    session[MFA_VERIFIED] = True
    session.save()
    return client


def _timed(run, times: list[float]) -> None:
    started = time.perf_counter()
    response = run()
    times.append(time.perf_counter() - started)
    assert response.status_code in (200, 302), response.status_code


DRAFT = {
    "urgent": False,
    "children": [
        {
            "given_name": "Ava",
            "family_name": "Patel",
            "date_of_birth": "2015-06-01",
            "sex": "F",
            "nhs_number": "",
            "address": "",
            "postcode": "",
            "school": "",
            "person_id": None,
        }
    ],
    "adults": [],
    "concerns": ["neglect"],
    "what_happened": "Hungry at school all week",
    "risk_now": "At school until 3pm",
    "consent_sought": "not_sought",
    "consent_not_sought_reason": "increase_risk",
    "lawful_basis": "public_task",
    "sharing_decided_by": "Jo Smith, DSL",
}


def main() -> None:
    settings.ALLOWED_HOSTS = ["testserver"]
    rng = random.Random(7)
    mash = _client("mash.practitioner@")
    police = _client("police.officer@")
    people = list(Person.objects.order_by("id").values_list("pk", flat=True)[:1000])
    decided = list(
        Notification.objects.filter(status=Status.DECIDED)
        .order_by("id")
        .values_list("pk", flat=True)[:5000]
    )
    times: dict[str, list[float]] = {
        "floor": [],
        "queue": [],
        "notification": [],
        "submit": [],
        "home": [],
    }
    with override_settings(ROOT_URLCONF="bench.floor_urls"):
        for i in range(WARM + RUNS):
            sample: dict[str, list[float]] = times if i >= WARM else {k: [] for k in times}
            _timed(lambda: mash.get(f"/bench/floor/{rng.choice(people)}/"), sample["floor"])
            _timed(lambda: mash.get("/mash/queue/"), sample["queue"])
            _timed(
                lambda: mash.get(f"/mash/notifications/{rng.choice(decided)}/"),
                sample["notification"],
            )
            session = police.session
            session["mash_notification_draft"] = DRAFT
            session.save()
            _timed(lambda: police.post("/mash/notify/check/"), sample["submit"])
            # The home page's work counts, for a role that has every kind of work.
            _timed(lambda: mash.get("/"), sample["home"])
    print(json.dumps({"notifications": Notification.objects.count(), "times": times}))


if __name__ == "__main__":
    main()
