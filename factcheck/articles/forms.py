"""Forms only validate what a person typed; the services decide and write."""

from datetime import UTC, datetime, time
from typing import Any

from django import forms
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from factcheck.forms import Form


class ArticleMetaForm(Form):
    """What a reviewer knows about an article besides its text: its ClaimReview shows it."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=300, required=False)
    url = forms.CharField(
        label=gettext_lazy("URL"),
        max_length=2000,
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=gettext_lazy(
            "Alone, we fetch the article from it; with pasted text or a file, it is "
            "recorded as the article's address."
        ),
    )
    publisher = forms.CharField(label=gettext_lazy("Publisher"), max_length=200, required=False)
    author = forms.CharField(label=gettext_lazy("Author"), max_length=200, required=False)
    published_at = forms.DateField(
        label=gettext_lazy("Published on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("The day the article came out."),
    )

    def metadata(self) -> dict[str, Any]:
        """The fields as the services take them: the day as midnight UTC."""
        data = self.cleaned_data
        day = data.get("published_at")
        return {
            "title": data.get("title") or "",
            "url": (data.get("url") or "").strip(),
            "publisher": (data.get("publisher") or "").strip(),
            "author": (data.get("author") or "").strip(),
            "published_at": datetime.combine(day, time.min, tzinfo=UTC) if day else None,
        }


class ArticleEditForm(ArticleMetaForm):
    language = forms.CharField(
        label=gettext_lazy("Language"),
        max_length=16,
        required=False,
        help_text=gettext_lazy(
            "ISO 639-1 code, such as en or es. Changing it finds the machine's claims again "
            "with that language's rules; claims added or worked on by people stay."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def metadata(self) -> dict[str, Any]:
        # Left empty, the language stays as it is (a form from before the field existed).
        language = (self.cleaned_data.get("language") or "").strip()
        return {**super().metadata(), **({"language": language} if language else {})}


class ArticleForm(ArticleMetaForm):
    text = forms.CharField(
        label=gettext_lazy("Text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy("Paste the article's text."),
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.markdown,.html,.htm"}),
        help_text=gettext_lazy("Or upload it as a .txt, .md or .html file."),
    )

    # Set once the reviewer has seen the title proposed for pasted text (see article_new).
    title_checked = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def needs_title_check(self) -> bool:
        data = self.cleaned_data
        pasted = (data.get("text") or "").strip()
        return bool(pasted) and not data.get("title") and not data.get("title_checked")

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        # Refuse before reading it into memory; the service checks the bytes again.
        if upload and upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large: %(size)s bytes; the limit is %(limit)s.")
                % {
                    "size": number_format(upload.size, force_grouping=True),
                    "limit": number_format(settings.UPLOAD_MAX_BYTES, force_grouping=True),
                }
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The URL is the article's address beside pasted text or a file, and fetched alone.
        values = {"text": (data.get("text") or "").strip(), "file": data.get("file")}
        given = [name for name, value in values.items() if value]
        if not given and not (data.get("url") or "").strip() and not self.errors:
            raise forms.ValidationError(
                _("Give the article: paste its text, upload a file, or enter its URL.")
            )
        if len(given) > 1:
            labels = " and ".join(str(self.fields[name].label or name) for name in given)
            raise forms.ValidationError(
                _("Give the article one way only: you filled in %(labels)s. Keep one of them.")
                % {"labels": labels}
            )
        return data
