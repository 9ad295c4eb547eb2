"""Tests of the run history of src/kernel/runtime.py: what a page loaded again reads back of
the cells that ran (op `history`), one record per cell, forgotten by reset.

Run with `/usr/bin/python3 -m pytest tests/python -q` (npm run test:python).
"""

import json

from runtime_support import call, cell, runtime, script


def hashed(index, source, first_line, name=None, digest=None, **extra):
    return {**cell(index, source, first_line, name), "hash": digest or f"h{index}", **extra}


def run(shell, ref, *cells):
    reply = call(shell, op="run", script=ref, cells=list(cells), lineCount=40)
    assert reply["ok"], reply
    return reply["result"]


def history(shell, ref):
    reply = call(shell, op="history", script=ref)
    assert reply["ok"], reply
    json.dumps(reply, allow_nan=False)  # travels as strict JSON
    return reply["result"]["cells"]


def test_nothing_ran_means_an_empty_history_and_no_namespace(shell, tmp_path):
    ref = script(tmp_path, name="fresh.py")
    assert history(shell, ref) == []
    assert runtime.module_name_for(ref["id"]) not in __import__("sys").modules


def test_each_cell_run_is_recorded_with_its_outcome_in_run_order(shell, tmp_path):
    ref = script(tmp_path)
    run(
        shell,
        ref,
        hashed(0, "x = 1", 2, "Setup", "aaa"),
        hashed(1, "y = x + 1", 4),
        hashed(2, "z = 1 / 0", 6, "Fail", "ccc"),
        hashed(3, "never = 1", 8, "After"),
    )
    records = history(shell, ref)
    assert [(r["name"], r["index"], r["hash"], r["status"]) for r in records] == [
        ("Setup", 0, "aaa", "ok"),
        (None, 1, "h1", "ok"),
        ("Fail", 2, "ccc", "error"),
    ]
    orders = [r["order"] for r in records]
    assert orders == sorted(orders) and len(set(orders)) == 3
    assert all(r["durationMs"] >= 0 for r in records)
    error = records[2]["error"]
    assert (error["ename"], error["line"]) == ("ZeroDivisionError", 6)
    assert "error" not in records[0] and "selection" not in records[0]


def test_a_later_run_replaces_the_cells_record_and_comes_last(shell, tmp_path):
    ref = script(tmp_path)
    run(shell, ref, hashed(0, "a = 1", 2, "A"), hashed(1, "b = 2", 4, "B"))
    first = {r["name"]: r["order"] for r in history(shell, ref)}
    run(shell, ref, hashed(0, "a = 3", 2, "A", "new"))
    records = history(shell, ref)
    assert [r["name"] for r in records] == ["B", "A"]
    assert records[1]["hash"] == "new" and records[1]["order"] > first["B"] > first["A"]


def test_a_selection_run_records_its_lines_on_the_cell_it_belongs_to(shell, tmp_path):
    ref = script(tmp_path)
    run(shell, ref, hashed(1, "q = 2", 5, "Train", selection={"firstLine": 5, "lastLine": 5}))
    (record,) = history(shell, ref)
    assert record["name"] == "Train" and record["selection"] == {"firstLine": 5, "lastLine": 5}


def test_odd_fields_are_not_kept(shell, tmp_path):
    ref = script(tmp_path)
    odd = {**cell(0, "w = 1", 1), "hash": 12, "selection": {"firstLine": 3, "lastLine": 1}}
    run(shell, ref, odd)
    (record,) = history(shell, ref)
    assert record["hash"] is None and "selection" not in record


def test_scripts_have_their_own_history_and_reset_forgets_it(shell, tmp_path):
    one, two = script(tmp_path, name="one.py"), script(tmp_path, name="two.py")
    run(shell, one, hashed(0, "a = 1", 1))
    run(shell, two, hashed(0, "b = 1", 1, "B"))
    assert [r["name"] for r in history(shell, one)] == [None]
    assert call(shell, op="reset", script=one)["ok"]
    assert history(shell, one) == []
    assert [r["name"] for r in history(shell, two)] == ["B"]


def test_the_history_is_bounded(shell, tmp_path, monkeypatch):
    monkeypatch.setattr(runtime, "MAX_HISTORY_CELLS", 3)
    ref = script(tmp_path)
    run(shell, ref, *[hashed(i, f"v{i} = {i}", i + 1, f"C{i}") for i in range(5)])
    assert [r["name"] for r in history(shell, ref)] == ["C2", "C3", "C4"]


def test_a_long_error_message_is_cut(shell, tmp_path):
    ref = script(tmp_path)
    run(shell, ref, hashed(0, "raise ValueError('x' * 100000)", 1))
    (record,) = history(shell, ref)
    assert len(record["error"]["evalue"]) == runtime.MAX_HISTORY_EVALUE


def test_history_needs_a_script_id(shell):
    reply = call(shell, op="history", script={})
    assert reply["ok"] is False and reply["error"]["kind"] == "bad-request"


def test_a_run_can_keep_the_notebook_cell_that_asked_in_the_input_history(shell, tmp_path):
    ref = script(tmp_path)
    before = shell.execution_count
    reply = call(
        shell,
        op="run",
        script=ref,
        cells=[cell(0, "x = 1", 2, "Setup")],
        lineCount=3,
        history={"source": "%cs run Setup"},
    )
    assert reply["ok"], reply
    # The cell took the next count, and In / %history hold its text as typed.
    assert reply["result"]["executionCount"] == before
    assert shell.execution_count == before + 1
    assert shell.user_ns["In"][before] == "%cs run Setup"
    # Without an entry, a run leaves the count alone.
    again = run(shell, ref, cell(0, "x = 1", 2, "Setup"))
    assert "executionCount" not in again
    assert shell.execution_count == before + 1
