"""The editors' admin pages in a real browser: names whole and visible, nothing under
the buttons, no table wider than its page. Each page is kept as a screenshot under
var/screenshots/ (SCREENSHOT_DIR) for a person to look at."""

from __future__ import annotations

import pytest

from agreements.models import Commitment
from agreements.services.commitments import commitment_set_status
from tests.browser.pages import ankara, box, cut_off, overlap, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A laptop, and the width at which Django's admin switches to its narrow layout.
WIDTHS = (1280, 1024)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_commitments_name_is_not_hidden_under_the_buttons(editor_page, width):
    page = editor_page
    page.set_viewport_size({"width": width, "height": 900})
    commitment = Commitment.objects.get(agreement=ankara(), number="4")
    page.goto(f"{page.base}/admin/agreements/commitment/{commitment.pk}/change/")
    shot(page, f"commitment-change-{width}")

    name = box(page, "#content > h2")
    assert page.inner_text("#content > h2") == str(commitment)
    for button in page.locator("#content-main > .object-tools li").all():
        assert not overlap(name, button.bounding_box()), f"{button.inner_text()} covers the name"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_signatories_table_is_no_wider_than_its_page(editor_page, width):
    page = editor_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{page.base}/admin/agreements/agreement/{ankara().pk}/change/")
    shot(page, f"agreement-signatories-{width}", selector="#signatories-group")

    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    table, module = box(page, "#signatories-group table"), box(page, "#signatories-group fieldset")
    if width >= 1280:
        assert table["x"] + table["width"] <= module["x"] + module["width"] + 1
    else:  # too narrow for five readable columns: the table scrolls within its module
        assert page.eval_on_selector("#signatories-group fieldset", "e => getComputedStyle(e).overflowX") == "auto"
    # Every field fits its column: the parties' names and roles are read whole.
    assert not cut_off(page, "#signatories-group .select2-selection__rendered")
    assert page.locator("#signatories-group .field-actor .select2-selection__rendered").first.inner_text() == "Turkey"


def test_chosen_names_are_shown_whole_not_cut_off(editor_page):
    page = editor_page
    commitment = Commitment.objects.get(agreement=ankara(), number="4")
    page.goto(f"{page.base}/admin/agreements/commitment/{commitment.pk}/change/")
    shot(page, "commitment-chosen-names", selector="#commitment_form fieldset.module >> nth=0")

    assert page.inner_text(".field-agreement .select2-selection__rendered").strip() == ankara().title
    assert not cut_off(page, ".select2-selection__rendered")
    assert page.input_value("#id_summary") == commitment.summary
    page.goto(f"{page.base}/admin/agreements/agreement/{ankara().pk}/change/")
    shot(page, "agreement-sources", selector=".field-sources")
    assert page.locator(".field-sources .select2-selection__choice").count() == ankara().sources.count()
    assert not cut_off(page, ".select2-selection__rendered, .select2-selection__choice")
    assert page.evaluate("(el => el.scrollWidth <= el.clientWidth)(document.querySelector('#id_summary'))")


def test_an_editor_picks_countries_by_name(editor_page):
    page = editor_page
    agreement = ankara()
    page.goto(f"{page.base}/admin/agreements/agreement/{agreement.pk}/change/")
    assert page.locator(".field-countries .select2-selection__choice").all_inner_texts() == ["×Libya (LY)"]

    page.click(".field-countries .select2-search__field")
    page.keyboard.type("Russia")  # ISO says "Russian Federation"; "Russia" finds it too
    page.wait_for_selector(".select2-results__option--highlighted:has-text('Russian Federation (RU)')")
    shot(page, "agreement-countries", full_page=False)
    page.keyboard.press("Enter")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    agreement.refresh_from_db()
    assert sorted(agreement.countries) == ["LY", "RU"]


def test_lists_show_related_names_whole_within_the_list(editor_page):
    page = editor_page
    page.set_viewport_size({"width": 1280, "height": 900})
    commitment_set_status(commitment=Commitment.objects.get(agreement=ankara(), number="4"), status="in_progress")
    for name in ("deadline", "statuschange", "commitment", "actor"):
        page.goto(f"{page.base}/admin/agreements/{name}/")
        shot(page, f"{name}-list")
        visible = box(page, "#changelist .results")
        for cell in page.locator("#result_list td[class^='field-']").all():
            text, edge = cell.inner_text(), cell.bounding_box()
            if not text.strip() or text.strip() == "-":
                continue
            if cell.get_attribute("class").split()[0] in NAME_COLUMNS:
                assert edge["x"] + edge["width"] <= visible["x"] + visible["width"] + 1, f"{text!r} runs off the list"


# Columns that name a related row (an agreement, a commitment, an actor).
NAME_COLUMNS = {"field-commitment", "field-agreement_link", "field-represents", "field-label"}
