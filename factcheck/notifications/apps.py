from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "factcheck.notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from factcheck.claims.signals import workflow_event
        from factcheck.notifications.services import on_workflow_event

        workflow_event.connect(on_workflow_event, dispatch_uid="notifications")
