from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ArticlesConfig(AppConfig):
    name = "factcheck.articles"
    verbose_name = gettext_lazy("Articles")

    def ready(self) -> None:
        # Load the project's Celery app, so that @shared_task queues with its settings
        # (broker, eager mode) in every Django process, not Celery's default app.
        import factcheck.celery  # noqa: F401
