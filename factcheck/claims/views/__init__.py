"""The claim workspace, the queues, the claim search and the public fact-check page.

Views validate a form, call one service and redirect; every rule (permissions, workflow,
four-eyes, versions) is the services', so a refusal here is the same as in the API.
"""

from factcheck.claims.access import get_claim_for_user, get_verdict_for_user
from factcheck.claims.views.claims import (
    claim_assign,
    claim_cite_factcheck,
    claim_dismiss,
    claim_edit,
    claim_mark_duplicate,
    claim_publish_duplicate,
    claim_restore,
    claim_take,
)
from factcheck.claims.views.comments import comment_add
from factcheck.claims.views.public import claim_public, ld_json, rating_styles
from factcheck.claims.views.queues import (
    BULK_DONE,
    CLAIMS_PER_PAGE,
    QUEUE_LENGTH,
    ClaimRow,
    HtmxHttpRequest,
    Queue,
    claim_bulk,
    claim_list,
    claim_rows,
    dashboard,
)
from factcheck.claims.views.sources import source_add, source_archive
from factcheck.claims.views.verdicts import verdict_approve, verdict_save, verdict_send_back
from factcheck.claims.views.workspace import OPEN_STATES, claim_detail, workspace

__all__ = [
    "BULK_DONE",
    "CLAIMS_PER_PAGE",
    "OPEN_STATES",
    "QUEUE_LENGTH",
    "ClaimRow",
    "HtmxHttpRequest",
    "Queue",
    "claim_assign",
    "claim_bulk",
    "claim_cite_factcheck",
    "claim_detail",
    "claim_dismiss",
    "claim_edit",
    "claim_list",
    "claim_mark_duplicate",
    "claim_public",
    "claim_publish_duplicate",
    "claim_restore",
    "claim_rows",
    "claim_take",
    "comment_add",
    "dashboard",
    "get_claim_for_user",
    "get_verdict_for_user",
    "ld_json",
    "rating_styles",
    "source_add",
    "source_archive",
    "verdict_approve",
    "verdict_save",
    "verdict_send_back",
    "workspace",
]
