# The local web and the fetcher's test allow-list, as the worker tests have them.
from tests.workers.conftest import allow_local, web  # noqa: F401
