"""ETags and preconditions: the optimistic lock, as HTTP sees it."""

import hashlib
from typing import Any

from django.http import HttpResponseNotModified
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from factcheck.claims.models import Claim, Source, Verdict

# The models with an optimistic-lock `version`, the ones the API reads and writes by ETag.
type Versioned = Claim | Source | Verdict


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = gettext_lazy(
        "This change needs an If-Match header carrying the ETag of the version you read: "
        "GET the object, then send its ETag back."
    )
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = 412
    default_detail = gettext_lazy(
        "Your copy is out of date: GET the object again and retry with its ETag."
    )
    default_code = "precondition_failed"

    def __init__(self, detail: str | None = None, *, current: Versioned | None = None) -> None:
        super().__init__(detail)
        self.current = current


def etag_for(obj: Versioned, version: int | None = None) -> str:
    """The ETag of one version of an object: a hash of (model, pk, version)."""
    number = obj.version if version is None else version
    digest = hashlib.sha256(f"{obj._meta.label_lower}:{obj.pk}:{number}".encode()).hexdigest()
    return quote_etag(digest[:32])


def content_etag(content: bytes) -> str:
    return quote_etag(hashlib.sha256(content).hexdigest()[:32])


def expected_version(request: Request, obj: Versioned) -> int:
    """The version the client read, from the ETag it sends back in If-Match.

    The services compare it with the row they lock, so a stale copy is refused there
    (ConflictError, with the fields that changed) and the check cannot race.
    """
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired()
    tags = parse_etags(header)
    if tags == ["*"]:
        # RFC 9110: "*" matches any current representation, so the client takes the
        # version as it is now, knowingly (last write wins for this request).
        return obj.version
    # ETags are opaque hashes; the versions an object went through are few, so the one
    # the client holds is found by hashing each of them.
    for version in range(obj.version, 0, -1):
        if etag_for(obj, version) in tags:
            return version
    raise PreconditionFailed(
        _(
            "If-Match does not name any version of this %(name)s: GET it again and retry "
            "with its ETag."
        )
        % {"name": obj._meta.verbose_name},
        current=obj,
    )


class ConditionalMixin(APIView):
    """ETag on every successful read, 304 for a client whose copy is current.

    Detail views of versioned objects set the version ETag themselves (the one If-Match
    checks); other reads get a hash of their body.
    """

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if not isinstance(response, Response):
            return response  # streamed exports
        if not response.has_header("ETag"):
            response.render()
            response["ETag"] = content_etag(response.content)
        none_match = request.headers.get("If-None-Match")
        if none_match:
            # Weak comparison, as RFC 9110 asks for If-None-Match.
            tags = {tag.removeprefix("W/") for tag in parse_etags(none_match)}
            if "*" in tags or response["ETag"] in tags:
                not_modified = HttpResponseNotModified()
                not_modified["ETag"] = response["ETag"]
                return not_modified
        return response


def with_etag(response: Response, obj: Versioned) -> Response:
    response["ETag"] = etag_for(obj)
    return response
