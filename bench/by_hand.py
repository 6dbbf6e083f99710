"""A fair baseline for an import: the very rows it wrote, written again by hand.

``snapshot()`` before an import and ``added()`` after it capture every row it
added, in every table (records, history, links, events — whatever the import
writes); ``write()``
puts the same rows into the emptied tables the fastest plain way the database
offers: ``COPY … FROM STDIN`` on PostgreSQL, one ``executemany`` per table on
SQLite, all in one transaction. What is left between the two is the import's
own work: reading and checking the file, matching, deciding, building rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Rows:
    """Rows an import added: per table, its columns and the new rows' values."""

    tables: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(rows) for _, rows in self.tables.values())


def _tables() -> list[str]:
    from django.db import connection

    return sorted(connection.introspection.table_names())


def _primary_keys(table: str) -> tuple[str | None, set[Any]]:
    from django.db import connection

    with connection.cursor() as cursor:
        key = connection.introspection.get_primary_key_column(cursor, table)
        if key is None:
            return None, set()
        cursor.execute(f"SELECT {connection.ops.quote_name(key)} FROM {connection.ops.quote_name(table)}")
        return key, {row[0] for row in cursor.fetchall()}


def snapshot() -> dict[str, tuple[str | None, set[Any]]]:
    """The primary keys in every table now: what ``added`` leaves out."""
    return {table: _primary_keys(table) for table in _tables()}


def added(before: dict[str, tuple[str | None, set[Any]]]) -> Rows:
    """Every row added since ``before``, table by table."""
    from django.db import connection

    rows = Rows()
    for table in _tables():
        key, existing = before.get(table, (None, set()))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [column[0] for column in cursor.description]
            index = columns.index(key) if key in columns else None
            new = [row for row in cursor.fetchall() if index is None or row[index] not in existing]
        if new and (index is not None or not existing):
            rows.tables[table] = (columns, new)
    return rows


def write(rows: Rows) -> None:
    """Insert ``rows`` into their (emptied) tables in one transaction, by COPY or executemany."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for table, (columns, values) in rows.tables.items():
            names = ", ".join(connection.ops.quote_name(c) for c in columns)
            quoted = connection.ops.quote_name(table)
            if connection.vendor == "postgresql":
                from psycopg.types.json import Jsonb

                raw = cursor.cursor  # psycopg's own cursor, for COPY
                with raw.copy(f"COPY {quoted} ({names}) FROM STDIN") as copy:
                    for row in values:
                        copy.write_row([Jsonb(v) if isinstance(v, dict | list) else v for v in row])
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quoted} ({names}) VALUES ({marks})", values)
