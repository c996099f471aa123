from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "factcheck.claims"
    verbose_name = "Claims and verdicts"

    def ready(self) -> None:
        from factcheck.articles.signals import article_text_stored
        from factcheck.claims.services.extraction import queue_extraction

        article_text_stored.connect(queue_extraction, dispatch_uid="claims-extraction")
