"""End to end in a real browser: an editor logs in, enters an agreement with a
commitment and a deadline, and records a status change with its source."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User

from agreements.models import Agreement, Commitment, Deadline, StatusChange

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_records_an_agreement_and_what_became_of_it(live_server, page):
    editor = User.objects.create_user("editor", password="correct-horse-battery", is_staff=True)
    editor.groups.add(Group.objects.get(name="editors"))

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")

    # An agreement with one commitment, entered inline.
    page.goto(f"{live_server.url}/admin/agreements/agreement/add/")
    page.fill("#id_title", "Agreement for a Complete and Permanent Ceasefire in Libya")
    page.select_option("#id_kind", "ceasefire_agreement")
    page.fill("#id_date", "2020-10-23")
    # The countries by name ("Libya"), found by another name too ("Turkey" for Türkiye).
    for name, shown in (("Libya", "Libya (LY)"), ("Turkey", "Türkiye (TR)")):
        page.click(".field-countries .select2-search__field")
        page.keyboard.type(name)
        page.wait_for_selector(f".select2-results__option--highlighted:has-text('{shown}')")
        page.keyboard.press("Enter")
    assert page.locator(".field-countries .select2-selection__choice").all_inner_texts() == [
        "×Libya (LY)",
        "×Türkiye (TR)",
    ]
    page.click("#commitments-group .add-row a")
    page.fill("#id_commitments-0-number", "1")
    page.select_option("#id_commitments-0-category", "withdrawal")
    page.fill(
        "#id_commitments-0-wording",
        "All military units and armed groups on the front lines shall return to their camps.",
    )
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    agreement = Agreement.objects.get()
    assert agreement.slug.startswith("agreement-for-a-complete-and-permanent-ceasefire")
    assert sorted(agreement.countries) == ["LY", "TR"]
    commitment = Commitment.objects.get(agreement=agreement)

    # A deadline on the commitment: within three days (day precision, Libyan time).
    page.goto(f"{live_server.url}/admin/agreements/commitment/{commitment.pk}/change/")
    page.click("#deadlines-group .add-row a")
    page.fill("#id_deadlines-0-wording", "within three days")
    page.select_option("#id_deadlines-0-precision", "day")
    page.fill("#id_deadlines-0-time_zone", "Africa/Tripoli")
    page.fill("#id_deadlines-0-year", "2020")
    page.fill("#id_deadlines-0-month", "10")
    page.fill("#id_deadlines-0-day", "26")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    deadline = Deadline.objects.get(commitment=commitment)
    assert deadline.due_at == dt.datetime(2020, 10, 26, 22, 0, tzinfo=dt.UTC)

    # What became of it, with its source.
    page.click("a.recordstatuslink")
    page.select_option("#id_status", "partially_met")
    page.fill("#id_note", "Some units withdrew; others stayed.")
    page.fill("#id_source_title", "UN Security Council briefing")
    page.fill("#id_source_link", "https://example.org/briefing")
    page.fill("#id_source_quote", "Some units have withdrawn from the front lines.")
    page.click("input[name=_record]")
    page.wait_for_selector(".messagelist .success")
    assert "Partially met" in page.inner_text(".messagelist")

    change = StatusChange.objects.get()
    assert (change.to_status, change.changed_by) == ("partially_met", editor)
    assert change.sources.get().quote == "Some units have withdrawn from the front lines."
    # The timeline on the commitment page shows it.
    assert "Some units withdrew; others stayed." in page.inner_text("#status_changes-group")
