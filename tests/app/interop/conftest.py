"""Shared by the interop tests: the reference validators of the formats."""

from __future__ import annotations

import json
import re

import pytest

# SHOULD-level warnings of the OASIS validator that Briefdesk's bundles raise on purpose:
# 103 ids are UUIDv5 (deterministic, as OpenCTI's own standard ids), not UUIDv4;
# 401 x_opencti_* / x_briefdesk_* custom properties (OpenCTI reads custom properties, not extensions);
# 218 report_types of a source is its kind (news-article, transcript, ...), an open-vocabulary value;
# 302 external references to web pages carry a URL but no hash of the page;
# 202 denies / corroborates / qualifies are custom relationship types between notes.
ACCEPTED_WARNINGS = {"103", "401", "218", "302", "202"}


def stix_validation(data: bytes | str) -> tuple[bool, list[str], set[str]]:
    """(valid, errors, warning codes) from the OASIS stix2-validator with its default options."""
    from stix2validator import ValidationOptions, validate_string

    text = data.decode("utf-8") if isinstance(data, bytes) else data
    result = validate_string(text, ValidationOptions())
    codes = set()
    for w in result.warnings or []:
        m = re.search(r"\{(\d+)\}", str(w))
        codes.add(m.group(1) if m else str(w))
    return result.is_valid, [str(e) for e in result.errors or []], codes


@pytest.fixture
def cli(tmp_path, capsys):
    from app.cli import main

    library = tmp_path / "cli.briefdesk"

    def run(*args: str, library_path=None) -> tuple[int, str, str]:
        code = main(["--library", str(library_path or library), *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    run.library = library
    return run


def objects_by_type(bundle: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for obj in bundle["objects"]:
        out.setdefault(obj["type"], []).append(obj)
    return out


def load_json(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
