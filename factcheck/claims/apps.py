from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "factcheck.claims"
    verbose_name = "Claims and verdicts"

    def ready(self) -> None:
        from factcheck.claims.matching import on_factchecks_imported
        from factcheck.factchecks.signals import factchecks_imported

        factchecks_imported.connect(on_factchecks_imported, dispatch_uid="claims-rematch")
