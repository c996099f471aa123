"""Forms of the claim workspace and the claim search. They validate; services decide."""

from typing import Any

from django import forms
from django.contrib.auth.models import Permission, User
from django.db.models import Q, QuerySet
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from factcheck.claims.claimreview import CLAIM_REVIEWED_MAX
from factcheck.claims.models import Claim, Rating, Source
from factcheck.claims.services import SUMMARY_MAX_CHARS
from factcheck.forms import Form


def checkers() -> QuerySet[User]:
    """People a claim can be assigned to: active members of the desk who edit claims."""
    can_edit = {"codename": "change_claim", "content_type__app_label": "claims"}
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=Permission.objects.filter(**can_edit))
            | Q(groups__permissions__in=Permission.objects.filter(**can_edit))
        )
        .distinct()
        .order_by("username")
    )


class ClaimEditForm(Form):
    statement = forms.CharField(
        label=gettext_lazy("Statement"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Self-contained wording: who claims what, when."),
    )
    type = forms.ChoiceField(label=gettext_lazy("Type"), choices=Claim.Type.choices)
    claimant = forms.CharField(label=gettext_lazy("Claimant"), max_length=200, required=False)
    claimant_kind = forms.ChoiceField(
        label=gettext_lazy("Claimant is"), choices=Claim.ClaimantKind.choices, required=False
    )
    claimant_same_as = forms.CharField(
        label=gettext_lazy("Claimant's page"),
        max_length=500,
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=gettext_lazy(
            "Optional: a page that identifies them (Wikipedia, Wikidata, official site)."
        ),
    )
    # The version the person loaded: a save on top of someone else's is a conflict.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class SourceForm(Form):
    url = forms.CharField(
        label=gettext_lazy("Source URL"),
        max_length=2000,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    title = forms.CharField(label=gettext_lazy("Source title"), max_length=300, required=False)
    publisher = forms.CharField(label=gettext_lazy("Publisher"), max_length=200, required=False)
    published_on = forms.DateField(
        label=gettext_lazy("Published on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    excerpt = forms.CharField(
        label=gettext_lazy("Excerpt"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The passage that matters, quoted."),
    )
    stance = forms.ChoiceField(
        label=gettext_lazy("Stance"), choices=Source.Stance.choices, initial=Source.Stance.CONTEXT
    )


class VerdictForm(Form):
    rating = forms.ModelChoiceField(
        label=gettext_lazy("Rating"),
        queryset=Rating.objects.all(),
        empty_label=gettext_lazy("Choose a rating"),
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        max_length=SUMMARY_MAX_CHARS,
        help_text=format_lazy(
            gettext_lazy("One line, at most {count} characters."), count=SUMMARY_MAX_CHARS
        ),
    )
    claim_reviewed = forms.CharField(
        label=gettext_lazy("Claim reviewed (short)"),
        max_length=CLAIM_REVIEWED_MAX,
        required=False,
        help_text=format_lazy(
            gettext_lazy(
                "The claim in at most {count} characters, as search engines will show it; "
                "proposed from the statement. Needed to publish."
            ),
            count=CLAIM_REVIEWED_MAX,
        ),
    )
    explanation = forms.CharField(
        label=gettext_lazy("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    correction_note = forms.CharField(
        label=gettext_lazy("Correction note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("What the correction changes, shown on the public page."),
    )
    # The verdict version the person loaded, empty when there was no draft yet.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, correction: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not correction:
            del self.fields["correction_note"]


class DismissForm(Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for dismissing"),
        max_length=2000,
        widget=forms.TextInput(attrs={"placeholder": "e.g. opinion, not checkable"}),
    )


class AssignForm(Form):
    assignee = forms.ModelChoiceField(
        label=gettext_lazy("Assignee"),
        queryset=User.objects.none(),
        required=False,
        empty_label=gettext_lazy("Nobody"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = checkers()  # type: ignore[attr-defined]


class SendBackForm(Form):
    note = forms.CharField(
        label=gettext_lazy("Note for the reviewer"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CommentForm(Form):
    body = forms.CharField(
        label=gettext_lazy("Comment"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )


class Select(forms.Select):
    """A select built in Python. Django renders every <option> through a template, which
    was most of the time the claim search took; every value here is escaped the same."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(key), mark_safe(" selected") if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        final = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final), options)


class BulkForm(Form):
    """Many claims, one action: the claims are `ids`, or every claim matching `query`
    (the claim list's filters) when `all_matching` is ticked."""

    action = forms.ChoiceField(
        choices=[
            ("dismiss", gettext_lazy("Dismiss")),
            ("take", gettext_lazy("Take")),
            ("assign", gettext_lazy("Assign")),
        ]
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for dismissing"), max_length=2000, required=False
    )
    assignee = forms.ModelChoiceField(
        label=gettext_lazy("Assign to"),
        queryset=User.objects.none(),
        required=False,
        empty_label=gettext_lazy("Choose"),
    )
    ids = forms.TypedMultipleChoiceField(coerce=int, required=False)
    all_matching = forms.BooleanField(required=False)
    query = forms.CharField(required=False, widget=forms.HiddenInput)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = checkers()  # type: ignore[attr-defined]
        # Any id is acceptable here; whether the person may see and change it is checked
        # when the claims are loaded.
        posted = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
        self.fields["ids"].choices = [  # type: ignore[attr-defined]
            (value, value) for value in posted if str(value).isdigit()
        ]


class HumanClaimForm(Form):
    """A claim from a selection, as the reviewer checked it before it is saved."""

    start = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    end = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    statement = forms.CharField(
        label=gettext_lazy("Statement"),
        # The page exists to check this field: start there (the keyboard route lands here).
        widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}),
        help_text=gettext_lazy("Proposed from your selection; make it read on its own."),
    )
    type = forms.ChoiceField(label=gettext_lazy("Type"), choices=Claim.Type.choices)
    claimant = forms.CharField(label=gettext_lazy("Claimant"), max_length=200, required=False)
