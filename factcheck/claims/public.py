"""The public site around the fact-check pages: the index, the sitemap, robots.txt and the
Atom feed. Readable without login; every address they give is under `SITE_URL`, so a
page reached through another host name still names the canonical one."""

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from factcheck.claims.claimreview import public_page_url, public_url, published_verdicts
from factcheck.claims.models import Rating, Verdict

FACT_CHECKS_PER_PAGE = 20
FEED_ITEMS = 50


class FactCheckFilterForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": gettext_lazy("Words in the claim")}
        ),
    )
    rating = forms.ModelChoiceField(
        label=gettext_lazy("Rating"),
        required=False,
        queryset=Rating.objects.all(),
        to_field_name="slug",
        empty_label=gettext_lazy("Any rating"),
    )

    def filter(self, verdicts: QuerySet[Verdict]) -> QuerySet[Verdict]:
        if not self.is_valid():
            return verdicts
        for word in self.cleaned_data["q"].split():
            verdicts = verdicts.filter(
                Q(claim__statement__icontains=word) | Q(claim_reviewed__icontains=word)
            )
        if self.cleaned_data["rating"] is not None:
            verdicts = verdicts.filter(rating=self.cleaned_data["rating"])
        return verdicts


def newest_fact_checks() -> QuerySet[Verdict]:
    """Published verdicts, the latest publication (a correction counts) first."""
    return published_verdicts().order_by("-published_at", "-id")


def fact_check_index(request: HttpRequest) -> HttpResponse:
    form = FactCheckFilterForm(request.GET or None)
    verdicts = form.filter(newest_fact_checks()).defer(
        "claim__article__body", "claim__article__raw", "claim__article__boilerplate"
    )
    page = Paginator(verdicts, FACT_CHECKS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "canonical_url": public_url(reverse("fact_check_index")),
        "feed_url": public_url(reverse("fact_check_feed")),
        "organisation": settings.ORGANISATION_NAME,
    }
    return render(request, "claims/fact_check_index.html", context)


def robots_txt(request: HttpRequest) -> HttpResponse:
    # The desk's pages need a login anyway; saying so spares crawlers the redirects.
    lines = [
        "User-agent: *",
        "Allow: /fact-checks/",
        "Allow: /api/v1/claimreview.jsonld",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /articles/",
        "Disallow: /claims/",
        "Disallow: /sources/",
        "Disallow: /verdicts/",
        "Disallow: /login/",
        f"Sitemap: {public_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class _SiteUrlSitemap(Sitemap):
    """Addresses under SITE_URL whatever host the request came in on."""

    def get_domain(self, site: Any = None) -> str:
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_urls(self, page: int | str = 1, site: Any = None, protocol: str | None = None) -> Any:
        # SITE_URL may carry a path prefix (a site served under /factcheck/).
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        prefix = urlsplit(settings.SITE_URL).path
        if prefix:
            base = f"{self.get_protocol()}://{self.get_domain()}"
            for url in urls:
                url["location"] = base + prefix + url["location"][len(base) :]
        return urls


class FactCheckSitemap(_SiteUrlSitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Verdict]:
        return Verdict.objects.published().order_by("claim_id").only("claim_id", "published_at")

    def location(self, item: Verdict) -> str:
        return reverse("claim_public", args=[item.claim_id])

    def lastmod(self, item: Verdict) -> datetime | None:
        return item.published_at


class PublicPagesSitemap(_SiteUrlSitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["fact_check_index"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"pages": PublicPagesSitemap, "fact-checks": FactCheckSitemap}


class FactCheckFeed(Feed):
    """The latest published fact checks as Atom; a correction comes back as an update."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return _("%(organisation)s: fact checks") % {"organisation": settings.ORGANISATION_NAME}

    def subtitle(self) -> str:
        return _("The latest fact checks published by %(organisation)s.") % {
            "organisation": settings.ORGANISATION_NAME
        }

    def link(self) -> str:
        return public_url(reverse("fact_check_index"))

    def feed_url(self) -> str:
        return public_url(reverse("fact_check_feed"))

    def author_name(self) -> str:
        return settings.ORGANISATION_NAME

    def items(self) -> QuerySet[Verdict]:
        return newest_fact_checks().defer(
            "claim__article__body", "claim__article__raw", "claim__article__boilerplate"
        )[:FEED_ITEMS]

    def item_title(self, item: Verdict) -> str:
        return f"{item.rating.label}: {item.claim.statement}"

    def item_description(self, item: Verdict) -> str:
        # Plain text: the syndication framework escapes it for the XML.
        return item.summary

    def item_link(self, item: Verdict) -> str:
        return public_page_url(item.claim_id)

    def item_guid(self, item: Verdict) -> str:
        return public_page_url(item.claim_id)

    def item_pubdate(self, item: Verdict) -> datetime | None:
        return getattr(item, "first_published_at", None) or item.published_at

    def item_updateddate(self, item: Verdict) -> datetime | None:
        return item.published_at

    def item_categories(self, item: Verdict) -> list[str]:
        return [item.rating.label]
