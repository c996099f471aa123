"""`{{ article.job_error|said:article.job_error_params }}`: a message a worker stored, in
the reader's language (see factcheck.i18n.Message)."""

from typing import Any

from django import template

from factcheck.i18n import say

register = template.Library()


@register.filter
def said(text: str, stored: dict[str, Any] | None) -> str:
    return say(text, stored)
