"""The API's errors: a change that lost a race with another is a 409 or a 404, never a 500."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from agreements.models import Commitment
from utilities.api.errors import exception_handler


class _DatabaseError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def _raised_by_database(sqlstate: str) -> OperationalError:
    error = OperationalError("deadlock detected")
    error.__cause__ = _DatabaseError(sqlstate)
    return error


@pytest.mark.parametrize("sqlstate", ["40P01", "40001"])
def test_a_deadlock_or_serialization_failure_is_a_conflict_to_retry(sqlstate):
    response = exception_handler(_raised_by_database(sqlstate), {})
    assert response.status_code == 409
    assert "try again" in response.data["detail"]


def test_another_database_failure_is_left_alone():
    assert exception_handler(_raised_by_database("57014"), {}) is None  # a statement timeout: a 500


def test_a_record_deleted_while_the_change_waited_is_not_found():
    response = exception_handler(Commitment.DoesNotExist(), {})
    assert response.status_code == 404
    assert "deleted" in response.data["detail"]
