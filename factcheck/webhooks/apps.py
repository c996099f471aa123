from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class WebhooksConfig(AppConfig):
    name = "factcheck.webhooks"
    verbose_name = gettext_lazy("Webhooks")

    def ready(self) -> None:
        from factcheck.claims.signals import public_record_changed
        from factcheck.webhooks.services import webhook_events_record

        public_record_changed.connect(webhook_events_record, dispatch_uid="webhooks")
