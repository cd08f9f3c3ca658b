"""Grants pages.

Public (no login): the award register, its 360Giving JSON and CSV. Everyone signed in
(`can_read_internal`, which includes panel members) reads funds, rounds, moderation, decisions,
awards, monitoring, visits and contracts. OPCC officers and administrators (`can_manage_grants`)
make every change.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.htmx import wants_partial
from core.permissions import can_manage_grants, can_read_internal, require_permission
from grants import exports, forms, selectors, services
from grants.imports import applications_import
from grants.models import Application, Award, GrantRound, MonitoringReturn, Payment

PAGE_SIZE = 25
# The tracker (another app) owns this page; grants only links to it, when it exists.
QUESTION_URL_NAME = "scrutiny:item-create"
IMPORT_TOO_LARGE = "The file is larger than 2 MB."
IMPORT_NOT_UTF8 = "The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”."
MAX_IMPORT_BYTES = 2 * 1024 * 1024


def _round_or_404(pk: int) -> GrantRound:
    try:
        return selectors.round_get(pk=pk)
    except GrantRound.DoesNotExist as exc:
        raise Http404("No such round") from exc


def _application_or_404(pk: int) -> Application:
    try:
        return selectors.application_get(pk=pk)
    except Application.DoesNotExist as exc:
        raise Http404("No such application") from exc


def _award_or_404(pk: int) -> Award:
    try:
        return selectors.award_get(pk=pk)
    except Award.DoesNotExist as exc:
        raise Http404("No such award") from exc


def question_url(award: Award) -> str | None:
    try:
        return f"{reverse(QUESTION_URL_NAME)}?grant_award={award.pk}"
    except NoReverseMatch:
        return None


# --- Public --------------------------------------------------------------------------------


@require_GET
def award_register(request: HttpRequest) -> HttpResponse:
    filters = {
        "fund": request.GET.get("fund", "").strip(),
        "round_slug": request.GET.get("round", "").strip(),
        "organisation": request.GET.get("organisation", "").strip(),
        "area": request.GET.get("area", "").strip(),
    }
    awards = selectors.award_list_public(**filters)
    page = Paginator(awards, PAGE_SIZE).get_page(request.GET.get("page"))
    by_round = selectors.award_totals_by_round(awards)
    chart = {
        "type": "bar",
        "data": {
            "labels": [
                f"{r['application__round__fund__name']}: {r['application__round__name']}"
                for r in by_round
            ],
            "datasets": [{"label": "Awarded (£)", "data": [float(r["total"]) for r in by_round]}],
        },
        "options": {"plugins": {"legend": {"display": False}}},
    }
    template = "grants/award_register.html"
    if wants_partial(request):
        template += "#results"
    return render(
        request,
        template,
        {
            "page": page,
            "totals": selectors.award_totals(awards),
            "by_round": by_round,
            "chart": chart,
            "choices": selectors.award_register_choices(),
            "filters": filters,
        },
    )


@require_GET
def giving_360(request: HttpRequest) -> JsonResponse:
    package = exports.package_360(list(selectors.awards_for_export()))
    return JsonResponse(package, json_dumps_params={"indent": 1, "ensure_ascii": False})


@require_GET
def awards_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        exports.awards_csv(list(selectors.awards_for_export())), content_type="text/csv"
    )
    response["Content-Disposition"] = 'attachment; filename="awards.csv"'
    return response


# --- Internal reads ------------------------------------------------------------------------


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


@require_GET
@require_permission(can_read_internal)
def award_detail(request: HttpRequest, pk: int) -> HttpResponse:
    award = _award_or_404(pk)
    today = timezone.localdate()
    can_manage = can_manage_grants(request.user)
    return render(
        request,
        "grants/award_detail.html",
        {
            "award": award,
            "today": today,
            "percentage_paid": selectors.award_percentage_paid(award=award),
            "scheduled": sum(p.amount for p in award.payments.all()),
            "monitoring_status": selectors.monitoring_status(award=award, today=today),
            "question_url": question_url(award),
            "can_manage": can_manage,
            "payment_form": forms.PaymentForm() if can_manage else None,
            "schedule_form": forms.ScheduleForm(initial={"frequency": award.monitoring_frequency})
            if can_manage
            else None,
        },
    )


@require_GET
@require_permission(can_read_internal)
def monitoring_calendar(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    show = request.GET.get("show", "outstanding")
    if show not in {"outstanding", "overdue", "to_review", "all"}:
        show = "outstanding"
    page = Paginator(selectors.monitoring_calendar(today=today, show=show), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "grants/monitoring.html",
        {"page": page, "today": today, "show": show, "can_manage": can_manage_grants(request.user)},
    )


@require_GET
@require_permission(can_read_internal)
def visit_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.visit_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "grants/visit_list.html",
        {"page": page, "can_manage": can_manage_grants(request.user)},
    )


@require_GET
@require_permission(can_read_internal)
def contract_list(request: HttpRequest) -> HttpResponse:
    return render(request, "grants/contract_list.html", {"contracts": selectors.contract_list()})


# --- Officer writes ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def round_create(request: HttpRequest) -> HttpResponse:
    form = forms.RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant_round = services.round_create(actor=request.user, **form.cleaned_data)
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
            application = services.application_add(
                grant_round=grant_round,
                actor=request.user,
                organisation_name=data["organisation"],
                project_title=data["project_title"],
                amount_requested=data["amount_requested"],
                area=data["area"],
            )
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
            services.criterion_add(grant_round=grant_round, actor=request.user, **form.cleaned_data)
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
            services.decision_record(
                grant_round=grant_round, actor=request.user, **form.cleaned_data
            )
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


@require_POST
@require_permission(can_manage_grants)
def payment_add(request: HttpRequest, pk: int) -> HttpResponse:
    award = _award_or_404(pk)
    form = forms.PaymentForm(request.POST)
    if form.is_valid():
        try:
            services.payment_add(award=award, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Payment added to the schedule.")
    else:
        messages.error(request, "Enter the date the payment is due and its amount.")
    return redirect("grants:award-detail", pk=pk)


@require_POST
@require_permission(can_manage_grants)
def payment_paid(request: HttpRequest, pk: int) -> HttpResponse:
    payment = Payment.objects.filter(pk=pk).first()
    if payment is None:
        raise Http404("No such payment")
    form = forms.PaidForm(request.POST)
    if form.is_valid():
        try:
            services.payment_mark_paid(payment=payment, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Payment recorded as paid.")
    else:
        messages.error(request, forms.DATE_INVALID)
    return redirect("grants:award-detail", pk=payment.award_id)


@require_POST
@require_permission(can_manage_grants)
def monitoring_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    award = _award_or_404(pk)
    form = forms.ScheduleForm(request.POST)
    if form.is_valid():
        try:
            made = services.monitoring_schedule_create(
                award=award, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{len(made)} monitoring returns scheduled.")
    else:
        messages.error(request, "Enter the first and last dates and how often returns are due.")
    return redirect("grants:award-detail", pk=pk)


def _return_or_404(pk: int) -> MonitoringReturn:
    ret = MonitoringReturn.objects.select_related("award__application__organisation").filter(pk=pk)
    found = ret.first()
    if found is None:
        raise Http404("No such return")
    return found


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def return_receive(request: HttpRequest, pk: int) -> HttpResponse:
    ret = _return_or_404(pk)
    form = forms.ReturnReceiveForm(
        request.POST or None, initial={"received_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.return_receive(monitoring_return=ret, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.form_errors_from(form, error)
        else:
            messages.success(request, "Return recorded as received.")
            return redirect("grants:award-detail", pk=ret.award_id)
    return render(request, "grants/return_form.html", {"ret": ret, "form": form})


@require_POST
@require_permission(can_manage_grants)
def return_review(request: HttpRequest, pk: int) -> HttpResponse:
    ret = _return_or_404(pk)
    form = forms.ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.return_review(monitoring_return=ret, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Return reviewed.")
    else:
        messages.error(request, forms.DATE_INVALID)
    return redirect("grants:award-detail", pk=ret.award_id)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def visit_create(request: HttpRequest) -> HttpResponse:
    form = forms.VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_record(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.form_errors_from(form, error)
        else:
            messages.success(request, "Visit recorded.")
            return redirect("grants:visit-list")
    return render(request, "grants/visit_form.html", {"form": form})
