"""Each panel's site in its own colours: the stylesheet `core.views.panel_css` serves.

The Content-Security-Policy allows no inline style, so the colours reach the page as a small
stylesheet of their own, linked from every page after GOV.UK Frontend's. Colours are read from
the panel as validated `#rrggbb` only (a value that is not falls back to the default), so
nothing from the database is ever written into the CSS as given.

The header's text is white or black, whichever contrasts more with the header colour: one of
the two always reaches the 4.5:1 that WCAG 2.2 AA asks of text (the worst case, a mid colour, is
about 4.58:1 against pure black), so any colour an administrator picks stays readable.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from core.models import Panel

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
DEFAULT_HEADER = "#1d70b8"
DEFAULT_ACCENT = "#ffdd00"
WHITE = "#ffffff"
BLACK = "#000000"
GOVUK_BLACK = "#0b0c0c"
# The service navigation's background (GOV.UK Frontend's light grey): its active-item marker is
# in the panel's colour when that shows against it (3:1, WCAG's non-text contrast), else black.
SERVICE_NAVIGATION_BACKGROUND = "#f3f2f1"
TEXT_CONTRAST = 4.5
NON_TEXT_CONTRAST = 3.0


def colour_or(value: str, default: str) -> str:
    """`value` lower-cased if it is a #rrggbb colour, else `default`."""
    return value.lower() if HEX_COLOUR.fullmatch(value or "") else default


def relative_luminance(colour: str) -> float:
    """WCAG 2.2's relative luminance of a #rrggbb colour (0 black to 1 white)."""
    channels = []
    for start in (1, 3, 5):
        value = int(colour[start : start + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: str) -> str:
    """White or black, whichever reads better on `background`."""
    return max((WHITE, BLACK), key=lambda text: contrast_ratio(text, background))


@dataclass(frozen=True)
class Branding:
    header: str
    header_text: str
    accent: str
    marker: str

    @property
    def version(self) -> str:
        """Changes whenever the stylesheet would: its ETag and the `?v=` of the link to it."""
        digest = hashlib.sha256(stylesheet(self).encode()).hexdigest()
        return digest[:16]


def branding_of(panel: Panel | None) -> Branding:
    header = colour_or(panel.header_colour, DEFAULT_HEADER) if panel else DEFAULT_HEADER
    accent = colour_or(panel.accent_colour, DEFAULT_ACCENT) if panel else DEFAULT_ACCENT
    marker = (
        header
        if contrast_ratio(header, SERVICE_NAVIGATION_BACKGROUND) >= NON_TEXT_CONTRAST
        else GOVUK_BLACK
    )
    return Branding(header=header, header_text=text_colour_on(header), accent=accent, marker=marker)


def stylesheet(branding: Branding) -> str:
    """The header in the panel's colour, with its links (and the account links and the sign-out
    button, which inherit) in the readable text colour; GOV.UK's yellow focus state is kept."""
    b = branding
    return f"""/* The panel's colours (core.branding). */
.govuk-header {{ background: {b.header}; color: {b.header_text}; }}
.govuk-header__container {{ border-bottom-color: {b.accent}; }}
.app-header .govuk-header__content {{ color: {b.header_text}; }}
.govuk-header__link:link, .govuk-header__link:visited,
.govuk-header__link:hover, .govuk-header__link:active {{ color: {b.header_text}; }}
.govuk-header__link:focus {{ color: {GOVUK_BLACK}; }}
.app-header__logo {{ display: inline-block; height: 30px; width: auto; margin-right: 10px;
  vertical-align: middle; }}
.govuk-service-navigation__item--active {{ border-color: {b.marker}; }}
"""
