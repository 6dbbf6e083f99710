"""Source: the documents behind the records, latest published first."""

from __future__ import annotations

import datetime as dt

import pytest

from agreements.models import Source
from tests.factories import AgreementFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_undated_sources_come_last_on_either_database():
    undated = SourceFactory(published_on=None, title="A statement")
    older = SourceFactory(published_on=dt.date(2020, 1, 8), title="B")
    newer = SourceFactory(published_on=dt.date(2020, 7, 22), title="C")
    assert list(Source.objects.all()) == [newer, older, undated]
    agreement = AgreementFactory()
    agreement.sources.set([undated, older, newer])
    assert list(agreement.sources.all()) == [newer, older, undated]
