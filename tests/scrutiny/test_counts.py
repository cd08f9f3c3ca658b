"""The dashboard's counts table (`ItemCount`): every service that raises an item or moves it
keeps the table equal to a count over the items, in its own transaction (a refused change moves
nothing); changes made at the same instant lose nothing and do not deadlock; a rebuild repairs
the table; and the summary reads it, with one index range for overdue, whatever the volume."""

from __future__ import annotations

import datetime
import io
import random
from functools import partial

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.http import QueryDict
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.permissions import OPCC_OFFICER, PANEL_MEMBER
from core.tenancy import panel_scope
from scrutiny import selectors, services
from scrutiny.models import OPEN_ITEM, ItemCount, Response, TrackedItem
from scrutiny.services.counts import item_counts_computed, item_counts_stored
from tests.concurrency import SharedDatabase, shared_database  # noqa: F401 - the fixture
from tests.conftest import make_user
from tests.meetings.factories import BodyFactory, MeetingFactory
from tests.scrutiny.factories import TrackedItemFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
OPERATIONS = 70


def counts_right() -> bool:
    return item_counts_stored() == item_counts_computed()


class World:
    """A few bodies and items, and the services a tracker's users call, at random."""

    def __init__(self, rng: random.Random, users) -> None:
        self.rng, self.users = rng, users
        self.bodies = [BodyFactory(), BodyFactory()]
        self.meeting = MeetingFactory(body=self.bodies[0], date=datetime.date(2024, 11, 20))
        self.raised = 0

    def item(self) -> TrackedItem:
        """Mostly an open item; now and then any (which a service may refuse)."""
        items = TrackedItem.objects.order_by("pk")
        open_items = list(items.filter(OPEN_ITEM))
        return self.rng.choice(open_items if open_items and self.rng.random() < 0.8 else items)

    def submitted(self) -> Response:
        found = list(Response.objects.filter(status=Response.Status.SUBMITTED).order_by("pk"))
        if not found:
            raise ValidationError("Nothing awaits review.")
        return self.rng.choice(found)

    def raise_item(self) -> None:
        self.raised += 1
        services.item_create(
            actor=self.users["democratic"],
            title="",
            text=f"Request {self.raised}",
            addressee=self.rng.choice(TrackedItem.Addressee.values),
            body=self.rng.choice(self.bodies),
            source_document="Agenda pack",
            raised_on=datetime.date(2024, 10, 28),
            due_date=TODAY + datetime.timedelta(days=self.rng.randint(-90, 90)),
        )

    def respond(self) -> None:
        """Draft an answer, and mostly submit it (a draft already there is submitted)."""
        officer, item = self.users["opcc"], self.item()
        draft = item.responses.filter(status=Response.Status.DRAFT).first()
        if draft is None:
            draft = services.response_save_draft(actor=officer, item=item, body="An answer")
        if self.rng.random() < 0.8:
            services.response_submit(actor=officer, response=draft)

    def withdraw_response(self) -> None:
        services.response_withdraw(
            actor=self.users["opcc"], response=self.submitted(), reason="Sent in error"
        )

    def review(self) -> None:
        accept = self.rng.random() < 0.5
        services.response_review(
            actor=self.users["member"],
            response=self.submitted(),
            outcome="accepted" if accept else "challenged",
            reason="" if accept else "Say more.",
            new_due_date=None if accept else TODAY + datetime.timedelta(days=30),
        )

    def withdraw(self) -> None:
        services.item_withdraw(actor=self.users["democratic"], item=self.item(), reason="Twice")

    def supersede(self) -> None:
        services.item_supersede(
            actor=self.users["democratic"], item=self.item(), by=self.item(), reason="Merged"
        )

    def outcome(self) -> None:
        services.item_outcome_set(
            actor=self.users["opcc"],
            item=self.item(),
            outcome="Reported to the board.",
            meeting=self.meeting,
            accepted=self.rng.random() < 0.5,
        )

    def admin_edit(self) -> None:
        """A correction in the admin: another addressee or body."""
        item = self.item()
        item.addressee = self.rng.choice(TrackedItem.Addressee.values)
        item.body = self.rng.choice(self.bodies)
        request = RequestFactory().post("/")
        request.user = self.users["admin"]
        site.get_model_admin(TrackedItem).save_model(request, item, form=None, change=True)

    def step(self) -> str:
        name = self.rng.choice(
            ["raise_item"] * 3
            + ["respond"] * 4
            + ["review"] * 3
            + ["withdraw_response", "withdraw", "supersede", "outcome", "admin_edit"]
        )
        try:
            getattr(self, name)()
        except ValidationError:
            name += " (refused)"  # a refused change rolls back, its counts with it
        return name


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_after_any_sequence_of_changes_the_table_equals_a_recount(users, seed):
    world = World(random.Random(seed), users)
    for _ in range(3):
        world.raise_item()
    done = []
    for _ in range(OPERATIONS):
        done.append(world.step())
        assert counts_right(), done
    assert sum(not name.endswith("(refused)") for name in done) > OPERATIONS / 2
    # And the summary read from it is the one counted over the items, for each filter it reads.
    for dims in [{}, {"body": world.bodies[1]}, {"addressee": "pcc"}]:
        dims_with = {**dims, "body": world.bodies[0]}
        for chosen in (dims, dims_with):
            assert summary_tuple(selectors.items_summary_counted(**chosen)) == summary_tuple(
                selectors.items_summary(TrackedItem.objects.filter(**chosen))
            )


def summary_tuple(summary: selectors.Summary) -> tuple:
    return (
        summary.open,
        summary.overdue,
        summary.closed,
        summary.withdrawn,
        sorted(summary.by_addressee),
        sorted(summary.by_response_status),
    )


def test_a_bulk_load_is_counted_by_the_rebuild_and_the_check_says_so(other_panel):
    TrackedItemFactory.create_batch(3)
    # A loader that writes rows without the services (as seed_scale does).
    body = BodyFactory()
    TrackedItem.objects.bulk_create(
        TrackedItemFactory.build(body=body, reference=f"BULK/{n}", closed_at=timezone.now())
        for n in range(4)
    )
    with panel_scope(other_panel):
        TrackedItemFactory()
        theirs = item_counts_stored()
    assert not counts_right()
    with pytest.raises(CommandError, match="wrong for: llr"):
        call_command("item_counts_rebuild", "--check")
    call_command("item_counts_rebuild", "--panel", "llr", stdout=io.StringIO())
    assert counts_right()
    call_command("item_counts_rebuild", "--check", stdout=io.StringIO())
    with panel_scope(other_panel):
        assert item_counts_stored() == theirs  # another panel's counts are left as they were
    assert services.item_counts_rebuild() == ItemCount.all_panels.count()


def test_a_change_to_stale_counts_goes_through_and_is_repaired_by_the_rebuild(users):
    item = TrackedItemFactory()
    ItemCount.objects.all().delete()  # as if the item had been bulk-loaded
    services.item_withdraw(actor=users["democratic"], item=item, reason="Raised twice")
    assert TrackedItem.objects.get().withdrawn_at is not None
    services.item_counts_rebuild()
    assert counts_right()


def test_the_summary_reads_the_table_and_one_index_range_whatever_the_volume():
    def summary_queries(query: str) -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            selectors.items_summary_filtered(params=QueryDict(query))
        return [q["sql"] for q in queries.captured_queries]

    body = BodyFactory(slug="finance")
    TrackedItemFactory.create_batch(3, body=body)
    for query, extra in (("", 0), ("addressee=force&status=closed", 0), ("body=finance", 1)):
        sql = summary_queries(query)
        assert len(sql) == 2 + extra, sql  # the body filter looks its body up
        on_items = [s for s in sql if "scrutiny_trackeditem" in s]
        assert len(on_items) == 1 and "GROUP BY" not in on_items[0].upper(), on_items
    # A search, a meeting or dates are counted over the items they choose.
    assert any("GROUP BY" in s.upper() for s in summary_queries("q=reserves"))


@pytest.mark.django_db(transaction=True)  # VACUUM runs outside a transaction
def test_overdue_is_counted_from_the_awaiting_items_index_alone():
    if connection.vendor != "postgresql":
        pytest.skip("index plans are checked on PostgreSQL (as .ci/run does)")
    # Open items awaiting an answer or answered, most items long closed, and the table vacuumed
    # and analysed, as a tracker's is: the planner weighs the indexes as it would in production.
    for addressee in TrackedItem.Addressee.values:
        TrackedItemFactory.create_batch(3, addressee=addressee)
        TrackedItemFactory.create_batch(3, addressee=addressee, response_status="received")
        TrackedItemFactory.create_batch(20, addressee=addressee, closed_at=timezone.now())
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE scrutiny_trackeditem")
    # The dashboard's own counts (no filter). With one addressee or body, the planner of so
    # small a table may as well read the open items' index for that addressee or body.
    with CaptureQueriesContext(connection) as queries:
        assert selectors.items_summary_counted().overdue == 18
    (sql,) = [q["sql"] for q in queries.captured_queries if "trackeditem" in q["sql"]]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using item_awaiting_due_idx" in plan, plan


@pytest.mark.django_db(transaction=True)
def test_changes_at_the_same_instant_lose_no_count_and_do_not_deadlock(
    shared_database: SharedDatabase,  # noqa: F811
):
    """Officers answering items while others' answers are withdrawn, and the panel accepting
    several at once (the closed row made by whichever comes first): the same rows, in opposite
    directions."""
    rounds = 4

    def arrange():
        officer = make_user("officer", OPCC_OFFICER)
        member = make_user("member", PANEL_MEMBER)
        body = BodyFactory()
        items = TrackedItemFactory.create_batch(4 * rounds, body=body, addressee="pcc")
        answered = []
        for item in items[: 2 * rounds]:
            draft = services.response_save_draft(actor=officer, item=item, body="An answer")
            answered.append(services.response_submit(actor=officer, response=draft))
        drafts = [
            services.response_save_draft(actor=officer, item=item, body="Another answer")
            for item in items[2 * rounds :]
        ]
        return officer, member, answered, drafts

    officer, member, answered, drafts = shared_database.run(arrange)
    for n in range(rounds):
        shared_database.race(
            [
                partial(services.response_submit, actor=officer, response=drafts[2 * n]),
                partial(
                    services.response_withdraw,
                    actor=officer,
                    response=answered[2 * n],
                    reason="Sent in error",
                ),
                partial(services.response_submit, actor=officer, response=drafts[2 * n + 1]),
                partial(
                    services.response_review,
                    actor=member,
                    response=answered[2 * n + 1],
                    outcome="accepted",
                ),
            ]
        )
    assert shared_database.run(counts_right)
    stored = shared_database.run(item_counts_stored)
    assert sorted((k.response_status, k.closed, n) for k, n in stored.items()) == [
        ("accepted", True, rounds),
        ("awaiting", False, rounds),
        ("received", False, 2 * rounds),
    ]
