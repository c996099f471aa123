"""Imported fact-checks in the admin: browse, search, and import a file (all or nothing)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from factcheck.factchecks.models import FactCheck
from factcheck.factchecks.services import FORMATS, ImportRefused, factchecks_import


class ImportForm(forms.Form):
    file = forms.FileField(
        help_text=gettext_lazy("A ClaimReview feed or list (JSON), or a TSV/CSV table.")
    )
    format = forms.ChoiceField(
        choices=[("", gettext_lazy("Guess from the file")), *[(f, f) for f in FORMATS]],
        required=False,
    )
    publisher = forms.CharField(
        max_length=200, required=False, help_text=gettext_lazy("For rows that name no publisher.")
    )


@admin.register(FactCheck)
class FactCheckAdmin(admin.ModelAdmin[FactCheck]):
    list_display = ["claim_reviewed", "publisher", "rating", "published_on", "language"]
    list_filter = ["publisher", "language"]
    search_fields = ["claim_reviewed", "headline", "review_url", "external_id"]
    date_hierarchy = "published_on"
    readonly_fields = ["imported_at", "updated_at"]
    exclude = ["search"]
    change_list_template = "admin/factchecks/factcheck/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="factchecks_factcheck_import"), *super().get_urls()]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = factchecks_import(
                    source=form.cleaned_data["file"].file,
                    format=form.cleaned_data["format"] or None,
                    publisher=form.cleaned_data["publisher"],
                )
            except ImportRefused as exc:
                form.add_error("file", f"Nothing imported. {exc}")
            else:
                messages.success(
                    request,
                    _(
                        "%(read)s read, %(created)s new, %(updated)s updated, %(unchanged)s "
                        "unchanged."
                    )
                    % {
                        "read": result.read,
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                    },
                )
                return redirect("admin:factchecks_factcheck_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": "Import fact-checks",
            "form": form,
            "opts": self.model._meta,
        }
        status = 400 if form.errors else 200
        return TemplateResponse(
            request, "admin/factchecks/factcheck/import.html", context, status=status
        )
