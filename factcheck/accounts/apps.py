from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "factcheck.accounts"
    verbose_name = _("Accounts and API tokens")

    def ready(self) -> None:
        from factcheck.accounts import language, signals  # noqa: F401  (connects the receivers)
