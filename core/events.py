"""Every kind of domain event, spelt once as `entity.action`.

Services record events with one of these types and timelines render them by their label, so a
new kind of event is added here first. The labels read as the papers would say it.
"""

from __future__ import annotations

from django.db import models


class EventType(models.TextChoices):
    # Signing in (core)
    AUTH_SIGNED_IN = "auth.signed_in", "Signed in"
    AUTH_SIGN_IN_FAILED = "auth.sign_in_failed", "Sign-in failed"
    AUTH_LOCKED_OUT = "auth.locked_out", "Locked out"
    AUTH_SIGNED_OUT = "auth.signed_out", "Signed out"
    AUTH_TWO_FACTOR_ENABLED = "auth.two_factor_enabled", "Two-factor sign-in enabled"
    AUTH_TWO_FACTOR_VERIFIED = "auth.two_factor_verified", "Two-factor code accepted"
    AUTH_TWO_FACTOR_FAILED = "auth.two_factor_failed", "Two-factor code refused"
    AUTH_TWO_FACTOR_REMOVED = "auth.two_factor_removed", "Two-factor sign-in removed"
    AUTH_RECOVERY_CODES_GENERATED = "auth.recovery_codes_generated", "Recovery codes generated"

    # Meetings
    MEETING_CREATED = "meeting.created", "Meeting created"
    MEETING_UPDATED = "meeting.updated", "Meeting updated"
    MEETING_CANCELLED = "meeting.cancelled", "Meeting cancelled"
    MEETING_HELD = "meeting.held", "Meeting held"
    PERSON_CREATED = "person.created", "Person added to the directory"
    ATTENDANCE_RECORDED = "attendance.recorded", "Attendance recorded"
    DECLARATION_RECORDED = "declaration.recorded", "Declaration recorded"
    DECLARATION_CARRIED_FORWARD = "declaration.carried_forward", "Declaration carried forward"
    PUBLIC_QUESTION_RECORDED = "public_question.recorded", "Public question recorded"
    AGENDA_ITEM_ADDED = "agenda.item_added", "Agenda item added"
    AGENDA_ITEM_UPDATED = "agenda.item_updated", "Agenda item updated"
    AGENDA_ITEM_MOVED = "agenda.item_moved", "Agenda item moved"
    AGENDA_ITEM_WITHDRAWN = "agenda.item_withdrawn", "Agenda item withdrawn"
    AGENDA_PUBLISHED = "agenda.published", "Agenda published"
    AGENDA_SUPPLEMENT_PUBLISHED = "agenda.supplement_published", "Supplementary agenda published"
    AGENDA_PACK_GENERATED = "agenda_pack.generated", "Agenda pack PDF generated"
    DOCUMENT_ATTACHED = "document.attached", "Paper attached"
    MINUTE_CREATED = "minute.created", "Minute created"
    MINUTE_UPDATED = "minute.updated", "Minute updated"
    MINUTE_POINT_ADDED = "minute.point_added", "Minute point added"
    MINUTE_RESOLUTION_ADDED = "minute.resolution_added", "Resolution added"
    MINUTES_DRAFT_PUBLISHED = "minutes.draft_published", "Draft minutes published"
    MINUTES_CONFIRMED = "minutes.confirmed", "Minutes confirmed"
    MINUTES_GENERATED = "minutes.generated", "Minutes PDF generated"
    MINUTES_IMPORTED = "minutes.imported", "Minutes imported"

    # Minutes imports
    IMPORT_UPLOADED = "import.uploaded", "Minutes uploaded for import"
    IMPORT_COMMITTED = "import.committed", "Import committed"
    IMPORT_REJECTED = "import.rejected", "Import rejected"

    # The tracker
    ITEM_RAISED = "item.raised", "Raised"
    ITEM_LINKED = "item.linked", "Linked"
    ITEM_PUBLISHED = "item.published", "Published"
    ITEM_CHASED = "item.chased", "Chased"
    ITEM_CLOSED = "item.closed", "Closed"
    ITEM_REOPENED = "item.reopened", "Reopened"
    ITEM_WITHDRAWN = "item.withdrawn", "Withdrawn"
    ITEM_SUPERSEDED = "item.superseded", "Superseded"
    ITEM_IMPLEMENTATION_UPDATED = "item.implementation_updated", "Implementation updated"
    ITEM_OCCURRENCE_RAISED = "item.occurrence_raised", "Next occurrence raised"
    ITEM_SERIES_STOPPED = "item.series_stopped", "Series stopped"
    RESPONSE_DRAFTED = "response.drafted", "Response drafted"
    RESPONSE_EDITED = "response.edited", "Response edited"
    RESPONSE_SUBMITTED = "response.submitted", "Response submitted"
    RESPONSE_WITHDRAWN = "response.withdrawn", "Response withdrawn"
    RESPONSE_ATTACHMENT_ADDED = "response.attachment_added", "Attachment added"

    # The Corporate Governance Board
    BOARD_MEETING_CREATED = "board.meeting_created", "Board meeting created"
    BOARD_ATTENDANCE_RECORDED = "board.attendance_recorded", "Board attendance recorded"
    BOARD_ITEM_ADDED = "board.item_added", "Board item added"

    # Grants
    FUND_CREATED = "fund.created", "Grant fund created"
    ROUND_CREATED = "round.created", "Grant round created"
    ROUND_OPENED = "round.opened", "Grant round opened"
    ROUND_CLOSED = "round.closed", "Grant round closed"
    ROUND_MODERATION_STARTED = "round.moderation_started", "Grant round moderation started"
    ROUND_DECIDED = "round.decided", "Grant round decided"
    ROUND_AWARDS_MADE = "round.awards_made", "Grant round awards made"
    ROUND_RECOMMENDED = "round.recommended", "Grant round recommended"
    CRITERION_ADDED = "criterion.added", "Grant criterion added"
    APPLICATION_RECEIVED = "application.received", "Grant application received"
    APPLICATION_WITHDRAWN = "application.withdrawn", "Grant application withdrawn"
    APPLICATION_SCORED = "application.scored", "Grant application scored"
    APPLICATION_RECOMMENDED = "application.recommended", "Grant application recommended"
    APPLICATION_NOT_RECOMMENDED = "application.not_recommended", "Grant application not recommended"
    CONFLICT_DECLARED = "conflict.declared", "Grant conflict declared"
    SCORE_MODERATED = "score.moderated", "Grant score moderated"
    DECISION_RECORDED = "decision.recorded", "Grant decision recorded"
    AWARD_MADE = "award.made", "Grant awarded"
    PAYMENT_SCHEDULED = "payment.scheduled", "Grant payment scheduled"
    PAYMENT_MADE = "payment.made", "Grant payment made"
    MONITORING_SCHEDULED = "monitoring.scheduled", "Grant monitoring scheduled"
    RETURN_RECEIVED = "return.received", "Grant return received"
    RETURN_REVIEWED = "return.reviewed", "Grant return reviewed"
    VISIT_RECORDED = "visit.recorded", "Grant visit recorded"
