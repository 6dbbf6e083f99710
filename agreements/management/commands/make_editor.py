"""``python manage.py make_editor USER``: let an existing user edit (``make editor USER=…``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from agreements.editors import EDITORS
from agreements.services.editors import user_make_editor


class Command(BaseCommand):
    help = f'Make an existing user an editor: staff (the admin lets them in) and in the "{EDITORS}" group.'

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The user's username.")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        try:
            user = user_make_editor(username=username)
        except User.DoesNotExist:
            raise CommandError(
                f"There is no user {username!r}. Create one first: `python manage.py createsuperuser`, "
                "or Users → Add in the admin."
            ) from None
        self.stdout.write(self.style.SUCCESS(f'{user.username} is an editor: staff, in the "{EDITORS}" group.'))
