"""Reporting periods: a financial year (2017 is 2017-18) or one of its quarters (1 is April to
June)."""

import datetime as dt
from dataclasses import dataclass

from safeguard.returns.codelists import year_label
from safeguard.returns.codelists.years import year_end, year_start


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int | None = None

    def __post_init__(self) -> None:
        if self.quarter is not None and not 1 <= self.quarter <= 4:
            raise ValueError("A quarter is 1 to 4")

    @property
    def start(self) -> dt.date:
        if self.quarter is None:
            return year_start(self.year)
        month = 3 * self.quarter + 1  # April, July, October, January
        return dt.date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> dt.date:
        if self.quarter is None or self.quarter == 4:
            return year_end(self.year)
        return Period(self.year, self.quarter + 1).start - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        return year_label(self.year) + (f" Q{self.quarter}" if self.quarter else "")

    @property
    def key(self) -> str:
        return f"{self.year}" + (f"-Q{self.quarter}" if self.quarter else "")

    def previous(self) -> "Period":
        if self.quarter is None:
            return Period(self.year - 1)
        if self.quarter == 1:
            return Period(self.year - 1, 4)
        return Period(self.year, self.quarter - 1)

    def trend(self, length: int = 5) -> list["Period"]:
        """This period and the ones before it, oldest first."""
        periods = [self]
        while len(periods) < length:
            periods.append(periods[-1].previous())
        return periods[::-1]


def period_parse(text: str) -> Period:
    """'2017' or '2017-Q1', as in a URL's query."""
    year, _, quarter = text.partition("-Q")
    if not year.isdigit() or (quarter and not quarter.isdigit()):
        raise ValueError(f"{text!r} is not a period")
    return Period(int(year), int(quarter) if quarter else None)
