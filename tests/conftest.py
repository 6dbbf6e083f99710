"""Shared fixtures: users with and without editor rights, API clients, seeds."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.webhooks.receiver import Receiver

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="Also run tests marked slow (CI does).")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow (as .ci/run does)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def require(condition: bool, reason: str) -> None:
    """Skip when something outside the repository is missing — but fail in CI, which promises it."""
    if condition:
        return
    if CI:
        pytest.fail(f"CI requires this: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session", autouse=True)
def _clean_test_broker() -> None:
    """Start each run with an empty filesystem broker (the tests' own, under VAR_DIR)."""
    for folder in ("queue", "processed"):
        path = Path(django_settings.BROKER_DIR) / folder
        if path.is_dir():
            shutil.rmtree(path)
        path.mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _plain_static_files(settings: pytest.FixtureRequest) -> None:
    # The manifest storage needs collectstatic first; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    # Real hashing is deliberately slow; tests that check the hasher set their own.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_throttles() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db: None) -> User:
    user = User.objects.create_user("editor", "editor@example.org", "correct-horse-battery")
    user.groups.add(Group.objects.get(name="editors"))
    return user


@pytest.fixture
def staff_editor(editor: User) -> User:
    editor.is_staff = True
    editor.save()
    return editor


@pytest.fixture
def reader(db: None) -> User:
    """Logged in, but with no permission to change anything."""
    return User.objects.create_user("reader", "reader@example.org", "correct-horse-battery")


def _token_client(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def anon_client() -> APIClient:
    return APIClient()


@pytest.fixture
def editor_client(editor: User) -> APIClient:
    return _token_client(editor)


@pytest.fixture
def reader_client(reader: User) -> APIClient:
    return _token_client(reader)


@pytest.fixture
def seeded(db: None) -> None:
    call_command("load_seeds", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A webhook receiver: a real HTTP server on loopback, recording what it is sent."""
    server = Receiver()
    yield server
    server.close()
