"""Queries whose SQL is built once per database connection, for the hottest public pages.

Django compiles a queryset to SQL every time it is evaluated. For the small queries of the public
pages that costs about four times as much as running them (0.6 ms against 0.15 ms on SQLite),
and it is the same SQL every time: only the edition differs. A `PreparedQuery` is written as an
ordinary queryset, compiled once per connection with placeholder values, and run again with the
real values. docs/decisions.md has the measurements. Only the `queries` modules of the public
pages (and the results' reads) use it; forms, services and access checks use the ORM.
"""

from collections import namedtuple
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators
from django.http import Http404

# Values to find again among the compiled query's parameters, one per value of a query (by its
# position). Ints are positive and small enough for every integer field: Django compiles a value
# outside a field's range to "no rows" instead of a parameter. A query that happens to hold the
# same constant is refused when compiled ("exactly one query parameter"), never run wrongly.
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1  # what any integer column can hold
_PLACEHOLDERS = {
    int: lambda n: 32_101 + n,
    str: lambda n: f"\ue000prepared-query-placeholder-{n}\ue000",
}


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    slots: dict[str, int]  # placeholder name → its position in params
    compiler: Any
    converters: dict
    make_rows: Callable[[list], list]  # converted rows → results


class PreparedQuery:
    """A queryset whose SQL is compiled once per connection.

    `build` returns the queryset for keyword values of the given types; each value must end up
    as one query parameter (a filter value, not a LIMIT or a column name). A queryset of models
    gives model instances, as Django's own iterator makes them (select_related and annotations
    included); one of `values()` or `values_list()` gives named tuples whose fields are the
    selected names, so read them by name::

        agenda_of = PreparedQuery(
            lambda edition_id: AgendaItem.objects.filter(edition_id=edition_id),
            edition_id=int,
        )
        items = agenda_of(edition_id=3)
    """

    def __init__(self, build: Callable[..., QuerySet], **types: type):
        unsupported = {name: t for name, t in types.items() if t not in _PLACEHOLDERS}
        if unsupported:
            raise ImproperlyConfigured(f"PreparedQuery supports int and str values: {unsupported}")
        self.build = build
        self.types = types

    def __call__(self, *, using: str = "default", **values) -> list:
        if values.keys() != self.types.keys():
            raise TypeError(f"expected the values {sorted(self.types)}, got {sorted(values)}")
        connection = connections[using]
        # Kept on the connection, so it goes away with it (a compiled query refers to it).
        prepared_here = connection.__dict__.setdefault("klimakreise_prepared_queries", {})
        compiled = prepared_here.get(self)
        if compiled is None:
            compiled = prepared_here[self] = self._compile(connection)
        if any(isinstance(v, int) and not _INT_MIN <= v <= _INT_MAX for v in values.values()):
            return []  # as the ORM answers for an id no column can hold (SQLite would raise)
        params = list(compiled.params)
        for name, position in compiled.slots.items():
            params[position] = values[name]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = compiled.compiler.apply_converters(rows, compiled.converters)
        return compiled.make_rows(rows)

    def first_or_404(self, **values):
        """The first result, as for a page's object by its slug; Http404 when there is none."""
        for result in self(**values):
            return result
        raise Http404

    def _compile(self, connection) -> _Compiled:
        placeholders = {name: _PLACEHOLDERS[t](n) for n, (name, t) in enumerate(self.types.items())}
        queryset = self.build(**placeholders)
        if queryset.query.extra_select:
            raise ImproperlyConfigured("PreparedQuery does not support extra().")
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        slots = {}
        for name, placeholder in placeholders.items():
            positions = [i for i, p in enumerate(params) if p == placeholder]
            if len(positions) != 1:
                raise ImproperlyConfigured(f"{name!r} must become exactly one query parameter.")
            slots[name] = positions[0]
        if queryset.query.values_select or compiler.klass_info is None:  # values(), values_list()
            make_rows = _named_tuples(queryset)
        else:
            make_rows = _instances(compiler, connection.alias)
        return _Compiled(
            sql=sql,
            params=tuple(params),
            slots=slots,
            compiler=compiler,
            converters=compiler.get_converters([column for column, *_ in compiler.select]),
            make_rows=make_rows,
        )


def _named_tuples(queryset: QuerySet) -> Callable[[list], list]:
    query = queryset.query
    # The names in the order of the SELECT list, as the compiler lays it out.
    if query.selected is not None:
        names = list(query.selected)
    else:
        names = [*query.values_select, *query.annotation_select]
    row_type = namedtuple("Row", names)
    return lambda rows: [row_type._make(row) for row in rows]


def _instances(compiler, using: str) -> Callable[[list], list]:
    # The same steps as Django's ModelIterable, minus compiling the SQL again.
    model = compiler.klass_info["model"]
    fields = compiler.klass_info["select_fields"]
    model_columns = slice(fields[0], fields[-1] + 1)
    init_list = [column.target.attname for column, *_ in compiler.select[model_columns]]
    annotations = list(compiler.annotation_col_map.items())
    populators = get_related_populators(compiler.klass_info, compiler.select, using)

    def make(rows: list) -> list:
        instances = []
        for row in rows:
            instance = model.from_db(using, init_list, row[model_columns])
            for populator in populators:
                populator.populate(row, instance)
            for name, position in annotations:
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances

    return make
