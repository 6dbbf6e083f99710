"""Making a user an editor: the service and `manage.py make_editor` (`make editor USER=…`)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from agreements.editors import EDITORS
from agreements.services.editors import user_make_editor

pytestmark = pytest.mark.django_db


def test_it_makes_a_user_staff_and_an_editor():
    User.objects.create_user("alice", "alice@example.org", "correct-horse-battery")
    user = user_make_editor(username="alice")
    user.refresh_from_db()
    assert user.is_staff
    assert not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [EDITORS]
    assert user.has_perm("agreements.add_source")


def test_an_editor_stays_one_with_nothing_changed():
    User.objects.create_user("alice", "alice@example.org", "correct-horse-battery")
    user_make_editor(username="alice")
    user = user_make_editor(username="alice")
    assert user.groups.count() == 1


def test_a_missing_user_is_refused_and_nobody_is_made():
    with pytest.raises(User.DoesNotExist):
        user_make_editor(username="nobody")
    assert not User.objects.exists()


def test_the_command_lets_the_user_write_through_the_api():
    user = User.objects.create_user("alice", "alice@example.org", "correct-horse-battery")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    assert client.post("/api/v1/sources/", {"title": "A statement"}, format="json").status_code == 403
    out = StringIO()
    call_command("make_editor", "alice", stdout=out)
    assert out.getvalue().strip() == f'alice is an editor: staff, in the "{EDITORS}" group.'
    assert client.post("/api/v1/sources/", {"title": "A statement"}, format="json").status_code == 201


def test_the_command_names_a_missing_user():
    with pytest.raises(CommandError, match="There is no user 'nobody'"):
        call_command("make_editor", "nobody")
