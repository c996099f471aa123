"""Importing other organisations' fact-checks: each format, idempotent, all or nothing."""

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from factcheck.factchecks.models import FactCheck, Lexeme
from factcheck.factchecks.services import ImportRefused, factchecks_import
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def claim_review(n: int, **extra: object) -> dict[str, object]:
    review: dict[str, object] = {
        "@type": "ClaimReview",
        "url": f"https://checks.example/review-{n}",
        "claimReviewed": f"The bridge over river number {n} was closed for {n} years.",
        "headline": f"Was bridge {n} really closed?",
        "datePublished": "2024-03-0" + str(1 + n % 9),
        "inLanguage": "en",
        "author": {"@type": "Organization", "name": "Checks Weekly"},
        "reviewRating": {"@type": "Rating", "alternateName": "Mostly false"},
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A. Mayor"}},
    }
    review.update(extra)
    return review


def datafeed(*reviews: dict[str, object]) -> bytes:
    half = len(reviews) // 2
    elements = [{"item": list(reviews[:half])}, {"item": list(reviews[half:])}]
    return json.dumps({"@context": "http://schema.org", "dataFeedElement": elements}).encode()


def run(data: bytes, **kwargs: str) -> object:
    return factchecks_import(source=io.BytesIO(data), **kwargs)


def test_a_datacommons_feed_is_imported_with_every_field() -> None:
    result = run(datafeed(claim_review(1), claim_review(2), claim_review(3)))
    assert (result.read, result.created, result.updated) == (3, 3, 0)
    check = FactCheck.objects.get(review_url="https://checks.example/review-2")
    assert check.publisher == "Checks Weekly"
    assert check.rating == "Mostly false"
    assert check.headline == "Was bridge 2 really closed?"
    assert check.claimant == "A. Mayor"
    assert check.published_on == date(2024, 3, 3)
    assert check.language == "en"
    assert check.search  # indexed for matching
    assert Lexeme.objects.get(lexeme="bridg").documents == 3  # 'bridge' stemmed, in all three


def test_a_list_of_claimreview_objects_is_imported() -> None:
    result = run(json.dumps([claim_review(1), claim_review(2)]).encode())
    assert result.created == 2
    assert FactCheck.objects.filter(publisher="Checks Weekly").count() == 2


def test_a_tsv_with_a_blank_index_column_keeps_its_ids() -> None:
    data = (
        b"\tvclaim\ttitle\n"
        b"7\tA dam burst near the old mill.\tDid the dam burst?\n"
        b'8\t"A ""miracle"" cure was sold online."\tMiracle cure?\n'
    )
    result = run(data, publisher="Archive Desk")
    assert result.created == 2
    cure = FactCheck.objects.get(publisher="Archive Desk", external_id="8")
    assert cure.claim_reviewed == 'A "miracle" cure was sold online.'
    assert cure.headline == "Miracle cure?"


def test_a_csv_with_named_columns_is_imported() -> None:
    data = (
        b"claim,rating,url,publisher,date\n"
        b"Wolves returned to the valley,True,https://b.example/wolves,Valley Post,2023-05-01\n"
    )
    run(data)
    wolves = FactCheck.objects.get()
    assert (wolves.publisher, wolves.rating, wolves.published_on) == (
        "Valley Post",
        "True",
        date(2023, 5, 1),
    )


def test_importing_the_same_feed_twice_adds_nothing_and_a_change_updates() -> None:
    feed = datafeed(claim_review(1), claim_review(2))
    run(feed)
    again = run(feed)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert FactCheck.objects.count() == 2
    corrected = run(datafeed(claim_review(1), claim_review(2, reviewRating={"name": "False"})))
    assert (corrected.created, corrected.updated) == (0, 1)
    assert FactCheck.objects.get(review_url__endswith="review-2").rating == "False"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (datafeed(claim_review(1), claim_review(2, claimReviewed="")), "Review 2 has no claim"),
        (datafeed(claim_review(1), claim_review(2, url="ftp://x/y")), "not an http"),
        (datafeed(claim_review(1), claim_review(2, datePublished="last week")), "not a date"),
        (datafeed(claim_review(1), {"@type": "Recipe"}), "not a ClaimReview"),
        (datafeed(claim_review(1))[:-30], "Not valid JSON"),
        (b'{"items": []}', "No reviews found"),
        (b"claim,url\nOne,https://a.example/1\nTwo,https://a.example/2,extra\n", "Line 3"),
        (b"title,url\nOne,https://a.example/1\n", "no claim column"),
        (b"claim,url\n\xff\xfe bad bytes,https://a.example/1\n", "not UTF-8"),
    ],
)
def test_malformed_input_is_refused_with_its_place_and_nothing_is_written(
    data: bytes, message: str
) -> None:
    run(datafeed(claim_review(9)))  # what was there before stays as it was
    with pytest.raises(ImportRefused, match=message):
        run(data, publisher="Somebody")
    assert list(FactCheck.objects.values_list("review_url", flat=True)) == [
        "https://checks.example/review-9"
    ]


def test_a_bad_review_after_a_full_batch_leaves_nothing_half_written() -> None:
    reviews = [claim_review(n) for n in range(2500)]  # more than one batch of 2,000
    reviews.append(claim_review(9999, claimReviewed=""))
    with pytest.raises(ImportRefused, match="Review 2501"):
        run(datafeed(*reviews))
    assert not FactCheck.objects.exists()
    assert not Lexeme.objects.exists()


def test_the_command_imports_a_file_and_refuses_a_bad_one(tmp_path) -> None:
    good = tmp_path / "feed.json"
    good.write_bytes(datafeed(claim_review(1), claim_review(2)))
    out = io.StringIO()
    call_command("import_factchecks", str(good), stdout=out)
    assert "2 read, 2 new, 0 updated" in out.getvalue()
    bad = tmp_path / "bad.tsv"
    bad.write_bytes(b"claim\turl\nSomething\tnot-a-url\n")
    with pytest.raises(CommandError, match="not an http"):
        call_command("import_factchecks", str(bad), "--publisher", "X")
    assert FactCheck.objects.count() == 2


def test_an_editor_imports_a_file_in_the_admin_and_a_bad_one_is_refused(
    client, django_user_model
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin_user = make_user("chief", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    url = "/admin/factchecks/factcheck/import/"
    assert "Import from a file" in client.get("/admin/factchecks/factcheck/").content.decode()
    good = SimpleUploadedFile("feed.json", datafeed(claim_review(1), claim_review(2)))
    done = client.post(url, {"file": good, "format": "", "publisher": ""}, follow=True)
    assert "2 read, 2 new, 0 updated, 0 unchanged." in done.content.decode()
    bad = SimpleUploadedFile("bad.json", datafeed(claim_review(3), claim_review(4, url="x")))
    refused = client.post(url, {"file": bad, "format": "datafeed", "publisher": ""})
    assert refused.status_code == 400
    assert "Nothing imported. Review 2: the review URL" in refused.content.decode()
    assert FactCheck.objects.count() == 2
