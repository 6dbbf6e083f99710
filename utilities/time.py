"""The one rendering of an instant in what the service sends: ISO 8601 in UTC with ``Z``.

API responses, webhook payloads and the timeline all show ``2020-01-11T22:00:00Z``
(microseconds only when there are some, as Python's ``isoformat()`` does). The
sweep builds its payloads in SQL, so the same rendering is given here as SQL
for both databases; a test holds the two equal.
"""

from __future__ import annotations

import datetime as dt


def iso(value: dt.datetime | dt.date | None) -> str | None:
    """``2020-01-11T22:00:00Z`` for an instant (in UTC whatever its zone), ``2020-01-08`` for a date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()


def iso_sql(column: str, vendor: str) -> str:
    """SQL rendering a UTC timestamp ``column`` exactly as :func:`iso` does (NULL stays NULL).

    ``vendor`` is Django's ``connection.vendor``; the SQL is written for a
    ``cursor.execute`` with parameters, so a literal ``%`` is doubled.
    """
    if vendor == "postgresql":
        utc = f"({column} AT TIME ZONE 'UTC')"
        return (
            f"(to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN "
            f"(extract(microseconds from {column})::bigint %% 1000000) <> 0 "
            f"THEN to_char({utc}, '.US') ELSE '' END || 'Z')"
        )
    # SQLite keeps 'YYYY-MM-DD HH:MM:SS[.ffffff]' in UTC.
    return f"(replace({column}, ' ', 'T') || 'Z')"


def iso_date_sql(column: str, vendor: str) -> str:
    """SQL rendering a date ``column`` as :func:`iso` does."""
    return f"to_char({column}, 'YYYY-MM-DD')" if vendor == "postgresql" else column
