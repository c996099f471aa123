"""The language to write to a person in when no request says it (e-mail sent by a worker),
and messages a worker stores that pages show in the reader's language (`Message`, `say`).

In a request, LocaleMiddleware and the user's saved choice have activated the language
already; a Celery task has none, so it asks here for each recipient and writes inside
`translation.override(user_language(user))`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext

from factcheck.fetch import FetchError, english
from factcheck.text import TextRefused


def user_language(user: Any) -> str:
    """The language `user` chose for the interface (their profile's `language`, a code of
    settings.LANGUAGES), else the site's default, settings.LANGUAGE_CODE."""
    # No profile row yet: Django's RelatedObjectDoesNotExist is an AttributeError.
    profile = getattr(user, "profile", None)
    language = getattr(profile, "language", "") or ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


Values = dict[str, int | str]


@dataclass(frozen=True)
class Message:
    """A message a worker stores for pages to show in the reader's language.

    A worker writes in English (the API and the logs read the stored text); beside the text
    it stores each sentence as a catalog template with its values (`stored()`, a JSON
    field), and `say` translates them when a page shows the message.
    """

    parts: tuple[tuple[str, Values], ...]

    @classmethod
    def of(cls, error: FetchError | TextRefused) -> Message:
        return cls(((error.template, dict(error.params)),))

    @classmethod
    def new(cls, template: str, **params: int | str) -> Message:
        return cls(((template, params),))

    def __add__(self, other: Message) -> Message:
        return Message(self.parts + other.parts)

    def __str__(self) -> str:
        return " ".join(english(template, params) for template, params in self.parts)

    def translated(self) -> str:
        """The message in the active language."""
        return " ".join(_say_part(template, params) for template, params in self.parts)

    def stored(self, text: str) -> dict[str, Any]:
        """The JSON kept beside `text` (the stored, perhaps shortened, English)."""
        return {"text": text, "parts": [[template, params] for template, params in self.parts]}


def stored_message(error: str | Message, limit: int = 2000) -> tuple[str, dict[str, Any]]:
    """The text column's value and its JSON companion for `error`."""
    text = str(error)[:limit]
    return text, error.stored(text) if isinstance(error, Message) else {}


def say(text: str, stored: dict[str, Any] | None) -> str:
    """`text` in the active language when `stored` says how (and still belongs to it),
    else `text` as stored (messages written before, or by someone, not a template)."""
    if not stored or stored.get("text") != text:
        return text
    return Message(tuple((template, params) for template, params in stored["parts"])).translated()


def _say_part(template: str, params: Values) -> str:
    if not params:
        return gettext(template)
    # A value that is itself a marked phrase ("a loopback address", "timed out") is said in
    # the active language too; a host name or an address is no msgid and stays as it is.
    values = {
        k: number_format(v, force_grouping=True) if isinstance(v, int) else gettext(v) if v else v
        for k, v in params.items()
    }
    return gettext(template) % values
