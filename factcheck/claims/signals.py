"""Events of the public record, for whoever listens (webhooks), so that `claims` needs to
know nothing of them: apps import one way.

Sent inside the service's transaction: a receiver that records work (an outbox row) commits
or rolls back with the change itself."""

from django.dispatch import Signal

# sender=Verdict, verdict=<the verdict>, event=one of EVENTS
public_record_changed = Signal()

PUBLISHED = "verdict.published"
CORRECTED = "verdict.corrected"
UNPUBLISHED = "verdict.unpublished"
EVENTS = (PUBLISHED, CORRECTED, UNPUBLISHED)
