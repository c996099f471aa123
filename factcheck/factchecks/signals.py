"""Events for whoever listens, so that `factchecks` needs to know nothing of its listeners.

- `factchecks_imported`: an import added or changed fact-checks (those with `updated_at`
  at or after `changed_since`). Sent inside the import's transaction: a receiver that
  queues work (an outbox row) commits or rolls back with the import.
"""

from django.dispatch import Signal

# sender=FactCheck, changed_since=<datetime>
factchecks_imported = Signal()
