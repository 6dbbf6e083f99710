"""The "editors" group: who may change the record, through the admin and the API.

Created by migration ``0002_editors_group``; kept in step after every
``migrate`` (and every test-database flush) by ``ensure_editors_group``, so
permissions of models added later reach the group too.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

EDITORS = "editors"
EDITABLE = {
    "agreements": ["actor", "agreement", "signatory", "agreementlink", "commitment", "deadline", "source"],
}
EXTRA = {
    "agreements": ["add_statuschange", "view_statuschange", "view_event", "view_sweeprecord", "view_deadlineextension"],
    # Editors look after subscribers: they see endpoints and the delivery log in the admin.
    "webhooks": ["view_webhookendpoint", "view_webhookdelivery", "view_webhookattempt"],
}


def editor_permission_codenames() -> dict[str, list[str]]:
    """Codenames by app label."""
    codenames: dict[str, list[str]] = {}
    for app_label, models in EDITABLE.items():
        codenames.setdefault(app_label, []).extend(
            f"{action}_{model}" for model in models for action in ("add", "change", "delete", "view")
        )
    for app_label, extra in EXTRA.items():
        codenames.setdefault(app_label, []).extend(extra)
    return codenames


def ensure_editors_group(**_: Any) -> Group:
    """Create the group if missing and give it every editor permission that exists."""
    group, _created = Group.objects.get_or_create(name=EDITORS)
    for app_label, codenames in editor_permission_codenames().items():
        group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
    return group
