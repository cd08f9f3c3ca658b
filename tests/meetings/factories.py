"""factory_boy factories for the meetings records; other apps' tests import these too."""

from __future__ import annotations

import datetime
import hashlib
import io

import factory
from django.core.files.base import ContentFile
from pypdf import PdfWriter

from meetings.models import (
    AgendaItem,
    AgendaVersion,
    Attendance,
    Body,
    Declaration,
    Document,
    Meeting,
    Membership,
    Minute,
    MinutePoint,
    Organisation,
    Person,
    PublicQuestion,
    Resolution,
)


def pdf_bytes(pages: int = 1) -> bytes:
    """A real PDF of `pages` blank pages, readable by pypdf and by viewers."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


MINIMAL_PDF = pdf_bytes()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.COUNCIL


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    display_name = factory.LazyAttribute(lambda o: f"Cllr {o.given_name} {o.family_name}")
    slug = factory.Sequence(lambda n: f"person-{n}")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Police and Crime Panel {n}")
    short_name = factory.Sequence(lambda n: f"PCP{n}")
    slug = factory.Sequence(lambda n: f"panel-{n}")
    kind = Body.Kind.PANEL
    reference_prefix = "PCP"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(BodyFactory)
    role = Membership.Role.COUNCILLOR
    start_date = datetime.date(2024, 5, 1)
    end_date = None


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    body = factory.SubFactory(BodyFactory)
    date = datetime.date(2024, 10, 28)
    start_time = datetime.time(14, 0)
    end_time = None
    venue = "Sparkenhoe Committee Room, County Hall, Glenfield"
    mode = Meeting.Mode.IN_PERSON
    session = Meeting.Session.PUBLIC
    status = Meeting.Status.SCHEDULED

    class Params:
        # `MeetingFactory(published=True)`: an agenda the public can see.
        published = factory.Trait(
            status=Meeting.Status.AGENDA_PUBLISHED,
            agenda_published_at=factory.LazyFunction(
                lambda: datetime.datetime(2024, 10, 18, 9, 0, tzinfo=datetime.UTC)
            ),
        )


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: str(o.position))
    title = factory.Sequence(lambda n: f"Police and Crime Commissioner's Update {n}")
    kind = AgendaItem.Kind.REPORT


class MinuteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minute
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    agenda_item = None
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Police and Crime Commissioner's update {n}")
    preamble = "The Panel considered a report of the Police and Crime Commissioner (PCC)."


class MinutePointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MinutePoint
        skip_postgeneration_save = True

    minute = factory.SubFactory(MinuteFactory)
    position = factory.Sequence(lambda n: n + 1)
    label = "(i)"
    text = "The Chairman requested that figures be included alongside percentages."


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resolution
        skip_postgeneration_save = True

    minute = factory.SubFactory(MinuteFactory)
    position = factory.Sequence(lambda n: n + 1)
    label = "(a)"
    text = "That the PCC be requested to submit a written response."
    kind = Resolution.Kind.REQUEST_RESPONSE


class AgendaVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaVersion
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    number = 1
    published_at = factory.LazyFunction(
        lambda: datetime.datetime(2024, 10, 18, 9, 0, tzinfo=datetime.UTC)
    )
    snapshot = factory.LazyFunction(dict)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    agenda_item = None
    title = factory.Sequence(lambda n: f"Report {n}")
    kind = Document.Kind.REPORT
    file = factory.LazyAttribute(lambda o: ContentFile(MINIMAL_PDF, name=o.original_filename))
    original_filename = "report.pdf"
    content_type = "application/pdf"
    size = len(MINIMAL_PDF)
    sha256 = hashlib.sha256(MINIMAL_PDF).hexdigest()
    page_count = 1


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    capacity = Attendance.Capacity.MEMBER
    status = Attendance.Status.PRESENT


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declaration
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    kind = Declaration.Kind.OTHER
    text = "A member of a grant-funded charity."


class PublicQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicQuestion
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    asker = "A resident"
    question = "How many officers patrol my ward?"
    answer = ""
