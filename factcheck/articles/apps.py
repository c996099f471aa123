from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "factcheck.articles"
    verbose_name = "Articles"
