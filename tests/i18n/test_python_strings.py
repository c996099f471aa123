"""The texts the Python code writes (refusals, form errors, messages, notifications) come
out in Spanish when Spanish is the language, and in English otherwise."""

from datetime import date
from email.header import decode_header, make_header
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from factcheck.claims import services
from factcheck.claims.models import Claim
from factcheck.i18n import user_language
from factcheck.insight.figures.common import Period
from factcheck.insight.forms import PeriodForm
from factcheck.monitoring.models import Feed
from factcheck.notifications.models import Notification
from tests.clients import api_client, web_client
from tests.conftest import Inbox
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def refusal(**kwargs: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        services.claim_dismiss(**kwargs)
    return " ".join(caught.value.messages)


def test_a_service_refusal_is_in_the_active_language(reviewer: User) -> None:
    claim = ClaimFactory(status=Claim.Status.PUBLISHED)
    with translation.override("es"):
        spanish = refusal(claim=claim, actor=reviewer, reason="Fuera de tema")
    english = refusal(claim=claim, actor=reviewer, reason="Off topic")
    # The status inside the sentence is translated too, with the claim's gender.
    assert spanish == "No se puede descartar una afirmación en estado «publicada»."
    assert english == "A claim that is published cannot be dismissed."


def test_a_refusal_on_a_page_is_in_the_sites_language(settings: Any, editor: User) -> None:
    claim = ClaimFactory()  # new, so it cannot be restored
    url = reverse("claim_restore", args=[claim.pk])
    english = web_client(editor).post(url, follow=True).content.decode()
    assert "Only a dismissed claim can be restored." in english
    settings.LANGUAGE_CODE = "es"
    spanish = web_client(editor).post(url, follow=True).content.decode()
    assert "Solo se puede restaurar una afirmación descartada." in spanish
    assert "Only a dismissed claim" not in spanish


def test_a_form_error_is_in_the_active_language_with_its_dates() -> None:
    query = {"period": "custom", "from": "2026-01-20", "to": "2026-01-10"}
    with translation.override("es"):
        form = PeriodForm(query)
        assert not form.is_valid()
        [spanish] = form.non_field_errors()
    form = PeriodForm(query)
    assert not form.is_valid()
    [english] = form.non_field_errors()
    assert spanish == "La fecha Desde (20 Ene 2026) es posterior a la fecha Hasta (10 Ene 2026)."
    assert english == "The From date (20 Jan 2026) is after the To date (10 Jan 2026)."


def test_a_field_label_and_choice_follow_the_language() -> None:
    with translation.override("es"):
        form = PeriodForm()
        assert str(form.fields["period"].label) == "Periodo"
        assert dict(form.fields["period"].choices)["7d"] == "Últimos 7 días"
        assert Claim.Status.DISMISSED.label == "Descartada"
    assert Claim.Status.DISMISSED.label == "Dismissed"


@pytest.fixture
def mailable(reviewer: User, editor: User) -> None:
    for person in (reviewer, editor):
        person.email = f"{person.username}@desk.example"
        person.save()


def test_a_notification_email_is_written_in_the_recipients_language_not_the_senders(
    settings: Any,
    inbox: Inbox,
    mailable: None,
    reviewer: User,
    editor: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """The desk works in Spanish (its default); an English-speaking request assigns a
    claim. The task that writes and mails the notification runs in this thread, with
    English still active: only the recipient's language can make it Spanish."""
    settings.LANGUAGE_CODE = "es"
    claim = ClaimFactory(statement="Más de 10.000 soldados participaron")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.claim_assign(claim=claim, actor=editor, assignee=reviewer)
    [mail] = inbox.to(f"{reviewer.username}@desk.example")
    subject = str(make_header(decode_header(mail["Subject"])))
    body = mail.get_payload(decode=True).decode()
    assert subject.endswith("Se le asignó una afirmación")
    assert f"{editor.username} le asignó: Más de 10.000 soldados participaron" in body
    note = Notification.objects.get(recipient=reviewer)
    assert note.text.startswith(f"{editor.username} le asignó:")


def test_a_saved_language_choice_is_the_one_mail_is_written_in(
    settings: Any,
    inbox: Inbox,
    mailable: None,
    reviewer: User,
    editor: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Once accounts keep a language per person (accounts.Profile.language), it wins over
    the site's default."""
    try:
        profile = apps.get_model("accounts", "Profile")
    except LookupError:
        pytest.skip("accounts has no Profile (the per-person language) in this tree")
    profile.objects.update_or_create(user=reviewer, defaults={"language": "es"})
    assert user_language(User.objects.get(pk=reviewer.pk)) == "es"
    assert user_language(User.objects.get(pk=editor.pk)) == settings.LANGUAGE_CODE == "en"
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_assign(claim=ClaimFactory(), actor=editor, assignee=reviewer)
    [mail] = inbox.to(f"{reviewer.username}@desk.example")
    assert "edna le asignó" in mail.get_payload(decode=True).decode()


def test_without_a_saved_choice_mail_is_in_the_sites_default(reviewer: User) -> None:
    assert user_language(reviewer) == "en"


def test_an_admin_action_says_what_it_did_in_the_sites_language(
    settings: Any, admin_client: Any
) -> None:
    paused = {"paused_at": timezone.now(), "failures": 5}
    first = Feed.objects.create(name="one", url="https://feeds.example/1.xml", **paused)
    second = Feed.objects.create(name="two", url="https://feeds.example/2.xml", **paused)
    url = reverse("admin:monitoring_feed_changelist")
    english = admin_client.post(
        url, {"action": "resume", "_selected_action": [first.pk]}, follow=True
    ).content.decode()
    assert "1 feed resumed." in english
    settings.LANGUAGE_CODE = "es"
    spanish = admin_client.post(
        url, {"action": "resume", "_selected_action": [first.pk, second.pk]}, follow=True
    ).content.decode()
    assert "2 feeds reanudados." in spanish
    # The admin's own words and our action's name are Spanish too.
    assert "Reanudar los feeds seleccionados" in spanish


def test_an_api_error_is_in_the_active_language(reviewer: User) -> None:
    client = api_client(reviewer)
    claim = ClaimFactory(status=Claim.Status.PUBLISHED)
    body = {"status": "dismissed", "dismiss_reason": "x"}
    path = f"/api/v1/claims/{claim.pk}/"
    # The request's own language (LocaleMiddleware), as a partner's client would send it.
    spanish = client.patch(
        path, body, format="json", HTTP_IF_MATCH="*", HTTP_ACCEPT_LANGUAGE="es"
    ).json()
    english = client.patch(path, body, format="json", HTTP_IF_MATCH="*").json()
    assert spanish["detail"] == "No se puede descartar una afirmación en estado «publicada»."
    assert english["detail"] == "A claim that is published cannot be dismissed."
    assert spanish["code"] == english["code"]  # codes are for programs: never translated


def test_dates_in_charts_follow_the_language() -> None:
    period = Period(date(2026, 1, 5), date(2026, 2, 1))
    with translation.override("es"):
        assert str(period) == "Del 5 Ene 2026 al 1 Feb 2026"
    assert str(period) == "5 Jan 2026 to 1 Feb 2026"
