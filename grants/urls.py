from __future__ import annotations

app_name = "grants"

urlpatterns: list = []
