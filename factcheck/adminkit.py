"""What every admin page that edits project data shares: it edits through the services.

A change form carries the version the person loaded, hands only the fields they changed
to a service (which compares the version, so a save on top of someone else's change is a
conflict, not a silent overwrite of the whole row), and shows a service's refusal as a
message on the page instead of an error.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from factcheck.refusals import REFUSALS, refusal_text


class VersionedForm(ModelForm[Any]):
    """Carries the version the person loaded (the services compare it)."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
            self.fields["loaded_version"].required = True


class Refused(Exception):
    """A service refused the admin's save; the page shows why."""


class RefusalsShown:
    """A change form whose save a service refused shows why, on the page."""

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)  # type: ignore[misc]
        except Refused as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(request.get_full_path())


class ServiceAdmin(RefusalsShown, SimpleHistoryAdmin):
    """Saves through `create`/`update` (services), never `obj.save()` on the loaded row;
    the history is read-only."""

    form = VersionedForm
    # The fields a person may change here, and those they may also set when adding;
    # everything else is read-only.
    editable: tuple[str, ...] = ()
    creatable: tuple[str, ...] = ()

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # From the declared layout (`fields` or `fieldsets`, which every subclass gives):
        # asking the form would ask this method again.
        shown = list(self.fields or [f for _, opts in self.fieldsets or [] for f in opts["fields"]])
        editable = self.editable if obj is not None else (*self.editable, *self.creatable)
        return [f for f in shown if f not in (*editable, "loaded_version")]

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Model:
        raise PermissionDenied(_("Records of this kind are not added in the admin."))

    def update(
        self, request: HttpRequest, saved: Any, version: int, changes: dict[str, Any]
    ) -> None:
        raise PermissionDenied(_("Records of this kind are not edited in the admin."))

    def save_model(
        self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool
    ) -> None:
        fields = (*self.editable, *self.creatable)
        data = {f: form.cleaned_data[f] for f in fields if f in form.cleaned_data}
        try:
            if not change:
                created = self.create(request, data)
                obj.pk = created.pk
                return
            changes = {f: v for f, v in data.items() if f in form.changed_data}
            if changes:  # nothing changed: nothing written, so nothing can be reverted
                saved = type(obj)._default_manager.get(pk=obj.pk)
                self.update(request, saved, form.cleaned_data["loaded_version"], changes)
        except REFUSALS as exc:
            raise Refused(refusal_text(exc)) from exc

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # SIMPLE_HISTORY_REVERT_DISABLED only hides the button: the page still saves what
        # is posted to it. A past version is for reading.
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied(_("Past versions can be read, not saved."))
        return super().history_form_view(request, object_id, version_id, extra_context)
