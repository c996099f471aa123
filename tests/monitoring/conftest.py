from collections.abc import Iterator
from typing import Any

import pytest

from tests.localweb import LocalWeb


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    server = LocalWeb()
    yield server
    server.close()


@pytest.fixture
def allow_local(settings: Any, web: LocalWeb) -> None:
    """The test-only allow-list: the fetcher may reach our local web's port on 127.0.0.1."""
    settings.FETCH_ALLOWED_PRIVATE_HOSTS = [f"127.0.0.1:{web.port}"]
