"""Every admin page renders for staff; search finds aliases; lists stay cheap."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import OperationalError, connection
from django.db.models import ForeignKey
from django.test import Client
from django.urls import reverse

from agreements.models import Source
from tests.factories import SourceFactory
from tests.tracker.test_middleware import postgres_setting, when_the_admin_waits
from webhooks.services.endpoints import endpoint_create, endpoint_ping

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(seeded) -> Client:
    client = Client()
    root = User.objects.create_superuser("root", "root@example.org", "correct-horse-battery")
    client.force_login(root)
    # A subscriber with a delivery, so the webhook pages have rows to show.
    endpoint, secret = endpoint_create(owner=root, url="http://127.0.0.1:9/hook", event_types=["deadline.passed"])
    endpoint_ping(endpoint=endpoint)
    client.webhook_secret = secret  # type: ignore[attr-defined]
    return client


def registered_models() -> list[type]:
    return [model for model in admin.site._registry if model._meta.app_label in {"agreements", "webhooks"}]


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.model_name)
def test_every_page_renders(superuser_client, model):
    info = (model._meta.app_label, model._meta.model_name)
    assert superuser_client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
    model_admin = admin.site._registry[model]
    request = type("R", (), {"user": User.objects.get(username="root")})()
    if model_admin.has_add_permission(request):
        assert superuser_client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        assert superuser_client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk])).status_code == 200
        assert superuser_client.get(reverse("admin:{}_{}_history".format(*info), args=[obj.pk])).status_code == 200


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.model_name)
def test_no_list_keeps_a_related_name_on_one_line(superuser_client, model):
    # Django never wraps a foreign key's column: a long name runs off the list, cut mid-word.
    from agreements.models import Commitment
    from agreements.services.commitments import commitment_set_status
    from agreements.services.sweep import sweep_run

    sweep_run()  # events to list
    commitment_set_status(commitment=Commitment.objects.first(), status="in_progress")
    info = (model._meta.app_label, model._meta.model_name)
    page = superuser_client.get(reverse("admin:{}_{}_changelist".format(*info))).content.decode()
    unwrapped = set(re.findall(r'class="field-(\w+) nowrap"', page))
    foreign_keys = {f.name for f in model._meta.get_fields() if isinstance(f, ForeignKey)}
    assert not unwrapped & foreign_keys


def test_a_commitment_without_a_summary_is_listed_by_whole_words(superuser_client):
    from tests.factories import CommitmentFactory

    wording = "Consider creating a Joint Working Group on Libya and convene the next round of consultations in Moscow."
    CommitmentFactory(number="9", summary="", wording=wording)
    page = superuser_client.get(reverse("admin:agreements_commitment_changelist"), {"q": "joint working group"})
    label = re.search(r"9\. (Consider creating[^<]*)</a>", page.content.decode()).group(1)
    assert label.endswith("…")
    assert wording.startswith(label.removesuffix("…"))
    assert label.removesuffix("…").split(" ") == wording.split(" ")[: len(label.removesuffix("…").split(" "))]


def registered_inlines() -> list[type]:
    return [inline for model in registered_models() for inline in admin.site._registry[model].inlines]


@pytest.mark.parametrize("inline", registered_inlines(), ids=lambda i: i.__name__)
def test_an_inline_that_names_itself_names_its_plural_too(inline):
    # Django makes the plural of an inline's own verbose_name by adding an "s":
    # "link to another agreement" would head its table "link to another agreements".
    if "verbose_name" in vars(inline):
        assert "verbose_name_plural" in vars(inline), f"{inline.__name__} names itself but not its plural"


def test_the_agreement_page_heads_its_links_in_good_english(superuser_client):
    from agreements.models import Agreement

    agreement = Agreement.objects.get(slug__contains="ankara")
    page = superuser_client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk])).content.decode()
    assert "Links to other agreements" in page
    assert "link to another agreements" not in page.lower()


def test_the_editors_index_lists_what_they_edit(seeded, staff_editor):
    client = Client()
    client.force_login(staff_editor)
    page = client.get(reverse("admin:index")).content.decode()
    for name in ("Agreements", "Commitments", "Deadlines", "Actors", "Sources", "Events"):
        assert name in page


@pytest.mark.parametrize(
    ("url_name", "query", "expected"),
    [
        ("admin:agreements_actor_changelist", "Hafter", "Khalifa Haftar"),
        ("admin:agreements_actor_changelist", "Erdogan", "Recep Tayyip Erdoğan"),
        ("admin:agreements_agreement_changelist", "Sarraj", "Istanbul, 8 January 2020"),
        ("admin:agreements_commitment_changelist", "humanitarian access", "humanitarian access"),
    ],
)
def test_admin_search_finds_aliases_and_ignores_accents(superuser_client, url_name, query, expected):
    page = superuser_client.get(reverse(url_name), {"q": query}).content.decode()
    assert expected in page


def test_list_columns_show_overdue_and_next_due(superuser_client):
    from agreements.services.sweep import sweep_run

    sweep_run()
    page = superuser_client.get(reverse("admin:agreements_commitment_changelist"), {"overdue": "yes"}).content.decode()
    assert "2020-01-11 22:00" in page  # overdue since the deadline fell due (UTC)
    assert "1 commitment" in page or "1 result" in page


def test_the_agreement_list_is_a_fixed_number_of_queries(superuser_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert superuser_client.get(reverse("admin:agreements_agreement_changelist")).status_code == 200


def test_the_admin_requires_staff(seeded, editor):
    client = Client()
    client.force_login(editor)  # an editor, but not staff
    response = client.get(reverse("admin:agreements_agreement_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_webhook_secrets_never_appear_in_the_admin(superuser_client):
    from webhooks.models import WebhookEndpoint

    endpoint = WebhookEndpoint.objects.get()
    pages = [
        reverse("admin:webhooks_webhookendpoint_changelist"),
        reverse("admin:webhooks_webhookendpoint_change", args=[endpoint.pk]),
        reverse("admin:webhooks_webhookdelivery_changelist"),
    ]
    for page in pages:
        html = superuser_client.get(page).content.decode()
        assert superuser_client.webhook_secret not in html
        assert superuser_client.webhook_secret.removeprefix("whsec_") not in html
        assert endpoint.secret_encrypted not in html


def test_editors_see_endpoints_and_deliveries(seeded, staff_editor):
    client = Client()
    client.force_login(staff_editor)
    assert client.get(reverse("admin:webhooks_webhookendpoint_changelist")).status_code == 200
    assert client.get(reverse("admin:webhooks_webhookdelivery_changelist")).status_code == 200


def test_dates_are_iso_in_and_unambiguous_out(superuser_client):
    from agreements.models import Agreement, Deadline

    istanbul = Agreement.objects.get(slug="2020-01-08-istanbul-joint-statement-on-libya")
    page = superuser_client.get(reverse("admin:agreements_agreement_change", args=[istanbul.pk])).content.decode()
    assert 'name="date" value="2020-01-08"' in page  # not 08/01/2020: 1 August in Washington
    deadline = Deadline.objects.get(commitment__agreement=istanbul, due_at__isnull=False)
    page = superuser_client.get(reverse("admin:agreements_deadline_change", args=[deadline.pk])).content.decode()
    assert "11 January 2020, 22:00 UTC" in page  # 00:00 on 12 January in Tripoli, said with its zone


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer: nobody holds a row")
def test_a_bulk_delete_is_all_or_none(superuser_client):
    """Deleting chosen records in the admin runs each through its service, all in one transaction:
    one that cannot be deleted (here: another transaction holds it past the lock timeout) leaves
    the ones before it standing too, as Django's own bulk delete (one statement) would."""
    # Deleted in the list's order: the newest first.
    first = SourceFactory(published_on=dt.date(2020, 7, 22))
    held = SourceFactory(published_on=dt.date(2020, 1, 8))
    table = connection.ops.quote_name(Source._meta.db_table)
    # Held for longer than the admin's lock timeout.
    other = when_the_admin_waits(
        lambda cursor: time.sleep(3), f"SELECT id FROM {table} WHERE id = %s FOR UPDATE", [held.pk]
    )
    try:
        with postgres_setting("lock_timeout", "1s"), pytest.raises(OperationalError):
            superuser_client.post(
                reverse("admin:agreements_source_changelist"),
                {"action": "delete_selected", "_selected_action": [first.pk, held.pk], "post": "yes"},
            )
    finally:
        other.join(20)
    assert set(Source.objects.values_list("pk", flat=True)) >= {first.pk, held.pk}
