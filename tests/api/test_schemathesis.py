"""schemathesis against our own OpenAPI schema, in-process through the WSGI app (no server).

For every operation it sends generated requests, valid and invalid, with an editor's token,
and checks that no response is a server error and every response matches the schema: its
status code is documented, its content type and body conform, its headers too.
"""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from factcheck.claims import services
from tests.api.conftest import publish, rating
from tests.clients import api_key
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]

schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())

# Ids of rows the current test made, so that generated paths also hit real objects and
# not only 404s. Filled by the `desk` fixture before generation starts.
KNOWN_IDS: list[int] = []


@schema.hook
def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any]) -> Any:
    if not path_parameters or "id" not in path_parameters or not KNOWN_IDS:
        return st.just(path_parameters)
    return st.sampled_from([path_parameters["id"], *KNOWN_IDS]).map(
        lambda value: {**path_parameters, "id": value}
    )


@pytest.fixture
def in_test_transaction() -> Iterator[None]:
    """Requests through the bare WSGI app would close the test's connection when they end
    (Django drops a connection left inside a transaction); its test client avoids that the
    same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def desk(in_test_transaction: None, reviewer: User, editor: User, other_editor: User) -> str:
    """A small newsroom: an article, claims, a source, a draft and a published verdict."""
    article = ArticleFactory(url="https://news.example.org/zapad")
    published = ClaimFactory(article=article, claimant="TASS")
    SourceFactory(claim=published)
    publish(published, author=reviewer, approver=other_editor)
    drafted = ClaimFactory(article=article, start=1)
    services.verdict_save_draft(claim=drafted, actor=reviewer, rating=rating("mixed"), summary="?")
    KNOWN_IDS[:] = sorted(
        {article.pk, published.pk, drafted.pk, *drafted.verdicts.values_list("pk", flat=True)}
    )
    return api_key(editor)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_keeps_to_the_schema(case: Any, desk: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Token {desk}"}, checks=CHECKS)
