"""The import screens, under the democratic services' /manage/meetings/ (the paths they always
had), in the "imports" namespace."""

from __future__ import annotations

from django.urls import path

from imports import views

app_name = "imports"

urlpatterns = [
    path("manage/meetings/import/", views.import_upload, name="manage-import"),
    path("manage/meetings/import/<int:pk>/", views.import_job, name="manage-import-job"),
]
