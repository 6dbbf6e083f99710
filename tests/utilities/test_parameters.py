"""What a view takes as query parameters, and how it refuses the rest."""

from __future__ import annotations

from django_filters import rest_framework as filters
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import generics

from agreements.models import Deadline
from utilities.api.parameters import list_parameters, unknown_parameter_message


class Ranges(filters.FilterSet):
    due = filters.IsoDateTimeFromToRangeFilter(field_name="due_at")
    year = filters.RangeFilter()
    state = filters.CharFilter()

    class Meta:
        model = Deadline
        fields: list[str] = []


class RangeList(generics.ListAPIView):
    queryset = Deadline.objects.all()
    filterset_class = Ranges
    filter_backends = [DjangoFilterBackend]
    pagination_class = None


def test_a_range_filter_takes_its_suffixed_parameters():
    assert list_parameters(RangeList()) == {"due_after", "due_before", "year_min", "year_max", "state"}


def test_a_synonym_names_the_parameter_meant_only_where_there_is_one():
    assert unknown_parameter_message("limit", {"page", "page_size"}) == (
        "No parameter limit here: the page size parameter is page_size."
    )
    assert unknown_parameter_message("limit", {"format"}) == (
        "No parameter limit here. The parameters known here: format."
    )
    assert unknown_parameter_message("x", set()) == "No parameter x here. The parameters known here: none."
