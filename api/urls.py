"""The open data API under /api/: the page for people at /api/, version 1 under /api/v1/.

Paths have no trailing slash, as OParl's examples and clients expect (`/api/v1/meetings?body=1`).
"""

from __future__ import annotations

from django.urls import path

from api.views import meetings, system, tracker

app_name = "api"

urlpatterns = [
    path("", system.docs, name="docs"),
    path("v1/", system.SystemView.as_view(), name="system"),
    path("v1/system", system.SystemView.as_view(), name="system-alias"),
    path("v1/openapi.json", system.OpenApiView.as_view(), name="openapi"),
    path("v1/bodies", meetings.BodyList.as_view(), name="body-list"),
    path("v1/bodies/<int:pk>", meetings.BodyDetail.as_view(), name="body-detail"),
    path("v1/organizations", meetings.OrganizationList.as_view(), name="organization-list"),
    path(
        "v1/organizations/<int:pk>",
        meetings.OrganizationDetail.as_view(),
        name="organization-detail",
    ),
    path("v1/people", meetings.PersonList.as_view(), name="person-list"),
    path("v1/people/<int:pk>", meetings.PersonDetail.as_view(), name="person-detail"),
    path("v1/memberships", meetings.MembershipList.as_view(), name="membership-list"),
    path("v1/memberships/<int:pk>", meetings.MembershipDetail.as_view(), name="membership-detail"),
    path("v1/meetings", meetings.MeetingList.as_view(), name="meeting-list"),
    path("v1/meetings/<int:pk>", meetings.MeetingDetail.as_view(), name="meeting-detail"),
    path(
        "v1/meetings/<int:pk>/invitation",
        meetings.MeetingInvitation.as_view(),
        name="meeting-invitation",
    ),
    path(
        "v1/meetings/<int:pk>/results-protocol",
        meetings.MeetingResultsProtocol.as_view(),
        name="meeting-results-protocol",
    ),
    path("v1/agenda-items", meetings.AgendaItemList.as_view(), name="agenda-item-list"),
    path(
        "v1/agenda-items/<int:pk>", meetings.AgendaItemDetail.as_view(), name="agenda-item-detail"
    ),
    path("v1/papers", meetings.PaperList.as_view(), name="paper-list"),
    path("v1/papers/<int:pk>", meetings.PaperDetail.as_view(), name="paper-detail"),
    path("v1/consultations", meetings.ConsultationList.as_view(), name="consultation-list"),
    path(
        "v1/consultations/<int:pk>",
        meetings.ConsultationDetail.as_view(),
        name="consultation-detail",
    ),
    path("v1/files", meetings.FileList.as_view(), name="file-list"),
    path("v1/files/<int:pk>", meetings.FileDetail.as_view(), name="file-detail"),
    path("v1/tracked-items", tracker.TrackedItemList.as_view(), name="tracked-item-list"),
    path(
        "v1/tracked-items/<int:pk>",
        tracker.TrackedItemDetail.as_view(),
        name="tracked-item-detail",
    ),
    path("v1/responses", tracker.ResponseList.as_view(), name="response-list"),
    path("v1/responses/<int:pk>", tracker.ResponseDetail.as_view(), name="response-detail"),
    path("v1/reviews", tracker.ReviewList.as_view(), name="review-list"),
    path("v1/reviews/<int:pk>", tracker.ReviewDetail.as_view(), name="review-detail"),
    path("v1/grants", tracker.GrantList.as_view(), name="grant-list"),
    path("v1/grants/<int:pk>", tracker.GrantDetail.as_view(), name="grant-detail"),
]
