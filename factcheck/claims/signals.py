"""Events for whoever listens, so that `claims` needs to know nothing of its listeners:
apps import one way.

- `public_record_changed`: the public record changed (webhooks). Sent inside the service's
  transaction: a receiver that records work (an outbox row) commits or rolls back with
  the change itself.
- `workflow_event`: something happened in the workflow (notifications). Sent inside the
  service's transaction; listeners queue their work on commit.
- `claims_matched`: new claims were matched against our claims and imported fact-checks
  (monitoring's "Seen again" queue). Sent by the worker after the matches are stored.
"""

from django.dispatch import Signal

# sender=Verdict, verdict=<the verdict>, event=one of EVENTS
public_record_changed = Signal()

PUBLISHED = "verdict.published"
CORRECTED = "verdict.corrected"
UNPUBLISHED = "verdict.unpublished"
EVENTS = (PUBLISHED, CORRECTED, UNPUBLISHED)

# kind: str, actor: User | None, events: [(claim id, recipient ids, key), ...] (one or many)
workflow_event = Signal()

# claim_ids: list[int], whose similar claims and fact-check matches are now stored
claims_matched = Signal()
