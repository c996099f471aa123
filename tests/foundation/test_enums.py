"""Lists written in two places stay one list: the extractor is Django-free, so it cannot
import the model's choices, and `bulk_create` stores its values without checking them."""

from factcheck.claims.models import Claim
from factcheck.extraction import CLAIM_TYPES, extract


def test_the_extractor_and_the_model_know_the_same_claim_types_in_the_same_order() -> None:
    assert tuple(Claim.Type.values) == CLAIM_TYPES


def test_every_claim_type_has_a_label_a_reader_can_read() -> None:
    for value, label in Claim.Type.choices:
        assert label == value.replace("_", " ").capitalize()


def test_what_the_extractor_returns_fits_the_models_choices(seed_text: str) -> None:
    claims = extract(seed_text).claims
    assert len(claims) > 5
    for claim in claims:
        assert claim.type in Claim.Type.values
        assert (claim.claimant_kind or "") in Claim.ClaimantKind.values
