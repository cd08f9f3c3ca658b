"""A question about a grant award, raised on the tracker.

The page is the tracker's "raise an item" page with `?grant_award=<id>` (`/actions/new/`), so
its address is the tracker's; the tracker hands the request here through the hook grants
registers when it starts (`GrantsConfig.ready`, `scrutiny.raise_views.raise_from_register`), so
the tracker, below grants, never names it. Any signed-in reader may ask.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.forms import form_create
from core.params import query_int
from core.permissions import can_read_internal, require_permission
from grants import forms, selectors, services
from grants.models import Award
from grants.views._common import announce

# The query parameter (in the address or the form) that names the award asked about.
AWARD_PARAMETER = "grant_award"


@require_http_methods(["GET", "POST"])
@require_permission(can_read_internal)
def question_create(request: HttpRequest, award_id: str) -> HttpResponse:
    try:
        award = selectors.award_get(pk=query_int(award_id) or 0)
    except Award.DoesNotExist as exc:
        raise Http404("No such award") from exc
    form = forms.QuestionForm(request.POST or None)
    done = form_create(
        form, lambda data: services.question_raise(actor=request.user, award=award, **data)
    )
    if item := announce(
        request, done, lambda made: f"Your question was sent to the OPCC as {made.reference}."
    ):
        return redirect(item)
    return render(request, "grants/question_form.html", {"form": form, "award": award})
