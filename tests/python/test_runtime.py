"""Tests of src/kernel/runtime.py, imported by path, inside an IPython InteractiveShell.

Run with `/usr/bin/python3 -m pytest tests/python -q` (npm run test:python).
"""

import importlib.util
import inspect
import json
import linecache
import math
import pathlib
import re
import sys
import types

import pytest
from IPython.core.interactiveshell import InteractiveShell

from runtime_support import MIME, RUNTIME_PATH, call, cell, runtime, script


# --- pure helpers ------------------------------------------------------------------------------


def test_module_names_are_unique_private_and_without_dots():
    a = runtime.module_name_for("dir/train.py")
    assert a == runtime.module_name_for("dir/train.py")
    assert a != runtime.module_name_for("other/train.py")
    assert a.startswith("_cellscript_train_") and "." not in a
    assert runtime.module_name_for("weird name-ü.py").isidentifier()


@pytest.mark.parametrize(
    "source, expected",
    [
        ("x", False),
        ("x;", True),
        ("x;  # comment", True),
        ("x = 1\ny;\n\n", True),
        ("s = ';'", False),
        ("if x:\n    y;\n", True),
        ("'unterminated", False),
    ],
)
def test_semicolon_at_end(source, expected):
    assert runtime.ends_with_semicolon(source) is expected


def test_verbose_summary_is_at_most_ten_lines():
    assert runtime.verbose_summary("\n a = 1\nb = 2\n\n") == "> a = 1\n> b = 2"
    long = runtime.verbose_summary("\n".join(f"v{i} = {i}" for i in range(12)))
    assert long.splitlines() == [f"> v{i} = {i}" for i in range(9)] + ["..."]
    assert len(runtime.verbose_summary("\n".join("x" * 10))) > 0


def test_compile_cell_keeps_real_lines_and_splits_last_expression():
    body, last, _ = runtime.compile_cell("a = 1\nb = a + 1\nb * 2\n", "/s.py", 7, 0, True)
    assert body.co_filename == "/s.py"
    # Statements at their script lines; the module's RESUME instruction sits one line above
    # the first (the marker line), as it does in any compiled module.
    assert sorted({line for _, _, line in body.co_lines() if line}) == [6, 7, 8]
    assert sorted({p[0] for p in body.co_positions() if p[0] and p[2]}) == [7, 8]
    namespace = {}
    exec(body, namespace)
    assert eval(last, namespace) == 4
    _, hidden, _ = runtime.compile_cell("a = 1\na;\n", "/s.py", 1, 0, True)
    assert hidden is None


def test_syntax_errors_name_the_script_line():
    with pytest.raises(SyntaxError) as info:
        runtime.compile_cell("x = 1\nx = (\n", "/s.py", 20)
    assert info.value.filename == "/s.py"
    assert info.value.lineno == 21


def test_future_imports_carry_over_to_later_cells():
    _, _, flags = runtime.compile_cell("from __future__ import annotations\n", "/s.py", 1)
    body, _, _ = runtime.compile_cell("def f(x: Undefined): pass\n", "/s.py", 3, flags)
    namespace = {}
    exec(body, namespace)
    assert namespace["f"].__annotations__ == {"x": "Undefined"}


def test_register_source_keeps_lines_of_cells_that_did_not_run():
    filename = "/virtual/register.py"
    runtime.register_source(filename, [cell(0, "a = 1\nb = 2", 2)], 8)
    runtime.register_source(filename, [cell(1, "c = 3", 6)], 9)
    lines = linecache.getlines(filename)
    assert len(lines) == 9
    assert lines[1:3] == ["a = 1\n", "b = 2\n"]
    assert lines[5] == "c = 3\n"
    linecache.checkcache(filename)  # what inspect does: must not drop the entry
    assert linecache.getlines(filename)[5] == "c = 3\n"


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, {"type": "NoneType", "kind": "json", "value": None}),
        (True, {"type": "bool", "kind": "json", "value": True}),
        (1.5, {"type": "float", "kind": "json", "value": 1.5}),
        ((1, "a"), {"type": "tuple", "kind": "json", "value": [1, "a"]}),
        ({"k": [1, {"n": None}]}, {"type": "dict", "kind": "json", "value": {"k": [1, {"n": None}]}}),
        ("é\n\"'", {"type": "str", "kind": "json", "value": "é\n\"'"}),
    ],
)
def test_values_that_are_json_travel_as_json(value, expected):
    assert runtime.describe_value(value) == expected


@pytest.mark.parametrize(
    "value, type_name, text",
    [
        (math.nan, "float", "nan"),
        (math.inf, "float", "inf"),
        (2**60, "int", str(2**60)),
        ({1: "a"}, "dict", "{1: 'a'}"),
        ({1, 2}, "set", "{1, 2}"),
        (b"x", "bytes", "b'x'"),
    ],
)
def test_values_that_are_not_json_travel_as_repr_with_type(value, type_name, text):
    assert runtime.describe_value(value) == {
        "type": type_name,
        "kind": "repr",
        "repr": text,
        "truncated": False,
    }


def test_big_and_broken_values_are_bounded():
    big = runtime.describe_value(list(range(300_000)))
    assert big["kind"] == "repr" and big["truncated"] and len(big["repr"]) == runtime.MAX_REPR_CHARS

    class Broken:
        def __repr__(self):
            raise ValueError("no")

    broken = runtime.describe_value(Broken())
    assert broken["kind"] == "repr" and "repr failed: ValueError: no" in broken["repr"]
    nested = []
    for _ in range(200):
        nested = [nested]
    assert runtime.describe_value(nested)["kind"] == "repr"


# --- operations through handle() ---------------------------------------------------------------


def test_run_sends_no_message_for_quick_cells_and_keeps_the_namespace(shell, tmp_path):
    reply = call(
        shell,
        op="run",
        script=script(tmp_path),
        cells=[cell(0, "x = 1", 2, "A"), cell(1, "y = x + 1\nprint(y)", 4, "B")],
        lineCount=5,
    )
    assert reply["ok"] and reply["result"]["status"] == "ok"
    # Quick cells are news to nobody: every outcome travels in the reply.
    assert shell.recorder.events == []
    assert [c["index"] for c in reply["result"]["cells"]] == [0, 1]
    module = sys.modules[runtime.module_name_for("work/train.py")]
    assert module.y == 2
    assert module.__file__ == str(tmp_path / "train.py")
    assert module.__name__ != "__main__"
    assert "x" not in shell.user_ns and "y" not in shell.user_ns


def test_run_stops_at_first_error_without_runtime_frames(shell, tmp_path):
    reply = call(
        shell,
        op="run",
        script=script(tmp_path),
        cells=[cell(0, "def f():\n    return 1 / 0\nf()", 3), cell(1, "after = 1", 7)],
        lineCount=7,
    )
    result = reply["result"]
    assert result["status"] == "error"
    assert [c["index"] for c in result["cells"]] == [0]
    assert result["cells"][0]["error"] == {
        "ename": "ZeroDivisionError",
        "evalue": "division by zero",
        "file": str(tmp_path / "train.py"),
        "line": 4,
    }
    ((ename, text),) = shell.recorder.errors
    assert ename == "ZeroDivisionError"
    assert "runtime.py" not in text and "train.py:5" in text and "train.py:4, in f()" in text
    assert "after" not in vars(sys.modules[runtime.module_name_for("work/train.py")])


def test_getsource_and_dataclass_and_pickle_work_in_script_modules(shell, tmp_path):
    source = (
        "import pickle\nfrom dataclasses import dataclass\n\n@dataclass\nclass P:\n    x: int\n\n"
        "def double(p):\n    return P(p.x * 2)\n\nback = pickle.loads(pickle.dumps(P(2)))\n"
    )
    reply = call(
        shell, op="run", script=script(tmp_path), cells=[cell(0, source, 10)], lineCount=30
    )
    assert reply["result"]["status"] == "ok"
    module = sys.modules[runtime.module_name_for("work/train.py")]
    assert module.back == module.P(2)
    assert inspect.getsource(module.double) == "def double(p):\n    return P(p.x * 2)\n"
    assert inspect.getsourcelines(module.P)[1] == 13


def test_show_last_value_displays_like_a_notebook(shell, tmp_path):
    call(
        shell,
        op="run",
        script=script(tmp_path),
        cells=[cell(0, "x = 21\nx * 2", 1), cell(1, "x;", 3), cell(2, "None", 4)],
        lineCount=4,
        showLastValue=True,
    )
    assert [d["text/plain"] for d in shell.recorder.displays] == ["42"]


def test_verbose_mode_prints_summaries_after_the_start_event(shell, tmp_path, capsys):
    call(
        shell,
        op="run",
        script=script(tmp_path),
        cells=[cell(0, "a = 1", 1), cell(1, "b = 2", 3)],
        lineCount=3,
        verbose=True,
    )
    assert capsys.readouterr().out == "> a = 1\n\n> b = 2\n"


def test_assign_get_list_reset(shell, tmp_path):
    ref = script(tmp_path)
    assert call(shell, op="assign", script=ref, values={"lr": 0.1, "tag": "a'b"})["ok"]
    got = call(shell, op="get", script=ref, names=["lr", "tag", "missing"])["result"]
    assert got["values"]["tag"] == {"type": "str", "kind": "json", "value": "a'b"}
    assert got["missing"] == ["missing"]
    listed = call(shell, op="list", script=ref)["result"]["variables"]
    assert [(v["name"], v["type"], v["kind"]) for v in listed] == [
        ("lr", "float", "value"),
        ("tag", "str", "value"),
    ]
    assert call(shell, op="reset", script=ref)["result"] == {"existed": True}
    assert call(shell, op="get", script=ref, names=["lr"])["result"]["missing"] == ["lr"]


def test_bad_names_are_refused_not_executed(shell, tmp_path):
    reply = call(shell, op="assign", script=script(tmp_path), values={"a; import os": 1})
    assert reply["ok"] is False and reply["error"]["kind"] == "bad-name"
    reply = call(
        shell,
        op="export",
        script=script(tmp_path),
        exports=[{"target": "ok", "source": "x.__class__"}],
    )
    assert reply["error"]["kind"] == "bad-name"


def test_exports_rename_into_the_notebook_and_report_missing_names(shell, tmp_path):
    ref = script(tmp_path)
    call(shell, op="assign", script=ref, values={"model": "m"})
    result = call(
        shell,
        op="export",
        script=ref,
        exports=[{"target": "nb_model", "source": "model"}, {"target": "x", "source": "nope"}],
    )["result"]
    assert result == {"exported": [{"target": "nb_model", "source": "model"}], "missing": ["nope"]}
    assert shell.user_ns["nb_model"] == "m"


def test_eval_allows_trailing_comment_and_exec_dedents(shell, tmp_path):
    ref = script(tmp_path)
    call(shell, op="exec", script=ref, source="\n        a = 1\n        if a:\n            b = a + 1\n")
    value = call(shell, op="eval", script=ref, expression="b * 10  # why not")["result"]
    assert value == {"type": "int", "kind": "json", "value": 20}
    failed = call(shell, op="eval", script=ref, expression="b +")
    assert failed["ok"] is False and failed["error"]["ename"] == "SyntaxError"
    failed = call(shell, op="exec", script=ref, source="raise KeyError('k')")
    assert failed["error"]["kind"] == "exception" and failed["error"]["line"] == 1


def test_shared_mode_uses_the_notebook_namespace_and_refuses_reset(shell, tmp_path):
    ref = script(tmp_path, namespace="shared")
    call(shell, op="run", script=ref, cells=[cell(0, "shared_x = 5", 1)], lineCount=1)
    assert shell.user_ns["shared_x"] == 5
    reply = call(shell, op="reset", script=ref)
    assert reply["ok"] is False and reply["error"]["kind"] == "unsupported"
    assert "shared_x" in shell.user_ns


def test_keyboard_interrupt_stops_the_run(shell, tmp_path):
    reply = call(
        shell,
        op="run",
        script=script(tmp_path),
        cells=[cell(0, "raise KeyboardInterrupt", 1), cell(1, "later = 1", 2)],
        lineCount=2,
    )
    assert reply["result"]["status"] == "interrupted"
    assert reply["result"]["cells"][0]["status"] == "interrupted"


def test_unknown_operations_and_missing_scripts_are_bad_requests(shell, tmp_path):
    assert call(shell, op="explode")["error"]["kind"] == "bad-request"
    assert call(shell, op="run", cells=[])["error"]["kind"] == "bad-request"
    info = call(shell, op="info")["result"]
    assert info["protocol"] == runtime.PROTOCOL and info["pid"] > 0


# --- the bootstrap -----------------------------------------------------------------------------


class FakeKernel:
    def __init__(self):
        self.metadata = {}

    def get_parent(self, channel="shell"):
        return {"metadata": self.metadata}


def test_bootstrap_installs_once_then_reuses_and_reinstalls_on_version_change(
    shell, monkeypatch, tmp_path
):
    kernel = FakeKernel()
    monkeypatch.setattr(shell, "kernel", kernel, raising=False)
    name = "_cellscript_runtime_test"
    source = RUNTIME_PATH.read_text()

    def send(request, version="v1", with_source=True):
        payload = {
            "module": name,
            "version": version,
            "filename": "<rt>",
            "id": f"request-{len(kernel.metadata)}-{version}-{with_source}",
            "request": request,
        }
        if with_source:
            payload["source"] = source
        kernel.metadata = {"cellscript": payload}
        shell.payload_manager.clear_payload()
        exec(runtime.BOOTSTRAP_SOURCE, {})
        # What the execute_reply carries: one payload with this request's id.
        (answer,) = shell.payload_manager.read_payload()
        assert answer["id"] == payload["id"]
        return answer["reply"]

    user_names = set(shell.user_ns)
    assert send({"op": "info"})["result"]["version"] == "v1"
    installed = sys.modules[name]
    assert send({"op": "info"}, with_source=False)["ok"]
    assert sys.modules[name] is installed
    missing = send({"op": "info"}, version="v2", with_source=False)
    assert missing["ok"] is False and missing["error"]["kind"] == "not-installed"
    assert send({"op": "info"}, version="v2")["result"]["version"] == "v2"
    assert sys.modules[name] is not installed
    assert set(shell.user_ns) == user_names


def test_bootstrap_explains_kernels_without_request_metadata(shell, monkeypatch):
    monkeypatch.setattr(shell, "kernel", None, raising=False)
    shell.payload_manager.clear_payload()
    exec(runtime.BOOTSTRAP_SOURCE, {})
    (answer,) = shell.payload_manager.read_payload()
    error = answer["reply"]["error"]
    assert error["kind"] == "unsupported-kernel" and "ipykernel 6" in error["message"]


def test_runtime_has_no_state_in_the_user_namespace_after_all_operations(shell, tmp_path):
    before = set(shell.user_ns)
    ref = script(tmp_path)
    for request in [
        {"op": "run", "script": ref, "cells": [cell(0, "z = 1", 1)], "lineCount": 1},
        {"op": "get", "script": ref, "names": ["z"]},
        {"op": "list", "script": ref},
        {"op": "eval", "script": ref, "expression": "z"},
        {"op": "exec", "script": ref, "source": "w = 2"},
        {"op": "reset", "script": ref},
    ]:
        assert call(shell, **request)["ok"], request
    assert set(shell.user_ns) == before
    assert isinstance(sys.modules.get(runtime.STATE_MODULE), types.ModuleType)


def test_runs_only_if_the_file_is_the_text_the_frontend_parsed(shell, tmp_path):
    import zlib

    text = "# %% A\nx = 'é'\n"
    (tmp_path / "train.py").write_text(text, encoding="utf-8")
    data = text.encode("utf-8")
    request = {
        "op": "run",
        "script": script(tmp_path),
        "cells": [cell(0, "x = 'é'", 2)],
        "lineCount": 2,
        "expect": {"bytes": len(data), "crc32": zlib.crc32(data)},
    }
    assert call(shell, **request)["result"]["status"] == "ok"
    (tmp_path / "train.py").write_text(text.replace("é", "e"), encoding="utf-8")
    stale = call(shell, **request)
    assert stale["ok"] is False and stale["error"]["reason"] == "changed"
    assert shell.recorder.events == []
    request["script"]["file"] = str(tmp_path / "missing.py")
    assert call(shell, **request)["error"]["reason"] == "unreadable"


def test_entry_without_a_kernel_falls_back_to_the_bootstrap(shell, monkeypatch):
    monkeypatch.setattr(shell, "kernel", None, raising=False)
    shell.payload_manager.clear_payload()
    runtime.entry()
    (answer,) = shell.payload_manager.read_payload()
    assert answer["id"] is None and answer["reply"]["error"]["kind"] == "unsupported-kernel"


def test_post_execute_fires_after_each_cell_and_debug_sees_the_script_frames(shell, tmp_path):
    seen = []

    def record():
        seen.append(len(seen))

    shell.events.register("post_execute", record)
    try:
        call(
            shell,
            op="run",
            script=script(tmp_path),
            cells=[cell(0, "a = 1", 1), cell(1, "def g():\n    raise ValueError(a)\ng()", 3)],
            lineCount=5,
        )
    finally:
        shell.events.unregister("post_execute", record)
    assert seen == [0, 1]
    # %debug works on sys.last_traceback: it starts at the script's code, not the runtime's.
    frames = []
    tb = sys.last_traceback
    while tb is not None:
        frames.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno))
        tb = tb.tb_next
    assert frames == [(str(tmp_path / "train.py"), 5), (str(tmp_path / "train.py"), 4)]


def test_future_flags_persist_across_runs_of_a_namespace(shell, tmp_path):
    ref = script(tmp_path)
    call(shell, op="run", script=ref, cells=[cell(0, "from __future__ import annotations", 1)])
    call(shell, op="run", script=ref, cells=[cell(1, "def f(x: Nope): pass", 3)], lineCount=3)
    module = sys.modules[runtime.module_name_for("work/train.py")]
    assert module.f.__annotations__ == {"x": "Nope"}


def test_a_reply_that_cannot_be_sent_becomes_an_internal_error(shell, monkeypatch):
    monkeypatch.setitem(runtime.OPERATIONS, "info", lambda request: {"bad": math.nan})
    reply = call(shell, op="info")
    assert reply["ok"] is False and reply["error"]["kind"] == "internal"
    assert "ValueError" in reply["error"]["message"]
