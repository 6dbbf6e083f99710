"""Endpoint secrets: generated, shown once, stored encrypted.

A secret is ``whsec_`` + base64 of 24 random bytes, the Standard Webhooks
form. It is stored encrypted with a key derived from ``SECRET_KEY`` (Fernet;
``SECRET_KEY_FALLBACKS`` still decrypt, so the key can be rotated): a copy of
the database alone does not let anyone forge our signatures.
"""

from __future__ import annotations

import base64
import hashlib
import secrets

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

PREFIX = "whsec_"


def new_secret() -> str:
    """A fresh signing secret."""
    return PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def _fernet(key: str) -> Fernet:
    digest = hashlib.sha256(b"ceasefire-tracker webhook secrets\x00" + key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _keys() -> MultiFernet:
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet([_fernet(str(key)) for key in keys])


def encrypt(secret: str) -> str:
    return _keys().encrypt(secret.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _keys().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ValueError("the webhook secret cannot be decrypted with SECRET_KEY or its fallbacks") from None
