"""Query parameters the API does not know are a 400 naming them, never silently ignored.

``?search=Haftar`` used to list every agreement: the parameter is ``q``, and a
misspelt filter (``?signed_afer=``) or one from another list looked like "no
filter". What a view takes is derived from what the schema documents for it:
on a list, its filter set's filters and the parameters its other filter
backends (``q``, ``ordering``, ``brief``, ``fields``) and its paginator
(``page``, ``page_size``) document; anywhere, ``format`` where DRF's content
negotiation reads it. Anything else is refused, with the parameter meant where
the name is a common one for it (``search`` → ``q``) or a near miss.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from django_filters.rest_framework import DjangoFilterBackend
from django_filters.widgets import SuffixedMultiWidget
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.settings import api_settings

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView

# Names other APIs use, and what this one calls the same thing.
SYNONYMS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        ("search", "query", "s", "keyword", "keywords", "text"),
        ("q", "the search parameter is q (it matches aliases, ignoring case and accents)"),
    ),
    **dict.fromkeys(
        ("sort", "sort_by", "sortby", "order", "order_by", "orderby"),
        ("ordering", "the sort parameter is ordering (e.g. ordering=-date; - for descending)"),
    ),
    **dict.fromkeys(
        ("limit", "per_page", "perpage", "size", "pagesize", "page_length"),
        ("page_size", "the page size parameter is page_size"),
    ),
    **dict.fromkeys(("offset", "start", "cursor", "skip"), ("page", "pages are numbered: use page (from 1)")),
}


def _is_suffixed(widget: Any) -> bool:
    return isinstance(widget, SuffixedMultiWidget) or (
        isinstance(widget, type) and issubclass(widget, SuffixedMultiWidget)
    )


def _filter_set_parameters(backend: DjangoFilterBackend, view: APIView) -> set[str]:
    filterset_class = backend.get_filterset_class(view)
    if filterset_class is None:
        return set()
    names: set[str] = set()
    for name, filter_ in filterset_class.base_filters.items():
        # A range filter reads name_min and name_max (or _after, _before): its widget's suffixes.
        widget = filter_.extra.get("widget", filter_.field_class.widget)
        suffixes: list[str] = getattr(widget, "suffixes", []) if _is_suffixed(widget) else []
        if suffixes:
            names.update(f"{name}_{suffix}" if suffix else name for suffix in suffixes)
        else:
            names.add(name)
    return names


def _documented(sources: Iterable[Any], view: APIView) -> set[str]:
    return {
        parameter["name"]
        for source in sources
        for parameter in source.get_schema_operation_parameters(view)
        if parameter.get("in", "query") == "query"
    }


def list_parameters(view: APIView) -> set[str]:
    """The query parameters a list documents: its filters, search, ordering, shape and pages."""
    names: set[str] = set()
    backends = [backend() for backend in getattr(view, "filter_backends", [])]
    for backend in backends:
        if isinstance(backend, DjangoFilterBackend):
            names |= _filter_set_parameters(backend, view)
    names |= _documented([b for b in backends if not isinstance(b, DjangoFilterBackend)], view)
    return names | page_parameters(view)


def page_parameters(view: APIView) -> set[str]:
    """The paginator's parameters (``page``, ``page_size``), if the view pages."""
    paginator = getattr(view, "paginator", None)
    return _documented([paginator], view) if paginator is not None else set()


def unknown_parameter_message(name: str, known: set[str]) -> str:
    """Why ``name`` is refused: the parameter meant, if it can be told, and what is known here."""
    synonym = SYNONYMS.get(name.lower())
    if synonym is not None and synonym[0] in known:
        return f"No parameter {name} here: {synonym[1]}."
    listed = ", ".join(sorted(known)) if known else "none"
    close = difflib.get_close_matches(name, sorted(known), n=1)
    guess = f"Did you mean {close[0]}? " if close else ""
    return f"No parameter {name} here. {guess}The parameters known here: {listed}."


class KnownQueryParameters:
    """View mixin: a request with a query parameter the view does not document is a 400.

    A list takes what :func:`list_parameters` finds, an action in ``paged_actions``
    its paginator's; every view takes ``format`` where DRF's negotiation reads it.
    """

    paged_actions: ClassVar[frozenset[str]] = frozenset()

    def is_list(self) -> bool:
        # A plain GenericAPIView (the calendar feed) has no action: it is one list.
        return getattr(self, "action", "list") == "list"

    def known_query_parameters(self) -> set[str]:
        view: APIView = self  # type: ignore[assignment]
        known: set[str] = set()
        if isinstance(view.get_content_negotiator(), DefaultContentNegotiation) and api_settings.URL_FORMAT_OVERRIDE:
            known.add(api_settings.URL_FORMAT_OVERRIDE)
        if self.is_list():
            known |= list_parameters(view)
        elif getattr(self, "action", None) in self.paged_actions:
            known |= page_parameters(view)
        return known

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if request.method is None or getattr(self, request.method.lower(), None) is None:
            return  # a method the view does not serve is a 405, whatever the parameters
        known = self.known_query_parameters()
        unknown = [name for name in request.query_params if name not in known]
        if unknown:
            raise ValidationError({name: [unknown_parameter_message(name, known)] for name in unknown})
