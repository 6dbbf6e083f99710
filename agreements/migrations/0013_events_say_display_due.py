"""Events name a deadline's stated due time ``display_due``, as the API does (it was ``due_display``).

The stored snapshots are renamed too, so that the timeline and redeliveries
speak one name whatever their age. A key renamed, nothing else: the values
stay as they were when the event happened. One statement per database, in
its own JSON functions; a delivery retried after this sends the new name.
"""

from django.db import migrations

SQL = {
    "postgresql": (
        "UPDATE agreements_event SET data = jsonb_set(data #- '{{deadline,{old}}}', '{{deadline,{new}}}', "
        "data #> '{{deadline,{old}}}') WHERE jsonb_exists(data -> 'deadline', '{old}')"
    ),
    "sqlite": (
        "UPDATE agreements_event SET data = json_remove(json_set(data, '$.deadline.{new}', "
        "json_extract(data, '$.deadline.{old}')), '$.deadline.{old}') "
        "WHERE json_type(data, '$.deadline.{old}') IS NOT NULL"
    ),
}


def rename(connection, old: str, new: str) -> None:
    """Rename ``data.deadline.<old>`` to ``<new>`` in every stored event that has it."""
    with connection.cursor() as cursor:
        cursor.execute(SQL[connection.vendor].format(old=old, new=new))


def forwards(apps, schema_editor):
    rename(schema_editor.connection, "due_display", "display_due")


def backwards(apps, schema_editor):
    rename(schema_editor.connection, "display_due", "due_display")


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0012_event_happened_at"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=True)]
