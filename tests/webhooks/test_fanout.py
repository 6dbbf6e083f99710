"""Fan-out: one delivery per matching active endpoint, once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from agreements.models import Event, Signatory
from agreements.services.sweep import sweep_run
from tests.factories import ActorFactory, AgreementFactory, CommitmentFactory, deadline_due
from webhooks.models import WebhookDelivery
from webhooks.services.endpoints import endpoint_create, endpoint_update
from webhooks.services.fanout import fanout_pending

pytestmark = pytest.mark.django_db

URL = "http://127.0.0.1:9/hook"


@pytest.fixture
def owner(db) -> User:
    return User.objects.create_user("subscriber")


def flag(commitment=None) -> Event:
    deadline = deadline_due(
        timezone.now() - dt.timedelta(minutes=1), **({"commitment": commitment} if commitment else {})
    )
    sweep_run()
    return Event.objects.get(deadline=deadline, type="deadline.passed")


def test_each_event_once_per_matching_endpoint(owner):
    wants, other = (
        endpoint_create(owner=owner, url=URL, event_types=t)[0]
        for t in (["deadline.passed"], ["commitment.status_changed"])
    )
    event = flag()
    assert fanout_pending() == 1
    assert fanout_pending() == 0
    assert WebhookDelivery.objects.get().endpoint == wants
    event.refresh_from_db()
    assert event.fanned_out_at is not None
    assert not WebhookDelivery.objects.filter(endpoint=other).exists()


def test_filters_on_agreement_actor_and_country(owner):
    libya = AgreementFactory(countries=["LY"])
    syria = AgreementFactory(countries=["SY"])
    party = ActorFactory()
    Signatory.objects.create(agreement=syria, actor=party, role="signatory")
    bound = ActorFactory()
    in_libya = CommitmentFactory(agreement=libya)
    in_libya.bound_actors.add(bound)

    by_agreement = endpoint_create(owner=owner, url=URL, event_types=["deadline.passed"], filter_agreement=libya)[0]
    by_country = endpoint_create(owner=owner, url=URL, event_types=["deadline.passed"], filter_country="SY")[0]
    by_party = endpoint_create(owner=owner, url=URL, event_types=["deadline.passed"], filter_actor=party)[0]
    by_bound = endpoint_create(owner=owner, url=URL, event_types=["deadline.passed"], filter_actor=bound)[0]

    libya_event = flag(in_libya)
    syria_event = flag(CommitmentFactory(agreement=syria))
    fanout_pending()
    pairs = set(WebhookDelivery.objects.values_list("endpoint_id", "event_id"))
    assert pairs == {
        (by_agreement.pk, libya_event.pk),
        (by_bound.pk, libya_event.pk),
        (by_country.pk, syria_event.pk),
        (by_party.pk, syria_event.pk),
    }


def test_paused_endpoints_get_no_new_deliveries(owner):
    endpoint = endpoint_create(owner=owner, url=URL, event_types=["deadline.passed"])[0]
    endpoint_update(endpoint=endpoint, changes={"paused": True})
    flag()
    fanout_pending()
    assert not WebhookDelivery.objects.exists()
