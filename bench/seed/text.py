"""Words, sentences and dates for scale data, drawn from pools: making every sentence would cost
more than inserting it."""

from __future__ import annotations

import datetime
import math
import random
from collections.abc import Sequence

WORDS = [
    "budget",
    "precept",
    "policing",
    "neighbourhood",
    "anti-social",
    "behaviour",
    "knife",
    "crime",
    "victims",
    "domestic",
    "abuse",
    "reserves",
    "recruitment",
    "vacancies",
    "complaints",
    "estates",
    "fleet",
    "custody",
    "response",
    "times",
    "drones",
    "cctv",
    "e-scooters",
    "rural",
    "retail",
    "wellbeing",
    "training",
]
NOON = datetime.time(12, 0)
# Panels that record almost nothing: a thousandth of the busiest panel's share each.
QUIET_PANELS = 3


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


class Pools:
    """Titles, texts and answers to pick from, the same for a given seed."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.titles = [sentence(rng, 5) for _ in range(500)]
        self.texts = [sentence(rng, 12) for _ in range(2000)]
        self.answers = [sentence(rng, 40) for _ in range(200)]
        self.papers = [" ".join(sentence(rng, 15) for _ in range(8)) for _ in range(200)]

    def title(self) -> str:
        return self.rng.choice(self.titles)

    def text(self) -> str:
        return self.rng.choice(self.texts)

    def answer(self) -> str:
        return self.rng.choice(self.answers)

    def paper(self) -> str:
        return self.rng.choice(self.papers)


def at_noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, NOON, tzinfo=datetime.UTC)


def shares(keys: Sequence[int], total: int, rng: random.Random) -> dict[int, int]:
    """How many of `total` each key (a panel's pk) gets: uneven (a long tail, shuffled), a few
    almost empty, and summing to `total` exactly (largest remainders)."""
    order = list(keys)
    rng.shuffle(order)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(order))]
    for rank in range(max(0, len(order) - QUIET_PANELS), len(order)):
        weights[rank] = weights[0] / 1000
    exact = [total * weight / sum(weights) for weight in weights]
    counts = [math.floor(value) for value in exact]
    by_remainder = sorted(range(len(order)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return dict(zip(order, counts, strict=True))


def spread(first: datetime.date, last: datetime.date, count: int) -> list[datetime.date]:
    """`count` dates spread evenly from `first` to `last`, each moved back to a Monday to
    Thursday."""
    span = (last - first).days
    days = []
    for index in range(count):
        day = first + datetime.timedelta(days=span * index // max(1, count - 1))
        days.append(day - datetime.timedelta(days=max(0, day.weekday() - 3)))
    return days
