"""Run in its own process: Safeguard's batch linker on one CSV, writing the pairs at or above
0.5, and printing its time and comparisons as one JSON line (the bench measures its memory)."""

import json
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguard.settings.development")
django.setup()

from pathlib import Path  # noqa: E402

from safeguard.people.matching.batch import (  # noqa: E402
    Linker,
    arrays_returned_when_freed,
    link,
    read_records,
)


def main(source: str, target: str) -> None:
    started = time.perf_counter()
    arrays_returned_when_freed()
    linker = Linker.of_records(read_records(Path(source)), None)
    with open(target, "w", newline="", encoding="utf-8") as out:
        stats = link(linker, out=out, threshold=0.5)
    print(
        json.dumps(
            {
                "seconds": time.perf_counter() - started,
                "comparisons": stats.comparisons,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
