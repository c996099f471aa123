from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from factcheck.insight.figures import Period

PERIODS = {"7d": 7, "30d": 30, "quarter": 91}  # the quarter: the last 13 whole weeks
DEFAULT = "30d"
LONGEST = 366  # days a custom period may span: one column a day must stay legible


def _day(day: date) -> str:
    """A date as the form's messages give it, in the active language ("3 Mar 2026")."""
    return date_format(day, "j M Y")


class PeriodForm(forms.Form):
    """The period of the figures: the last 7 or 30 days or quarter (today included), or
    custom dates. Read from the query string (`period`, `from`, `to`) by the page, the
    CSV downloads and the API alike."""

    period = forms.ChoiceField(
        label=gettext_lazy("Period"),
        required=False,
        choices=[
            ("7d", gettext_lazy("Last 7 days")),
            ("30d", gettext_lazy("Last 30 days")),
            ("quarter", gettext_lazy("Last quarter (13 weeks)")),
            ("custom", gettext_lazy("From – to")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # `from` is a Python keyword, so these two cannot be declared as attributes.
        self.fields["from"] = forms.DateField(
            label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
        )
        self.fields["to"] = forms.DateField(
            label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
        )
        for name in ("from", "to"):
            self.fields[name].error_messages["invalid"] = _(
                "Enter a date as YYYY-MM-DD (for example 2026-03-31)."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("from"), data.get("to")
        if self.errors:
            return data
        kind = data.get("period") or ("custom" if start or end else DEFAULT)
        today = timezone.localdate()
        if kind != "custom":
            return self._understood(data, kind, today - timedelta(days=PERIODS[kind] - 1), today)
        if start is None or end is None:
            raise forms.ValidationError(_("A custom period needs both a From and a To date."))
        if start > end:
            raise forms.ValidationError(
                _("The From date (%(start)s) is after the To date (%(end)s).")
                % {"start": _day(start), "end": _day(end)}
            )
        if end > today:
            raise forms.ValidationError(
                _("The To date cannot be in the future (today is %(today)s).")
                % {"today": _day(today)}
            )
        if (end - start).days + 1 > LONGEST:
            raise forms.ValidationError(
                _("A custom period can span at most %(most)s days; this one spans %(days)s.")
                % {"most": LONGEST, "days": (end - start).days + 1}
            )
        return self._understood(data, "custom", start, end)

    def _understood(
        self, data: dict[str, Any], kind: str, start: date, end: date
    ) -> dict[str, Any]:
        data["period"] = kind
        data["range"] = Period(start, end)
        # The form shows the period as understood: the choice and the days it covers.
        self.data = {"period": kind, "from": start.isoformat(), "to": end.isoformat()}
        return data

    @property
    def range(self) -> Period:
        period: Period = self.cleaned_data["range"]
        return period
