"""A commitment's history and Revert in a real browser: the status change shown as
before → after, and a revert that records a status change of its own."""

from __future__ import annotations

from typing import Any

import pytest

from agreements.models import Commitment, Event, Source
from agreements.services.commitments import commitment_set_status
from tests.browser.pages import ankara, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_sees_a_status_change_in_the_history_and_reverts_it(editor_page: Any) -> None:
    page = editor_page
    commitment = Commitment.objects.get(agreement=ankara(), number="4")
    commitment_set_status(
        commitment=commitment, status="breached", sources=[Source.objects.first()], note="Talks collapsed."
    )

    page.goto(f"{page.base}/admin/agreements/commitment/{commitment.pk}/change/")
    page.click("#content-main .object-tools a.historylink")
    page.wait_for_selector("#change-history")
    shot(page, "commitment-history")
    assert "Status: Not yet assessed  →  Breached" in " ".join(page.inner_text("#change-history").split("\xa0"))

    # The version before the status change: as the seeds left it, not yet assessed.
    page.locator("#change-history tbody tr").nth(1).locator("a").first.click()
    page.wait_for_selector("#revert-sets")
    assert page.inner_text("#revert-sets tbody").split("\t") == ["Status", "Breached", "Not yet assessed"]
    page.fill("#id_note", "Recorded against the wrong commitment.")
    shot(page, "commitment-revert")
    page.click("input[name=_revert]")
    page.wait_for_selector(".messagelist .success")
    shot(page, "commitment-reverted")

    commitment.refresh_from_db()
    assert commitment.status == "not_assessed"
    assert commitment.bound_actors.count() == 2  # what the version had, kept
    assert "Reverted to the version of" in page.inner_text(".messagelist")
    timeline = page.inner_text("#status_changes-group")
    assert "Recorded against the wrong commitment." in timeline
    assert Event.objects.filter(type="commitment.status_changed", commitment=commitment).count() == 2
