#!/usr/bin/env python3
"""Writes a revision of an OpenAPI JSON document with 50 planted changes, ten each of five kinds on distinct
operations (the same plan as Tests/GatehouseDiffTests/PlantedChangesTests.swift): an operation removed from a path
that keeps others, an operationId renamed, a required query parameter added, a 2XX response removed from an
operation that keeps others, and a new security requirement.

    plant.py IN.json OUT.json
"""
import json
import sys

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
KINDS = ["operation-removed", "operation-id-changed", "parameter-added-required",
         "response-success-status-removed", "security-requirement-added"]
PER_KIND = 10


def is_success(status):
    return status.startswith("2")


def plant(document):
    counts = {kind: 0 for kind in KINDS}
    planted = 0
    for path, item in document.get("paths", {}).items():
        if not isinstance(item, dict):
            continue
        methods = [key for key in item if key in METHODS]
        for method in list(methods):
            operation = item.get(method)
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            kind = KINDS[planted % len(KINDS)]
            if counts[kind] >= PER_KIND:
                continue
            responses = operation.get("responses", {})
            if kind == "operation-removed":
                remaining = [m for m in methods if m in item]
                if len(methods) < 2 or method != methods[-1] or len(remaining) < 2:
                    continue
                del item[method]
            elif kind == "operation-id-changed":
                operation["operationId"] += "Planted"
            elif kind == "parameter-added-required":
                operation.setdefault("parameters", []).append(
                    {"name": "planted", "in": "query", "required": True, "schema": {"type": "string"}})
            elif kind == "response-success-status-removed":
                success = next((status for status in responses if is_success(status)), None)
                if len(responses) < 2 or success is None:
                    continue
                del responses[success]
            else:
                operation["security"] = [{"planted": []}]
            counts[kind] += 1
            planted += 1
    schemes = document.setdefault("components", {}).setdefault("securitySchemes", {})
    schemes["planted"] = {"type": "http", "scheme": "bearer"}
    return planted


def main():
    source, target = sys.argv[1], sys.argv[2]
    with open(source) as handle:
        document = json.load(handle)
    planted = plant(document)
    if planted != len(KINDS) * PER_KIND:
        sys.exit(f"only {planted} changes could be planted in {source}")
    with open(target, "w") as handle:
        json.dump(document, handle, indent=1)


if __name__ == "__main__":
    main()
