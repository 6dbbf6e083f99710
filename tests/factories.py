"""Factories that build through the services, the one path every write takes."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import factory

from agreements.choices import ActorKind, AgreementKind, CommitmentCategory, DeadlinePrecision
from agreements.models import Actor, Agreement, Commitment, Deadline, Source
from agreements.services.actors import actor_create
from agreements.services.agreements import agreement_create
from agreements.services.commitments import commitment_create
from agreements.services.deadlines import deadline_create
from agreements.services.sources import source_create

SERVICES: dict[type, Any] = {
    Source: source_create,
    Actor: actor_create,
    Agreement: agreement_create,
    Commitment: commitment_create,
    Deadline: deadline_create,
}


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class: type, *args: Any, **kwargs: Any) -> Any:
        return SERVICES[model_class](**kwargs)


class SourceFactory(ServiceFactory):
    title = factory.Sequence(lambda n: f"Report number {n}")
    publisher = "Example Wire"
    quote = factory.Sequence(lambda n: f"The exact words of report {n}.")

    class Meta:
        model = Source


class ActorFactory(ServiceFactory):
    name = factory.Sequence(lambda n: f"Armed Group {n}")
    kind = ActorKind.ARMED_GROUP

    class Meta:
        model = Actor


class AgreementFactory(ServiceFactory):
    title = factory.Sequence(lambda n: f"Ceasefire agreement {n}")
    kind = AgreementKind.CEASEFIRE_AGREEMENT
    date = dt.date(2020, 10, 23)
    countries = factory.LazyFunction(lambda: ["LY"])

    class Meta:
        model = Agreement


class CommitmentFactory(ServiceFactory):
    agreement = factory.SubFactory(AgreementFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    wording = factory.Sequence(lambda n: f"The parties shall do thing {n}.")
    category = CommitmentCategory.CEASEFIRE

    class Meta:
        model = Commitment


class DeadlineFactory(ServiceFactory):
    """By default an instant deadline at 2030-01-01 00:00 in Africa/Tripoli."""

    commitment = factory.SubFactory(CommitmentFactory)
    wording = "by 1 January 2030"
    precision = DeadlinePrecision.INSTANT
    time_zone = "Africa/Tripoli"
    year = 2030
    month = 1
    day = 1
    time = dt.time(0, 0)

    class Meta:
        model = Deadline


def deadline_due(at: dt.datetime, **kwargs: Any) -> Deadline:
    """A UTC-instant deadline passing exactly at ``at``."""
    at = at.astimezone(dt.UTC)
    return cast(
        Deadline,
        DeadlineFactory(
            time_zone="UTC", year=at.year, month=at.month, day=at.day, time=at.time().replace(tzinfo=None), **kwargs
        ),
    )
