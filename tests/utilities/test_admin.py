"""Admin building blocks: a related row's column wraps and sorts like the foreign key's."""

from __future__ import annotations

from types import SimpleNamespace

from utilities.admin import related_column


def test_a_related_column_shows_the_related_row_and_sorts_by_its_key():
    column = related_column("commitment")
    assert column(SimpleNamespace(commitment="1. Keep working together")) == "1. Keep working together"
    assert column(SimpleNamespace(commitment=None)) == "-"
    assert column.__name__ == "commitment"  # the cell keeps its class, field-commitment
    assert column.admin_order_field == "commitment"
    assert column.short_description == "commitment"


def test_a_related_column_may_be_named():
    assert related_column("changed_by", "changed by").short_description == "changed by"
