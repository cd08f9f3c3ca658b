"""Judging a round's applications: the assessors' scoring grid, declared interests, the
moderation page, recommendations and the Commissioner's decision."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import form_create, form_save
from core.htmx import wants_partial
from core.permissions import can_manage_grants, can_read_internal, require_permission
from grants import forms, selectors, services
from grants.models import Application, Criterion, GrantRound, Score
from grants.views._common import (
    _application_or_404,
    _round_or_404,
    announce,
    application_confirm,
    flashed,
)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def scoring(request: HttpRequest, pk: int) -> HttpResponse:
    """The assessor's grid: one row per application, one small form per criterion. With htmx a
    cell saves on its own and returns only that cell; without, the form posts and redirects."""
    grant_round = _round_or_404(pk)
    if request.method == "POST":
        return _score_cell(request, grant_round)
    grid = selectors.scoring_grid(grant_round=grant_round, assessor=request.user)
    return render(request, "grants/scoring.html", {"round": grant_round, "grid": grid})


def _score_cell(request: HttpRequest, grant_round: GrantRound) -> HttpResponse:
    """Save one cell of the grid (the POST half of `scoring`)."""
    form = forms.ScoreForm(request.POST)
    application, criterion = _cell_or_404(grant_round, form)
    score, error = _score_save(request, form, application, criterion)
    if wants_partial(request):
        context: dict[str, Any] = {"application": application, "criterion": criterion}
        context |= {"score": score, "error": error, "round": grant_round, "saved": bool(score)}
        return render(request, "grants/scoring.html#cell", context, status=422 if error else 200)
    cell = f"{application.reference} {criterion.title}"
    if error:
        messages.error(request, f"{cell}: {error}")
    else:
        messages.success(request, f"Score saved: {cell}.")
    return redirect("grants:scoring", pk=grant_round.pk)


def _score_save(
    request: HttpRequest, form: forms.ScoreForm, application: Application, criterion: Criterion
) -> tuple[Score | None, str]:
    """The cell's score saved, or why it was not."""
    if "value" not in form.cleaned_data:
        return None, services.SCORE_OUT_OF_RANGE.format(max_score=criterion.max_score)
    value = form.cleaned_data["value"]
    try:
        score = services.score_set(
            application=application, criterion=criterion, actor=request.user, value=value
        )
    except ValidationError as exc:
        return None, " ".join(exc.messages)
    return score, ""


def _cell_or_404(grant_round: GrantRound, form: forms.ScoreForm) -> tuple[Application, Criterion]:
    form.is_valid()  # cleans the ids even when the score itself is not valid
    try:
        return selectors.score_cell_get(
            grant_round=grant_round,
            application_id=form.cleaned_data.get("application"),
            criterion_id=form.cleaned_data.get("criterion"),
        )
    except (Application.DoesNotExist, Criterion.DoesNotExist) as exc:
        raise Http404("No such application or criterion in this round") from exc


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def conflict_declare(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_or_404(pk)
    form = forms.ConflictForm(request.POST or None)
    if form_save(
        form,
        lambda data: services.conflict_declare(
            application=application, actor=request.user, details=data["details"]
        ),
    ):
        messages.success(request, f"Interest in {application.reference} declared.")
        return redirect("grants:scoring", pk=application.round_id)
    return application_confirm(
        request, application, form, title="Declare an interest", button="Declare interest"
    )


@require_GET
@require_permission(can_read_internal)
def moderation(request: HttpRequest, pk: int) -> HttpResponse:
    grant_round = _round_or_404(pk)
    page = selectors.round_moderation(grant_round=grant_round)
    can_moderate = can_manage_grants(request.user) and grant_round.in_moderation
    context = {"round": grant_round, "can_moderate": can_moderate, **vars(page)}
    return render(request, "grants/moderation.html", context)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def application_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    """Two forms on one page: the moderated score (with its reason) and the recommendation."""
    application = _application_or_404(pk)
    posted = request.POST if request.method == "POST" else None
    recommending = request.POST.get("action") == "recommend"
    form = forms.ModerateForm(None if recommending else posted)
    recommend_form = forms.RecommendForm.for_application(
        application, posted if recommending else None
    )
    if _recommended(request, application, recommend_form) or _moderated(request, application, form):
        return redirect("grants:moderation", pk=application.round_id)
    changes = selectors.moderation_changes(application=application)
    context = {"application": application, "form": form, "recommend_form": recommend_form}
    return render(request, "grants/moderate.html", context | {"changes": changes})


def _recommended(request: HttpRequest, application: Application, form: forms.RecommendForm) -> bool:
    """Save the recommendation if it was posted (the forms are unbound otherwise)."""
    if not form_save(
        form,
        lambda data: services.application_recommend(
            application=application, actor=request.user, **data
        ),
    ):
        return False
    messages.success(request, f"Recommendation for {application.reference} saved.")
    return True


def _moderated(request: HttpRequest, application: Application, form: forms.ModerateForm) -> bool:
    """Save the moderated score if it was posted."""
    if not form_save(
        form,
        lambda data: services.moderation_set(application=application, actor=request.user, **data),
    ):
        return False
    messages.success(request, f"Moderated score for {application.reference} saved.")
    return True


@require_POST
@require_permission(can_manage_grants)
def round_recommend(request: HttpRequest, pk: int) -> HttpResponse:
    grant_round = _round_or_404(pk)
    flashed(
        request,
        None,
        lambda data: services.round_recommend(grant_round=grant_round, actor=request.user),
        success=lambda count: f"{count} applications recommended.",
    )
    return redirect("grants:moderation", pk=pk)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def decision_record(request: HttpRequest, pk: int) -> HttpResponse:
    grant_round = _round_or_404(pk)
    form = forms.DecisionForm(request.POST or None)
    done = form_create(
        form,
        lambda data: services.decision_record(grant_round=grant_round, actor=request.user, **data),
    )
    if announce(request, done, "Decision recorded and awards made."):
        return redirect("grants:round-detail", pk=pk)
    recommended = selectors.round_recommended(grant_round=grant_round)
    context = {"round": grant_round, "form": form, "recommended": recommended.rows}
    return render(request, "grants/decision_form.html", context | {"budget": recommended.budget})
