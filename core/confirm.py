"""The one confirmation page: asked before a state change (withdraw, declare, move), it shows a
heading, what will happen, the form's fields (a reason, a note), the button and a way back.

Each confirmation view renders `core/confirm.html` through `confirm_page`, so that page is its
one page template; the view only says what to show.
"""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRM_TEMPLATE = "core/confirm.html"


def confirm_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    title: str,
    heading: str,
    button: str,
    caption: str = "",
    explanation: str = "",
    cancel_url: str = "",
    cancel_label: str = "Cancel",
    warning: bool = True,
    breadcrumbs: str = "",
    extra: Mapping[str, object] | None = None,
) -> HttpResponse:
    """Render the confirmation page. `breadcrumbs` names the app's breadcrumb partial, which
    reads what it needs (the meeting, the round) from `extra`."""
    context = {
        **(extra or {}),
        "form": form,
        "title": title,
        "heading": heading,
        "button": button,
        "caption": caption,
        "explanation": explanation,
        "cancel_url": cancel_url,
        "cancel_label": cancel_label,
        "warning": warning,
        "breadcrumbs": breadcrumbs,
    }
    return render(request, CONFIRM_TEMPLATE, context)
