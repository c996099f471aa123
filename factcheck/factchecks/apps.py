from django.apps import AppConfig


class FactchecksConfig(AppConfig):
    name = "factcheck.factchecks"
    verbose_name = "Fact-checks from elsewhere"
    default_auto_field = "django.db.models.BigAutoField"
