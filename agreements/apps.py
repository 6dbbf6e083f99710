"""App configuration for the domain app."""

from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    """Registers the domain app and its custom lookups."""

    name = "agreements"
    verbose_name = "Agreements"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from agreements import lookups  # noqa: F401  (registers JSON list lookups)
        from agreements.editors import ensure_editors_group

        # After auth has created the permissions (post_migrate runs per app, in order).
        post_migrate.connect(ensure_editors_group, dispatch_uid="agreements.ensure_editors_group")
