from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class FactchecksConfig(AppConfig):
    name = "factcheck.factchecks"
    verbose_name = gettext_lazy("Fact-checks from elsewhere")
    default_auto_field = "django.db.models.BigAutoField"
