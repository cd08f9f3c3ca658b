from __future__ import annotations

from django.urls import path

from national import views

app_name = "national"

urlpatterns = [
    path("national/", views.panels, name="panels"),
    path("national/panels.csv", views.panels_csv, name="panels-csv"),
]
