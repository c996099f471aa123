"""Every write to claims, sources, verdicts and comments, and every rule about them.

The web UI, the API and the admin all call these functions, so the workflow, the
permissions and the four-eyes rule cannot differ between them.
"""

from factcheck.claims.models.verdicts import SUMMARY_MAX_CHARS
from factcheck.claims.services.bulk import BULK_ACTIONS, BULK_MAX_CLAIMS, BulkRefused, claims_bulk
from factcheck.claims.services.claims import (
    CLAIM_EDITABLE_FIELDS,
    claim_assign,
    claim_change,
    claim_create,
    claim_dismiss,
    claim_propose,
    claim_restore,
    claim_take,
    claim_update,
)
from factcheck.claims.services.comments import comment_add
from factcheck.claims.services.common import (
    DRAFTED,
    MENTION,
    Actor,
    WorkflowError,
    public_record_fingerprint,
)
from factcheck.claims.services.deletion import may_delete
from factcheck.claims.services.duplicates import (
    claim_mark_duplicate,
    claim_publish_duplicate,
    published_verdict_of,
)
from factcheck.claims.services.extraction import (
    claims_create_from_extraction,
    claims_create_from_extractions,
    queue_similar_lookup,
)
from factcheck.claims.services.ratings import (
    RATING_FIELDS,
    RATING_PUBLISHED_FIELDS,
    rating_create,
    rating_update,
)
from factcheck.claims.services.snapshots import (
    RECHECKED_CLAIM_STATUSES,
    SNAPSHOT_REASON,
    SOURCE_RECHECK_AFTER,
    source_note_retry,
    source_snapshot,
    source_snapshot_failed,
    sources_recheck,
)
from factcheck.claims.services.sources import SOURCE_EDITABLE_FIELDS, source_add, source_update
from factcheck.claims.services.verdicts import (
    SOURCE_NEEDED,
    OpenVerdictExists,
    can_approve,
    propose_claim_reviewed,
    verdict_approve,
    verdict_checklist,
    verdict_checklist_missing,
    verdict_create,
    verdict_save_and_submit,
    verdict_save_draft,
    verdict_send_back,
    verdict_submit,
    verdict_unpublish,
    verdict_writers,
)
from factcheck.versioning import ConflictError

__all__ = [
    "BULK_ACTIONS",
    "BULK_MAX_CLAIMS",
    "CLAIM_EDITABLE_FIELDS",
    "DRAFTED",
    "MENTION",
    "RATING_FIELDS",
    "RATING_PUBLISHED_FIELDS",
    "RECHECKED_CLAIM_STATUSES",
    "SNAPSHOT_REASON",
    "SOURCE_EDITABLE_FIELDS",
    "SOURCE_NEEDED",
    "SOURCE_RECHECK_AFTER",
    "SUMMARY_MAX_CHARS",
    "Actor",
    "BulkRefused",
    "ConflictError",
    "OpenVerdictExists",
    "WorkflowError",
    "can_approve",
    "claim_assign",
    "claim_change",
    "claim_create",
    "claim_dismiss",
    "claim_mark_duplicate",
    "claim_propose",
    "claim_publish_duplicate",
    "claim_restore",
    "claim_take",
    "claim_update",
    "claims_bulk",
    "claims_create_from_extraction",
    "claims_create_from_extractions",
    "comment_add",
    "may_delete",
    "propose_claim_reviewed",
    "public_record_fingerprint",
    "published_verdict_of",
    "queue_similar_lookup",
    "rating_create",
    "rating_update",
    "source_add",
    "source_note_retry",
    "source_snapshot",
    "source_snapshot_failed",
    "source_update",
    "sources_recheck",
    "verdict_approve",
    "verdict_checklist",
    "verdict_checklist_missing",
    "verdict_create",
    "verdict_save_and_submit",
    "verdict_save_draft",
    "verdict_send_back",
    "verdict_submit",
    "verdict_unpublish",
    "verdict_writers",
]
