"""jsonschema-rs side of the GitHub benchmark (run-github.sh): converts the OpenAPI 3.0 component schemas of
github.json to one JSON Schema 2020-12 document, checks each instance is valid, then times is_valid per instance,
on the parsed instance and from its compact JSON bytes (json.loads + is_valid).

    python3 github_peer.py GITHUB_JSON SECONDS EXAMPLE:SCHEMA...
Prints one JSON line per instance: {"name", "bytes", "items_per_s", "mb_per_s"}.
"""
import json, sys, time
import jsonschema_rs

OPENAPI_ONLY = {"example", "discriminator", "xml", "externalDocs", "deprecated", "nullable"}


def convert(schema):
    """An OpenAPI 3.0 schema object (draft 4 based) as JSON Schema 2020-12, with the same meaning."""
    if isinstance(schema, list):
        return [convert(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:  # draft 4: a $ref's siblings are ignored
        return {"$ref": schema["$ref"].replace("#/components/schemas/", "#/$defs/")}
    out = {}
    for key, value in schema.items():
        if key in OPENAPI_ONLY:
            continue
        if key in ("properties", "patternProperties"):
            out[key] = {name: convert(s) for name, s in value.items()}
        elif key in ("items", "additionalProperties", "not", "allOf", "anyOf", "oneOf"):
            out[key] = convert(value)
        else:
            out[key] = value
    for bound in ("Minimum", "Maximum"):  # draft 4: boolean exclusiveMinimum modifies minimum
        if out.get("exclusive" + bound) is True:
            out["exclusive" + bound] = out.pop(bound.lower())
        elif out.get("exclusive" + bound) is False:
            del out["exclusive" + bound]
    if schema.get("nullable") is True:
        if "enum" in out and None not in out["enum"]:
            out["enum"] = out["enum"] + [None]
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
        elif "type" not in out:
            out = {"anyOf": [{"type": "null"}, out]}
    return out


def throughput(per, body):
    for _ in range(20): assert body()
    best = 0.0
    for _ in range(5):
        calls, start = 0, time.perf_counter()
        while time.perf_counter() - start < per / 5:
            for _ in range(10): assert body()
            calls += 10
        best = max(best, calls / (time.perf_counter() - start))
    return best


def main():
    path, per, pairs = sys.argv[1], float(sys.argv[2]), [p.split(":") for p in sys.argv[3:]]
    spec = json.load(open(path))
    defs = {name: convert(s) for name, s in spec["components"]["schemas"].items()}
    for example, name in pairs:
        instance = spec["components"]["examples"][example]["value"]
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": f"#/$defs/{name}", "$defs": defs}
        validator = jsonschema_rs.validator_for(schema, validate_formats=True)
        errors = [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(instance)]
        assert not errors, f"{example} is invalid against {name}: {errors[:3]}"
        size = len(json.dumps(instance, separators=(",", ":"), ensure_ascii=False).encode())
        raw = json.dumps(instance, separators=(",", ":"), ensure_ascii=False).encode()
        rates = [("", throughput(per, lambda: validator.is_valid(instance))),
                 ("from bytes ", throughput(per, lambda: validator.is_valid(json.loads(raw))))]
        for kind, rate in rates:
            print(json.dumps({"name": f"{kind}{name}:{example}", "bytes": size, "items_per_s": int(rate),
                              "mb_per_s": round(rate * size / 1e6, 1)}))


main()
