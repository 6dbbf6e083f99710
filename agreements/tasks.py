"""Celery tasks of the domain app. Thin: each calls a service."""

from __future__ import annotations

from celery import shared_task

from agreements.services.sweep import sweep_run


@shared_task(name="agreements.sweep_deadlines", acks_late=True, ignore_result=True)
def sweep_deadlines() -> dict[str, int]:
    """Beat's periodic sweep. Safe to run twice at once, or again after a crash."""
    result = sweep_run()
    return {"flagged": result.flagged, "reminded": result.reminded}
