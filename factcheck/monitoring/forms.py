from django import forms

from factcheck.monitoring.models import Feed


class FeedForm(forms.Form):
    """Validates the shape only; the services decide (address rules, duplicates)."""

    url = forms.CharField(
        label="Feed address",
        max_length=2000,
        required=False,
        help_text="An RSS, Atom or JSON feed, or a news sitemap.",
        widget=forms.URLInput(attrs={"placeholder": "https://example.org/feed.xml"}),
    )
    folder = forms.CharField(
        label="Or a folder on the server",
        max_length=500,
        required=False,
        help_text="Of transcripts and other .txt, .md or .html files, under the folder "
        "the administrator opened (FEEDS_FOLDER_ROOT).",
    )
    name = forms.CharField(max_length=200, required=False, help_text="Default: the site's name.")
    interval_minutes = forms.IntegerField(
        label="Every (minutes)", min_value=5, max_value=7 * 24 * 60, initial=60
    )
    enabled = forms.BooleanField(label="Poll it", required=False, initial=True)


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
