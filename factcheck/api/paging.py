"""Paging and permissions."""

import math
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import exceptions
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from factcheck.api.exceptions import InvalidCursor

# The largest primary key PostgreSQL's bigint holds: a cursor past it is not one we made.
MAX_ID = 2**63 - 1


class IdCursorPagination(CursorPagination):
    """Cursor pages over the primary key (or the ordering a subclass picks): stable while
    rows are added, cheap at any depth.

    A cursor comes back from the client, so it is checked like any input: DRF answers a
    malformed one with 404 and passes any position to the database (a 500 for `p=abc`);
    here both are a 400 and the position must be a value of the field the pages are
    ordered by (a primary key, a score, a time).
    """

    ordering = "id"
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        self._model = queryset.model  # what decode_cursor checks the position against
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request: Request) -> Cursor | None:
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound:
            raise InvalidCursor() from None
        if cursor is not None and cursor.position is not None:
            self._check_position(str(cursor.position))
        return cursor

    def _check_position(self, position: str) -> None:
        ordering = self.ordering if isinstance(self.ordering, str) else self.ordering[0]
        field = self._model._meta.get_field(ordering.lstrip("-"))
        if isinstance(field, models.AutoField | models.IntegerField | models.ForeignKey):
            if not (position.isascii() and position.isdigit() and int(position) <= MAX_ID):
                raise InvalidCursor()
            return
        try:
            value = field.to_python(position)
        except (DjangoValidationError, ValueError, OverflowError):
            raise InvalidCursor() from None
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            raise InvalidCursor()


class NewestFirstPagination(IdCursorPagination):
    ordering = "-id"


class ActionPermission(BasePermission):
    """The model permission an action needs (`view.required_perms[action]`).

    A first, cheap gate so that a data consumer's token (no group) can read the exports
    and nothing else; the services check permissions again with the workflow rules.
    """

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        perms: Mapping[str, str] = getattr(view, "required_perms", {})
        perm = perms.get(getattr(view, "action", None) or request.method.lower())  # type: ignore[union-attr]
        return perm is None or user.has_perm(perm)
