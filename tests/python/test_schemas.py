"""Every settings schema must save: valid under JSON Schema draft 4 (jupyterlab_server 2.16
validates user settings with Draft4Validator) and under later drafts (newer jupyterlab_server).

A `oneOf` of `const`s looks fine in a later draft but matches every value twice in draft 4
(which has no `const`), so every save failed with 400: these tests save every setting.
"""

import json
import pathlib

import jsonschema
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = sorted((ROOT / "schema").glob("*.json"))
VALIDATORS = [jsonschema.Draft4Validator, jsonschema.Draft7Validator]
if hasattr(jsonschema, "Draft202012Validator"):
    VALIDATORS.append(jsonschema.Draft202012Validator)

# Settings a user may choose, other than the defaults: each must be accepted.
CHOSEN = {
    "runner": [
        {"namespace": "shared"},
        {"namespace": "module"},
        {"workingDirectory": "script"},
        {"workingDirectory": "notebook"},
        {"verbose": True, "showLastValue": False},
        {"namespace": "shared", "workingDirectory": "script", "verbose": True},
    ],
    "scripts": [
        {"marker": "--"},
        {"markerForms": {"codecell": True, "prompt": True}},
        {"marker": "%%", "markerForms": {"codecell": False, "prompt": True}},
    ],
    "sidebar": [
        {},
        {"toolbar": [{"name": "reset-namespace", "disabled": True}]},
        {"toolbar": [{"name": "restart", "command": "kernelmenu:restart", "rank": 45}]},
    ],
    "run-commands": [{}],
    "notebook-cells": [{"loadTarget": "below"}, {"loadTarget": "replace"}],
    "script-editor": [
        {"drawCells": False},
        {"cellActions": False, "shortcutsWithConsole": True},
    ],
    "outputs": [{}],
    "cell-executor": [{"frontendMagics": False}, {"frontendMagics": True}],
    "sweeps": [
        {"concurrency": 1},
        {"concurrency": 8, "isolation": "fork", "stopAfterOutputs": True},
    ],
}

# Settings that must be refused, so a typo is caught when saved, not ignored.
REFUSED = {
    "runner": [{"namespace": "global"}, {"workingDirectory": "home"}, {"verbos": True}],
    "scripts": [{"marker": ""}, {"markerForms": {"percent": False}}],
    "sidebar": [
        {"unknown": 1},
        {"toolbar": "run-all"},
        {"toolbar": [{"command": "cellscript:run-all"}]},
        {"toolbar": [{"name": "run-all", "disable": True}]},
    ],
    "run-commands": [{"unknown": 1}],
    "notebook-cells": [{"loadTarget": "above"}, {"loadTarget": ""}, {"loadTarget": 1}],
    "script-editor": [{"drawCells": "yes"}, {"drawcells": False}],
    "outputs": [{"unknown": 1}],
    "cell-executor": [{"frontendMagics": "off"}, {"frontendmagics": False}],
    "sweeps": [
        {"concurrency": 0},
        {"concurrency": 1.5},
        {"isolation": "thread"},
        {"stopAfterOutputs": "yes"},
        {"concurency": 2},
    ],
}


def load(path):
    return json.loads(path.read_text())


def test_every_schema_has_its_cases():
    assert sorted(CHOSEN) == sorted(path.stem for path in SCHEMAS)


@pytest.mark.parametrize("validator", VALIDATORS, ids=lambda v: v.__name__)
@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_and_saves_defaults_and_choices(path, validator):
    schema = load(path)
    validator.check_schema(schema)
    check = validator(schema)
    defaults = {name: spec["default"] for name, spec in schema["properties"].items()}
    check.validate(defaults)
    for name, spec in schema["properties"].items():
        for value in spec.get("enum", []):
            check.validate({name: value})
    for chosen in CHOSEN[path.stem]:
        check.validate(chosen)
    for refused in REFUSED[path.stem]:
        assert not check.is_valid(refused), refused


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_no_keyword_that_draft_4_ignores(path):
    text = path.read_text()
    for keyword in ('"const"', '"if"', '"then"', '"contains"', '"propertyNames"'):
        assert keyword not in text, f"{path.name} uses {keyword}, which draft 4 ignores"
