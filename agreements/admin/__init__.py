"""The Django admin for editors. Every save goes through the services."""

from agreements.admin import actors, agreements, commitments, deadlines, events, sources  # noqa: F401
