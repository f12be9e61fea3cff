"""No personal data in logs, even where the database quotes it (issue 16).

PostgreSQL puts the values it refused into its messages (`DETAIL:  Key (nhs_number)=(...)`,
`Failing row contains (...)`, `invalid input syntax for type uuid: "..."`, the parameters of a
statement), and a 500 logs the exception with its message. This filter, on every handler,
rewrites a record's message and traceback without them before anything is written, and drops
Django's log of SQL statements with their parameters at any level below a warning.
"""

import logging
import re
import traceback

REMOVED = "[removed]"

_PATTERNS = (
    # A DETAIL line quotes the key and values a constraint refused, or the failing row.
    (re.compile(r"(DETAIL:\s+).*"), rf"\g<1>{REMOVED}"),
    (re.compile(r"(Key \([^)]*\)=\().*?(\))"), rf"\g<1>{REMOVED}\g<2>"),
    (re.compile(r"(Failing row contains \().*(\))"), rf"\g<1>{REMOVED}\g<2>"),
    (re.compile(r"(invalid input (?:syntax|value) for [^:]*: )\".*?\""), rf'\g<1>"{REMOVED}"'),
    (re.compile(r"(parameter \$\d+ = )'.*?'"), rf"\g<1>'{REMOVED}'"),
)


def scrub(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class DatabaseValuesFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("django.db.backends") and record.levelno < logging.WARNING:
            return False  # a statement with its parameters
        record.msg = scrub(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = scrub("".join(traceback.format_exception(*record.exc_info)))
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True
