"""The word postings the matcher ranks candidates from follow every write of the rows."""

import io

import pytest
from django.db import connection

from factcheck.claims.models import Claim
from factcheck.factchecks.models import FactCheck
from factcheck.factchecks.services import factchecks_import
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def postings(table: str, doc: int) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT lexeme, length FROM {table} WHERE doc = %s", [doc])
        return dict(cursor.fetchall())


def vector_words(table: str, column: str, pk: int) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT u.lexeme, length({column}) FROM {table}, unnest({column}) u WHERE id = %s",
            [pk],
        )
        return dict(cursor.fetchall())


def test_an_imported_fact_check_has_one_posting_per_word_with_its_length() -> None:
    rows = "vclaim_id\tvclaim\ttitle\n1\tPenguins were seen flying over Oslo.\tFlying penguins?\n"
    factchecks_import(source=io.BytesIO(rows.encode()), format="tsv", publisher="p")
    factcheck = FactCheck.objects.get()
    found = postings("factchecks_posting", factcheck.pk)
    assert found == vector_words("factchecks_factcheck", "search", factcheck.pk)
    assert {"penguin", "oslo", "fli"} <= found.keys()


def test_claim_postings_follow_an_edit_and_a_delete_but_not_a_status_change() -> None:
    claim = ClaimFactory(statement="Zebras crossed the Danube bridge at dawn.")
    assert "zebra" in postings("claims_posting", claim.pk)
    Claim.objects.filter(pk=claim.pk).update(statement="Giraffes crossed the Danube bridge.")
    after = postings("claims_posting", claim.pk)
    assert "giraff" in after and "zebra" not in after
    assert after == vector_words("claims_claim", "match_vector", claim.pk)
    Claim.objects.filter(pk=claim.pk).update(
        status=Claim.Status.DISMISSED, dismiss_reason="duplicate"
    )
    assert postings("claims_posting", claim.pk) == after
    Claim.objects.filter(pk=claim.pk).delete()
    assert postings("claims_posting", claim.pk) == {}
