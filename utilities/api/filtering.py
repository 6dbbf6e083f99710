"""Filters that say what they take: a wrong choice is answered with the choices there are."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.request import Request
from rest_framework.views import APIView


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, whose choice filters name their choices when a value is not one of them.

    ``?kind=ceasefire`` is a 400 saying "'ceasefire' is not one of: joint_statement, ceasefire_agreement,
    ...", not Django's "Select a valid choice." that leaves the reader to look the choices up.
    """

    def get_filterset(self, request: Request, queryset: QuerySet, view: APIView) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            for field in filterset.form.fields.values():
                # Not a choice of records (a ModelChoiceField), whose choices are a query and which say
                # what they take themselves.
                if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                    choices = cast("Iterable[tuple[Any, Any]]", field.choices)
                    values = ", ".join(str(value) for value, _ in choices if value != "")
                    field.error_messages["invalid_choice"] = f"%(value)r is not one of: {values}."
        return filterset
