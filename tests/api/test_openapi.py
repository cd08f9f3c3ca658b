"""The OpenAPI document is valid OpenAPI 3, and every answer the API gives, for every list and
every object reached from one, matches the schema the document gives for its path."""

from __future__ import annotations

import copy
import json
import re
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft4Validator
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def openapi(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def strict(components: dict) -> dict:
    """The component schemas with no property left undeclared: an answer that carries one the
    document does not describe fails too."""
    schemas = copy.deepcopy(components)
    for schema in schemas["schemas"].values():
        for part in [schema, *schema.get("properties", {}).values()]:
            if part.get("type") == "object" and "properties" in part:
                part["additionalProperties"] = False
    return schemas


def response_schema(document: dict, path: str) -> dict:
    operation = document["paths"][path]["get"]
    return operation["responses"]["200"]["content"]["application/json"]["schema"]


def template_for(document: dict, url: str) -> str:
    """The document's path that `url` is an instance of."""
    path = urlsplit(url).path
    for template in document["paths"]:
        if re.fullmatch(re.sub(r"\{[^}]+\}", r"[0-9]+", template), path):
            return template
    raise AssertionError(f"{path} is not a path of the OpenAPI document")


def check(client, document: dict, components: dict, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/json", url
    data = json.loads(response.content)
    schema = {**response_schema(document, template_for(document, url)), "components": components}
    errors = sorted(Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
                    .iter_errors(data), key=str)  # fmt: skip
    assert not errors, f"{url}: {errors[0].message} at {list(errors[0].absolute_path)}"
    return data


def test_the_document_is_valid_openapi_3(api, record):
    document = openapi(api)
    validate(document)
    assert document["openapi"].startswith("3.")
    assert "/api/v1/meetings" in document["paths"]
    meetings = document["paths"]["/api/v1/meetings"]["get"]
    parameters = {p["name"] for p in meetings["parameters"]}
    assert {"body", "modified_since", "modified_until", "created_since", "created_until"} <= (
        parameters
    )
    assert {"cursor", "limit", "omit_internal"} <= parameters
    # Read-only: GET only, on every path.
    assert {method for path in document["paths"].values() for method in path} == {"get"}


def test_every_answer_matches_its_schema(api, record):
    """Every list, then every object in it by its id, then the files and lists they link to."""
    document = openapi(api)
    components = strict(document["components"])
    lists = [path for path in document["paths"] if "{" not in path and "openapi" not in path]
    seen: set[str] = set()
    objects = 0
    for path in lists:
        page = check(api, document, components, path)
        for obj in page.get("data", []):
            urls = [obj["id"]]
            for role in ("invitation", "resultsProtocol"):
                if role in obj:
                    urls.append(obj[role]["id"])
            for url in urls:
                if url not in seen:
                    seen.add(url)
                    check(api, document, components, url)
                    objects += 1
    checked = {template_for(document, url) for url in seen}
    details = {path for path in document["paths"] if "{" in path}
    assert details - checked == set(), "no object reached these paths"
    assert objects > 15


def test_a_body_s_lists_match_their_schemas(api, record):
    document = openapi(api)
    components = strict(document["components"])
    body = check(api, document, components, f"/api/v1/bodies/{record.body.pk}")
    for name in ("organization", "person", "meeting", "paper", "agendaItem", "consultation",
                 "file", "membership"):  # fmt: skip
        page = check(api, document, components, body[name])
        assert page["data"], name
