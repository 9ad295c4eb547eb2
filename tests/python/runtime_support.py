"""Shared fixtures of the runtime tests: the runtime imported by path, an IPython shell whose
display publisher and traceback display are recorded, and request helpers."""

import importlib.util
import json
import pathlib
import re
import sys

import pytest
from IPython.core.interactiveshell import InteractiveShell

ROOT = pathlib.Path(__file__).resolve().parents[2]
RUNTIME_PATH = ROOT / "src" / "kernel" / "runtime.py"
MIME = "application/vnd.cellscript.reply+json"


def load_runtime():
    spec = importlib.util.spec_from_file_location("cellscript_runtime_under_test", RUNTIME_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


runtime = load_runtime()


class Recorder:
    """Stands in for the shell's display publisher and traceback display."""

    def __init__(self):
        self.messages = []  # runtime messages on the private MIME
        self.displays = []  # other display data
        self.errors = []  # (ename, structured traceback text)

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kw):
        if MIME in data:
            # What travels to the frontend must be strict JSON (no NaN).
            json.dumps(data[MIME], allow_nan=False)
            self.messages.append(data[MIME])
        else:
            self.displays.append(data)

    def clear_output(self, wait=False):
        pass

    @property
    def events(self):
        return [m for m in self.messages if m["kind"] == "event"]


def script(tmp_path, name="train.py", **extra):
    return {"id": f"work/{name}", "file": str(tmp_path / name), "namespace": "module", **extra}


def cell(index, source, first_line, name=None):
    return {"index": index, "name": name, "source": source, "firstLine": first_line}


def call(shell, **request):
    """Handle a request as the kernel would; the reply is what `reply()` then hands over."""
    shell.recorder.messages.clear()
    return runtime.handle(request)


