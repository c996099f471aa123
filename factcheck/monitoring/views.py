"""Followed feeds (list, add, edit, resume) and the "Seen again" queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from factcheck.monitoring import services
from factcheck.monitoring.forms import FeedEditForm, FeedForm, TranscriptsUploadForm
from factcheck.monitoring.models import Feed, Sighting
from factcheck.versioning import ConflictError

REFUSALS = (PermissionDenied, ValidationError, ConflictError)
QUEUE_LENGTH = 100


def _message(exc: Exception) -> str:
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def get_feed_for_user(request: HttpRequest, pk: int) -> Feed:
    """The one way views load a feed, so none can forget who may see it."""
    return get_object_or_404(Feed.objects.visible_to(request.user), pk=pk)


def get_sighting_for_user(request: HttpRequest, pk: int) -> Sighting:
    return get_object_or_404(Sighting.objects.visible_to(request.user), pk=pk)


def _require_view(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied(_("The desk's followed sources are for reviewers and editors."))


@login_required
def feed_list(request: HttpRequest) -> HttpResponse:
    _require_view(request, "monitoring.view_feed")
    form = FeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            feed = services.feed_create(actor=request.user, **form.cleaned_data)
        except REFUSALS as exc:
            form.add_error("url", _message(exc))
        else:
            messages.success(
                request, _("Following %(name)s: its first poll is queued.") % {"name": feed.name}
            )
            return redirect(feed)
    return _feed_list_page(request, form, TranscriptsUploadForm())


def _feed_list_page(
    request: HttpRequest, form: FeedForm, upload_form: TranscriptsUploadForm
) -> HttpResponse:
    context = {
        "feeds": Feed.objects.visible_to(request.user),
        "form": form,
        "upload_form": upload_form,
    }
    failed = form.errors or upload_form.errors
    return render(request, "monitoring/feed_list.html", context, status=400 if failed else 200)


@login_required
@require_POST
def transcripts_upload(request: HttpRequest) -> HttpResponse:
    """Several transcripts or plain files at once, each an article (the upload source)."""
    _require_view(request, "monitoring.view_feed")
    form = TranscriptsUploadForm(request.POST, request.FILES)
    if form.is_valid():
        files = [
            services.Upload(name=upload.name, data=upload.read())
            for upload in form.cleaned_data["uploads"]
        ]
        try:
            stored = services.transcripts_upload(
                actor=request.user, files=files, publisher=form.cleaned_data["publisher"]
            )
        except REFUSALS as exc:
            form.add_error("uploads", _message(exc))
        else:
            new = sum(created for _, created in stored)
            known = len(stored) - new
            text = ngettext(
                "Stored %(count)s new article", "Stored %(count)s new articles", new
            ) % {"count": new}
            if known:
                text += "; " + ngettext(
                    "%(count)s was here already", "%(count)s were here already", known
                ) % {"count": known}
            messages.success(request, text + ". " + _("Their claims are being extracted."))
            return redirect("article_list")
    return _feed_list_page(request, FeedForm(), form)


@login_required
def feed_detail(request: HttpRequest, pk: int) -> HttpResponse:
    feed = get_feed_for_user(request, pk)
    form = FeedEditForm(request.POST) if request.method == "POST" else FeedEditForm.for_feed(feed)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("loaded_version")
        changes = {f: v for f, v in data.items() if f in form.changed_data}
        try:
            services.feed_update(feed=feed, actor=request.user, expected_version=version, **changes)
        except REFUSALS as exc:
            form.add_error(None, _message(exc))
        else:
            messages.success(request, _("Feed saved."))
            return redirect(feed)
    context = {
        "feed": feed,
        "form": form,
        "items": feed.items.select_related("article")[:50],
    }
    return render(
        request, "monitoring/feed_detail.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def feed_resume(request: HttpRequest, pk: int) -> HttpResponse:
    feed = get_feed_for_user(request, pk)
    try:
        services.feed_resume(feed=feed, actor=request.user)
    except REFUSALS as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, _("The feed is polled again."))
    return redirect(feed)


@login_required
def seen_again(request: HttpRequest) -> HttpResponse:
    _require_view(request, "monitoring.view_sighting")
    pending = Sighting.objects.visible_to(request.user).pending()
    sightings = pending.select_related("claim__article", "original__article", "factcheck").order_by(
        "-created_at", "-id"
    )[:QUEUE_LENGTH]
    context = {"sightings": sightings, "count": pending.count()}
    return render(request, "monitoring/seen_again.html", context)


DECISIONS = {
    "publish": (
        services.sighting_publish,
        gettext_lazy("Published: the fact check now lists this article as an appearance."),
    ),
    "dismiss": (services.sighting_dismiss, gettext_lazy("Dismissed: not the same claim.")),
}


@login_required
@require_POST
def sighting_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    """Publish the appearance, or dismiss the match: the services decide who may."""
    sighting = get_sighting_for_user(request, pk)
    service, done = DECISIONS[decision]
    try:
        service(sighting=sighting, actor=request.user)
    except REFUSALS as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, done)
    return redirect("seen_again")
