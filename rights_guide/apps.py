"""App configuration."""

from django.apps import AppConfig


class RightsGuideConfig(AppConfig):
    name = "rights_guide"
    verbose_name = "Collection Rights Guide"
    default_auto_field = "django.db.models.BigAutoField"
