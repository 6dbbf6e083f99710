"""What events say, in the OpenAPI schema: an entry's ``data`` on the timeline, and the
webhook messages that carry the same ``data`` to subscribers.

The snapshots of the deadline, commitment and agreement are built from the specs in
:mod:`agreements.payloads`, so a key added or renamed there shows here as it is sent;
each is described by the field it snapshots (:mod:`agreements.api.descriptions`).
Everything else an event type adds is described below, with the types that carry it.
The schema's ``webhooks`` (OpenAPI 3.1) list every type a subscriber can hear of,
with the Standard Webhooks headers that sign each message.
"""

from __future__ import annotations

from typing import Any

from agreements.choices import EventType
from agreements.payloads import AGREEMENT, COMMITMENT, DATE, DEADLINE, INSTANT, Snapshot

from . import descriptions

REF = "#/components/schemas/"
INSTANT_TEXT = "ISO 8601 in UTC, e.g. `2020-01-11T22:00:00Z`"


def _ref(name: str, description: str) -> dict[str, Any]:
    return {"allOf": [{"$ref": f"{REF}{name}"}], "description": description}


def _nullable(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"oneOf": [schema, {"type": "null"}], "description": description}


# The enumerations a snapshot shows, by the field they come from.
_ENUMS = {
    "precision": "DeadlinePrecisionEnum",
    "state": "DeadlineStateEnum",
    "status": "CommitmentStatusEnum",
    "category": "CommitmentCategoryEnum",
    "date_precision": "DatePrecisionEnum",
}
# Where a snapshot's description says more than, or otherwise than, the record's own.
_AS_SNAPSHOT = {
    "deadlines": {
        "due_display": descriptions.DEADLINE["display_due"],
        "time_zone": descriptions.DEADLINE["time_zone"],
        "state": "Its state: `upcoming`, `passed` (went by unmet; set by the deadline sweep), `met` or `cancelled`.",
    },
    "commitments": {
        "status": "Its status as an editor assessed it: `not_assessed`, `in_progress`, `met`, `partially_met`, "
        "`breached` or `withdrawn`."
    },
    "agreements": {},
}
_TEXTS = {
    "deadlines": descriptions.DEADLINE,
    "commitments": descriptions.COMMITMENT,
    "agreements": descriptions.AGREEMENT,
}


def _snapshot_schema(snapshot: Snapshot, noun: str) -> dict[str, Any]:
    texts = {**_TEXTS[snapshot.resource], **_AS_SNAPSHOT[snapshot.resource]}
    properties: dict[str, Any] = {
        "id": {"type": "integer", "description": f"The {noun}'s id."},
        "url": {"type": "string", "format": "uri", "description": f"The {noun}'s URL in the API."},
    }
    for part in snapshot.parts:
        text = texts.get(part.key) or texts.get(part.source, "")
        if part.kind == INSTANT:
            schema: dict[str, Any] = {"type": ["string", "null"], "format": "date-time"}
        elif part.kind == DATE:
            schema = {"type": ["string", "null"], "format": "date"}
        elif part.source in _ENUMS:
            schema = {"allOf": [{"$ref": f"{REF}{_ENUMS[part.source]}"}]}
        else:
            schema = {"type": "string"}
        properties[part.key] = {**schema, "description": text}
    return {
        "type": "object",
        "description": f"The {noun} as it was when the event happened (its `url` has it as it is now).",
        "properties": properties,
        "required": list(properties),
    }


def _object(description: str, properties: dict[str, Any], required: bool = True) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        **({"required": list(properties)} if required else {}),
    }


LINK = {
    "id": {"type": "integer", "description": "Its id."},
    "url": {"type": "string", "format": "uri", "description": "Its URL in the API."},
}
SOURCE_REFERENCE = _object(
    "A source as events cite it.",
    {
        **LINK,
        "title": {"type": "string", "description": descriptions.SOURCE["title"]},
        "link": {"type": ["string", "null"], "format": "uri", "description": "The document's URL; null if not known."},
    },
)
STATUS_CHANGE = _object(
    "A change of a commitment's status, as `commitment.status_changed` reports it.",
    {
        "id": {"type": "integer", "description": "The change's id."},
        "from": _ref("CommitmentStatusEnum", "The status before."),
        "to": _ref("CommitmentStatusEnum", "The status after."),
        "changed_at": {"type": "string", "format": "date-time", "description": f"When ({INSTANT_TEXT})."},
        "note": {"type": "string", "description": descriptions.STATUS_CHANGE["note"]},
        "sources": {
            "type": "array",
            "items": {"$ref": f"{REF}EventSourceReference"},
            "description": "The sources that support it.",
        },
    },
)

EVENT_DATA = _object(
    "What an event says: a snapshot of what it is about, taken when it happened — later edits do not rewrite "
    "it. Deadline events (`deadline.*`) carry `deadline`, `commitment` and `agreement`; "
    "`commitment.status_changed` carries `status_change`, `commitment` and `agreement`; each type adds the keys "
    "said below. `webhook.ping` and `dataset.imported` carry their own.",
    {
        "deadline": _ref("EventDeadline", "The deadline (`deadline.*` events)."),
        "commitment": _ref("EventCommitment", "The commitment (`deadline.*`, `commitment.status_changed`)."),
        "agreement": _ref("EventAgreement", "The agreement (`deadline.*`, `commitment.status_changed`)."),
        "status_change": _ref("EventStatusChange", "`commitment.status_changed`: the change."),
        "lead_seconds": {
            "type": "integer",
            "description": "`deadline.approaching`: which reminder this is — how long before `due_at` it is sent, "
            "in seconds (`604800` for seven days, `86400` for one).",
        },
        "due_in_seconds": {
            "type": "integer",
            "description": "`deadline.approaching`: how long until `due_at` when the reminder was sent, in seconds.",
        },
        "previous_due_at": {
            "type": ["string", "null"],
            "format": "date-time",
            "description": f"`deadline.rescheduled`: its `due_at` before ({INSTANT_TEXT}); null if it had none "
            "(it was waiting for its anchor).",
        },
        "previous_state": _ref(
            "DeadlineStateEnum",
            "`deadline.rescheduled`, `deadline.reopened`: its state before (`passed` → `upcoming` when a "
            "rescheduled deadline lies ahead again).",
        ),
        "reason": {
            "type": "string",
            "description": "`deadline.rescheduled`: why, in words — “Rescheduled by an editor.”, “Extended by 72 "
            "hours.”, “It counts from deadline 14 (…), which moved.”",
        },
        "anchor": _nullable(
            {"$ref": f"{REF}EventLink"},
            "`deadline.rescheduled` of a deadline that moved with its anchor: the anchor; null when it counts "
            "from the agreement's signing.",
        ),
        "extension": _ref(
            "EventExtension", "`deadline.rescheduled` by an extension: which one, by how much, on what source."
        ),
        "note": {
            "type": "string",
            "description": "`deadline.met`, `deadline.cancelled`, `deadline.reopened`: the editor's note. "
            "`deadline.rescheduled`: “Was passed; now due again.” when it reopened. `deadline.passed` recorded "
            "at import (`recorded_at_import`): that it passed before the dataset was imported and no subscriber "
            "was sent it. May be empty.",
        },
        "recorded_at_import": {
            "type": "boolean",
            "description": "`deadline.passed` of a deadline that had passed before a dataset import (ETH/PRIO) "
            "created it: `true`, the entry was recorded at the import, not by the deadline sweep, and sent to "
            "no subscriber (the timeline alone has it). Absent otherwise.",
        },
        "met_at": {
            "type": ["string", "null"],
            "format": "date-time",
            "description": f"`deadline.met`: when it was met, where an editor recorded it ({INSTANT_TEXT}); "
            "null when not recorded.",
        },
        "previous_met_at": {
            "type": ["string", "null"],
            "format": "date-time",
            "description": "`deadline.met` correcting an earlier record: the `met_at` before.",
        },
        "was_passed": {
            "type": "boolean",
            "description": "`deadline.met`, `deadline.cancelled`: whether it had passed before it was closed.",
        },
        "sources": {
            "type": "array",
            "items": {"$ref": f"{REF}EventSourceReference"},
            "description": "`deadline.met`, `deadline.cancelled`: the sources that show it.",
        },
        "endpoint": _object(
            "`webhook.ping`: the endpoint pinged.",
            {
                "id": {"type": "string", "format": "uuid", "description": "The subscription's id."},
                "url": {"type": "string", "format": "uri", "description": "Where it receives."},
            },
        ),
        "message": {"type": "string", "description": "`webhook.ping`: “Ping from Ceasefire Tracker.”"},
        "dataset": {"type": "string", "description": "`dataset.imported`: which dataset, e.g. `ethprio`."},
        "title": {"type": "string", "description": "`dataset.imported`: the dataset's title."},
        "report": {
            "type": "object",
            "additionalProperties": {"type": "integer"},
            "description": "`dataset.imported`: what the import did, in counts (rows read, agreements created, "
            "updated and unchanged, …).",
        },
    },
    required=False,
)

WEBHOOK_MESSAGE = _object(
    "The body of a webhook message, signed per the Standard Webhooks spec. The same `type` and `data` are on "
    "the public timeline, `/api/v1/events/`.",
    {
        "type": _ref("EventTypeEnum", "What happened."),
        "timestamp": {
            "type": "string",
            "format": "date-time",
            "description": f"When the tracker recorded it ({INSTANT_TEXT}): the entry's `occurred_at` on the "
            "timeline, where `happened_at` says when it happened in the world.",
        },
        "data": _ref("EventData", "What it says."),
    },
)

COMPONENTS = {
    "EventData": EVENT_DATA,
    "EventDeadline": _snapshot_schema(DEADLINE, "deadline"),
    "EventCommitment": _snapshot_schema(COMMITMENT, "commitment"),
    "EventAgreement": _snapshot_schema(AGREEMENT, "agreement"),
    "EventStatusChange": STATUS_CHANGE,
    "EventSourceReference": SOURCE_REFERENCE,
    "EventLink": _object("Another record, by its id and URL.", LINK),
    "EventExtension": _object(
        "An extension, as `deadline.rescheduled` reports it.",
        {
            "number": {"type": "integer", "description": "1 for the first extension, 2 for the second, and so on."},
            "by": {
                "type": ["string", "null"],
                "description": "By how long (ISO 8601 duration); null for one to a date.",
            },
            "wording": {"type": "string", "description": descriptions.EXTENSION["wording"]},
            "source": _nullable({"$ref": f"{REF}EventSourceReference"}, "The source that announces it; null if none."),
        },
    ),
    "WebhookMessage": WEBHOOK_MESSAGE,
}

# When each message is sent, as a subscriber hears of it.
WEBHOOKS = {
    EventType.DEADLINE_APPROACHING: (
        "A deadline approaches",
        "Sent once per reminder lead time before a deadline's `due_at` (seven days and one day by default, "
        "`DEADLINE_REMINDER_LEADS`), while the deadline is upcoming.",
    ),
    EventType.DEADLINE_PASSED: (
        "A deadline passed unmet",
        "Sent once when the deadline sweep finds a deadline's `due_at` gone by while it was upcoming: the "
        "deadline is now `passed`, and its commitment overdue unless `met` or `withdrawn`.",
    ),
    EventType.DEADLINE_RESCHEDULED: (
        "A deadline moved",
        "Sent for every deadline whose `due_at` moves: rescheduled or extended by an editor, or counting from a "
        "deadline (or a signing date) that moved — each deadline down the chain gets its own.",
    ),
    EventType.DEADLINE_MET: ("A deadline was met", "Sent when an editor marks a deadline met."),
    EventType.DEADLINE_CANCELLED: ("A deadline was cancelled", "Sent when an editor cancels a deadline."),
    EventType.DEADLINE_REOPENED: (
        "A deadline was reopened",
        "Sent when an editor reopens a met or cancelled deadline: it is watched again.",
    ),
    EventType.COMMITMENT_STATUS_CHANGED: (
        "A commitment's status changed",
        "Sent when an editor records what became of a commitment, with the sources that show it.",
    ),
    EventType.DATASET_IMPORTED: (
        "A dataset was imported",
        "Sent once per import run that changed records (not once per record).",
    ),
    EventType.WEBHOOK_PING: (
        "A ping",
        "Sent when an endpoint is registered and on `POST /api/v1/webhooks/{id}/ping/`, to that endpoint only, "
        "whatever it subscribes to.",
    ),
}

SIGNED = (
    "\n\nSigned per the [Standard Webhooks](https://www.standardwebhooks.com/) spec with the endpoint's secret: "
    "verify with the `standardwebhooks` package before you trust it. Delivered at least once: de-duplicate on "
    "`webhook-id`."
)
HEADERS = [
    {
        "name": "webhook-id",
        "in": "header",
        "required": True,
        "schema": {"type": "string"},
        "example": "msg_5f2b8a0c1d3e4f5a6b7c8d9e0f1a2b3c",
        "description": "The message id, `msg_…`: the same on every retry and redelivery of this message.",
    },
    {
        "name": "webhook-timestamp",
        "in": "header",
        "required": True,
        "schema": {"type": "string"},
        "example": "1767225600",
        "description": "When this attempt was signed, in Unix seconds; refuse messages far from your clock.",
    },
    {
        "name": "webhook-signature",
        "in": "header",
        "required": True,
        "schema": {"type": "string"},
        "example": "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
        "description": "`v1,<base64>`: HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` with the secret. "
        "While a secret is being rotated two signatures come, space-separated: either may match.",
    },
]
ANSWERS = {
    "2XX": {"description": "Received. Answer quickly; only a 2xx counts, and redirects are not followed."},
    "410": {"description": "Gone: the endpoint is disabled at once, and nothing more is sent."},
    "429": {
        "description": "Slow down (so do 502, 503 and 504): nothing more is sent to the endpoint until its "
        "`Retry-After` (at most 24 hours), or without one for 5 s, doubling with each such answer, at most "
        "30 minutes. Any other answer is retried: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, 20 h, 24 h."
    },
}


def _webhook(event_type: str, summary: str, description: str) -> dict[str, Any]:
    return {
        "post": {
            "operationId": f"webhook_{event_type.replace('.', '_')}",
            "summary": summary,
            "description": description + SIGNED,
            "tags": ["webhooks"],
            "parameters": HEADERS,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": f"{REF}WebhookMessage"}}},
            },
            "responses": ANSWERS,
        }
    }


def document_events(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Postprocessing hook: add what events say, and the webhooks a subscriber receives."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(COMPONENTS)
    result["webhooks"] = {str(event_type): _webhook(str(event_type), *about) for event_type, about in WEBHOOKS.items()}
    return result
