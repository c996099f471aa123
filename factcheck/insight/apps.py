from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class InsightConfig(AppConfig):
    name = "factcheck.insight"
    verbose_name = gettext_lazy("Desk insight")
