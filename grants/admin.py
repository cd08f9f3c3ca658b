"""Admin for grants records, with django-simple-history's change history. For administrators
correcting data; the grants screens are the normal way in. Nothing can be deleted here."""

from __future__ import annotations

from django.contrib import admin

from core.admin import HistoryAdmin
from grants import models


class GrantsRecordAdmin(HistoryAdmin):
    pass


for model in (
    models.Fund,
    models.FundBudget,
    models.GrantRound,
    models.Criterion,
    models.Application,
    models.ConflictOfInterest,
    models.Score,
    models.Decision,
    models.Award,
    models.Payment,
    models.MonitoringReturn,
    models.DueDiligenceVisit,
    models.FundedProject,
    models.CommissionedContract,
    models.ContractReviewPoint,
    models.ModerationChange,
):
    admin.site.register(model, GrantsRecordAdmin)
