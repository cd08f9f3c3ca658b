"""OParl 1.1's names (https://oparl.org/spezifikation/): object types, and how our own
properties and types are named beside them.

OParl lets a server add properties under a vendor prefix (`scrutiny:body`) and clients must
ignore what they do not know; our own object types (tracked items, responses, reviews, grants)
have type URIs under our own schema namespace.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

OPARL_VERSION = "https://schema.oparl.org/1.1/"
EXTENSION_SCHEMA = "https://schema.scrutiny-tracker.org/1.0/"
# The prefix of our properties on OParl objects.
VENDOR = "scrutiny"
ERROR = f"{OPARL_VERSION}Error"


def oparl_type(name: str) -> str:
    return f"{OPARL_VERSION}{name}"


def extension_type(name: str) -> str:
    return f"{EXTENSION_SCHEMA}{name}"


def vendor(name: str) -> str:
    """A property of ours on an OParl object: `scrutiny:name`."""
    return f"{VENDOR}:{name}"


def absolute(request: HttpRequest, view_name: str, *args: object, query: str = "") -> str:
    """The absolute URL of a view on the request's host (the panel's own address)."""
    url = request.build_absolute_uri(reverse(view_name, args=args))
    return f"{url}?{query}" if query else url
