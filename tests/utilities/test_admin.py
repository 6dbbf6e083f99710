"""Admin building blocks: related names that wrap, long texts in wide boxes."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse

from agreements.models import Agreement
from tests.factories import SourceFactory
from utilities.admin import LongTextInputs, related_column


def test_a_related_column_shows_the_related_row_and_sorts_by_its_key():
    column = related_column("commitment")
    assert column(SimpleNamespace(commitment="1. Keep working together")) == "1. Keep working together"
    assert column(SimpleNamespace(commitment=None)) == "-"
    assert column.__name__ == "commitment"  # the cell keeps its class, field-commitment
    assert column.admin_order_field == "commitment"
    assert column.short_description == "commitment"


def test_a_related_column_may_be_named():
    assert related_column("changed_by", "changed by").short_description == "changed by"


class _Admin(LongTextInputs, admin.ModelAdmin):
    pass


@pytest.mark.parametrize(
    ("field", "long"),
    [
        (models.CharField(max_length=500), True),  # a title
        (models.CharField(max_length=200), True),
        (models.CharField(max_length=64), False),  # a time zone
        (models.CharField(max_length=300, choices=[("a", "A")]), False),  # a choice, not text
    ],
)
def test_a_field_that_may_hold_a_long_text_gets_a_wide_box(field, long):
    field.set_attributes_from_name("title")
    formfield = _Admin(Agreement, admin.site).formfield_for_dbfield(field, request=None)
    assert ("long-text" in formfield.widget.attrs.get("class", "")) is long


@pytest.mark.django_db
@pytest.mark.parametrize("column", ["4", "-4"])  # published_on (after the action checkbox), either way
def test_a_list_sorted_by_a_column_that_can_be_empty_puts_the_empty_rows_last(admin_client, column):
    undated = SourceFactory(published_on=None)
    older = SourceFactory(published_on=dt.date(2020, 1, 8))
    newer = SourceFactory(published_on=dt.date(2020, 7, 22))
    response = admin_client.get(reverse("admin:agreements_source_changelist"), {"o": column})
    assert response.status_code == 200
    dated = [older, newer] if column == "4" else [newer, older]
    assert list(response.context["cl"].result_list) == [*dated, undated]
