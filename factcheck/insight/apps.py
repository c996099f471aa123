from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "factcheck.insight"
    verbose_name = "Desk insight"
