"""``has_item``: does a JSON list column contain a value — on SQLite and PostgreSQL.

Django's own ``contains`` lookup on JSON fields is not available on SQLite, and
``Agreement.countries`` (a short list of ISO codes) is filtered on both.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import JSONField, Lookup
from django.db.models.sql.compiler import SQLCompiler


@JSONField.register_lookup
class HasItem(Lookup):
    """``countries__has_item="LY"``: the list holds the string ``"LY"``."""

    lookup_name = "has_item"
    prepare_rhs = False

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        # ``lhs`` is Django's own quoted column reference; the value is a parameter.
        sql = f"EXISTS (SELECT 1 FROM json_each({lhs}) WHERE json_each.value = %s)"  # noqa: S608
        return sql, [*lhs_params, self.rhs]

    def as_postgresql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        # jsonb ? text: true if the string is an element of the top-level array.
        return f"({lhs} ? %s)", [*lhs_params, self.rhs]
