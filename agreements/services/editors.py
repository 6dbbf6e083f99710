"""Who may edit: making an existing user an editor."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from agreements.editors import ensure_editors_group


@transaction.atomic
def user_make_editor(*, username: str) -> User:
    """Let an existing user keep the records: staff, so the admin lets them in, and a member of
    the "editors" group, whose model permissions the admin and the API check on every write.

    Idempotent: an editor stays one, with nothing changed. A missing user raises
    ``User.DoesNotExist`` (users are made by ``createsuperuser`` or in the admin,
    where their passwords are checked).
    """
    user = User.objects.select_for_update().get(username=username)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(ensure_editors_group())
    return user
