"""What several demo tests set up the same way."""

import datetime as dt
import random

from safeguard.partners.models import Agency
from safeguard.people.models import Person


def children_for_care_returns(council: Agency, *, count: int = 3000, seed: int = 7) -> None:
    """Children aged 0 to 17 on the reference date, far more than come into care, for the care
    returns to be written at full calibration on a borough made smaller."""
    rng = random.Random(seed)
    Person.objects.bulk_create(
        Person(
            kind="child",
            date_of_birth=dt.date(2000, 6, 1) + dt.timedelta(days=rng.randrange(6400)),
            sex=rng.choice("MF"),
            ethnicity="WBRI",
            recorded_by_agency=council,
        )
        for _ in range(count)
    )
