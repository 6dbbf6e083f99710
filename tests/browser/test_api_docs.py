"""Swagger UI at /api/docs/, in a real browser: served offline, and a search runs from it."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_search_runs_from_swagger_ui(live_server, page, seeded):
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(f"{live_server.url}/api/docs/")
    operation = page.locator("#operations-agreements-agreements_list")
    operation.locator(".opblock-summary").click()
    # tryItOutEnabled is on: the parameters are editable straight away.
    operation.locator('tr[data-param-name="q"] input[type=text]').fill("Hafter")
    operation.locator(".execute").click()
    body = operation.locator(".live-responses-table .response-col_description .microlight").first
    body.wait_for()
    text = body.inner_text()
    assert "Joint Statement on the Turkish-Russian High-Level Consultations on Libya" in text
    assert '"count": 2' in text
    # Swagger UI's own files come from this server (no CDN): nothing failed to load.
    assert failed == []
