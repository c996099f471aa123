"""Bulk actions: many claims, one decision, all or nothing, through the service, the
claim list and article pages (with a confirmation that says how many), the API and the
admin (with a confirmation page)."""

from typing import Any

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from factcheck.claims import services
from factcheck.claims.models import Claim
from tests.clients import api_client
from tests.factories import ArticleFactory, ClaimFactory, make_user

pytestmark = pytest.mark.django_db


def claims(n: int, **fields: Any) -> list[Claim]:
    article = fields.pop("article", None) or ArticleFactory()
    return [
        ClaimFactory(
            article=article, start=i * 10, end=i * 10 + 5, statement=f"Claim {article.pk}.{i}"
        )
        for i in range(n)
    ]


def statuses(targets: list[Claim]) -> list[str]:
    return list(
        Claim.objects.filter(pk__in=[c.pk for c in targets])
        .order_by("pk")
        .values_list("status", flat=True)
    )


def test_a_reviewer_dismisses_many_claims_with_one_reason_and_history_for_each(
    reviewer: User,
) -> None:
    targets = claims(3)
    changed = services.claims_bulk(
        claim_ids=[c.pk for c in targets], actor=reviewer, action="dismiss", reason="Furniture."
    )
    assert changed == 3
    for claim in targets:
        claim.refresh_from_db()
        assert (claim.status, claim.dismiss_reason, claim.version) == ("dismissed", "Furniture.", 2)
        latest = claim.history.first()
        assert latest.history_user == reviewer and latest.history_username == "rita"
        assert latest.status == "dismissed"


def test_one_refusal_changes_nothing_and_names_the_refused_claim(
    reviewer: User, editor: User, rating_false
) -> None:
    targets = claims(3)
    services.claim_dismiss(claim=targets[1], actor=editor, reason="Already.")
    with pytest.raises(services.BulkRefused) as refused:
        services.claims_bulk(
            claim_ids=[c.pk for c in targets], actor=reviewer, action="dismiss", reason="No."
        )
    assert set(refused.value.refusals) == {targets[1].pk}
    assert "dismissed cannot be dismissed" in refused.value.refusals[targets[1].pk]
    assert statuses(targets) == ["new", "dismissed", "new"]
    assert [c.history.count() for c in targets] == [1, 2, 1]


def test_taking_skips_nothing_held_by_others_and_assigning_is_for_editors(
    reviewer: User, other_reviewer: User, editor: User
) -> None:
    targets = claims(2)
    services.claim_take(claim=targets[0], actor=other_reviewer)
    with pytest.raises(services.BulkRefused) as refused:
        services.claims_bulk(claim_ids=[c.pk for c in targets], actor=reviewer, action="take")
    assert list(refused.value.refusals) == [targets[0].pk]
    with pytest.raises(services.PermissionDenied):
        services.claims_bulk(
            claim_ids=[targets[1].pk], actor=reviewer, action="assign", assignee=other_reviewer
        )
    assert (
        services.claims_bulk(
            claim_ids=[c.pk for c in targets], actor=editor, action="assign", assignee=reviewer
        )
        == 2
    )
    assert {c.assignee for c in Claim.objects.filter(pk__in=[c.pk for c in targets])} == {reviewer}


def test_the_api_bulk_endpoint_is_all_or_nothing_with_a_reason_per_refused_claim(
    reviewer: User, editor: User
) -> None:
    targets = claims(3)
    services.claim_dismiss(claim=targets[2], actor=editor, reason="Already.")
    api = api_client(reviewer)
    ids = [c.pk for c in targets] + [999_999]
    response = api.post(
        "/api/v1/claims/bulk/", {"ids": ids, "action": "dismiss", "reason": "No."}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "refused" and "Nothing was changed" in body["detail"]
    assert set(body["errors"]) == {str(targets[2].pk), "999999"}
    assert statuses(targets) == ["new", "new", "dismissed"]
    response = api.post(
        "/api/v1/claims/bulk/",
        {"ids": ids[:2], "action": "dismiss", "reason": "Furniture."},
        format="json",
    )
    assert response.status_code == 200 and response.json() == {"changed": 2}
    assert statuses(targets) == ["dismissed", "dismissed", "dismissed"]


def test_the_api_refuses_bulk_assign_to_a_reviewer_and_bulk_anything_to_a_consumer(
    reviewer: User, other_reviewer: User
) -> None:
    targets = claims(1)
    data = {"ids": [targets[0].pk], "action": "assign", "assignee": "ravi"}
    response = api_client(reviewer).post("/api/v1/claims/bulk/", data, format="json")
    assert response.status_code == 403
    consumer = make_user("consumer")
    data = {"ids": [targets[0].pk], "action": "dismiss", "reason": "x"}
    assert api_client(consumer).post("/api/v1/claims/bulk/", data, format="json").status_code in (
        403,
    )
    assert statuses(targets) == ["new"]


def test_the_claim_list_confirms_how_many_before_dismissing_all_matching(
    client: Client, reviewer: User
) -> None:
    furniture = claims(3, article=ArticleFactory(title="Furniture article"))
    keep = claims(1)
    client.force_login(reviewer)
    article = furniture[0].article_id
    listing = client.get(reverse("claim_list"), {"article": article})
    assert "Dismiss selected" in listing.content.decode()
    data = {
        "action": "dismiss",
        "reason": "Page furniture.",
        "all_matching": "1",
        "query": f"article={article}",
        "next": f"/claims/?article={article}",
    }
    confirm = client.post(reverse("claim_bulk"), data)
    assert confirm.status_code == 200
    tree = lxml.html.fromstring(confirm.content.decode())
    assert "3 claims will be dismissed" in tree.xpath("//*[@data-confirm-count]")[0].text_content()
    assert statuses(furniture) == ["new"] * 3  # nothing yet
    ids = tree.xpath("//input[@name='ids']/@value")
    done = client.post(
        reverse("claim_bulk"),
        {
            "ids": ids,
            "action": "dismiss",
            "reason": "Page furniture.",
            "confirmed": "1",
            "next": data["next"],
        },
    )
    assert done.status_code == 302 and done["Location"] == data["next"]
    assert statuses(furniture) == ["dismissed"] * 3
    assert statuses(keep) == ["new"]


def test_the_article_page_offers_selection_and_a_refusal_is_shown_not_applied(
    client: Client, reviewer: User, editor: User
) -> None:
    targets = claims(2)
    services.claim_dismiss(claim=targets[1], actor=editor, reason="Already.")
    client.force_login(reviewer)
    page = client.get(reverse("article_detail", args=[targets[0].article_id])).content.decode()
    assert "Dismiss selected" in page and 'name="ids"' in page
    response = client.post(
        reverse("claim_bulk"),
        {"ids": [c.pk for c in targets], "action": "dismiss", "reason": "x", "confirmed": "1"},
    )
    assert response.status_code == 400
    assert "cannot be dismissed" in response.content.decode()
    assert statuses(targets) == ["new", "dismissed"]


def test_the_admin_asks_for_confirmation_and_a_reason_before_a_bulk_dismiss(
    client: Client, editor: User
) -> None:
    editor.is_staff = True
    editor.save()
    targets = claims(2)
    client.force_login(editor)
    url = reverse("admin:claims_claim_changelist")
    data = {"action": "dismiss_not_checkworthy", "_selected_action": [c.pk for c in targets]}
    page = client.post(url, data)
    assert page.status_code == 200
    assert "<strong>2</strong> claims" in page.content.decode()
    assert statuses(targets) == ["new", "new"]
    client.post(url, data | {"post": "yes"})  # no reason: asked again
    assert statuses(targets) == ["new", "new"]
    client.post(url, data | {"post": "yes", "reason": "Opinion."})
    assert statuses(targets) == ["dismissed", "dismissed"]


# Groups of repeats


def test_repeats_show_as_one_queue_item_with_a_count_and_act_together(
    client: Client, reviewer: User
) -> None:
    first, second = ArticleFactory(), ArticleFactory()
    same = [
        ClaimFactory(article=first, start=0, end=5, statement="Share our story!", score=0.5),
        ClaimFactory(article=first, start=10, end=15, statement="Share our  story", score=0.5),
        ClaimFactory(article=second, start=0, end=5, statement="share our story", score=0.6),
    ]
    other = ClaimFactory(article=second, start=20, end=25, statement="Troops took part")
    client.force_login(reviewer)
    tree = lxml.html.fromstring(client.get(reverse("dashboard")).content.decode())
    new = tree.xpath("//section[contains(@class, 'queue-new')]")[0]
    assert new.xpath(".//h2/*[@data-count]")[0].text == "2"
    items = [li.xpath("./a")[0].text for li in new.xpath(".//li")]
    assert sorted(items) == ["Troops took part", "share our story"]
    assert new.xpath(".//*[@data-repeats]")[0].text == "×3"
    listing = lxml.html.fromstring(
        client.get(reverse("claim_list"), {"queue": "new"}).content.decode()
    )
    assert len(listing.xpath("//td[@class='claim-cell']")) == 2
    workspace = client.get(same[0].get_absolute_url()).content.decode()
    assert 'id="repeats"' in workspace and same[2].article.title in workspace
    confirm = client.post(
        reverse("claim_bulk"), {"ids": [same[2].pk], "action": "dismiss", "reason": "Promo."}
    )
    assert "3 claims will be dismissed" in confirm.content.decode()
    client.post(
        reverse("claim_bulk"),
        {"ids": [same[2].pk], "action": "dismiss", "reason": "Promo.", "confirmed": "1"},
    )
    assert statuses(same) == ["dismissed"] * 3
    assert statuses([other]) == ["new"]
