from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class MonitoringConfig(AppConfig):
    name = "factcheck.monitoring"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = gettext_lazy("Followed feeds and claims seen again")

    def ready(self) -> None:
        from factcheck.claims.signals import claims_matched
        from factcheck.monitoring.services import on_claims_matched

        claims_matched.connect(on_claims_matched, dispatch_uid="monitoring")
