"""The outbox: every background job, written in the transaction that made its work."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy


class JobQuerySet(models.QuerySet["Job"]):
    def undispatched(self) -> "JobQuerySet":
        return self.filter(dispatched_at__isnull=True)


class Job(models.Model):
    """A Celery task to send to the broker once the transaction that recorded it commits.

    The row commits with the article or source it is about, or not at all, so a request
    never stores work without its job; it is marked dispatched once the broker took the
    message, and the sweep (`dispatch_jobs_task`) sends whatever the broker refused.
    """

    # The registered name, e.g. factcheck.articles.tasks.fetch_article_task.
    task = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)  # publishes the broker refused
    last_error = models.TextField(blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("job")
        verbose_name_plural = gettext_lazy("jobs")
        ordering = ["pk"]
        indexes = [
            # The sweep reads the few undispatched rows among many sent ones.
            models.Index(
                fields=["id"], condition=Q(dispatched_at__isnull=True), name="job_undispatched"
            ),
            models.Index(fields=["dispatched_at"], name="job_dispatched_at"),
        ]

    def __str__(self) -> str:
        return f"{self.task.rsplit('.', 1)[-1]}{tuple(self.args)} #{self.pk}"

    @property
    def task_id(self) -> str:
        """The Celery task id: every publish of this job carries the same one."""
        return f"job-{self.pk}"
