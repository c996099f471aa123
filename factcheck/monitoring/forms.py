from typing import Any

from django import forms
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from factcheck.monitoring.models import Feed


class FeedForm(forms.Form):
    """Validates the shape only; the services decide (address rules, duplicates)."""

    url = forms.CharField(
        label=gettext_lazy("Feed address"),
        max_length=2000,
        required=False,
        help_text=gettext_lazy("An RSS, Atom or JSON feed, or a news sitemap."),
        widget=forms.URLInput(attrs={"placeholder": "https://example.org/feed.xml"}),
    )
    folder = forms.CharField(
        label=gettext_lazy("Or a folder on the server"),
        max_length=500,
        required=False,
        help_text=gettext_lazy(
            "Of transcripts and other .txt, .md or .html files, under the folder "
            "the administrator opened (FEEDS_FOLDER_ROOT)."
        ),
    )
    name = forms.CharField(
        max_length=200, required=False, help_text=gettext_lazy("Default: the site's name.")
    )
    interval_minutes = forms.IntegerField(
        label=gettext_lazy("Every (minutes)"), min_value=5, max_value=7 * 24 * 60, initial=60
    )
    enabled = forms.BooleanField(label=gettext_lazy("Poll it"), required=False, initial=True)


class FeedEditForm(FeedForm):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    @classmethod
    def for_feed(cls, feed: Feed) -> "FeedEditForm":
        return cls(
            initial={
                "url": feed.url or "",
                "folder": feed.folder,
                "name": feed.name,
                "interval_minutes": feed.interval_minutes,
                "enabled": feed.enabled,
                "loaded_version": feed.version,
            }
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, each checked as a FileField checks one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(upload, initial) for upload in uploads]


class TranscriptsUploadForm(forms.Form):
    """Several transcripts or plain files at once; the service reads and refuses them."""

    uploads = MultipleFileField(
        label=gettext_lazy("Transcripts or files"),
        required=False,  # the service says "choose at least one file"
        widget=MultipleFileInput(attrs={"accept": ".txt,.md,.markdown,.html,.htm"}),
        help_text=gettext_lazy(
            "Several .txt, .md or .html files at once; each becomes an article."
        ),
    )
    publisher = forms.CharField(
        max_length=200,
        required=False,
        help_text=gettext_lazy("Optional: the show or outlet of them all."),
    )

    def clean_uploads(self) -> list[Any]:
        uploads: list[Any] = self.cleaned_data.get("uploads") or []
        # Refuse before reading them into memory; the service checks the bytes again.
        too_large = [u.name for u in uploads if u.size > settings.UPLOAD_MAX_BYTES]
        if too_large:
            limit = number_format(settings.UPLOAD_MAX_BYTES, force_grouping=True)
            raise forms.ValidationError(
                _("Too large (the limit is %(limit)s bytes a file): %(files)s")
                % {"limit": limit, "files": ", ".join(too_large)}
            )
        return uploads
