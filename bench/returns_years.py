"""Five years of returns on the scale-10 demo borough, and the time to compute every indicator.

The demo has three calibrated years. The two years after them are the last two moved forward
by two years (every date, and the census year), imported through the same path: the same
volumes, as a council's next two returns would have. Prints JSON on its last line.
"""

import json
import os
import re
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings.development")

import django

django.setup()

from django.db import connection  # noqa: E402

from safeguard.core.actors import Actor  # noqa: E402
from safeguard.demo import calibration as cal  # noqa: E402
from safeguard.partners.models import User  # noqa: E402
from safeguard.returns.indicators import INDICATORS, indicator_values  # noqa: E402
from safeguard.returns.models import (  # noqa: E402
    CareEpisode,
    ChildInNeedEpisode,
    ReturnChild,
    ReturnKind,
)
from safeguard.returns.services.exports import return_export  # noqa: E402
from safeguard.returns.services.imports import ReturnFile, return_import  # noqa: E402

RUNS = int(os.environ.get("BENCH_REPORT_RUNS", "20"))
SHIFT = 2


def _day(day: str, month: str) -> str:
    return "28" if (day, month) == ("29", "02") else day


def shifted(text: str) -> str:
    text = re.sub(
        r"\b(\d{2})/(\d{2})/(\d{4})\b",
        lambda m: f"{_day(m[1], m[2])}/{m[2]}/{int(m[3]) + SHIFT}",
        text,
    )
    text = re.sub(
        r"\b(\d{4})-(\d{2})-(\d{2})(?=[<T])",
        lambda m: f"{int(m[1]) + SHIFT}-{m[2]}-{_day(m[3], m[2])}",
        text,
    )
    return re.sub(r"<Year>(\d{4})</Year>", lambda m: f"<Year>{int(m[1]) + SHIFT}</Year>", text)


def main() -> None:
    actor = Actor.for_user(User.objects.get(email__startswith="analyst@"))
    # The demo's calibrated years; on a second run the moved years are already there and
    # import unchanged.
    years = [y.year for y in cal.CARE_YEARS]
    for year in years[-SHIFT:]:
        for kind in (ReturnKind.SSDA903, ReturnKind.CIN):
            exported = return_export(actor=actor, collection_year=year, kind=kind)
            files = [ReturnFile(n, shifted(t).encode()) for n, t in exported.items()]
            return_import(actor=actor, collection_year=year + SHIFT, files=files)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    five = [*years, *(y + SHIFT for y in years[-SHIFT:])]
    times = []
    for i in range(RUNS + 2):
        started = time.perf_counter()
        for year in five:
            indicator_values(collection_year=year)
        if i >= 2:
            times.append(time.perf_counter() - started)
    current = {
        "child__statutory_return__is_current": True,
        "child__statutory_return__collection_year__in": five,
    }
    print(
        json.dumps(
            {
                "times": times,
                "codes": list(INDICATORS),
                "children": ReturnChild.objects.filter(
                    statutory_return__is_current=True, statutory_return__collection_year__in=five
                ).count(),
                "episodes": CareEpisode.objects.filter(**current).count(),
                "referrals": ChildInNeedEpisode.objects.filter(**current).count(),
            }
        )
    )


if __name__ == "__main__":
    main()
