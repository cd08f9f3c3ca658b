"""The API's views, by entity: OParl's (`meetings`), our own types (`tracker`), and the entry
points (`system`). All are read-only; `base` says what every one of them adds to a response."""
