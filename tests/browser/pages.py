"""Looking at admin pages in the browser: screenshots kept for people, boxes measured for tests."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from agreements.models import Agreement

# Screenshots for a person to look at (git-ignored, like all of var/).
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "var/screenshots"))


def shot(page: Any, name: str, *, selector: str = "", full_page: bool = True) -> None:
    """Keep what the page shows: all of it, what the window shows, or one element."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    if selector:
        page.locator(selector).screenshot(path=str(SHOTS / f"{name}.png"))
    else:
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def box(page: Any, selector: str) -> dict[str, float]:
    """Where the (one) element ``selector`` is on the page, and how big."""
    found: dict[str, float] | None = page.locator(selector).bounding_box()
    assert found is not None, f"{selector} is not on the page"
    return found


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    """Whether two boxes share any area."""
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def cut_off(page: Any, selector: str) -> list[str]:
    """The texts of elements under ``selector`` that do not fit their box (shown cut, with an ellipsis)."""
    found: list[str] = page.eval_on_selector_all(
        selector, "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim())"
    )
    return found


def ankara() -> Agreement:
    """The seeded joint statement of 22 July 2020, with its four points."""
    return Agreement.objects.get(slug__contains="ankara")
