"""Schemathesis over every operation the schema lists, as an editor — writes included —
and statefully, chaining each created record into the operations that take its id.

Checks: no 5xx; every status code, content type and body as documented; data
that breaks the schema is refused (no validation bypass). Reads as an
anonymous client are fuzzed in ``tests/agreements/api/test_schema.py``.

Excluded check, and why: ``positive_data_acceptance`` — a schema-valid value
can still name nothing (a ``commitment_id`` that no commitment has), which is
rightly a 400 or 404.
"""

from __future__ import annotations

import io
import os
import secrets
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tracker.wsgi import application

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

api = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
EXCLUDED = [positive_data_acceptance]
HEADERS = {"Host": "localhost"}
# Fixed, so that cases generated at collection (explicit examples) carry it too.
TOKEN = secrets.token_hex(20)


@api.auth(refresh_interval=None)
class EditorToken:
    """The editor's token on every request, declared as auth so that schemathesis's
    ``ignored_auth`` check also replays each call without it and expects a refusal."""

    def get(self, case: Any, context: Any) -> str:
        return TOKEN

    def set(self, case: Any, data: str, context: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}


def fresh_records() -> str:
    """The seeds and one editor, on an emptied database with its id sequences reset.

    The stateful test calls this before every scenario: hypothesis replays a
    scenario to shrink it, and the replay must meet the same records with the
    same ids, or it cannot tell a failure from a change in the world.
    """
    call_command("flush", interactive=False, verbosity=0)
    call_command("load_seeds", verbosity=0, stdout=io.StringIO())
    user = User.objects.create_user("fuzzing-editor", password="correct-horse-battery")
    user.groups.add(Group.objects.get(name="editors"))
    return Token.objects.create(user=user, key=TOKEN).key


@pytest.fixture
def editor_token(db, settings) -> Iterator[str]:
    # Requests go straight to the WSGI app: keep the test's connection across them.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    # Throttles are tested on their own; here they would only cut the run short.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    yield fresh_records()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@api.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.usefixtures("editor_token")
def test_every_operation_as_an_editor(case):
    case.call_and_validate(headers=HEADERS, excluded_checks=EXCLUDED)


class Workflow(api.as_state_machine()):  # type: ignore[misc]
    def setup(self) -> None:
        fresh_records()

    def get_call_kwargs(self, case: Any) -> dict[str, Any]:
        return {"headers": HEADERS}

    def validate_response(self, response: Any, case: Any, additional_checks: Any = None, **kwargs: Any) -> None:
        case.validate_response(response, excluded_checks=EXCLUDED, transport_kwargs=kwargs)


@pytest.mark.usefixtures("editor_token")
def test_stateful_sequences_as_an_editor():
    Workflow.run(
        settings=settings(
            max_examples=int(os.environ.get("FUZZ_STATEFUL_EXAMPLES", "40")),
            stateful_step_count=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )
