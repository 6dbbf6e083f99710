"""App configuration for the domain app."""

from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    """Registers the domain app and its custom lookups."""

    name = "agreements"
    verbose_name = "Agreements"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from agreements import lookups  # noqa: F401  (registers JSON list lookups)
