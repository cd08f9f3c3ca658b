"""Awards: the award page, payments, the monitoring calendar and monitoring returns."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.idempotency import ALREADY_SAVED, AlreadySubmitted, submission_create
from core.permissions import can_manage_grants, can_read_internal, require_permission
from grants import forms, selectors, services
from grants.models import Award, Payment
from grants.views._common import PAGE_SIZE, _award_or_404, _return_or_404

# The tracker (another app) owns this page; grants only links to it, when it exists.
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


@require_POST
@require_permission(can_manage_grants)
def payment_add(request: HttpRequest, pk: int) -> HttpResponse:
    award = _award_or_404(pk)
    form = forms.PaymentForm(request.POST)
    if form.is_valid():
        try:
            submission_create(
                token=form.token,
                create=lambda: services.payment_add(
                    award=award, actor=request.user, **form.cleaned_data
                ),
            )
        except AlreadySubmitted:
            messages.info(request, ALREADY_SAVED)
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
