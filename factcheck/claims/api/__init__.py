"""The claims part of the API: claims, sources, verdicts, and the exports of published verdicts.

Serializers only validate and shape; every write is a call to `factcheck.claims.services`,
so the workflow, the permissions and the four-eyes rule are the ones the web UI enforces.
"""

from factcheck.claims.api.articles import ArticleViewSet
from factcheck.claims.api.claims import (
    STALE_WRITE,
    ClaimCursorPagination,
    ClaimViewSet,
)
from factcheck.claims.api.comments import ClaimCommentsView, RatingListView
from factcheck.claims.api.exports import (
    EXPORT_DOC,
    SINCE,
    ClaimReviewFeedView,
    ErrorsAsJson,
    ExportView,
    VerdictCsvExportView,
    VerdictJsonExportView,
)
from factcheck.claims.api.serializers import (
    BulkResultSerializer,
    BulkSerializer,
    ClaimMatchSerializer,
    ClaimSerializer,
    ClaimUpdateSerializer,
    CommentCreateSerializer,
    CommentSerializer,
    DuplicateSerializer,
    ExportRowSerializer,
    RatingSerializer,
    SendBackSerializer,
    SimilarClaimSerializer,
    SourceCreateSerializer,
    SourceSerializer,
    UnpublishSerializer,
    VerdictDraftSerializer,
    VerdictSerializer,
    VerdictUpdateSerializer,
)
from factcheck.claims.api.sources import ClaimSourcesView, SourceViewSet
from factcheck.claims.api.verdicts import VERDICT_ACTION, VerdictFilter, VerdictViewSet

__all__ = [
    "EXPORT_DOC",
    "SINCE",
    "STALE_WRITE",
    "VERDICT_ACTION",
    "ArticleViewSet",
    "BulkResultSerializer",
    "BulkSerializer",
    "ClaimCommentsView",
    "ClaimCursorPagination",
    "ClaimMatchSerializer",
    "ClaimReviewFeedView",
    "ClaimSerializer",
    "ClaimSourcesView",
    "ClaimUpdateSerializer",
    "ClaimViewSet",
    "CommentCreateSerializer",
    "CommentSerializer",
    "DuplicateSerializer",
    "ErrorsAsJson",
    "ExportRowSerializer",
    "ExportView",
    "RatingListView",
    "RatingSerializer",
    "SendBackSerializer",
    "SimilarClaimSerializer",
    "SourceCreateSerializer",
    "SourceSerializer",
    "SourceViewSet",
    "UnpublishSerializer",
    "VerdictCsvExportView",
    "VerdictDraftSerializer",
    "VerdictFilter",
    "VerdictJsonExportView",
    "VerdictSerializer",
    "VerdictUpdateSerializer",
    "VerdictViewSet",
]
