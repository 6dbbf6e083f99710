"""Helpers for the API tests."""

from __future__ import annotations

from typing import Any

from rest_framework.response import Response


def results(response: Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def ids(response: Response) -> list[int]:
    return [row["id"] for row in results(response)]
