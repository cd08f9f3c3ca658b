from __future__ import annotations

from django.urls import path

from opendata import views

app_name = "opendata"

urlpatterns = [
    path("open-data/", views.index, name="index"),
    path("open-data/panel.zip", views.panel_zip, name="panel-zip"),
    path("open-data/national.zip", views.national_zip, name="national-zip"),
    path("open-data/data-dictionary.csv", views.dictionary, name="dictionary"),
]
