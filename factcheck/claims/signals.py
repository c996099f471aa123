"""What happened in the workflow, for whoever listens (the notifications app).

The claims services send `workflow_event` inside their transaction; listeners queue
their work on commit. Claims import nothing of their listeners: apps import one way.
"""

from django.dispatch import Signal

# kind: str, claim: Claim, actor: User | None, recipient_ids: list[int], key: str
workflow_event = Signal()
