"""The sweep side of the runtime: `cellscript.Param`/`Output`, and op `iterate` in this process
and in a forked child (its state never comes back, its failures are reported, not raised)."""

import os
import pathlib
import subprocess
import sys

import pytest

from runtime_support import call, cell, runtime, script

MODULE = pathlib.Path(runtime.__file__).with_name("cellscript.py")


def iterate(shell, tmp_path, cells, **request):
    source = "".join(c["source"] for c in cells)
    (tmp_path / "train.py").write_text(source)
    return call(shell, op="iterate", script=script(tmp_path), cells=cells, lineCount=40, **request)


def test_the_module_is_transparent_when_a_script_runs_on_its_own(tmp_path):
    (tmp_path / "cellscript.py").write_text(MODULE.read_text())
    (tmp_path / "train.py").write_text(
        "from cellscript import Param, Output, REQUIRED\n"
        "lr = Param(0.1, name='learning_rate')\n"
        "data = Param()\n"
        "print(lr, data is REQUIRED, bool(data), Output(lr * 2, name='twice'))\n"
    )
    done = subprocess.run(
        [sys.executable, "train.py"], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout == "0.1 True False 0.2\n"


def test_output_needs_a_name():
    public = runtime.provide_public_module()
    with pytest.raises(TypeError, match="needs a name"):
        public.Output(1, "")


def test_the_runtime_provides_the_module(shell):
    public = runtime.provide_public_module()
    assert sys.modules["cellscript"] is public
    assert public.Param(3) == 3


def test_iterate_captures_outputs_and_variables_with_overrides(shell, tmp_path):
    cells = [
        cell(0, "from cellscript import Param, Output\nlr = Param(0.1)\n", 1),
        cell(1, "loss = 1 / lr\nOutput(lr * 10, name='scaled')\nsteps = 3\n", 3),
    ]
    answer = iterate(
        shell, tmp_path, cells, overrides={"0": {"lr": 0.5}}, outputs=["loss", "scaled"]
    )
    result = answer["result"]
    assert result["status"] == "ok" and result["stopped"] is False
    assert result["outputs"]["loss"]["value"] == 2.0
    assert result["outputs"]["scaled"]["value"] == 5.0
    assert [c["index"] for c in result["cells"]] == [0, 1]


def test_stop_after_outputs_skips_the_rest(shell, tmp_path):
    cells = [
        cell(0, "from cellscript import Output\nOutput(1, name='a')\nprint('after a')\n", 1),
        cell(1, "raise RuntimeError('never runs')\n", 4),
    ]
    result = iterate(shell, tmp_path, cells, outputs=["a"], stopAfterOutputs=True)["result"]
    assert result["status"] == "ok" and result["stopped"] is True
    assert len(result["cells"]) == 1
    assert result["outputs"] == {"a": {"type": "int", "kind": "json", "value": 1}}


def test_a_variable_output_stops_after_the_cell_that_defines_it(shell, tmp_path):
    cells = [cell(0, "x = 1\n", 1), cell(1, "y = 2\n", 3), cell(2, "z = 1 / 0\n", 5)]
    result = iterate(shell, tmp_path, cells, outputs=["y"], stopAfterOutputs=True)["result"]
    assert result["status"] == "ok" and [c["index"] for c in result["cells"]] == [0, 1]
    assert result["outputs"]["y"]["value"] == 2


def test_a_failure_is_reported_with_its_traceback_at_the_script_line(shell, tmp_path):
    cells = [cell(0, "a = 1\n", 1), cell(1, "def f():\n    return 1 / 0\n\nf()\n", 3)]
    result = iterate(shell, tmp_path, cells, outputs=["a"])["result"]
    assert result["status"] == "error"
    error = result["error"]
    assert (error["ename"], error["line"]) == ("ZeroDivisionError", 4)
    assert "return 1 / 0" in error["traceback"] and "line 4" in error["traceback"]
    assert result["outputs"]["a"]["value"] == 1  # what was captured before the failure is kept


def test_an_unknown_output_name_is_refused(shell, tmp_path):
    answer = iterate(shell, tmp_path, [cell(0, "a = 1\n", 1)], outputs=["not a name"])
    assert answer["ok"] is False and answer["error"]["kind"] == "bad-name"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork isolation needs os.fork")
class TestFork:
    def test_a_forked_iteration_sees_the_setup_and_leaks_nothing(self, shell, tmp_path):
        setup = [cell(0, "base = 10\nseen = []\n", 1)]
        call(shell, op="run", script=script(tmp_path), cells=setup, lineCount=20)
        body = [cell(1, "seen.append(lr)\nprint('lr is', lr)\ntotal = base + lr\n", 4)]
        namespace, _ = runtime.namespace_of(script(tmp_path))
        for lr in (1, 2):
            answer = iterate(shell, tmp_path, body, fork=True, outputs=["total", "seen"],
                             overrides={"1": {"lr": 0}})
            namespace["lr"] = lr  # the next child starts from what the parent holds now
        result = iterate(shell, tmp_path, body, fork=True, outputs=["total", "seen"])["result"]
        assert answer["result"]["outputs"]["seen"]["value"] == [1]
        assert result["outputs"]["total"]["value"] == 12
        assert result["outputs"]["seen"]["value"] == [2]  # not [1, 2]: nothing came back
        assert result["text"] == "lr is 2\n"
        assert namespace["seen"] == [] and "total" not in namespace

    def test_a_child_that_dies_is_a_failed_iteration(self, shell, tmp_path):
        result = iterate(shell, tmp_path, [cell(0, "import os\nos._exit(3)\n", 1)], fork=True)
        assert result["ok"], result
        error = result["result"]["error"]
        assert result["result"]["status"] == "error"
        assert error["ename"] == "ForkedProcessDied" and "exit status 3" in error["evalue"]

    def test_a_failure_in_the_child_comes_back_with_its_traceback(self, shell, tmp_path):
        result = iterate(shell, tmp_path, [cell(0, "x = 1\nx.nope\n", 1)], fork=True)["result"]
        assert result["status"] == "error" and result["error"]["line"] == 2
        assert "AttributeError" in result["error"]["traceback"]


def test_table_puts_rows_into_the_notebook(shell):
    rows = [{"lr": 0.1, "loss": 1.5}, {"lr": 0.2, "loss": None}]
    answer = call(shell, op="table", name="sweep_results", rows=rows)
    assert answer["ok"], answer
    value = shell.user_ns["sweep_results"]
    try:
        import pandas  # noqa: F401
    except ImportError:
        assert answer["result"]["type"] == "list" and value == rows
    else:
        assert answer["result"]["type"] == "DataFrame" and list(value["lr"]) == [0.1, 0.2]


def test_table_refuses_a_name_ipython_needs(shell):
    answer = call(shell, op="table", name="_oh", rows=[])
    assert answer["ok"] is False and answer["error"]["kind"] == "bad-name"
