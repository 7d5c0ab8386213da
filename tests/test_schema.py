"""The JSON Schema: printed by `claimcheck schema`, shipped in schema/, and true to the loader."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.schema import json_schema
from tests.conftest import ROOT

SCHEMA_FILE = ROOT / "schema" / "claimfile.schema.json"


def _plain(data: Any) -> Any:
    """YAML data as an editor's YAML 1.2 validator sees it: dates stay strings."""
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(value) for value in data]
    if isinstance(data, datetime.date):
        return data.isoformat()
    return data


def test_schema_command_prints_the_shipped_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output) == json.loads(SCHEMA_FILE.read_text())


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


@pytest.mark.parametrize("path", sorted((ROOT / "claims").glob("*.yaml")), ids=lambda path: path.name)
def test_claim_files_validate_and_carry_the_modeline(path: Path) -> None:
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../schema/claimfile.schema.json")
    jsonschema.validate(_plain(yaml.safe_load(text)), json_schema())


def test_schema_refuses_what_the_loader_refuses() -> None:
    bad = {"article": {"title": "t", "publisher": "p", "date": "2025-03-11"}, "claims": [{"id": "a"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, json_schema())
