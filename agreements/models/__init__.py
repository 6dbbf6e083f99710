"""The domain model (see DESIGN.md, "Domain model")."""

from agreements.models.actor import Actor
from agreements.models.agreement import Agreement, AgreementLink, Signatory
from agreements.models.commitment import Commitment
from agreements.models.deadline import Deadline, DeadlineExtension
from agreements.models.event import Event
from agreements.models.source import Source
from agreements.models.status_change import StatusChange
from agreements.models.sweep import SweepRecord

__all__ = [
    "Actor",
    "Agreement",
    "AgreementLink",
    "Commitment",
    "Deadline",
    "DeadlineExtension",
    "Event",
    "Signatory",
    "Source",
    "StatusChange",
    "SweepRecord",
]
