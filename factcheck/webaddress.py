"""The one check of a web address a person gives: an article's, a source's, a claimant's
page. The services call it, so the web form, the API and the admin give the same answer."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# Marked here, translated where it is raised: the English text stays a plain str for callers.
MESSAGE = gettext_noop("Enter a full web address starting with http:// or https://.")


def clean_web_address(url: str) -> str:
    url = url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(_(MESSAGE)) from None
    return url
