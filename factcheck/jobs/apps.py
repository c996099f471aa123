from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class JobsConfig(AppConfig):
    name = "factcheck.jobs"
    verbose_name = gettext_lazy("Background jobs")
