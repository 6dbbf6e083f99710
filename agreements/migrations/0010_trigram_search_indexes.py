"""Trigram indexes for ``?q=`` on PostgreSQL (``pg_trgm``); nothing on SQLite.

Search matches folded words anywhere in ``search_text`` (``LIKE '%term%'``),
which a B-tree cannot serve: every search read every row. A GIN index with
``gin_trgm_ops`` serves such a ``LIKE`` for terms of three characters or more.
SQLite has no such index and its tables here are small: left as it is.
"""

from django.db import migrations

TABLES = (
    "agreements_agreement",
    "agreements_actor",
    "agreements_commitment",
    "agreements_deadline",
    "agreements_source",
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table in TABLES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_search_trgm ON {table} USING gin (search_text gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("agreements", "0009_lighter_outbox_indexes")]

    operations = [migrations.RunPython(create, drop)]
