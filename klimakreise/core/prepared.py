"""Queries whose SQL is built once per database connection, for the hottest public pages and
the sign-up.

Django compiles a queryset to SQL every time it is evaluated. For the small queries of the public
pages that costs about four times as much as running them (0.6 ms against 0.15 ms on SQLite),
and it is the same SQL every time: only the edition differs. A `PreparedQuery` is written as an
ordinary queryset, compiled once per connection with placeholder values, and run again with the
real values. docs/decisions.md has the measurements.

A `PreparedInsert` does the same for the rows a sign-up writes, which save() and bulk_create()
would compile anew each time.
"""

from collections import namedtuple
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.constants import OnConflict
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


class PreparedInsert:
    """INSERTs of new rows of one model, their SQL built once per connection and row count.

    Each field prepares its value as for save() (pre_save, get_db_prep_save); like bulk_create(),
    no signals are sent. Besides compiling the SQL once, two things make it cheaper than the ORM
    for a sign-up's few rows. Several rows go as a plain `VALUES (…), (…)`: bulk_create sends
    them to PostgreSQL as one array per column, which psycopg's client-side binding quotes in
    Python, and reads their ids back, several times the CPU for three topic wishes. And with
    `ignore_conflicts` the database skips a row that a unique constraint refuses, as
    bulk_create(ignore_conflicts=True) does (PostgreSQL: ON CONFLICT DO NOTHING; SQLite: INSERT
    OR IGNORE, which skips rows breaking NOT NULL or CHECK constraints too): catching save()'s
    IntegrityError instead needs a savepoint, two more round trips::

        PreparedInsert(Preference).many([Preference(registration=r, topic=t, rank=1), ...])
        stored = PreparedInsert(Registration, ignore_conflicts=True).one(registration)
    """

    def __init__(self, model: type[Model], *, ignore_conflicts: bool = False):
        meta = model._meta
        if meta.auto_field is None or meta.parents:
            raise ImproperlyConfigured(
                f"PreparedInsert needs a model with an automatic id: {model}"
            )
        self.model = model
        self.fields = [
            f for f in meta.local_concrete_fields if f is not meta.auto_field and not f.generated
        ]
        if any(hasattr(f, "get_placeholder") for f in self.fields):
            raise ImproperlyConfigured(f"PreparedInsert supports plain %s placeholders: {model}")
        self.on_conflict = OnConflict.IGNORE if ignore_conflicts else None

    def one(self, obj: Model, *, using: str = "default") -> bool:
        """Insert one new instance and set its id; False, and no id, if the database skipped it
        (with ignore_conflicts)."""
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(self._sql(connection, rows=1, returning=True), self._values(obj, using))
            returned = cursor.fetchone()
        if returned is None:
            return False
        obj.pk = returned[0]
        self._mark_saved(obj, using)
        return True

    def many(self, objs: Iterable[Model], *, using: str = "default") -> None:
        """Insert new instances in one statement; their ids are not read back."""
        objs = list(objs)
        if not objs:
            return
        connection = connections[using]
        params = [value for obj in objs for value in self._values(obj, using)]
        with connection.cursor() as cursor:
            cursor.execute(self._sql(connection, rows=len(objs), returning=False), params)
        for obj in objs:
            self._mark_saved(obj, using)

    def _values(self, obj: Model, using: str) -> list:
        if obj.pk is not None:
            raise ValueError(f"PreparedInsert inserts new rows only; {obj!r} has an id.")
        obj._prepare_related_fields_for_save(operation_name="insert")
        connection = connections[using]
        values = []
        for field in self.fields:
            value = field.pre_save(obj, add=True)
            if hasattr(value, "resolve_expression"):
                raise ValueError(f"PreparedInsert takes plain values, not {value!r} ({field}).")
            values.append(field.get_db_prep_save(value, connection=connection))
        return values

    def _sql(self, connection, *, rows: int, returning: bool) -> str:
        # Kept on the connection like a PreparedQuery's SQL; one per row count and returning.
        prepared_here = connection.__dict__.setdefault("klimakreise_prepared_inserts", {})
        key = (self, rows, returning)
        sql = prepared_here.get(key)
        if sql is None:
            sql = prepared_here[key] = self._compile(connection, rows, returning)
        return sql

    def _compile(self, connection, rows: int, returning: bool) -> str:
        ops, meta = connection.ops, self.model._meta
        columns = ", ".join(ops.quote_name(f.column) for f in self.fields)
        placeholders = [["%s"] * len(self.fields)] * rows
        sql = [
            ops.insert_statement(on_conflict=self.on_conflict),
            f"{ops.quote_name(meta.db_table)} ({columns})",
            ops.bulk_insert_sql(self.fields, placeholders),
            ops.on_conflict_suffix_sql(self.fields, self.on_conflict, (), ()),
        ]
        if returning:
            if not connection.features.can_return_columns_from_insert:
                raise ImproperlyConfigured(
                    "PreparedInsert.one() needs INSERT … RETURNING (PostgreSQL, SQLite ≥ 3.35)."
                )
            returning_sql, _ = ops.return_insert_columns([meta.pk])
            sql.append(returning_sql)
        return " ".join(part for part in sql if part)

    @staticmethod
    def _mark_saved(obj: Model, using: str) -> None:
        obj._state.adding = False
        obj._state.db = using
