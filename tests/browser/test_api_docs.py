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


def test_the_docs_show_the_libya_records_and_the_webhooks(live_server, page):
    page.goto(f"{live_server.url}/api/docs/")
    detail = page.locator("#operations-agreements-agreements_retrieve")
    detail.locator(".opblock-summary").click()
    ok = detail.locator("tr.response[data-code='200']")
    ok.wait_for()
    assert "The agreement in full" in ok.inner_text()
    assert (
        "Turkish–Russian joint statement on Libya (Istanbul, 8 January 2020)" in ok.locator(".microlight").inner_text()
    )

    passed = page.locator("#operations-webhooks-webhook_deadline_passed")
    passed.locator(".opblock-summary").click()
    assert "webhook-signature" in passed.inner_text()
    message = passed.locator(".microlight").first
    message.wait_for()
    assert "00:00 on 12 January 2020 (Africa/Tripoli)" in message.inner_text()
