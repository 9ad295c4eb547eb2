"""Parameter overrides in runs: assigned right after the defining cell ran without error, as
papermill injects its parameters cell; before the next cell and before exports."""

import sys

from runtime_support import call, cell, runtime, script


def _module():
    return sys.modules[runtime.module_name_for("work/train.py")]


def test_overrides_are_assigned_right_after_the_defining_cell(shell, tmp_path):
    reply = call(
        shell,
        op="run",
        script=script(tmp_path),
        cells=[
            cell(0, "lr = 0.1\nseen_in_cell = lr", 2, "Parameters"),
            cell(1, "steps = [lr * 10]\nlr = 9", 5, "Train"),
        ],
        lineCount=6,
        overrides={"0": {"lr": 0.5}},
    )
    assert reply["ok"] and reply["result"]["status"] == "ok"
    module = _module()
    # The cell itself ran with its own value; the next cell saw the override.
    assert module.seen_in_cell == 0.1
    assert module.steps == [5.0]
    # A later assignment in the script wins from there on (the form warns about it).
    assert module.lr == 9


def test_overrides_of_a_failing_cell_are_not_assigned(shell, tmp_path):
    reply = call(
        shell,
        op="run",
        script=script(tmp_path),
        cells=[cell(0, "lr = 0.1\n1 / 0", 2), cell(1, "after = lr", 5)],
        lineCount=6,
        overrides={"0": {"lr": 0.5}},
    )
    assert reply["result"]["status"] == "error"
    module = _module()
    assert module.lr == 0.1
    assert not hasattr(module, "after")


def test_overrides_apply_before_exports_and_only_to_their_cell(shell, tmp_path):
    reply = call(
        shell,
        op="run",
        script=script(tmp_path),
        cells=[cell(0, "a = 1", 2), cell(3, "b = 2", 5)],
        lineCount=6,
        overrides={"3": {"b": [1, {"k": None}]}, "7": {"a": "not run"}},
        exports=[{"target": "nb_b", "source": "b"}],
    )
    result = reply["result"]
    assert result["exports"]["exported"] == [{"target": "nb_b", "source": "b"}]
    assert shell.user_ns["nb_b"] == [1, {"k": None}]
    assert _module().a == 1


def test_bad_override_names_refuse_the_run_before_anything_runs(shell, tmp_path):
    for overrides in ({"0": {"__name__": 1}}, {"0": {"a; import os": 1}}, {"0": []}, []):
        reply = call(
            shell,
            op="run",
            script=script(tmp_path),
            cells=[cell(0, "ran = True", 2)],
            lineCount=3,
            overrides=overrides,
        )
        assert reply["ok"] is False
        assert reply["error"]["kind"] in ("bad-name", "bad-request")
    assert runtime.module_name_for("work/train.py") not in sys.modules or not hasattr(
        _module(), "ran"
    )


def test_shared_mode_refuses_names_ipython_needs(shell, tmp_path):
    reply = call(
        shell,
        op="run",
        script=script(tmp_path, namespace="shared"),
        cells=[cell(0, "x = 1", 2)],
        lineCount=3,
        overrides={"0": {"In": 1}},
    )
    assert reply["error"]["kind"] == "bad-name"
    reply = call(
        shell,
        op="run",
        script=script(tmp_path, namespace="shared"),
        cells=[cell(0, "x = 1", 2)],
        lineCount=3,
        overrides={"0": {"x": 2}},
    )
    assert reply["ok"] and shell.user_ns["x"] == 2
