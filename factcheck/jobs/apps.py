from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "factcheck.jobs"
    verbose_name = "Background jobs"
