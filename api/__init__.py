"""The open data API: the panel's public record, read-only, as OParl 1.1 (README "Open data API").

The top layer: it reads the other apps' public selectors (`api.selectors`) and never writes.
Every object it serves is what the visibility policy (`core.visibility`) shows the public, in
the panel of the request's host; signing in changes only the rate limit.
"""
