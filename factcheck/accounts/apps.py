from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "factcheck.accounts"
    verbose_name = "Accounts and API tokens"

    def ready(self) -> None:
        from factcheck.accounts import signals  # noqa: F401  (connects the receivers)
