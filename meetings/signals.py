"""What the meetings app tells others, without importing them."""

from __future__ import annotations

from django.dispatch import Signal

# Sent (with `meeting`) once a meeting's agenda or minutes are published and committed; the
# tracker publishes the items raised from that meeting.
meeting_published = Signal()
