"""Filters every list endpoint shares."""

from typing import Any

import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from factcheck.claims.exports import parse_since


class SinceField(forms.CharField):
    """A date (taken as midnight UTC) or an ISO 8601 date and time."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_since(value)
        except ValueError as exc:
            # The message quotes the input, which may hold a "%": as a parameter it is not
            # read as a format (django-filter formats each message with its params).
            raise forms.ValidationError("%(error)s", params={"error": str(exc)}) from None


@extend_schema_field(OpenApiTypes.STR)
class SinceFilter(django_filters.Filter):
    field_class = SinceField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault(
            "help_text", "Changed at or after this time: YYYY-MM-DD or ISO 8601 date-time."
        )
        super().__init__(*args, **kwargs)
