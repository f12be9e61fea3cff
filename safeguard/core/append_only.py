"""The tables nobody may change or empty: the database refuses it as the application does.

Their triggers are made by core migrations 0002, 0003 and 0004; `safeguard db-grants` gives
the app's database role SELECT and INSERT on them and nothing more.
"""

APPEND_ONLY_TABLES = (
    "core_accesslogentry",
    "core_accesslogsubject",
    "core_auditevent",
    "core_securityevent",
)
