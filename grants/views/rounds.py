"""Funds and rounds: a round's page, setting one up, its criteria and lifecycle, and its
applications (the CSV import, one by hand, a withdrawal)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import form_create, form_save
from core.idempotency import submission_create
from core.pagination import seek_page
from core.permissions import can_manage_grants, can_read_internal, require_permission
from grants import forms, selectors, services
from grants.imports import applications_import
from grants.views._common import (
    _application_or_404,
    _round_or_404,
    announce,
    application_confirm,
    flashed,
)

APPLICATIONS_PAGE_SIZE = 50


@require_GET
@require_permission(can_read_internal)
def fund_list(request: HttpRequest) -> HttpResponse:
    context = {"funds": selectors.fund_list(), "can_manage": can_manage_grants(request.user)}
    return render(request, "grants/fund_list.html", context)


@require_GET
@require_permission(can_read_internal)
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    grant_round = _round_or_404(pk)
    applications = selectors.applications_for_round(grant_round=grant_round)
    page = seek_page(applications, request.GET.get("page"), APPLICATIONS_PAGE_SIZE)
    can_manage = can_manage_grants(request.user)
    return render(
        request,
        "grants/round_detail.html",
        {
            "round": grant_round,
            "page": page,
            "can_manage": can_manage,
            "next_statuses": selectors.round_next_statuses(grant_round=grant_round),
            "criterion_form": forms.CriterionForm() if can_manage else None,
        },
    )


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def round_create(request: HttpRequest) -> HttpResponse:
    form = forms.RoundForm(request.POST or None)
    done = form_create(form, lambda data: services.round_create(actor=request.user, **data))
    if grant_round := announce(request, done, lambda made: f"Round “{made.name}” set up."):
        return redirect("grants:round-detail", pk=grant_round.pk)
    return render(request, "grants/round_form.html", {"form": form})


@require_POST
@require_permission(can_manage_grants)
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    grant_round = _round_or_404(pk)
    form = forms.CriterionForm(request.POST)
    flashed(
        request,
        form,
        lambda data: submission_create(
            token=form.token,
            create=lambda: services.criterion_add(
                grant_round=grant_round, actor=request.user, **data
            ),
        ),
        success=lambda criterion: f"Criterion “{criterion.title}” added.",
        invalid="Enter a criterion title, a weight and a highest score.",
    )
    return redirect("grants:round-detail", pk=pk)


@require_POST
@require_permission(can_manage_grants)
def round_transition(request: HttpRequest, pk: int) -> HttpResponse:
    grant_round = _round_or_404(pk)
    flashed(
        request,
        forms.TransitionForm(request.POST),
        lambda data: services.round_transition(
            grant_round=grant_round, to_status=data["to_status"], actor=request.user
        ),
        success=lambda moved: f"The round is now: {moved.get_status_display().lower()}.",
    )
    return redirect("grants:round-detail", pk=pk)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def applications_import_view(request: HttpRequest, pk: int) -> HttpResponse:
    grant_round = _round_or_404(pk)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = applications_import(
            grant_round=grant_round,
            actor=request.user,
            text=form.cleaned_data["text"],
            dry_run=form.dry_run,
        )
        if result.ok and not result.dry_run:
            count, total = len(result.lines), result.total_requested
            messages.success(request, f"{count} applications imported (£{total:,} requested).")
            return redirect("grants:round-detail", pk=pk)
    context = {"round": grant_round, "form": form, "result": result}
    return render(request, "grants/import.html", context)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def application_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record one application; the organisation is matched as the CSV import matches it."""
    grant_round = _round_or_404(pk)
    form = forms.ApplicationForm(request.POST or None)
    done = form_create(
        form,
        lambda data: services.application_add(
            grant_round=grant_round,
            actor=request.user,
            organisation_name=data["organisation"],
            project_title=data["project_title"],
            amount_requested=data["amount_requested"],
            area=data["area"],
        ),
    )
    if announce(request, done, lambda made: f"Application {made.reference} recorded."):
        return redirect("grants:round-detail", pk=pk)
    return render(request, "grants/application_form.html", {"round": grant_round, "form": form})


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_or_404(pk)
    form = forms.WithdrawForm(request.POST or None)
    if form_save(
        form,
        lambda data: services.application_withdraw(
            application=application, actor=request.user, reason=data["reason"]
        ),
    ):
        messages.success(request, f"Application {application.reference} withdrawn.")
        return redirect("grants:round-detail", pk=application.round_id)
    return application_confirm(
        request, application, form, title="Withdraw the application", button="Withdraw application"
    )
