from __future__ import annotations

from django.urls import path

from governance import views

app_name = "governance"

urlpatterns = [
    path("cgb/", views.dashboard, name="cgb-dashboard"),
    path("cgb/meetings/new/", views.meeting_create, name="cgb-meeting-create"),
    path("cgb/meetings/<int:pk>/", views.meeting_detail, name="cgb-meeting"),
    path("cgb/meetings/<int:pk>/attendance/", views.attendance_add, name="cgb-attendance-add"),
    path("cgb/meetings/<int:pk>/items/", views.item_add, name="cgb-item-add"),
    path("cgb/meetings/<int:pk>/report/", views.report, name="cgb-report"),
    path("cgb/meetings/<int:pk>/report.pdf", views.report_pdf, name="cgb-report-pdf"),
    path("cgb/items/<int:item_pk>/requests/new/", views.request_create, name="cgb-request-create"),
    path("cgb/requests/<int:pk>/outcome/", views.outcome_record, name="cgb-outcome"),
]
