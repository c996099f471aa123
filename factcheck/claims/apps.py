from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ClaimsConfig(AppConfig):
    name = "factcheck.claims"
    verbose_name = gettext_lazy("Claims and verdicts")

    def ready(self) -> None:
        from factcheck.articles.signals import (
            article_is_public_record,
            article_language_changed,
            article_text_stored,
        )
        from factcheck.claims.matching import on_factchecks_imported
        from factcheck.claims.services.claims import article_has_published_claims
        from factcheck.claims.services.extraction import claims_reextract, queue_extraction
        from factcheck.factchecks.signals import factchecks_imported

        article_text_stored.connect(queue_extraction, dispatch_uid="claims-extraction")
        factchecks_imported.connect(on_factchecks_imported, dispatch_uid="claims-rematch")
        article_language_changed.connect(claims_reextract, dispatch_uid="claims-reextract")
        article_is_public_record.connect(
            article_has_published_claims, dispatch_uid="claims-public-record"
        )
