from __future__ import annotations

import pytest


@pytest.fixture
def opcc(users):
    return users["opcc"]
