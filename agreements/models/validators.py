"""Validators shared by several models (migrations refer to them by these paths)."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def validate_external_ids(value: object) -> None:
    """External ids are a flat object of scheme -> identifier strings: ``{"pax": "2320"}``."""
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and k and isinstance(v, str) and v for k, v in value.items()
    ):
        raise ValidationError('External ids must be an object such as {"pax": "2320"}.')
