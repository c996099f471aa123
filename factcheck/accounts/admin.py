"""API tokens in the admin: made here (the key is shown once, in a message), listed by
prefix, deleted to revoke; never shown again, never edited."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from factcheck.accounts import services
from factcheck.accounts.models import ApiToken


class ApiTokenAddForm(forms.ModelForm[ApiToken]):
    class Meta:
        model = ApiToken
        fields = ["user"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    form = ApiTokenAddForm
    list_display = ["user", "key_start", "created"]
    search_fields = ["user__username", "prefix"]
    autocomplete_fields = ["user"]
    readonly_fields = ["key_start", "created"]

    @admin.display(description=gettext_lazy("key starts with"))
    def key_start(self, token: ApiToken) -> str:
        return f"{token.prefix}…"

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> Any:
        return ["user"] if obj is None else ["user", "key_start", "created"]

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False  # a token is made or deleted, not edited: its key is not kept

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        token, key = services.api_token_create(user=obj.user)
        obj.pk, obj.prefix, obj.digest, obj.created = (
            token.pk,
            token.prefix,
            token.digest,
            token.created,
        )
        messages.warning(
            request,
            _(
                "The API key of %(user)s is %(key)s — copy it now: it is stored hashed and will "
                "not be shown again."
            )
            % {"user": obj.user, "key": key},
        )
