"""The safe fetcher against a local web: what it fetches, and everything it refuses.

Only 127.0.0.1 is ever contacted. Private and other non-global addresses are literals
(or come from a fake resolver) and are refused before any connection is opened.
"""

import gzip
import hashlib
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from factcheck import fetch as fetch_module
from factcheck.fetch import (
    FetchFailed,
    FetchPolicy,
    FetchRefused,
    HostNotFound,
    LinkDead,
    TemporaryFetchError,
    fetch,
    non_global_reason,
)
from tests.localweb import LocalWeb, Reply, html_page, redirect


def local(web: LocalWeb, **policy: Any) -> FetchPolicy:
    """A policy that lets the fetcher reach the local web's port on 127.0.0.1, and no other."""
    return FetchPolicy(
        **{"deadline": 20, "allowed_private_hosts": frozenset({("127.0.0.1", web.port)}), **policy}
    )


PAGE = html_page("Troops in Belarus", ["More than 10,000 troops took part in the drills."])


@pytest.fixture
def no_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the fetcher opens any socket: refusals come before connecting."""

    def refuse(*args: Any) -> None:
        raise AssertionError("the fetcher tried to connect")

    monkeypatch.setattr(fetch_module, "_open_socket", refuse)


def fake_resolver(table: dict[str, list[str]], calls: list[str] | None = None) -> Any:
    def resolve(host: str, port: int) -> list[fetch_module.AddrInfo]:
        if calls is not None:
            calls.append(host)
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (
                socket.AF_INET6 if ":" in ip else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (ip, port, 0, 0) if ":" in ip else (ip, port),
            )
            for ip in table[host]
        ]

    return resolve


# What it fetches


def test_it_fetches_a_page_from_a_host_on_the_test_allow_list(web: LocalWeb) -> None:
    url = web.add("/article", Reply(body=PAGE))
    page = fetch(url, local(web))
    assert page.status == 200
    assert page.final_url == url
    assert page.content_type == "text/html"
    assert page.charset == "utf-8"
    assert "10,000 troops" in page.text()
    assert page.sha256 == hashlib.sha256(PAGE.encode()).hexdigest()
    assert page.fetched_at.tzinfo is not None


def test_it_sends_the_original_host_header_and_resolves_the_name_only_once(
    web: LocalWeb,
) -> None:
    calls: list[str] = []
    resolver = fake_resolver({"news.test": ["127.0.0.1"]}, calls)
    policy = FetchPolicy(allowed_private_hosts=frozenset({("news.test", web.port)}))
    web.add("/a", Reply(body=PAGE))
    page = fetch(f"http://news.test:{web.port}/a", policy, resolver=resolver)
    assert page.status == 200
    assert calls == ["news.test"]
    assert web.requests["/a"][0]["Host"] == f"news.test:{web.port}"


def test_it_follows_redirects_within_allowed_hosts_and_reports_the_final_address(
    web: LocalWeb,
) -> None:
    start = web.add("/old", redirect("/older", 301))
    web.add("/older", redirect(web.url("/new"), 308))
    web.add("/new", Reply(body=PAGE))
    page = fetch(start, local(web))
    assert page.final_url == web.url("/new")
    assert page.redirects == (start, web.url("/older"))


def test_it_accepts_exactly_five_redirects(web: LocalWeb) -> None:
    for i in range(5):
        web.add(f"/r{i}", redirect(f"/r{i + 1}"))
    web.add("/r5", Reply(body=PAGE))
    assert fetch(web.url("/r0"), local(web)).final_url == web.url("/r5")


def test_it_accepts_plain_text_and_xhtml(web: LocalWeb) -> None:
    text = web.add("/t.txt", Reply(body="Plain words.", content_type="text/plain"))
    xhtml = web.add("/x", Reply(body=PAGE, content_type="application/xhtml+xml"))
    assert fetch(text, local(web)).text() == "Plain words."
    assert fetch(xhtml, local(web)).is_html


def test_it_reads_gzip_encoded_pages(web: LocalWeb) -> None:
    url = web.add(
        "/gz", Reply(body=gzip.compress(PAGE.encode()), headers={"Content-Encoding": "gzip"})
    )
    assert fetch(url, local(web)).text() == PAGE


def test_it_decodes_by_header_then_meta_charset_then_cp1252(web: LocalWeb) -> None:
    latin = "Café Zürich".encode("latin-1")
    header = web.add("/h", Reply(body=latin, content_type="text/plain; charset=iso-8859-1"))
    meta = web.add(
        "/m",
        Reply(
            body=b'<html><head><meta charset="windows-1251"></head><body>'
            + "Запад".encode("cp1251")
            + b"</body></html>",
            content_type="text/html",
        ),
    )
    undeclared = web.add("/u", Reply(body=b"smart \x93quotes\x94", content_type="text/plain"))
    assert fetch(header, local(web)).text() == "Café Zürich"
    assert "Запад" in fetch(meta, local(web)).text()
    assert fetch(undeclared, local(web)).text() == "smart “quotes”"


def test_policy_comes_from_django_settings(settings: Any) -> None:
    settings.FETCH_ALLOWED_PRIVATE_HOSTS = ["LocalHost.:8000", "127.0.0.1:8001", "[::1]:8002"]
    settings.FETCH_MAX_BYTES = 1234
    settings.FETCH_DEADLINE_SECONDS = 7
    policy = FetchPolicy.from_settings(settings)
    assert policy.allowed_private_hosts == {("localhost", 8000), ("127.0.0.1", 8001), ("::1", 8002)}
    assert (policy.max_bytes, policy.deadline, policy.max_redirects) == (1234, 7.0, 5)


def test_the_fetcher_imports_without_django() -> None:
    path = Path(fetch_module.__file__)
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('fetch', {str(path)!r})\n"
        "module = importlib.util.module_from_spec(spec); sys.modules['fetch'] = module\n"
        "spec.loader.exec_module(module)\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('django', 'celery')]\n"
        "print(module.non_global_reason('10.0.0.1'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "a private address"


# Addresses it refuses


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "metadata"),
        ("169.254.10.1", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("100.127.255.254", "carrier-grade NAT"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("198.18.0.1", "private"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1%eth0", "link-local"),
        ("fc00::1", "private"),
        ("fd00:ec2::254", "metadata"),
        ("::ffff:127.0.0.1", "IPv4-mapped"),
        ("::ffff:8.8.8.8", "IPv4-mapped"),
        ("2002:7f00:1::", "wrapping a loopback"),
        ("64:ff9b::a00:1", "wrapping a private"),
        ("ff02::1", "multicast"),
    ],
)
def test_non_global_addresses_are_named_for_what_they_are(address: str, reason: str) -> None:
    assert reason in (non_global_reason(address) or "")


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert non_global_reason(address) is None


def test_loopback_is_refused_without_the_allow_list(web: LocalWeb) -> None:
    url = web.add("/article", Reply(body=PAGE))
    with pytest.raises(FetchRefused, match=r"127\.0\.0\.1, a loopback address"):
        fetch(url, FetchPolicy())
    assert web.hits("/article") == 0


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/report",
        "http://192.168.0.10:8080/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.1.1/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:10.0.0.1]:8000/x",
        "http://[fe80::1]/",
        "http://[::1]/",
        "http://2130706433/",
        "http://0x7f.1/",
        "http://127.1/",
        "http://0.0.0.0/",
        "https://10.1.2.3/",
    ],
)
def test_non_global_addresses_are_refused_before_connecting(url: str, no_connections: None) -> None:
    with pytest.raises(FetchRefused, match="only public web addresses are fetched") as info:
        fetch(url, FetchPolicy())
    assert not info.value.retryable


def test_a_name_resolving_to_a_private_address_is_refused(no_connections: None) -> None:
    resolver = fake_resolver({"intranet.example": ["10.0.0.7"]})
    with pytest.raises(FetchRefused, match=r"intranet.example \(10.0.0.7\), a private address"):
        fetch("http://intranet.example/wiki", FetchPolicy(), resolver=resolver)


def test_a_name_with_one_public_and_one_private_address_is_refused(no_connections: None) -> None:
    resolver = fake_resolver({"mixed.example": ["93.184.216.34", "192.168.0.5"]})
    with pytest.raises(FetchRefused, match=r"192\.168\.0\.5"):
        fetch("https://mixed.example/", FetchPolicy(), resolver=resolver)


def test_a_redirect_to_a_private_address_is_refused(web: LocalWeb) -> None:
    url = web.add("/go", redirect("http://10.0.0.1/admin"))
    with pytest.raises(FetchRefused, match=r"The page redirects to 10\.0\.0\.1, a private address"):
        fetch(url, local(web))


def test_a_redirect_from_an_allowed_host_to_a_loopback_name_not_allowed_is_refused(
    web: LocalWeb,
) -> None:
    url = web.add("/go", redirect(web.url("/inside", host="localhost")))
    web.add("/inside", Reply(body=PAGE))
    with pytest.raises(FetchRefused, match="redirects to localhost"):
        fetch(url, local(web))
    assert web.hits("/inside") == 0


def test_more_than_five_redirects_are_refused(web: LocalWeb) -> None:
    for i in range(6):
        web.add(f"/r{i}", redirect(f"/r{i + 1}"))
    web.add("/r6", Reply(body=PAGE))
    with pytest.raises(FetchRefused, match="redirects more than 5 times"):
        fetch(web.url("/r0"), local(web))
    assert web.hits("/r6") == 0


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/file.txt",
        "gopher://example.org/",
        "javascript:alert(1)",
        "data:text/html,<p>hi</p>",
        "//example.org/no-scheme",
    ],
)
def test_only_http_and_https_are_fetched(url: str, no_connections: None) -> None:
    with pytest.raises(FetchRefused, match="not an http or https address"):
        fetch(url, FetchPolicy())


def test_a_redirect_to_another_scheme_is_refused(web: LocalWeb) -> None:
    url = web.add("/go", redirect("file:///etc/passwd"))
    with pytest.raises(FetchRefused, match="redirect target 'file:///etc/passwd'"):
        fetch(url, local(web))


def test_addresses_with_credentials_are_refused(no_connections: None) -> None:
    with pytest.raises(FetchRefused, match="user name or password"):
        fetch("http://admin:secret@example.org/", FetchPolicy())


# Responses it refuses


@pytest.mark.parametrize("content_type", ["image/png", "application/json", "application/pdf"])
def test_content_that_is_not_html_or_text_is_refused(web: LocalWeb, content_type: str) -> None:
    url = web.add("/file", Reply(body=b"\x89PNG....", content_type=content_type))
    with pytest.raises(FetchRefused, match=f"{content_type} content, not a web page"):
        fetch(url, local(web))


def test_a_response_without_a_content_type_is_refused(web: LocalWeb) -> None:
    url = web.add("/file", Reply(body=b"something", content_type=None))
    with pytest.raises(FetchRefused, match="did not say what kind of content"):
        fetch(url, local(web))


def test_a_page_announced_larger_than_the_cap_is_refused(web: LocalWeb) -> None:
    url = web.add("/big", Reply(body=b"x" * 2000))
    with pytest.raises(FetchRefused, match="larger than the limit of 1,000 bytes"):
        fetch(url, local(web, max_bytes=1000))


def test_a_page_without_a_length_is_cut_off_at_the_cap_while_reading(web: LocalWeb) -> None:
    url = web.add("/big", Reply(body=b"x" * 300_000, send_length=False))
    policy = local(web, max_bytes=100_000)
    with pytest.raises(FetchRefused, match="larger than the limit of 100,000 bytes"):
        fetch(url, policy)


def test_a_gzip_bomb_is_cut_off_at_the_cap(web: LocalWeb) -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 5_000_000)
    assert len(bomb) < 10_000
    url = web.add("/bomb", Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    policy = local(web, max_bytes=1_000_000)
    with pytest.raises(FetchRefused, match="larger than the limit"):
        fetch(url, policy)


# Failures, retryable or not


@pytest.mark.parametrize("status", [404, 410])
def test_a_missing_page_is_a_dead_link(web: LocalWeb, status: int) -> None:
    url = web.add("/gone", Reply(status=status, body="gone"))
    with pytest.raises(LinkDead, match=f"answered {status}") as info:
        fetch(url, local(web))
    assert (info.value.dead, info.value.retryable, info.value.status) == (True, False, status)


def test_an_unknown_host_is_retried_and_dead_only_if_it_stays_unknown(
    no_connections: None,
) -> None:
    with pytest.raises(HostNotFound, match="could not be found") as info:
        fetch("https://gone.example/", FetchPolicy(), resolver=fake_resolver({}))
    assert (info.value.retryable, info.value.dead) == (True, True)


def test_a_forbidden_page_is_a_final_failure_not_a_dead_link(web: LocalWeb) -> None:
    url = web.add("/secret", Reply(status=403, body="no"))
    with pytest.raises(FetchFailed, match="403 Forbidden") as info:
        fetch(url, local(web))
    assert (info.value.dead, info.value.retryable) == (False, False)


@pytest.mark.parametrize("status", [500, 502, 503, 504, 429])
def test_server_errors_are_worth_retrying(web: LocalWeb, status: int) -> None:
    url = web.add("/flaky", Reply(status=status, body="later"))
    with pytest.raises(TemporaryFetchError) as info:
        fetch(url, local(web))
    assert info.value.retryable
    assert info.value.status == status


def test_a_refused_connection_is_worth_retrying() -> None:
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(TemporaryFetchError, match="connection refused"):
        fetch(
            f"http://127.0.0.1:{port}/",
            FetchPolicy(allowed_private_hosts=frozenset({("127.0.0.1", port)})),
        )


def test_a_server_that_does_not_answer_times_out(web: LocalWeb) -> None:
    from tests.localweb import Stall

    stall = Stall()
    url = web.add("/slow", Reply(body=PAGE, stall=stall))
    policy = local(web, read_timeout=0.5)
    try:
        with pytest.raises(TemporaryFetchError, match="timed out"):
            fetch(url, policy)
    finally:
        stall.release.set()


def test_a_server_that_trickles_bytes_hits_the_overall_deadline(web: LocalWeb) -> None:
    url = web.add("/trickle", Reply(body=PAGE, trickle_seconds=0.05))
    policy = local(web, read_timeout=5, deadline=1.0)
    with pytest.raises(TemporaryFetchError, match="took longer than 1 seconds"):
        fetch(url, policy)


def test_a_server_that_drips_its_headers_is_cut_at_the_overall_deadline(web: LocalWeb) -> None:
    # Each byte comes well within the read timeout, so only the overall deadline can stop it.
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Filler: " + b"a" * 200
    raw = head + b"\r\nContent-Length: 4\r\n\r\nbody"
    url = web.add("/drip-headers", Reply(raw=raw, trickle_seconds=0.02))
    with pytest.raises(TemporaryFetchError, match="took longer than 1 seconds"):
        fetch(url, local(web, read_timeout=5, deadline=1.0))
    assert web.trickled["/drip-headers"] < len(head)  # cut off mid-headers, not after them


def test_a_server_that_drips_chunk_sizes_is_cut_at_the_overall_deadline(web: LocalWeb) -> None:
    headers = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
    # A chunk-size line of leading zeros is valid and endless enough: one read call in
    # http.client reads it whole, whatever the per-read timeout.
    raw = headers + b"0" * 200 + b"4\r\nbody\r\n0\r\n\r\n"
    url = web.add("/drip-chunks", Reply(raw=raw, trickle_from=len(headers), trickle_seconds=0.02))
    with pytest.raises(TemporaryFetchError, match="took longer than 1 seconds"):
        fetch(url, local(web, read_timeout=5, deadline=1.0))
    assert web.trickled["/drip-chunks"] < 200  # cut off inside the chunk-size line


def test_the_allow_list_opens_one_port_not_every_port_of_the_host(web: LocalWeb) -> None:
    with socket.socket() as other:  # another service on the same host, e.g. a database
        other.bind(("127.0.0.1", 0))
        other.listen()
        elsewhere = f"http://127.0.0.1:{other.getsockname()[1]}/"
        with pytest.raises(FetchRefused, match="loopback"):
            fetch(elsewhere, local(web))


@pytest.mark.parametrize("entry", ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.1:http"])
def test_an_allow_list_entry_without_a_port_is_a_configuration_error(
    settings: Any, entry: str
) -> None:
    settings.FETCH_ALLOWED_PRIVATE_HOSTS = [entry]
    with pytest.raises(ValueError, match="needs a port"):
        FetchPolicy.from_settings(settings)
