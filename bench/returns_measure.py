"""Issue 5's measurement against the database in DATABASE_URL; prints JSON on its last line.

Writes the demo borough's three years of SSDA903 returns at BENCH_SCALE (10 unless set), then
times importing each year into an empty database, re-importing it unchanged, and computing
every indicator.
"""

import datetime as dt
import json
import os
import random
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings.development")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from safeguard.core.actors import Actor  # noqa: E402
from safeguard.demo import calibration as cal  # noqa: E402
from safeguard.demo.care_returns import CareReturns  # noqa: E402
from safeguard.demo.generator import BoroughGenerator  # noqa: E402
from safeguard.people.models import Person  # noqa: E402
from safeguard.returns.dfe_validators import dfe_validate  # noqa: E402
from safeguard.returns.indicators import indicator_values  # noqa: E402
from safeguard.returns.models import CareEpisode, ReturnChild  # noqa: E402
from safeguard.returns.services.imports import return_import  # noqa: E402

SCALE = int(os.environ.get("BENCH_SCALE", "10"))
RUNS = int(os.environ.get("BENCH_REPORT_RUNS", "20"))


def _children(council: object, count: int) -> None:
    rng = random.Random(5)
    Person.objects.bulk_create(
        (
            Person(
                kind="child",
                date_of_birth=dt.date(2000, 6, 1) + dt.timedelta(days=rng.randrange(6400)),
                sex=rng.choice("MF"),
                ethnicity="WBRI",
                recorded_by_agency=council,
            )
            for _ in range(count)
        ),
        batch_size=5000,
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    generator = BoroughGenerator(scale=SCALE, seed=13, progress=False)
    agencies = generator._agencies()
    users = generator._users(agencies)
    council = agencies[cal.COUNCIL]
    _children(council, 30_000)
    actor = Actor.for_user(users["analyst"])
    imports, again, rows, validator, validator_wall = [], [], 0, [], []
    errors: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        care = CareReturns(
            seed=13, scale=SCALE, council=council, analyst=users["analyst"], progress=False
        )
        for year, files in care.write_returns(Path(folder)):
            rows += sum(f.content.count(b"\n") - 1 for f in files)
            started = time.perf_counter()
            return_import(actor=actor, collection_year=year, files=files)
            imports.append(time.perf_counter() - started)
            started = time.perf_counter()
            assert return_import(actor=actor, collection_year=year, files=files).unchanged
            again.append(time.perf_counter() - started)
            # The DfE's validator on the same files: its own time, and with its start-up.
            started = time.perf_counter()
            report = dfe_validate(
                kind="903", path=Path(folder) / str(year), year=year, la=cal.LA_ONS_CODE
            )
            validator_wall.append(time.perf_counter() - started)
            validator.append(report.seconds)
            for code, found in report.errors.items():
                errors[code] = errors.get(code, 0) + found["count"]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    years = [y.year for y in cal.CARE_YEARS]
    indicators = []
    for i in range(RUNS + 2):
        started = time.perf_counter()
        for year in years:
            indicator_values(collection_year=year)
        if i >= 2:
            indicators.append(time.perf_counter() - started)
    counts = {
        "rows": rows,
        "children": ReturnChild.objects.count(),
        "episodes": CareEpisode.objects.count(),
    }
    print(
        json.dumps(
            {
                "imports": imports,
                "again": again,
                "validator": validator,
                "validator_wall": validator_wall,
                "validator_errors": errors,
                "indicators": indicators,
                "counts": counts,
            }
        )
    )


if __name__ == "__main__":
    main()
