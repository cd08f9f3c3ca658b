"""Funds and rounds: criteria, the application import, applications, scoring, moderation
and decisions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.htmx import wants_partial
from core.idempotency import ALREADY_SAVED, AlreadySubmitted, submission_create
from core.permissions import can_manage_grants, can_read_internal, require_permission
from grants import forms, selectors, services
from grants.imports import applications_import
from grants.models import GrantRound
from grants.views._common import _application_or_404, _round_or_404

IMPORT_TOO_LARGE = "The file is larger than 2 MB."
IMPORT_NOT_UTF8 = "The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”."
MAX_IMPORT_BYTES = 2 * 1024 * 1024


@require_GET
@require_permission(can_read_internal)
def fund_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "grants/fund_list.html",
        {"funds": selectors.fund_list(), "can_manage": can_manage_grants(request.user)},
    )


@require_GET
@require_permission(can_read_internal)
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    grant_round = _round_or_404(pk)
    applications = selectors.applications_for_round(grant_round=grant_round)
    page = Paginator(applications, 50).get_page(request.GET.get("page"))
    can_manage = can_manage_grants(request.user)
    return render(
        request,
        "grants/round_detail.html",
        {
            "round": grant_round,
            "page": page,
            "can_manage": can_manage,
            "next_statuses": [
                (status, GrantRound.Status(status).label)
                for status in services.ROUND_TRANSITIONS[grant_round.status]
                if status != GrantRound.Status.DECIDED
            ],
            "criterion_form": forms.CriterionForm() if can_manage else None,
            "criteria_editable": grant_round.status in services.CRITERIA_EDITABLE,
        },
    )


@require_GET
@require_permission(can_read_internal)
def moderation(request: HttpRequest, pk: int) -> HttpResponse:
    grant_round = _round_or_404(pk)
    rows = selectors.application_scores_for_round(grant_round=grant_round)
    return render(
        request,
        "grants/moderation.html",
        {
            "round": grant_round,
            "rows": rows,
            "budget": selectors.round_budget_summary(grant_round=grant_round, rows=rows),
            "bands": selectors.band_counts(grant_round=grant_round, rows=rows),
            "can_moderate": can_manage_grants(request.user)
            and grant_round.status == GrantRound.Status.MODERATION,
            "unlisted": (grant_round.applications_reported or 0)
            - (grant_round.withdrawn_reported or 0)
            - len(rows),
        },
    )


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def round_create(request: HttpRequest) -> HttpResponse:
    form = forms.RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant_round = submission_create(
                token=form.token,
                create=lambda: services.round_create(actor=request.user, **form.cleaned_data),
            )
        except AlreadySubmitted as done:
            messages.info(request, ALREADY_SAVED)
            return redirect("grants:round-detail", pk=done.subject.pk)
        except ValidationError as error:
            forms.form_errors_from(form, error)
        else:
            messages.success(request, f"Round “{grant_round.name}” set up.")
            return redirect("grants:round-detail", pk=grant_round.pk)
    return render(request, "grants/round_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def application_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record one application; the organisation is matched as the CSV import matches it."""
    grant_round = _round_or_404(pk)
    form = forms.ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = submission_create(
                token=form.token,
                create=lambda: services.application_add(
                    grant_round=grant_round,
                    actor=request.user,
                    organisation_name=data["organisation"],
                    project_title=data["project_title"],
                    amount_requested=data["amount_requested"],
                    area=data["area"],
                ),
            )
        except AlreadySubmitted:
            messages.info(request, ALREADY_SAVED)
            return redirect("grants:round-detail", pk=pk)
        except ValidationError as error:
            forms.form_errors_from(form, error)
        else:
            messages.success(request, f"Application {application.reference} recorded.")
            return redirect("grants:round-detail", pk=pk)
    return render(request, "grants/application_form.html", {"round": grant_round, "form": form})


@require_POST
@require_permission(can_manage_grants)
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    grant_round = _round_or_404(pk)
    form = forms.CriterionForm(request.POST)
    if form.is_valid():
        try:
            submission_create(
                token=form.token,
                create=lambda: services.criterion_add(
                    grant_round=grant_round, actor=request.user, **form.cleaned_data
                ),
            )
        except AlreadySubmitted:
            messages.info(request, ALREADY_SAVED)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Criterion “{form.cleaned_data['title']}” added.")
    else:
        messages.error(request, "Enter a criterion title, a weight and a highest score.")
    return redirect("grants:round-detail", pk=pk)


@require_POST
@require_permission(can_manage_grants)
def round_transition(request: HttpRequest, pk: int) -> HttpResponse:
    grant_round = _round_or_404(pk)
    form = forms.TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.round_transition(
                grant_round=grant_round,
                to_status=form.cleaned_data["to_status"],
                actor=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            label = GrantRound.Status(form.cleaned_data["to_status"]).label
            messages.success(request, f"The round is now: {label.lower()}.")
    return redirect("grants:round-detail", pk=pk)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def applications_import_view(request: HttpRequest, pk: int) -> HttpResponse:
    grant_round = _round_or_404(pk)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            form.add_error("file", IMPORT_TOO_LARGE)
        else:
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                form.add_error("file", IMPORT_NOT_UTF8)
            else:
                dry_run = request.POST.get("action") != "import"
                result = applications_import(
                    grant_round=grant_round, actor=request.user, text=text, dry_run=dry_run
                )
                if result.ok and not dry_run:
                    messages.success(
                        request,
                        f"{len(result.lines)} applications imported "
                        f"(£{result.total_requested:,} requested).",
                    )
                    return redirect("grants:round-detail", pk=pk)
    return render(
        request,
        "grants/import.html",
        {"round": grant_round, "form": form, "result": result},
    )


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def scoring(request: HttpRequest, pk: int) -> HttpResponse:
    """The assessor's grid: one row per application, one small form per criterion. With htmx a
    cell saves on its own and returns only that cell; without, the form posts and redirects."""
    grant_round = _round_or_404(pk)
    error = ""
    if request.method == "POST":
        application = _application_or_404(int(request.POST.get("application", 0) or 0))
        if application.round_id != grant_round.pk:
            raise Http404("No such application in this round")
        form = forms.ScoreForm(request.POST)
        criterion = grant_round.criteria.filter(pk=request.POST.get("criterion") or 0).first()
        score = None
        if criterion is None:
            raise Http404("No such criterion")
        if form.is_valid():
            try:
                score = services.score_set(
                    application=application,
                    criterion=criterion,
                    actor=request.user,
                    value=form.cleaned_data["value"],
                )
            except ValidationError as exc:
                error = " ".join(exc.messages)
        else:
            error = services.SCORE_OUT_OF_RANGE.format(max_score=criterion.max_score)
        if wants_partial(request):
            return render(
                request,
                "grants/scoring.html#cell",
                {
                    "application": application,
                    "criterion": criterion,
                    "score": score,
                    "error": error,
                    "round": grant_round,
                    "saved": score is not None,
                },
                status=200 if not error else 422,
            )
        if error:
            messages.error(request, f"{application.reference} {criterion.title}: {error}")
        else:
            messages.success(request, f"Score saved: {application.reference} {criterion.title}.")
        return redirect("grants:scoring", pk=pk)
    grid = selectors.scoring_grid(grant_round=grant_round, assessor=request.user)
    return render(
        request,
        "grants/scoring.html",
        {
            "round": grant_round,
            "grid": grid,
            "scoring_open": grant_round.status in services.SCORING_STATUSES,
        },
    )


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def conflict_declare(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_or_404(pk)
    form = forms.ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.conflict_declare(
            application=application, actor=request.user, details=form.cleaned_data["details"]
        )
        messages.success(request, f"Interest in {application.reference} declared.")
        return redirect("grants:scoring", pk=application.round_id)
    return render(
        request,
        "grants/application_action.html",
        {
            "application": application,
            "form": form,
            "title": "Declare an interest",
            "button": "Declare interest",
        },
    )


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_or_404(pk)
    form = forms.WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_withdraw(
                application=application, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            forms.form_errors_from(form, error)
        else:
            messages.success(request, f"Application {application.reference} withdrawn.")
            return redirect("grants:round-detail", pk=application.round_id)
    return render(
        request,
        "grants/application_action.html",
        {
            "application": application,
            "form": form,
            "title": "Withdraw the application",
            "button": "Withdraw application",
        },
    )


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def application_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_or_404(pk)
    form = forms.ModerateForm(request.POST or None)
    recommend_form = forms.RecommendForm(
        None,
        initial={
            "recommended": application.recommended,
            "amount_recommended": application.amount_recommended,
        },
    )
    if request.method == "POST":
        if request.POST.get("action") == "recommend":
            recommend_form = forms.RecommendForm(request.POST)
            if recommend_form.is_valid():
                try:
                    services.application_recommend(
                        application=application, actor=request.user, **recommend_form.cleaned_data
                    )
                except ValidationError as error:
                    forms.form_errors_from(recommend_form, error)
                else:
                    messages.success(request, f"Recommendation for {application.reference} saved.")
                    return redirect("grants:moderation", pk=application.round_id)
            form = forms.ModerateForm()
        elif form.is_valid():
            try:
                services.moderation_set(
                    application=application, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                forms.form_errors_from(form, error)
            else:
                messages.success(request, f"Moderated score for {application.reference} saved.")
                return redirect("grants:moderation", pk=application.round_id)
    return render(
        request,
        "grants/moderate.html",
        {
            "application": application,
            "form": form,
            "recommend_form": recommend_form,
            "changes": application.moderation_changes.select_related("actor"),
        },
    )


@require_POST
@require_permission(can_manage_grants)
def round_recommend(request: HttpRequest, pk: int) -> HttpResponse:
    grant_round = _round_or_404(pk)
    try:
        count = services.round_recommend(grant_round=grant_round, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{count} applications recommended.")
    return redirect("grants:moderation", pk=pk)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def decision_record(request: HttpRequest, pk: int) -> HttpResponse:
    grant_round = _round_or_404(pk)
    form = forms.DecisionForm(request.POST or None)
    rows = selectors.application_scores_for_round(grant_round=grant_round)
    if request.method == "POST" and form.is_valid():
        try:
            submission_create(
                token=form.token,
                create=lambda: services.decision_record(
                    grant_round=grant_round, actor=request.user, **form.cleaned_data
                ),
            )
        except AlreadySubmitted:
            messages.info(request, ALREADY_SAVED)
            return redirect("grants:round-detail", pk=pk)
        except ValidationError as error:
            forms.form_errors_from(form, error)
        else:
            messages.success(request, "Decision recorded and awards made.")
            return redirect("grants:round-detail", pk=pk)
    return render(
        request,
        "grants/decision_form.html",
        {
            "round": grant_round,
            "form": form,
            "recommended": [r for r in rows if r.application.recommended],
            "budget": selectors.round_budget_summary(grant_round=grant_round, rows=rows),
        },
    )
