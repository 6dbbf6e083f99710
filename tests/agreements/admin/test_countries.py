"""The agreement's countries: picked by name from ISO 3166-1, stored as alpha-2 codes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from agreements.admin.countries import CountriesField, country_choices, other_names
from agreements.models import Agreement
from tests.agreements.admin.submit import as_submitted
from tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(staff_editor) -> Client:
    client = Client()
    client.force_login(staff_editor)
    return client


def change_form(client: Client, agreement: Agreement) -> dict[str, object]:
    return as_submitted(client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk])))


def test_the_countries_are_a_choice_of_names_not_a_json_box(client):
    agreement = AgreementFactory(countries=["LY"])
    page = client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk])).content.decode()
    assert '<option value="LY" selected>Libya (LY)</option>' in page
    assert 'class="admin-countries"' in page
    assert '["LY"]' not in page


def test_every_iso_country_is_offered_by_name_and_found_by_its_other_names():
    choices = dict(country_choices())
    assert len(choices) == 249
    assert choices["LY"] == "Libya (LY)"
    assert "Turkey" in other_names()["TR"]
    assert "Russia" in other_names()["RU"]


def test_codes_that_are_not_iso_countries_are_refused_by_name():
    field = CountriesField(required=False)
    assert field.clean(["LY", "TR"]) == ["LY", "TR"]
    with pytest.raises(ValidationError, match="XX"):
        field.clean(["LY", "XX"])


def test_an_editor_adds_a_country_and_it_is_stored_as_a_code(client):
    agreement = AgreementFactory(countries=["LY"])
    data = change_form(client, agreement)
    data["countries"] = ["LY", "TR"]
    response = client.post(reverse("admin:agreements_agreement_change", args=[agreement.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    agreement.refresh_from_db()
    assert sorted(agreement.countries) == ["LY", "TR"]


def test_a_bad_code_is_a_message_on_the_field_and_changes_nothing(client):
    agreement = AgreementFactory(countries=["LY"])
    data = change_form(client, agreement)
    data["countries"] = ["LY", "Libya"]
    response = client.post(reverse("admin:agreements_agreement_change", args=[agreement.pk]), data)
    assert response.status_code == 200
    assert "countries" in response.context["adminform"].form.errors
    agreement.refresh_from_db()
    assert agreement.countries == ["LY"]


def test_an_unchanged_list_in_another_order_is_no_change(client):
    agreement = AgreementFactory(countries=["TR", "LY"])
    data = change_form(client, agreement)
    data["countries"] = ["LY", "TR"]
    response = client.post(reverse("admin:agreements_agreement_change", args=[agreement.pk]), data)
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.countries == ["TR", "LY"]
    assert agreement.history.count() == 1
