"""The articles tests' reviewer, logged in, and their way of reading a page."""

from typing import Any

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.test import Client


@pytest.fixture
def rita(client: Client, reviewer: User) -> Client:
    client.force_login(reviewer)
    return client


def html(response: Any) -> Any:
    return lxml.html.fromstring(response.content.decode())
