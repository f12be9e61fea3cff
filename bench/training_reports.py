"""Issue 4's measurement against the database in DATABASE_URL; prints JSON on its last line.

Loads ten financial years of training at BENCH_SCALE (10 unless set; each shaped like the
calibrated 2017-18) into an empty database, then times the section 9.3 table and the impact
measures over the ten years, and over one year for comparison.
"""

import dataclasses
import datetime as dt
import json
import os
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings.development")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from safeguard.demo import calibration as cal  # noqa: E402
from safeguard.demo.generator import BoroughGenerator  # noqa: E402
from safeguard.demo.training_activity import TrainingActivity  # noqa: E402
from safeguard.training import reports  # noqa: E402
from safeguard.training.models import Booking, ELearningCompletion, Evaluation  # noqa: E402

SCALE = int(os.environ.get("BENCH_SCALE", "10"))
FIRST_YEAR, YEARS = 2008, 10
RUNS = int(os.environ.get("BENCH_REPORT_RUNS", "20"))


def _year_like_2017(year: int) -> cal.DemoTrainingYear:
    shape = next(y for y in cal.TRAINING_YEARS if y.year == 2017)
    shift = year - shape.year
    events = tuple(
        dataclasses.replace(e, day=(e.day[0] + shift, e.day[1], e.day[2])) for e in shape.events
    )
    return dataclasses.replace(shape, year=year, events=events)


def _load() -> float:
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    generator = BoroughGenerator(scale=SCALE, seed=11, progress=False)
    users = generator._users(generator._agencies())
    TrainingActivity(
        seed=11,
        scale=SCALE,
        users=users,
        progress=False,
        years=[_year_like_2017(FIRST_YEAR + i) for i in range(YEARS)],
        upcoming=False,
    ).run()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as the demo loader does, and autovacuum would in time
    return time.perf_counter() - started


def _time(start: dt.date, end: dt.date) -> list[float]:
    times = []
    for i in range(RUNS + 2):
        started = time.perf_counter()
        reports.delivery_table(start=start, end=end)
        reports.impact(start=start, end=end)
        if i >= 2:  # two warm-up runs
            times.append(time.perf_counter() - started)
    return times


def main() -> None:
    load = _load()
    ten = _time(dt.date(FIRST_YEAR, 4, 1), dt.date(FIRST_YEAR + YEARS, 3, 31))
    last = FIRST_YEAR + YEARS - 1
    one = _time(dt.date(last, 4, 1), dt.date(last + 1, 3, 31))
    counts = {
        "bookings": Booking.objects.count(),
        "evaluations": Evaluation.objects.count(),
        "completions": ELearningCompletion.objects.count(),
    }
    print(json.dumps({"load": load, "counts": counts, "ten_years": ten, "one_year": one}))


if __name__ == "__main__":
    main()
