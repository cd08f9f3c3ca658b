"""What the grants models share."""

from __future__ import annotations

from typing import Any

# Money as the papers give it: pounds and pence, up to £9,999,999,999.99.
MONEY: dict[str, Any] = {"max_digits": 12, "decimal_places": 2}
