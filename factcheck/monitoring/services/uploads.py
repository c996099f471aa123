"""Several transcripts or plain files uploaded at once as a source: all stored, or none."""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from factcheck.articles.models import Article
from factcheck.articles.services import (
    article_body,
    articles_create,
    text_from_upload,
)
from factcheck.versioning import Actor, require

logger = logging.getLogger(__name__)
UPLOAD_MAX_FILES = 50  # per upload: a day of transcripts, not an archive (use a folder)


@dataclass(frozen=True)
class Upload:
    """One uploaded file: its name and bytes."""

    name: str
    data: bytes


def transcripts_upload(
    *, actor: Actor, files: Sequence[Upload], publisher: str = ""
) -> list[tuple[Article, bool]]:
    """Store several uploaded transcripts or plain files (.txt, .md, .html) as articles at
    once, each queued for extraction; returns (article, created) per file.

    All or nothing: every file is read first, and if one is refused (its type, its size,
    no text) nothing is stored and the error names each file refused. A file whose text
    is here already is that article (created False), as for a single upload.
    """
    require(actor, "articles.add_article", _("add articles"))
    if not files:
        raise ValidationError(_("Choose at least one file."))
    if len(files) > UPLOAD_MAX_FILES:
        raise ValidationError(
            _(
                "%(count)s files at once is too many: upload at most %(most)s, or follow a folder "
                "for more."
            )
            % {"count": len(files), "most": UPLOAD_MAX_FILES}
        )
    items, refused = [], []
    for upload in files:
        try:
            text, raw = text_from_upload(name=upload.name, data=upload.data)
            article_body(text.body)  # refused here, so the message names the file
        except ValidationError as exc:
            refused.append(f"{upload.name}: {' '.join(exc.messages)}")
            continue
        title = text.title or Path(upload.name).stem.replace("_", " ").strip()
        items.append(
            {
                "text": text,
                "raw": raw,
                "input_kind": Article.InputKind.FILE,
                "title": title,
                "publisher": publisher,
            }
        )
    if refused:
        raise ValidationError([_("Nothing was stored."), *refused])
    return articles_create(actor=actor, items=items)
