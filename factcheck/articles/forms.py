"""Forms only validate what a person typed; the services decide and write."""

from typing import Any

from django import forms
from django.conf import settings


class Form(forms.Form):
    """Labels as written ("Title", not "Title:"): they read better and match what tests
    and screen readers look for."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ArticleForm(Form):
    title = forms.CharField(label="Title", max_length=300, required=False)
    url = forms.CharField(
        label="URL",
        max_length=2000,
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text="Give only the address and we fetch the article from it.",
    )
    text = forms.CharField(
        label="Text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Paste the article's text.",
    )
    file = forms.FileField(
        label="File",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.markdown,.html,.htm"}),
        help_text="Or upload it as a .txt, .md or .html file.",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        # Refuse before reading it into memory; the service checks the bytes again.
        if upload and upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                f"The file is too large: {upload.size:,} bytes; the limit is "
                f"{settings.UPLOAD_MAX_BYTES:,}."
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        values = {
            "text": (data.get("text") or "").strip(),
            "file": data.get("file"),
            "url": (data.get("url") or "").strip(),
        }
        given = [name for name, value in values.items() if value]
        if not given and not self.errors:
            raise forms.ValidationError(
                "Give the article: paste its text, upload a file, or enter its URL."
            )
        if len(given) > 1:
            labels = " and ".join(str(self.fields[name].label or name) for name in given)
            raise forms.ValidationError(
                f"Give the article one way only: you filled in {labels}. Keep one of them."
            )
        return data
