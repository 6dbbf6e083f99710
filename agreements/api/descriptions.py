"""What each field of the API means to a client: the descriptions the OpenAPI schema shows.

One entry per field the API shows or takes, written once and used by every form
of the record (brief, full, detail; request and response): model fields through
``Meta.extra_kwargs = described(...)``, declared fields as ``help_text=DEADLINE[...]``.
They live here rather than as the models' ``help_text`` because they speak to API
clients (ids, URLs, UTC, which action changes a read-only field), while the admin
speaks to editors.
"""

from __future__ import annotations

UTC_INSTANT = "ISO 8601 in UTC, e.g. `2020-01-11T22:00:00Z`"


def _record(noun: str) -> dict[str, str]:
    return {
        "id": f"The {noun}'s id: its URL ends with it, and other records refer to it by it.",
        "created_at": f"When this {noun} was recorded ({UTC_INSTANT}).",
        "updated_at": f"When this {noun} last changed ({UTC_INSTANT}).",
    }


ACTOR = {
    **_record("actor"),
    "slug": "A stable, readable key, e.g. `khalifa-haftar`: filters take it wherever they take the id. "
    "Made from the name when not given.",
    "name": "The canonical name, e.g. `Khalifa Haftar`; `aliases` holds every other spelling.",
    "kind": "What the actor is: a state, government, armed group, organisation, coalition, person, or other.",
    "country": "ISO 3166-1 alpha-2 code of the actor's country, e.g. `LY`; empty for one that belongs to no "
    "single country (the United Nations).",
    "description": "Who the actor is, in a sentence of our own; empty if none was written.",
}

AGREEMENT = {
    **_record("agreement"),
    "slug": "A stable, readable key, e.g. `2020-07-22-ankara-joint-statement-on-libya`: the detail URL and "
    "filters take it in place of the id. Made from the date and title when not given.",
    "title": "Its title, as the document or the record it comes from gives it.",
    "kind": "What sort of document: joint statement, ceasefire agreement, peace agreement, conference "
    "conclusions, declaration, memorandum, or other.",
    "date": "When it was made (YYYY-MM-DD), as precisely as `date_precision` says: the first day of the month "
    "or year when only that is known (March 2021 is `2021-03-01`). Null if unknown.",
    "date_precision": "How much of `date` is known: `day`, `month` or `year`.",
    "place": "Where it was made, e.g. `Ankara`; empty if not known.",
    "conflict": "The country or conflict it belongs to, e.g. `Libya` (PA-X's naming for imported records).",
    "peace_process": "The peace process it belongs to, as PA-X names it; empty when none is recorded.",
    "region": "The world region, as PA-X names it; empty when none is recorded.",
    "agreement_type": "Who it is between, as PA-X classifies it: interstate, interstate/intrastate, "
    "intrastate, intrastate/local; empty when not classified.",
    "stage": "The stage of the peace process, as PA-X names it (e.g. 'Ceasefire'); empty when none is recorded.",
    "summary": "What it says, in brief: in our own words, or for a PA-X record in PA-X's (the official "
    "wording is in `commitments`).",
    "full_text": "The full text, where the tracker holds it; empty otherwise.",
    "info_url": "A page describing it (e.g. its PA-X entry); empty if none is known.",
    "document_url": "The text itself (e.g. a PDF); empty if none is known.",
    "in_force_from": "For a ceasefire a dataset records: when it took effect (YYYY-MM-DD), the first day of the "
    "period `in_force_from_precision` names. Null if not known.",
    "in_force_from_precision": "How much of `in_force_from` is known: `day`, `month` or `year`; empty when "
    "there is no date.",
    "ended_on": "When it ended (YYYY-MM-DD), the first day of the period `ended_on_precision` names. Null if it "
    "has not ended or the end is not known.",
    "ended_on_precision": "How much of `ended_on` is known: `day`, `month` or `year`; empty when there is no date.",
}

SIGNATORY = {
    "role": "The actor's part: `signatory` (signed it), `mediator`, `guarantor`, `witness`, `addressed_party` "
    "(called upon by the text but did not sign it, like the Libyan parties in the Turkish–Russian statements), "
    "`observer` (attended, neither signing nor guaranteeing), or `third_party` (named, in a capacity the source "
    "does not state).",
    "signed_as": "The title the person signed or spoke under, e.g. `President`; empty if not recorded.",
    "note": "What the text says of this part, often its words, e.g. “all parties in Libya”; may be empty.",
    "origin": "Who stated it: `pax` or `ethprio` (an import of that dataset, which a later import may correct or "
    "remove) or `editor` (an editor added or changed it; imports leave it alone). Read-only.",
}

LINK = {
    "kind": "How this agreement relates to the other: `builds_on`, `implements`, `references`, `supersedes`, "
    "`reaffirms`, or `text` (the same agreement, whose text another dataset holds).",
    "note": "What the text says of the relation, often its words; may be empty.",
    "origin": "Who stated it: `pax` or `ethprio` (an import of that dataset, which a later import may correct or "
    "remove) or `editor` (an editor added or changed it; imports leave it alone). Read-only.",
}

COMMITMENT = {
    **_record("commitment"),
    "number": 'Its number in the text, e.g. `"1"` or `"4(b)"`; unique within the agreement.',
    "position": "Its order within the agreement, from 0; after the last one when not given.",
    "wording": "The undertaking in the official wording, quoted exactly from `wording_source`.",
    "summary": "The undertaking in our own words; may be empty.",
    "category": "What kind of undertaking: ceasefire, political process, humanitarian, monitoring, "
    "institutional, withdrawal, or other.",
    "status": "What became of it, as an editor assessed it on sources: `not_assessed` (not yet assessed — "
    "which is not the same as no progress), `in_progress`, `met`, `partially_met`, `breached`, `withdrawn`. "
    "Read-only here: record a change with `POST /api/v1/commitments/{id}/status/`.",
    "status_changed_at": f"When its status last changed ({UTC_INSTANT}); null if it never has.",
    "is_overdue": "True when one of its deadlines has passed and its status is neither `met` nor `withdrawn`.",
    "bound_actors": "The actors bound by it, in brief.",
    "deadlines": "When it falls due, earliest first, in brief; empty when the text sets no time.",
    "overdue_since": "Since when it is overdue: when its earliest passed deadline fell due (that deadline's "
    f"`due_at`, {UTC_INSTANT}). Null while it is not overdue: no deadline has "
    "passed, or its status is `met` or `withdrawn`.",
}

DEADLINE = {
    **_record("deadline"),
    "wording": "When it falls due, in the document's words, e.g. “as of 00.00 hours on 12 January”.",
    "time_zone": "The IANA time zone of the place it applies to, e.g. `Africa/Tripoli`: the date parts, the "
    "offset's calendar arithmetic and `display_due` are in it.",
    "precision": "How precisely it is stated: `instant` (a date and a time), `day`, `month`, `year`, or "
    "`unspecified` (no date: “in the near future”, “immediately”; never flagged).",
    "year": "The stated year, in `time_zone`; null when `unspecified`. Derived for an anchored deadline.",
    "month": "The stated month (1–12), in `time_zone`; with precision `month`, `day` or `instant`, else null. "
    "Derived for an anchored deadline.",
    "day": "The stated day of the month, in `time_zone`; with precision `day` or `instant`, else null. "
    "Derived for an anchored deadline.",
    "due_at": "When it passes, in UTC (ISO 8601 with `Z`): the stated instant, or the end of the stated day, "
    "month or year in `time_zone` — 00:00 on 12 January 2020 in Tripoli is `2020-01-11T22:00:00Z`. Null when "
    "`unspecified`, or while an anchored deadline waits for its anchor. Derived, never written.",
    "display_due": "When it falls due, in words and in its own time zone, e.g. `00:00 on 12 January 2020 "
    "(Africa/Tripoli)`; `unspecified` when the text gives no date.",
    "due_precision": "How precise `due_at` is: the stated precision, or the last extension's.",
    "waiting_for": "For an anchored deadline without a `due_at` yet: what it waits for, in words. Empty otherwise.",
    "review_on": "For an `unspecified` deadline: the day (YYYY-MM-DD) an editor means to look at it again. "
    "Null when none is set.",
    "state": "`upcoming`; `passed` — its `due_at` went by while it was upcoming (set once, by the deadline "
    "sweep, or by an import for a deadline already past); `met` or `cancelled` — closed by an editor. Read-only here: "
    "`POST /api/v1/deadlines/{id}/state/` changes it.",
    "passed_at": f"When the tracker found it passed ({UTC_INSTANT}): at the deadline sweep, or at the import "
    "of a deadline already past. Null unless `state` is `passed`. When it fell due is `due_at`.",
    "met_at": f"When it was met, where a source says ({UTC_INSTANT}); deadlines counting from it count from "
    "then. Null unless an editor recorded it with `state` `met`.",
    "extended_times": "How many times it was extended (the detail lists them in `extensions`).",
}

EXTENSION = {
    "by": "By how long, an ISO 8601 duration (`PT72H`, `P7D`); empty for an extension to a date.",
    "to_precision": "For an extension to a date: how precise that date is (`instant`, `day`, `month`, `year`); "
    "empty for one by a duration.",
    "to_year": "For an extension to a date: its year, in the deadline's time zone; null otherwise.",
    "to_month": "For an extension to a date: its month (1–12), in the deadline's time zone; null if not stated.",
    "to_day": "For an extension to a date: its day of the month, in the deadline's time zone; null if not stated.",
    "to_time": "For an extension to an instant: its local time (HH:MM:SS) in the deadline's time zone; null otherwise.",
    "wording": "The extension in the source's words, e.g. “extended for another 72 hours”; may be empty.",
    "note": "The editor's note; may be empty.",
    "previous_due_at": f"The deadline's `due_at` before this extension ({UTC_INSTANT}).",
    "due_at": f"The deadline's `due_at` after this extension ({UTC_INSTANT}).",
    "extended_at": f"When the extension was recorded ({UTC_INSTANT}).",
}

STATUS_CHANGE = {
    "id": "The change's id.",
    "from_status": "The commitment's status before the change.",
    "to_status": "The commitment's status after the change.",
    "changed_at": f"When the change was recorded ({UTC_INSTANT}).",
    "note": "Why, in the editor's words: what the sources show; may be empty.",
}

SOURCE = {
    **_record("source"),
    "key": "A stable key given by seed files and importers, e.g. `joint-statement-156-ankara-2020-07-22`; null "
    "for a source an editor entered.",
    "title": "The document's title as it gives it; where it gives none, a description that says so.",
    "publisher": "Who published the document, only where it names them; empty otherwise.",
    "author": "Who wrote the document, only where it says; empty otherwise.",
    "published_on": "When the document was published (YYYY-MM-DD), only where it says; null otherwise.",
    "link": "The document's URL, only where it is known; null otherwise.",
    "quote": "The document's exact words that support the record.",
    "note": "What the document is and where in it the quote comes from; may be empty.",
}

EVENT = {
    "id": "The entry's id.",
    "type": "What happened: `deadline.approaching` (a reminder, once per lead time), `deadline.passed` (a "
    "deadline went by unmet), `deadline.met`, `deadline.cancelled`, `deadline.reopened`, "
    "`deadline.rescheduled` (its `due_at` moved), `commitment.status_changed`, or `dataset.imported`.",
    "agreement": "The agreement it concerns, in brief; null when none (or it was deleted since).",
    "occurred_at": f"When the tracker recorded it ({UTC_INSTANT}): a webhook message's `timestamp`, and "
    "the order of the timeline unless `ordering` says otherwise.",
    "happened_at": f"When it happened in the world ({UTC_INSTANT}): a deadline passed at its `due_at`, was met at "
    "its `met_at`, was approaching when the lead time was reached — though the tracker may have recorded it "
    "later (a 2020 deadline found passed in 2026 passed in 2020). Otherwise the same as `occurred_at`.",
}
