"""The stored full-text search document of a record: a weighted `tsvector` kept in the row.

On PostgreSQL the public search reads this column through a GIN index (with the panel in the
same index, btree_gin) instead of computing a vector for every row at every search. `save()`
writes the document in the same INSERT or UPDATE as the text it is made of, so every writer
that saves a record (the services, the importer, the admin, the demo loaders, the tests'
factories) keeps it in step at no extra query; a bulk insert calls no `save()`, and its caller
rebuilds the documents afterwards (`meetings.search.search_documents_rebuild`).

On SQLite the column is a plain, empty text column and the search falls back to `icontains`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connections, models, router
from django.db.models import Expression, Value

SEARCH_CONFIG = "english"


def weighted_vector(parts: list[tuple[Any, str]]) -> Expression:
    """One tsvector of (expression or field name, weight) parts, joined with `||`."""
    vectors = [SearchVector(part, weight=weight, config=SEARCH_CONFIG) for part, weight in parts]
    combined: Expression = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


class SearchDocumented(models.Model):
    """A record with a stored search document made of `search_document_fields`, pairs of a
    text field and its weight (A for titles, B for the rest)."""

    search_document = SearchVectorField(null=True, editable=False)

    search_document_fields: ClassVar[tuple[tuple[str, str], ...]] = ()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        update_fields = kwargs.get("update_fields")
        names = {name for name, _ in self.search_document_fields}
        if connections[using].vendor == "postgresql" and (
            update_fields is None or names & set(update_fields)
        ):
            # Built from the values being saved, so the row and its document cannot differ.
            self.search_document = weighted_vector(
                [
                    (Value(getattr(self, name)), weight)
                    for name, weight in self.search_document_fields
                ]
            )
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_document"}
        super().save(*args, **kwargs)

    @classmethod
    def search_document_of_columns(cls) -> Expression:
        """The document computed from the stored columns, for an UPDATE over many rows."""
        return weighted_vector(list(cls.search_document_fields))
