"""What every app's forms share. Forms only validate what a person typed; the services
decide and write."""

from typing import Any

from django import forms


class Form(forms.Form):
    """Labels as written ("Title", not "Title:"): they read better and match what tests
    and screen readers look for."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
