"""Agreement: dates with precision, countries, PA-X ids."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agreements.models import Agreement
from tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db


def test_a_month_precise_date_is_the_first_of_the_month():
    agreement = Agreement(title="x", slug="x", kind="other", date=dt.date(2021, 3, 5), date_precision="month")
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert "date" in error.value.message_dict


def test_display_date_shows_only_what_is_known():
    assert AgreementFactory(date=dt.date(2020, 1, 8)).display_date == "8 January 2020"
    assert AgreementFactory(date=dt.date(2021, 3, 1), date_precision="month").display_date == "March 2021"
    assert AgreementFactory(date=dt.date(2021, 1, 1), date_precision="year").display_date == "2021"


def test_countries_are_iso_codes():
    agreement = Agreement(title="x", slug="x", kind="other", countries=["LY", "Libya"])
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert "countries" in error.value.message_dict


def test_countries_filter_on_list_membership():
    libya = AgreementFactory(countries=["LY"])
    AgreementFactory(countries=["LB"])
    both = AgreementFactory(countries=["AR", "GB"])
    assert set(Agreement.objects.filter(countries__has_item="LY")) == {libya}
    assert set(Agreement.objects.filter(countries__has_item="GB")) == {both}
    assert not Agreement.objects.filter(countries__has_item="L").exists()


def test_one_agreement_per_pax_id():
    AgreementFactory(external_ids={"pax": "2320"})
    with pytest.raises((IntegrityError, ValidationError)), transaction.atomic():
        AgreementFactory(external_ids={"pax": "2320"})
    assert AgreementFactory(external_ids={"pax": "2321"}).external_ids == {"pax": "2321"}


def test_undated_agreements_come_last_on_either_database():
    undated = AgreementFactory(date=None)
    older = AgreementFactory(date=dt.date(2015, 2, 12))
    newer = AgreementFactory(date=dt.date(2020, 1, 8))
    assert list(Agreement.objects.filter(pk__in=[undated.pk, older.pk, newer.pk])) == [newer, older, undated]
