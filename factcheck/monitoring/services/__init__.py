"""Every write of followed feeds and of the "Seen again" queue, one module per concern:
following (adding and changing feeds), polling, sightings (Seen again) and uploads
(several files at once). The public names are importable from here."""

from factcheck.monitoring.services.following import (
    FEED_FIELDS,
    feed_create,
    feed_resume,
    feed_update,
)
from factcheck.monitoring.services.polling import (
    FollowerRefused,
    PollResult,
    check_folder,
    feed_poll,
    feed_record_failure,
    feeds_dispatch_due,
    queue_poll,
)
from factcheck.monitoring.services.polling import _policy as _policy
from factcheck.monitoring.services.sightings import (
    claims_seen_most,
    on_claims_matched,
    sighting_dismiss,
    sighting_publish,
    sightings_record,
)
from factcheck.monitoring.services.uploads import UPLOAD_MAX_FILES, Upload, transcripts_upload

__all__ = [
    "FEED_FIELDS",
    "UPLOAD_MAX_FILES",
    "FollowerRefused",
    "PollResult",
    "Upload",
    "check_folder",
    "claims_seen_most",
    "feed_create",
    "feed_poll",
    "feed_record_failure",
    "feed_resume",
    "feed_update",
    "feeds_dispatch_due",
    "on_claims_matched",
    "queue_poll",
    "sighting_dismiss",
    "sighting_publish",
    "sightings_record",
    "transcripts_upload",
]
