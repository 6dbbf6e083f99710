"""Event.happened_at: when it happened in the world, beside occurred_at (when it was recorded).

Existing events: a ``deadline.passed`` happened at the due time its own data
recorded, a ``deadline.met`` at the ``met_at`` it recorded, a
``deadline.approaching`` its lead before the due time; anything else when it
was recorded.
"""

import datetime as dt

from django.db import migrations, models
from django.db.models import F


def _instant(value):
    if not value:
        return None
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def backfill(apps, schema_editor):
    Event = apps.get_model("agreements", "Event")
    Event.objects.update(happened_at=F("occurred_at"))
    kinds = ["deadline.passed", "deadline.met", "deadline.approaching"]
    changed = []
    for event in Event.objects.filter(type__in=kinds).only("id", "type", "data").iterator(chunk_size=2000):
        data = event.data or {}
        due = _instant((data.get("deadline") or {}).get("due_at"))
        if event.type == "deadline.passed":
            happened = due
        elif event.type == "deadline.met":
            happened = _instant(data.get("met_at"))
        else:
            lead = data.get("lead_seconds")
            happened = due - dt.timedelta(seconds=lead) if due and isinstance(lead, int) else None
        if happened is not None:
            event.happened_at = happened
            changed.append(event)
        if len(changed) >= 2000:
            Event.objects.bulk_update(changed, ["happened_at"])
            changed = []
    Event.objects.bulk_update(changed, ["happened_at"])


class Migration(migrations.Migration):
    dependencies = [("agreements", "0011_signatory_role_observer")]

    operations = [
        migrations.AddField(model_name="event", name="happened_at", field=models.DateTimeField(null=True)),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(model_name="event", name="happened_at", field=models.DateTimeField()),
        migrations.AddIndex(
            model_name="event", index=models.Index(fields=["-happened_at", "-id"], name="event_history")
        ),
    ]
