from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "factcheck.webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        from factcheck.claims.signals import public_record_changed
        from factcheck.webhooks.services import webhook_events_record

        public_record_changed.connect(webhook_events_record, dispatch_uid="webhooks")
