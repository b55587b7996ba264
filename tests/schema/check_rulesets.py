#!/usr/bin/env python3
"""Validate minhu rulesets against rulesets/schema/ruleset.schema.json.

usage: check_rulesets.py [RULESET.json ...]   (default: rulesets/*.json)
       check_rulesets.py --self-test          (valid/ must pass, invalid/ must fail)
Exits 1 on any failure. Needs `pip install jsonschema`.
"""
import json
import sys
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCHEMA = ROOT / "rulesets" / "schema" / "ruleset.schema.json"


def pointer(path):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def describe(error):
    """Message of one error; an anyOf failure is explained by the branch that got furthest."""
    while error.context:
        depth = max(len(e.absolute_path) for e in error.context)
        deepest = [e for e in error.context if len(e.absolute_path) == depth]
        if all(e.validator == "required" for e in deepest):
            names = ", ".join(e.validator_value[0] for e in deepest)
            return pointer(error.absolute_path), f"needs at least one of: {names}"
        # Anything beats a plain type mismatch (that branch is for another shape).
        error = best_match([e for e in deepest if e.validator != "type"] or deepest)
    return pointer(error.absolute_path), error.message


def problems(validator, path):
    """Return a list of "pointer: message" strings for one file."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"cannot read JSON: {e}"]
    found = []
    for error in validator.iter_errors(doc):
        where, message = describe(error)
        found.append(f"{where or '/'}: {message}")
    return sorted(found)


def show(path):
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def check(validator, paths):
    failed = False
    for path in paths:
        errs = problems(validator, path)
        failed |= bool(errs)
        if not errs:
            print(f"ok {show(path)}")
        for err in errs:
            print(f"FAIL {show(path)} {err}")
    return failed


def self_test(validator):
    failed = check(validator, sorted((HERE / "valid").glob("*.json")))
    for path in sorted((HERE / "invalid").glob("*.json")):
        errs = problems(validator, path)
        if errs:
            print(f"ok {show(path)} rejected: {errs[0]}")
        else:
            print(f"FAIL {show(path)} was accepted but must be rejected")
            failed = True
    return failed


def main(argv):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    if argv == ["--self-test"]:
        return int(self_test(validator))
    paths = [Path(a) for a in argv] or sorted(SCHEMA.parent.parent.glob("*.json"))
    if not paths:
        print(f"no rulesets found in {show(SCHEMA.parent.parent)}", file=sys.stderr)
    return int(check(validator, paths))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
