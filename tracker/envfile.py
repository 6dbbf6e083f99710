"""The local ``.env``: where settings find what the environment leaves unset, and the one ``make run`` writes.

Settings read ``.env`` beside ``manage.py`` (or the file ``ENV_FILE`` names;
``ENV_FILE=/dev/null`` reads none, as the test suite does); the real
environment always wins over it.

``make run`` writes a *development* ``.env`` on its first start, when there is
none, so that every process on the machine — the ones ``make run`` starts and
``manage.py`` in a second shell — runs with the same settings: DEBUG on and a
SECRET_KEY generated here. The key is what keeps production strict: it starts
with :data:`DEVELOPMENT_KEY_PREFIX` (Django's own mark for a key that must not
be deployed, which ``check --deploy`` warns about too), and the settings refuse
such a key whenever DEBUG is off — wherever it comes from (this file, a
docker compose ``env_file``, a copied value), a development file cannot run a
production process.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from tracker.env import Env, env

BASE_DIR = Path(__file__).resolve().parent.parent
DEVELOPMENT_KEY_PREFIX = "django-insecure-"

_DEVELOPMENT_FILE = """\
# Written by `make run` for local development on this machine; not in git (.gitignore),
# not in the image (.dockerignore). Every process started here reads it: `make run`,
# and `.venv/bin/python manage.py …` in another shell. The real environment wins.
#
# Not for a deployment: the SECRET_KEY below starts with "{prefix}", and the
# settings refuse such a key whenever DEBUG is off. For docker compose or a server,
# replace this file with a copy of .env.example and fill in what it marks REQUIRED.
DEBUG=true
SECRET_KEY={key}
# Everything else keeps its default (.env.example lists them): SQLite and Celery's
# filesystem broker under var/. Add DATABASE_URL=postgres://… and
# CELERY_BROKER_URL=redis://… here to run every process on PostgreSQL and Redis.
"""


def path() -> Path:
    """The file settings read: ``ENV_FILE``, else ``.env`` beside ``manage.py``."""
    return Path(env.string("ENV_FILE", str(BASE_DIR / ".env")))


def development_key() -> str:
    """A fresh key for one machine's development: random, and marked as not for deployment.

    URL-safe characters only, so it needs no quoting in any ``.env`` dialect
    (python-dotenv's, docker compose's): no ``#``, ``$`` or quotes.
    """
    return DEVELOPMENT_KEY_PREFIX + secrets.token_urlsafe(50)


def is_development_key(key: str) -> bool:
    return key.startswith(DEVELOPMENT_KEY_PREFIX)


def write_development_file(target: Path) -> bool:
    """Write a development ``.env`` at ``target`` unless a file is there; say whether it did.

    An existing file is never touched: it is the developer's own (or a
    deployment's). Created exclusively (two ``make run`` at once cannot both
    write) and readable by its owner only, since it holds a key.
    """
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(_DEVELOPMENT_FILE.format(prefix=DEVELOPMENT_KEY_PREFIX, key=development_key()))
    return True


def complete_development_file(target: Path) -> list[str]:
    """Add to an existing ``.env`` the DEBUG and SECRET_KEY it lacks; return the names added.

    A file someone wrote before the first ``make run`` (``WEBHOOK_ALLOW_LOOPBACK=true``, say)
    would otherwise leave ``manage.py`` in a second shell without a key. Nothing already in
    the file changes, and a file that turns DEBUG off gets no development key: that is a
    deployment's file, and its missing key is for its owner to give.
    """
    from dotenv import dotenv_values

    if not target.is_file():
        return []
    values = dotenv_values(target)
    if "SECRET_KEY" in values:
        return []
    in_file = Env({name: value for name, value in values.items() if value is not None})
    try:
        if not in_file.boolean("DEBUG", True):
            return []
    except ImproperlyConfigured:
        return []  # not a boolean: the settings name it when they read it
    lines = [*([] if in_file.string("DEBUG") else ["DEBUG=true"]), f"SECRET_KEY={development_key()}"]
    text = target.read_text(encoding="utf-8")
    with target.open("a", encoding="utf-8") as handle:
        handle.write(("" if not text or text.endswith("\n") else "\n") + "\n".join(lines) + "\n")
    return [line.split("=", 1)[0] for line in lines]
