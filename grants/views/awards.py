"""Awards: the award page, payments, the monitoring calendar and monitoring returns."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import form_save
from core.idempotency import submission_create
from core.pagination import seek_page
from core.permissions import can_manage_grants, can_read_internal, require_permission
from grants import forms, selectors, services
from grants.models import Award
from grants.views._common import (
    PAGE_SIZE,
    _award_or_404,
    _payment_or_404,
    _return_or_404,
    flashed,
)

# The page that raises a question about an award on the tracker (grants.views.questions).
QUESTION_URL_NAME = "scrutiny:item-create"


def question_url(award: Award) -> str | None:
    try:
        return f"{reverse(QUESTION_URL_NAME)}?grant_award={award.pk}"
    except NoReverseMatch:
        return None


@require_GET
@require_permission(can_read_internal)
def award_detail(request: HttpRequest, pk: int) -> HttpResponse:
    award = _award_or_404(pk)
    today = timezone.localdate()
    can_manage = can_manage_grants(request.user)
    schedule = forms.ScheduleForm(initial={"frequency": award.monitoring_frequency})
    return render(
        request,
        "grants/award_detail.html",
        {
            "award": award,
            "today": today,
            "summary": selectors.award_summary(award=award, today=today),
            "question_url": question_url(award),
            "can_manage": can_manage,
            "payment_form": forms.PaymentForm() if can_manage else None,
            "schedule_form": schedule if can_manage else None,
        },
    )


@require_GET
@require_permission(can_read_internal)
def monitoring_calendar(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    calendar = selectors.monitoring_calendar(today=today, params=request.GET)
    page = seek_page(calendar.returns, request.GET.get("page"), PAGE_SIZE)
    context = {"page": page, "today": today, "show": calendar.show}
    return render(request, "grants/monitoring.html", context)


@require_POST
@require_permission(can_manage_grants)
def payment_add(request: HttpRequest, pk: int) -> HttpResponse:
    award = _award_or_404(pk)
    form = forms.PaymentForm(request.POST)
    flashed(
        request,
        form,
        lambda data: submission_create(
            token=form.token,
            create=lambda: services.payment_add(award=award, actor=request.user, **data),
        ),
        success="Payment added to the schedule.",
        invalid="Enter the date the payment is due and its amount.",
    )
    return redirect("grants:award-detail", pk=pk)


@require_POST
@require_permission(can_manage_grants)
def payment_paid(request: HttpRequest, pk: int) -> HttpResponse:
    payment = _payment_or_404(pk)
    flashed(
        request,
        forms.PaidForm(request.POST),
        lambda data: services.payment_mark_paid(payment=payment, actor=request.user, **data),
        success="Payment recorded as paid.",
        invalid=forms.DATE_INVALID,
    )
    return redirect("grants:award-detail", pk=payment.award_id)


@require_POST
@require_permission(can_manage_grants)
def monitoring_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    award = _award_or_404(pk)
    flashed(
        request,
        forms.ScheduleForm(request.POST),
        lambda data: services.monitoring_schedule_create(award=award, actor=request.user, **data),
        success=lambda made: f"{len(made)} monitoring returns scheduled.",
        invalid="Enter the first and last dates and how often returns are due.",
    )
    return redirect("grants:award-detail", pk=pk)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_grants)
def return_receive(request: HttpRequest, pk: int) -> HttpResponse:
    ret = _return_or_404(pk)
    form = forms.ReturnReceiveForm(
        request.POST or None, initial={"received_on": timezone.localdate()}
    )
    received = form_save(
        form,
        lambda data: services.return_receive(monitoring_return=ret, actor=request.user, **data),
    )
    if received:
        messages.success(request, "Return recorded as received.")
        return redirect("grants:award-detail", pk=ret.award_id)
    return render(request, "grants/return_form.html", {"ret": ret, "form": form})


@require_POST
@require_permission(can_manage_grants)
def return_review(request: HttpRequest, pk: int) -> HttpResponse:
    ret = _return_or_404(pk)
    flashed(
        request,
        forms.ReviewForm(request.POST),
        lambda data: services.return_review(monitoring_return=ret, actor=request.user, **data),
        success="Return reviewed.",
        invalid=forms.DATE_INVALID,
    )
    return redirect("grants:award-detail", pk=ret.award_id)
