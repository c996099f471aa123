"""What every endpoint of the API shares: errors, ETags and preconditions, paging, permissions.

The rules themselves live in the services; this module only translates between HTTP and
them: `PermissionDenied` -> 403, `ValidationError`/`WorkflowError` -> 400 with the message,
`ConflictError` -> 412 with the fields that changed, a write without `If-Match` -> 428.
Bad input is never a 500: JSON nested too deeply and a tampered cursor are 400s, a body
past `DATA_UPLOAD_MAX_MEMORY_SIZE` a 413; whatever else fails is logged and answered
with a 500 in the same JSON shape.
"""

from factcheck.api.docs import (
    ERROR_DESCRIPTIONS,
    ETAG_HEADER,
    IF_MATCH,
    IF_NONE_MATCH,
    NOT_MODIFIED,
    ChangeSerializer,
    ErrorSerializer,
    choices_help,
    document_input_errors,
    errors,
    read_responses,
)
from factcheck.api.etags import (
    ConditionalMixin,
    PreconditionFailed,
    PreconditionRequired,
    Versioned,
    content_etag,
    etag_for,
    expected_version,
    with_etag,
)
from factcheck.api.exceptions import (
    SERVER_ERROR,
    InvalidCursor,
    RequestTooLarge,
    exception_handler,
    logger,
)
from factcheck.api.filters import SinceField, SinceFilter
from factcheck.api.paging import MAX_ID, ActionPermission, IdCursorPagination, NewestFirstPagination

__all__ = [
    "ERROR_DESCRIPTIONS",
    "ETAG_HEADER",
    "IF_MATCH",
    "IF_NONE_MATCH",
    "MAX_ID",
    "NOT_MODIFIED",
    "SERVER_ERROR",
    "ActionPermission",
    "ChangeSerializer",
    "ConditionalMixin",
    "ErrorSerializer",
    "IdCursorPagination",
    "InvalidCursor",
    "NewestFirstPagination",
    "PreconditionFailed",
    "PreconditionRequired",
    "RequestTooLarge",
    "SinceField",
    "SinceFilter",
    "Versioned",
    "choices_help",
    "content_etag",
    "document_input_errors",
    "errors",
    "etag_for",
    "exception_handler",
    "expected_version",
    "logger",
    "read_responses",
    "with_etag",
]
