"""Reads compiled to SQL once, then run again with new values.

On the hardware this project runs on, the ORM spends 1 to 4 ms of Python building and
compiling a query with many columns, several times what the database spends running it, and a
record page runs a dozen such reads (issue 18). A prepared read keeps Django's own SQL and
Django's own converters and skips only the rebuilding.

A read is built once per *shape* (what changes the SQL: an access scope, a filter chosen,
the number of ids) with stand-ins for its *values* (what changes only the parameters: a
record's id, a time). Values are substituted for the stand-ins where they appear among the
compiled parameters; a value that does not appear there as itself (inside a `LIKE` pattern,
say) is refused when the read is compiled, never guessed at.
"""

import datetime as dt
import secrets
import uuid
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet

# Reads compiled per read object before its cache starts again: shapes are few (a handful of
# scopes, page lengths up to the page size), so reaching this means a shape holds a value.
MAX_SHAPES = 256

Converters = list[tuple[int, tuple[list[Callable[..., Any]], Any]]]


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, str, int | None], ...]  # (param index, value name, list index)
    width: int | None  # columns to keep, where the ORM added some for ordering
    converters: Converters


_EMPTY = _Compiled("", (), (), None, [])


def _stand_in(value: Any) -> Any:
    """A value of the same type that no real value will equal."""
    if isinstance(value, bool) or value is None:
        raise TypeError("a prepared read takes no None or bool value: they change its SQL")
    if isinstance(value, uuid.UUID):
        return uuid.uuid4()
    if isinstance(value, int):
        return 10**14 + secrets.randbelow(9 * 10**14)
    if isinstance(value, dt.datetime):
        # Not value.replace(year=...): the 29th of February has no year 2999.
        start = dt.datetime(2999, 1, 1, tzinfo=value.tzinfo)
        return start + dt.timedelta(microseconds=1 + secrets.randbelow(10**12))
    if isinstance(value, dt.date):
        return dt.date(2999, 1, 1) + dt.timedelta(days=1 + secrets.randbelow(299))
    if isinstance(value, str):
        return f"prepared-{uuid.uuid4().hex}"
    raise TypeError(f"a prepared read takes no {type(value).__name__} value")


def _as_parameter(value: Any, connection: BaseDatabaseWrapper) -> Any:
    """The value as the ORM passes it to this database (UUIDs as hex on SQLite, for one)."""
    if isinstance(value, uuid.UUID):
        return value if connection.features.has_native_uuid_field else value.hex
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _shape_of(values: dict[str, Any]) -> tuple[tuple[str, type, int | None], ...]:
    return tuple(
        (name, type(v), len(v) if isinstance(v, list | tuple) else None)
        for name, v in sorted(values.items())
    )


def _items(name: str, value: Any) -> Iterator[tuple[str, int | None, Any]]:
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield name, index, item
    else:
        yield name, None, value


class PreparedRead:
    """A `values_list` read, compiled once per shape and database, run with new values."""

    def __init__(self, build: Callable[..., QuerySet[Any, Any]], *, using: str = DEFAULT_DB_ALIAS):
        self._build = build
        self._using = using
        self._compiled: dict[Hashable, _Compiled] = {}

    def rows(self, *, shape: dict[str, Hashable] | None = None, **values: Any) -> list[tuple]:
        """The rows `build(**shape, **values)` would give, as tuples."""
        return rows_together(self.bound(shape=shape, **values))[0]

    def bound(self, *, shape: dict[str, Hashable] | None = None, **values: Any) -> "Bound":
        """This read with its shape and values, to run with others in one round trip."""
        return Bound(self, shape or {}, values)

    def _compiled_for(
        self, connection: BaseDatabaseWrapper, shape: dict[str, Any], values: dict[str, Any]
    ) -> _Compiled:
        key = (connection.vendor, tuple(sorted(shape.items())), _shape_of(values))
        compiled = self._compiled.get(key)
        if compiled is None:
            if len(self._compiled) >= MAX_SHAPES:
                self._compiled.clear()
            compiled = self._compiled[key] = self._compile(connection, shape, values)
        return compiled

    def _compile(
        self, connection: BaseDatabaseWrapper, shape: dict[str, Any], values: dict[str, Any]
    ) -> _Compiled:
        stand_ins = {
            name: [_stand_in(v) for v in value]
            if isinstance(value, list | tuple)
            else _stand_in(value)
            for name, value in values.items()
        }
        query = self._build(**shape, **stand_ins).query
        compiler = query.get_compiler(using=self._using)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # the shape alone selects nothing (an empty scope)
            return _EMPTY
        slots: list[tuple[int, str, int | None]] = []
        for name, index, stand_in in (i for n, v in stand_ins.items() for i in _items(n, v)):
            passed = _as_parameter(stand_in, connection)
            found = [p for p, param in enumerate(params) if type(param) is type(passed)]
            found = [p for p in found if params[p] == passed]
            if not found or str(passed) in sql:
                raise ImproperlyConfigured(
                    f"{name!r} is not a plain parameter of this read: pass it in its shape"
                )
            slots.extend((p, name, index) for p in found)
        columns = [s[0] for s in compiler.select[: compiler.col_count]]
        return _Compiled(
            sql=sql,
            params=tuple(params),
            slots=tuple(slots),
            width=compiler.col_count if compiler.has_extra_select else None,
            converters=list(compiler.get_converters(columns).items()),
        )


@dataclass(frozen=True)
class Bound:
    read: PreparedRead
    shape: dict[str, Any]
    values: dict[str, Any]

    def parameters(self, compiled: _Compiled, connection: BaseDatabaseWrapper) -> list[Any]:
        params = list(compiled.params)
        for position, name, index in compiled.slots:
            value = self.values[name] if index is None else self.values[name][index]
            params[position] = _as_parameter(value, connection)
        return params


def rows_together(*reads: Bound) -> list[list[tuple]]:
    """Each read's rows. On PostgreSQL the statements go to the server together and their
    results are read in turn: one round trip, where a page's small lists took one each.
    Elsewhere they run one after another. All must use one database."""
    using = {bound.read._using for bound in reads}
    if len(using) != 1:
        raise ValueError("reads run together must use one database")
    connection = connections[using.pop()]
    compiled = [b.read._compiled_for(connection, b.shape, b.values) for b in reads]
    sent = [i for i, c in enumerate(compiled) if c is not _EMPTY]
    found: list[Sequence[Sequence[Any]]] = [[] for _ in reads]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(sent) > 1:
            sql = "; ".join(compiled[i].sql for i in sent)
            params = [p for i in sent for p in reads[i].parameters(compiled[i], connection)]
            cursor.execute(sql, params)
            for turn, i in enumerate(sent):
                if turn:
                    cursor.nextset()
                found[i] = cursor.fetchall()
        else:
            for i in sent:
                cursor.execute(compiled[i].sql, reads[i].parameters(compiled[i], connection))
                found[i] = cursor.fetchall()
    return [_finished(f, c, connection) for f, c in zip(found, compiled, strict=True)]


def _finished(
    found: Sequence[Sequence[Any]], compiled: _Compiled, connection: BaseDatabaseWrapper
) -> list[tuple]:
    if compiled.width is not None:
        found = [r[: compiled.width] for r in found]
    return [tuple(r) for r in _converted(found, compiled.converters, connection)]


def _converted(
    rows: Sequence[Sequence[Any]], converters: Converters, connection: BaseDatabaseWrapper
) -> Iterator[Sequence[Any]]:
    """Django's own converters (dates from SQLite's text, JSON, UUIDs), as the compiler
    applies them, with the connection this read ran on."""
    if not converters:
        yield from rows
        return
    for found in rows:
        values = list(found)
        for position, (functions, expression) in converters:
            for convert in functions:
                values[position] = convert(values[position], expression, connection)
        yield values
