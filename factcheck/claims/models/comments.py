"""Comments on a claim."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from factcheck.claims.models.claims import Claim

User = settings.AUTH_USER_MODEL


class Comment(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("comment")
        verbose_name_plural = gettext_lazy("comments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]
