"""Similar claims across articles, on a small corpus of related and unrelated articles."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from factcheck import matchtext
from factcheck.articles.models import Article
from factcheck.articles.services import ArticleText, article_create
from factcheck.claims import services
from factcheck.claims.models import Claim, Rating
from factcheck.claims.normalise import normalise
from factcheck.claims.similar import (
    CLAIMS,
    claims_link_similar,
    find_similar,
    similar_claims_of,
    similar_ranked,
)
from factcheck.factchecks.counts import corpus_stats
from tests.factories import ensure_source

pytestmark = pytest.mark.django_db

# Other outlets restating facts of the seed article in their own words, and unrelated news.
RESTATEMENTS = """\
Over 10,000 soldiers are participating in the Zapad/Interaction 2021 exercise \
in China's Ningxia region, officials said.
Russian soldiers will for the first time in history use weapons made in China, Kommersant reported.
Vladimir Putin has hinted at a future military alliance between Russia and China.
"""
UNRELATED = """\
The city council approved a budget of $2.3 billion for the next fiscal year, the mayor said.
Wheat prices rose 12% after the drought cut the harvest in half, according to the farmers' union.
Nurses at the regional hospital worked more than 60 hours a week during the winter, a survey found.
"""


def add(actor: User, body: str, capture: Any) -> Article:
    with capture(execute=True):
        article, _ = article_create(actor=actor, text=ArticleText(body=body))
    return article


@pytest.fixture
def corpus(seed_article, reviewer, django_capture_on_commit_callbacks) -> dict[str, Article]:
    return {
        "seed": seed_article,
        "restated": add(reviewer, RESTATEMENTS, django_capture_on_commit_callbacks),
        "unrelated": add(reviewer, UNRELATED, django_capture_on_commit_callbacks),
    }


def claim_with(article: Article, words: str) -> Claim:
    return article.claims.get(quote__icontains=words)


def test_normalising_drops_case_punctuation_and_function_words() -> None:
    assert normalise("More than 10,000 troops are taking part in the drills.") == (
        "10 000 troops taking part drills"
    )


def test_every_writer_keeps_the_normalised_statement(reviewer, seed_article) -> None:
    for claim in seed_article.claims.all():  # bulk-created by extraction
        assert claim.normalised == normalise(claim.statement)
    claim = seed_article.claims.first()
    services.claim_update(
        claim=claim, actor=reviewer, expected_version=claim.version, statement="A New Wording."
    )
    claim.refresh_from_db()
    assert claim.normalised == "new wording"


def test_a_restated_figure_is_found_in_another_article(corpus) -> None:
    troops = claim_with(corpus["restated"], "10,000 soldiers")
    matches = find_similar(troops)
    assert matches, "the restated troop count found nothing"
    best = matches[0]
    assert best.claim.article == corpus["seed"]
    assert "10,000 troops" in best.claim.quote
    assert any(r.startswith("same figure: 10000") for r in best.reasons)


def test_restated_firsts_and_hints_are_found(corpus) -> None:
    weapons = find_similar(claim_with(corpus["restated"], "weapons made in China"))
    assert "Chinese-made weapons" in weapons[0].claim.quote
    alliance = find_similar(claim_with(corpus["restated"], "alliance"))
    assert "military alliance" in alliance[0].claim.quote


def test_our_claims_lookup_reads_its_confidence_off_its_own_calibration(corpus) -> None:
    """Fewer candidates and no headline: a score means another chance of being right than
    the same score among imported fact-checks."""
    assert CLAIMS.calibration == matchtext.SIMILAR_CALIBRATION != matchtext.CALIBRATION
    troops = claim_with(corpus["restated"], "10,000 soldiers")
    best = similar_ranked(troops)[0]
    assert best.confidence == pytest.approx(
        matchtext.confidence(best.score, matchtext.SIMILAR_CALIBRATION), abs=2e-3
    )
    assert best.confidence != pytest.approx(matchtext.confidence(best.score), abs=2e-3)


def test_unrelated_claims_are_not_matched(corpus) -> None:
    for claim in corpus["unrelated"].claims.all():
        matches = find_similar(claim)
        assert matches == [], f"{claim.quote!r} matched {[m.claim.quote for m in matches]}"
    troops = claim_with(corpus["restated"], "10,000 soldiers")
    assert all(m.claim.article != corpus["unrelated"] for m in find_similar(troops))


def test_the_sqlite_fallback_finds_the_same_best_matches(corpus) -> None:
    # The fallback reads words unstemmed and counts them over the rows it scans, so its
    # scores differ a little; what a reviewer sees first must not.
    for claim in corpus["restated"].claims.all():
        indexed = find_similar(claim)
        fallback = find_similar(claim, in_python=True)
        assert indexed and fallback
        assert indexed[0].claim == fallback[0].claim


def test_claims_in_the_same_article_are_never_similar_to_each_other(corpus) -> None:
    for claim in corpus["seed"].claims.all():
        assert all(m.claim.article_id != claim.article_id for m in find_similar(claim))


def test_extraction_links_new_claims_to_earlier_ones_both_ways(corpus) -> None:
    troops_new = claim_with(corpus["restated"], "10,000 soldiers")
    troops_old = claim_with(corpus["seed"], "10,000 troops")
    assert similar_claims_of(troops_new)[0].claim == troops_old
    assert troops_new in [v.claim for v in similar_claims_of(troops_old)]
    before = troops_old.similar_links.count() + troops_old.similar_backlinks.count()
    assert claims_link_similar(claim_ids=[troops_new.pk]) == 0  # running again adds nothing
    after = troops_old.similar_links.count() + troops_old.similar_backlinks.count()
    assert before == after


def publish(claim: Claim, author: User, approver: User) -> None:
    verdict = services.verdict_save_draft(
        claim=claim, actor=author, rating=Rating.objects.get(slug="true"), summary="Correct."
    )
    ensure_source(verdict.claim)
    services.verdict_submit(verdict=verdict, actor=author)
    services.verdict_approve(verdict=verdict, actor=approver)


def test_a_duplicate_shows_the_originals_published_verdict(corpus, reviewer, editor) -> None:
    original = claim_with(corpus["seed"], "10,000 troops")
    repeat = claim_with(corpus["restated"], "10,000 soldiers")
    publish(original, reviewer, editor)
    repeat = services.claim_mark_duplicate(claim=repeat, actor=reviewer, original=original)
    verdict = services.published_verdict_of(repeat)
    assert verdict is not None
    assert verdict.claim == original


def test_editor_publishes_a_new_appearance_in_one_step(corpus, reviewer, editor) -> None:
    original = claim_with(corpus["seed"], "10,000 troops")
    repeat = claim_with(corpus["restated"], "10,000 soldiers")
    repeat = services.claim_mark_duplicate(claim=repeat, actor=reviewer, original=original)
    with pytest.raises(services.WorkflowError, match="no published verdict"):
        services.claim_publish_duplicate(claim=repeat, actor=editor)
    publish(original, reviewer, editor)
    with pytest.raises(PermissionDenied):
        services.claim_publish_duplicate(claim=repeat, actor=reviewer)
    services.claim_publish_duplicate(claim=repeat, actor=editor)
    repeat.refresh_from_db()
    assert repeat.status == Claim.Status.PUBLISHED
    assert repeat.duplicate_of == original


def test_duplicates_point_at_the_original_never_at_another_duplicate(corpus, reviewer) -> None:
    original = claim_with(corpus["seed"], "10,000 troops")
    first = claim_with(corpus["restated"], "10,000 soldiers")
    services.claim_mark_duplicate(claim=first, actor=reviewer, original=original)
    third = Claim.objects.exclude(pk__in=[original.pk, first.pk]).first()
    assert third is not None
    services.claim_mark_duplicate(claim=third, actor=reviewer, original=first)
    third.refresh_from_db()
    assert third.duplicate_of == original
    with pytest.raises(services.WorkflowError, match="itself"):
        services.claim_mark_duplicate(claim=original, actor=reviewer, original=first)


def test_a_noisy_post_added_by_hand_finds_our_claim_said_in_other_words(
    corpus, reviewer, django_capture_on_commit_callbacks
) -> None:
    post = (
        "WOW. Over ten thousand #RussianSoldiers in China for #ZapadInteraction2021, "
        "10,000 troops! https://t.co/Ab12Cd pic.twitter.com/Zz9 \u2014 Defence Watcher "
        "(@defwatch) August 9, 2021"
    )
    article = add(reviewer, post, django_capture_on_commit_callbacks)
    claim = services.claim_create(article=article, actor=reviewer, start=0, end=len(post))
    matches = find_similar(claim)
    # Both claims of ours that state the troop count, in the seed and in its restatement.
    found = [m.claim for m in matches[:2]]
    assert claim_with(corpus["seed"], "10,000 troops") in found
    assert claim_with(corpus["restated"], "10,000 soldiers") in found
    assert any(r.startswith("same figure: 10000") for r in matches[0].reasons)


def test_the_word_counts_follow_our_claims_as_they_grow(
    corpus, reviewer, django_capture_on_commit_callbacks
) -> None:
    before = corpus_stats(CLAIMS)
    text = "Zebras escaped from the Lindqvist zoo on Tuesday, the keepers said."
    add(reviewer, text, django_capture_on_commit_callbacks)
    after = corpus_stats(CLAIMS)
    assert after.frequency.get("zebra", 0) == 1
    assert "zebra" not in before.frequency


def test_a_pair_is_linked_once_whichever_claim_found_the_other() -> None:
    # Two matching jobs running at once may each find the pair from its own side; the
    # second insert is then a conflict, which the store skips.
    from django.db import IntegrityError, transaction

    from factcheck.claims.models import SimilarClaim
    from tests.factories import ClaimFactory

    one, two = ClaimFactory(), ClaimFactory()
    SimilarClaim.objects.create(claim=one, other=two, score=0.9)
    with pytest.raises(IntegrityError), transaction.atomic():
        SimilarClaim.objects.create(claim=two, other=one, score=0.8)
    SimilarClaim.objects.bulk_create(
        [SimilarClaim(claim=two, other=one, score=0.8)], ignore_conflicts=True
    )
    assert list(SimilarClaim.objects.values_list("claim", "other", "score")) == [
        (one.pk, two.pk, 0.9)
    ]
