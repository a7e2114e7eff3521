"""The guide as its own app: its search table and migrations, and its checks at start-up."""

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured


class GuideConfig(AppConfig):
    name = "rights_guide.guide"
    label = "guide"
    verbose_name = "Guide"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Refuse to start when topics.yaml or a topic template cites what does not exist."""
        from rights_guide.guide.checks import guide_problems
        from rights_guide.guide.registry import GuideError

        try:
            problems = guide_problems()
        except GuideError as error:
            problems = error.problems
        if problems:
            raise ImproperlyConfigured(str(GuideError(problems)))
