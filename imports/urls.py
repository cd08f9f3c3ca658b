"""The import screens, under the democratic services' /manage/meetings/ (the paths they always
had) and a batch's under /imports/batches/, in the "imports" namespace."""

from __future__ import annotations

from django.urls import path

from imports import batch_views, views

app_name = "imports"

urlpatterns = [
    path("manage/meetings/import/", views.import_upload, name="manage-import"),
    path("manage/meetings/import/<int:pk>/", views.import_job, name="manage-import-job"),
    path("imports/batches/<int:pk>/", batch_views.import_batch, name="import-batch"),
    path(
        "imports/batches/<int:pk>/commit/",
        batch_views.import_batch_commit,
        name="import-batch-commit",
    ),
]
