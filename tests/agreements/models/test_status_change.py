"""StatusChange: an outcome needs evidence."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from agreements.models import StatusChange
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", ["met", "partially_met", "breached"])
def test_an_outcome_needs_a_source(status):
    with pytest.raises(ValidationError) as error:
        StatusChange.check_evidence("not_assessed", status, [])
    assert "sources" in error.value.message_dict
    StatusChange.check_evidence("not_assessed", status, [SourceFactory()])


@pytest.mark.parametrize("status", ["in_progress", "withdrawn", "not_assessed"])
def test_other_statuses_need_no_source(status):
    StatusChange.check_evidence("breached", status, [])


def test_a_change_to_the_same_status_is_refused():
    with pytest.raises(ValidationError, match="already"):
        StatusChange.check_evidence("met", "met", [SourceFactory()])
