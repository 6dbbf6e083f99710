"""Links between records of different datasets: a ceasefire and the PA-X entry of its text."""

from __future__ import annotations

from dataclasses import dataclass, field

from agreements.choices import LinkKind, RecordSource
from agreements.models import Agreement, AgreementLink
from utilities.bulk import bulk_insert


@dataclass
class TextLinks:
    """What linking texts did: links added now, ceasefires linked in all, AgtIds not imported."""

    added: int = 0
    linked: int = 0
    missing: set[str] = field(default_factory=set)


def agreements_link_texts() -> TextLinks:
    """Link every ceasefire whose dataset names its PA-X text (``pax_id``) to that agreement.

    Each importer calls this at the end of its run, so the links exist whichever
    of the two datasets is imported first. Idempotent: a link made once is not
    made again. An AgtId that no imported agreement has is reported, not guessed.
    """
    by_pax = {
        external["pax"]: pk
        for pk, external in Agreement.objects.filter(external_ids__has_key="pax").values_list("id", "external_ids")
    }
    wanted: set[tuple[int, int]] = set()
    missing: set[str] = set()
    for pk, imported in Agreement.objects.filter(external_ids__has_key="ethprio").values_list("id", "imported"):
        for pax_id in (imported or {}).get("pax_ids", []):
            target = by_pax.get(pax_id)
            if target is None:
                missing.add(pax_id)
            else:
                wanted.add((pk, target))
    present = set(AgreementLink.objects.filter(kind=LinkKind.TEXT).values_list("from_agreement_id", "to_agreement_id"))
    new = sorted(wanted - present)
    bulk_insert(
        (
            AgreementLink(
                from_agreement_id=a,
                to_agreement_id=b,
                kind=LinkKind.TEXT,
                note="ETH/PRIO names this PA-X agreement as the ceasefire's text (pax_id).",
                origin=RecordSource.ETHPRIO,
            )
            for a, b in new
        ),
        batch_size=1000,
        ignore_conflicts=True,
    )
    return TextLinks(added=len(new), linked=len({a for a, _ in wanted}), missing=missing)
